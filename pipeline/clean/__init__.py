"""Repair of French OCR artefacts, each change recorded (see ``repair.py``)."""

from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache

from pipeline.clean.repair import Correction, Repairer, repair_text
from pipeline.record import OCR, Document

__all__ = ["Correction", "Repairer", "repair_document", "repair_text", "repairer"]


_LOADING = threading.Lock()


def _shared_lexicon():
    with _LOADING:  # loaded once even when a warm-up thread asks at the same time
        return _load_lexicon()


@lru_cache(maxsize=1)
def _load_lexicon():
    from pipeline.clean.lexicon import load

    lex = load()
    lex.same_skeleton("")  # build the candidate index now, not on the first unknown word
    return lex


def repairer() -> Repairer:
    """A fresh repairer over the shared lexicon (loaded once per process)."""
    return Repairer(_shared_lexicon())


def repair_document(doc: Document, person_names: dict | None = None) -> Document:
    """Fill ``text_clean`` of every page and ``doc.corrections``.

    Only OCR output is repaired: pages OCR'd here (their word confidences protect confident
    words), text files (already-OCR'd text) and text layers lying over a scanned image. The
    text of a born-digital page is the document itself and is kept as it is.
    The document is its own collection: names it spells the same way several times are protected.
    ``person_names`` are the collection's: (surname, first name) -> the stored documents that read
    the pair (``Store.person_names``); this document's own earlier reading is not counted for it.
    """
    rep = repairer()
    rep.learn(doc.text_raw)
    read_here = dict(rep.pairs)  # the pairs learn() read in this document, before the collection's
    if person_names:
        rep.add_people(Counter(person_names) - Counter(dict.fromkeys(doc.person_names, 1)))
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

from pipeline._front import make_callable  # noqa: E402

make_callable(__name__)  # pipeline.clean(...) runs api.clean
