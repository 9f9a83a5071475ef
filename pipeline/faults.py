"""Named places where a test may kill the run, to prove that a crash there loses nothing.

``PIPELINE_FAULT=POINT`` (or ``POINT:N``, the N-th time the run gets there, or ``POINT:FILE``,
when it gets there with that input file) makes the process kill itself with SIGKILL at that point — no cleanup, no ``finally``, as the OOM killer or a
power cut would. ``PIPELINE_FAULT_LOG=FILE`` first records which point fired, so a test can
tell a kill where it said from one anywhere else. Unset, a point costs one dictionary lookup.

  after-files      a document's text and ALTO files are written, its rows not yet
  in-transaction   its rows are inserted, the transaction not yet committed
  after-commit     its transaction is committed, no snapshot published yet
  workers-busy     the first page has come back while worker processes still work
  in-worker        a worker process starts on a document (kills the worker, not the run)
  internal-error   the run starts: raises an unexpected exception instead of killing (a bug)
  in-finish        a worker starts repairing a document: raises like internal-error (a bug met
                   on one document, which must fail that document only)
  backtracking     a worker starts extracting from a document: runs a pattern that backtracks
                   catastrophically on the document's text, as one that meets an attendance list
                   it was not written for, until the document's time budget stops it
"""

from __future__ import annotations

import os
import signal
from collections import Counter

POINTS = ("after-files", "in-transaction", "after-commit", "workers-busy")  # where the run itself dies
_passed: Counter = Counter()


def reached(point: str, key: str | None = None) -> None:
    spec = os.environ.get("PIPELINE_FAULT")
    if not spec:
        return
    name, _, which = spec.partition(":")
    if name != point:
        return
    if which and not which.isdigit():
        if which != key:
            return
    else:
        _passed[point] += 1
        if _passed[point] != int(which or 1):
            return
    if point in ("internal-error", "in-finish"):
        raise RuntimeError(f"fault injected at {point}")
    if point == "backtracking":
        import re

        names = ", ".join(["Anne Marie DE LA GRANGE"] * 40) + "."
        re.fullmatch(r"(?:[A-Z][a-z]*(?: [A-Z]+)*,? ?)*", names)  # 2^40 ways to fail
        return
    log = os.environ.get("PIPELINE_FAULT_LOG")
    if log:
        with open(log, "w", encoding="utf-8") as f:
            f.write(point)
            f.flush()
            os.fsync(f.fileno())
    os.kill(os.getpid(), signal.SIGKILL)
