"""Reading born-digital pages: the text layer's cost, pdfplumber's own character objects against
the pipeline's quicker build of the same objects (``sources/pdf.quick``), in one run.

Every page goes through ``sources.pdf.inspect_page`` (objects, text, lines with their typography,
ruled tables), once with pdfplumber's ``process_object`` and once with ``quick``; the pages are
real born-digital minutes of several communes. Prints seconds per page for each, their ratio,
and whether both gave the same text and lines.

    .venv/bin/python benchmarks/text_layer.py [--pages 40]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

DOCUMENTS = ["montpellier/proces-verbaux-2014/PV_CM_17_02_2014.pdf", "pierrefonds/CM-24-janvier-2023.pdf",
             "pierrefonds/20250403-PV.pdf", "couthenans/CR_reunion_20210917.pdf", "larbresle/CR_CM_2013-07-09.pdf"]


def read(pages: list[tuple[Path, int]], fast: bool) -> tuple[float, list]:
    from pipeline.sources.pdf import inspect_page, open_pdf, quick

    out, spent = [], 0.0
    for path, n in pages:
        with open_pdf(path) as pdf:
            page = pdf.pages[n - 1]
            start = time.perf_counter()
            info = inspect_page(quick(page) if fast else page, n, False)
            spent += time.perf_counter() - start
        out.append((info.page.text_raw, info.page.lines) if info.page else None)
    return spent, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=40, help="pages in all, taken in turn from each document")
    args = ap.parse_args()
    from pipeline.sources.pdf import open_pdf

    counts = {}
    for doc in DOCUMENTS:
        with open_pdf(SHARED / doc) as pdf:
            counts[doc] = len(pdf.pages)
    pages, k = [], 0
    while len(pages) < args.pages and k < max(counts.values()):
        for doc in DOCUMENTS:
            if k < counts[doc] and len(pages) < args.pages:
                pages.append((SHARED / doc, k + 1))
        k += 1
    read(pages[:2], True)  # imports, fonts' first decoding
    own, a = read(pages, False)
    fast, b = read(pages, True)
    print(f"{len(pages)} born-digital pages of {len(DOCUMENTS)} documents, each read once each way")
    print(f"{'pdfplumber objects':<24}{own / len(pages):8.3f} s/page")
    print(f"{'quick characters':<24}{fast / len(pages):8.3f} s/page   {fast / own:.2f}× the time, same text and lines: {a == b}")


if __name__ == "__main__":
    main()
