"""Choose Tesseract settings by measurement, not by default.

Born-digital Montpellier pages are rendered at a scan resolution, degraded like office
scans, then OCR'd under several settings; word F1 and CER against each page's own text
layer are printed for every setting, next to raw Tesseract at the scan's native resolution.

    .venv/bin/python benchmarks/ocr_settings.py [--pages 8] [--dpi 150]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation import cer, degrade, office_tilt, render_pdf_page, word_f1  # noqa: E402
from pipeline.sources.pdf import open_pdf, text_of  # noqa: E402
from PIL import Image  # noqa: E402

from pipeline.recognition import preprocess, tesseract  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus" / "montpellier"


def sample_pages(n: int) -> list[tuple[Path, int]]:
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    reports = sorted((SHARED / "comptes-rendus-2011").glob("CR_CM_*.pdf"))[:3]  # the born-digital ones
    pages = [(p, 1) for p in reports] + [(p, 2) for p in reports]
    pages += [(p, 1) for p in delibs[:: max(1, len(delibs) // max(1, n - len(pages)))]]
    return pages[:n]


def variants():
    """name -> function(scan image, native dpi) -> (text, seconds)."""

    def native(psm):
        def f(img, dpi):
            return tesseract.run(img, dpi, psm=psm).text
        return f

    def pipeline_default(psm=tesseract.DEFAULT_PSM, extra=(), deskew=True, choices=False, binary=False):
        def f(img, dpi):
            if deskew:
                gray, work_dpi, _ = preprocess.prepare(img, dpi)
            else:
                gray, work_dpi = preprocess.rescale(preprocess.to_gray(img), dpi)
            if binary:
                gray = preprocess.binarize(gray)
            return tesseract.run(gray, work_dpi, psm=psm, extra_config=extra, choices=choices).text
        return f

    def at_dpi(target):
        def f(img, dpi):
            gray = preprocess.to_gray(img)
            gray, _ = preprocess.deskew(gray)
            factor = target / dpi
            gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS)
            return tesseract.run(gray, target).text
        return f

    return {
        "native psm3 (raw Tesseract)": native(3),
        "200dpi psm4": at_dpi(200),
        "240dpi psm4": at_dpi(240),
        "300dpi psm3": pipeline_default(psm=3),
        "300dpi psm3 no deskew": pipeline_default(psm=3, deskew=False),
        f"300dpi psm{tesseract.DEFAULT_PSM} (pipeline)": pipeline_default(),
        "300dpi psm6": pipeline_default(psm=6),
        "300dpi psm4 sauvola": pipeline_default(extra=("thresholding_method=2",)),
        "300dpi psm4 no invert check": pipeline_default(extra=("tessedit_do_invert=0",)),
        "300dpi psm4 letter choices": pipeline_default(choices=True),
        "300dpi psm4 binarized here": pipeline_default(binary=True),
    }


def evaluate(args):
    path, page_no, dpi, name = args
    with open_pdf(path) as pdf:
        truth = text_of(pdf.pages[page_no - 1])
    scan = degrade(render_pdf_page(path, page_no, dpi), angle=office_tilt(path.name), seed=page_no)
    t = time.perf_counter()
    text = variants()[name](scan, dpi)
    return name, word_f1(text, truth), cer(text, truth), time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--dpi", type=float, default=150)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="substrings of the settings to run")
    a = ap.parse_args()
    pages = sample_pages(a.pages)
    names = [n for n in variants() if not a.only or any(o in n for o in a.only)]
    tasks = [(p, n, a.dpi, name) for name in names for p, n in pages]
    with ProcessPoolExecutor(a.jobs, initializer=__import__("os").environ.__setitem__, initargs=("OMP_THREAD_LIMIT", "1")) as pool:
        results = list(pool.map(evaluate, tasks))
    print(f"{len(pages)} born-digital pages rendered at {a.dpi:g} dpi and degraded; truth = their text layer")
    print(f"{'setting':32} {'word F1':>8} {'CER':>7} {'s/page':>7}")
    for name in names:
        rows = [r for r in results if r[0] == name]
        print(f"{name:32} {statistics.mean(r[1] for r in rows):8.4f} {statistics.mean(r[2] for r in rows):7.4f}"
              f" {statistics.mean(r[3] for r in rows):7.2f}")


if __name__ == "__main__":
    main()
