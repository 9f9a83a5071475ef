"""PDF pages: which are read from their text layer (pdfplumber) and which need OCR, and the text
layer's text, words and ruled tables (the rendering for OCR is ``recognition/render.py``)."""

from __future__ import annotations

import functools
import re
import types
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.layout import LTChar
from pdfplumber import page as plumber_page

from pipeline.errors import DocumentError, UnsupportedFile
from pipeline.sources.layout import segments_of_page
from pipeline.sources.tables import ruled_rows
from pipeline.record import TEXT_LAYER, Page

MIN_TEXT_CHARS = 20  # fewer visible characters than this: the page is an image
MASK_COVER = 0.15  # image masks covering this share of a page carry its text, not a signature or a stamp (``_image_stats``)
MASK_MAX_DPI = 400  # … and set its resolution up to this one, the finest the recognition draws a page at
IMAGE_COVER = 0.5  # a page mostly covered by an image ...
SPARSE_TEXT_CHARS = 200  # ... with less text than this is a scan with a stamp or header
_GARBAGE = re.compile(r"\(cid:\d+\)|\ufffd")


@dataclass
class PageInfo:
    page_no: int
    needs_ocr: bool
    native_dpi: float | None
    page: Page | None  # the text-layer page, when it has real text


def open_pdf(path: Path) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for broken files
        raise _explain(path, exc) from None


def _explain(path: Path, exc: Exception) -> DocumentError:
    name = type(exc).__name__
    text = str(exc)
    if "PDFPasswordIncorrect" in name or "password" in text.lower() or "Encrypt" in name:
        return UnsupportedFile(f"{path.name}: PDF is password-protected; remove the password to process it")
    if "PDFSyntaxError" in name or "No /Root" in text or "EOF" in text:
        return UnsupportedFile(f"{path.name}: not a readable PDF (damaged, truncated or another format)")
    return UnsupportedFile(f"{Path(path).name}: cannot read PDF ({name}: {' '.join(text.split())[:200]})")


def _image_stats(page) -> tuple[float, float | None]:
    """(fraction of the page covered by images, the resolution its scan is drawn at).

    The resolution is the largest image's, unless finer image masks carry the page's ink: a
    copier's compact PDF (mixed raster content) lays a 1-bit mask of the letters at the scan's
    full resolution (300 dpi) over a background reduced to a coarse colour picture (150 dpi).
    Drawn at the background's resolution the letters lose half their detail (an underlined
    title in colour becomes unreadable); drawn at the masks', they are the scan's own. Masks
    count when together they cover MASK_COVER of the page: a few lines of text, not a
    signature or a stamp. Only up to MASK_MAX_DPI: the page is never drawn finer."""
    area = float(page.width * page.height) or 1.0
    covered = masked = 0.0
    best_dpi, best_area, mask_dpi, mask_area = None, 0.0, None, 0.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        covered += w * h
        src = im.get("srcsize") or (0, 0)
        if not src[0] or (im["x1"] - im["x0"]) <= 0:
            continue
        dpi = src[0] / ((im["x1"] - im["x0"]) / 72.0)
        if w * h > best_area:
            best_area, best_dpi = w * h, dpi
        if im.get("imagemask"):
            masked += w * h
            if w * h > mask_area:  # the largest mask's: a stray mask of a few pixels says little
                mask_area, mask_dpi = w * h, dpi
    if mask_dpi and best_dpi and best_dpi < mask_dpi <= MASK_MAX_DPI and masked >= MASK_COVER * area:
        best_dpi = mask_dpi
    return min(covered / area, 1.0), best_dpi


_PLAIN = (int, float, str, bool, type(None))  # a value pdfplumber's resolve_all gives back as it is
_colour_space = functools.lru_cache(maxsize=256)(plumber_page.resolve_and_decode)


def _char_object(page, obj):
    """pdfplumber's ``Page.process_object`` for a character, the same dictionary built with fewer
    calls: a character's attributes are plain numbers, names and tuples of numbers, which
    ``resolve_all`` would walk one by one, and its colour space's name is decoded once per name.
    A born-digital page holds thousands of characters; this reads its text layer about a third
    quicker (``benchmarks/text_layer.py``). Any other object goes to pdfplumber's own method, and
    ``tests/test_pdf_text_layer.py`` checks both give the same objects on real pages (pdfplumber is
    pinned in ``pyproject.toml``)."""
    if type(obj) is not LTChar:
        return plumber_page.Page.process_object(page, obj)
    attr = {}
    for k, v in obj.__dict__.items():
        if k in plumber_page.ALL_ATTRS:
            plain = isinstance(v, _PLAIN) or type(v) is tuple and all(isinstance(x, _PLAIN) for x in v)
            attr[k] = v if plain else plumber_page.resolve_all(v)
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = _colour_space(getattr(obj, cs).name)
    text = obj.get_text()
    attr["text"] = text if page.pdf.unicode_norm is None else plumber_page.normalize_unicode(page.pdf.unicode_norm, text)
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        attr["fontname"] = plumber_page.fix_fontname_bytes(attr["fontname"])
    mb_x0, mb_top = page.mediabox[:2]
    attr["top"] = (page.height - attr["y1"]) + mb_top
    attr["bottom"] = (page.height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] += mb_x0
        attr["x1"] += mb_x0
    return attr


def quick(page):
    """``page`` (a pdfplumber page) building its characters with ``_char_object``."""
    page.process_object = types.MethodType(_char_object, page)
    return page


def text_of(page) -> str:
    text = page.extract_text(x_tolerance=1.5, y_tolerance=3) or ""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + ("\n" if text.strip() else "")


def inspect_page(page, page_no: int, force_ocr: bool) -> PageInfo:
    cover, dpi = _image_stats(page)
    if force_ocr:
        return PageInfo(page_no, True, dpi, None)
    text = text_of(page)
    visible = len("".join(text.split()))
    garbage = sum(len(m) for m in _GARBAGE.findall(text))
    if visible >= MIN_TEXT_CHARS and garbage < 0.1 * visible and not (
        cover >= IMAGE_COVER and visible < SPARSE_TEXT_CHARS
    ):
        page_rec = Page(page_no=page_no, method=TEXT_LAYER, text_raw=text, width=round(page.width),
                        height=round(page.height), dpi=None, over_image=cover >= IMAGE_COVER)
        page_rec.lines = segments_of_page(page)
        page_rec.tables = ruled_rows(page)
        return PageInfo(page_no, False, dpi, page_rec)
    if visible == 0 and not page.images and not page.rects and not page.curves:
        # a genuinely blank page: nothing to OCR
        return PageInfo(page_no, False, None, Page(page_no=page_no, method=TEXT_LAYER, text_raw="",
                                                   width=round(page.width), height=round(page.height)))
    return PageInfo(page_no, True, dpi, None)


def inspect(path: Path, force_ocr: bool = False, first: int = 1, last: int | None = None) -> tuple[int, list[PageInfo]]:
    """Decide page by page between text layer and OCR. Returns (page count, infos)."""
    with open_pdf(path) as pdf:
        try:
            n = len(pdf.pages)
            last = n if last is None else min(last, n)
            infos = [inspect_page(quick(pdf.pages[i - 1]), i, force_ocr) for i in range(first, last + 1)]
            for i in range(first, last + 1):
                pdf.pages[i - 1].close()
        except DocumentError:
            raise
        except Exception as exc:
            raise _explain(path, exc) from None
    if n == 0:
        raise UnsupportedFile(f"{path.name}: PDF has no pages")
    return n, infos


def page_count(path: Path) -> int:
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnsupportedFile(f"{path.name}: PDF is password-protected; remove the password to process it") from None
        raise UnsupportedFile(f"{path.name}: not a readable PDF (damaged, truncated or another format)") from None
    try:
        return len(doc)
    finally:
        doc.close()
