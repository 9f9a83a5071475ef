"""Where words stand on the page: what a reader sees that a linearised text hides.

A text layer read line by line runs the margin column into the body ("n° 2014 / 138 BARTHAS-ORSAL,
…", "Extrait du registre des mairie, Salle du Conseil …"). Here every visual line is cut where a
wide gap separates two runs of words, and each run (a ``Segment``) keeps its box. Readers use it
to find a centred title block and to tell the margin column from the body.

Segments come from pdfplumber's words for text-layer pages (PDF points); OCR'd pages keep their
text-based reading (their word boxes are of the text before repair).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

GAP = 3.0  # a gap wider than this many times the line's median character width cuts the line
SAME_LINE = 3.0  # points: words whose tops differ by less are on one line


@dataclass
class Segment:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def segments_of_page(page) -> list[list]:
    """A pdfplumber page's segments as plain lists [text, x0, x1, top, bottom] (picklable, for
    ``Page.lines``)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=SAME_LINE, keep_blank_chars=False, use_text_flow=False)
    return [[s.text, s.x0, s.x1, s.top, s.bottom] for s in segments(words)]


def segments(words: list[dict]) -> list[Segment]:
    """Words (text, x0, x1, top, bottom) grouped into lines, and lines cut at wide gaps."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < SAME_LINE:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        widths = [(w["x1"] - w["x0"]) / max(1, len(w["text"])) for w in line]
        char = statistics.median(widths) if widths else 5.0
        run = [line[0]]
        for prev, w in zip(line, line[1:]):
            if w["x0"] - prev["x1"] > GAP * char:
                out.append(_segment(run))
                run = []
            run.append(w)
        out.append(_segment(run))
    return out


def _segment(words: list[dict]) -> Segment:
    return Segment(" ".join(w["text"] for w in words), min(w["x0"] for w in words), max(w["x1"] for w in words),
                   min(w["top"] for w in words), max(w["bottom"] for w in words))


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
