"""A page ruled into a margin panel and its text: the two read apart.

Registers of deliberations often print a panel in the left margin (the members in office and
voting, the date of the convocation, "Objet", the page's number) behind a vertical rule that runs
from the top of the page to its foot. Tesseract's psm 4 reads a page as one column of lines, so
each line of the text took the panel's words level with it ("Nombre de membres Vote : à
l'unanimité", "Date de la convocation : M 14 - approbation du compte de gestion") and the items'
titles were lost in them. The rule is found in the pixels (``margin_rule``): a run of dark
columns, nearly unbroken, over most of the page's height, in its left part, with ink on both of
its sides. The page is then read as two images (``page.py``): the panel, and the page with the
panel and its rule painted white; the panel's text comes first, as one reads a page's columns.

A table's column rule is no margin's: a table's rows draw horizontal rules across it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

DARK = 170  # a pixel darker than this (0-255) is ink or rule
BANDS = 40  # the page is cut into this many horizontal bands ...
FILL = 0.85  # ... and a rule darkens a column of a band over this share of its height
SPAN = 0.6  # a margin's rule runs on over this share of the bands, unbroken
LEFT, RIGHT = 0.1, 0.45  # where it stands, in shares of the page's width
INK = 0.004  # the share of dark pixels on each side of a rule that says text is there
CROSSING = 2  # horizontal rules crossing the rule on both sides: a table
PAD = 0.006  # the rule's own width painted white on either side, in shares of the page's width


@dataclass(frozen=True)
class Rule:
    x: int  # the rule's middle, in pixels of the image
    top: int
    bottom: int


def margin_rule(image: Image.Image) -> Rule | None:
    """The vertical rule that sets a margin panel apart from the page's text, or None."""
    dark = np.asarray(image.convert("L")) < DARK
    height, width = dark.shape
    band = height // BANDS
    if band < 4 or width < 100:
        return None
    x0, x1 = int(LEFT * width), int(RIGHT * width)
    found: list[list[int]] = []  # per band, the middles of its columns dark over FILL of it
    for b in range(BANDS):
        cols = np.flatnonzero(dark[b * band:(b + 1) * band, x0:x1].mean(axis=0) >= FILL) + x0
        groups: list[list[int]] = []
        for x in cols.tolist():
            if groups and x - groups[-1][-1] <= 2:
                groups[-1].append(x)
            else:
                groups.append([x])
        found.append([round(sum(g) / len(g)) for g in groups])
    drift = max(3, width // 300)  # a scan tilted by less than deskew corrects moves the rule a little
    rules: list[Rule] = []
    for b in range(BANDS):
        for x in found[b]:
            xs, last = [x], b
            for c in range(b + 1, BANDS):
                near = [y for y in found[c] if abs(y - xs[-1]) <= drift]
                if not near:
                    break
                xs.append(min(near, key=lambda y: abs(y - xs[-1])))
                last = c
            if len(xs) >= SPAN * BANDS:
                x = int(np.median(xs))
                rules.append(Rule(x, _end(dark, xs[0], b * band, -1, drift), _end(dark, xs[-1], (last + 1) * band - 1, 1, drift)))
    pad = _pad(width)
    for rule in sorted(rules, key=lambda r: -r.x):  # the rightmost: a frame's edge may stand left of it
        rows = slice(rule.top, rule.bottom)
        left, right = dark[rows, pad:rule.x - pad], dark[rows, rule.x + pad:width - pad]
        if left.size == 0 or right.size == 0 or left.mean() < INK or right.mean() < INK:
            continue
        if _crossed(dark, rule, pad) >= CROSSING:
            continue
        return rule
    return None


def _pad(width: int) -> int:
    """Pixels painted white on either side of a rule's middle: the rule's own width."""
    return max(2, round(PAD * width))


def _end(dark: np.ndarray, x: int, y: int, step: int, drift: int) -> int:
    """Where the rule at ``x`` ends, from row ``y`` on, going up (``step`` -1) or down (1): the
    bands see it only where it fills one whole; it may run on into the next."""
    height = dark.shape[0]
    gap = 0
    while 0 <= y + step < height and gap <= drift:
        y += step
        gap = 0 if dark[y, max(0, x - drift):x + drift + 1].any() else gap + 1
    return max(0, y - step * gap) if step < 0 else min(height, y - step * gap + 1)


def _crossed(dark: np.ndarray, rule: Rule, pad: int) -> int:
    """Horizontal rules between the rule's ends that run on from it on both of its sides (a
    table's rows): rows of pixels dark over most of a stretch just left and just right of it."""
    width = dark.shape[1]
    reach = max(10, width // 20)
    inner = slice(rule.top + (rule.bottom - rule.top) // 20, rule.bottom - (rule.bottom - rule.top) // 20)
    rows = dark[inner]
    left = rows[:, max(0, rule.x - pad - reach):rule.x - pad].mean(axis=1) >= 0.9
    right = rows[:, rule.x + pad:rule.x + pad + reach].mean(axis=1) >= 0.9
    both = np.flatnonzero(left & right)
    return int(np.count_nonzero(np.diff(both) > 2) + 1) if both.size else 0


def panel_and_text(image: Image.Image, rule: Rule) -> tuple[Image.Image, tuple[int, int], Image.Image]:
    """The panel (cropped: with its offset on the page) and the page with the panel and the rule
    painted white."""
    pad = _pad(image.width)
    panel = image.crop((0, rule.top, max(1, rule.x - pad), rule.bottom))
    text = image.copy()
    text.paste(255 if image.mode == "L" else (255,) * len(image.getbands()), (0, rule.top, rule.x + pad, rule.bottom))
    return panel, (0, rule.top), text
