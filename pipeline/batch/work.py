"""The units of work a worker process runs. Each is a plain picklable function call.

A document is first *planned* (hash, page count, how its pages are read), then its pages
are read in units: chunks of PDF pages for text-layer extraction, and one unit per page
that needs OCR, so the pages of one large scanned PDF spread across all cores.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import faults
from pipeline.errors import UnsupportedFile
from pipeline.ingest import image as image_in
from pipeline.ingest import pdf as pdf_in
from pipeline.ingest import textfile
from pipeline.ocr.page import ocr_image
from pipeline.record import TEXT_LAYER, Page

PDF_CHUNK = 16  # pages per text-layer unit


@dataclass(frozen=True)
class Options:
    force_ocr: bool = False
    page_timeout: float = 300.0
    max_pixels: int = image_in.DEFAULT_MAX_PIXELS
    spool_dir: str | None = None  # where OCR'd pages leave their ALTO instead of in memory
    text_timeout: float = 60.0  # seconds repair and extraction may take on a document (budget.py)


@dataclass
class Plan:
    sha256: str
    n_pages: int
    pages: list[Page] = field(default_factory=list)  # pages already read (text files)
    units: list[tuple] = field(default_factory=list)  # (function name, args) still to run


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def plan_document(path: Path, kind: str, opts: Options) -> Plan:
    faults.reached("in-worker", key=path.name)
    if not os.access(path, os.R_OK):
        raise UnsupportedFile(f"{path.name}: permission denied (file is not readable)")
    size = path.stat().st_size
    if size == 0:
        raise UnsupportedFile(f"{path.name}: empty file (0 bytes)")
    digest = sha256_of(path)
    if kind == "text":
        texts = textfile.read_pages(path)
        pages = [Page(page_no=i, method=TEXT_LAYER, text_raw=t) for i, t in enumerate(texts, start=1)]
        return Plan(digest, len(pages), pages=pages)
    if kind == "pdf":
        with open(path, "rb") as f:
            head = f.read(1024)
        if b"%PDF" not in head:
            raise UnsupportedFile(f"{path.name}: not a PDF (no PDF header; wrong extension?)")
        n = pdf_in.page_count(path)
        if n == 0:
            raise UnsupportedFile(f"{path.name}: PDF has no pages")
        units = [("pdf_pages", (path, first, min(first + PDF_CHUNK - 1, n), opts)) for first in range(1, n + 1, PDF_CHUNK)]
        return Plan(digest, n, units=units)
    if kind == "image":
        n = image_in.frame_count(path, opts.max_pixels)
        return Plan(digest, n, units=[("image_page", (path, i, opts)) for i in range(1, n + 1)])
    raise UnsupportedFile(f"{path.name}: unsupported kind {kind}")


def pdf_pages(path: Path, first: int, last: int, opts: Options) -> tuple[list[Page], list[tuple]]:
    """Read a chunk of PDF pages: text-layer pages, and OCR units for the others."""
    _, infos = pdf_in.inspect(path, opts.force_ocr, first, last)
    pages = [info.page for info in infos if not info.needs_ocr]
    units = [("pdf_ocr_page", (path, info.page_no, info.native_dpi, opts)) for info in infos if info.needs_ocr]
    return pages, units


def pdf_ocr_page(path: Path, page_no: int, native_dpi: float | None, opts: Options) -> tuple[list[Page], list[tuple]]:
    image, dpi = pdf_in.render(path, page_no, native_dpi)
    return [_spool(ocr_image(image, page_no, dpi, timeout=opts.page_timeout), opts)], []


def image_page(path: Path, page_no: int, opts: Options) -> tuple[list[Page], list[tuple]]:
    image = image_in.load_frame(path, page_no, opts.max_pixels)
    return [_spool(ocr_image(image, page_no, None, timeout=opts.page_timeout), opts)], []


def _spool(page: Page, opts: Options) -> Page:
    """The page's ALTO, measured on the scan, goes to the spool folder: a 1,000-page scan does not
    sit in memory."""
    if page.alto:
        from pipeline.store.output import to_scan

        page.alto = to_scan(page.alto, page)
    if opts.spool_dir and page.alto:
        import tempfile

        fd, name = tempfile.mkstemp(prefix=f"page-{page.page_no}-", suffix=".xml", dir=opts.spool_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page.alto)
        page.alto, page.alto_file = None, name
    return page


UNITS = {"pdf_pages": pdf_pages, "pdf_ocr_page": pdf_ocr_page, "image_page": image_page}


def run_unit(name: str, args: tuple) -> tuple[list[Page], list[tuple]]:
    return UNITS[name](*args)


def process_path(path: Path, kind: str, opts: Options) -> tuple[str, int, list[Page]]:
    """All of one document in this process, unit after unit: (sha256, page count, pages)."""
    plan = plan_document(path, kind, opts)
    pages = list(plan.pages)
    units = list(plan.units)
    while units:
        name, args = units.pop(0)
        got, more = run_unit(name, args)
        pages.extend(got)
        units.extend(more)
    return plan.sha256, plan.n_pages, sorted(pages, key=lambda p: p.page_no)


def finisher_init() -> None:
    """A finisher process: a worker that loads the repair and extraction models at once."""
    worker_init()
    from pipeline import clean
    from pipeline.extract import places

    try:
        clean.repairer()
        places.gazetteer()
        places._nlp()
    except Exception:  # the stage that needs the model reports the problem, on its document
        pass


def ready() -> bool:
    """A task that does nothing: sent first, it makes a pool start its processes now."""
    return True


def worker_init() -> None:
    import signal

    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker process
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal reaches every worker: the main process decides
    _die_with_parent()


def _die_with_parent() -> None:
    """No worker outlives the run: when the main process dies by any signal, even SIGKILL, the
    kernel sends this worker SIGKILL too (Linux's parent-death signal; elsewhere nothing)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the line above: follow it now
        os._exit(1)
