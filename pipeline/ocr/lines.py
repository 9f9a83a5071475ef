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

from dataclasses import dataclass

MARGIN_SHARE = 0.3  # a margin note ends within this share of the page width, from the left
MIN_NOTES = 2  # margin lines written apart before a page is read again
MIN_OVERLAP = 0.5  # share of a margin line's height a line to its right must share


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
