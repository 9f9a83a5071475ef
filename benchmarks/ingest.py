"""Speed and accuracy of `pipeline ingest` on scanned pages, against bare Tesseract.

Speed: the real 96-dpi scans of ../shared (26 pages), then --office born-digital pages rendered
at 200 dpi and degraded like office scans (image-only PDFs). Timed in this one run, same cores:
  - `pipeline ingest --force-ocr` (rendering, upsampling to 300 dpi, deskew, OCR, storage);
  - bare `tesseract IMG out -l fra` on the same page images at their native resolution,
    `--jobs` at a time, one thread each (what a user could script by hand);
  - the same bare Tesseract on the images upsampled to 300 dpi (the OCR cost we choose to pay);
  - OCRmyPDF `--sidecar --output-type none` when it is installed.
Accuracy: born-digital Montpellier pages rendered at --dpi, degraded like office scans and
saved as image-only PDFs, then read by `pipeline ingest` and by raw Tesseract at native
resolution; word F1 (multisets) and CER against each page's own text layer.

    .venv/bin/python benchmarks/ingest.py [--jobs 2] [--pages 20] [--dpi 150] [--office 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from pipeline.evaluate import cer, degrade, image_pdf, office_tilt, render_pdf_page, word_f1  # noqa: E402
from pipeline.ingest.pdf import open_pdf, text_of  # noqa: E402
from pipeline.ocr import preprocess  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus" / "montpellier"
SCANS = [SHARED / "comptes-rendus-2011" / n for n in ("CR_CM_20_06_2011.pdf", "CR_CM_25_07_2011.pdf")]
PIPELINE = [sys.executable, "-m", "pipeline"]


def bare_tesseract(images: list[Path], jobs: int) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(img: Path) -> None:
        subprocess.run(["tesseract", str(img), str(img.with_suffix("")), "-l", "fra"], env=env,
                       check=True, capture_output=True)

    t = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t


def speed(jobs: int, tmp: Path, pdfs: list[Path], dpi: float, title: str) -> None:
    """One timed run of each contender over the same scanned PDFs (image-only, ``dpi``)."""
    src = tmp / "scans"
    src.mkdir()
    native, upsampled = [], []
    for pdf in pdfs:
        shutil.copy(pdf, src / pdf.name)
        for i in range(1, len(open_pdf(pdf).pages) + 1):
            img = render_pdf_page(pdf, i, dpi)
            p = tmp / f"{pdf.stem}-{i:02d}.png"
            img.save(p, dpi=(dpi, dpi))
            native.append(p)
            big, _ = preprocess.rescale(img, dpi)
            q = tmp / f"{pdf.stem}-{i:02d}-300.png"
            big.save(q, dpi=(300, 300))
            upsampled.append(q)
    n = len(native)
    rows = []
    t = time.perf_counter()
    proc = subprocess.run(PIPELINE + ["ingest", str(src), "--out", str(tmp / "out"), "--jobs", str(jobs),
                                      "--force-ocr"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"pipeline ingest failed: {proc.stderr}")
    rows.append(("pipeline ingest (300 dpi, deskew, store)", time.perf_counter() - t))
    rows.append((f"bare tesseract, native {dpi:g} dpi images", bare_tesseract(native, jobs)))
    rows.append(("bare tesseract, images upsampled to 300 dpi", bare_tesseract(upsampled, jobs)))
    if shutil.which("ocrmypdf"):
        t = time.perf_counter()
        for pdf in pdfs:
            subprocess.run(["ocrmypdf", "-l", "fra", "--jobs", str(jobs), "--sidecar", str(tmp / (pdf.stem + ".txt")),
                            "--output-type", "none", "--force-ocr", str(pdf), "-"],
                           check=True, capture_output=True)
        rows.append(("ocrmypdf --sidecar --output-type none", time.perf_counter() - t))
    else:
        rows.append(("ocrmypdf (not installed: apt-get install ocrmypdf)", float("nan")))
    base = rows[1][1]
    print(f"\nSpeed: {n} {title}, {jobs} jobs")
    print(f"{'':48} {'seconds':>8} {'pages/min':>10} {'x bare':>7}")
    for name, secs in rows:
        print(f"{name:48} {secs:8.1f} {n / secs * 60:10.1f} {secs / base:7.2f}")


def office_scans(tmp: Path, n: int, dpi: float) -> list[Path]:
    """Born-digital deliberations rendered at ``dpi``, degraded, saved as image-only PDFs."""
    tmp.mkdir()
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    out = []
    for k, pdf in enumerate(delibs[:: max(1, len(delibs) // n)][:n]):
        angle = office_tilt(pdf.name)
        path = tmp / f"{pdf.stem}.pdf"
        path.write_bytes(image_pdf([degrade(render_pdf_page(pdf, 1, dpi), angle=angle, seed=k)], dpi))
        out.append(path)
    return out


def accuracy(jobs: int, n_pages: int, dpi: float, tmp: Path) -> None:
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    reports = [SHARED / "comptes-rendus-2011" / f"CR_CM_{d}_2011.pdf" for d in ("07_02", "09_05", "16_12")]
    pages = [(p, 1) for p in reports] + [(p, 2) for p in reports]
    step = max(1, len(delibs) // max(1, n_pages - len(pages)))
    pages = (pages + [(p, 1) for p in delibs[::step]])[:n_pages]
    src = tmp / "degraded"
    src.mkdir()
    truths, raw = {}, {}
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    for pdf, page_no in pages:
        name = f"{pdf.stem}-p{page_no}"
        with open_pdf(pdf) as doc:
            truths[name] = text_of(doc.pages[page_no - 1])
        scan = degrade(render_pdf_page(pdf, page_no, dpi), angle=office_tilt(name),
                       seed=page_no)
        (src / f"{name}.pdf").write_bytes(image_pdf([scan], dpi))
        scan.save(tmp / f"{name}.png", dpi=(dpi, dpi))
    with ThreadPoolExecutor(jobs) as pool:
        def bare(name):
            out = subprocess.run(["tesseract", str(tmp / f"{name}.png"), "-", "-l", "fra"], env=env,
                                 capture_output=True, text=True, check=True)
            return name, out.stdout
        raw = dict(pool.map(bare, truths))
    out = tmp / "degraded-out"
    subprocess.run(PIPELINE + ["ingest", str(src), "--out", str(out), "--jobs", str(jobs)], check=True,
                   capture_output=True)
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        ours = {d.removesuffix(".pdf"): t for d, t in con.execute("SELECT doc_id, text_raw FROM pages").fetchall()}
    print(f"\nAccuracy: {len(truths)} born-digital pages rendered at {dpi:g} dpi, tilted, blurred, noisy, "
          f"JPEG; truth = their text layer")
    print(f"{'':48} {'word F1':>8} {'CER':>7}")
    for label, texts in (("raw tesseract at native resolution", raw), ("pipeline ingest", ours)):
        f1 = statistics.mean(word_f1(texts[k], truths[k]) for k in truths)
        c = statistics.mean(cer(texts[k], truths[k]) for k in truths)
        print(f"{label:48} {f1:8.4f} {c:7.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=20, help="degraded pages for the accuracy part")
    ap.add_argument("--dpi", type=float, default=150, help="resolution of the degraded scans")
    ap.add_argument("--office", type=int, default=10, help="pages of 200-dpi office-like scans timed too (0: none)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        (tmp / "s").mkdir()
        (tmp / "a").mkdir()
        speed(a.jobs, tmp / "s", SCANS, 96, "real scanned pages (96 dpi)")
        if a.office:
            (tmp / "o").mkdir()
            scans = office_scans(tmp / "o" / "pdf", a.office, 200)
            speed(a.jobs, tmp / "o", scans, 200, "office-like scans at 200 dpi (born-digital pages degraded)")
        if a.pages:
            accuracy(a.jobs, a.pages, a.dpi, tmp / "a")


if __name__ == "__main__":
    main()
