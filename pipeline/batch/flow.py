"""One document's way through the pipeline: the stages, declared once, in order.

  read     hash the file, count its pages, take the text of its text layers          worker
  ocr      Tesseract on every page without text (one unit of work a page)           worker
  repair   text_clean and the corrections; those an archivist rejected are undone    worker
  extract  cities, dates, amounts, records; the fields an archivist set by hand win  worker
  store    text and ALTO files, the searchable PDF, one database transaction         main process

Every way of running goes through these functions: the local pool (``runner.py``) spreads the
read and ocr units of many documents over its workers, then runs ``finish`` (repair, extract) as
one more unit on a worker; a Dask worker runs ``run`` on the document it was sent; ``pipeline
reprocess`` calls ``finish`` on stored pages; ``pipeline ocr`` stops after ocr. Only ``store`` is
left to the main process (``ingest.py``, ``reprocess.py``): the database has one writer, and the
main process stays free to keep many workers fed.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import errors, faults, overrides
from pipeline.batch import work
from pipeline.batch.budget import Budget, OverBudget
from pipeline.errors import one_line
from pipeline.record import Document

log = logging.getLogger("pipeline")

STAGES = ("read", "ocr", "repair", "extract", "store")
STARTS = {"clean": "repair", "extract": "extract"}  # `pipeline reprocess --from` -> the first stage run


@dataclass(frozen=True)
class Context:
    """What every stage may need besides the document: sent once with each unit of work."""

    opts: work.Options = work.Options()
    overrides: overrides.Overrides = overrides.NONE
    # (surname, first name) -> stored documents that read it: the collection's people (Store.person_names)
    person_names: dict = field(default_factory=dict)


def read(doc: Document, ctx: Context) -> Document:
    """Stages read and ocr in this process, page after page."""
    doc.sha256, doc.n_pages, doc.pages = work.process_path(doc.path, doc.kind, ctx.opts)
    return doc


def finish(doc: Document, ctx: Context, start: str = "repair") -> Document:
    """Stages repair and extract (from ``start``) on a document whose pages are read. A bug met
    on one document fails that document, in one line, and never the run; the overrides that
    found nothing to apply to are left in ``doc.notes``."""
    if start not in ("repair", "extract"):
        raise ValueError(f"finish starts at repair or extract, not {start!r}")
    from pipeline import clean, extract  # here: `pipeline ocr` never needs their models

    try:
        with Budget(ctx.opts.text_timeout, pages=len(doc.pages)) as budget:
            faults.reached("in-finish", key=doc.path.name)
            if start == "repair":
                clean.repair_document(doc, ctx.person_names)
            overrides.apply_to_text(doc, ctx.overrides)
            budget.stage = "extraction"
            faults.reached("backtracking", key=doc.path.name)
            extract.extract_document(doc)
            doc.notes = overrides.apply_to_records(doc, ctx.overrides)
    except OverBudget as exc:
        doc.status, doc.error, doc.pages = "failed", str(exc), []
    except Exception as exc:
        if errors.stopped():
            raise
        log.debug("repair or extraction failed on %s", doc.source_path, exc_info=True)
        doc.status, doc.error, doc.pages = "failed", f"internal error: {one_line(exc)}", []
    return doc


def run(doc: Document, ctx: Context) -> Document:
    """Every stage but store, in this process."""
    return finish(read(doc, ctx), ctx)


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
