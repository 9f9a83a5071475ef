"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pipeline import faults


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str, fault: str | None = None, key: str | None = None) -> None:
    """``path`` holds ``text``, or (on any failure) what it held before. ``fault``: the name of this
    kind of write, where a test may fail it (``faults.WRITES``); ``key``: the input file it is for."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes private files; results are for everyone
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text[:len(text) // 2])
            if fault:
                faults.reached(fault, key=key, path=path)
            f.write(text[len(text) // 2:])
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temporary(path: Path) -> Path:
    """An empty, readable-by-all temporary file beside ``path``, for ``commit``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())
    return Path(tmp)


def commit(tmp: Path, path: Path) -> None:
    """Swap a finished temporary file in for ``path`` (the reader sees the old or the new one)."""
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def replace_dir(path: Path, files: dict, fault: str | None = None, key: str | None = None) -> None:
    """Make ``path`` a folder holding exactly ``files``, swapped in whole. Each value is the
    text, or a function returning it (called one file at a time, to keep memory flat)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent))
    os.chmod(staging, 0o777 & ~_umask())
    try:
        for name, text in files.items():
            (staging / name).write_text(text() if callable(text) else text, encoding="utf-8")
            if fault:
                faults.reached(fault, key=key, path=path / name)
                fault = None  # once, after the first file
        old = None
        if path.exists():
            old = path.with_name("." + path.name + ".old")
            if old.exists():
                shutil.rmtree(old)
            os.replace(path, old)
        os.replace(staging, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def remove_stale_temporaries(out_dir: Path) -> int:
    """Delete the temporary files and folders a killed run left (``.name.*.tmp``, ``.x.old``)."""
    n = 0
    for sub in ("text", "alto", "tables", "runs"):
        root = Path(out_dir) / sub
        if not root.is_dir():
            continue
        for path in list(root.rglob(".*")):
            if path.name.endswith((".tmp", ".old")):
                remove(path)
                n += 1
    return n
