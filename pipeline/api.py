"""The library's front door; the command line is a thin layer over exactly these functions.

    import pipeline
    summary = pipeline.ingest("archive/", "out/")          # a folder in, text files and tables out
    doc = pipeline.ocr("scan.pdf")                          # one file: its pages and their text
    fixed = pipeline.clean("Le Consei1 municipa1 …")        # repaired text and every correction
    found = pipeline.extract("Pour : 52 ⏎ Adopté …")        # cities, dates, amounts, records …
    res = pipeline.open("out/")                             # the tables, as DataFrames, and SQL

``pipeline.ingest``, ``pipeline.ocr``, ``pipeline.clean`` and ``pipeline.extract`` are also the
names of the stage folders: calling one runs the function of the same name here (see
``_front.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


def ingest(in_dir, out_dir, *, jobs: int | None = None, force_ocr: bool = False, reprocess: bool = False,
           follow_links: bool = False, page_timeout: float = 300.0, text_timeout: float = 60.0, max_pixels: int | None = None,
           scheduler: str | None = None, overrides: str | Path | None = None, pdf: bool = False, progress=None,
           on_plan=None, on_pages=None):
    """Process every document of ``in_dir`` into ``out_dir`` (see the README's "Nightly runs").
    Returns the run's ``Summary``; ``summary.exit_code`` is 0 when every document succeeded.
    ``overrides``: the archivist's decisions (default ``out_dir/overrides.json``, see ``overrides.py``);
    ``pdf``: also write ``pdf/<name>.pdf``, each original searchable (``store/searchable.py``);
    ``text_timeout``: seconds repair and extraction may take on one document of up to 100 pages
    (``batch/budget.py``)."""
    from pipeline import faults
    from pipeline.batch.ingest import ingest as run

    faults.reached("internal-error")
    return run(Path(in_dir), Path(out_dir), jobs=jobs, force_ocr=force_ocr, reprocess=reprocess,
               follow_links=follow_links, page_timeout=page_timeout, text_timeout=text_timeout, max_pixels=max_pixels,
               scheduler=scheduler,
               overrides_file=Path(overrides) if overrides else None, pdf=pdf, progress=progress, on_plan=on_plan, on_pages=on_pages)


def reprocess(out_dir, *, start: str = "clean", overrides: str | Path | None = None, text_timeout: float = 60.0,
              progress=None):
    """Repair (``start="clean"``) or only extraction (``"extract"``) again for every document of
    ``out_dir``, from the stored pages, without OCR; honours ``overrides``. Returns the ``Changes``:
    ``changes.changed`` maps each document whose rows changed to the tables that did."""
    from pipeline.batch.reprocess import reprocess as run

    return run(Path(out_dir), start=start, overrides_file=Path(overrides) if overrides else None,
               text_timeout=text_timeout, progress=progress)


def ocr(path, *, jobs: int | None = None, force_ocr: bool = False, page_timeout: float = 300.0):
    """The pages of one PDF, image or text file: a ``Document`` whose ``pages`` carry the text
    read (``text_raw``), word boxes and confidences; ``doc.text_raw`` joins them with form feeds.
    Raises ``DocumentError`` when the file cannot be read."""
    from pipeline.batch import flow, runner, work
    from pipeline.errors import DocumentError, PipelineError, UsageError, one_line
    from pipeline.ingest.discover import kind_of, pages_of
    from pipeline.ocr import tesseract
    from pipeline.record import Document

    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    kind = kind_of(path)
    if kind != "text":
        tesseract.check_installed()
    doc = Document(path=path, source_path=path.name, name=path.stem, kind=kind)
    opts = work.Options(force_ocr=force_ocr, page_timeout=page_timeout)
    if (jobs or runner.default_jobs()) == 1 or pages_of(path, kind) <= 1:
        # nothing to spread over workers: starting a pool would cost more than the page
        try:
            flow.read(doc, flow.Context(opts))
        except PipelineError:
            raise
        except Exception as exc:  # what a worker would report as the document's failure
            raise DocumentError(one_line(exc)) from None
    else:
        runner.process([doc], opts, jobs or runner.default_jobs(), lambda d: None)
    if doc.status != "ok":
        raise DocumentError(doc.error or f"{path.name}: failed")
    return doc


@dataclass
class Cleaned:
    text: str  # the repaired text
    corrections: list = field(default_factory=list)  # clean.Correction: offsets, before, after, rule, score


def clean(text: str, *, lines: bool = False) -> Cleaned:
    """French OCR damage repaired. ``lines``: each line is a segment, one output line per input line."""
    from pipeline.clean import repair_text, repairer

    repaired, changes = repair_text(text, lines=lines, repairer=repairer())
    return Cleaned(repaired, changes)


def extract(text: str, *, repair: bool = True) -> dict:
    """Cities, clusters, dates, amounts and deliberation records of ``text`` (pages separated by
    form feeds), as the JSON of ``pipeline extract``; the text is repaired first unless ``repair``
    is False."""
    from pipeline.extract import extract_text

    if repair:
        text = clean(text).text
    return extract_text(text)


def verify(out_dir, *, repair: bool = False):
    """Whether the database, the published snapshot, the text, ALTO and PDF files and the run
    reports of ``out_dir`` agree (``store/verify.py``); ``repair``: mend what differs first.
    Returns the ``Verdict``: ``verdict.differences`` (each with ``line()``), ``verdict.repaired``,
    ``verdict.exit_code`` (0 when all agree)."""
    from pipeline.store.verify import verify as run

    return run(Path(out_dir), repair=repair)


def open(out_dir):  # noqa: A001 - pipeline.open(OUT_DIR), as a notebook user expects
    """The results of ``pipeline ingest`` in ``out_dir``: ``res.deliberations`` (a DataFrame of
    the current rows), ``res.table(name, removed=True)``, ``res.sql("SELECT …")``. Reads the last
    published snapshot: the nightly run goes on writing while it is open."""
    from pipeline.store.results import Results

    return Results(Path(out_dir))
