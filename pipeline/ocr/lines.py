"""Margin notes Tesseract wrote apart from their lines, seen in its word boxes.

Council reports print the rapporteur and the item number in a left margin, level with the item's
first line. Tesseract's psm 4 usually reads them on that line, "Max LEVITA  1  Avis de la Ville
…"; on a degraded scan it may take the margin for a column of its own, write it apart
("Serge ⏎ FLEURENCE ⏎ 3" above a run of subjects) and drop most of it. The word boxes show it: a
line that lies in the left part of the page (``MARGIN_SHARE`` of its width) while another line,
further right, stands level with it. ``page.py`` then reads the page again as one block of lines
(psm 6), which keeps every margin note on its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MARGIN_SHARE = 0.3  # a margin note ends within this share of the page width, from the left
MIN_NOTES = 2  # margin lines written apart before a page is read again
MIN_OVERLAP = 0.5  # share of a margin line's height a line to its right must share


@dataclass
class Line:
    words: list = field(default_factory=list)

    @property
    def left(self) -> int:
        return min(w["left"] for w in self.words)

    @property
    def right(self) -> int:
        return max(w["left"] + w["width"] for w in self.words)

    @property
    def top(self) -> int:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w["top"] + w["height"] for w in self.words)


def lines_of(words: list[dict]) -> list[Line]:
    """Tesseract's lines, in its order: a word opens a new one when its block or line number
    changes, or when it starts below the line so far (a new paragraph restarts line numbers)."""
    out: list[Line] = []
    key = None
    for w in words:
        k = (w.get("block"), w.get("line"))
        if out and k == key and w["top"] < out[-1].bottom:
            out[-1].words.append(w)
        else:
            out.append(Line([w]))
        key = k
    return out


def notes_apart(words: list[dict], page_width: int) -> int:
    """How many lines of the left margin Tesseract wrote apart from the line level with them."""
    lines = lines_of(words)
    limit = page_width * MARGIN_SHARE
    found = 0
    for note in lines:
        if note.right > limit:
            continue
        height = note.bottom - note.top
        if any(b.left > note.right and min(note.bottom, b.bottom) - max(note.top, b.top) >= MIN_OVERLAP * height
               for b in lines if b is not note):
            found += 1
    return found
