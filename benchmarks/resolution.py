"""Which resolution to OCR at, for each resolution a scan comes in: the cheapest that reads as well
as the best.

Born-digital Montpellier pages (their own text layer is the truth) are rendered at 96, 150 and
200 dpi and degraded two ways: like an office scan (slight tilt, soft, noisy, JPEG) and like a
poor one (more blur and noise, harder JPEG). Each scan is then read by Tesseract in the
pipeline's way (grayscale, deskewed, resampled with Lanczos, psm 4) at several working
resolutions, and by bare Tesseract (default settings) at the native resolution. Printed per
class: word F1, CER and Tesseract's CPU seconds per page (the children's CPU time, so the figure
does not depend on what else the machine is doing), and the resolution chosen: the cheapest
whose word F1 is within TOLERANCE of the best setting's. ``preprocess.OCR_DPI`` holds the
choice; this script says whether it still agrees.

    .venv/bin/python benchmarks/resolution.py [--pages 8] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from pipeline.evaluate import cer, degrade, office_tilt, render_pdf_page, word_f1  # noqa: E402
from pipeline.ingest.pdf import open_pdf, text_of  # noqa: E402
from pipeline.ocr import preprocess, tesseract  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus" / "montpellier"
SOURCES = (96, 150, 200)
WORKING = (200, 250, 300)  # resolutions the pipeline may resample to before Tesseract
QUALITY = {  # degrade() settings
    "office": {},
    "poor": {"blur": 1.0, "noise": 18.0, "jpeg_quality": 35},
}
TOLERANCE = 0.002  # word F1: differences below this are noise on a few pages


def sample_pages(n: int) -> list[tuple[Path, int]]:
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    reports = [SHARED / "comptes-rendus-2011" / f"CR_CM_{d}_2011.pdf" for d in ("07_02", "09_05", "16_12")]
    pages = [(p, 1) for p in reports] + [(p, 2) for p in reports]
    step = max(1, len(delibs) // max(1, n - len(pages)))
    return (pages + [(p, 1) for p in delibs[::step]])[:n]


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def read(task: tuple) -> tuple:
    """One scan read one way (in a worker): (class, setting, word F1, CER, Tesseract CPU seconds)."""
    path, page_no, source, quality, setting = task
    with open_pdf(path) as pdf:
        truth = text_of(pdf.pages[page_no - 1])
    scan = degrade(render_pdf_page(path, page_no, source), angle=office_tilt(f"{path.name}-{page_no}"),
                   seed=page_no, **QUALITY[quality])
    before = _children_cpu()
    if setting == "bare":
        with_dpi = Path(f"/tmp/resolution-{os.getpid()}.png")
        scan.save(with_dpi, dpi=(source, source))
        text = subprocess.run(["tesseract", str(with_dpi), "-", "-l", "fra"], capture_output=True, text=True,
                              check=True).stdout
        with_dpi.unlink()
    else:
        gray = preprocess.to_gray(scan)
        gray, _ = preprocess.deskew(gray)
        factor = setting / source
        if abs(factor - 1) > 0.02:
            gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS)
        text = tesseract.run(gray, setting).text
    seconds = _children_cpu() - before
    return (source, quality), setting, word_f1(text, truth), cer(text, truth), seconds


def choose(rows: dict) -> int:
    """The cheapest working resolution whose word F1 is within TOLERANCE of the best setting's."""
    best = max(f1 for f1, _, _ in rows.values())
    fits = [(secs, s) for s, (f1, _, secs) in rows.items() if s != "bare" and f1 >= best - TOLERANCE]
    return min(fits)[1] if fits else max(WORKING)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    pages = sample_pages(a.pages)
    settings = ["bare"] + [w for w in WORKING]
    tasks = [(p, n, src, q, s) for src in SOURCES for q in QUALITY for s in settings for p, n in pages
             if s == "bare" or s >= src]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ProcessPoolExecutor(a.jobs) as pool:
        results = list(pool.map(read, tasks))
    print(f"{len(pages)} born-digital pages rendered at each source resolution and degraded; truth = their text layer")
    print(f"{'source':>7} {'quality':8} {'setting':26} {'word F1':>8} {'CER':>7} {'CPU s/page':>10}")
    chosen = {}
    for src in SOURCES:
        for q in QUALITY:
            rows = {}
            for s in settings:
                got = [r for r in results if r[0] == (src, q) and r[1] == s]
                if got:
                    rows[s] = (statistics.mean(r[2] for r in got), statistics.mean(r[3] for r in got),
                               statistics.mean(r[4] for r in got))
            pick = choose(rows)
            chosen[(src, q)] = pick
            for s, (f1, c, secs) in rows.items():
                name = f"bare tesseract, native {src}" if s == "bare" else f"pipeline's way at {s} dpi"
                mark = "  <- cheapest as good as the best" if s == pick else ""
                print(f"{src:>7} {q:8} {name:26} {f1:8.4f} {c:7.4f} {secs:10.2f}{mark}")
    print("\nsource dpi -> working dpi (the highest choice over the qualities; preprocess.OCR_DPI in use):")
    for src in SOURCES:
        pick = max(chosen[(src, q)] for q in QUALITY)
        used = preprocess.target_dpi(src)
        print(f"{src:>7} -> {pick}   (in use: {used}{'' if used == pick else ', DIFFERS'})")


if __name__ == "__main__":
    main()
