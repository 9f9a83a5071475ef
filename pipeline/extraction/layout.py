"""Where words stand on the page: what a reader sees that a linearised text hides.

A text layer read line by line runs the margin column into the body ("n° 2014 / 138 BARTHAS-ORSAL,
…", "Extrait du registre des mairie, Salle du Conseil …"). The page's ``Segment``s (each visual
line cut where a wide gap separates two runs of words, with its box: ``sources/layout.py``) show
what the text hides: a centred title block above an anchor, and the lines typography sets apart
(bold where the text is not, or larger): an item's heading and the rest of its title.
"""

from __future__ import annotations

import re
import statistics

from pipeline.record import Segment
from pipeline.sources.layout import SAME_LINE


def title_above(page_segments: list[Segment], page_width: float, anchor: re.Pattern) -> str | None:
    """The centred block of lines right above the first segment ``anchor`` matches ("Max LEVITA
    rapporte :"): consecutive lines, each set in from the body's left edge and centred on it,
    with no wider gap between them than a blank line. None when the page shows no such block."""
    at = next((s for s in page_segments if anchor.search(s.text)), None)
    if at is None:
        return None
    heights = [s.bottom - s.top for s in page_segments if s.bottom > s.top]
    line_h = statistics.median(heights) if heights else 10.0
    body_left = at.x0
    body_right = max((s.x1 for s in page_segments if s.x0 >= body_left - 2), default=page_width)
    above = sorted((s for s in page_segments if s.bottom <= at.top + 1 and s.x0 >= body_left - line_h),
                   key=lambda s: -s.top)
    block: list[Segment] = []
    last_top = at.top
    for s in above:
        if last_top - s.bottom > (3.5 if not block else 1.8) * line_h:
            break
        left, right = s.x0 - body_left, body_right - s.x1  # white space on either side
        centred = left > line_h / 2 and right > line_h / 2 and abs(left - right) < 0.15 * (body_right - body_left)
        if not centred:
            break
        block.insert(0, s)
        last_top = s.top
    if not block:
        return None
    return " ".join(" ".join(s.text for s in block).split())


BOLD_LINE = 0.6  # a line with this share of its letters in a bold face is set in bold
BOLD_TEXT = 0.5  # ... which sets it apart only in a document whose letters are mostly not bold
LARGER = 1.15  # a line whose letters are this much larger than the page's text is set apart
RULED_LINES = 10  # a scan's lines, at least, of which half or more underlined are a form's grid (no title's mark)


def line_key(text: str) -> str:
    """A line's letters and digits, lowercased: what a text line and a visual line share."""
    return "".join(c for c in text.lower() if c.isalnum())


def set_apart(pages: list[list[Segment] | None]) -> list[dict[str, list[bool | None]]]:
    """For each page, and each of its visual lines (keyed by ``line_key``; a line written twice
    on a page has two entries, in the order read), whether typography sets the line apart from the
    document's text: mostly bold in a document mostly not, or larger letters than the text's. A
    page whose typography is not known (stored before it was kept) gets no entry. On a scan
    (``recognition/typography.py``: its underlines known, no font) a line seen underlined is set
    apart and any other is not known (True or None, never False: a rule the scan lost says nothing
    of the line) — unless most of the scan's lines are ruled, a form's grid and no title's mark."""
    scanned = [s for page in pages if page and underlines_only(page) for s in page]
    ruled_form = len(scanned) >= RULED_LINES and sum(bool(s.underlined) for s in scanned) >= BOLD_TEXT * len(scanned)
    known = [s for page in pages if page for s in page if s.bold is not None and s.size is not None]

    def on_scan(page: list[Segment]) -> dict[str, list[bool | None]]:
        return {} if ruled_form else _underlined_on(page)

    if not known:
        return [on_scan(page) if page and underlines_only(page) else {} for page in pages]
    letters = [len(s.text.replace(" ", "")) or 1 for s in known]
    total = sum(letters)
    bold_text = sum(s.bold * n for s, n in zip(known, letters)) / total >= BOLD_TEXT
    body, seen = None, 0
    for size, n in sorted(zip((s.size for s in known), letters)):  # the size of the median letter: the text's
        seen += n
        if seen * 2 >= total:
            body = size
            break
    return [{} if not page else on_scan(page) if underlines_only(page) else _apart_on(page, bold_text, body) for page in pages]


def underlines_only(page: list[Segment]) -> bool:
    """The page's lines are a scan's (``recognition/typography.py``): whether each is underlined, no font."""
    return all(s.underlined is not None and s.size is None for s in page)


def _underlined_on(page: list[Segment]) -> dict[str, list[bool | None]]:
    out: dict[str, list[bool | None]] = {}
    for s in page:  # in the order read, as the text gives its lines
        if key := line_key(s.text):
            out.setdefault(key, []).append(True if s.underlined else None)
    return out


def _apart_on(page: list[Segment], bold_text: bool, body: float) -> dict[str, list[bool | None]]:
    if any(s.bold is None or s.size is None for s in page):
        return {}
    rows: list[list[Segment]] = []
    for s in sorted(page, key=lambda s: (s.top, s.x0)):
        if rows and abs(rows[-1][0].top - s.top) < SAME_LINE:  # one visual line, as the segments were cut
            rows[-1].append(s)
        else:
            rows.append([s])
    out: dict[str, list[bool]] = {}
    for row in rows:
        row.sort(key=lambda s: s.x0)
        n = [len(s.text.replace(" ", "")) or 1 for s in row]
        bold = sum(s.bold * k for s, k in zip(row, n)) / sum(n)
        key = line_key(" ".join(s.text for s in row))
        if key:
            out.setdefault(key, []).append((bold >= BOLD_LINE and not bold_text) or max(s.size for s in row) >= LARGER * body)
    return out
