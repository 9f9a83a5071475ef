"""Repair of French OCR text, with an audit of every change.

A ``Repairer`` learns from the whole collection (the spellings of its names, the people its
attendance lists name, whether it is old print), then repairs each page: the page's ``Mode`` is
decided first (``mode.py``), every family of damage proposes edits on the raw text in order
(``families.py``; an earlier family wins where two overlap), the context repairs decide on the
repaired neighbours (``context.py``), and the edits are applied in one pass, each becoming a
``Correction`` with its offsets in the raw and in the repaired text (``offsets.py``).
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.record import Correction
from pipeline.repair import context, mode, names
from pipeline.repair.families import FAMILIES, Page
from pipeline.repair.lexicon import Lexicon, load
from pipeline.repair.offsets import Edit, apply, to_raw, trusted_spans
from pipeline.repair.words import WordModel


class Repairer:
    """Repairs page texts. Holds the lexicon and what the collection has taught it."""

    def __init__(self, lexicon: Lexicon | None = None, *, old_print: bool = False):
        self.model = WordModel(lexicon or load())
        self.collection = mode.Collection()
        self.old_print = old_print  # declared: OCR of old printed books and periodicals (mode.py)
        self.mode = mode.Mode(old_print=old_print)  # and what the whole collection shows (learn): historical, long s

    @property
    def lex(self) -> Lexicon:
        return self.model.lex

    @property
    def pairs(self):
        """(surname, first name) -> times read in this collection (``add_people``)."""
        return self.model.pairs

    def learn(self, text: str) -> None:
        """Learn from the whole collection: a name spelled the same way several times is its
        spelling and wins over any dictionary guess; old spellings (avoit) and long-s damage
        (eft) seen often enough set the collection's historical and long-s modes."""
        lex = self.model.lex
        self.add_people(names.pairs_of(text, lex.knows))
        for m in mode.TOKEN.finditer(text):
            w = m.group()
            name = w[0].isupper() and not w.isupper() and not lex.knows(w)
            if name:
                self.model.names[w] += 1
            self.model.seen[w.lower()] += 1
            self.collection.count(w, lex, name=name)
        self.mode = replace(self.collection.mode(), old_print=self.old_print)

    def add_people(self, pairs, together: dict | None = None) -> None:
        """(surname, first name) pairs read elsewhere in the collection, with their counts;
        ``together``: (surname, first name, another) -> documents that read both."""
        self.model.add_people(pairs, together)

    def repair(self, text: str, page: int = 1, words: list[dict] | None = None,
               lines: bool = False, around: mode.Mode = mode.Mode()) -> tuple[str, list[Correction]]:
        """``text`` repaired, and its corrections. ``words``: Tesseract's words of the page (their
        confidence protects confident words, their second choices are evidence); ``lines``: each
        line is a segment and nothing is joined across lines."""
        reading = Page(text, trusted_spans(text, words) if words else [],
                       mode.of_text(text, self.mode, self.model, lines=lines, around=around))
        edits: list[Edit] = []
        for family in FAMILIES:
            for e in family(reading, self.model):
                _propose(edits, e, text)
        # context decides on the repaired neighbours ("visant a accroitre" -> "à accroître"),
        # so that repairing the repaired text changes nothing
        middle, _ = apply(text, list(edits), page)
        applied = list(edits)  # what ``middle`` holds: its offsets map back to the raw text through these alone
        for e in context.edits(middle, self.model.lex):
            start, end = to_raw(e.start, applied), to_raw(e.end, applied)
            same = [x for x in edits if (x.start, x.end) == (start, end)]
            if same and same[0].rule == "word":  # "decide" -> "décide" -> "décidé" after "a": context decides
                edits.remove(same[0])
            _propose(edits, Edit(start, end, e.after, e.rule, e.score), text)
        return apply(text, edits, page)


def _propose(edits: list[Edit], e: Edit, text: str) -> None:
    """``e`` joins ``edits`` unless it changes nothing or overlaps one of them."""
    if e.after == text[e.start:e.end]:
        return
    if any(e.start < x.end and x.start < e.end for x in edits):
        return
    edits.append(e)


def repair_text(text: str, lines: bool = False, repairer: Repairer | None = None) -> tuple[str, list[Correction]]:
    """Repair a whole text (pages separated by form feeds); corrections carry their page."""
    rep = repairer or Repairer()
    rep.learn(text)
    outs, all_corrections = [], []
    for i, page in enumerate(text.split("\f"), start=1):
        if lines:
            clean, corrections = _by_line(rep, page, i)
        else:
            clean, corrections = rep.repair(page, page=i)
        all_corrections.extend(corrections)
        outs.append(clean)
    return "\f".join(outs), all_corrections


def _by_line(rep: Repairer, page: str, page_no: int) -> tuple[str, list[Correction]]:
    """Every line its own segment: the output has exactly as many lines."""
    fixed, corrections, offset, clean_offset = [], [], 0, 0
    segments = page.split("\n")
    for seg, around in zip(segments, mode.of_neighbours(segments, rep.lex)):
        clean, corr = rep.repair(seg, page=page_no, lines=True, around=around)
        for c in corr:
            c.start += offset
            c.end += offset
            c.clean_start += clean_offset
            c.clean_end += clean_offset
        corrections.extend(corr)
        fixed.append(clean.replace("\n", " "))
        offset += len(seg) + 1
        clean_offset += len(fixed[-1]) + 1
    return "\n".join(fixed), corrections
