"""Where words stand on the page: what a reader sees that a linearised text hides.

A text layer read line by line runs the margin column into the body ("n° 2014 / 138 BARTHAS-ORSAL,
…", "Extrait du registre des mairie, Salle du Conseil …"). The page's ``Segment``s (each visual
line cut where a wide gap separates two runs of words, with its box: ``sources/layout.py``) show
what the text hides: here, a centred title block above an anchor.
"""

from __future__ import annotations

import re
import statistics

from pipeline.record import Segment


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
