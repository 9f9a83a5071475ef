"""The records that flow through the stages.

A ``Document`` is created by discovery, gets its ``pages`` from the sources and the OCR, their
``text_clean`` from the repair stage, and is then written by ``store`` in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

TEXT_LAYER = "text_layer"
OCR = "ocr"


@dataclass
class Page:
    page_no: int  # 1-based
    method: str  # TEXT_LAYER or OCR
    text_raw: str
    text_clean: str | None = None
    ocr_confidence: float | None = None  # mean word confidence, 0-100, OCR pages only
    width: int | None = None  # pixels for images/OCR, points for text-layer PDF pages
    height: int | None = None
    dpi: float | None = None  # effective resolution the page was OCR'd at
    native_dpi: float | None = None  # resolution of the scan as found in the file
    alto: str | None = None  # ALTO XML from the same Tesseract run ...
    alto_file: str | None = None  # ... or the file it was spooled to, to keep memory flat
    words: list[dict] | None = None  # word boxes: text, conf, left, top, width, height
    lines: list[list] | None = None  # segments [text, x0, x1, top, bottom, bold, size] in points: a text layer's
    # (sources/layout.py); an OCR'd page's lines [text, x0, x1, top, bottom, None, None, underlined] (recognition/typography.py)
    tables: list[list[str]] | None = None  # rows of a text-layer page's ruled tables, cell texts (sources/tables.py)
    over_image: bool = False  # a text layer lying over a page-sized image: someone's earlier OCR
    rotation: int = 0  # degrees the page was turned before OCR
    skew: float = 0.0  # degrees of deskew applied
    source_size: tuple[int, int] | None = None  # pixels of the page image as scanned (OCR pages)
    transform: list | None = None  # the steps from that image to the one Tesseract read (geometry.py)
    tagged: dict | None = None  # its lines spaCy's tagger read: {"model": …, "lines": {line: [[place, start], …]}}


@dataclass
class Document:
    path: Path  # absolute path of the input file
    source_path: str  # path relative to the input folder, POSIX style
    name: str  # source_path without its extension: names the output files
    kind: str = ""  # pdf, image or text
    sha256: str = ""
    n_pages: int = 0  # pages in the file, known once planned
    pages: list[Page] = field(default_factory=list)
    status: str = "ok"
    error: str | None = None
    corrections: list[Correction] = field(default_factory=list)  # filled by the repair stage
    person_names: dict = field(default_factory=dict)  # (surname, first name) -> times read, by the repair stage
    entities: dict = field(default_factory=dict)  # table -> rows, filled by the extract stage
    notes: list[str] = field(default_factory=list)  # overrides that found nothing to apply to, in words
    pending: list = field(default_factory=list)  # pieces of its reading still to run (run/stages.py Unit)
    old_print: bool = False  # declared OCR of old print (ingest --old-print): repaired so, by reprocess too

    @property
    def doc_id(self) -> str:
        return self.source_path

    @property
    def text_raw(self) -> str:
        return "\f".join(p.text_raw for p in self.pages)

    @property
    def text_clean(self) -> str:
        return "\f".join(p.text_clean if p.text_clean is not None else p.text_raw for p in self.pages)

@dataclass
class Correction:
    """One change the repair made to a page's text (the audit's row; ``corrections`` table)."""

    page: int
    start: int  # offsets in the raw page text
    end: int
    clean_start: int  # offsets in the repaired page text
    clean_end: int
    before: str
    after: str
    rule: str
    score: float
    overruled: bool = False  # an archivist rejected it (overrides.json): the clean text keeps ``before``

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Segment:
    """A run of words on one visual line of a page, with its box (PDF points): ``sources/layout.py``."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: float | None = None  # share of its letters in a bold face (None: not known)
    size: float | None = None  # its letters' median size, points
    underlined: bool | None = None  # a rule under it, seen on a scan's image (None: not looked for)
