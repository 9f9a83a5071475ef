"""What publishing a snapshot for readers costs as the archive grows (store/snapshots.py), against
the full Parquet copy of every table (``tables/``), in the same run on the same database.

An archive of N documents is made by ingesting real documents of ../shared/corpus once and
copying their rows under new names (N = 100, 400, 1600 by default). Then, per size:
  * full snapshot: everything rewritten (the first publish, or every 50th);
  * nightly snapshot: 10 documents changed since the last one;
  * full copy: ``Store.export_parquet``, what ``tables/`` costs each run.

    .venv/bin/python benchmarks/publish.py [--sizes 100 400 1600] [--changed 10]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import schema  # noqa: E402
from pipeline.store import snapshots as publish  # noqa: E402
from pipeline.store.db import Store  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SEEDS = ["couthenans/CR_reunion_20210604.pdf", "couthenans/CR_reunion_20210409.pdf",
         "montpellier/comptes-rendus-2011/CR_CM_07_02_2011.pdf", "montpellier/deliberations-2014-04/2014-04-24-0000071251.pdf"]


def seed_database(work: Path) -> Path:
    src, out = work / "in", work / "out"
    src.mkdir()
    for rel in SEEDS:
        shutil.copy(SHARED / rel, src)
    subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--jobs", "2"],
                   check=True, capture_output=True)
    return out


def grow(store: Store, n: int) -> list[str]:
    """Copies of the seed documents' rows under new doc_ids until the archive holds ``n``."""
    con = store.con
    seeds = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE doc_id NOT LIKE 'copy-%'").fetchall()]
    have = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    for i in range(have, n):
        seed = seeds[i % len(seeds)]
        new = f"copy-{i:06d}-{seed}"
        for table in schema.TABLES:
            cols = ", ".join(f'"{c}"' for c in schema.TABLES[table].names)
            picked = ", ".join("?" if c == "doc_id" else f'"{c}"' for c in schema.TABLES[table].names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {picked} FROM {table} WHERE doc_id = ?", [new, seed])
    return [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600])
    ap.add_argument("--changed", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        out = seed_database(Path(tmp))
        store = Store(out)
        print(f"{'documents':>10} {'rows':>10} {'full snapshot s':>16} {'nightly snapshot s':>19} "
              f"{'written MB':>11} {'full copy s':>12}")
        for n in args.sizes:
            ids = grow(store, n)
            rows = sum(store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.TABLES)
            full = timed(lambda: store.publish(everything=True))
            before = _files(publish.current(out))
            store.con.executemany("UPDATE documents SET processed_at = now() WHERE doc_id = ?",  # written again
                                  [[d] for d in ids[: args.changed]])
            nightly = timed(store.publish)
            new = _files(publish.current(out)) - before
            written = sum((out / "published" / f).stat().st_size for f in new) / 1e6
            copy = timed(store.export_parquet)
            print(f"{n:>10} {rows:>10} {full:>16.2f} {nightly:>19.2f} {written:>11.2f} {copy:>12.2f}")
        store.close()
    print(f"(nightly: {args.changed} documents changed since the last snapshot; 'written MB': the files that "
          "snapshot wrote)")


def _files(manifest: dict) -> set[str]:
    return {manifest["documents"], *(p for parts in manifest["tables"].values() for p in parts)}


if __name__ == "__main__":
    main()
