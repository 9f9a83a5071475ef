"""What Tesseract's outputs cost (issue #27, decision 2): on the same prepared pages, Tesseract
asked for the plain text alone, for what the pipeline asks (text, TSV and ALTO, from one run),
and for hOCR alone (from which the text, the words and the ALTO could all be derived). The three
ways alternate page by page, in a rotating order, so that a busy moment of the machine falls on
each. Real scans (Montpellier's 96-dpi report, Flaux's copier scans) and degraded renderings of
born-digital minutes, prepared as the pipeline prepares them.

    .venv/bin/python benchmarks/tesseract_outputs.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

from benchmarks.evaluation import degrade, render_pdf_page  # noqa: E402
from pipeline.recognition import preprocess, tesseract  # noqa: E402
from pipeline.recognition.render import render  # noqa: E402

WAYS = {
    "text alone": ["txt"],
    "text + TSV + ALTO (the pipeline's)": ["-c", "tessedit_create_tsv=1", "-c", "tessedit_create_alto=1", "txt"],
    "hOCR alone": ["hocr"],
}


def pages(tmp: Path) -> list[tuple[Path, int, str]]:
    """The prepared pages: (file, working dpi, what it is)."""
    out = []
    scans = [(SHARED / "montpellier/comptes-rendus-2011/CR_CM_20_06_2011.pdf", n, "real 96-dpi scan") for n in (1, 2, 3)]
    scans += [(p, 1, "real copier scan") for p in sorted((SHARED / "flaux").glob("*.pdf"))[:3]]
    for i, (pdf, no, kind) in enumerate(scans):
        image, native = render(pdf, no, None)
        out.append((image, native, kind))
    minutes = SHARED / "pierrefonds" / "compte-rendu-09-10-2018.pdf"
    for i, no in enumerate((1, 2, 3)):
        out.append((degrade(render_pdf_page(minutes, no, 150), seed=i), 150, "born-digital page, degraded 150 dpi"))
    prepared = []
    for i, (image, native, kind) in enumerate(out):
        work, dpi, _ = preprocess.prepare(image, native)
        path = tmp / f"p{i}.pnm"
        work.save(path)
        prepared.append((path, dpi, kind))
    return prepared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    spent = {way: [] for way in WAYS}
    with tempfile.TemporaryDirectory() as tmp:
        prepared = pages(Path(tmp))
        names = list(WAYS)
        for r in range(args.rounds):
            for k, (path, dpi, _) in enumerate(prepared):
                for way in names[(r + k) % 3:] + names[:(r + k) % 3]:
                    cmd = ["tesseract", str(path), str(path.with_suffix("")), "-l", tesseract.LANG, "--psm",
                           str(tesseract.DEFAULT_PSM), "--dpi", str(dpi), *WAYS[way]]
                    t0 = time.perf_counter()
                    subprocess.run(cmd, capture_output=True, check=True, env=env)
                    spent[way].append(time.perf_counter() - t0)
    base = sum(spent["text alone"])
    print(f"{len(prepared)} pages x {args.rounds} rounds, one thread (OMP_THREAD_LIMIT=1), psm {tesseract.DEFAULT_PSM}")
    print(f"{'Tesseract asked for':40} {'total s':>8} {'median s/page':>14} {'vs text alone':>14}")
    for way, times in spent.items():
        print(f"{way:40} {sum(times):8.1f} {statistics.median(times):14.3f} {sum(times) / base:14.3f}")


if __name__ == "__main__":
    main()
