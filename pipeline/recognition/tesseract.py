"""Tesseract, called from this one place.

One run per page produces the plain text, the word boxes with confidences (TSV) and ALTO XML
together; asked for them (``choices``), the hOCR carries, with ``lstm_choice_mode=2``, the other
characters the recognizer considered at each position of a word and their confidences (``alts``
of a word), which the repair uses as evidence before any dictionary guess. ``OMP_THREAD_LIMIT=1`` keeps each run on one core: parallelism comes from
running pages in separate processes, which scales better than Tesseract's own threads.
"""

from __future__ import annotations

import csv
import html
import io
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
    alto: str = ""

    @property
    def mean_confidence(self) -> float | None:
        confs = [w["conf"] for w in self.words if w["conf"] >= 0]
        return round(sum(confs) / len(confs), 2) if confs else None


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
    """OCR one page image: text, words and ALTO from a single Tesseract process.
    ``choices``: also each doubtful letter's alternatives (hOCR, lstm_choice_mode=2): 7-8 % more
    of Tesseract's time for +0.02 points of word F1 after repair on poor scans
    (benchmarks/letter_choices.py), so only when asked (``ingest --letter-choices``)."""
    with tempfile.TemporaryDirectory(prefix="pipeline-ocr-") as tmp:
        src = Path(tmp) / "page.pnm"  # uncompressed: cheapest to write and for Leptonica to read
        image.save(src)
        base = Path(tmp) / "out"
        options = ["--psm", str(psm), "--dpi", str(int(dpi)), "-c", "tessedit_create_tsv=1", "-c", "tessedit_create_alto=1"]
        for item in extra_config + (("lstm_choice_mode=2", "lstm_choice_iterations=1") if choices else ()):
            options += ["-c", item]
        _run(src, base, lang, options, "txt hocr" if choices else "txt", timeout)
        outputs = {ext: base.with_suffix("." + ext) for ext in ("txt", "tsv", "xml")}
        missing = [ext for ext, p in outputs.items() if not p.exists()]
        if missing:
            raise OCRError(f"Tesseract produced no {', '.join(missing)} output")
        text = outputs["txt"].read_text(encoding="utf-8")
        words = parse_tsv(outputs["tsv"].read_text(encoding="utf-8"))
        alto = outputs["xml"].read_text(encoding="utf-8")
        hocr = base.with_suffix(".hocr")
        if hocr.exists():
            attach_choices(words, parse_choices(hocr.read_text(encoding="utf-8")))
    return OCRResult(text=tidy_text(text), words=words, alto=alto)


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


def parse_tsv(tsv: str) -> list[dict]:
    """Word rows (level 5) of Tesseract's TSV: text, confidence and box."""
    words = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header:
        return words
    col = {name: i for i, name in enumerate(header)}
    for row in reader:
        if len(row) < len(header) or row[col["level"]] != "5":
            continue
        text = row[col["text"]]
        if not text.strip():
            continue
        words.append(
            {
                "text": text,
                "conf": float(row[col["conf"]]),
                "left": int(row[col["left"]]),
                "top": int(row[col["top"]]),
                "width": int(row[col["width"]]),
                "height": int(row[col["height"]]),
                "block": int(row[col["block_num"]]),
                "line": int(row[col["line_num"]]),
            }
        )
    return words


_HOCR_WORD = re.compile(r"<span class='ocrx_word'[^>]*title='bbox (\d+) (\d+) \d+ \d+[^']*'>([^<\n]*)")
_HOCR_CHOICE = re.compile(r"id='(lstm_choices|choice)_[^']*'(?: title='x_confs ([\d.]+)')?>([^<]*)")
MIN_CHOICE_CONF = 5.0  # alternatives the recognizer gave less than this are noise


def parse_choices(hocr: str) -> dict[tuple[int, int], tuple[str, list[list[tuple[str, float]]]]]:
    """Per word (keyed by the top-left corner of its box): its text and, for each character
    position, the characters the recognizer considered with their confidences, best first."""
    out = {}
    starts = list(_HOCR_WORD.finditer(hocr))
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(hocr)
        groups: list[list[tuple[str, float]]] = []
        for c in _HOCR_CHOICE.finditer(hocr, m.end(), end):
            if c.group(1) == "lstm_choices":
                groups.append([])
            elif groups:
                groups[-1].append((html.unescape(c.group(3)), float(c.group(2) or 0)))
        out[(int(m.group(1)), int(m.group(2)))] = (html.unescape(m.group(3)).strip(), groups)
    return out


def attach_choices(words: list[dict], choices: dict) -> None:
    """Give each word its alternatives as ``alts``: [[position, character, confidence], ...].

    Tesseract's choice groups can be shifted by a leading blank group; they are used only when
    their best characters spell the word exactly, so a position always means the same letter.
    """
    for w in words:
        found = choices.get((w["left"], w["top"]))
        if not found or found[0] != w["text"]:
            continue
        groups = [g for g in found[1] if g and not g[0][0].isspace()]
        if len(groups) != len(w["text"]) or any(g[0][0] != ch for g, ch in zip(groups, w["text"])):
            continue
        alts = [[pos, ch, round(conf, 1)] for pos, g in enumerate(groups) for ch, conf in g[1:]
                if conf >= MIN_CHOICE_CONF and ch.strip()]
        if alts:
            w["alts"] = alts


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
