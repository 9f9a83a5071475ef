"""What a scan's typography says of its lines: which are underlined.

Council minutes set an item's title apart, and on a scan the mark that survives printing, copying
and OCR best is the rule under it: Tesseract gives every line's words and their boxes but no font,
so the rule is looked for on the image Tesseract read. A line is underlined when, in the band from
the middle of its letters to just under their lowest box, one row of ink runs across nearly all of
its words' width — gaps of a pixel or two closed, since copiers dither a thin rule into dots, and
the row following the line's baseline as Tesseract measured its slope (a page scanned askew). A
line of text never does: the spaces between its words break every row of its letters. A rule that
starts well left of the words is a frame's or a table's border passing under them, no underline.

Each line becomes a segment [text, x0, x1, top, bottom, None, None, underlined], its box in points
on the image Tesseract read (``Page.lines``, so that ``reprocess`` has it without the image); no
font and no letter size are known. ``extraction/layout.set_apart`` reads them.
"""

from __future__ import annotations

import statistics

import numpy as np
from PIL import Image

# Chosen on Flaux's real copier scans (a dithered rule under bold titles, pages up to half a degree
# askew, a frame round the text) and Couthenans' minutes printed to degraded office scans, against
# the rules their text layer draws (tests/test_typography.py):
DARK = 200  # gray level under which a pixel counts as ink (a dithered rule's dots are light grey)
GAP = 0.08  # gaps up to this share of the line's letter height are closed (at least 2 pixels)
ACROSS = 0.7  # a rule under the line runs across at least this share of its words' width
TOP = 0.6  # the band looked in starts this share of the letter height below the words' top ...
BELOW = 0.2  # ... and ends this share of it below their lowest box (a frame's border lies further)
MIN_WIDTH = 2.0  # lines narrower than this many letter heights are not measured (a page number)
SLOPE_OFF = 0.004  # the baseline Tesseract measures on a line it reads badly ("inati nie:") may be off by this much
LEAD = 4.0  # a rule that starts this many letter heights left of the words, or more, is a border (an underline
# starts with its words, or with the first letters OCR lost: "inati nie:" for "Nomination du secrétaire")


def underlined_lines(image: Image.Image, reading, dpi: float, seen: dict | None = None) -> list[list]:
    """The segments of every line of ``reading`` (``hocr.Reading``) on ``image``, the page as
    Tesseract read it at ``dpi``, in reading order: their boxes in points and whether each is
    underlined. ``seen``: as ``ruled_lines``."""
    points = 72.0 / dpi
    return [[" ".join(w["text"] for w in words), round(x0 * points, 1), round(x1 * points, 1),
             round(top * points, 1), round(bottom * points, 1), None, None, ruled]
            for _, words, (x0, top, x1, bottom), ruled in ruled_lines(image, reading, seen)]


def ruled_lines(image: Image.Image, reading, seen: dict | None = None):
    """Each line of ``reading`` that has words, in reading order: its place (paragraph, line), its
    words, the box of its letters in pixels (x0, top, x1, bottom) and whether it is underlined.
    ``seen``: what was found under lines of this image before, by their letters' boxes and slope
    (a page's lines looked at again after some were read anew), and where this adds what it finds."""
    seen = {} if seen is None else seen
    gray = np.asarray(image.convert("L"))
    for p, par in enumerate(reading.paragraphs):
        for n, line in enumerate(par.lines):
            words = [reading.words[k] for k in line.words if reading.words[k]["text"].strip()]
            if not words:
                continue
            height = statistics.median(w["height"] for w in words)
            letters = [w for w in words if w["height"] >= 0.5 * height] or words  # not a speck read as a word
            x0 = max(0, min(w["left"] for w in letters))
            x1 = min(gray.shape[1], max(w["left"] + w["width"] for w in letters))
            top = min(w["top"] for w in letters)
            bottom = max(w["top"] + w["height"] for w in letters)
            key = (x0, top, x1, bottom, line.slope)
            if key not in seen:
                seen[key] = False
                if height > 0 and x1 - x0 >= MIN_WIDTH * height:
                    found = {_rule_under(gray, letters, height, x0, x1, line.slope + tilt) for tilt in (0.0, -SLOPE_OFF, SLOPE_OFF)}
                    seen[key] = UNDERLINE in found and BORDER not in found  # a border seen at any slope is one
            yield (p, n), words, (x0, top, x1, bottom), seen[key]


UNDERLINE, BORDER = "underline", "border"


def _rule_under(gray: np.ndarray, letters: list[dict], height: float, x0: int, x1: int, slope: float) -> str | None:
    """UNDERLINE when one row of the band under the letters, along ``slope``, is dark across
    ACROSS of [x0, x1), small gaps closed; BORDER when such a row starts LEAD letter heights or
    more before them; else None."""
    lo = int(statistics.median(w["top"] for w in letters) + TOP * height)
    hi = int(max(w["top"] + w["height"] for w in letters) + BELOW * height)
    lead = int(min(x0, LEAD * height))  # the band starts this far left of the words, to see where a rule starts
    left, width = x0 - lead, x1 - x0 + lead
    columns = np.arange(width)
    shift = np.rint(slope * (columns - width / 2)).astype(int)  # each column's rows, along the baseline
    top = max(0, lo + min(0, int(shift.min())) - 1)
    bottom = min(gray.shape[0], hi + max(0, int(shift.max())) + 2)
    if bottom - top < 3 or hi <= lo:
        return None
    dark = gray[top:bottom, left:x1] < DARK
    thick = dark[:-2] | dark[1:-1] | dark[2:]  # a rule one pixel off level still fills one row
    rows = np.arange(lo - top, hi - top)[:, None] + shift[None, :]
    inside = (rows >= 0) & (rows < thick.shape[0])
    sheared = np.where(inside, thick[np.clip(rows, 0, thick.shape[0] - 1), columns[None, :]], False)
    gap = max(2, round(GAP * height)) + 1
    need = ACROSS * (x1 - x0)
    found = None
    for row in sheared[sheared[:, lead:].sum(axis=1) >= need]:
        xs = np.flatnonzero(row)
        cuts = np.flatnonzero(np.diff(xs) > gap)
        starts = np.concatenate(([xs[0]], xs[cuts + 1]))
        ends = np.concatenate((xs[cuts], [xs[-1]])) + 1
        covering = ends - np.maximum(starts, lead) >= need
        if (covering & (starts == 0) & (lead >= int(LEAD * height))).any():  # from LEAD letter heights before the words, or more
            return BORDER
        if covering.any():
            found = UNDERLINE
    return found
