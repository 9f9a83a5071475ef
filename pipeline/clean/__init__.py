"""Repair of French OCR artefacts (the repair issue builds the engine here).

Until it lands, ``text_clean`` is the raw text, as the ingest contract allows.
"""

from __future__ import annotations

from pipeline.record import Document


def repair_document(doc: Document) -> Document:
    for page in doc.pages:
        page.text_clean = page.text_raw
    return doc
