"""``pdf/<name>.pdf`` (``ingest --pdf``): the original pages, their images untouched, with the
**repaired** text laid invisibly over Tesseract's word boxes, so that selecting and searching
work in any viewer. A born-digital page is copied as it is.

A word box is taken back from the prepared image Tesseract read to the page as scanned
(``geometry.py``: the straightening and resampling undone), then to PDF points. Each word
is invisible text (render mode 3) stretched to its box, followed by a space. Libraries: pikepdf (qpdf) to
copy the pages and lay the text over them, reportlab to write the text, img2pdf to turn an image
file into PDF pages without re-encoding it.
"""

from __future__ import annotations

import io
from pathlib import Path

from pipeline import faults
from pipeline.alignment import page_edits, repaired_words
from pipeline.geometry import box_back
from pipeline.record import OCR, Document, Page
from pipeline.store import atomic

FONT = "Helvetica"  # one of PDF's standard fonts: nothing to embed, WinAnsi covers French


def pdf_path(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / "pdf" / f"{name}.pdf"


def write_pdf(out_dir: Path, doc: Document) -> Path | None:
    """The searchable PDF of a PDF or image document (a text file has no pages to show)."""
    import pikepdf

    if doc.kind not in ("pdf", "image"):
        return None
    if doc.kind == "pdf":
        pdf = pikepdf.open(doc.path)
    else:
        import img2pdf

        pdf = pikepdf.open(io.BytesIO(img2pdf.convert(str(doc.path), rotation=img2pdf.Rotation.ifvalid)))
    target = pdf_path(out_dir, doc.name)
    tmp = atomic.temporary(target)
    try:
        with pdf:
            by_no = {p.page_no: p for p in doc.pages}
            for i, pdf_page in enumerate(pdf.pages, start=1):
                page = by_no.get(i)
                if page is None or page.method != OCR or not page.words:
                    continue  # a born-digital page is the document itself
                overlay = _text_layer(doc, page, pdf_page)
                if overlay is not None:
                    with pikepdf.open(io.BytesIO(overlay)) as layer:
                        pdf_page.add_overlay(layer.pages[0])
            pdf.save(tmp)
        faults.reached("searchable-pdf", key=doc.path.name, path=target)
        atomic.commit(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _text_layer(doc: Document, page: Page, pdf_page) -> bytes | None:
    """One PDF page of invisible words, the size of ``pdf_page``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    x0, y0, x1, y1 = (float(v) for v in pdf_page.mediabox)
    raw_w, raw_h = x1 - x0, y1 - y0
    turn = int(pdf_page.obj.get("/Rotate", 0)) % 360  # how a viewer turns the page (img2pdf: the EXIF turn)
    width_pt, height_pt = (raw_h, raw_w) if turn in (90, 270) else (raw_w, raw_h)  # the page as shown
    source = page.source_size or (page.width, page.height)
    if not source or not source[0] or not source[1]:
        return None
    sx, sy = width_pt / source[0], height_pt / source[1]
    edits = page_edits(doc.corrections, page.page_no)
    texts = repaired_words(page.text_raw, page.text_clean or page.text_raw, [w["text"] for w in page.words], edits)
    buf = io.BytesIO()
    # words are placed on the page as shown (what was rendered and OCR'd); pikepdf's add_overlay
    # turns the layer with the page's /Rotate
    c = canvas.Canvas(buf, pagesize=(width_pt, height_pt), pageCompression=1)
    for w, text in zip(page.words, texts):
        text = " ".join((text or "").split())
        if not text:
            continue
        bx0, by0, bx1, by1 = box_back(w["left"], w["top"], w["width"], w["height"], page.transform or [])
        left, right = bx0 * sx, bx1 * sx
        top, bottom = height_pt - by0 * sy, height_pt - by1 * sy
        size = max(1.0, (top - bottom) * 0.9)
        natural = stringWidth(text, FONT, size)
        t = c.beginText()
        t.setTextRenderMode(3)  # invisible: found, selected and copied, never drawn
        t.setFont(FONT, size)
        if natural > 0:
            t.setHorizScale(100.0 * (right - left) / natural)
        t.setTextOrigin(left, bottom + (top - bottom) * 0.2)
        t.textOut(text + " ")  # the space tells a text extractor where the word ends
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()
