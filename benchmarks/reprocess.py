"""Reprocess is cheap (issue #27, 8): `pipeline reprocess --from clean` against the first ingest.

Target: <= 0.2x the first ingest. A reprocess reads no image and runs no OCR; what it paid was
spaCy's French model, loaded again to tag the same lines (5.4 of its 6.9 s on a 14-page scan).
The lines the tagger read are kept with their pages (`pages.tagged`) and reused where their text
did not change. Printed in one run, on a real scanned report (Montpellier, 25 July 2011, 14 pages
of 96-dpi JPEG): the first ingest, the reprocess, and the same reprocess with the stored lines
forgotten (the baseline: every line tagged again, as before), each the median of --runs.

    .venv/bin/python benchmarks/reprocess.py [--runs 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SCAN = ROOT.parent / "shared" / "corpus" / "montpellier" / "comptes-rendus-2011" / "CR_CM_25_07_2011.pdf"
PIPELINE = [sys.executable, "-m", "pipeline"]


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - t


def forget_tagged(out: Path) -> None:
    with duckdb.connect(str(out / "pipeline.duckdb")) as con:
        con.execute("UPDATE pages SET tagged = NULL")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        shutil.copy(SCAN, src)
        ingests, reprocesses, forgotten = [], [], []
        for _ in range(a.runs):
            shutil.rmtree(out, ignore_errors=True)
            ingests.append(wall(PIPELINE + ["ingest", str(src), "--out", str(out), "--jobs", str(a.jobs)]))
            reprocesses.append(wall(PIPELINE + ["reprocess", str(out), "--from", "clean"]))
            forget_tagged(out)
            forgotten.append(wall(PIPELINE + ["reprocess", str(out), "--from", "clean"]))
    first = statistics.median(ingests)
    print(f"{SCAN.name} (14 scanned pages), --jobs {a.jobs}, median of {a.runs} runs")
    print(f"{'command':58} {'wall s':>7} {'x ingest':>9}")
    for name, times in (("pipeline ingest (first)", ingests),
                        ("pipeline reprocess --from clean", reprocesses),
                        ("the same, the tagged lines forgotten (baseline: as before)", forgotten)):
        t = statistics.median(times)
        print(f"{name:58} {t:7.2f} {t / first:9.2f}")


if __name__ == "__main__":
    main()
