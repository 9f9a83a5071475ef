"""``pipeline reprocess``: repair and extraction again from the stored pages — no OCR — after
the models or the archivist's overrides changed. Lists the documents whose result changed.

Reads top to bottom: lock the output folder, read the overrides, take every stored document
back from the tables, run its stages from repair or extract (``flow.finish``), store it: text
files and rows in one transaction; compare what is stored with what was, publish.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import overrides
from pipeline.batch import flow, work
from pipeline.batch.lock import OutputLock
from pipeline.errors import UsageError
from pipeline.store import disk, output, searchable
from pipeline.store.db import DB_NAME, Store

log = logging.getLogger("pipeline")


@dataclass
class Changes:
    documents: int = 0
    changed: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> tables whose rows changed
    problems: list[str] = field(default_factory=list)  # overrides that found nothing to apply to
    seconds: float = 0.0


def reprocess(out_dir: Path, *, start: str = "clean", overrides_file: Path | None = None, text_timeout: float = 60.0,
              progress=None) -> Changes:
    out_dir = Path(out_dir)
    if start not in flow.STARTS:
        raise UsageError(f"--from must be one of: {', '.join(flow.STARTS)}")
    if not (out_dir / DB_NAME).exists():
        raise UsageError(f"{out_dir}: no {DB_NAME} here (run pipeline ingest first)")
    ov = overrides.load(overrides_file or out_dir / overrides.FILE)
    t0 = time.monotonic()
    changes = Changes()
    originals = input_folder(out_dir)
    try:
        with OutputLock(out_dir):
            store = Store(out_dir)
            failing = True
            try:
                store.catch_up()
                ctx = flow.Context(work.Options(text_timeout=text_timeout), ov, store.person_names())
                for doc in store.stored_documents(with_corrections=start == "extract"):
                    before = store.fingerprint(doc.doc_id)
                    flow.finish(doc, ctx, flow.STARTS[start])
                    changes.problems += doc.notes
                    if doc.status != "ok":  # a bug met on this document: what is stored stays
                        log.warning("%s: %s (stored results kept)", doc.doc_id, doc.error)
                        continue
                    output.write_texts(out_dir, doc)
                    _searchable_again(out_dir, doc, originals)
                    store.write(doc, keep_stat=True)
                    after = store.fingerprint(doc.doc_id)
                    changes.documents += 1
                    moved = [t for t in after if after[t] != before.get(t)]
                    if moved:
                        changes.changed[doc.doc_id] = moved
                    if progress:
                        progress(doc, moved)
                store.export_parquet()
                failing = False
            finally:
                try:
                    store.publish()
                except Exception:
                    if not failing:
                        raise
                    log.debug("publishing after the failure failed too", exc_info=True)
                finally:
                    store.close()
    except Exception as exc:
        explained = disk.explain(exc, out_dir)  # a full disk, a read-only or vanished folder …
        if explained is None:
            raise
        raise explained from None
    changes.seconds = round(time.monotonic() - t0, 2)
    return changes


def input_folder(out_dir: Path) -> Path | None:
    """Where the originals are: the input folder of the latest run report that names one."""
    import json

    for report in sorted((Path(out_dir) / "runs").glob("*.json"), reverse=True):
        try:
            folder = json.loads(report.read_text(encoding="utf-8")).get("input")
        except (OSError, ValueError):
            continue
        if folder and Path(folder).is_dir():
            return Path(folder)
    return None


def _searchable_again(out_dir: Path, doc, originals: Path | None) -> None:
    """A searchable PDF written by an earlier ``ingest --pdf`` gets the new repaired text, when
    the original is still where that run read it (and unchanged)."""
    from pipeline.batch.work import sha256_of

    if not searchable.pdf_path(out_dir, doc.name).exists() or originals is None:
        return
    original = originals / doc.source_path
    if not original.is_file() or sha256_of(original) != doc.sha256:
        log.warning("%s: the searchable PDF keeps the earlier text (original not found or changed)", doc.doc_id)
        return
    doc.path = original
    searchable.write_pdf(out_dir, doc)
