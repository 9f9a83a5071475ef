"""OCR of one page image, with orientation recovery for pages scanned sideways, and a second
reading for pages where Tesseract wrote printed lines apart (lines.py)."""

from __future__ import annotations

import re

from PIL import Image

from pipeline import geometry
from pipeline.geometry import box_back
from pipeline.recognition import lines, preprocess, tesseract
from pipeline.record import OCR, Page

# A page whose mean word confidence falls below this, or with almost no words, is checked
# for orientation (one extra cheap Tesseract OSD run); upright pages pay nothing.
LOW_CONFIDENCE = 60.0
FEW_WORDS = 8
# A page where Tesseract wrote a printed line as two (a margin note apart, lines.py) is read again
# as one block of lines, which keeps each note on its line; that reading is kept unless it finds
# fewer words of at least GOOD_WORD confidence than MARGIN_KEEP of the first one's.
MARGIN_PSM = 6
GOOD_WORD = 50.0
MARGIN_KEEP = 0.95


def ocr_image(
    image: Image.Image,
    page_no: int,
    native_dpi: float | None = None,
    *,
    timeout: float | None = 300,
    psm: int = tesseract.DEFAULT_PSM,
    choices: bool = False,
) -> Page:
    """One page image read: prepared (``preprocess.prepare``), OCR'd, read again where its margin
    notes or its orientation call for it. ``choices``: Tesseract's letter choices too
    (``tesseract.run``)."""
    native = native_dpi or preprocess.guess_dpi(image)
    steps: list = []  # what was done to the image, to place the words back on it (geometry.py)
    work, dpi, skew = preprocess.prepare(image, native, steps)
    result = tesseract.run(work, dpi, psm=psm, timeout=timeout, choices=choices)
    if psm != MARGIN_PSM and lines.read_again(result.words, work.width):
        again = tesseract.run(work, dpi, psm=MARGIN_PSM, timeout=timeout, choices=choices)
        if _good_words(again) >= MARGIN_KEEP * _good_words(result):
            result = again
    rotation = 0
    conf = result.mean_confidence
    if conf is None or conf < LOW_CONFIDENCE or len(result.words) < FEW_WORDS:
        angle, osd_conf = tesseract.detect_orientation(work, timeout=timeout)
        if angle and osd_conf >= 1.0:
            turned = work.rotate(-angle, expand=True, fillcolor=255)
            more = [geometry.rotate_step(-angle, work.size, turned.size)]
            size = turned.size
            turned, extra_skew = preprocess.deskew(turned)
            if extra_skew:
                more.append(geometry.rotate_step(extra_skew, size, turned.size))
            second = tesseract.run(turned, dpi, psm=psm, timeout=timeout, choices=choices)
            if (second.mean_confidence or 0) > (conf or 0) and len(second.words) >= len(result.words) // 2:
                result, rotation, skew, work = second, angle, extra_skew, turned
                steps += more
    return Page(
        page_no=page_no,
        method=OCR,
        text_raw=result.text,
        ocr_confidence=result.mean_confidence,
        width=work.width,
        height=work.height,
        dpi=float(dpi),
        native_dpi=round(float(native), 1),
        alto=result.alto,
        words=result.words,
        rotation=rotation,
        skew=skew,
        source_size=_upright_size(image),
        transform=steps,
    )


def _good_words(result) -> int:
    return sum(1 for w in result.words if w["conf"] >= GOOD_WORD)


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The page's size as it is shown: a photo whose camera said to turn it a quarter turn
    (EXIF orientation 5-8) is shown with its sides swapped; the word boxes measure that page."""
    exif = image.getexif()
    if exif and exif.get(0x0112, 1) in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height


_BOX = re.compile(r'HPOS="(?P<x>[\d.]+)" VPOS="(?P<y>[\d.]+)" WIDTH="(?P<w>[\d.]+)" HEIGHT="(?P<h>[\d.]+)"')
# a space between two words, as Tesseract writes it (its width can come out negative at a line's end)
_SPACE = re.compile(r'<SP WIDTH="(?P<w>-?[\d.]+)" VPOS="(?P<y>-?[\d.]+)" HPOS="(?P<x>-?[\d.]+)"/>')
ALTO_V3, ALTO_V4 = "http://www.loc.gov/standards/alto/ns-v3#", "http://www.loc.gov/standards/alto/ns-v4#"
ALTO_V4_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"


def to_scan(alto: str, page) -> str:
    """Tesseract's ALTO (version 3) measures the prepared image it read; the ALTO we keep is ALTO
    version 4.4, measures the page as scanned (the straightening and resampling undone,
    ``geometry.py``), spaces between words included, and numbers the page. Done on the worker
    that OCR'd the page, not by the process that stores it."""
    alto = alto.replace('PHYSICAL_IMG_NR="0"', f'PHYSICAL_IMG_NR="{page.page_no}"', 1)
    # ALTO 4 has every element and attribute Tesseract writes: its namespace and schema are enough
    alto = re.sub(r'xsi:schemaLocation="[^"]*"', f'xsi:schemaLocation="{ALTO_V4} {ALTO_V4_SCHEMA}"',
                  alto.replace(ALTO_V3, ALTO_V4), count=1)
    sw, sh = page.source_size or (page.width, page.height)

    def space(m: re.Match) -> str:
        if float(m["w"]) < 0:
            return "<SP/>"  # a width Tesseract got wrong: the space stands, unmeasured
        x0, y0, x1, _ = box_back(float(m["x"]), float(m["y"]), float(m["w"]), 0.0, page.transform or [])
        x0, x1, y0 = max(0, round(x0)), min(sw, round(x1)), min(sh, max(0, round(y0)))
        return f'<SP WIDTH="{max(0, x1 - x0)}" VPOS="{y0}" HPOS="{x0}"/>'

    alto = _SPACE.sub(space, alto)
    if not page.source_size:
        return alto

    def back(m: re.Match) -> str:
        x0, y0, x1, y1 = box_back(float(m["x"]), float(m["y"]), float(m["w"]), float(m["h"]), page.transform or [])
        x0, y0 = max(0, round(x0)), max(0, round(y0))
        x1, y1 = min(sw, round(x1)), min(sh, round(y1))
        return f'HPOS="{x0}" VPOS="{y0}" WIDTH="{max(0, x1 - x0)}" HEIGHT="{max(0, y1 - y0)}"'

    alto = re.sub(r'(<Page WIDTH=")\d+(" HEIGHT=")\d+(")', lambda m: f"{m[1]}{sw}{m[2]}{sh}{m[3]}", alto, count=1)
    return _BOX.sub(back, alto)
