"""``pipeline reprocess``: repair and extraction again from the stored pages — no OCR — after
the models or the archivist's overrides changed. Lists the documents whose result changed.

Reads top to bottom: lock the output folder, read the overrides, take every stored document
back from the tables, run its stages from repair or extract (``stages.finish``), store it: text
files and rows in one transaction; compare what is stored with what was, publish.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import overrides
from pipeline.run import stages
from pipeline.repair.names import PAIR_EVIDENCE
from pipeline.store.lock import OutputLock
from pipeline.errors import UsageError
from pipeline.sources.discover import sha256_of
from pipeline.store import disk, reports, searchable
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
    if start not in stages.STARTS:
        raise UsageError(f"--from must be one of: {', '.join(stages.STARTS)}")
    if not (out_dir / DB_NAME).exists():
        raise UsageError(f"{out_dir}: no {DB_NAME} here (run pipeline ingest first)")
    ov = overrides.load(overrides_file or out_dir / overrides.FILE)
    t0 = time.monotonic()
    changes = Changes()
    originals = reports.input_folder(out_dir)
    try:
        with OutputLock(out_dir):
            store = Store(out_dir)
            failing = True
            try:
                store.catch_up()
                ctx = stages.Context(stages.Options(text_timeout=text_timeout), ov, store.person_names(PAIR_EVIDENCE),
                                     store.people_together())
                for doc in store.stored_documents(with_corrections=start == "extract"):
                    before = store.fingerprint(doc.doc_id)
                    stages.run(doc, ctx, stages.STARTS[start])
                    changes.problems += doc.notes
                    if doc.status != "ok":  # a bug met on this document: what is stored stays
                        log.warning("%s: %s (stored results kept)", doc.doc_id, doc.error)
                        continue
                    stages.store(doc, out_dir, store, alto=False, searchable_from=_original(out_dir, doc, originals),
                                 keep_stat=True)
                    after = store.fingerprint(doc.doc_id)
                    changes.documents += 1
                    moved = [t for t in after if after[t] != before.get(t)]
                    if moved:
                        changes.changed[doc.doc_id] = moved
                    if progress:
                        progress(doc, moved)
                stages.across_documents(store)
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


def _original(out_dir: Path, doc, originals: Path | None) -> Path | None:
    """Where the original of a document stands, when an earlier ``ingest --pdf`` wrote its
    searchable PDF, which then gets the new repaired text: the input folder that run read, if the
    file is still there unchanged."""
    if not searchable.pdf_path(out_dir, doc.name).exists() or originals is None:
        return None
    original = originals / doc.source_path
    if not original.is_file() or sha256_of(original) != doc.sha256:
        log.warning("%s: the searchable PDF keeps the earlier text (original not found or changed)", doc.doc_id)
        return None
    return original
