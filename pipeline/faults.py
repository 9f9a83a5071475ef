"""Named places where a test may kill the run, or fail a write, to prove that nothing is lost.

``PIPELINE_FAULT=POINT`` (or ``POINT:N``, the N-th time the run gets there, or ``POINT:FILE``,
when it gets there with that input file) makes the process kill itself with SIGKILL at that point — no cleanup, no ``finally``, as the OOM killer or a
power cut would. ``PIPELINE_FAULT_LOG=FILE`` first records which point fired, so a test can
tell a kill where it said from one anywhere else. Unset, a point costs one dictionary lookup.
With ``PIPELINE_FAULT_ERRNO=ENOSPC`` (or ``EIO``, or any ``errno`` name) the point does not kill:
the write under way fails there with that error, as a full or failing disk makes it fail.

  after-files      a document's text and ALTO files are written, its rows not yet
  in-transaction   its rows are inserted, the transaction not yet committed
  after-commit     its transaction is committed, no snapshot published yet
  workers-busy     the first page has come back while worker processes still work
  parts-written    a snapshot's Parquet parts are written, its manifest not yet swapped in

Each kind of write, where a full or failing disk may stop it (``WRITES``):

  text-file        a document's text file (``text/<name>.txt``, ``.raw.txt``), half written
  alto-file        a document's ALTO folder, its first page written
  searchable-pdf   a document's searchable PDF, written but not yet swapped in
  db-transaction   a document's rows inserted, at the commit of their transaction
  publish-part     one Parquet part of a snapshot, written but not yet swapped in
  publish-manifest a snapshot's manifest, half written
  table-copy       a table's full Parquet copy (``tables/<table>.parquet``)
  run-report       the run report (``runs/<start>.json``), half written
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

POINTS = ("after-files", "in-transaction", "after-commit", "workers-busy")  # where a document's storing dies
PUBLISHING = ("parts-written",)  # where a snapshot's publishing dies
WRITES = ("text-file", "alto-file", "searchable-pdf", "db-transaction", "publish-part", "publish-manifest",
          "table-copy", "run-report")
_passed: Counter = Counter()


def reached(point: str, key: str | None = None, path: object = None) -> None:
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
    failure = os.environ.get("PIPELINE_FAULT_ERRNO")
    if failure:
        import errno

        number = getattr(errno, failure)
        raise OSError(number, os.strerror(number), None if path is None else str(path))
    os.kill(os.getpid(), signal.SIGKILL)
