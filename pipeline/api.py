"""The library's front door: every verb a user calls, as plain functions; the command line is
a thin layer over exactly these.

    import pipeline
    summary = pipeline.ingest("archive/", "out/")           # a folder in, text files and tables out
    doc = pipeline.ocr("scan.pdf")                           # one file: its pages and their text
    fixed = pipeline.clean("Le Consei1 municipa1 …")         # repaired text and every correction
    found = pipeline.extract("Pour : 52 ⏎ Adopté …")         # cities, dates, amounts, records …
    res = pipeline.open("out/")                              # the tables, as DataFrames, and SQL
    hits = pipeline.search("out/", "subventions -football")  # ranked pages with a snippet each
    verdict = pipeline.verify("out/")                        # do the database, snapshot and files agree?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


def ingest(in_dir, out_dir, *, jobs: int | None = None, force_ocr: bool = False, reprocess: bool = False,
           follow_links: bool = False, page_timeout: float = 300.0, text_timeout: float = 60.0, max_pixels: int | None = None,
           scheduler: str | None = None, scheduler_timeout: float = 20.0, letter_choices: bool = False,
           old_print: bool = False, overrides: str | Path | None = None, pdf: bool = False, progress=None, on_plan=None, on_pages=None):
    """Process every document of ``in_dir`` into ``out_dir`` (see the README's "Nightly runs").
    Returns the run's ``Summary``; ``summary.exit_code`` is 0 when every document succeeded.
    ``overrides``: the archivist's decisions (default ``out_dir/overrides.json``, see ``overrides.py``);
    ``pdf``: also write ``pdf/<name>.pdf``, each original searchable (``store/searchable.py``);
    ``text_timeout``: seconds repair and extraction may take on one document of up to 100 pages
    (``run/budget.py``); ``scheduler_timeout``: seconds to reach the Dask ``scheduler``;
    ``letter_choices``: ask Tesseract for the other letters it weighed, the repair's evidence;
    ``old_print``: the documents are OCR of old printed books or periodicals, repaired as their
    transcriptions are set (as ``clean(old_print=True)``), and so again by ``reprocess``."""
    from pipeline import faults
    from pipeline.run.ingest import ingest as run

    faults.reached("internal-error")
    return run(Path(in_dir), Path(out_dir), jobs=jobs, force_ocr=force_ocr, reprocess=reprocess,
               follow_links=follow_links, page_timeout=page_timeout, text_timeout=text_timeout, max_pixels=max_pixels,
               scheduler=scheduler, scheduler_timeout=scheduler_timeout, letter_choices=letter_choices,
               old_print=old_print, overrides_file=Path(overrides) if overrides else None, pdf=pdf, progress=progress, on_plan=on_plan, on_pages=on_pages)


def reprocess(out_dir, *, start: str = "clean", overrides: str | Path | None = None, text_timeout: float = 60.0,
              progress=None):
    """Repair (``start="clean"``) or only extraction (``"extract"``) again for every document of
    ``out_dir``, from the stored pages, without OCR; honours ``overrides``. Returns the ``Changes``:
    ``changes.changed`` maps each document whose rows changed to the tables that did."""
    from pipeline.run.reprocess import reprocess as run

    return run(Path(out_dir), start=start, overrides_file=Path(overrides) if overrides else None,
               text_timeout=text_timeout, progress=progress)


def ocr(path, *, jobs: int | None = None, force_ocr: bool = False, page_timeout: float = 300.0):
    """The pages of one PDF, image or text file: a ``Document`` whose ``pages`` carry the text
    read (``text_raw``), word boxes and confidences; ``doc.text_raw`` joins them with form feeds.
    Raises ``DocumentError`` when the file cannot be read."""
    from pipeline.errors import DocumentError, PipelineError, UsageError, one_line
    from pipeline.recognition import tesseract
    from pipeline.record import Document
    from pipeline.run import local, pool, stages
    from pipeline.sources.discover import kind_of, pages_of

    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    kind = kind_of(path)
    if kind != "text":
        tesseract.check_installed()
    doc = Document(path=path, source_path=path.name, name=path.stem, kind=kind)
    opts = stages.Options(force_ocr=force_ocr, page_timeout=page_timeout)
    if (jobs or pool.default_jobs()) == 1 or pages_of(path, kind) <= 1:
        # nothing to spread over workers: starting a pool would cost more than the page
        try:
            stages.run(doc, stages.Context(opts), (stages.read, stages.ocr))
        except PipelineError:
            raise
        except Exception as exc:  # what a worker would report as the document's failure
            raise DocumentError(one_line(exc)) from None
    else:
        local.process([doc], opts, jobs or pool.default_jobs(), lambda d: None)
    if doc.status != "ok":
        raise DocumentError(doc.error or f"{path.name}: failed")
    return doc


@dataclass
class Cleaned:
    text: str  # the repaired text
    corrections: list = field(default_factory=list)  # record.Correction: offsets, before, after, rule, score


def clean(text: str, *, lines: bool = False, old_print: bool = False) -> Cleaned:
    """French OCR damage repaired. ``lines``: each line is a segment, one output line per input
    line. ``old_print``: the text is OCR of old printed books or periodicals (the legacy OCR
    archives hold), repaired as their transcriptions are set: a dash standing alone joins what
    it opens, no accent added that old print did not set, no list bullets."""
    from pipeline.repair import repair_text, repairer

    repaired, changes = repair_text(text, lines=lines, repairer=repairer(old_print=old_print))
    return Cleaned(repaired, changes)


def extract(text: str, *, repair: bool = True) -> dict:
    """Cities, clusters, dates, amounts and deliberation records of ``text`` (pages separated by
    form feeds), as the JSON of ``pipeline extract``; the text is repaired first unless ``repair``
    is False."""
    from pipeline.extraction import extract_text

    if repair:
        text = clean(text).text
    return extract_text(text)


def verify(out_dir, *, repair: bool = False):
    """Whether the database, the published snapshot, the text, ALTO and PDF files and the run
    reports of ``out_dir`` agree (``store/verify.py``); ``repair``: mend what differs first.
    Returns the ``Verdict``: ``verdict.differences`` (each with ``line()``), ``verdict.repaired``,
    ``verdict.exit_code`` (0 when all agree)."""
    from pipeline.store.integrity import verify as run

    return run(Path(out_dir), repair=repair)


def open(out_dir):  # noqa: A001 - pipeline.open(OUT_DIR), as a notebook user expects
    """The results of ``pipeline ingest`` in ``out_dir``: ``res.deliberations`` (a DataFrame of
    the current rows), ``res.table(name, removed=True)``, ``res.sql("SELECT …")``. Reads the last
    published snapshot: the nightly run goes on writing while it is open."""
    from pipeline.store.frames import Results

    return Results(Path(out_dir))


def search(out_dir, query: str, *, records: bool = False, commune: str | None = None, date_from: str | None = None,
           date_to: str | None = None, layout: str | None = None, limit: int = 20) -> "Rows":
    """Full-text search of the last published results of ``out_dir``: the pages (``records``: the
    deliberation records) holding every word of ``query`` — any case or accents, French forms of
    a word alike, "a phrase", ``-word`` left out, a typo one letter off still found — best first,
    with the document, page, session date, commune and a snippet marking the words (``**``).
    Filters: ``commune``, session dates ``date_from``/``date_to`` (ISO, inclusive), ``layout``.
    Never blocks a nightly run."""
    from pipeline.errors import UsageError
    from pipeline.store import search as index
    from pipeline.store import snapshots

    if snapshots.current(Path(out_dir)) is None:
        raise UsageError(f"{out_dir}: no published results here (run `pipeline ingest IN_DIR --out {out_dir}` first)")
    hits = index.search(Path(out_dir), query, snapshots.live(Path(out_dir)), records=records, commune=commune, date_from=date_from,
                        date_to=date_to, layout=layout, limit=limit)
    return Rows(list(index.COLUMNS), [tuple(getattr(h, c) for c in index.COLUMNS) for h in hits])


@dataclass
class Rows:
    """What a query returns: the column names and the rows, as plain Python values (ISO dates,
    exact decimals as strings, lists), one spelling each, as the CLI prints them."""

    columns: list[str]
    rows: list[tuple]


def query(out_dir, sql: str) -> Rows:
    """Any SQL over the last published results of ``out_dir`` (``documents``, ``deliberations`` …,
    and ``current.<table>`` without the documents removed from the archive). Never blocks a
    nightly run. A bad statement raises ``UsageError`` ("SQL error: …")."""
    import duckdb

    from pipeline.errors import UsageError
    from pipeline.store.export import plain
    from pipeline.store.frames import connect

    con = connect(Path(out_dir))
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return Rows(columns, [tuple(plain(v) for v in row) for row in cursor.fetchall()])
    except duckdb.Error as exc:
        raise UsageError(f"SQL error: {' '.join(str(exc).split())}") from None
    finally:
        con.close()


@dataclass
class Exported:
    """What an export wrote: ``rows`` (SCDL), the ``missing`` required SCDL values (column ->
    rows left empty) and what the user should read (``lines``)."""

    target: Path
    rows: int = 0
    missing: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def export(out_dir, target, *, format: str = "scdl", config=None, siret: str | None = None,  # noqa: A002
           collectivite: str | None = None, matiere: tuple[str | None, str | None] | None = None) -> Exported:
    """The current results of ``out_dir`` as SCDL Délibérations (``format="scdl"``: one CSV at
    ``target``; the settings the documents do not give come from ``config``, a JSON file, and the
    keywords), or every table as ``csv``, ``parquet``, ``json`` or ``xlsx`` files in the folder
    ``target``. Nothing is invented: what SCDL requires and nobody gave is left empty and listed."""
    from pipeline.errors import UsageError, one_line
    from pipeline.store import export as exports
    from pipeline.store.frames import connect

    target = Path(target)
    con = connect(Path(out_dir))
    try:
        if format == "scdl":
            settings = exports.load_config(Path(config) if config else None)
            if siret:
                settings["siret"] = siret
            if collectivite:
                settings["collectivite"] = collectivite
            if matiere and any(matiere):
                settings.setdefault("matiere", {})["default"] = list(matiere)
            report = exports.scdl(con, target, settings)
            return Exported(target, report.rows, report.missing,
                            report.lines() + [f"{report.rows} deliberations written to {target}"])
        if format not in exports.FORMATS:
            raise UsageError(f"--format must be scdl or one of {', '.join(exports.FORMATS)}")
        warnings = exports.tables(con, target, format)
        return Exported(target, lines=[f"warning: {w}" for w in warnings] + [f"every table written to {target}/ as {format}"])
    except OSError as exc:
        raise UsageError(f"{target}: cannot write ({one_line(exc)})") from None
    finally:
        con.close()


def review(out_dir) -> Path:
    """Write ``out_dir/review/``, the offline site where an archivist sees each document and
    overrules the software; returns its ``index.html``."""
    from pipeline.review_site import build

    return build(Path(out_dir))


def read_text(source) -> str:
    """The text of a file, or of standard input (``"-"``), in any common encoding (UTF-8, CP1252,
    Latin-1 …), with Unix line ends: what ``pipeline clean`` and ``pipeline extract`` read."""
    import sys

    from pipeline.errors import UsageError
    from pipeline.sources.textfile import decode

    if str(source) == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise UsageError(f"{source}: no such file")
        data = path.read_bytes()
    return decode(data, str(source)).replace("\r\n", "\n").replace("\r", "\n")
