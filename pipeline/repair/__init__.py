"""Repair of French OCR damage, each change recorded.

  repairer.py   the Repairer: what the collection teaches, then each page's edits applied in one pass
  mode.py       how a text is read (historical, long s, unfamiliar), decided before its repair
  families.py   the families of damage, in order: forced, hyphen, elision, ordinal, bullet, long s,
                numerals, first names, capitals, words
  words.py      the word model: what may change, and into what (lexicon, OCR-aware edit costs)
  history.py    the period's spellings, which are kept, and the long s of old print, which is not
  context.py    a/à, ou/où, la/là, participles and the subject slot, decided on the repaired neighbours
  numerals.py   Roman numerals of section headings read as letters, given by the headings' sequence
  names.py      first names of attendance lists, from the collection and the registry
  offsets.py    edits, their offsets in the raw and the repaired text, and Tesseract's words in it
  lexicon.py, confusion.py   the models: French words and frequencies, OCR's letter confusions
"""

from __future__ import annotations

from collections import Counter

from pipeline.record import OCR, Correction, Document
from pipeline.repair.lexicon import shared
from pipeline.repair.repairer import Repairer, repair_text

__all__ = ["Correction", "Repairer", "repair_document", "repair_text", "repairer"]


def repairer(*, old_print: bool = False) -> Repairer:
    """A fresh repairer over the shared lexicon (loaded once per process); ``old_print``: the
    text is OCR of old printed books or periodicals (``mode.py``)."""
    return Repairer(shared(), old_print=old_print)


def repair_document(doc: Document, person_names: dict | None = None, together: dict | None = None) -> Document:
    """Fill ``text_clean`` of every page and ``doc.corrections``.

    Only OCR output is repaired: pages OCR'd here (their word confidences protect confident
    words), text files (already-OCR'd text) and text layers lying over a scanned image. The
    text of a born-digital page is the document itself and is kept as it is.
    The document is its own collection: names it spells the same way several times are protected.
    ``person_names`` are the collection's: (surname, first name) -> the stored documents that read
    the pair (``Store.person_names``); this document's own earlier reading is not counted for it.
    ``together``: (surname, first name, another) -> the stored documents that read both.
    ``doc.old_print``: OCR of old print, repaired as its transcriptions are set (``mode.py``).
    """
    rep = repairer(old_print=doc.old_print)
    rep.learn(doc.text_raw)
    read_here = dict(rep.pairs)  # the pairs learn() read in this document, before the collection's
    if person_names:
        rep.add_people(Counter(person_names) - Counter(dict.fromkeys(doc.person_names, 1)), together or {})
    doc.person_names = read_here
    doc.corrections = []
    for page in doc.pages:
        if not (page.method == OCR or doc.kind != "pdf" or page.over_image):
            page.text_clean = page.text_raw
            continue
        words = page.words if page.method == OCR else None
        page.text_clean, corrections = rep.repair(page.text_raw, page=page.page_no, words=words)
        doc.corrections.extend(corrections)
    return doc
