"""Measuring text against a reference: word F1 over multisets, character error rate,
and the degradation used to turn born-digital pages into realistic scans.

Used by the tests and the benchmarks; also useful to anyone checking their own scans.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class OracleGap:
    """A repair measured as the owner's word oracle measures it (issue #28)."""

    raw: float  # CER of the OCR
    oracle: float  # CER once every short misread stretch takes the gold's words
    repaired: float  # CER of the repair

    @property
    def closed(self) -> float:
        """The share of the gap between raw and oracle the repair closes."""
        return (self.raw - self.repaired) / (self.raw - self.oracle)


@functools.cache
def owners_oracle():
    """``../shared/eval/word_oracle.py``, the definition of the repair targets, imported as it is."""
    import importlib.util

    path = Path(__file__).resolve().parents[3] / "shared" / "eval" / "word_oracle.py"
    spec = importlib.util.spec_from_file_location("word_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def oracle_gap(ocr: list[str], gold: list[str], repaired: list[str]) -> OracleGap:
    """Raw, oracle and repaired CER of segments, as ``word_oracle.py`` computes them."""
    wo = owners_oracle()
    n = sum(len(wo.norm(g)) for g in gold)
    return OracleGap(raw=sum(Levenshtein.distance(wo.norm(o), wo.norm(g)) for o, g in zip(ocr, gold)) / n,
                     oracle=sum(Levenshtein.distance(wo.oracle(o, g), wo.norm(g)) for o, g in zip(ocr, gold)) / n,
                     repaired=sum(Levenshtein.distance(wo.norm(r), wo.norm(g)) for r, g in zip(repaired, gold)) / n)


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


def compact_pdf(ink: Image.Image, dpi: float, colour: tuple[float, float, float] = (0.1, 0.2, 0.6),
                background_dpi: float | None = None) -> bytes:
    """A one-page PDF laid out as a copier's compact PDF (mixed raster content) lays a scan: the
    page's ink as a 1-bit image mask at the scan's resolution ``dpi`` (``ink``: dark pixels are
    ink), painted in ``colour``, over the paper as a colour JPEG at a coarser resolution
    (``background_dpi``, half of ``dpi`` by default)."""
    import zlib

    width, height = ink.width * 72 / dpi, ink.height * 72 / dpi
    scale = (background_dpi or dpi / 2) / dpi
    paper = Image.new("RGB", (max(1, round(ink.width * scale)), max(1, round(ink.height * scale))), (248, 245, 236))
    jpeg = io.BytesIO()
    paper.save(jpeg, format="JPEG", quality=75)
    mask = ink.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")  # 0: ink, painted
    draw = (f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Im0 Do Q "
            f"q {colour[0]} {colour[1]} {colour[2]} rg {width:.2f} 0 0 {height:.2f} 0 0 cm /Im1 Do Q").encode()
    packed = zlib.compress(mask.tobytes())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
        f"/Resources << /XObject << /Im0 4 0 R /Im1 5 0 R >> >> /Contents 6 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {paper.width} /Height {paper.height} /ColorSpace /DeviceRGB "
        f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg.getvalue())} >>\nstream\n".encode() + jpeg.getvalue() + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {mask.width} /Height {mask.height} /ImageMask true "
        f"/BitsPerComponent 1 /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode() + packed + b"\nendstream",
        f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


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
                         ("ajourn", "ajourné"), ("élu", "élu")):
        if r.startswith(stem):
            return family
    return r


RECORD_FIELDS = ("collectivite", "session_date", "number", "actes_id", "objet", "rapporteur", "prefecture_sent",
                 "prefecture_received", "vote_pour", "vote_contre", "vote_abstention", "result", "signatory")


def _field_agrees(key: str, got, want) -> bool:
    """One cell of a record against the gold's: subjects fuzzily (ratio >= 85 on folded spaces and
    case), results by family, everything else exactly."""
    from rapidfuzz import fuzz

    if key == "objet":
        if want is None or got is None:
            return want is None and got is None
        return fuzz.ratio(" ".join(got.split()).lower(), " ".join(want.split()).lower()) >= 85
    if key == "result":
        return _result_family(got) == _result_family(want)
    if key == "number" and isinstance(got, str) and isinstance(want, str):
        # a register's id (four figures at least), its look-alikes as printed ("2018.04.09 - I") read as the
        # digits they stand for: only the parts between its separators, not a roman section ("I-2")
        return _figures(got) == _figures(want)
    return got == want


NUMBER_PART = re.compile(r"(?<![^\W\d_])[\dlI|Oo]+(?![^\W\d_])")


def _figures(number: str) -> str:
    """A number as the gold compares it: a register's id's look-alikes read as figures."""
    from pipeline.extraction.records.items import LOOKALIKE  # what OCR prints for a figure, as the reader reads it back

    if sum(c.isdigit() for c in number) < 4:
        return number
    return NUMBER_PART.sub(lambda m: m.group().translate(LOOKALIKE), number)


def _record_matches(found: dict, gold: dict) -> bool:
    return all(_field_agrees(key, found.get(key), want) for key, want in gold.items() if key in RECORD_FIELDS)


def pair_records(found: list[dict], gold: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Gold and found records paired one to one: first the records that agree on every field the
    gold gives, then, best first over all the remaining pairs, a gold record and a found record
    that agree on the most fields (number and subject count three each, as they name the item;
    ties: the earlier gold, then the earlier found record). A gold record missed by the output
    no longer takes its neighbour's record away from it. Unpaired records of either side come
    with ``None``."""
    remaining = list(range(len(found)))
    paired: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for i in remaining:
            if _record_matches(found[i], g):
                paired[gi] = i
                remaining.remove(i)
                break
    scores = []
    for gi, g in enumerate(gold):
        if gi in paired:
            continue
        keys = [k for k in g if k in RECORD_FIELDS and g[k] is not None]
        for i in remaining:
            n = sum((3 if k in ("number", "objet") else 1) for k in keys if _field_agrees(k, found[i].get(k), g[k]))
            if n > 0:
                scores.append((-n, gi, i))
    taken = set()
    for _, gi, i in sorted(scores):
        if gi not in paired and i not in taken:
            paired[gi] = i
            taken.add(i)
    pairs: list[tuple[dict | None, dict | None]] = [(found[paired[gi]] if gi in paired else None, g) for gi, g in enumerate(gold)]
    used = set(paired.values())
    pairs.extend((found[i], None) for i in range(len(found)) if i not in used)
    return pairs


def field_counts(found: list[dict], gold: list[dict]) -> dict[str, list[int]]:
    """Per record field: [agreeing, filled in the output, filled in the gold], over paired records.
    A cell empty in both is not counted; an output record without a gold record counts its filled
    cells against precision, a gold record without an output record its filled cells against recall.
    Only the fields the gold gives are counted for a pair."""
    counts: dict[str, list[int]] = {}
    for f, g in pair_records(found, gold):
        keys = [k for k in (g or {}) if k in RECORD_FIELDS] if g is not None else [
            k for k in RECORD_FIELDS if k in {k2 for gg in gold for k2 in gg}]
        for k in keys:
            got = f.get(k) if f else None
            want = g.get(k) if g else None
            c = counts.setdefault(k, [0, 0, 0])
            c[1] += got is not None
            c[2] += want is not None
            c[0] += got is not None and want is not None and _field_agrees(k, got, want)
    return counts


def score_extraction(found: dict, gold: dict) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 per entity type of ``pipeline extract`` output against a gold file."""
    from decimal import Decimal

    from rapidfuzz import fuzz

    scores = {}
    if "cities" in gold:
        scores["cities"] = precision_recall({(c["name"], c["country_code"]) for c in found["cities"]},
                                            {tuple(c) for c in gold["cities"]})
    if "dates" in gold:
        scores["dates"] = precision_recall({(d["start"], d["end"], d["precision"]) for d in found["dates"]},
                                           {tuple(d) for d in gold["dates"]})
    if "amounts" in gold:
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
        pairs = pair_records(found["deliberations"], gold["deliberations"])
        tp = sum(1 for f, g in pairs if f is not None and g is not None and _record_matches(f, g))
        scores["deliberations"] = _prf(tp, len(found["deliberations"]), len(gold["deliberations"]))
    return scores


def line_counts(found: list[dict], lines: list[list]) -> dict[str, int]:
    """Line amounts of a table against gold rows ``[label, value, currency, role]`` (a multiset: a
    row printed twice is two rows). Each gold row takes one unused found amount of the same value,
    currency and total-or-not (the best-labelled one); ``labelled`` counts those whose label agrees
    (fuzzy ratio of at least 85, case and spacing aside)."""
    from decimal import Decimal

    from rapidfuzz import fuzz

    def norm(s: str | None) -> str:
        return " ".join((s or "").casefold().split())

    unused = list(found)
    matched = labelled = 0
    for label, value, currency, role in lines:
        same = [a for a in unused if Decimal(a["value"]) == Decimal(value) and a["currency"] == currency
                and (a.get("role") == "total") == (role == "total")]
        if not same:
            continue
        best = max(same, key=lambda a: fuzz.ratio(norm(a.get("label")), norm(label)))
        unused.remove(best)
        matched += 1
        labelled += role == "total" or fuzz.ratio(norm(best.get("label")), norm(label)) >= 85
    return {"matched": matched, "labelled": labelled, "found": len(found), "gold": len(lines)}


def _prf(tp: int, n_found: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_found if n_found else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# --- the hand-made gold of tests/gold (see its README) ---------------------------------------

@dataclass
class Gold:
    """One gold file: what a reader finds in one document of the shared corpus."""

    name: str  # file name without .extract.json
    split: str  # "dev" or "heldout"
    document: str  # path relative to ../shared/corpus
    read: str  # text_layer, ocr (a scan OCR'd here), ocr_degraded (text-layer pages printed to a poor
    # 150-dpi scan, then OCR'd) or ocr_text (already-OCR'd text, repaired)
    pages: tuple[int, int] | None  # first and last page scored, or the whole document
    data: dict  # the file itself: deliberations, cities, dates, amounts, clusters, roles


def load_gold(folder: Path) -> list[Gold]:
    """Every gold file of ``tests/gold/dev`` and ``tests/gold/heldout``."""
    out = []
    for split in ("dev", "heldout"):
        for path in sorted((Path(folder) / split).glob("*.extract.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            pages = tuple(data["pages"]) if data.get("pages") else None
            out.append(Gold(path.name.removesuffix(".extract.json"), split, data["document"], data["read"], pages, data))
    return out


def gold_text(gold: Gold, corpus: Path, cache: Path | None = None) -> str:
    """The whole document's text as the pipeline extracts from it: a text layer as it is, OCR'd
    pages and already-OCR'd text repaired (pages separated by form feeds). A gold of a page
    range is scored on the entities of those pages (``in_pages``), found in the whole text as
    ingest would. OCR results are kept in ``cache`` (keyed by file content): a scan is read once."""
    return gold_reading(gold, corpus, cache)[0]


@functools.lru_cache(maxsize=64)
def _text_layer(path: str, mtime_ns: int, size: int) -> str:
    """A PDF's text layer, pages separated by form feeds, read once per process for a file as it
    is (its time and size in the key): tests and benchmarks read the same documents again and again."""
    from pipeline.sources.pdf import open_pdf, text_of

    with open_pdf(Path(path)) as pdf:
        return "\f".join(text_of(page) for page in pdf.pages)


def gold_reading(gold: Gold, corpus: Path, cache: Path | None = None,
                 rendering: str = "office") -> tuple[str, list[tuple[int, int]] | None]:
    """``gold_text`` and, for OCR'd pages, the spans of it holding digits OCR was unsure of
    (``extract_text``'s ``unsure``, as ``extract_document`` gives it). ``rendering``: how an
    ``ocr_degraded`` gold's pages are printed (one of RENDERINGS)."""
    from pipeline.repair import repairer
    from pipeline.alignment import page_edits, unsure_digits

    path = Path(corpus) / gold.document
    if gold.read == "ocr_text":
        return repairer().repair(path.read_text(encoding="utf-8"))[0], None
    from pipeline.sources.pdf import open_pdf

    if gold.read == "text_layer":
        stat = path.stat()
        return _text_layer(str(path), stat.st_mtime_ns, stat.st_size), None
    with open_pdf(path) as pdf:
        first, last = 1, len(pdf.pages)
    pages = [_ocr_page(path, i, cache, degraded=gold.read == "ocr_degraded", rendering=rendering)
             for i in range(first, last + 1)]
    rep = repairer()
    rep.learn("\f".join(p["text"] for p in pages))  # as ingest does: the document is its own collection
    texts, unsure, base = [], [], 0
    for i, p in enumerate(pages, start=first):
        clean, corrections = rep.repair(p["text"], page=i, words=p["words"])
        unsure += [(base + s, base + e) for s, e in unsure_digits(p["text"], p["words"], page_edits(corrections, i))]
        texts.append(clean)
        base += len(clean) + 1  # the form feed
    return "\f".join(texts), unsure


# an item's number opening its line ("1. ", "3/ ", "2 - ") before a title's capital: what
# ``benchmarks/extract.py --renumbered`` and the tests write in other forms
ITEM_NUMBER = re.compile(r"(?m)(?:^|(?<=\f))([ \t]*)(\d{1,2})(?:[ \t]*(?:[.)/]|°\)?)[ \t]*[-–]?|[ \t]*[-–])[ \t]*(?=[A-ZÀ-Ö«\"])")


def plain_text(gold: Gold, corpus: Path) -> str:
    """A born-digital gold document's pages as a plain text file another tool gives them: the
    text pdfminer.six (pdfplumber's own reader) takes from them with its defaults — blank lines
    between its text boxes, the PDF's no-break spaces kept — and no page breaks."""
    from pdfminer.high_level import extract_text as pdfminer_text

    pages = range(gold.pages[0] - 1, gold.pages[1]) if gold.pages else None
    return pdfminer_text(str(Path(corpus) / gold.document), page_numbers=pages).replace("\f", "")


def gold_layout(gold: Gold, corpus: Path, cache: Path | None = None, rendering: str = "office") -> list | None:
    """The pages' geometry and typography as ingest keeps them, for ``extract_text``: a text
    layer's segments, or the lines of OCR'd pages with their underlines (read as ``gold_reading``
    reads them: from ``cache`` when it holds the pages)."""
    if gold.read in ("ocr", "ocr_degraded"):
        from pipeline.sources.pdf import open_pdf

        path = Path(corpus) / gold.document
        with open_pdf(path) as pdf:
            n = len(pdf.pages)
        pages = [_ocr_page(path, i, cache, degraded=gold.read == "ocr_degraded", rendering=rendering) for i in range(1, n + 1)]
        return [(p.get("lines"), None) if p.get("lines") else None for p in pages]
    if gold.read != "text_layer":
        return None
    from pipeline.sources.layout import segments_of_page
    from pipeline.sources.pdf import open_pdf

    with open_pdf(Path(corpus) / gold.document) as pdf:
        return [(segments_of_page(p), p.width) for p in pdf.pages]


def gold_tables(gold: Gold, corpus: Path) -> list | None:
    """The pages' ruled tables as ingest keeps them (text-layer PDFs), for ``extract_text``."""
    if gold.read != "text_layer":
        return None
    from pipeline.sources.pdf import open_pdf
    from pipeline.sources.tables import ruled_rows

    with open_pdf(Path(corpus) / gold.document) as pdf:
        return [ruled_rows(p) for p in pdf.pages]


def in_pages(found: dict, gold: Gold) -> dict:
    """``pipeline extract`` output cut to the gold's pages (every entity carries ``page_no``)."""
    if not gold.pages:
        return found
    first, last = gold.pages
    return {k: [e for e in v if first <= e.get("page_no", 0) <= last] for k, v in found.items()}


DEGRADED_DPI = 150
# other prints of the same text-layer pages (``benchmarks/extract.py --renderings``): what a worse
# scanner does to the records, and whether the checks say so. "office" is the benchmark's own.
RENDERINGS = {
    "office": {},
    "other noise": {"seed": 100},  # the same scanner, another sheet
    "worse": {"seed": 200, "noise": 14.0, "jpeg_quality": 45, "blur": 0.9},
    "120 dpi": {"seed": 300, "dpi": 120},
}


@functools.lru_cache(maxsize=None)
def _code_key(*modules) -> str:
    """A short digest of modules' code: their syntax trees, docstrings and comments aside."""
    import ast
    import hashlib

    digest = hashlib.sha256()
    for module in modules:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
                node.body = body[1:] or [ast.Pass()]
        digest.update(ast.dump(tree).encode())
    return digest.hexdigest()[:12]


def _ocr_page(path: Path, page_no: int, cache: Path | None, degraded: bool = False, rendering: str = "office") -> dict:
    import hashlib

    from pipeline.sources.pdf import inspect
    from pipeline.recognition.page import ocr_image

    from pipeline.recognition import page as page_ocr
    from pipeline.recognition import columns, hocr, lines, preprocess, render, tesseract, typography
    from pipeline.sources import pdf as pdf_source

    # a reading made another way is not reused: the key names the code that reads a page (its
    # modules' statements, comments and docstrings aside), so a change of a rule or a constant
    # reads the pages again (the 96-dpi working resolution once changed, and stale readings stayed)
    # (a page printed and scanned again is drawn by ``degrade``, not by ``render`` at the resolution
    # ``sources/pdf.py`` finds: its key leaves them out)
    settings = "c0-" + _code_key(*([] if degraded else [render, pdf_source]), preprocess, lines, page_ocr, tesseract, hocr, typography)  # c0: no letter choices
    rule_key = "k" + _code_key(columns, *([] if degraded else [render, pdf_source]))  # the page as drawn, too
    printed = ("-degraded" + ("" if rendering == "office" else "-" + rendering.replace(" ", "-"))) if degraded else ""
    base = f"{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}-{page_no}{printed}"

    def image_of_page():
        if degraded:  # printed, then scanned on an office scanner
            how = dict(RENDERINGS[rendering])
            dpi, seed = how.pop("dpi", DEGRADED_DPI), page_no + how.pop("seed", 0)
            return degrade(render_pdf_page(path, page_no, dpi), angle=office_tilt(path.name), seed=seed, **how), dpi
        _, infos = inspect(path, force_ocr=True, first=page_no, last=page_no)
        return render.render(path, page_no, infos[0].native_dpi)

    # a page ruled into a margin panel is read another way (columns.py): its key names that module's
    # code too; whether a page has a panel is found once (per version of it) and kept beside the readings
    image = None
    ruled = cache / f"{base}-{rule_key}.rule" if cache is not None else None
    if ruled is not None and ruled.exists():
        has_rule = ruled.read_text() == "ruled"
    else:
        image, dpi = image_of_page()
        work, _, _ = preprocess.prepare(image, dpi, [])
        has_rule = columns.margin_rule(work) is not None
        if ruled is not None:
            cache.mkdir(parents=True, exist_ok=True)
            ruled.write_text("ruled" if has_rule else "none")
    key = f"{base}-{settings}{'-' + rule_key if has_rule else ''}.json"
    if cache is not None and (cache / key).exists():
        return json.loads((cache / key).read_text(encoding="utf-8"))
    if degraded:
        if image is None:
            image, dpi = image_of_page()
        p = ocr_image(image, page_no, dpi)
    else:  # as ingest reads a PDF page: what is laid over it read apart (stages.ocr_pdf_page)
        from pipeline.run.stages import Options, ocr_pdf_page

        _, infos = inspect(path, force_ocr=True, first=page_no, last=page_no)
        (p,), _ = ocr_pdf_page(path, page_no, infos[0].native_dpi, Options())
    page = {"text": p.text_raw, "words": p.words, "lines": p.lines}
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / key).write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return page


# --- attendance lists: are the members' first names read right? -------------------------------

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


def load_names(folder: Path) -> list[Gold]:
    """Every ``*.names.json`` of ``tests/gold/dev`` and ``heldout``: a page's attendance lists
    (``present``, ``proxy``, ``absent``), each name "First SURNAME" as printed, in printed order."""
    out = []
    for split in ("dev", "heldout"):
        for path in sorted((Path(folder) / split).glob("*.names.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            out.append(Gold(path.name.removesuffix(".names.json"), split, data["document"], data["read"],
                            tuple(data["pages"]), data))
    return out


def first_names_right(text: str, gold: dict) -> tuple[int, int, list[tuple[str, str]]]:
    """(right, total, [(printed, read) of each wrong one]): the gold's first names found exactly
    where the page's words, aligned with the gold's names in order, put them. A first name is
    every word of a name before its surname in capitals ("Jean-Louis", "Marie-Josée")."""
    expected: list[tuple[str, bool]] = []  # (word, is part of a first name)
    for name in (*gold.get("present", ()), *gold.get("proxy", ()), *gold.get("absent", ())):
        toks = _NAME_TOKEN.findall(name)
        expected += [(t, not t.isupper()) for t in toks]
    read = _NAME_TOKEN.findall(text)
    aligned: dict[int, str] = {}
    for op in Levenshtein.opcodes([t for t, _ in expected], read):
        if op.tag in ("equal", "replace"):
            for k in range(op.src_end - op.src_start):
                j = op.dest_start + k
                aligned[op.src_start + k] = read[j] if j < op.dest_end else ""
    right, wrong = 0, []
    for i, (word, first) in enumerate(expected):
        if not first:
            continue
        if aligned.get(i) == word:
            right += 1
        else:
            wrong.append((word, aligned.get(i, "")))
    return right, right + len(wrong), wrong


# the words of a count, for minutes that write their votes in words ("DEUX voix POUR")
COUNT_WORDS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
               "dix-sept dix-huit dix-neuf vingt vingt-et-un vingt-deux vingt-trois vingt-quatre vingt-cinq "
               "vingt-six vingt-sept vingt-huit vingt-neuf trente").split()
# the decision formula and its vote, as other communes write it: the counts after the formula, in
# figures or in words, or in a table under it (the form's name -> how the counts are written)
VOTE_FORMS = {"par 12 voix pour et 2 contre": "figures", "par DOUZE voix POUR - DEUX voix CONTRE": "words",
              "DÉCIDE ⏎ POUR CONTRE ABSTENTION ⏎ 12 2 0": "table",
              "DÉCIDE ⏎ Présents Votants POUR CONTRE ABSTENTION ⏎ 14 14 12 2 0": "members",
              "DÉCIDE ⏎ POUR ⏎ 12 ⏎ CONTRE ⏎ 2": "stacked",
              "DÉCIDE ⏎ POUR ⏎ CONTRE ⏎ 12 ⏎ 2": "column",
              "DÉCIDE ⏎ VOTE POUR CONTRE ABSTENTION ⏎ Nombre de voix 12 2 0": "labelled",
              "DÉCIDE ⏎ POUR 12 ⏎ CONTRE 2": "side", "par 12 voix contre 2": "against",
              "DÉCIDE ⏎ 12 voix pour ; 2 voix contre": "semicolons",
              "DÉCIDE ⏎ Votants : 14 – Pour : 12 – Contre : 2": "tallied",
              "par 12 voix pour, M. Martin et Mme Petit votant contre": "named",
              "avec 12 voix pour et 2 contre": "with",
              "à la majorité des suffrages exprimés (12 voix pour, 2 contre)": "majority",
              "DÉCIDE ⏎ Pour : 12 voix Contre : 2 voix": "units",
              "12 voix pour et 2 contre": "bare"}
# the members the "named" form names, as many as a count says (names no corpus document prints)
MEMBER_NAMES = ("M. Martin", "Mme Petit", "M. Durand", "Mme Leroy", "M. Moreau", "Mme Simon", "M. Laurent", "Mme Michel",
                "M. Garcia", "Mme David", "M. Bertrand", "Mme Roux", "M. Vincent", "Mme Fournier", "M. Morel")
VOTE_NAMES = {"figures": {"pour": "voix pour", "contre": "voix contre", "abstention": "abstention"},
              "words": {"pour": "voix POUR", "contre": "voix CONTRE", "abstention": "ABSTENTION"},
              "table": {"pour": "POUR", "contre": "CONTRE", "abstention": "ABSTENTION"}}
VOTE_NAMES["members"] = VOTE_NAMES["stacked"] = VOTE_NAMES["column"] = VOTE_NAMES["table"]
VOTE_NAMES["labelled"] = VOTE_NAMES["side"] = VOTE_NAMES["table"]
VOTE_NAMES["tallied"] = VOTE_NAMES["units"] = {"pour": "Pour", "contre": "Contre", "abstention": "Abstention"}
FORMULA = "Le Conseil Municipal, après en avoir délibéré, "
COUNTS_OPENER = {"with": "avec ", "bare": ""}  # the word before the counts in the formula's sentence, where not "par"


FURNITURE_FORMS = ("as printed", "running header and footer", "section titles", "both")
SECTION_TITLES = ("FINANCES", "AFFAIRES GÉNÉRALES", "URBANISME ET TRAVAUX", "PERSONNEL COMMUNAL")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")


def furnished(text: str, form: str, session_date: str | None) -> str:
    """``text`` (pages parted by form feeds) with the furniture other communes print, in ``form``
    (one of FURNITURE_FORMS): a running header naming the session on top of every page and the
    page's number under it ("Commune de Saint-Aubin – Séance du 12 mars 2019", "Page 2/5"); section
    titles in capitals before the first item and every third after it ("FINANCES", …), each on its
    own line. Items are found as ``ITEM_NUMBER`` finds them."""
    out = text
    if form in ("section titles", "both"):
        k = 0

        def titled(m: re.Match) -> str:
            nonlocal k
            k += 1
            if (k - 1) % 3:
                return m.group(0)
            return f"{SECTION_TITLES[(k - 1) // 3 % len(SECTION_TITLES)]}\n{m.group(0)}"
        out = ITEM_NUMBER.sub(titled, out)
    if form in ("running header and footer", "both"):
        when = ""
        if session_date:
            y, m, d = (int(x) for x in session_date.split("-"))
            when = f" – Séance du {d} {FRENCH_MONTHS[m - 1]} {y}"
        pages = out.split("\f")
        out = "\f".join(f"Commune de Saint-Aubin{when}\n{page.rstrip()}\nPage {i}/{len(pages)}\n"
                         for i, page in enumerate(pages, start=1))
    return out


def revoted(text: str, form: str) -> str:
    """``text`` with each line holding a vote of counts or a unanimity written again as the
    decision formula and its vote in ``form`` (one of VOTE_FORMS): "Le Conseil Municipal, après
    en avoir délibéré, par 12 voix pour, 2 voix contre et 1 abstention," or "… à l'unanimité des
    membres présents et représentés,"; or, as a table, "… délibéré, DÉCIDE ⏎ POUR CONTRE ⏎ 12 2"
    (a unanimity stays in words, a count alone in figures); "members": the table opens with the
    members present and voting; "stacked": each label on its line, its count on the next;
    "column": the labels one under the other, then the counts (a table as text exports give it);
    "labelled": a table whose rows open with a label cell ("VOTE", "Nombre de voix"); "side": a
    table of two columns, each label with its count beside it, as a text layer gives them;
    "tallied": the members voting, then each count after its label, on one line; "named": the
    votes for counted, the others named with their participle ("M. X et Mme Y votant contre"), a
    zero count said in figures ("0 voix contre"); "with": the counts after "avec"; "majority": the
    majority said, its counts in brackets after it (a vote all for stays "par 14 voix pour");
    "units": each count after its label and before its unit, on one line, as a text layer gives
    the cells of a table ("Pour : 12 voix Contre : 2 voix"); "bare": the counts right after the
    formula, no word before them ("… délibéré, 12 voix pour, 2 abstentions,"). The
    statements are found by the pipeline's reader; a line it
    does not read as a vote, or where the vote stands inside a sentence or a table's row, stays
    as it is; a label before a vote on its line ("Vote du budget :") stays, on its own line."""
    from bisect import bisect_right

    from pipeline.extraction.records import votes

    how = VOTE_FORMS[form]

    def said(label: str, n: int) -> str:  # "12 voix pour", "DEUX ABSTENTIONS"
        words = how == "words"
        count = COUNT_WORDS[n].upper() if words and n < len(COUNT_WORDS) else str(n)
        plural = ("S" if words else "s") if label == "abstention" and n > 1 else ""
        return f"{count} {VOTE_NAMES['words' if words else 'figures'][label]}{plural}"

    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    done = set()
    for st in votes.statements(text):
        if st.names or not (st.counts or st.unanimous):
            continue  # the approval of the minutes, a result alone: as written
        first = bisect_right(starts, st.start) - 1
        last = bisect_right(starts, max(st.start, st.end - 1)) - 1
        label = lines[first][:st.start - starts[first]].strip()  # "Vote du budget primitif 2021 :" names the decision
        if done & set(range(first, last + 1)) or (label and not label.endswith(":")):
            continue  # a count inside a sentence or a table's row ("2 800 € 1 abstention") is no vote line
        counted = (" - " if how == "words" else ", ").join(said(k, n) for k, n in st.counts.items())  # "12 voix pour, 2 voix contre"
        if st.unanimous and not st.counts:
            vote = "à l'unanimité des membres présents et représentés,"
        elif how == "table" and len(st.counts) >= 2:  # a table of one column is no form: "par 14 voix pour,"
            vote = ("DÉCIDE\n" + " ".join(VOTE_NAMES[how][k] for k in st.counts) + "\n"
                    + " ".join(str(n) for n in st.counts.values()))
        elif how == "members" and len(st.counts) >= 2:  # the members present and voting before the vote
            vote = ("DÉCIDE\nPrésents Votants " + " ".join(VOTE_NAMES[how][k] for k in st.counts) + "\n"
                    + f"{st.total} {st.total} " + " ".join(str(n) for n in st.counts.values()))
        elif how == "stacked" and len(st.counts) >= 2:  # each cell on its line, under its label
            vote = "DÉCIDE\n" + "\n".join(f"{VOTE_NAMES[how][k]}\n{n}" for k, n in st.counts.items())
        elif how == "column" and len(st.counts) >= 2:  # the heads one under the other, then the cells
            vote = "DÉCIDE\n" + "\n".join([VOTE_NAMES[how][k] for k in st.counts] + [str(n) for n in st.counts.values()])
        elif how == "labelled" and len(st.counts) >= 2:  # a table whose rows open with their label cell
            vote = ("DÉCIDE\nVOTE " + " ".join(VOTE_NAMES[how][k] for k in st.counts) + "\n"
                    + "Nombre de voix " + " ".join(str(n) for n in st.counts.values()))
        elif how == "side" and len(st.counts) >= 2:  # a table of two columns: each label, its count beside it
            vote = "DÉCIDE\n" + "\n".join(f"{VOTE_NAMES[how][k]} {n}" for k, n in st.counts.items())
        elif how == "against" and "pour" in st.counts and len(st.counts) >= 2:  # "par 25 voix contre 4": the votes
            against = f" contre {st.counts['contre']}" if "contre" in st.counts else ""  # for, then against
            n = st.counts.get("abstention")
            vote = f"par {st.counts['pour']} voix{against}" + (f" et {n} abstention{'s' * (n > 1)}" if n is not None else "") + ","
        elif how == "tallied" and len(st.counts) >= 2:  # the members voting, then each count after its label, on one line
            vote = f"DÉCIDE\nVotants : {st.total} – " + " – ".join(f"{VOTE_NAMES[how][k]} : {n}" for k, n in st.counts.items())
        elif how == "named" and "pour" in st.counts and len(st.counts) >= 2 and st.total - st.counts["pour"] <= len(MEMBER_NAMES):
            # the votes for counted, the others named, each group with its participle ("M. X et Mme Y votant contre")
            vote, names = f"par {st.counts['pour']} voix pour", iter(MEMBER_NAMES)
            for group, participle in (("contre", "votant contre"), ("abstention", "s'abstenant")):
                who = [next(names) for _ in range(st.counts.get(group, 0))]
                if group in st.counts and not who:  # a zero said stays said: no name tells it
                    vote += ", " + said(group, 0)
                elif who:
                    vote += ", " + (" et ".join([", ".join(who[:-1]), who[-1]]) if len(who) > 1 else who[0]) + " " + participle
            vote += ","
        elif how == "majority" and (st.counts.get("contre") or st.counts.get("abstention")):  # the majority said,
            vote = "à la majorité des suffrages exprimés (" + counted + "),"  # its counts after it
        elif how == "units" and len(st.counts) >= 2:  # each count after its label, its unit after it, on one line
            vote = "DÉCIDE\n" + " ".join(f"{VOTE_NAMES[how][k]} : {n} voix" for k, n in st.counts.items())
        elif how == "semicolons" and len(st.counts) >= 2:  # each count and its label, a semicolon between
            vote = "DÉCIDE\n" + " ; ".join(said(k, n) for k, n in st.counts.items())
        else:  # the counts in the formula's sentence, after "par", "avec" or no word ("… délibéré, 12 voix pour,")
            vote = COUNTS_OPENER.get(how, "par ") + counted + ","
        lines[first] = (label + "\n" if label else "") + FORMULA + vote
        for k in range(first + 1, last + 1):
            lines[k] = ""
        done |= set(range(first, last + 1))
    return "\n".join(lines)
