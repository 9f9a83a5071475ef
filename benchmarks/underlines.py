"""Underlined titles on copier scans: what reading them again without their rule costs and gives
(``recognition/page._ruled_read``), in one run beside the same pages read without it.

Flaux's minutes are real copier scans whose every title is underlined, the rule dithered into
dots; Tesseract loses the feet of the letters above it ("inati nie:" for "Nomination du
secrétaire"). Each page is OCR'd twice, with and without the second reading. Prints the OCR time
of each (s/page, and their ratio), the lines the second reading changed, and of their words the
share the lexicon knows before and after (no gold text exists for these scans: the share of real
words stands for it; the records these pages give are in ``benchmarks/extract.py``).

    .venv/bin/python benchmarks/underlines.py [--pages 30]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"


def known_share(lines: list[str], lexicon) -> str:
    words = [w for line in lines for w in re.findall(r"[^\W\d_]{2,}", line)]
    return f"{sum(1 for w in words if w.lower() in lexicon or w in lexicon) / len(words):.2f}" if words else "—"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=30, help="scanned pages, taken in turn from each document")
    ap.add_argument("--documents", default="flaux/*.pdf", help="the scans, a pattern under ../shared/corpus "
                    "(montpellier/comptes-rendus-2011/CR_CM_2*_2011.pdf: real 96-dpi scans with few underlines)")
    args = ap.parse_args()
    from pipeline.recognition import page as page_ocr, render
    from pipeline.repair import lexicon
    from pipeline.sources.pdf import inspect

    docs = sorted(SHARED.glob(args.documents))
    chosen, k = [], 0
    infos = {doc: inspect(doc, force_ocr=True)[1] for doc in docs}
    while len(chosen) < args.pages and k < max(len(v) for v in infos.values()):
        chosen += [(doc, infos[doc][k]) for doc in docs if k < len(infos[doc])][:args.pages - len(chosen)]
        k += 1
    images = [(doc, info.page_no, *render.render(doc, info.page_no, info.native_dpi)) for doc, info in chosen]
    ruled_read = page_ocr._ruled_read
    spent, texts = {}, {}
    for way in ("without", "with"):
        page_ocr._ruled_read = ruled_read if way == "with" else (lambda image, result, *rest: result)
        start = time.perf_counter()
        texts[way] = [page_ocr.ocr_image(image, n, dpi).text_raw for _, n, image, dpi in images]
        spent[way] = time.perf_counter() - start
    page_ocr._ruled_read = ruled_read
    before, after = [], []
    for a, b in zip(texts["without"], texts["with"]):
        old, new = a.splitlines(), b.splitlines()
        if len(old) == len(new):
            changed = [(x, y) for x, y in zip(old, new) if x != y]
            before += [x for x, _ in changed]
            after += [y for _, y in changed]
    lex = lexicon.shared()
    n = len(images)
    print(f"{n} scanned pages of {args.documents} ({len(docs)} documents), OCR'd both ways in one run")
    print(f"{'without the second reading':<32}{spent['without'] / n:7.2f} s/page")
    print(f"{'with it':<32}{spent['with'] / n:7.2f} s/page   {spent['with'] / spent['without']:.2f}× the time")
    print(f"lines changed: {len(before)}; words the lexicon knows in them: {known_share(before, lex)} before, "
          f"{known_share(after, lex)} after")
    for x, y in list(zip(before, after))[:12]:
        print(f"   {x[:50]!r:54} -> {y[:60]!r}")


if __name__ == "__main__":
    main()
