"""What a failed write of the output folder means, said in the user's words.

A full disk, a folder mounted read-only or unmounted during the run, a disk that fails, a
database file that is not one: each becomes a one-line ``StorageError`` (exit 2) that says which
folder and what to do, never "internal error". DuckDB reports the same failures as its own
exceptions (``IO Error: … No space left on device``, ``"errno":"28"``): they are read the same way.
"""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

from pipeline.errors import UsageError

MB = 1 << 20
ROOM_FLOOR = 64 * MB  # the least free space a full disk is told to make


class StorageError(UsageError):
    """The output folder cannot take what the run writes: exit 2, nothing stored is lost."""


_DUCKDB_ERRNO = re.compile(r'"errno"\s*:\s*"(\d+)"')
_WORDS = {  # what DuckDB and the C library say, when no errno is given
    errno.ENOSPC: "No space left on device",
    errno.EROFS: "Read-only file system",
    errno.EACCES: "Permission denied",
    errno.EIO: "Input/output error",
    errno.ENOENT: "No such file or directory",
}
# what DuckDB says of a file that is not a database, or of a damaged one (cut short, overwritten)
_DAMAGED = ("not a valid DuckDB database", "Could not read enough bytes", "checksum", "Corrupt", "corrupt")


def explain(exc: BaseException, out_dir: Path) -> StorageError | None:
    """The failure ``exc`` of a write under ``out_dir`` as the user should read it, or None when
    it is not a storage failure."""
    out_dir = Path(out_dir)
    number = _errno(exc)
    if number is None:
        return None
    if number in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(f"{out_dir}: no space left on its disk ({_mb(free_space(out_dir))} free): free at least "
                            f"{_mb(room_needed(out_dir))} there and run again; what was stored is kept "
                            f"(`pipeline verify {out_dir}` checks it)")
    if number == errno.EROFS:
        return StorageError(f"{out_dir}: the output folder is on a read-only file system: mount it read-write "
                            "and run again")
    if number in (errno.EACCES, errno.EPERM):
        return StorageError(f"{out_dir}: cannot write the output folder (permission denied{_where(exc)})")
    if number == errno.ENOENT and not out_dir.is_dir():
        return StorageError(f"{out_dir}: the output folder has disappeared during the run (unmounted or deleted): "
                            "make it available again and run again")
    if number == errno.EIO:
        name = getattr(exc, "filename", None) or "a file"
        return StorageError(f"{out_dir}: the disk failed to write {name} (input/output error): check the disk, "
                            f"then run `pipeline verify {out_dir}`")
    return StorageError(f"{out_dir}: cannot write the output folder ({' '.join(str(exc).split())[:200]})")


def damaged_database(exc: BaseException, path: Path) -> StorageError | None:
    """Opening ``path`` failed because it is not a DuckDB database, or a damaged one."""
    text = str(exc)
    if not any(cue in text for cue in _DAMAGED):
        return None
    out_dir = Path(path).parent
    return StorageError(f"{path}: not a DuckDB database, or a damaged one ({' '.join(text.split())[:120]}): run "
                        f"`pipeline verify {out_dir} --repair` to rebuild it from the published snapshot")


def _errno(exc: BaseException) -> int | None:
    if isinstance(exc, OSError) and exc.errno is not None:
        return exc.errno
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return None
    if not isinstance(exc, duckdb.Error):
        return None
    text = str(exc)
    found = _DUCKDB_ERRNO.search(text)
    if found:
        return int(found.group(1))
    for number, words in _WORDS.items():
        if words in text:
            return number
    return None


def _where(exc: BaseException) -> str:
    name = getattr(exc, "filename", None)
    return f": {name}" if name else ""


def free_space(out_dir: Path) -> int:
    folder = Path(out_dir)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def room_needed(out_dir: Path) -> int:
    """Free space a run should have: room for a full snapshot (every 50th publish rewrites one)
    and for the database to grow by half; at least 64 MB."""
    out_dir = Path(out_dir)
    published = sum(f.stat().st_size for f in (out_dir / "published").rglob("*.parquet") if f.is_file()) \
        if (out_dir / "published").is_dir() else 0
    database = (out_dir / "pipeline.duckdb").stat().st_size if (out_dir / "pipeline.duckdb").is_file() else 0
    return max(ROOM_FLOOR, published + database // 2)


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"
