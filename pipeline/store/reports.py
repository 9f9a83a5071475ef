"""Run reports, ``runs/<start time>.json``: what each run was asked (input and output folders,
options, versions) and what it did (counts, every document's outcome, every failure, the files
skipped). Written by ``pipeline ingest``; read by ``verify``, ``reprocess`` and ``review``, which
take the originals from the input folder the latest report names.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.store import atomic

FOLDER = "runs"


def path_of(out_dir: Path, started: str) -> Path:
    """``runs/2026-12-04T213330Z.json`` for a run started at ``2026-12-04T21:33:30+00:00``."""
    stamp = started.replace(":", "").replace("+0000", "Z")
    return Path(out_dir) / FOLDER / f"{stamp}.json"


def write(out_dir: Path, started: str, report: dict) -> Path:
    path = path_of(out_dir, started)
    atomic.write_text(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n", fault="run-report")
    return path


def every(out_dir: Path) -> list[tuple[Path, dict | None]]:
    """Every report, oldest first, with its content (None when it cannot be read)."""
    out = []
    folder = Path(out_dir) / FOLDER
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            out.append((path, None))
    return out


def input_folder(out_dir: Path) -> Path | None:
    """Where the originals are: the input folder of the latest run report that names one."""
    for _, report in reversed(every(out_dir)):
        folder = (report or {}).get("input")
        if folder and Path(folder).is_dir():
            return Path(folder)
    return None
