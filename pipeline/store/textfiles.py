"""The files researchers open: ``text/<name>.txt``, ``text/<name>.raw.txt``, ``alto/<name>/``."""

from __future__ import annotations

from pathlib import Path

from pipeline.record import OCR, Document
from pipeline.store import atomic


def text_path(out_dir: Path, name: str, raw: bool = False) -> Path:
    return Path(out_dir) / "text" / (name + (".raw.txt" if raw else ".txt"))


def alto_dir(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / "alto" / name


def write_document(out_dir: Path, doc: Document, alto: bool = True) -> None:
    """The document's raw and repaired text and, with ``alto``, its pages' ALTO (``reprocess``
    keeps the ALTO the OCR wrote: it writes only the text)."""
    write_texts(out_dir, doc)
    if not alto:
        return
    altos = {f"page-{p.page_no}.xml": _alto_reader(p, doc.source_path)
             for p in doc.pages if p.method == OCR and (p.alto or p.alto_file)}
    target = alto_dir(out_dir, doc.name)
    if altos:
        atomic.replace_dir(target, altos, fault="alto-file", key=doc.path.name)
    elif target.exists():
        atomic.remove(target)


def write_texts(out_dir: Path, doc: Document) -> None:
    """The raw and the repaired text (``reprocess`` writes only these: the ALTO comes from the OCR)."""
    atomic.write_text(text_path(out_dir, doc.name, raw=True), doc.text_raw, fault="text-file", key=doc.path.name)
    atomic.write_text(text_path(out_dir, doc.name), doc.text_clean)


def _alto_reader(page, source: str):
    def read() -> str:
        alto = page.alto if page.alto is not None else Path(page.alto_file).read_text(encoding="utf-8")
        return _label_alto(alto, source, page.page_no)

    return read


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
