"""Image files (PNG, JPEG, TIFF with any number of pages)."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import UnsupportedFile

DEFAULT_MAX_PIXELS = 200_000_000  # about an A0 sheet at 400 dpi; refused before decoding above


def _open(path: Path, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = None  # we apply our own limit, below, before decoding
            image = Image.open(path)
    except UnidentifiedImageError:
        raise UnsupportedFile(f"{path.name}: not a readable image (damaged or another format)") from None
    except OSError as exc:
        raise UnsupportedFile(f"{path.name}: cannot read image ({' '.join(str(exc).split())[:200]})") from None
    if image.width * image.height > max_pixels:
        size = f"{image.width} x {image.height}"
        image.close()
        raise UnsupportedFile(
            f"{path.name}: image of {size} pixels exceeds the limit of {max_pixels:,} pixels (--max-pixels)"
        )
    return image


def frame_count(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> int:
    with _open(path, max_pixels) as image:
        return getattr(image, "n_frames", 1)


def load_frame(path: Path, page_no: int, max_pixels: int = DEFAULT_MAX_PIXELS) -> Image.Image:
    """Decode page ``page_no`` (1-based) of an image file, checking every frame's size."""
    with _open(path, max_pixels) as image:
        for i, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if i == page_no:
                if frame.width * frame.height > max_pixels:
                    raise UnsupportedFile(f"{path.name}: page {i} exceeds the limit of {max_pixels:,} pixels")
                try:
                    frame.load()
                    out = frame.copy()
                except OSError as exc:
                    raise UnsupportedFile(f"{path.name}: image data is damaged ({' '.join(str(exc).split())[:200]})") from None
                out.info = dict(frame.info)
                return out
    raise UnsupportedFile(f"{path.name}: has no page {page_no}")
