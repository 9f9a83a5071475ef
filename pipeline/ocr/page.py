"""OCR of one page image, with orientation recovery for pages scanned sideways."""

from __future__ import annotations

from PIL import Image

from pipeline.ocr import geometry, preprocess, tesseract
from pipeline.record import OCR, Page

# A page whose mean word confidence falls below this, or with almost no words, is checked
# for orientation (one extra cheap Tesseract OSD run); upright pages pay nothing.
LOW_CONFIDENCE = 60.0
FEW_WORDS = 8


def ocr_image(
    image: Image.Image,
    page_no: int,
    native_dpi: float | None = None,
    *,
    timeout: float | None = 300,
    psm: int = tesseract.DEFAULT_PSM,
) -> Page:
    native = native_dpi or preprocess.guess_dpi(image)
    steps: list = []  # what was done to the image, to place the words back on it (geometry.py)
    work, dpi, skew = preprocess.prepare(image, native, steps)
    result = tesseract.run(work, dpi, psm=psm, timeout=timeout)
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
            second = tesseract.run(turned, dpi, psm=psm, timeout=timeout)
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


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The page's size as it is shown: a photo whose camera said to turn it a quarter turn
    (EXIF orientation 5-8) is shown with its sides swapped; the word boxes measure that page."""
    exif = image.getexif()
    if exif and exif.get(0x0112, 1) in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height
