"""What happens to a document once its pages are read, in order — the same for ``ingest`` and
``reprocess`` (which starts again from the stored pages, without OCR):

  repair     clean.repair_document: text_clean and the corrections (from "clean")
  overrules  the corrections an archivist rejected are undone (overrides.json)
  extract    extract.extract_document: cities, dates, amounts, records (from "extract")
  by hand    the record fields an archivist set replace the extracted values
"""

from __future__ import annotations

from pipeline import clean, extract, overrides
from pipeline.record import Document

STARTS = ("clean", "extract")


def after_reading(doc: Document, ov: overrides.Overrides = overrides.NONE, start: str = "clean") -> list[str]:
    """Run the stages from ``start``; returns the overrides that found nothing to apply to, in words."""
    if start not in STARTS:
        raise ValueError(f"start must be one of {STARTS}")
    if start == "clean":
        clean.repair_document(doc)
    overrides.apply_to_text(doc, ov)
    extract.extract_document(doc)
    return overrides.apply_to_records(doc, ov)
