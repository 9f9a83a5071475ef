"""How a text is read, decided before its repair starts and never changed by it.

  historical   old spellings (avoit, étoient): no modernising repairs; accents are the period's
  long_s       the long s of old prints read as f: eft, fuis, ejl
  unfamiliar   many words unknown to today's dictionary and beyond cheap repair (old French,
               another language, heavy damage): only cheap repairs
  lines        one segment per line: nothing is joined across lines
  old_print    declared by the user: OCR of old printed books and periodicals, whose
               transcriptions set some signs otherwise (a dialogue dash joins its word)

A whole collection shows the first two through ``Collection`` (what ``Repairer.learn`` reads); a
single text shows them on its own when it holds enough evidence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from pipeline.repair.history import LONG_S_DENSITY, LONG_S_EVIDENCE, OLD_ENDING, historical_form, long_s_reading

UNFAMILIAR = 0.15  # share of words unknown and beyond cheap repair above which a text is unlike today's French
UNFAMILIAR_MIN_WORDS = 5  # ... counted on at least this many words
OLD_FORMS = 3  # imperfects spelled the old way (avoit) a collection must show, at least ...
OLD_FORMS_SHARE = 0.002  # ... and at least this share of its words, to be read as historical
NEIGHBOURS = 20  # segments on either side whose print a segment of a file is read with (of_neighbours)
HISTORICAL_IN_TEXT = 2  # old spellings one text must show to be read as historical on its own (1 line: 1)
TOKEN = re.compile(r"[^\W\d_]+(?:[\]\[|][^\W\d_]+)*")


@dataclass(frozen=True)
class Mode:
    historical: bool = False
    long_s: bool = False
    unfamiliar: bool = False
    lines: bool = False
    old_print: bool = False


class Collection:
    """What the texts of a whole collection show, counted as they are learnt."""

    def __init__(self):
        self.tokens = 0
        self.old_forms = 0  # avoit / avait: the imperfect spelled before 1835
        self.long_s_seen = 0

    def count(self, word: str, lex, *, name: bool = False) -> None:
        """One word of the collection; ``name``: a capitalised word the dictionary lacks, which
        is no old imperfect."""
        self.tokens += 1
        if not name and OLD_ENDING.search(word) and not lex.knows(word):
            modern = OLD_ENDING.sub(lambda e: "a" + e.group()[2:], word.lower())
            if lex.knows(modern):
                self.old_forms += 1
        if word.islower() and long_s_reading(word, lex, evidence=True):
            self.long_s_seen += 1

    def mode(self) -> Mode:
        return Mode(historical=self.old_forms >= OLD_FORMS and self.old_forms >= OLD_FORMS_SHARE * self.tokens,
                    long_s=self.long_s_seen >= LONG_S_EVIDENCE and self.long_s_seen >= LONG_S_DENSITY * self.tokens)


def of_text(text: str, collection: Mode, model, *, lines: bool = False, around: Mode = Mode()) -> Mode:
    """The mode of one text: the collection's, what its neighbours show (``around``), and what
    the text itself shows."""
    mode = Mode(historical=collection.historical or around.historical
                or looks_historical(text, model.lex, needed=1 if lines else HISTORICAL_IN_TEXT),
                long_s=collection.long_s or around.long_s or shows_long_s(text, model.lex), lines=lines,
                old_print=collection.old_print)
    return replace(mode, unfamiliar=unfamiliar(text, mode, model))


def unfamiliar(text: str, mode: Mode, model) -> bool:
    """A large share of the words unknown to the dictionary and beyond any cheap repair:
    old French, another language or heavy damage. The dictionary is then a poor guide and
    only cheap repairs are made. Words a cheap repair would fix are not counted, so that
    the repaired text is judged as the raw one was (idempotence)."""
    words = hard = 0
    cheap = replace(mode, unfamiliar=True)
    for m in TOKEN.finditer(text):
        w = m.group()
        if len(w) < 3 or w.isupper():
            continue
        words += 1
        if (not model.lex.knows(w) and model.correct(w, cheap) is None
                and not long_s_reading(w, model.lex, evidence=True)):
            hard += 1
    return words >= UNFAMILIAR_MIN_WORDS and hard >= UNFAMILIAR * words


def shows_long_s(text: str, lex) -> bool:
    """Several unknown words of this text read as common words with the long s restored."""
    tokens, found = long_s_evidence(text, lex)
    return found >= LONG_S_EVIDENCE and found >= LONG_S_DENSITY * tokens


def long_s_evidence(text: str, lex) -> tuple[int, int]:
    """(words, unknown words that read as common words with the long s restored)."""
    tokens = found = 0
    for m in TOKEN.finditer(text):
        tokens += 1
        if long_s_reading(m.group(), lex, evidence=True):
            found += 1
    return tokens, found


def old_spellings(text: str, lex) -> int:
    """Words of ``text`` in the period's own spelling (avoit, enfans)."""
    return sum(1 for _ in _old_spelled(text, lex))


def _old_spelled(text: str, lex):
    """The words of ``text`` in the period's own spelling, one by one."""
    return (w for w in (m.group() for m in TOKEN.finditer(text)) if len(w) > 3 and not lex.knows(w) and historical_form(w, lex))


def of_neighbours(segments: list[str], lex, reach: int = NEIGHBOURS) -> list[Mode]:
    """The mode each segment's neighbours show (``reach`` segments on either side, itself
    included): lines of one file that stand near each other come from the same book, and a
    line too short to show its print on its own is read as the lines around it."""
    counts = [(*long_s_evidence(s, lex), old_spellings(s, lex)) for s in segments]
    modes = []
    for i in range(len(segments)):
        near = counts[max(0, i - reach):i + reach + 1]
        tokens, found, old = (sum(c[k] for c in near) for k in range(3))
        modes.append(Mode(historical=old >= OLD_FORMS and old >= OLD_FORMS_SHARE * tokens,
                          long_s=found >= LONG_S_EVIDENCE and found >= LONG_S_DENSITY * tokens))
    return modes


def looks_historical(text: str, lex, *, needed: int) -> bool:
    """Old spellings in this very text (avoit, enfans): its accents are the period's."""
    return next(itertools.islice(_old_spelled(text, lex), needed - 1, None), None) is not None
