"""Lines Tesseract wrote apart, seen in its word boxes.

Council reports print the rapporteur and the item number in a left margin, level with the item's
first line. Tesseract's psm 4 usually reads them on that line, "Max LEVITA  1  Avis de la Ville
…"; on a degraded scan it may take the margin for a column of its own, write it apart
("Serge ⏎ FLEURENCE ⏎ 3" above a run of subjects) and drop most of it. It may also cut a line of
the text itself in two at a wide gap and write its end after the vote that follows ("Création de
la commission de délé ⏎ … ⏎ Pour : 51 ⏎ … ⏎ gation de service public"). The word boxes show
both: a line with another line level with it, further right. ``page.py`` then reads the page
again as one block of lines (psm 6), which keeps every printed line whole.
"""

from __future__ import annotations

from dataclasses import dataclass

MARGIN_SHARE = 0.3  # a margin note ends within this share of the page width, from the left
MIN_NOTES = 2  # margin notes written apart before a page is read again
MIN_CUT = 1  # lines of the text cut in two before a page is read again
MIN_OVERLAP = 0.5  # share of a line's height a line to its right must share to stand level with it


@dataclass(frozen=True)
class Line:
    """The box of one of Tesseract's lines."""

    left: int
    top: int
    right: int
    bottom: int


def lines_of(words: list[dict]) -> list[Line]:
    """Tesseract's lines, in its order: a word opens a new one when its block or line number
    changes, or when it starts below the line so far (a new paragraph restarts line numbers)."""
    groups: list[list[dict]] = []
    key, bottom = None, 0
    for w in words:
        k = (w.get("block"), w.get("line"))
        if groups and k == key and w["top"] < bottom:
            groups[-1].append(w)
            bottom = max(bottom, w["top"] + w["height"])
        else:
            groups.append([w])
            bottom = w["top"] + w["height"]
        key = k
    return [Line(min(w["left"] for w in g), min(w["top"] for w in g),
                 max(w["left"] + w["width"] for w in g), max(w["top"] + w["height"] for w in g)) for g in groups]


def read_again(words: list[dict], page_width: int) -> bool:
    """Tesseract wrote printed lines apart: at least MIN_NOTES margin notes (a line ending in the
    left MARGIN_SHARE of the page) or MIN_CUT lines of the text with another line level with them,
    further right. A single margin note beside its line ("n° 2014/156" by an attendance list) is
    no reason: a deliberation's number often stands so."""
    notes = cut = 0
    limit = page_width * MARGIN_SHARE
    all_lines = lines_of(words)
    for line in all_lines:
        height = line.bottom - line.top
        if any(b.left > line.right and min(line.bottom, b.bottom) - max(line.top, b.top) >= MIN_OVERLAP * height
               for b in all_lines if b is not line):
            if line.right <= limit:
                notes += 1
            else:
                cut += 1
    return notes >= MIN_NOTES or cut >= MIN_CUT
