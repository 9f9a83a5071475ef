"""ALTO 4.4 of one OCR'd page, written from what Tesseract's hOCR said (``hocr.py``).

The ALTO measures the page as scanned: every box Tesseract gave on the prepared image (straightened,
resampled) is taken back to the scan (``geometry.box_back``). One ``TextBlock`` per paragraph, one
``TextLine`` per line, one ``String`` per word with its confidence (``WC``, 0-1), and a measured
``SP`` between two words of a line. Written on the worker that OCR'd the page; ``store/textfiles.py``
names the source file in ``fileName``.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from pipeline.geometry import box_back

ALTO_V4 = "http://www.loc.gov/standards/alto/ns-v4#"
ALTO_V4_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"


def write(reading, page) -> str:
    """The ALTO of ``page`` (its number, size as scanned and ``transform``), from ``reading``
    (``hocr.Reading``: its words and paragraphs)."""
    sw, sh = page.source_size or (page.width, page.height)

    def measure(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        """A box on the prepared image, as HPOS, VPOS, WIDTH, HEIGHT on the scan."""
        a, b, c, d = box_back(x0, y0, x1 - x0, y1 - y0, page.transform or []) if page.source_size else (x0, y0, x1, y1)
        a, b, c, d = max(0, round(a)), max(0, round(b)), min(sw, round(c)), min(sh, round(d))
        return a, b, max(0, c - a), max(0, d - b)

    def box(x0, y0, x1, y1) -> str:
        h, v, w, ht = measure(x0, y0, x1, y1)
        return f'HPOS="{h}" VPOS="{v}" WIDTH="{w}" HEIGHT="{ht}"'

    out = [f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ALTO_V4}" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{ALTO_V4} {ALTO_V4_SCHEMA}">\n'
           "<Description>\n<MeasurementUnit>pixel</MeasurementUnit>\n"
           "<sourceImageInformation>\n<fileName></fileName>\n</sourceImageInformation>\n"
           '<OCRProcessing ID="OCR_0">\n<ocrProcessingStep>\n<processingSoftware>\n'
           f"<softwareName>{_text(reading.software)}</softwareName>\n"
           "</processingSoftware>\n</ocrProcessingStep>\n</OCRProcessing>\n</Description>\n<Layout>\n"
           f'<Page WIDTH="{sw}" HEIGHT="{sh}" PHYSICAL_IMG_NR="{page.page_no}" ID="page_{page.page_no}">\n'
           f'<PrintSpace HPOS="0" VPOS="0" WIDTH="{sw}" HEIGHT="{sh}">\n']
    words, n_line = reading.words, 0
    for n_block, par in enumerate(reading.paragraphs):
        lines = [line for line in par.lines if line.words]
        if not lines:
            continue
        out.append(f'<TextBlock ID="block_{n_block}" {box(*par.box)}>\n')
        for line in lines:
            out.append(f'<TextLine ID="line_{n_line}" {box(*line.box)}>\n')
            n_line += 1
            for i, k in enumerate(line.words):
                w = words[k]
                x1 = w["left"] + w["width"]
                out.append(f'<String ID="string_{k}" {box(w["left"], w["top"], x1, w["top"] + w["height"])} '
                           f'WC="{max(0.0, w["conf"]) / 100:.2f}" CONTENT={quoteattr(w["text"])}/>')
                if i + 1 < len(line.words):
                    nxt = words[line.words[i + 1]]
                    if nxt["left"] > x1:  # a space measured between the two words
                        h, v, width, _ = measure(x1, w["top"], nxt["left"], w["top"] + w["height"])
                        out.append(f'<SP WIDTH="{width}" VPOS="{v}" HPOS="{h}"/>')
                    else:
                        out.append("<SP/>")  # boxes that touch or overlap: the space stands, unmeasured
                out.append("\n")
            out.append("</TextLine>\n")
        out.append("</TextBlock>\n")
    out.append("</PrintSpace>\n</Page>\n</Layout>\n</alto>\n")
    return "".join(out)


def _text(value: str) -> str:
    return quoteattr(value)[1:-1]
