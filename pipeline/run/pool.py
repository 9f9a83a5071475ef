"""Worker processes that run any picklable call, and outlive the crash of one.

A ``Pool`` holds lanes of worker processes, each a ``ProcessPoolExecutor`` started when first
needed with its own size and initializer (the readers; the finishers, which keep the models
loaded), and knows nothing of what it runs: a ``Task`` is a callable, its arguments and a tag the
caller gets back (as OCRmyPDF's executor takes ``task=``). Tasks wait in one queue; the first
ones put ``first`` go before the others. A crashed worker breaks its lane: every task then in
flight there comes back as suspect, the lane is started again, and each suspect is run again
alone, so that the task that kills its worker a second time fails (``Crashed``) and the others
go on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from pipeline import faults
from pipeline.errors import UsageError

MAX_STARTS = 3  # a lane is started again this many times in a row for workers dead as they start; the next stops the run
TASKS_PER_WORKER = 200  # a worker is replaced after this many tasks: bounds any slow leak in native libraries


class Crashed(Exception):
    """The task killed its worker twice (out of memory, or a crash in native code)."""


@dataclass(frozen=True)
class Lane:
    workers: int
    initializer: Callable[[], None] | None = None
    warm_up: Callable[[], Any] | None = None  # sent first, so that the lane's processes start at once


@dataclass
class Task:
    lane: str
    call: Callable
    args: tuple
    tag: Any = None  # handed back with the result
    suspect: bool = False  # in flight when a worker died: run again, alone


@dataclass
class Done:
    tag: Any
    result: Any = None
    error: BaseException | None = None


@dataclass
class Pool:
    lanes: dict[str, Lane]
    limit: int  # tasks in flight at once: enough that workers never wait on the caller
    queue: deque[Task] = field(default_factory=deque)
    running: dict[Future, Task] = field(default_factory=dict)
    executors: dict[str, ProcessPoolExecutor] = field(default_factory=dict)
    _starts: dict[str, int] = field(default_factory=dict, init=False)  # restarts in a row, a worker dead as it started
    _left: list = field(default_factory=list, init=False)  # the threads that end the lanes started again: joined at the end

    def put(self, task: Task, first: bool = False) -> None:
        (self.queue.appendleft if first else self.queue.append)(task)

    def discard(self, unwanted: Callable[[Task], bool]) -> int:
        """Drop the queued tasks ``unwanted`` picks (a document that failed): how many."""
        kept = deque(t for t in self.queue if not unwanted(t))
        dropped = len(self.queue) - len(kept)
        self.queue = kept
        return dropped

    @property
    def busy(self) -> bool:
        return bool(self.queue or self.running)

    def take(self) -> list[Done]:
        """Start what may start, then wait for at least one task to end: what ended."""
        self._dispatch()
        if not self.running:
            return []
        finished, _ = wait(self.running, return_when=FIRST_COMPLETED)
        if len(self.running) > len(finished):
            faults.reached("workers-busy")
        out, broken = [], set()
        for fut in finished:
            task = self.running.pop(fut)
            try:
                out.append(Done(task.tag, fut.result()))
                self._starts.pop(task.lane, None)  # the lane works: its workers start
            except BrokenProcessPool:
                broken.add(task.lane)
                out += self._again(task)
            except Exception as exc:  # the task's own failure: its caller decides
                out.append(Done(task.tag, error=exc))
        for lane in broken:
            out += self._restart(lane)
        return out

    def close(self) -> None:
        for executor in self.executors.values():
            executor.shutdown(wait=True, cancel_futures=True)
        for thread in self._left:  # a lane started again: its workers end with its thread (no worker outlives the pool)
            thread.join()
        self.executors.clear()
        self._left.clear()

    def _dispatch(self) -> None:
        while self.queue and len(self.running) < self.limit:
            if any(t.suspect for t in self.running.values()):
                return  # a suspect runs alone
            if self.queue[0].suspect and self.running:
                return  # it waits for the others to end
            task = self.queue.popleft()
            try:
                self.running[self._executor(task.lane).submit(task.call, *task.args)] = task
            except BrokenProcessPool:  # a worker died since the last results came back
                self.queue.appendleft(task)  # it never ran: not a suspect
                self._restart(task.lane)
            except BrokenPipeError:
                # a worker died as it started (its starter found the pipe closed) after the task was
                # queued in the lane: it is sent again to a fresh lane, and what the old lane's live
                # workers still finish is not waited for (a task reads and returns, writes only its
                # own temporary files: running it twice costs time, not results)
                self.queue.appendleft(task)
                self._started_again(task.lane)

    def _executor(self, lane: str) -> ProcessPoolExecutor:
        if lane not in self.executors:
            spec = self.lanes[lane]
            self.executors[lane] = ProcessPoolExecutor(
                max_workers=spec.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=spec.initializer, max_tasks_per_child=TASKS_PER_WORKER)
            for other, other_spec in self.lanes.items():  # the other lanes warm up alongside
                if other != lane and other_spec.warm_up and other not in self.executors:
                    try:
                        self._executor(other).submit(other_spec.warm_up)
                    except BrokenPipeError:
                        self._started_again(other)  # it starts again with its first real task
        return self.executors[lane]

    def _started_again(self, lane: str) -> None:
        """A worker of ``lane`` died before it could read what it was to run: the lane is started
        again, a few times at most (a machine that kills every new process stops the run)."""
        self._starts[lane] = self._starts.get(lane, 0) + 1
        if self._starts[lane] > MAX_STARTS:
            raise UsageError(f"the {lane} worker processes die as they start ({MAX_STARTS + 1} times in a row): "
                             "check the machine's memory and process limits, then run again")
        self._restart(lane, suspects=False)

    def _restart(self, lane: str, suspects: bool = True) -> list[Done]:
        """Every task in flight in that lane comes back, as a suspect when a worker crashed in it
        (not when one died as it started); a fresh lane takes over."""
        out = []
        for fut, task in list(self.running.items()):
            if task.lane == lane:
                self.running.pop(fut)
                if suspects:
                    out += self._again(task)
                else:
                    self.queue.appendleft(task)
        executor = self.executors.pop(lane, None)
        if executor is not None:
            # shutdown(wait=False) forgets the thread that ends the workers: kept to be joined
            # when the pool closes (CPython 3.11's concurrent.futures)
            thread = getattr(executor, "_executor_manager_thread", None)
            executor.shutdown(wait=False, cancel_futures=True)
            if thread is not None:
                self._left.append(thread)
        return out

    def _again(self, task: Task) -> list[Done]:
        """A task lost with a broken lane: run again alone, unless it already was (then it is the
        one that kills its worker)."""
        if task.suspect:
            return [Done(task.tag, error=Crashed())]
        task.suspect = True
        self.queue.appendleft(task)
        return []


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ready() -> bool:
    """A task that does nothing: sent first, it makes a lane start its processes now."""
    return True


def worker_init() -> None:
    import signal

    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker process
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal reaches every worker: the main process decides
    _die_with_parent()


def _die_with_parent() -> None:
    """No worker outlives the run: when the main process dies by any signal, even SIGKILL, the
    kernel sends this worker SIGKILL too (Linux's parent-death signal; elsewhere nothing)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the line above: follow it now
        os._exit(1)
