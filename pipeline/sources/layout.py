"""Where a text layer's words stand: each visual line of a page cut where a wide gap separates
two runs of words, each run a ``Segment`` with its box (PDF points), for the readers that look at
the page as a reader sees it (``extraction/layout.py``).

Segments come from pdfplumber's words for text-layer pages; OCR'd pages keep their text-based
reading (their word boxes are of the text before repair). Each segment keeps its typography too:
the share of its letters set in a bold face and its letters' size, the evidence that sets a
heading apart from the text around it (``extraction/layout.py``).
"""

from __future__ import annotations

import re
import statistics

from pipeline.record import Segment

GAP = 3.0  # a gap wider than this many times the line's median character width cuts the line
SAME_LINE = 3.0  # points: words whose tops differ by less are on one line
BOLD_FACE = re.compile(r"bold|black|heavy|demi|semibold|[-,]b(?:d|old)?$|-?BoldMT", re.I)  # "Arial-BoldMT", "Calibri,Bold"


def segments_of_page(page) -> list[list]:
    """A pdfplumber page's segments as plain lists [text, x0, x1, top, bottom, bold, size]
    (picklable, for ``Page.lines``): ``bold`` the share of its letters in a bold face, ``size``
    their median size in points."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=SAME_LINE, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["fontname", "size"])
    return [[s.text, s.x0, s.x1, s.top, s.bottom, s.bold, s.size] for s in segments(words)]


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
    letters = sum(len(w["text"]) for w in words) or 1
    bold = sum(len(w["text"]) for w in words if BOLD_FACE.search(w.get("fontname") or "")) / letters
    sizes = [w["size"] for w in words if w.get("size")]
    return Segment(" ".join(w["text"] for w in words), min(w["x0"] for w in words), max(w["x1"] for w in words),
                   min(w["top"] for w in words), max(w["bottom"] for w in words),
                   round(bold, 2), round(statistics.median(sizes), 1) if sizes else None)
