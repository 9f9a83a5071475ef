"""Build ``models/confusions-fr.tsv``: what OCR reads in place of what, and how often.

Learned from the aligned OCR/gold pairs of the ICDAR 2017 post-OCR correction competition
(French monographs and periodicals, dev splits, in ../shared/corpus/icdar2017-fr; BnF data,
CC-BY 4.0). Each segment pair is aligned with rapidfuzz; every replaced block of up to two
characters on either side gives a confusion ``gold -> ocr`` (``m -> rn``, ``é -> e``, ``œ -> ce``).
Only segments with CER < 15% are used, so that alignments are trustworthy.

Columns: ``ocr, gold, count, p`` where ``p`` = P(OCR shows ``ocr`` | the text has ``gold``).
The repair engine turns ``p`` into an edit cost (pipeline/clean/confusion.py).

    .venv/bin/python models/build_confusions.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parent
ICDAR = HERE.parent.parent / "shared" / "corpus" / "icdar2017-fr"
OUT = HERE / "confusions-fr.tsv"
MIN_COUNT = 3


def pairs(files=None):
    """(OCR, gold) of the aligned segments whose alignment can be trusted (CER < 15%)."""
    csv.field_size_limit(sys.maxsize)
    for tsv in files or sorted(ICDAR.glob("*_dev.tsv")):
        with open(tsv, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                ocr, gold = row["input"], row["output"]
                if gold and ocr and float(row["cer"] or 1) < 0.15:
                    yield ocr, gold


def learn(segments) -> dict[tuple[str, str], tuple[int, float]]:
    """(ocr, gold) -> (count, P(OCR shows ocr | the text has gold)), for confusions seen
    at least MIN_COUNT times."""
    confusions: Counter = Counter()
    gold_grams: Counter = Counter()
    for ocr, gold in segments:
        for i, ch in enumerate(gold):
            gold_grams[ch] += 1
            gold_grams[gold[i:i + 2]] += 1
        for op in Levenshtein.opcodes(gold, ocr):
            if op.tag == "equal":
                continue
            g, o = gold[op.src_start:op.src_end], ocr[op.dest_start:op.dest_end]
            if len(g) <= 2 and len(o) <= 2 and (g + o).strip():
                if op.tag == "insert":  # an extra character: attach it to the gold character before
                    g = gold[max(0, op.src_start - 1):op.src_start]
                    o = g + o
                if op.tag == "delete" and len(g) == 1:
                    o = ""
                if g:
                    confusions[(o, g)] += 1
    return {(o, g): (n, n / gold_grams[g]) for (o, g), n in confusions.items()
            if n >= MIN_COUNT and gold_grams[g]}


def main() -> None:
    table = learn(pairs())
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["ocr", "gold", "count", "p"])
        for (o, g), (n, p) in sorted(table.items(), key=lambda kv: (-kv[1][0], kv[0])):
            w.writerow([o, g, n, f"{p:.6f}"])
    print(f"{OUT.name}: {len(table)} confusions")


if __name__ == "__main__":
    main()
