"""One document's way through the pipeline: its stages, in order, as the functions that run them.

  read     hash the file, count its pages, take the text of its text layers          worker
  ocr      Tesseract on every page without text                                      worker
  repair   text_clean and the corrections; those an archivist rejected are undone    worker
  extract  cities, dates, amounts, records; the fields an archivist set by hand win  worker
  store    text and ALTO files, the searchable PDF, one database transaction         main process

``STAGES`` lists the first four; ``run`` takes a document through them (or through the ones
given), and every way of running calls it or its pieces: a Dask worker runs all four on the
document it was sent (``run_bytes``); ``pipeline ocr`` runs read and ocr; ``pipeline reprocess``
runs repair and extract on stored pages; the local pool (``local.py``) spreads the pieces of read
and ocr of many documents over its workers — a document's ``plan``, then its ``Unit``s: chunks
of text-layer pages and one page image each — and then runs the text stages (``TEXT_STAGES``)
on a worker that keeps the models loaded. ``store`` is left to the main process (``ingest.py``,
``reprocess.py``): the database has one writer, and the main process stays free to feed the workers.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors, faults, overrides
from pipeline.errors import UnsupportedFile, one_line
from pipeline.record import TEXT_LAYER, Document, Page
from pipeline.run.budget import Budget, OverBudget
from pipeline.sources import image as image_file
from pipeline.sources import textfile
from pipeline.sources.discover import sha256_of

log = logging.getLogger("pipeline")

PDF_CHUNK = 16  # text-layer pages a unit reads


@dataclass(frozen=True)
class Options:
    force_ocr: bool = False
    page_timeout: float = 300.0  # seconds Tesseract may take on a page
    max_pixels: int = image_file.DEFAULT_MAX_PIXELS
    spool_dir: str | None = None  # where OCR'd pages leave their ALTO instead of in memory
    text_timeout: float = 60.0  # seconds repair and extraction may take on a document (budget.py)
    letter_choices: bool = False  # Tesseract's letter choices, the repair's evidence (ingest --letter-choices)
    old_print: bool = False  # the run's documents are OCR of old print (ingest --old-print)


@dataclass(frozen=True)
class Context:
    """What every stage may need besides the document: sent once with each piece of work."""

    opts: Options = Options()
    overrides: overrides.Overrides = overrides.NONE
    # (surname, first name) -> stored documents that read it: the collection's people (Store.person_names)
    person_names: dict = field(default_factory=dict)
    # (surname, first name, another) -> stored documents that read both (Store.people_together)
    people_together: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    """A piece of a document's reading that a worker runs alone: ``task(*args)`` returns the pages
    it read and the units it found still to run."""

    task: Callable[..., tuple[list[Page], list[Unit]]]
    args: tuple


@dataclass
class Plan:
    sha256: str
    n_pages: int
    pages: list[Page] = field(default_factory=list)  # pages read at once (a text file)
    units: list[Unit] = field(default_factory=list)  # what is left to read


# --- read: files -> pages ---------------------------------------------------------------------

def plan(path: Path, kind: str, opts: Options) -> Plan:
    """How a document is read: its hash and page count, the pages a text file gives at once, and
    the units still to run (chunks of PDF pages; one page image each)."""
    faults.reached("in-worker", key=path.name)
    if not os.access(path, os.R_OK):
        raise UnsupportedFile(f"{path.name}: permission denied (file is not readable)")
    if path.stat().st_size == 0:
        raise UnsupportedFile(f"{path.name}: empty file (0 bytes)")
    digest = sha256_of(path)
    if kind == "text":
        texts = textfile.read_pages(path)
        return Plan(digest, len(texts), pages=[Page(page_no=i, method=TEXT_LAYER, text_raw=t)
                                               for i, t in enumerate(texts, start=1)])
    if kind == "pdf":
        from pipeline.sources import pdf as pdf_file  # here: a run of text files never loads pdfplumber

        with open(path, "rb") as f:
            if b"%PDF" not in f.read(1024):
                raise UnsupportedFile(f"{path.name}: not a PDF (no PDF header; wrong extension?)")
        n = pdf_file.page_count(path)
        if n == 0:
            raise UnsupportedFile(f"{path.name}: PDF has no pages")
        return Plan(digest, n, units=[Unit(pdf_pages, (path, first, min(first + PDF_CHUNK - 1, n), opts))
                                      for first in range(1, n + 1, PDF_CHUNK)])
    if kind == "image":
        n = image_file.frame_count(path, opts.max_pixels)
        return Plan(digest, n, units=[Unit(ocr_image_page, (path, i, opts)) for i in range(1, n + 1)])
    raise UnsupportedFile(f"{path.name}: unsupported kind {kind}")


def pdf_pages(path: Path, first: int, last: int, opts: Options) -> tuple[list[Page], list[Unit]]:
    """A chunk of PDF pages: those read from their text layer, and a unit for each page to OCR."""
    from pipeline.sources import pdf as pdf_file

    _, infos = pdf_file.inspect(path, opts.force_ocr, first, last)
    pages = [info.page for info in infos if not info.needs_ocr]
    return pages, [Unit(ocr_pdf_page, (path, info.page_no, info.native_dpi, opts)) for info in infos if info.needs_ocr]


def read(doc: Document, ctx: Context) -> Document:
    """Stage read, in this process: the document's plan, its text-layer pages; ``doc.pending``:
    the page images left for ``ocr``."""
    planned = plan(doc.path, doc.kind, ctx.opts)
    doc.sha256, doc.n_pages, doc.pages = planned.sha256, planned.n_pages, list(planned.pages)
    units = list(planned.units)
    while units and units[0].task is pdf_pages:
        pages, more = _do(units.pop(0))
        doc.pages.extend(pages)
        units.extend(more)
    doc.pages.sort(key=lambda p: p.page_no)
    doc.pending = units
    return doc


# --- ocr: page images -> text -----------------------------------------------------------------

def ocr_pdf_page(path: Path, page_no: int, native_dpi: float | None, opts: Options) -> tuple[list[Page], list[Unit]]:
    """A PDF page OCR'd without what is laid over it (the prefecture's stamp, a typed note), each
    of those read apart and its text put after the page's, as a block of its own."""
    from pipeline.recognition.page import read_overlay
    from pipeline.recognition.render import render_apart

    image, dpi, laid = render_apart(path, page_no, native_dpi)
    page = _recognised(image, page_no, dpi, opts)
    told = [text for crop in laid if (text := read_overlay(crop, dpi, opts.page_timeout))]
    if told:
        page.text_raw = "\n\n".join([page.text_raw.rstrip("\n"), *told]) + "\n"
    return [page], []


def ocr_image_page(path: Path, page_no: int, opts: Options) -> tuple[list[Page], list[Unit]]:
    image = image_file.load_frame(path, page_no, opts.max_pixels)
    return [_recognised(image, page_no, None, opts)], []


def _recognised(image, page_no: int, dpi: float | None, opts: Options) -> Page:
    """One page image OCR'd; its ALTO, measured on the scan, left in the spool folder when there
    is one (a 1,000-page scan does not sit in memory)."""
    from pipeline.recognition.page import ocr_image

    page = ocr_image(image, page_no, dpi, timeout=opts.page_timeout, choices=opts.letter_choices)
    if opts.spool_dir and page.alto:
        fd, name = tempfile.mkstemp(prefix=f"page-{page_no}-", suffix=".xml", dir=opts.spool_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page.alto)
        page.alto, page.alto_file = None, name
    return page


def ocr(doc: Document, ctx: Context) -> Document:
    """Stage ocr, in this process: every page image ``read`` left, one after the other."""
    units = list(doc.pending)
    while units:
        pages, more = _do(units.pop(0))
        doc.pages.extend(pages)
        units.extend(more)
    doc.pending = []
    doc.pages.sort(key=lambda p: p.page_no)
    return doc


def _do(unit: Unit) -> tuple[list[Page], list[Unit]]:
    return unit.task(*unit.args)


# --- repair and extract: the text stages ------------------------------------------------------

def repair(doc: Document, ctx: Context) -> Document:
    """Stage repair: ``text_clean`` and the corrections; the corrections an archivist rejected
    are undone (``overruled``). A document is old print when the run declares it so or when it
    was declared so at its ingest (``reprocess``)."""
    from pipeline import repair as repairing  # here: `pipeline ocr` never needs the lexicon

    doc.old_print = doc.old_print or ctx.opts.old_print
    repairing.repair_document(doc, ctx.person_names, ctx.people_together)
    return overruled(doc, ctx)


def overruled(doc: Document, ctx: Context) -> Document:
    """The corrections an archivist rejected or protected (``overrides.json``) undone in
    ``text_clean``: after the repair, or alone when only the extraction runs again."""
    overrides.apply_to_text(doc, ctx.overrides)
    return doc


def extract(doc: Document, ctx: Context) -> Document:
    """Stage extract: cities, clusters, dates, amounts, records; the fields an archivist set by
    hand win (what found nothing to apply to is left in ``doc.notes``)."""
    from pipeline import extraction  # here: `pipeline ocr` never needs the gazetteer nor spaCy

    from pipeline.extraction import places

    faults.reached("backtracking", key=doc.path.name)
    with places.tagging(_tagged_lines(doc)) as used:
        extraction.extract_document(doc)
    model = places.model_version()
    for page in doc.pages:  # each page keeps the lines of its own that were tagged, for a reprocess
        text = page.text_clean if page.text_clean is not None else page.text_raw
        mine = {line: used[line] for line in text.split("\n") if line in used}
        page.tagged = {"model": model, "lines": mine} if mine else None
    doc.notes = overrides.apply_to_records(doc, ctx.overrides)
    return doc


def _tagged_lines(doc: Document) -> dict[str, list]:
    """The lines of ``doc`` the same tagger read before (stored with its pages), with their places."""
    from pipeline.extraction import places

    model = places.model_version()
    return {line: found for page in doc.pages if page.tagged and page.tagged.get("model") == model
            for line, found in page.tagged["lines"].items()}


def _tagger_for(doc: Document) -> None:
    """spaCy's model loaded now if the extraction of ``doc`` will ask its tagger: only for a text
    that names a city the tagger could add (``places.could_tag``), in a line it has not read
    before (``reprocess``: lines whose text did not change keep what it found)."""
    from pipeline.extraction import places

    if places.could_tag(doc.text_clean) and places.untagged(doc.text_clean, _tagged_lines(doc)):
        places.nlp()


STAGES: tuple[Callable[[Document, Context], Document], ...] = (read, ocr, repair, extract)
TEXT_STAGES = (repair, overruled, extract)  # run on a worker that keeps the models, under one time budget
STARTS = {"clean": (repair, extract), "extract": (overruled, extract)}  # `pipeline reprocess --from`


def run(doc: Document, ctx: Context, stages=STAGES) -> Document:
    """``doc`` through ``stages``, in this process. The text stages share one time budget
    (``budget.py``); past it, or on a bug met there, the document fails in one line and the run
    goes on. The reading stages' errors are the caller's: a file that cannot be read."""
    text = [stage for stage in stages if stage in TEXT_STAGES]
    for stage in stages:
        if stage not in TEXT_STAGES:
            doc = stage(doc, ctx)
    if not text:
        return doc
    try:
        with Budget(ctx.opts.text_timeout, pages=len(doc.pages)) as budget:
            faults.reached("in-finish", key=doc.path.name)
            for stage in text:
                budget.stage = "extraction" if stage is extract else "repair"
                if stage is extract:
                    with budget.paused():  # spaCy's model loads, when this text needs it, outside the budget
                        _tagger_for(doc)
                doc = stage(doc, ctx)
    except OverBudget as exc:
        doc.status, doc.error, doc.pages = "failed", str(exc), []
    except Exception as exc:
        if errors.stopped():
            raise
        log.debug("repair or extraction failed on %s", doc.source_path, exc_info=True)
        doc.status, doc.error, doc.pages = "failed", f"internal error: {one_line(exc)}", []
    return doc


def across_documents(db) -> int:
    """The checks made across documents once every document of a run (or of ``reprocess``) is
    stored: minutes whose items carry no number while the documents beside them number theirs
    go to review (``validate.unnumbered_among_numbered``). Returns how many documents it flags."""
    folders = db.numbering()
    if all(len(docs) < 2 for docs in folders.values()):
        return 0  # a document alone in its folder has no neighbours (and the extraction's patterns need not load here)
    from pipeline.extraction.records import validate

    flagged = validate.unnumbered_among_numbered(folders)
    db.add_issue(flagged, validate.UNNUMBERED, validate.CHECKS[validate.UNNUMBERED][0])
    return len(flagged)


def finish(doc: Document, ctx: Context) -> Document:
    """The text stages of a document whose pages are read: what the local pool sends a worker."""
    return run(doc, ctx, STAGES[2:])


def run_bytes(doc: Document, data: bytes, ctx: Context) -> Document:
    """``run`` on a document sent as bytes to another machine (a Dask worker): no shared file
    system is needed. The document comes back with the path it has where it was sent from."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    where = doc.path
    with tempfile.TemporaryDirectory(prefix="pipeline-doc-") as tmp:
        doc.path = Path(tmp) / where.name
        doc.path.write_bytes(data)
        try:
            return run(doc, ctx)
        finally:
            doc.path = where


# --- store: in the main process ---------------------------------------------------------------

def store(doc: Document, out_dir: Path, db, *, alto: bool = True, searchable_from: Path | None = None,
          keep_stat: bool = False, stored_before: bool = True) -> None:
    """Stage store: the document's text files (and its ALTO, ``alto``; ``reprocess`` keeps those
    the OCR wrote), its searchable PDF drawn from the original ``searchable_from``, then its rows
    in one transaction of ``db``. A document that failed keeps what was stored of it; a failure to
    write its files that is no disk's (a bug) fails the document, never the run."""
    from pipeline.store import searchable, textfiles

    if doc.status == "ok":
        try:
            textfiles.write_document(out_dir, doc, alto=alto)
            if searchable_from is not None:
                path = doc.path
                doc.path = searchable_from
                try:
                    searchable.write_pdf(out_dir, doc)
                finally:
                    doc.path = path
            faults.reached("after-files")
        except (OSError, errors.Interrupted):
            raise  # the output folder is unusable, or Ctrl-C / SIGTERM: the run stops
        except Exception as exc:  # a bug on one document must not stop the night
            if errors.stopped():
                raise
            log.debug("output failed", exc_info=True)
            doc.status, doc.error, doc.pages = "failed", f"internal error: {one_line(exc)}", []
    db.write(doc, keep_stat=keep_stat, stored_before=stored_before)
    textfiles.drop_spooled(doc)

