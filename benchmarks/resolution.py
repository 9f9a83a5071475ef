"""Which resolution to OCR at, for each resolution a scan comes in: the cheapest at which the
pipeline reads at least as well as the best bare-Tesseract setting.

Born-digital Montpellier pages (their own text layer is the truth) are rendered at 96, 150 and
200 dpi and degraded two ways: like an office scan (slight tilt, soft, noisy, JPEG) and like a
poor one (more blur and noise, harder JPEG). Each scan is read
  - by bare Tesseract (default settings, `tesseract IMG - -l fra`) at its native resolution and
    resampled (Lanczos) to each working resolution: the settings a user could script by hand;
  - in the pipeline's way (grayscale, deskewed, resampled with Lanczos, psm 4, the outputs the
    pipeline asks for) at each working resolution.
Printed per class: word F1, CER and Tesseract's CPU seconds per page (the children's CPU time, so
the figure does not depend on what else the machine is doing). For each source resolution the
chosen working resolution is the cheapest at which the pipeline's way is, on every quality, within
TOLERANCE of the best setting measured, bare or its own: accuracy first, then cost (so it is never
below the best bare setting, the OCR issue's first goal). ``preprocess.target_dpi`` holds the
choice, and the last lines say whether it still agrees.

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

from benchmarks.evaluation import cer, degrade, office_tilt, render_pdf_page, word_f1  # noqa: E402
from pipeline.sources.pdf import open_pdf, text_of  # noqa: E402
from pipeline.recognition import preprocess, tesseract  # noqa: E402

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
    """One scan read one way (in a worker): (class, setting, word F1, CER, Tesseract CPU seconds).
    A setting is ("bare", dpi) or ("pipeline", dpi)."""
    path, page_no, source, quality, (way, dpi) = task
    with open_pdf(path) as pdf:
        truth = text_of(pdf.pages[page_no - 1])
    scan = degrade(render_pdf_page(path, page_no, source), angle=office_tilt(f"{path.name}-{page_no}"),
                   seed=page_no, **QUALITY[quality])
    gray = preprocess.to_gray(scan)
    if way == "pipeline":
        gray, _ = preprocess.deskew(gray)
    factor = dpi / source
    if abs(factor - 1) > 0.02:
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS)
    before = _children_cpu()
    if way == "bare":
        image = Path(f"/tmp/resolution-{os.getpid()}.png")
        gray.save(image, dpi=(dpi, dpi))
        text = subprocess.run(["tesseract", str(image), "-", "-l", "fra"], capture_output=True, text=True,
                              check=True).stdout
        image.unlink()
    else:
        text = tesseract.run(gray, dpi).text
    seconds = _children_cpu() - before
    return (source, quality), (way, dpi), word_f1(text, truth), cer(text, truth), seconds


def settings_for(source: int) -> list[tuple[str, int]]:
    working = [w for w in WORKING if w >= source]
    return [("bare", source)] + [("bare", w) for w in working if w != source] + [("pipeline", w) for w in working]


def choose(by_quality: dict[str, dict]) -> int:
    """The cheapest working resolution at which the pipeline's way is, on every quality, within
    TOLERANCE of the best setting measured (bare or its own)."""
    for dpi in sorted({d for rows in by_quality.values() for way, d in rows if way == "pipeline"}):
        if all(rows[("pipeline", dpi)][0] >= max(f1 for f1, _, _ in rows.values()) - TOLERANCE
               for rows in by_quality.values()):
            return dpi
    return max(WORKING)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    pages = sample_pages(a.pages)
    tasks = [(p, n, src, q, s) for src in SOURCES for q in QUALITY for s in settings_for(src) for p, n in pages]
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ProcessPoolExecutor(a.jobs) as pool:
        results = list(pool.map(read, tasks))
    print(f"{len(pages)} born-digital pages rendered at each source resolution and degraded; truth = their text layer")
    print(f"{'source':>7} {'quality':8} {'setting':30} {'word F1':>8} {'CER':>7} {'CPU s/page':>10}")
    chosen = {}
    for src in SOURCES:
        by_quality = {}
        for q in QUALITY:
            rows = {}
            for s in settings_for(src):
                got = [r for r in results if r[0] == (src, q) and r[1] == s]
                rows[s] = (statistics.mean(r[2] for r in got), statistics.mean(r[3] for r in got),
                           statistics.mean(r[4] for r in got))
            by_quality[q] = rows
        chosen[src] = choose(by_quality)
        for q, rows in by_quality.items():
            for (way, dpi), (f1, c, secs) in rows.items():
                name = f"bare tesseract at {dpi} dpi" if way == "bare" else f"pipeline's way at {dpi} dpi"
                mark = "  <- chosen" if (way, dpi) == ("pipeline", chosen[src]) else ""
                print(f"{src:>7} {q:8} {name:30} {f1:8.4f} {c:7.4f} {secs:10.2f}{mark}")
    print("\nsource dpi -> working dpi (preprocess.target_dpi in use):")
    for src in SOURCES:
        used = preprocess.target_dpi(src)
        print(f"{src:>7} -> {chosen[src]}   (in use: {used}{'' if used == chosen[src] else ', DIFFERS'})")


if __name__ == "__main__":
    main()
