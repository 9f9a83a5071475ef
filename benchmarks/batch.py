"""Nightly-batch figures, in one run on the same files and the same cores:

  * pages/min on the real 96-dpi scans (26 pages): `pipeline ingest`, OCRmyPDF
    (`--sidecar --output-type none`, when installed) and bare `tesseract` on the page images
    at their native resolution — see benchmarks/ingest.py, which this script runs first;
  * the rerun over an unchanged folder (here: the 41 Montpellier deliberations, the 11
    Couthenans minutes and the 2011 reports, copied), against the first run;
  * peak memory (resident, main process and workers together) of `pipeline ingest` on the
    255-page PV_CM_17_02_2014.pdf, text layer and then --force-ocr on its first --ocr-pages.

    .venv/bin/python benchmarks/batch.py [--jobs 2] [--ocr-pages 40]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
PIPELINE = [sys.executable, "-m", "pipeline"]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(args: list[str]) -> tuple[float, int, int]:
    """(seconds, peak resident MB of the process tree, exit code)."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.1)
    return time.perf_counter() - t, peak // 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ocr-pages", type=int, default=40, help="pages of the 255-page PDF to OCR for memory")
    a = ap.parse_args()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ingest.py"), "--jobs", str(a.jobs), "--classes", "real"],
                   check=True)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        tmp = Path(tmp)
        src = tmp / "archive"
        shutil.copytree(SHARED / "montpellier" / "deliberations-2014-04", src / "deliberations")
        shutil.copytree(SHARED / "couthenans", src / "couthenans")
        shutil.copytree(SHARED / "montpellier" / "comptes-rendus-2011", src / "reports")
        n = sum(1 for _ in src.rglob("*.pdf"))
        out = tmp / "out"
        cmd = PIPELINE + ["ingest", str(src), "--out", str(out), "--jobs", str(a.jobs)]
        first, peak1, _ = run_measured(cmd)
        again, peak2, _ = run_measured(cmd)
        print(f"\nIncremental: {n} documents")
        print(f"  first run            {first:7.1f} s   peak {peak1:5d} MB")
        print(f"  rerun, unchanged     {again:7.1f} s   peak {peak2:5d} MB   ({first / again:.0f}x faster)")

        big = tmp / "big"
        big.mkdir()
        pdf = SHARED / "montpellier" / "proces-verbaux-2014" / "PV_CM_17_02_2014.pdf"
        (big / pdf.name).symlink_to(pdf)
        secs, peak, _ = run_measured(PIPELINE + ["ingest", str(big), "--out", str(tmp / "big-out"), "--jobs",
                                                 str(a.jobs), "--follow-links"])
        print(f"\nPeak memory on the 255-page {pdf.name}")
        print(f"  text layer, 255 pages              {secs:7.1f} s   peak {peak:5d} MB")
        part = tmp / "part"
        part.mkdir()
        import pypdfium2 as pdfium

        doc, sub = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
        sub.import_pages(doc, list(range(a.ocr_pages)))
        sub.save(str(part / "part.pdf"))
        secs, peak_part, _ = run_measured(PIPELINE + ["ingest", str(part), "--out", str(tmp / "p1"), "--jobs",
                                                      str(a.jobs), "--force-ocr"])
        print(f"  --force-ocr, first {a.ocr_pages} pages           {secs:7.1f} s   peak {peak_part:5d} MB"
              f"   ({a.ocr_pages / secs * 60:.0f} pages/min)")
        sub2 = pdfium.PdfDocument.new()
        sub2.import_pages(doc, list(range(a.ocr_pages // 2)))
        (part / "part.pdf").unlink()
        sub2.save(str(part / "half.pdf"))
        secs, peak_half, _ = run_measured(PIPELINE + ["ingest", str(part), "--out", str(tmp / "p2"), "--jobs",
                                                      str(a.jobs), "--force-ocr"])
        print(f"  --force-ocr, first {a.ocr_pages // 2} pages           {secs:7.1f} s   peak {peak_half:5d} MB"
              "   (peak memory does not grow with the page count)")


if __name__ == "__main__":
    main()
