"""The files researchers open: ``text/<name>.txt``, ``text/<name>.raw.txt``, ``alto/<name>/``."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.ocr.geometry import box_back
from pipeline.record import OCR, Document
from pipeline.store import files


def text_path(out_dir: Path, name: str, raw: bool = False) -> Path:
    return Path(out_dir) / "text" / (name + (".raw.txt" if raw else ".txt"))


def alto_dir(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / "alto" / name


def write_document(out_dir: Path, doc: Document) -> None:
    write_texts(out_dir, doc)
    altos = {f"page-{p.page_no}.xml": _alto_reader(p, doc.source_path)
             for p in doc.pages if p.method == OCR and (p.alto or p.alto_file)}
    target = alto_dir(out_dir, doc.name)
    if altos:
        files.replace_dir(target, altos, fault="alto-file", key=doc.path.name)
    elif target.exists():
        files.remove(target)


def write_texts(out_dir: Path, doc: Document) -> None:
    """The raw and the repaired text (``reprocess`` writes only these: the ALTO comes from the OCR)."""
    files.write_text(text_path(out_dir, doc.name, raw=True), doc.text_raw, fault="text-file", key=doc.path.name)
    files.write_text(text_path(out_dir, doc.name), doc.text_clean)


def _alto_reader(page, source: str):
    def read() -> str:
        alto = page.alto if page.alto is not None else Path(page.alto_file).read_text(encoding="utf-8")
        return _label_alto(alto, source, page.page_no)

    return read


_BOX = re.compile(r'HPOS="(?P<x>[\d.]+)" VPOS="(?P<y>[\d.]+)" WIDTH="(?P<w>[\d.]+)" HEIGHT="(?P<h>[\d.]+)"')


def to_scan(alto: str, page) -> str:
    """Tesseract's ALTO measures the prepared image it read; the ALTO we keep measures the page as
    scanned (the straightening and resampling undone, ``ocr/geometry.py``), and numbers the page.
    Done on the worker that OCR'd the page (``batch/work.py``), not by the process that stores it."""
    alto = alto.replace('PHYSICAL_IMG_NR="0"', f'PHYSICAL_IMG_NR="{page.page_no}"', 1)
    if not page.source_size:
        return alto
    sw, sh = page.source_size

    def back(m: re.Match) -> str:
        x0, y0, x1, y1 = box_back(float(m["x"]), float(m["y"]), float(m["w"]), float(m["h"]), page.transform or [])
        x0, y0 = max(0, round(x0)), max(0, round(y0))
        x1, y1 = min(sw, round(x1)), min(sh, round(y1))
        return f'HPOS="{x0}" VPOS="{y0}" WIDTH="{max(0, x1 - x0)}" HEIGHT="{max(0, y1 - y0)}"'

    alto = re.sub(r'(<Page WIDTH=")\d+(" HEIGHT=")\d+(")', lambda m: f"{m[1]}{sw}{m[2]}{sh}{m[3]}", alto, count=1)
    return _BOX.sub(back, alto)


def drop_spooled(doc: Document) -> None:
    """Delete the spool files of a document once written (or failed)."""
    for p in doc.pages:
        if p.alto_file:
            Path(p.alto_file).unlink(missing_ok=True)


def _label_alto(alto: str, source: str, page_no: int) -> str:
    """Tesseract names its temporary input file in ALTO; name the real source instead."""
    from xml.sax.saxutils import escape

    start = alto.find("<fileName>")
    end = alto.find("</fileName>")
    if start != -1 and end != -1:
        alto = alto[: start + len("<fileName>")] + escape(f"{source}#page={page_no}") + alto[end:]
    return alto
