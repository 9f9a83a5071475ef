"""First names of attendance lists after ONE `pipeline ingest` of a session never seen before
(issue #28, target 3: names read exactly >= 0.95 on poor renderings after one ingest).

The acts of one council session (Montpellier, 24 April 2014: 41 deliberations, each opening
with the same attendance lists) have their first page printed to an image-only PDF at 150 dpi,
degraded like an office scan and like a poor one (benchmarks/letter_choices.py's two
qualities). Each quality is ingested once into an empty output folder, as an archive ingested
for the first time is; the first names of the pages with a gold list (tests/gold/*/*.names.json,
read "ocr_degraded") are scored on the stored text (`text/<name>.txt`), then once more after
`pipeline reprocess`, which repairs with everything stored: what one ingest should reach.

    .venv/bin/python benchmarks/names_first_run.py [--jobs 2] [--dev] [--qualities office poor]

--dev: the development lists only (the held-out ones are not scored).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation import degrade, first_names_right, image_pdf, load_names, office_tilt, render_pdf_page  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SESSION = SHARED / "montpellier" / "deliberations-2014-04"
DPI = 150
QUALITY = {"office": {}, "poor": {"blur": 1.0, "noise": 18.0, "jpeg_quality": 35}}


def _print_page(task) -> None:
    """Page 1 of one act, degraded, written as an image-only PDF (in a worker)."""
    pdf, quality, out = task
    scan = degrade(render_pdf_page(pdf, 1, DPI), angle=office_tilt(f"{pdf.name}-1"), seed=1, **QUALITY[quality])
    Path(out).write_bytes(image_pdf([scan], DPI))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dev", action="store_true", help="score the development lists only")
    ap.add_argument("--qualities", nargs="+", default=list(QUALITY), choices=list(QUALITY))
    ap.add_argument("--keep", type=Path, help="leave the scans and output folders here (must not exist)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pipeline

    golds = [g for g in load_names(ROOT / "tests" / "gold")
             if g.read == "ocr_degraded" and Path(g.document).parent == Path("montpellier/deliberations-2014-04")
             and (g.split == "dev" or not args.dev)]
    acts = sorted(SESSION.glob("*.pdf"))
    print(f"First names after one ingest: {len(acts)} acts of one session (page 1, {DPI} dpi), "
          f"{len(golds)} attendance lists with gold")
    print(f"{'quality':8} {'split':8} {'lists':>5} {'one ingest':>16} {'after reprocess':>16} {'ingest s':>9} "
          f"{'of which read again':>20}")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        for quality in args.qualities:
            src, out = Path(tmp) / quality / "in", Path(tmp) / quality / "out"
            src.mkdir(parents=True)
            with ProcessPoolExecutor(args.jobs) as pool:
                list(pool.map(_print_page, [(a, quality, src / a.name) for a in acts]))
            t = time.monotonic()
            summary = pipeline.ingest(src, out, jobs=args.jobs)
            seconds = time.monotonic() - t
            once = _scores(golds, out)
            if args.keep:
                shutil.copytree(out / "text", Path(tmp) / quality / "text-one-ingest")
            pipeline.reprocess(out)
            again = _scores(golds, out)
            for split in sorted(once):
                (r1, n1), (r2, n2) = once[split], again[split]
                lists = sum(1 for g in golds if g.split == split)
                print(f"{quality:8} {split:8} {lists:5} {r1:>5}/{n1} ({r1 / n1:.3f}) {r2:>5}/{n2} ({r2 / n2:.3f}) {seconds:9.1f} "
                      f"{summary.read_again:>8} docs, {summary.read_again_seconds:.1f} s")


def _scores(golds, out: Path) -> dict[str, tuple[int, int]]:
    """(first names right, first names) per split, on the stored text of each gold page."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in golds:
        text = (out / "text" / (Path(g.document).stem + ".txt")).read_text(encoding="utf-8")
        right, total, _ = first_names_right(text.split("\f")[g.pages[0] - 1], g.data)
        counts[g.split][0] += right
        counts[g.split][1] += total
    return {k: (v[0], v[1]) for k, v in counts.items()}


if __name__ == "__main__":
    main()
