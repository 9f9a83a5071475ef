"""A time budget for the text stages of one document: repair and extraction.

Their cost grows with the text, and a few seconds cover a long report (extraction reads the
255 pages of a verbatim procès-verbal, 687 KB, in 13 s). A pattern that backtracks on some text
could take minutes, or hours, and stall a nightly run: past the budget the document fails with a
one-line error naming the stage, and the run goes on. The budget is ``seconds`` for a document of
up to ``PAGES_PER_BUDGET`` pages, and as much again for each further ``PAGES_PER_BUDGET`` pages.

It is kept with the process's interval timer (SIGALRM), which Python checks between bytecodes
and inside the regular-expression engine, so only where the stages run in a process's main
thread: the local pool's finishers, ``pipeline reprocess``, ``pipeline extract``. A Dask worker
runs them in a thread, without a budget.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

from pipeline.errors import DocumentError

DEFAULT_SECONDS = 60.0
PAGES_PER_BUDGET = 100


class OverBudget(DocumentError):
    """The stage under way went past the document's budget."""


class Budget:
    """``with Budget(60, pages=12) as budget: budget.stage = "repair"; …``"""

    def __init__(self, seconds: float, pages: int = 1):
        self.seconds = seconds * max(1.0, pages / PAGES_PER_BUDGET) if seconds and seconds > 0 else 0.0
        self.stage = "repair"
        self._armed = False

    def __enter__(self) -> Budget:
        if self.seconds and threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self._armed = True
        return self

    def __exit__(self, *exc) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
            self._armed = False

    @contextmanager
    def paused(self):
        """Time that is no work on the document's text (loading a model) left out of its budget."""
        if not self._armed:
            yield
            return
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        signal.setitimer(signal.ITIMER_REAL, 0)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))

    def _expired(self, signum, frame) -> None:
        raise OverBudget(f"{self.stage} took longer than {self.seconds:g} s (--text-timeout)")
