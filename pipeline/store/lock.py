"""One run at a time per output folder, with a lock the OS drops when the holder dies."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from pipeline.errors import UsageError


class OutputLock:
    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / ".lock"
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.fd, 64, 0).decode(errors="replace").strip() or "another process"
            os.close(self.fd)
            self.fd = None
            raise UsageError(f"{self.path.parent}: another run (pid {holder}) is writing here; try again when it ends") from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode(), 0)
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
