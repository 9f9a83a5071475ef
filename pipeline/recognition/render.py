"""A page of a PDF drawn as an image for OCR, at the resolution of its scan (pdfium)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from pipeline.recognition import preprocess


def render(path: Path, page_no: int, native_dpi: float | None) -> tuple[Image.Image, float]:
    """Render a page at the resolution of its scan (a page without one, drawn in vectors, at
    ``preprocess.TARGET_DPI``): (grayscale image, dpi).

    Upsampling to the working resolution is left to ``preprocess.py`` (Lanczos), which
    reads low-resolution scans better than pdfium's own interpolation.
    """
    dpi = float(native_dpi) if native_dpi and 72 <= native_dpi <= preprocess.MAX_DPI else float(preprocess.TARGET_DPI)
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_no - 1]
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        image = bitmap.to_pil()
        page.close()
    finally:
        doc.close()
    return image, dpi
