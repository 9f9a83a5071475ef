"""Roman numerals of section headings, which OCR reads as letters: ``Il``, ``ll``, ``ul``, ``(LL``
for II and III, ``v`` for V. No dictionary decides them; the headings' sequence does.

A heading opens its line with a numeral and goes on with its title (``IV Plan de sauvegarde
communal.``, ``II. FINANCES - Attribution``). On a page, the numerals read right are the anchors;
a run of look-alikes between two anchors (or between the page's start and an anchor) that fills
exactly the gap between them takes the numerals of the gap (``| ⏎ Il ⏎ ll ⏎ IV ⏎ V``: I, II, III).
A look-alike no gap explains takes the numeral of the heading earlier on the page whose title it
repeats: the minutes' body heads its items as the agenda announced them (``(l Convention de mise
à disposition de personnel.``, the agenda's ``I Convention de mise à disposition de personnel.``).
Nothing else is touched: a numeral the sequence does not give is left as it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.repair.context import SUBJECT_SLOT
from pipeline.repair.offsets import Edit

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
VALUE = {r: i for i, r in enumerate(ROMAN, start=1)}
# what OCR reads for the strokes of I and V, with a bracket or bar it may add before them
LOOK_ALIKE = re.compile(r"[(\[|]?[IlL1|iuwnHUvVxX]{1,4}")
# a line opening with a numeral or a look-alike, then its title: a capital, after a period or not
_HEAD = re.compile(r"(?m)^[ \t]*(?P<token>[(\[|]?[IVXlL1|iuwnHUvx]{1,4})(?P<dot>\.?)[ \t]+(?P<title>[^\W\d_][^\n]*)")
SUBJECT = re.compile(SUBJECT_SLOT, re.I)  # what follows the pronoun Il
SCORE = 0.8
TITLE_WORD = 4  # a repeated title holds a word of at least this many letters


def headings(text: str, knows=lambda word: False) -> list[tuple[int, int, str, int | None, str]]:
    """The lines that open with a numeral or a look-alike of one, then a title in capitals or
    capitalised: (start, end of the token, the token, its value when it is a numeral, the title).
    ``knows``: the dictionary; a word of it is no look-alike (``Un``, ``Lui``), but for the pronoun
    ``Il``, which no sentence follows with a capital, and a numeral in lower case (``v``)."""
    out = []
    for m in _HEAD.finditer(text):
        token, title = m.group("token"), m.group("title")
        if not title[0].isupper():
            continue
        value = VALUE.get(token)
        if token.lower() == "il" and SUBJECT.match(" " + title + " "):
            continue  # the pronoun: "IL EST DÉCIDÉ", "Il n'y a"
        if value is None and (not LOOK_ALIKE.fullmatch(token)
                              or knows(token) and token.lower() != "il" and token.upper() not in VALUE):
            continue
        out.append((m.start("token"), m.end("token"), token, value, title))
    return out


def _key(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def _same_title(a: str, b: str) -> bool:
    """One title repeats the other: equal, or one opens the other (``PADD.``, ``PADD (Plan …)``)."""
    a, b = _key(a), _key(b)
    short, long_ = sorted((a, b), key=len)
    if not short or not any(len(w) >= TITLE_WORD for w in short.split()) and short != long_:
        return False
    return long_ == short or long_.startswith(short + " ")


def numerals(text: str, knows=lambda word: False) -> Iterator[Edit]:
    """The look-alikes of ``text`` that the headings' sequence, or a repeated title, makes numerals."""
    heads = headings(text, knows)

    def confirmed(i: int) -> bool:
        """A numeral read right is an anchor when a neighbour agrees: the next heading reads the
        next numeral (in either case), or the one before reads the numeral before (OCR reads III
        as II too: ``IL FINANCES ⏎ II. PERSONNEL`` for II and III)."""
        v = heads[i][3]
        after = i + 1 < len(heads) and v < len(ROMAN) and heads[i + 1][2].upper() == ROMAN[v]
        return after or (i > 0 and heads[i - 1][3] == v - 1)

    given: dict[int, int] = {}  # index in heads -> the value the sequence gives a look-alike
    before, trusted, pending = 0, True, []  # the page's start opens the first sequence
    for i, (_, _, _, value, _) in enumerate(heads + [(0, 0, "", None, "")]):
        if i == len(heads) or value is not None:
            upto = value if i < len(heads) else None
            if upto is not None and trusted and confirmed(i) and upto - before - 1 == len(pending) and pending:
                given.update({k: before + 1 + n for n, k in enumerate(pending)})
            elif upto is None and before and trusted:  # after the page's last numeral: only the next ones in lower case (v for V)
                for n, k in enumerate(pending):
                    if before + 1 + n > len(ROMAN) or heads[k][2].upper() != ROMAN[before + n]:
                        break
                    given[k] = before + 1 + n
            before, pending = (upto or 0), []
            trusted = i < len(heads) and confirmed(i)
        else:
            pending.append(i)
    for i, (start, end, token, value, title) in enumerate(heads):
        if value is not None:
            continue
        got = given.get(i)
        if got is None:
            earlier = [heads[k][3] or given.get(k) for k in range(i) if _same_title(heads[k][4], title)]
            earlier = [v for v in earlier if v]
            got = earlier[-1] if earlier else None
        if got is None:
            continue
        numeral = ROMAN[got - 1]
        if abs(len(token.strip("([|")) - len(numeral)) > 1:
            continue  # the letters read are not the strokes of that numeral
        yield Edit(start, end, numeral, "numeral", SCORE)
