"""Tesseract, called from this one place.

One run per page, asked for one output, its hOCR (``hocr.py``): the plain text, the word boxes
with their confidences, the lines and paragraphs the ALTO is written from (``alto.py``) all come
from it — 4 % less of Tesseract's time than asking for its text, TSV and ALTO (benchmarks/
tesseract_outputs.py). Asked for them (``choices``), the hOCR also carries, with
``lstm_choice_mode=2``, the other characters the recognizer considered at each position of a
word and their confidences (``alts`` of a word), which the repair uses as evidence before any
dictionary guess. ``OMP_THREAD_LIMIT=1`` keeps each run on one core: parallelism comes from
running pages in separate processes, which scales better than Tesseract's own threads.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image

from pipeline.errors import MissingDependency, OCRError
from pipeline.recognition import hocr as hocr_output

LANG = "fra"

# Chosen by measurement (benchmarks/ocr_settings.py, 24 degraded born-digital pages):
# psm 4 (one column of lines of variable sizes) and psm 3 (automatic layout) find the same
# words (word F1 0.944 vs 0.947) but psm 4 keeps each margin note on the line it belongs
# to, as council minutes are read ("Max LEVITA  1  Compte administratif ..."): CER in
# reading order 4.6% against 11.7%. Extraction of records depends on that order.
DEFAULT_PSM = 4


@dataclass
class OCRResult:
    text: str
    words: list[dict] = field(default_factory=list)
    reading: hocr_output.Reading | None = None  # its lines and paragraphs, for the ALTO (alto.py)

    @property
    def mean_confidence(self) -> float | None:
        confs = [w["conf"] for w in self.words if w["conf"] >= 0]
        return round(sum(confs) / len(confs), 2) if confs else None


def parts(result: OCRResult, offset: tuple[int, int] = (0, 0), blocks: int = 0) -> list:
    """The paragraphs of a reading, each with the words its lines index (``hocr.rebuilt``), its
    boxes moved by ``offset`` (it was read from a crop of the page whose top-left corner stands
    there) and its block numbers after ``blocks``."""
    if result.reading is None:
        return []
    dx, dy = offset

    def moved(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy

    words = [dict(w, left=w["left"] + dx, top=w["top"] + dy, block=w["block"] + blocks) for w in result.reading.words]
    return [(hocr_output.Paragraph(moved(p.box), [hocr_output.Line(moved(line.box), list(line.words), line.slope) for line in p.lines]),
             words) for p in result.reading.paragraphs]


def composed(pieces: list, software: str = "tesseract") -> OCRResult:
    """One reading of a page from paragraphs read apart (``parts``), in the order given."""
    reading = hocr_output.rebuilt(pieces, software)
    return OCRResult(text=tidy_text(reading.text), words=reading.words, reading=reading)


def last_block(result: OCRResult) -> int:
    return max((w["block"] for w in result.words), default=0)


@lru_cache(maxsize=1)
def check_installed(lang: str = LANG) -> str:
    """Return Tesseract's version, or raise a one-line error telling how to install it."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingDependency(
            "tesseract is not installed: run `apt-get install tesseract-ocr tesseract-ocr-fra`"
        )
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    langs = set(out.stdout.split())
    for needed in lang.split("+"):
        if needed not in langs:
            raise MissingDependency(
                f"Tesseract has no '{needed}' language data: run `apt-get install tesseract-ocr-{needed}`"
            )
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    first = (version.stdout or version.stderr).splitlines()
    return first[0] if first else "tesseract"


def _env() -> dict:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run(
    image: Image.Image,
    dpi: int,
    *,
    lang: str = LANG,
    psm: int = DEFAULT_PSM,
    timeout: float | None = 300,
    extra_config: tuple[str, ...] = (),
    choices: bool = False,
) -> OCRResult:
    """OCR one page image: text, words, lines and paragraphs from a single Tesseract process and
    its one output, the hOCR. ``choices``: also each doubtful letter's alternatives
    (lstm_choice_mode=2): 7-8 % more of Tesseract's time for +0.02 points of word F1 after repair
    on poor scans (benchmarks/letter_choices.py), so only when asked (``ingest --letter-choices``)."""
    with tempfile.TemporaryDirectory(prefix="pipeline-ocr-") as tmp:
        src = Path(tmp) / "page.pnm"  # uncompressed: cheapest to write and for Leptonica to read
        image.save(src)
        base = Path(tmp) / "out"
        options = ["--psm", str(psm), "--dpi", str(int(dpi))]
        for item in extra_config + (("lstm_choice_mode=2", "lstm_choice_iterations=1") if choices else ()):
            options += ["-c", item]
        _run(src, base, lang, options, "hocr", timeout)
        output = base.with_suffix(".hocr")
        if not output.exists():
            raise OCRError("Tesseract produced no hocr output")
        page = output.read_text(encoding="utf-8")
    try:
        reading = hocr_output.read(page)
    except Exception as exc:  # ElementTree.ParseError and what a truncated file leads to
        raise OCRError(f"Tesseract's hOCR could not be read: {exc}") from None
    if choices:
        hocr_output.attach_choices(reading.words, hocr_output.choices(page))
    return OCRResult(text=tidy_text(reading.text), words=reading.words, reading=reading)


def _run(src: Path, base: Path, lang: str, options: list[str], outputs: str, timeout: float | None) -> None:
    """One Tesseract process through pytesseract, as the project's owner asked (its cost over a
    direct call is measured by benchmarks/pytesseract_cost.py). One thread: the pages run in parallel."""
    pytesseract = _pytesseract()
    engine = pytesseract.pytesseract  # run_tesseract: the call its image_to_* helpers make

    previous = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"  # pytesseract hands its child this process's environment
    try:
        engine.run_tesseract(str(src), str(base), outputs, lang, config=shlex.join(options), timeout=timeout or 0)
    except pytesseract.TesseractNotFoundError:
        raise MissingDependency("tesseract is not installed: run `apt-get install tesseract-ocr`") from None
    except pytesseract.TesseractError as exc:
        lines = str(exc.message).strip().splitlines()
        raise OCRError(f"Tesseract failed (exit {exc.status}): {lines[-1] if lines else 'no message'}") from None
    except RuntimeError as exc:
        if "timeout" not in str(exc).lower():
            raise
        raise OCRError(f"Tesseract did not finish within {timeout:g} s on this page") from None
    finally:  # a library call leaves the caller's environment as it found it
        if previous is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = previous


def _pytesseract():
    """pytesseract, imported without the pandas it loads when it can (0.3 s of every start-up) for
    a DataFrame output this module never asks for."""
    import sys

    if "pytesseract" not in sys.modules and "pandas" not in sys.modules:
        sys.modules["pandas"] = None  # `import pandas` fails inside pytesseract, which expects that
        try:
            import pytesseract
        finally:
            del sys.modules["pandas"]
    import pytesseract

    return pytesseract


_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]++\n")  # from the first blank of a run only


def tidy_text(text: str) -> str:
    """Tesseract ends each page with a form feed and may leave trailing blanks; drop both."""
    text = text.replace("\f", "")
    text = _TRAILING_SPACE.sub("\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""


def detect_orientation(image: Image.Image, timeout: float | None = 120) -> tuple[int, float]:
    """Tesseract's orientation detection: (degrees to rotate clockwise, confidence)."""
    with tempfile.TemporaryDirectory(prefix="pipeline-osd-") as tmp:
        src = Path(tmp) / "page.pnm"
        image.save(src)
        try:
            proc = subprocess.run(
                ["tesseract", str(src), "-", "--psm", "0", "--dpi", "300"],
                capture_output=True, text=True, env=_env(), timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return 0, 0.0
    rotate = re.search(r"Rotate: (\d+)", proc.stdout)
    conf = re.search(r"Orientation confidence: ([\d.]+)", proc.stdout)
    if proc.returncode != 0 or not rotate:
        return 0, 0.0
    return int(rotate.group(1)), float(conf.group(1)) if conf else 0.0
