"""Roman numerals of section headings, which OCR reads as letters: ``Il``, ``ll``, ``ul``, ``(LL``
for II and III, ``v`` for V. No dictionary decides them; the headings' sequence does.

A heading opens its line with a numeral and goes on with its title (``IV Plan de sauvegarde
communal.``, ``II. FINANCES - Attribution``). On a page, the numerals read right are anchors when
a neighbour agrees (IV followed by V: OCR reads III as II too). Then, until nothing changes:

  gap     a run of look-alikes between two anchors (or between the page's start and one) that
          fills exactly the gap between them takes the gap's numerals (``| ⏎ Il ⏎ ll ⏎ IV ⏎ V``:
          I, II, III);
  next    after the page's last anchor, a numeral read in lower case (``v``) is the next one,
          unless the same letter opens several lines (a list's bullets);
  title   a look-alike no gap explains takes the numeral of the heading earlier on the page whose
          title it repeats: the minutes' body heads its items as the agenda announced them
          (``(l Convention de mise à disposition de personnel.``, the agenda's ``I Convention …``).

A numeral given once is an anchor for the next round, as it would be if the repaired text were
repaired again (which then changes nothing). Figures (``1 Approbation``, ``11 Rue de la Paix``)
are never filled into a gap — items and addresses are numbered so — only a repeated title makes
one a numeral; nor are a table's bars, the pronoun (``IL DÉCIDE``, ``Il n'y a``) or a word of the
dictionary (``Un``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.repair.context import SUBJECT_SLOT
from pipeline.repair.offsets import Edit

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
VALUE = {r: i for i, r in enumerate(ROMAN, start=1)}
# what OCR reads for the strokes of I and V, with a bracket or bar it may add before them
LOOK_ALIKE = re.compile(r"[(\[|]?[IlL1|iuwnHUvVxX]{1,4}")
# a line opening with a numeral or a look-alike, then its title
_HEAD = re.compile(r"(?m)^[ \t]*(?P<token>[(\[|]?[IVXlL1|iuwnHUvx]{1,4})\.?[ \t]+(?P<title>[^\W\d_][^\n]*)")
SUBJECT = re.compile(SUBJECT_SLOT, re.I)  # what follows the pronoun Il
SCORE = 0.8
TITLE_WORD = 4  # a repeated title holds a word of at least this many letters


@dataclass
class Head:
    start: int
    end: int
    token: str  # as read
    value: int | None  # a numeral read as such, or the one the sequence gives it
    title: str
    read: bool  # the numeral was read as such

    @property
    def shown(self) -> str:
        """The token, or the numeral given to it."""
        return ROMAN[self.value - 1] if self.value and not self.read else self.token


def headings(text: str, knows=lambda word: False) -> list[Head]:
    """The lines that open with a numeral or a look-alike of one, then a title that opens with a
    capital. ``knows``: the dictionary; a word of it is no look-alike (``Un``, ``Lui``), but for
    the pronoun ``Il`` before a capital that no verb opens, and a numeral in lower case (``v``)."""
    out = []
    for m in _HEAD.finditer(text):
        token, title = m.group("token"), m.group("title")
        if not title[0].isupper():
            continue
        value = VALUE.get(token)
        if token.lower() == "il" and (token == "IL" or SUBJECT.match(" " + title + " ")):
            continue  # the pronoun: "IL DÉCIDE", "IL EST", "Il n'y a"
        if value is None and (not LOOK_ALIKE.fullmatch(token)
                              or knows(token) and token.lower() != "il" and token.upper() not in VALUE):
            continue
        out.append(Head(m.start("token"), m.end("token"), token, value, title, value is not None))
    return out


def _figure_or_bar(head: Head) -> bool:
    """A figure (an item's or a house's number) or a table's bar: never a numeral by the sequence alone."""
    return any(c.isdigit() for c in head.token) or "|" in head.title


def _anchor(heads: list[Head], i: int) -> bool:
    """A numeral a neighbour confirms: the next heading reads the next numeral (in either case),
    or the one before the numeral before."""
    v = heads[i].value
    after = i + 1 < len(heads) and v < len(ROMAN) and heads[i + 1].shown.upper() == ROMAN[v]
    return after or (i > 0 and heads[i - 1].value == v - 1)


def _gaps(heads: list[Head]) -> dict[int, int]:
    given: dict[int, int] = {}
    before, trusted, pending = 0, True, []  # the page's start opens the first sequence
    for i, head in enumerate(heads):
        if head.value is None:
            pending.append(i)
            continue
        if trusted and _anchor(heads, i) and pending and head.value - before - 1 == len(pending) \
                and not any(_figure_or_bar(heads[k]) for k in pending):
            given.update({k: before + 1 + n for n, k in enumerate(pending)})
        before, trusted, pending = head.value, _anchor(heads, i), []
    tokens = [heads[k].token for k in pending]
    if before and trusted and len(set(tokens)) == len(tokens):  # after the last anchor; not bullets
        for n, k in enumerate(pending):
            if before + n >= len(ROMAN) or heads[k].token.upper() != ROMAN[before + n]:
                break
            given[k] = before + 1 + n
    return given


def _titles(heads: list[Head]) -> dict[int, int]:
    given = {}
    for i, head in enumerate(heads):
        if head.value is None:
            earlier = [h.value for h in heads[:i] if h.value and _same_title(h.title, head.title)]
            if earlier:
                given[i] = earlier[-1]
    return given


def _key(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def _same_title(a: str, b: str) -> bool:
    """One title repeats the other: equal, or one opens the other (``PADD.``, ``PADD (Plan …)``)
    and holds a word of some length."""
    short, long_ = sorted((_key(a), _key(b)), key=len)
    if not short:
        return False
    if long_ == short:
        return True
    return long_.startswith(short + " ") and any(len(w) >= TITLE_WORD for w in short.split())


def numerals(text: str, knows=lambda word: False) -> Iterator[Edit]:
    """The look-alikes of ``text`` that the headings' sequence, or a repeated title, makes numerals."""
    heads = headings(text, knows)
    refused: set[int] = set()

    def fitting(given: dict[int, int]) -> dict[int, int]:
        """Those whose letters are that numeral's strokes, give or take one."""
        out = {i: v for i, v in given.items() if i not in refused
               and abs(len(heads[i].token.strip("([|")) - len(ROMAN[v - 1])) <= 1}
        refused.update(set(given) - set(out))
        return out

    while True:
        given = fitting(_gaps(heads)) or fitting(_titles(heads))
        if not given:
            break
        for i, value in given.items():
            heads[i].value = value
    for head in heads:
        if not head.read and head.value is not None:
            yield Edit(head.start, head.end, ROMAN[head.value - 1], "numeral", SCORE)
