"""A page of a PDF drawn as an image for OCR, at the resolution of its scan (pdfium).

What a PDF lays over the scanned page as an annotation — the prefecture's transmission stamp
("Envoyé en préfecture le …", added by the platform that sends an act), a note typed over the
page — is not the page: drawn into it, it hides the lines under it, and OCR reads the two as one
("Ta ue cit: g … = ux d 1impo 10on des taxes locale Reçu en préfecture le …" for an item's title
under a stamp). The page is drawn without its annotations that carry text, and what they lay
over it is drawn apart (``render_apart``), to be read on its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from pipeline.recognition import preprocess

# the annotations that carry text of their own, read apart: a stamp, a note typed over the page
TEXT_ANNOTATIONS = (pdfium_c.FPDF_ANNOT_STAMP, pdfium_c.FPDF_ANNOT_FREETEXT)
MARGIN = 12  # pixels of white around it: Tesseract reads a line that touches the image's edge worse
SMALLEST = 8  # pixels: what annotations lay over a page in a box narrower or lower than this is no line of text


def render(path: Path, page_no: int, native_dpi: float | None) -> tuple[Image.Image, float]:
    """Render a page at the resolution of its scan (a page without one, drawn in vectors, at
    ``preprocess.TARGET_DPI``), without its annotations: (grayscale image, dpi).

    Upsampling to the working resolution is left to ``preprocess.py`` (Lanczos), which
    reads low-resolution scans better than pdfium's own interpolation.
    """
    image, dpi, _ = render_apart(path, page_no, native_dpi, overlays=False)
    return image, dpi


def render_apart(path: Path, page_no: int, native_dpi: float | None,
                 overlays: bool = True) -> tuple[Image.Image, float, list[Image.Image]]:
    """The page as ``render`` draws it (its annotations that carry text hidden, the others — a
    form's fields, a signature's picture — drawn as before), and what those annotations lay over
    it, alone: the pixels where the page drawn with them differs from the page drawn without,
    the rest white, cut to where they differ (an opaque stamp hides the page under it, a
    transparent note leaves it: neither is read with it). Found by drawing, not by the
    annotations' rectangles, so a rotated page or a crop box is drawn as pdfium draws it."""
    dpi = float(native_dpi) if native_dpi and 72 <= native_dpi <= preprocess.MAX_DPI else float(preprocess.TARGET_DPI)
    scale = dpi / 72.0
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_no - 1]
        annotations = _text_annotations(page)
        drawn = page.render(scale=scale, grayscale=True).to_pil() if annotations and overlays else None
        for annot in annotations:
            pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDFAnnot_GetFlags(annot) | pdfium_c.FPDF_ANNOT_FLAG_HIDDEN)
        bare = page.render(scale=scale, grayscale=True).to_pil()
        for annot in annotations:
            pdfium_c.FPDFPage_CloseAnnot(annot)
        page.close()
    finally:
        doc.close()
    if drawn is None or drawn.size != bare.size:
        return bare, dpi, []
    over, under = np.asarray(drawn), np.asarray(bare)
    differ = over != under
    rows, cols = np.flatnonzero(differ.any(axis=1)), np.flatnonzero(differ.any(axis=0))
    if rows.size == 0 or rows[-1] - rows[0] < SMALLEST or cols[-1] - cols[0] < SMALLEST:
        return bare, dpi, []
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    alone = np.pad(np.where(differ[box], over[box], 255).astype(np.uint8), MARGIN, constant_values=255)
    return bare, dpi, [Image.fromarray(alone)]


def _text_annotations(page) -> list:
    """The page's annotations that carry text (a stamp, a typed note), open: the caller closes them."""
    out = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        if pdfium_c.FPDFAnnot_GetSubtype(annot) in TEXT_ANNOTATIONS:
            out.append(annot)
        else:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out
