"""A page of a PDF drawn as an image for OCR, at the resolution of its scan (pdfium).

What a PDF lays over the scanned page as an annotation — the prefecture's transmission stamp
("Envoyé en préfecture le …", added by the platform that sends an act), a note typed over the
page — is not the page: drawn into it, it hides the lines under it, and OCR reads the two as one
("Ta ue cit: g … = ux d 1impo 10on des taxes locale Reçu en préfecture le …" for an item's title
under a stamp). The page is drawn without its annotations, and each annotation that carries
text is drawn apart (``overlays``), to be read on its own.
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
SMALLEST = 8  # pixels: an annotation narrower or lower than this draws no line of text


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
    """The page as ``render`` draws it, and each annotation of it that carries text as it is
    drawn over the page and alone: its rectangle rendered with the annotations and without them,
    the pixels that differ kept (an opaque stamp hides the page under it, a transparent note
    leaves it: neither is read with it). No annotation is read apart on a rotated page, whose
    rectangles are not the image's."""
    dpi = float(native_dpi) if native_dpi and 72 <= native_dpi <= preprocess.MAX_DPI else float(preprocess.TARGET_DPI)
    scale = dpi / 72.0
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_no - 1]
        bare = page.render(scale=scale, grayscale=True, draw_annots=False).to_pil()
        rects = _text_annotations(page) if overlays and page.get_rotation() == 0 else []
        if rects:
            left, _, _, top = page.get_cropbox()
            drawn = np.asarray(page.render(scale=scale, grayscale=True).to_pil())
        page.close()
    finally:
        doc.close()
    crops = []
    under_all = np.asarray(bare) if rects else None
    for x0, y0, x1, y1 in rects:
        box = (max(0, round((x0 - left) * scale)), max(0, round((top - y1) * scale)),
               min(drawn.shape[1], round((x1 - left) * scale)), min(drawn.shape[0], round((top - y0) * scale)))
        if box[2] - box[0] < SMALLEST or box[3] - box[1] < SMALLEST:
            continue
        over, under = (a[box[1]:box[3], box[0]:box[2]] for a in (drawn, under_all))
        crops.append(Image.fromarray(np.where(over != under, over, 255).astype(np.uint8)))
    return bare, dpi, crops


def _text_annotations(page) -> list[tuple[float, float, float, float]]:
    """The rectangles (PDF points) of the page's annotations that carry text."""
    out = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        try:
            rect = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetSubtype(annot) in TEXT_ANNOTATIONS and pdfium_c.FPDFAnnot_GetRect(annot, rect):
                out.append((rect.left, rect.bottom, rect.right, rect.top))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out
