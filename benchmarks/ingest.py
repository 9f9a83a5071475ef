"""Speed and accuracy of `pipeline ingest` on scanned pages, against bare Tesseract and OCRmyPDF,
in one run on the same pages and cores.

Source classes:
  - the real 96-dpi scans of ../shared (CR_CM_20_06_2011, CR_CM_25_07_2011: 26 pages; no
    transcription, so no word F1);
  - born-digital Montpellier pages rendered at 96, 150 and 200 dpi and degraded like office scans
    (tilted, soft, noisy, JPEG), one image-only PDF per page as single acts come; truth = each
    page's own text layer.
Contenders, each timed over the whole class with --jobs processes:
  - bare `tesseract IMG out -l fra` at the native resolution, one thread each;
  - the same at the resolution the pipeline chose (preprocess.target_dpi; Lanczos resampling,
    the 1.15x target of the OCR issue is measured against it);
  - OCRmyPDF `--sidecar --output-type none --force-ocr` (`PIPELINE_BENCH_TOOLS=1 bash scripts/setup.sh`
    installs it);
  - `pipeline ingest --force-ocr`: every stage, storage included.
Then start-up (`pipeline ocr page.png` against bare Tesseract on that page, `pipeline clean`
against its repair alone), the main process's CPU per document (run report), and what that
means for 16 workers.

    .venv/bin/python benchmarks/ingest.py [--jobs 2] [--pages 30] [--classes real 96 150 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

from benchmarks.evaluation import degrade, image_pdf, office_tilt, render_pdf_page, word_f1  # noqa: E402
from pipeline.sources.pdf import open_pdf, text_of  # noqa: E402
from pipeline.recognition import preprocess  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus" / "montpellier"
REAL = [SHARED / "comptes-rendus-2011" / n for n in ("CR_CM_20_06_2011.pdf", "CR_CM_25_07_2011.pdf")]
PIPELINE = [sys.executable, "-m", "pipeline"]
ONE_THREAD = dict(os.environ, OMP_THREAD_LIMIT="1")


def sample_pages(n: int) -> list[tuple[Path, int]]:
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    reports = [SHARED / "comptes-rendus-2011" / f"CR_CM_{d}_2011.pdf" for d in ("07_02", "09_05", "16_12")]
    pages = [(p, k) for p in reports for k in (1, 2, 3)]
    step = max(1, len(delibs) // max(1, n - len(pages)))
    return (pages + [(p, 1) for p in delibs[::step]])[:n]


def make_class(tmp: Path, source: str, n: int) -> tuple[list[Path], list[Path], dict[str, str], float]:
    """(image-only PDFs, their page images at native resolution, truth per page stem, dpi)."""
    pdf_dir, img_dir = tmp / "pdf", tmp / "img"
    pdf_dir.mkdir(parents=True)
    img_dir.mkdir()
    images, truths = [], {}
    if source == "real":
        for pdf in REAL:
            shutil.copy(pdf, pdf_dir / pdf.name)
            for i in range(1, len(open_pdf(pdf).pages) + 1):
                p = img_dir / f"{pdf.stem}-{i:02d}.png"
                render_pdf_page(pdf, i, 96).save(p, dpi=(96, 96))
                images.append(p)
        return sorted(pdf_dir.glob("*.pdf")), images, truths, 96.0
    dpi = float(source)
    for pdf, page_no in sample_pages(n):
        stem = f"{pdf.stem}-p{page_no}"
        with open_pdf(pdf) as doc:
            truths[stem] = text_of(doc.pages[page_no - 1])
        scan = degrade(render_pdf_page(pdf, page_no, dpi), angle=office_tilt(stem), seed=page_no)
        (pdf_dir / f"{stem}.pdf").write_bytes(image_pdf([scan], dpi))
        p = img_dir / f"{stem}.png"
        scan.save(p, dpi=(dpi, dpi))
        images.append(p)
    return sorted(pdf_dir.glob("*.pdf")), images, truths, dpi


def bare_tesseract(images: list[Path], jobs: int, out: Path) -> tuple[float, dict[str, str]]:
    out.mkdir()

    def one(img: Path) -> tuple[str, str]:
        base = out / img.stem
        subprocess.run(["tesseract", str(img), str(base), "-l", "fra"], env=ONE_THREAD, check=True, capture_output=True)
        return img.stem, base.with_suffix(".txt").read_text(encoding="utf-8")

    t = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        texts = dict(pool.map(one, images))
    return time.perf_counter() - t, texts


def resampled(images: list[Path], dpi: float, out: Path) -> tuple[list[Path], int]:
    """The page images at the resolution the pipeline reads them at (made before the clock starts)."""
    out.mkdir()
    from PIL import Image

    target = preprocess.target_dpi(dpi)
    done = []
    for img in images:
        big, _ = preprocess.rescale(preprocess.to_gray(Image.open(img)), dpi)
        p = out / img.name
        big.save(p, dpi=(target, target))
        done.append(p)
    return done, target


def ocrmypdf(pdfs: list[Path], jobs: int, out: Path) -> tuple[float, dict[str, str]]:
    out.mkdir()
    t = time.perf_counter()
    for pdf in pdfs:
        subprocess.run(["ocrmypdf", "-l", "fra", "--jobs", str(jobs), "--sidecar", str(out / (pdf.stem + ".txt")),
                        "--output-type", "none", "--force-ocr", str(pdf), "-"], check=True, capture_output=True)
    seconds = time.perf_counter() - t
    texts = {}
    for pdf in pdfs:
        pages = (out / (pdf.stem + ".txt")).read_text(encoding="utf-8").split("\f")
        for i, text in enumerate(pages, start=1):
            texts[f"{pdf.stem}-{i:02d}" if len(pages) > 1 else pdf.stem] = text
    return seconds, texts


def pipeline_ingest(pdfs: list[Path], jobs: int, out: Path) -> tuple[float, dict[str, str], dict]:
    src = pdfs[0].parent
    t = time.perf_counter()
    proc = subprocess.run(PIPELINE + ["ingest", str(src), "--out", str(out), "--jobs", str(jobs), "--force-ocr"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"pipeline ingest failed: {proc.stderr}")
    report = json.loads(max((out / "runs").glob("*.json")).read_text(encoding="utf-8"))
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT doc_id, page_no, text_clean FROM pages").fetchall()
    multi = {d for d, p, _ in rows if p > 1}
    texts = {(f"{d.removesuffix('.pdf')}-{p:02d}" if d in multi else d.removesuffix(".pdf")): t for d, p, t in rows}
    return seconds, texts, report


def f1(texts: dict[str, str], truths: dict[str, str]) -> str:
    if not truths:
        return "     —"
    return f"{statistics.mean(word_f1(texts.get(k, ''), truths[k]) for k in truths):6.3f}"


def one_class(source: str, n: int, jobs: int, tmp: Path, workers_cpu: list) -> None:
    pdfs, images, truths, dpi = make_class(tmp, source, n)
    big, target = resampled(images, dpi, tmp / "resampled")
    rows = []
    secs, texts = bare_tesseract(images, jobs, tmp / "bare")
    rows.append((f"bare tesseract, native {dpi:g} dpi", secs, f1(texts, truths)))
    secs, texts = bare_tesseract(big, jobs, tmp / "bare-chosen")
    chosen = secs
    rows.append((f"bare tesseract at the chosen {target} dpi", secs, f1(texts, truths)))
    if shutil.which("ocrmypdf"):
        secs, texts = ocrmypdf(pdfs, jobs, tmp / "ocrmypdf")
        rows.append(("ocrmypdf", secs, f1(texts, truths)))
    else:
        rows.append(("ocrmypdf (not installed)", float("nan"), "     —"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    secs, texts, report = pipeline_ingest(pdfs, jobs, tmp / "out")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows.append(("pipeline ingest (every stage, stored)", secs, f1(texts, truths)))
    pages = len(images)
    title = "real scans, 96 dpi" if source == "real" else f"born-digital pages at {source} dpi, degraded (office)"
    print(f"\n{title}: {pages} pages in {len(pdfs)} documents, {jobs} jobs")
    print(f"{'':42} {'seconds':>8} {'pages/min':>10} {'x bare at chosen':>17} {'word F1':>8}")
    for name, s, score in rows:
        print(f"{name:42} {s:8.1f} {pages / s * 60:10.1f} {s / chosen:17.2f} {score:>8}")
    main_cpu = report["main_cpu_seconds"]
    children = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    workers_cpu.append((len(pdfs), pages, main_cpu, children - main_cpu))
    print(f"main process: {main_cpu:.2f} s CPU in all, {main_cpu / len(pdfs):.3f} s per document; "
          f"workers and Tesseract: {(children - main_cpu) / len(pdfs):.2f} s CPU per document")


def startup(tmp: Path) -> None:
    """`pipeline ocr page.png` and `pipeline clean` against the work they wrap, median of 3."""
    tmp.mkdir()
    pdf = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))[0]
    page = tmp / "page.png"
    degrade(render_pdf_page(pdf, 1, 200), seed=1).save(page, dpi=(200, 200))

    def median_run(cmd, **kw) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, **kw)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    bare = median_run(["tesseract", str(page), str(tmp / "o"), "-l", "fra"], env=ONE_THREAD)
    ours = median_run(PIPELINE + ["ocr", str(page)])
    text = tmp / "page.txt"
    text.write_text(subprocess.run(PIPELINE + ["ocr", str(page)], capture_output=True, text=True).stdout, encoding="utf-8")
    clean = median_run(PIPELINE + ["clean", str(text)])
    from pipeline.repair import repair_text, repairer

    r = repairer()
    t = time.perf_counter()
    repair_text(text.read_text(encoding="utf-8"), repairer=r)
    work = time.perf_counter() - t
    print("\nStart-up (median of 3 runs)")
    print(f"{'':42} {'seconds':>8} {'the work':>9} {'start-up':>9}")
    print(f"{'pipeline ocr page.png (200 dpi)':42} {ours:8.2f} {bare:9.2f} {ours - bare:9.2f}   (the work: bare tesseract)")
    print(f"{'pipeline clean page.txt':42} {clean:8.2f} {work:9.2f} {clean - work:9.2f}   (the work: repair_text)")


def one_document_run(class_dir: Path, tmp: Path, jobs: int) -> float:
    """The main process's CPU for a run of one document: what every run costs whatever its size."""
    src = tmp / "in"
    src.mkdir(parents=True)
    first = sorted((class_dir / "pdf").glob("*.pdf"))[0]
    shutil.copy(first, src / first.name)
    _, _, report = pipeline_ingest([src / first.name], jobs, tmp / "out")
    return report["main_cpu_seconds"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=30, help="pages of each rendered class")
    ap.add_argument("--classes", nargs="*", default=["real", "96", "150", "200"])
    a = ap.parse_args()
    cpu = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        for source in a.classes:
            one_class(source, a.pages, a.jobs, tmp / source, cpu)
        startup(tmp / "startup")
        fixed = one_document_run(tmp / a.classes[-1], tmp / "one", a.jobs)
    rendered = [c for c in cpu if c[0] > 2] or cpu  # one-page documents: the hardest case for the main process
    docs = sum(c[0] for c in rendered)
    main_per_doc = (sum(c[2] for c in rendered) - fixed * len(rendered)) / docs
    work_per_doc = sum(c[3] for c in rendered) / docs
    print(f"\nMain process: {fixed:.2f} s CPU per run whatever its size (start, database, Parquet, snapshot), then "
          f"{main_per_doc:.3f} s per document (one-page ones when rendered classes ran), against {work_per_doc:.2f} s of the workers' CPU per "
          f"document. 16 busy workers finish {16 / work_per_doc:.1f} such documents a second, which keep the main "
          f"process {100 * main_per_doc * 16 / work_per_doc:.0f} % busy")


if __name__ == "__main__":
    main()
