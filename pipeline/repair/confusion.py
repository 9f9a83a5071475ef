"""What OCR reads in place of what: the edit costs that rank correction candidates.

Costs are small for the confusions OCR really makes and 1.0 for anything else, so a word is
only changed into a candidate its damage explains. Three sources, the cheapest wins:
  * diacritics: the same letter with another or no accent (``é``/``e``/``è``/``ê``, ``c``/``ç``),
    an accent read as a letter of its own (``è`` -> ``eé``), one accented vowel for another;
  * the confusions learned from aligned OCR and gold text (``models/confusions-fr.tsv``);
  * the shape confusions every OCR engine is known for (``rn``/``m``, ``]``/``l``, ``ce``/``œ``).
"""

from __future__ import annotations

import csv
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.repair.lexicon import MODELS

ACCENT = 0.25  # same base letter, other diacritic
ACCENT_AS_LETTER = 0.45  # è read as "eé": the accent became a letter
VOWEL_SWAP = 0.5  # one accented vowel read as another (â -> é)
CASE = 0.1  # a capital inside a lower-case word (pOles)
GENERIC = 1.0

# Shape confusions of print OCR (gold -> what OCR shows), with their cost.
SHAPES = {
    ("œ", "ce"): 0.35, ("œ", "cc"): 0.4, ("œ", "oe"): 0.2, ("œ", "ae"): 0.5,
    ("l", "]"): 0.3, ("l", "["): 0.35, ("l", "|"): 0.3, ("l", "I"): 0.3, ("l", "1"): 0.4, ("l", "!"): 0.4,
    ("i", "l"): 0.6, ("l", "i"): 0.6, ("i", "]"): 0.5, ("t", "l"): 0.7, ("j", "i"): 0.5,
    ("m", "rn"): 0.35, ("rn", "m"): 0.45, ("m", "nn"): 0.6, ("m", "in"): 0.6, ("h", "li"): 0.4, ("h", "b"): 0.6,
    ("d", "cl"): 0.45, ("w", "vv"): 0.4, ("u", "ii"): 0.5, ("n", "ri"): 0.5, ("ri", "n"): 0.6,
    ("o", "0"): 0.4, ("e", "c"): 0.5, ("c", "e"): 0.5, ("e", "o"): 0.7, ("o", "e"): 0.7,
    ("fi", "ﬁ"): 0.1, ("fl", "ﬂ"): 0.1, ("s", "f"): 0.6,
}
VOWELS = set("aeiouy")


def base(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if not unicodedata.combining(c))


def has_mark(ch: str) -> bool:
    return len(unicodedata.normalize("NFD", ch)) > 1


@lru_cache(maxsize=1)
def learned(models: Path = MODELS) -> dict[tuple[str, str], float]:
    """(gold, ocr) -> cost from the learned confusion table: cost = 0.15 * -log10 P."""
    path = Path(models) / "confusions-fr.tsv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = [(r["ocr"], r["gold"], float(r["p"])) for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return costs_of(rows)


def costs_of(rows) -> dict[tuple[str, str], float]:
    """(gold, ocr) -> edit cost, from (ocr, gold, probability) rows."""
    return {(gold, ocr): min(GENERIC, max(0.2, 0.15 * -math.log10(p)))
            for ocr, gold, p in rows if p > 0 and gold.strip() and gold != ocr}


def block_cost(gold: str, ocr: str) -> float:
    """Cost of OCR showing ``ocr`` where the text has ``gold`` (short strings)."""
    if gold == ocr:
        return 0.0
    if gold.lower() == ocr.lower():
        return CASE * sum(1 for a, b in zip(gold, ocr) if a != b)
    costs = [SHAPES.get((gold, ocr), GENERIC), learned().get((gold, ocr), GENERIC)]
    if len(gold) == 1 and len(ocr) == 1:
        g, o = base(gold), base(ocr)
        if g == o:
            costs.append(ACCENT + (CASE if gold.isupper() != ocr.isupper() else 0))
        elif g in VOWELS and o in VOWELS and (has_mark(gold) or has_mark(ocr)):
            costs.append(VOWEL_SWAP)
        low = SHAPES.get((gold.lower(), ocr.lower()))
        if low is not None:
            costs.append(low + CASE)
    elif len(gold) == 1 and len(ocr) == 2 and has_mark(gold):
        # the accent read as a letter of its own: è -> "eé" / "ée" / "e'"
        if all(base(c) == base(gold) for c in ocr) or (base(ocr[0]) == base(gold) and ocr[1] in "'`^"):
            costs.append(ACCENT_AS_LETTER)
    return min(costs)


def cost(gold: str, ocr: str) -> float:
    """Weighted edit distance: the cheapest explanation of ``ocr`` as damaged ``gold``.

    rapidfuzz aligns the two words; each run of edits between equal stretches is priced as
    one block (so ``œ`` -> ``ce`` is one confusion), or letter by letter when cheaper.
    """
    if gold == ocr:
        return 0.0
    total = 0.0
    ops = [op for op in Levenshtein.opcodes(gold, ocr) if op.tag != "equal"]
    i = 0
    while i < len(ops):
        # merge adjacent edit blocks into one
        g0, g1, o0, o1 = ops[i].src_start, ops[i].src_end, ops[i].dest_start, ops[i].dest_end
        while i + 1 < len(ops) and ops[i + 1].src_start == g1 and ops[i + 1].dest_start == o1:
            i += 1
            g1, o1 = ops[i].src_end, ops[i].dest_end
        g, o = gold[g0:g1], ocr[o0:o1]
        whole = block_cost(g, o) if len(g) <= 2 and len(o) <= 2 else GENERIC * max(len(g), len(o))
        piecewise = _piecewise(g, o)
        total += min(whole, piecewise)
        i += 1
    return round(total, 4)


def _piecewise(g: str, o: str) -> float:
    n = min(len(g), len(o))
    return sum(block_cost(a, b) for a, b in zip(g[:n], o[:n])) + GENERIC * abs(len(g) - len(o))
