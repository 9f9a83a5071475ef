"""``pipeline ingest``: a folder of documents in, text files, ALTO and tables out.

Reads top to bottom: lock the output folder, find the inputs, sort out what is new,
changed or unchanged, run each document's stages (``stages.py``: read, OCR, repair and extract on
the workers), store each document in one transaction, read again the run's documents whose
members' names the run itself taught (``_read_with_the_run``), publish a snapshot for readers (at
the end, when interrupted and every two minutes), copy the tables to Parquet, write the run report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline import errors, overrides
from pipeline.version import __version__
from pipeline.run import local, pool, stages
from pipeline.repair.names import PAIR_EVIDENCE
from pipeline.store.lock import OutputLock
from pipeline.sources.discover import SUPPORTED, discover, pages_of, sha256_of
from pipeline.recognition import tesseract
from pipeline.errors import Interrupted, UsageError
from pipeline.record import OCR, Document
from pipeline.store import atomic, db, disk, reports, searchable, snapshots
from pipeline.store.db import Store

log = logging.getLogger("pipeline")


@dataclass
class Summary:
    started: str
    finished: str = ""
    seconds: float = 0.0
    documents: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    removed: int = 0
    pages: int = 0
    ocr_pages: int = 0
    corrections: int = 0
    pages_per_minute: float = 0.0
    main_cpu_seconds: float = 0.0  # CPU time of the main process alone (the workers do the rest)
    failures: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # files not read: {source_path, reason}
    outcomes: list[dict] = field(default_factory=list)  # every document: {source_path, outcome, pages, error}
    interrupted: bool = False
    read_again: int = 0  # documents repaired again once the run taught the collection its members' names
    read_again_seconds: float = 0.0  # ... and the time that took (the second look included)
    unnumbered: int = 0  # documents whose records have no number while their folder's others number theirs
    report: str = ""  # the run report's path (runs/<start>.json)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def ingest(
    in_dir: Path,
    out_dir: Path,
    *,
    jobs: int | None = None,
    force_ocr: bool = False,
    reprocess: bool = False,
    follow_links: bool = False,
    page_timeout: float = 300.0,
    text_timeout: float = 60.0,
    max_pixels: int | None = None,
    scheduler: str | None = None,
    scheduler_timeout: float = 20.0,
    letter_choices: bool = False,
    old_print: bool = False,
    overrides_file: Path | None = None,
    pdf: bool = False,
    progress=None,
    on_plan=None,
    on_pages=None,
) -> Summary:
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    tesseract.check_installed()
    ov = overrides.load(overrides_file or out_dir / overrides.FILE)  # a bad file stops the run before it starts
    run_info = {"input": str(in_dir.resolve()), "output": str(out_dir.resolve()),
                "options": {"jobs": jobs, "force_ocr": force_ocr, "pdf": pdf, "reprocess": reprocess, "follow_links": follow_links,
                            "page_timeout": page_timeout, "text_timeout": text_timeout, "max_pixels": max_pixels, "scheduler": scheduler,
                            "scheduler_timeout": scheduler_timeout if scheduler else None,
                            "letter_choices": letter_choices, "old_print": old_print,
                            "overrides": ov.source},
                "versions": {"pipeline": __version__, "tesseract": tesseract.check_installed(), "models": _models_version()}}
    opts = stages.Options(force_ocr=force_ocr, page_timeout=page_timeout, text_timeout=text_timeout,
                          letter_choices=letter_choices, old_print=old_print,
                        **({"max_pixels": max_pixels} if max_pixels else {}))
    summary = Summary(started=_now())
    t0 = time.monotonic()
    cpu0 = time.process_time()
    try:
        with OutputLock(out_dir):
            atomic.remove_stale_temporaries(out_dir)  # left by a run that was killed
            spool = out_dir / ".spool"
            atomic.remove(spool)
            if not scheduler:  # remote workers send their ALTO back inline
                spool.mkdir()
                opts = dataclasses.replace(opts, spool_dir=str(spool))
            docs = discover(in_dir, follow_links=follow_links, skipped=summary.skipped)
            for skip in summary.skipped:
                log.warning("skipped %s: %s", skip["source_path"], skip["reason"])
            if not docs:
                log.warning("%s: no document to read (%s)", in_dir, ", ".join(sorted(SUPPORTED)))
            store = Store(out_dir)
            failing = True  # until the run's work is done: a failure then is the one to report
            try:
                store.catch_up()  # readers get every stored document (a failed run's too) before this run adds to it
                known = store.known()
                todo = _prepare(store, docs, known, summary, everything=reprocess or force_ocr,
                                needs_pdf=(lambda doc: not searchable.pdf_path(out_dir, doc.name).exists()) if pdf else None)
                if on_plan:  # the documents to read, with the pages each is expected to have
                    on_plan([(doc, pages_of(doc.path, doc.kind)) for doc in todo])
                stored = _storer(store, out_dir, summary, known, progress, pdf, in_dir)
                ran = {d.doc_id for d in todo}
                ctx = stages.Context(opts, ov, store.person_names(PAIR_EVIDENCE, leave_out=ran), store.people_together(ran))
                if todo:
                    db.warm_up()  # pandas imports while the workers start
                if scheduler:
                    from pipeline.run import cluster

                    cluster.process(todo, ctx, scheduler, stored, scheduler_timeout)
                else:
                    local.process(todo, opts, jobs or pool.default_jobs(), stored, on_pages,
                                  finish=functools.partial(stages.finish, ctx=ctx))
                t_again = time.monotonic()
                summary.read_again = _read_with_the_run(store, out_dir, ctx, todo, in_dir if pdf else None)
                summary.read_again_seconds = round(time.monotonic() - t_again, 2)
                summary.unnumbered = stages.across_documents(store)
                failing = False
                store.export_parquet()
            finally:
                try:
                    store.publish()  # also when interrupted: what was committed becomes readable
                except Exception:
                    if not failing:
                        raise
                    log.debug("publishing after the failure failed too", exc_info=True)  # the first failure is the one to tell
                finally:
                    store.close()
                atomic.remove(spool)
            _close(summary, t0, cpu0)
            _write_report(out_dir, summary, run_info)
    except Exception as exc:
        stop = exc if isinstance(exc, Interrupted) else errors.stopped()
        if stop is None:
            explained = disk.explain(exc, out_dir)  # a full disk, a read-only or vanished folder …
            if explained is not None:
                raise explained from None
            raise
        # Ctrl-C / SIGTERM (perhaps turned by DuckDB into "Query interrupted"): what was done is
        # reported, then the run stops
        summary.interrupted = True
        _close(summary, t0, cpu0)
        _write_report(out_dir, summary, run_info)
        raise stop from None
    return summary


_CAPITALS = re.compile(r"[^\W\d_a-zß-öø-ÿ]{2,}")  # the words of a surname in capitals (ABBOU, DE LA GRANGE)


def _read_with_the_run(store: Store, out_dir: Path, ctx: stages.Context, todo: list[Document],
                       originals: Path | None) -> int:
    """An archive ingested for the first time learns its members' names from itself. Once every
    document of the run is stored, the people the collection names (a first name read with a
    surname in two documents or more, ``Store.person_names``) counting this run's documents are
    compared with those the run started with; the run's documents that print a surname whose
    people changed are repaired and extracted again from their stored pages, as ``pipeline
    reprocess`` would (no OCR), and stored again. One ingest then reads the names a later
    reprocess would. ``originals``: the input folder, when the run writes searchable PDFs.
    Returns how many documents were read again."""
    people = store.person_names(PAIR_EVIDENCE)
    changed = {surname for surname, first in people.keys() | ctx.person_names.keys()
               if people.get((surname, first)) != ctx.person_names.get((surname, first))}
    if not changed:
        return 0
    again = dataclasses.replace(ctx, person_names=people, people_together=store.people_together())
    parts = {surname: frozenset(_CAPITALS.findall(surname)) for surname in changed}
    n = 0
    for doc in store.stored_documents(only={d.doc_id for d in todo if d.status == "ok"}):
        printed = {word for page in doc.pages for word in _CAPITALS.findall(page.text_raw or "")}
        if not any(words <= printed for words in parts.values()):
            continue  # prints none of those surnames
        first = [page.text_clean for page in doc.pages]
        repair, *after = stages.STARTS["clean"]
        stages.run(doc, again, (repair,))
        if doc.status == "ok":
            if [page.text_clean for page in doc.pages] == first:
                continue  # read the same: nothing to extract or store again
            stages.run(doc, again, tuple(after))
        if doc.status != "ok":  # a bug met on this document: what is stored stays
            log.warning("%s: %s (its first reading kept)", doc.doc_id, doc.error)
            continue
        stages.store(doc, out_dir, store, alto=False, keep_stat=True,
                     searchable_from=originals / doc.source_path if originals is not None else None)
        n += 1
    return n


def _close(summary: Summary, t0: float, cpu0: float) -> None:
    summary.finished = _now()
    summary.seconds = round(time.monotonic() - t0, 2)
    summary.main_cpu_seconds = round(time.process_time() - cpu0, 2)
    summary.pages_per_minute = round(summary.pages / summary.seconds * 60, 1) if summary.seconds else 0.0


def _models_version() -> str:
    """A short digest of the model files in use: two runs with the same models say the same."""
    import hashlib

    from pipeline.repair.lexicon import MODELS

    h = hashlib.sha256()
    for f in sorted(Path(MODELS).glob("*")):
        if f.is_file() and f.suffix in (".gz", ".tsv", ".txt"):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _prepare(store: Store, docs: list[Document], known: dict, summary: Summary, everything: bool,
             needs_pdf=None) -> list[Document]:
    """What this run must do: new and changed documents (and, with --pdf, those without their
    searchable PDF yet); removed ones are marked."""
    todo = _select(docs, known, store, summary, everything, needs_pdf)
    present = {doc.doc_id for doc in docs}
    gone = [d for d, row in known.items() if d not in present and row["removed_at"] is None]
    store.mark_removed(gone)
    summary.removed = len(gone)
    return todo


def _storer(store: Store, out_dir: Path, summary: Summary, known: dict, progress, pdf: bool, in_dir: Path):
    """The store stage, in the main process, for each document the workers finished: files, one
    transaction, counts."""
    last_publish = [time.monotonic()]

    def stored(doc: Document) -> None:
        if doc.status != "ok" and not _readable(in_dir):  # not the document's fault: the run stops
            raise UsageError(f"{in_dir}: the input folder became unreadable during the run (unmounted, moved or its "
                             "permissions changed): the documents not read yet are left for the next run")
        for problem in doc.notes:
            log.warning("override not applied: %s", problem)
        stages.store(doc, out_dir, store, searchable_from=doc.path if pdf else None, stored_before=doc.doc_id in known)
        if time.monotonic() - last_publish[0] > snapshots.EVERY_SECONDS:
            store.publish()  # readers see a long run's progress
            last_publish[0] = time.monotonic()
        _count(summary, doc, known)
        if progress:
            progress(doc)

    return stored


def _readable(folder: Path) -> bool:
    try:
        return folder.is_dir() and os.access(folder, os.R_OK | os.X_OK) and any(True for _ in os.scandir(folder))
    except OSError:
        return False


def _select(docs: list[Document], known: dict, store: Store, summary: Summary, everything: bool,
            needs_pdf=None) -> list[Document]:
    """Documents to process; unchanged ones (same size and time, or same content) are skipped."""
    todo = []
    summary.documents = len(docs)
    for doc in docs:
        old = known.get(doc.doc_id)
        wants_pdf = needs_pdf is not None and doc.kind in ("pdf", "image") and needs_pdf(doc)
        if everything or old is None or old["status"] != "ok" or doc.status != "ok" or wants_pdf:
            todo.append(doc)
            continue
        try:
            st = doc.path.stat()
        except OSError:
            todo.append(doc)
            continue
        if old["size_bytes"] == st.st_size and old["mtime"] == st.st_mtime:
            if old["removed_at"] is not None:
                store.touch(doc)  # it came back
            summary.unchanged += 1
            summary.outcomes.append({"source_path": doc.source_path, "outcome": "unchanged"})
            continue
        if sha256_of(doc.path) == old["sha256"]:
            store.touch(doc)
            summary.unchanged += 1
            summary.outcomes.append({"source_path": doc.source_path, "outcome": "unchanged"})
            continue
        todo.append(doc)
    return todo


def _count(summary: Summary, doc: Document, known: dict) -> None:
    if doc.status != "ok":
        summary.failed += 1
        summary.failures.append({"source_path": doc.source_path, "error": doc.error})
        summary.outcomes.append({"source_path": doc.source_path, "outcome": "failed", "error": doc.error})
        return
    outcome = "changed" if doc.doc_id in known else "new"
    summary.outcomes.append({"source_path": doc.source_path, "outcome": outcome, "pages": len(doc.pages),
                             "ocr_pages": sum(1 for p in doc.pages if p.method == OCR),
                             "corrections": len(doc.corrections)})
    if doc.doc_id in known:
        summary.changed += 1
    else:
        summary.new += 1
    summary.pages += len(doc.pages)
    summary.ocr_pages += sum(1 for p in doc.pages if p.method == OCR)
    summary.corrections += len(doc.corrections)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _write_report(out_dir: Path, summary: Summary, run_info: dict) -> None:
    """``runs/<start>.json``: what the run was asked (input, options, versions) and what it did."""
    summary.report = str(reports.path_of(out_dir, summary.started))
    reports.write(out_dir, summary.started, run_info | asdict(summary) | {"pipeline_version": __version__})
