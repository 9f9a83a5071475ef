"""The same ingest on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Each document is one task: its bytes travel to a worker (no shared file system needed), the
worker runs every stage but store on it (``stages.run_bytes``, the same functions as a local run),
and the finished document comes back to be stored here, by the one process that owns the
database. Workers need the package and Tesseract installed, nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from pipeline.run import stages
from pipeline.errors import UsageError, one_line
from pipeline.record import Document

log = logging.getLogger("pipeline")


def _client(scheduler: str, timeout: float):
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - dask is a pinned dependency
        raise UsageError("--scheduler needs the 'distributed' package (pip install 'dask[distributed]')") from None
    try:
        return Client(scheduler, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {one_line(exc)}") from None


def process(docs: Iterable[Document], ctx: stages.Context, scheduler: str,
            on_document: Callable[[Document], None], timeout: float = 20.0) -> None:
    """Every document of ``docs`` done on the cluster at ``scheduler`` (reached within ``timeout``
    seconds, else a usage error), each passed to ``on_document`` as it comes back."""
    from distributed import as_completed

    client = _client(scheduler, timeout)
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, 2 * threads)  # documents in flight: bounds the memory of both sides
        todo = list(docs)
        pending = as_completed()
        owner = {}
        i = 0

        def submit_next() -> None:
            nonlocal i
            while i < len(todo):
                doc = todo[i]
                i += 1
                if doc.status != "ok":
                    on_document(doc)
                    continue
                try:
                    data = doc.path.read_bytes()
                except OSError as exc:
                    doc.status, doc.error = "failed", f"{doc.path.name}: cannot read ({one_line(exc)})"
                    on_document(doc)
                    continue
                fut = client.submit(stages.run_bytes, doc, data, ctx, pure=False,
                                    key=f"pipeline-{doc.doc_id}-{id(doc)}")
                owner[fut.key] = doc
                pending.add(fut)
                return

        for _ in range(limit):
            submit_next()
        for fut in pending:
            doc = owner.pop(fut.key)
            try:
                finished = fut.result()
            except Exception as exc:  # the document's own failure, reported like a local one
                doc.status, doc.error = "failed", one_line(exc)
            else:
                path = doc.path
                doc.__dict__.update(finished.__dict__)  # the worker's copy, finished, becomes ours
                doc.path = path
            fut.release()
            on_document(doc)
            submit_next()
    finally:
        client.close()
