"""Where a word Tesseract read stands on the original scan.

Tesseract reads a prepared image: straightened, resampled, sometimes turned. Each step is
recorded as it is made, and undone here in reverse order, so that a word box in the prepared
image's pixels becomes a box in the original image's pixels (the searchable PDF and the ALTO
use those):

  ["rotate", degrees, [w_in, h_in], [w_out, h_out]]   PIL's rotate(degrees, expand=True): counter-
                                                      clockwise about the centre, canvas grown
  ["scale", fx, fy]                                   resampled: x_out = x_in * fx
"""

from __future__ import annotations

import math


def rotate_step(degrees: float, size_in: tuple[int, int], size_out: tuple[int, int]) -> list:
    return ["rotate", float(degrees), list(size_in), list(size_out)]


def scale_step(size_in: tuple[int, int], size_out: tuple[int, int]) -> list:
    return ["scale", size_out[0] / size_in[0], size_out[1] / size_in[1]]


def point_back(x: float, y: float, steps: list) -> tuple[float, float]:
    """A point of the prepared image, in the original image's pixels."""
    for step in reversed(steps):
        if step[0] == "scale":
            x, y = x / step[1], y / step[2]
        elif step[0] == "rotate":
            theta = math.radians(step[1])
            (wi, hi), (wo, ho) = step[2], step[3]
            dx, dy = x - wo / 2, y - ho / 2
            # the inverse of PIL's rotation (the matrix PIL itself uses to sample the input)
            x = math.cos(theta) * dx - math.sin(theta) * dy + wi / 2
            y = math.sin(theta) * dx + math.cos(theta) * dy + hi / 2
    return x, y


def box_back(left: float, top: float, width: float, height: float, steps: list) -> tuple[float, float, float, float]:
    """A box of the prepared image as (x0, y0, x1, y1) in the original image: the box around its
    four corners taken back (a straightened word lies slightly askew on the scan)."""
    corners = [point_back(x, y, steps) for x, y in ((left, top), (left + width, top), (left, top + height),
                                                     (left + width, top + height))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)
