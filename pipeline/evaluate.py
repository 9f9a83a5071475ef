"""Measuring text against a reference: word F1 over multisets, character error rate,
and the degradation used to turn born-digital pages into realistic scans.

Used by the tests and the benchmarks; also useful to anyone checking their own scans.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter

import numpy as np
from PIL import Image, ImageFilter
from rapidfuzz.distance import Levenshtein

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_f1(hypothesis: str, reference: str) -> float:
    """F1 of the word multisets: insensitive to reading order (columns, marginal notes)."""
    hyp, ref = Counter(words(hypothesis)), Counter(words(reference))
    if not hyp and not ref:
        return 1.0
    common = sum((hyp & ref).values())
    if common == 0:
        return 0.0
    precision = common / sum(hyp.values())
    recall = common / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _squash(text: str) -> str:
    return " ".join(text.split())


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate, white space folded: edit distance / reference length."""
    ref = _squash(reference)
    return Levenshtein.distance(_squash(hypothesis), ref) / max(len(ref), 1)


def wer(hypothesis: str, reference: str) -> float:
    """Word error rate in reading order: word-level edit distance / reference words."""
    ref = reference.split()
    return Levenshtein.distance(hypothesis.split(), ref) / max(len(ref), 1)


OFFICE_TILTS = (0.4, -0.9, 1.6, -2.4)  # degrees: how real office scans lean


def office_tilt(name: str) -> float:
    """One of OFFICE_TILTS, always the same for the same file name."""
    return OFFICE_TILTS[zlib.crc32(name.encode()) % len(OFFICE_TILTS)]


def degrade(
    image: Image.Image,
    *,
    angle: float = 0.8,
    blur: float = 0.7,
    noise: float = 10.0,
    jpeg_quality: int = 55,
    seed: int = 0,
) -> Image.Image:
    """A clean rendering made to look like an office scan: tilted, soft, noisy, JPEG."""
    rng = np.random.default_rng(seed)
    gray = image.convert("L")
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if blur:
        gray = gray.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        arr = np.asarray(gray, dtype=np.float32) + rng.normal(0, noise, size=(gray.height, gray.width))
        gray = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    gray.save(buf, format="JPEG", quality=jpeg_quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def image_pdf(pages: list[Image.Image], dpi: float) -> bytes:
    """An image-only PDF (no text layer) of ``pages`` scanned at ``dpi``."""
    buf = io.BytesIO()
    first, rest = pages[0].convert("RGB"), [p.convert("RGB") for p in pages[1:]]
    first.save(buf, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return buf.getvalue()


def render_pdf_page(pdf_path, page_no: int, dpi: float) -> Image.Image:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[page_no - 1]
        image = page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        page.close()
        return image
    finally:
        doc.close()


def precision_recall(found, gold) -> tuple[float, float, float]:
    """(precision, recall, F1) of two collections compared as sets."""
    found, gold = set(found), set(gold)
    return _prf(len(found & gold), len(found), len(gold))


def _result_family(result):
    if not result:
        return None
    r = result.lower()
    for stem, family in (("adopt", "adopté"), ("approuv", "adopté"), ("retir", "retiré"), ("rejet", "rejeté"),
                         ("ajourn", "ajourné")):
        if r.startswith(stem):
            return family
    return r


def _record_matches(found: dict, gold: dict) -> bool:
    from rapidfuzz import fuzz

    for key, want in gold.items():
        got = found.get(key)
        if key == "objet":
            if want is None:
                if got is not None and len(got) > 60:
                    return False
                continue
            if got is None or fuzz.ratio(" ".join(got.split()).lower(), " ".join(want.split()).lower()) < 85:
                return False
        elif key == "result":
            if _result_family(got) != _result_family(want):
                return False
        elif got != want:
            return False
    return True


def score_extraction(found: dict, gold: dict) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 per entity type of ``pipeline extract`` output against a gold file."""
    from rapidfuzz import fuzz

    scores = {}
    if "cities" in gold:
        scores["cities"] = precision_recall({(c["name"], c["country_code"]) for c in found["cities"]},
                                            {tuple(c) for c in gold["cities"]})
    if "dates" in gold:
        scores["dates"] = precision_recall({(d["start"], d["end"], d["precision"]) for d in found["dates"]},
                                           {tuple(d) for d in gold["dates"]})
    if "amounts" in gold:
        from decimal import Decimal

        scores["amounts"] = precision_recall({(Decimal(a["value"]), a["currency"]) for a in found["amounts"]},
                                             {(Decimal(v), c) for v, c in gold["amounts"]})
    if "clusters" in gold:
        tp = 0
        for theme, n, pilots in gold["clusters"]:
            if any(c["cities_count"] == n and c["pilots"] == pilots and fuzz.ratio(c["theme"], theme) >= 90
                   for c in found["clusters"]):
                tp += 1
        scores["clusters"] = _prf(tp, len(found["clusters"]), len(gold["clusters"]))
    if "deliberations" in gold:
        remaining = list(found["deliberations"])
        tp = 0
        for g in gold["deliberations"]:
            for i, f in enumerate(remaining):
                if _record_matches(f, g):
                    tp += 1
                    remaining.pop(i)
                    break
        scores["deliberations"] = _prf(tp, len(found["deliberations"]), len(gold["deliberations"]))
    return scores


def _prf(tp: int, n_found: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_found if n_found else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
