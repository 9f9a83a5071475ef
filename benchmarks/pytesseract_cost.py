"""What pytesseract costs over calling Tesseract directly: the same command on the same prepared
pages, one after the other, the two ways alternating page by page (so that a busy moment of the
machine falls on both). The pipeline calls Tesseract through pytesseract (ocr/tesseract.py); the
README says to keep the faster path if this shows more than 2 %.

    .venv/bin/python benchmarks/pytesseract_cost.py [--pages 8] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

from benchmarks.evaluation import degrade, render_pdf_page  # noqa: E402
from pipeline.recognition import preprocess  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    from pytesseract import pytesseract as engine

    os.environ["OMP_THREAD_LIMIT"] = "1"
    pdf = SHARED / "montpellier" / "proces-verbaux-2014" / "PV_CM_17_02_2014.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for i, no in enumerate(range(30, 30 + args.pages)):
            work, dpi, _ = preprocess.prepare(degrade(render_pdf_page(pdf, no, 150), seed=i), 150)
            path = Path(tmp) / f"p{no}.pnm"
            work.save(path)
            pages.append((path, dpi))
        options = lambda dpi: ["--psm", "3", "--dpi", str(dpi), "-c", "tessedit_create_tsv=1",  # noqa: E731
                               "-c", "tessedit_create_alto=1", "-c", "lstm_choice_mode=2", "-c", "lstm_choice_iterations=1"]
        direct = wrapped = 0.0
        for r in range(args.rounds):
            for path, dpi in pages:
                base = str(path.with_suffix(""))
                ways = [("direct", lambda: subprocess.run(["tesseract", str(path), base, "-l", "fra", *options(dpi), "txt", "hocr"],
                                                          capture_output=True, check=True)),
                        ("pytesseract", lambda: engine.run_tesseract(str(path), base, "txt hocr", "fra",
                                                                     config=shlex.join(options(dpi))))]
                if r % 2:
                    ways.reverse()
                for name, call in ways:
                    t0 = time.perf_counter()
                    call()
                    spent = time.perf_counter() - t0
                    if name == "direct":
                        direct += spent
                    else:
                        wrapped += spent
    n = args.pages * args.rounds
    print(f"{n} Tesseract runs each way (degraded 150-dpi pages prepared at 300 dpi, one thread)")
    print(f"direct subprocess : {direct:7.2f} s  ({direct / n:.3f} s/page)")
    print(f"pytesseract       : {wrapped:7.2f} s  ({wrapped / n:.3f} s/page)")
    print(f"pytesseract costs {100 * (wrapped - direct) / direct:+.2f} % over the direct call")


if __name__ == "__main__":
    main()
