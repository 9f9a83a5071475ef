"""Make a page image what Tesseract reads best: grayscale, at the working resolution chosen for its
scan's resolution, upright, straight."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

from pipeline import geometry

# The working resolution, chosen by benchmarks/resolution.py: for each scan resolution, the cheapest
# at which the pipeline reads, on office and on poor scans, within 0.2 points of word F1 of the best
# setting measured (bare Tesseract's or its own). 96-dpi scans: 300 dpi (200 dpi loses 1.2 points on
# poor ones); 150- and 200-dpi scans: 200 dpi, a quarter less Tesseract time than 300 for the same
# reading. Every choice beats the best bare-Tesseract setting by 3 to 8 points.
LOW_SOURCE_DPI = 125  # scans below this are upsampled to LOW_SOURCE_TARGET
LOW_SOURCE_TARGET = 300
TARGET_DPI = 200  # scans from LOW_SOURCE_DPI up are read at this resolution at least
MAX_DPI = 400  # above this, scans are reduced: more pixels cost time and add nothing
ASSUMED_DPI_A4_WIDTH_IN = 8.27  # for images without a resolution, assume an A4 portrait page


def guess_dpi(image: Image.Image) -> float:
    """The resolution stored in the image, or one inferred from an A4 page width."""
    dpi = image.info.get("dpi")
    if dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            value = 0.0
        if 50 <= value <= 2400 and abs(value - 72) > 0.5:
            # 72 is what many tools write when they know nothing: don't trust it
            return value
    short_side = min(image.size)
    return max(short_side / ASSUMED_DPI_A4_WIDTH_IN, 50.0)


def target_dpi(native_dpi: float) -> int:
    """The resolution a scan of ``native_dpi`` is read at (LOW_SOURCE_DPI, TARGET_DPI, MAX_DPI)."""
    if native_dpi < LOW_SOURCE_DPI:
        return LOW_SOURCE_TARGET
    if native_dpi < TARGET_DPI:
        return TARGET_DPI
    return int(round(min(native_dpi, MAX_DPI)))


def to_gray(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    if image.mode == "1":
        return image.convert("L")
    return image.convert("L") if image.mode != "L" else image


def rescale(image: Image.Image, native_dpi: float) -> tuple[Image.Image, int]:
    """Resample to the working resolution (Lanczos): upsampling low-dpi scans helps Tesseract."""
    dpi = target_dpi(native_dpi)
    factor = dpi / native_dpi
    if abs(factor - 1) < 0.02:
        return image, dpi
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS), dpi


def _otsu(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    omega = np.cumsum(hist) / total
    mu = np.cumsum(hist * np.arange(256)) / total
    mu_t = mu[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma_b = (mu_t * omega - mu) ** 2 / (omega * (1 - omega))
    sigma_b = np.nan_to_num(sigma_b)
    return int(np.argmax(sigma_b))


def binarize(gray: Image.Image) -> Image.Image:
    """Black and white at Otsu's global threshold (the method Tesseract applies by default)."""
    a = np.asarray(gray)
    return Image.fromarray(a > _otsu(a)).convert("1")


def _profile_scorer(ink: np.ndarray):
    """A function of an angle: how sharp the row profile of the ink is once the page is turned
    by that angle about its centre (as ``Image.rotate`` turns it). The ink pixels' coordinates are
    turned instead of the image: a histogram per angle instead of a rotation of every pixel."""
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    dx, dy = xs - w / 2 + 0.5, ys - h / 2 + 0.5

    def score(angle: float) -> float:
        c, s = np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))
        y2 = -dx * s + dy * c + h / 2
        x2 = dx * c + dy * s + w / 2
        inside = (y2 >= 0) & (y2 < h) & (x2 >= 0) & (x2 < w)  # what stays on the page
        rows = np.bincount(y2[inside].astype(np.int64), minlength=h).astype(np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    return score


def estimate_skew(gray: Image.Image, max_angle: float = 5.0) -> float:
    """Skew angle in degrees by projection profiles: text lines are sharpest when level.

    Works on a reduced copy (about 1000 px wide), coarse then fine search.
    """
    scale = min(1.0, 1000 / max(gray.width, 1))
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    arr = np.asarray(small)
    ink = arr < _otsu(arr)
    if ink.mean() < 0.5 / 255:  # blank page: nothing to measure
        return 0.0
    score = _profile_scorer(ink)
    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    best = max(fine, key=score)
    return round(float(best), 2)


def deskew(gray: Image.Image, min_angle: float = 1.0) -> tuple[Image.Image, float]:
    angle = estimate_skew(gray)
    if abs(angle) < min_angle:
        return gray, 0.0
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255), angle


def prepare(image: Image.Image, native_dpi: float, steps: list | None = None) -> tuple[Image.Image, int, float]:
    """Grayscale, resample to the working dpi, straighten. Returns (image, dpi, skew); ``steps``
    gets each geometric change made (``geometry.py`` undoes them)."""
    image = ImageOps.exif_transpose(image) if image.getexif() else image
    gray = to_gray(image)
    # Deskew before upsampling: rotating fewer pixels is cheaper and blurs less. Below 1
    # degree Tesseract copes better with the skew than with a resampled image (measured).
    size = gray.size
    gray, skew = deskew(gray)
    if skew and steps is not None:
        steps.append(geometry.rotate_step(skew, size, gray.size))
    size = gray.size
    gray, dpi = rescale(gray, native_dpi)
    if gray.size != size and steps is not None:
        steps.append(geometry.scale_step(size, gray.size))
    return gray, dpi, skew


def without_underlines(gray: Image.Image, longest: int) -> Image.Image:
    """The image with every horizontal run of dark pixels longer than ``longest`` painted white:
    the rule under an underlined line, which can keep Tesseract from reading the line above it."""
    pixels = np.asarray(gray.convert("L")).copy()
    dark = pixels < 170
    for y in np.flatnonzero(dark.sum(axis=1) > longest):
        edges = np.diff(np.concatenate(([0], dark[y].astype(np.int8), [0])))
        for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)):
            if end - start > longest:
                pixels[y, start:end] = 255
    return Image.fromarray(pixels)
