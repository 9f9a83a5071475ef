"""Spread the work of many documents over worker processes, finishing documents in order.

Every unit of work (plan a document, read a chunk of PDF pages, OCR one page) is a task in the
readers' process pool; repairing and extracting a whole document (``flow.finish``) is a task in
the finishers' pool, a few processes that keep the models loaded. Units of documents already
started go first, so few documents are open at a time and memory stays bounded whatever the size
of the corpus. A failure in a unit fails its document only. A crashed worker breaks its pool, and
every unit then in flight there comes back as suspect: the pool is started again and each suspect
is run again alone, so the one that kills its worker a second time fails its document, and the
others go on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from pipeline import faults
from pipeline.batch import work
from pipeline.errors import one_line
from pipeline.record import Document, Page


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Job:
    doc: Document
    pages: list[Page] = field(default_factory=list)
    outstanding: int = 0
    finishing: bool = False  # its pages are read; the finish unit was sent


@dataclass
class _Unit:
    job: _Job
    name: str  # "plan", "finish", or a name of work.UNITS
    args: tuple
    suspect: bool = False  # in flight when a worker died: run again, alone


CRASHED = "a worker process died while reading this document (out of memory or a crash)"


# Repair and extraction cost 0.1-0.3 s of CPU a document against 2-3 s of OCR a page, but their
# models (lexicon, gazetteer, spaCy) take 6 s to load: they run on a few finisher processes that
# load them once, not on every reader.
READERS_PER_FINISHER = 8


def finishers(jobs: int) -> int:
    return max(1, jobs // READERS_PER_FINISHER)


def _pool(jobs: int, initializer=work.worker_init) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=initializer,
        max_tasks_per_child=200,  # recycle workers: bounds any slow leak in native libraries
    )


def process(
    docs: Iterable[Document],
    opts: work.Options,
    jobs: int,
    on_document: Callable[[Document], None],
    on_pages: Callable[[Document, int], None] | None = None,
    finish: Callable[[Document], Document] | None = None,
) -> None:
    """Read and OCR ``docs``; call ``on_document`` with each one, finished or failed, and
    ``on_pages`` as its pages are read (a progress bar in pages). ``finish``, a picklable
    function, runs on a worker once a document's pages are all read (``flow.finish``): what it
    returns is what ``on_document`` gets."""
    todo = deque(docs)
    units: deque[_Unit] = deque()
    running: dict[Future, _Unit] = {}
    limit = max(4, jobs * 3)  # units in flight: enough backlog that workers never wait on the main process
    new_pool = {"read": lambda: _pool(jobs), "finish": lambda: _pool(finishers(jobs), work.finisher_init)}
    pools: dict[str, ProcessPoolExecutor] = {}  # started when first needed: a run with nothing to do starts none

    def pool(which: str) -> ProcessPoolExecutor:
        if which not in pools:
            pools[which] = new_pool[which]()
            if which == "read" and finish is not None:
                pool("finish").submit(work.ready)  # the models load while the first pages are read
        return pools[which]

    def fail(job: _Job, message: str) -> None:
        if job.doc.status != "failed":
            job.doc.status, job.doc.error = "failed", message

    def settle(job: _Job) -> None:
        if job.outstanding:
            return
        if job.doc.status != "ok":
            job.doc.pages = []
        elif not job.finishing:  # its pages are all read
            job.doc.pages = sorted(job.pages, key=lambda p: p.page_no)
            if finish is not None:
                job.finishing, job.outstanding = True, 1
                units.appendleft(_Unit(job, "finish", (job.doc,)))  # finished documents free their memory first
                return
        on_document(job.doc)

    def submit(unit: _Unit) -> None:
        try:
            if unit.name == "plan":
                running[pool("read").submit(work.plan_document, *unit.args)] = unit
            elif unit.name == "finish":
                running[pool("finish").submit(finish, *unit.args)] = unit
            else:
                running[pool("read").submit(work.run_unit, unit.name, unit.args)] = unit
        except BrokenProcessPool:  # a worker died since the last results came back
            units.appendleft(unit)  # it never ran: not a suspect
            restart(_pool_of(unit))

    def restart(which: str) -> None:
        """Every unit in flight in that pool comes back as a suspect; a fresh pool takes over."""
        for fut, unit in list(running.items()):
            if _pool_of(unit) == which:
                running.pop(fut)
                _again(unit, units, fail)
                settle(unit.job)
        pools.pop(which).shutdown(wait=False, cancel_futures=True)

    try:
        while todo or units or running:
            while len(running) < limit and (units or todo):
                if any(u.suspect for u in running.values()):
                    break  # a suspect runs alone
                if units:
                    if units[0].suspect and running:
                        break  # wait for the pool to empty, then run it alone
                    unit = units.popleft()
                    if unit.job.doc.status != "ok":
                        unit.job.outstanding -= 1
                        settle(unit.job)
                        continue
                    submit(unit)
                else:
                    doc = todo.popleft()
                    job = _Job(doc)
                    if doc.status != "ok":  # failed at discovery (e.g. a symbolic link)
                        settle(job)
                        continue
                    job.outstanding = 1
                    submit(_Unit(job, "plan", (doc.path, doc.kind, opts)))
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            if len(running) > len(done):
                faults.reached("workers-busy")
            broken = set()
            for fut in done:
                unit = running.pop(fut)
                job = unit.job
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    broken.add(_pool_of(unit))
                    _again(unit, units, fail)
                except Exception as exc:  # one document's problem, never the batch's
                    job.outstanding -= 1
                    fail(job, one_line(exc))
                else:
                    job.outstanding -= 1
                    if unit.name == "finish":
                        take(job.doc, result)
                        settle(job)
                        continue
                    if unit.name == "plan":
                        job.doc.sha256 = result.sha256
                        job.doc.n_pages = result.n_pages
                        job.pages.extend(result.pages)
                        new_units = result.units
                        pages = result.pages
                    else:
                        pages, new_units = result
                        job.pages.extend(pages)
                    if on_pages and pages:
                        on_pages(job.doc, len(pages))
                    for unit_name, args in new_units:
                        job.outstanding += 1
                        units.append(_Unit(job, unit_name, args))
                settle(job)
            for which in broken:
                restart(which)
    finally:
        for pool in pools.values():
            pool.shutdown(wait=True, cancel_futures=True)


def _pool_of(unit: _Unit) -> str:
    return "finish" if unit.name == "finish" else "read"


def take(doc: Document, finished: Document) -> None:
    """The worker's copy of a document, finished, becomes the caller's: the caller keeps its object."""
    path = doc.path
    doc.__dict__.update(finished.__dict__)
    doc.path = path


def _again(unit: _Unit, units: deque, fail) -> None:
    """A unit lost with a broken pool: run again alone, unless it already was (then it is the one
    that kills its worker)."""
    if unit.suspect:
        unit.job.outstanding -= 1
        fail(unit.job, CRASHED)
    else:
        unit.suspect = True
        units.appendleft(unit)
