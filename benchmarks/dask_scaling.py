"""`pipeline ingest --scheduler` on a local Dask cluster of 1, then 2 workers (one thread each):
the speed-up from the second worker, in one run on the same documents.

The documents are born-digital deliberations rendered at 200 dpi and degraded like office scans,
one image-only PDF each. A scheduler and its workers are started here on loopback and stopped at
the end; each size of cluster gets a fresh output folder.

    .venv/bin/python benchmarks/dask_scaling.py [--documents 16]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation import degrade, image_pdf, office_tilt, render_pdf_page  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus" / "montpellier"
DASK = str(Path(sys.executable).with_name("dask"))
ENV = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")


def documents(folder: Path, n: int) -> None:
    folder.mkdir()
    delibs = sorted((SHARED / "deliberations-2014-04").glob("*.pdf"))
    for k, pdf in enumerate(delibs[:: max(1, len(delibs) // n)][:n]):
        scan = degrade(render_pdf_page(pdf, 1, 200), angle=office_tilt(pdf.name), seed=k)
        (folder / f"{pdf.stem}.pdf").write_bytes(image_pdf([scan], 200))


def cluster_run(workers: int, src: Path, out: Path, tmp: Path) -> float:
    info = tmp / f"scheduler-{workers}.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=ENV)]
    try:
        while not (info.exists() and info.stat().st_size):
            if procs[0].poll() is not None:
                sys.exit("the Dask scheduler did not start")
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for _ in range(workers):
            procs.append(subprocess.Popen([DASK, "worker", address, "--nthreads", "1", "--no-dashboard",
                                           "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, env=ENV))
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out),
                               "--scheduler", address], capture_output=True, text=True)
        seconds = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"pipeline ingest failed: {proc.stderr}")
        return seconds
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=16)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        tmp = Path(tmp)
        documents(tmp / "in", a.documents)
        one = cluster_run(1, tmp / "in", tmp / "out-1", tmp)
        two = cluster_run(2, tmp / "in", tmp / "out-2", tmp)
    print(f"{a.documents} one-page scans (200 dpi, office), pipeline ingest --scheduler on a local Dask cluster")
    print(f"{'workers':>8} {'seconds':>8} {'pages/min':>10}")
    for n, s in ((1, one), (2, two)):
        print(f"{n:>8} {s:8.1f} {a.documents / s * 60:10.1f}")
    print(f"speed-up from 1 to 2 workers: {one / two:.2f}x")


if __name__ == "__main__":
    main()
