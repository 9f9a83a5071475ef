"""Many documents through their stages on the worker processes of this machine.

Each document is planned (``stages.plan``), its pages are read in units (``stages.Unit``: chunks
of text-layer pages, one page image each, so that the pages of one large scan spread over every
core), then its text stages run as one more task (``stages.finish``) on a worker that keeps the
models loaded (one finisher per ``READERS_PER_FINISHER`` readers). A new document is started only
when every unit of those already started has been sent, and a finished document goes before
everything: few documents are open at a time and memory stays bounded whatever the size of the
corpus. A failure in a unit fails its document only; a worker that dies is contained by the pool
(``pool.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.errors import one_line
from pipeline.record import Document, Page
from pipeline.run import pool, stages

CRASHED = "a worker process died while reading this document (out of memory or a crash)"

# Repair and extraction cost 0.1-0.3 s of CPU a document against 2-3 s of OCR a page, but their
# models (lexicon, gazetteer, spaCy) take seconds to load: they run on a few finisher processes that
# load them once, not on every reader.
READERS_PER_FINISHER = 8


def finishers(jobs: int) -> int:
    return max(1, jobs // READERS_PER_FINISHER)


def load_models(tagger: bool = False) -> None:
    """A finisher process: a worker that loads the repair and extraction models at once, spaCy's
    tagger too when ``tagger`` (otherwise it loads when a text first needs it: places.could_tag)."""
    pool.worker_init()
    from pipeline import repair
    from pipeline.extraction import places

    try:
        repair.repairer()
        places.gazetteer()
        if tagger:
            places.nlp()
    except Exception:  # the stage that needs the model reports the problem, on its document
        pass


def _pages_to_read(docs: list[Document]) -> bool:
    """Whether reading ``docs`` keeps the readers busy long enough for the finisher to load spaCy
    meanwhile (PDFs and images: 30 one-page scans ingest 4.5 % sooner so, benchmarks/ingest.py);
    a run of text files only would wait for it (``benchmarks/startup.py``)."""
    return any(doc.kind != "text" for doc in docs)


@dataclass
class _Job:
    doc: Document
    pages: list[Page] = field(default_factory=list)
    outstanding: int = 0  # its tasks queued or running
    finishing: bool = False  # its pages are read; its text stages were sent


@dataclass
class Spread:
    """The documents of one run over a ``pool.Pool``, and what each still waits for."""

    tasks: pool.Pool
    opts: stages.Options
    finish: Callable[[Document], Document] | None
    on_document: Callable[[Document], None]
    on_pages: Callable[[Document, int], None] | None = None

    def start(self, doc: Document) -> None:
        if doc.status != "ok":  # failed at discovery (e.g. a symbolic link)
            self.on_document(doc)
            return
        self._put(_Job(doc), "plan", stages.plan, (doc.path, doc.kind, self.opts))

    def took(self, done: pool.Done) -> None:
        """A task ended: its result taken into its document, which is settled if it waits for nothing."""
        job, kind = done.tag
        job.outstanding -= 1
        if done.error is not None:
            self._fail(job, CRASHED if isinstance(done.error, pool.Crashed) else one_line(done.error))
        elif job.doc.status != "ok":
            pass  # a unit of a document that already failed: its result is not wanted
        elif kind == "finish":
            path = job.doc.path
            job.doc.__dict__.update(done.result.__dict__)  # the worker's copy, finished, becomes ours
            job.doc.path = path
        else:
            self._read(job, kind, done.result)
        self._settle(job)

    def _read(self, job: _Job, kind: str, result) -> None:
        if kind == "plan":
            job.doc.sha256, job.doc.n_pages = result.sha256, result.n_pages
            pages, units = result.pages, result.units
        else:
            pages, units = result
        job.pages.extend(pages)
        if self.on_pages and pages:
            self.on_pages(job.doc, len(pages))
        for unit in units:
            self._put(job, "unit", unit.task, unit.args)

    def _put(self, job: _Job, kind: str, call, args, first: bool = False) -> None:
        job.outstanding += 1
        self.tasks.put(pool.Task("finish" if kind == "finish" else "read", call, args, (job, kind)), first=first)

    def _fail(self, job: _Job, message: str) -> None:
        if job.doc.status == "ok":
            job.doc.status, job.doc.error = "failed", message
        job.outstanding -= self.tasks.discard(lambda task: task.tag[0] is job)  # its other units are not run

    def _settle(self, job: _Job) -> None:
        if job.outstanding:
            return
        if job.doc.status != "ok":
            job.doc.pages = []
        elif not job.finishing:  # its pages are all read
            job.doc.pages = sorted(job.pages, key=lambda p: p.page_no)
            if self.finish is not None:
                job.finishing = True
                self._put(job, "finish", self.finish, (job.doc,), first=True)  # finished documents free their memory first
                return
        self.on_document(job.doc)


def process(docs: Iterable[Document], opts: stages.Options, jobs: int, on_document: Callable[[Document], None],
            on_pages: Callable[[Document, int], None] | None = None,
            finish: Callable[[Document], Document] | None = None) -> None:
    """Read and OCR ``docs``; call ``on_document`` with each one, finished or failed, and
    ``on_pages`` as its pages are read (a progress bar in pages). ``finish``, a picklable function,
    runs on a finisher once a document's pages are all read (``stages.finish``): what it returns
    is what ``on_document`` gets."""
    todo = list(docs)
    lanes = {"read": pool.Lane(jobs, pool.worker_init)}
    if finish is not None:  # the models load while the first pages are read
        lanes["finish"] = pool.Lane(finishers(jobs), functools.partial(load_models, _pages_to_read(todo)),
                                    warm_up=pool.ready)
    tasks = pool.Pool(lanes, limit=max(4, jobs * 3))  # enough tasks in flight that workers never wait
    spread = Spread(tasks, opts, finish, on_document, on_pages)
    try:
        while todo or tasks.busy:
            while todo and len(tasks.queue) + len(tasks.running) < tasks.limit and _only_plans(tasks.queue):
                spread.start(todo.pop(0))  # a new document only when the units of the others are all sent
            for done in tasks.take():
                spread.took(done)
    finally:
        tasks.close()


def _only_plans(queue) -> bool:
    return all(task.tag[1] == "plan" for task in queue)
