"""The embedded DuckDB database: schema, one transaction per document, Parquet copies."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import posixpath
import threading
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from pipeline import faults, schema
from pipeline.version import __version__
from pipeline.errors import Interrupted, UsageError, stopped
from pipeline.record import Correction, Document, Page

if TYPE_CHECKING:
    import pandas

DB_NAME = "pipeline.duckdb"

ENTITY_TABLES = ["cities", "clusters", "dates", "amounts", "deliberations"]
ENTITY_COLUMNS = {t: schema.entity_columns(t) for t in ENTITY_TABLES}
PER_DOCUMENT = [t for t in schema.TABLES if t != "documents"]


def _pandas():
    """pandas, imported when the first rows are written: 0.5-0.8 s that a run storing nothing never
    pays, and a run that stores pays while it waits on its workers (``warm_up``)."""
    import pandas

    return pandas


def warm_up() -> threading.Thread:
    """Import what writing rows needs on a thread, while the main process waits on its workers'
    first results (``run/ingest.py``): the first document is stored without that wait."""
    thread = threading.Thread(target=_pandas, name="store-warm-up")
    thread.start()
    return thread


def connect(out_dir: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(out_dir) / DB_NAME
    if read_only and not path.exists():
        raise UsageError(f"{path}: no database here (run `pipeline ingest IN_DIR --out {out_dir}` first)")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.InterruptException:  # Ctrl-C while DuckDB opened the file: the run was stopped, not misused
        raise stopped() or Interrupted("interrupted", 130) from None
    except duckdb.Error as exc:
        from pipeline.store import disk

        explained = disk.damaged_database(exc, path) or disk.explain(exc, Path(out_dir))
        if explained is not None:
            raise explained from None
        raise UsageError(f"{path}: cannot open database ({' '.join(str(exc).split())[:300]})") from None


class Store:
    """Tables in ``OUT_DIR/pipeline.duckdb``; every document written in one transaction."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.out_dir)
        for table in schema.TABLES:
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({schema.ddl(table)})")
            self._add_missing_columns(table)
            for statement in schema.comments(table):
                self.con.execute(statement)

    def _add_missing_columns(self, table: str) -> None:
        """A database made by an earlier version gains the columns added since (as NULL)."""
        have = {r[1] for r in self.con.execute(f"PRAGMA table_info('{table}')").fetchall()}
        for col in schema.TABLES[table].columns:
            if col.name not in have:
                self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{col.name}" {col.type}')

    def close(self) -> None:
        self.con.close()

    def known(self) -> dict[str, dict]:
        """The stored state of every document, by ``doc_id``."""
        rows = self.con.execute(
            "SELECT doc_id, sha256, status, size_bytes, mtime, name, removed_at FROM documents"
        ).fetchall()
        return {r[0]: {"sha256": r[1], "status": r[2], "size_bytes": r[3], "mtime": r[4], "name": r[5],
                       "removed_at": r[6]} for r in rows}

    def write(self, doc: Document, keep_stat: bool = False, stored_before: bool = True) -> None:
        """Replace everything stored for ``doc`` in one transaction (``stored_before=False``: the
        caller knows it has no rows yet, and nothing is deleted first).

        A failed document keeps the rows of its last successful version, if any: one bad
        night must not erase what was stored; its ``documents`` row says it failed.
        """
        if keep_stat:  # reprocess: the input file is not read again; its last size and time stay
            size, mtime = self.con.execute("SELECT size_bytes, mtime FROM documents WHERE doc_id = ?",
                                           [doc.doc_id]).fetchone() or (None, None)
        else:
            try:
                st = doc.path.stat()
                size, mtime = st.st_size, st.st_mtime
            except OSError:
                size, mtime = None, None
        row = {
            "doc_id": doc.doc_id, "source_path": doc.source_path, "sha256": doc.sha256 or None,
            "kind": doc.kind, "n_pages": doc.n_pages or len(doc.pages), "status": doc.status,
            "error": doc.error, "processed_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            "pipeline_version": __version__, "name": doc.name, "size_bytes": size, "mtime": mtime,
            "old_print": doc.old_print,
        }
        con = self.con
        with self._transaction():
            if stored_before:
                con.execute("DELETE FROM documents WHERE doc_id = ?", [doc.doc_id])
            con.execute(f"INSERT INTO documents ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            if doc.status == "ok":
                for table in PER_DOCUMENT if stored_before else ():
                    con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc.doc_id])
                self._insert("pages", _pages_frame(doc))
                words = _words_frame(doc)
                if len(words):
                    self._insert("words", words)
                corrections = _corrections_frame(doc)
                if len(corrections):
                    self._insert("corrections", corrections)
                if doc.person_names:
                    self._insert("person_names", _pandas().DataFrame(
                        [{"doc_id": doc.doc_id, "surname": s, "first_name": f, "times": n}
                         for (s, f), n in sorted(doc.person_names.items())]))
                for table, columns in ENTITY_COLUMNS.items():
                    rows = doc.entities.get(table) or []
                    if rows:
                        cols = ["doc_id", "page_no", "char_start", "char_end", *columns]
                        frame = _pandas().DataFrame([{"doc_id": doc.doc_id, **{c: r.get(c) for c in cols[1:]}} for r in rows],
                                             columns=cols)
                        if table == "amounts":
                            frame["value"] = frame["value"].map(Decimal)
                        self._insert(table, frame)
            faults.reached("in-transaction")
            faults.reached("db-transaction", key=doc.path.name, path=self.out_dir / DB_NAME)
        faults.reached("after-commit")

    @contextlib.contextmanager
    def _transaction(self):
        """One transaction: committed when its block ends, rolled back when the block or the commit
        fails (a commit that failed — a full disk — has already rolled back)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise

    def stored_documents(self, with_corrections: bool = False, only: set[str] | None = None) -> list[Document]:
        """Every document stored as read (status ok, still present; ``only``: of these ids), its
        pages and word boxes back from the tables, for ``reprocess``: the repair and extraction
        run again, the OCR not."""
        out = []
        rows = self.con.execute("SELECT doc_id, source_path, name, kind, sha256, n_pages, old_print FROM documents "
                                "WHERE status = 'ok' AND removed_at IS NULL ORDER BY doc_id").fetchall()
        for doc_id, source_path, name, kind, sha, n_pages, old_print in rows:
            if only is not None and doc_id not in only:
                continue
            doc = Document(path=Path(source_path), source_path=source_path, name=name, kind=kind or "",
                           sha256=sha or "", n_pages=n_pages or 0, old_print=bool(old_print))
            words: dict[int, list[dict]] = {}
            for r in self.con.execute('SELECT page_no, text, conf, "left", top, width, height, block, line FROM words '
                                      "WHERE doc_id = ? ORDER BY page_no, word_no", [doc_id]).fetchall():
                words.setdefault(r[0], []).append(dict(zip(("text", "conf", "left", "top", "width", "height", "block",
                                                            "line"), r[1:])))
            for (page_no, method, text_raw, text_clean, conf, width, height, dpi, native_dpi, rotation, skew,
                 lines, geometry, tables, tagged) in self.con.execute(
                    "SELECT page_no, method, text_raw, text_clean, ocr_confidence, width, height, dpi, native_dpi, "
                    "rotation, skew, lines, geometry, tables, tagged FROM pages WHERE doc_id = ? ORDER BY page_no",
                    [doc_id]).fetchall():
                geo = json.loads(geometry) if geometry else {}
                doc.pages.append(Page(page_no, method, text_raw, text_clean, conf, width, height, dpi, native_dpi,
                                      words=words.get(page_no), lines=json.loads(lines) if lines else None,
                                      tables=json.loads(tables) if tables else None,
                                      rotation=rotation or 0, skew=skew or 0.0,
                                      source_size=tuple(geo["source_size"]) if geo else None,
                                      transform=geo.get("transform"), tagged=json.loads(tagged) if tagged else None))
            doc.person_names = {(s, f): n for s, f, n in self.con.execute(
                "SELECT surname, first_name, times FROM person_names WHERE doc_id = ?", [doc_id]).fetchall()}
            if with_corrections:
                doc.corrections = [Correction(*r) for r in self.con.execute(
                    'SELECT page_no, start, "end", clean_start, clean_end, before, after, rule, score, '
                    "coalesce(overruled, false) FROM corrections WHERE doc_id = ? ORDER BY page_no, start",
                    [doc_id]).fetchall()]
            out.append(doc)
        return out

    def person_names(self, least: int, leave_out: set[str] = frozenset()) -> dict[tuple[str, str], int]:
        """(surname, first name) -> the number of stored documents that read the pair, for the
        pairs read in at least ``least`` documents (``repair.names.PAIR_EVIDENCE``), without ``leave_out``."""
        rows = self.con.execute(
            "SELECT surname, first_name, count(DISTINCT n.doc_id) FROM person_names n JOIN documents d USING (doc_id) "
            "WHERE d.status = 'ok' AND d.removed_at IS NULL AND NOT list_contains(?, n.doc_id) "
            "GROUP BY ALL HAVING count(DISTINCT n.doc_id) >= ?", [sorted(leave_out), least]).fetchall()
        return {(s, f): n for s, f, n in rows}

    def numbering(self) -> dict[str, dict[str, tuple[str, int, int]]]:
        """folder -> document -> (its records' most common layout, records, records with a number),
        for every stored document with records: what the check across documents reads
        (``extraction.records.validate.unnumbered_among_numbered``)."""
        rows = self.con.execute(
            "SELECT r.doc_id, d.source_path, mode(r.layout), count(*), count(r.number) FROM deliberations r "
            "JOIN documents d USING (doc_id) WHERE d.status = 'ok' AND d.removed_at IS NULL GROUP BY ALL").fetchall()
        folders: dict[str, dict] = {}
        for doc_id, source, layout, n, numbered in rows:
            folders.setdefault(posixpath.dirname(source), {})[doc_id] = (layout, n, numbered)
        return folders

    def add_issue(self, doc_ids, issue: str, weight: float) -> None:
        """Every record of ``doc_ids`` that lacks ``issue`` gets it, with ``needs_review`` and its
        confidence lowered by ``weight`` (a check made across documents, once they are stored). A
        document whose records change is processed now: its ``documents`` row changes with them, so
        that the next snapshot publishes them (``snapshots.lagging``), also for a document this run
        did not read (stored by an earlier run, or by a run that failed before publishing it)."""
        if not doc_ids:
            return
        lacking = "list_contains(?, doc_id) AND NOT list_contains(coalesce(issues, []::VARCHAR[]), ?)"
        changed = [d for (d,) in self.con.execute(f"SELECT DISTINCT doc_id FROM deliberations WHERE {lacking}",
                                                  [sorted(doc_ids), issue]).fetchall()]
        if not changed:
            return
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        with self._transaction():
            self.con.execute(
                "UPDATE deliberations SET issues = list_append(coalesce(issues, []::VARCHAR[]), ?), needs_review = true, "
                f"confidence = round(confidence * ?, 3) WHERE {lacking}", [issue, 1 - weight, sorted(changed), issue])
            self.con.execute("UPDATE documents SET processed_at = ? WHERE list_contains(?, doc_id)", [now, sorted(changed)])

    def people_together(self, leave_out: set[str] = frozenset()) -> dict[tuple[str, str, str], int]:
        """(surname, first name, another first name) -> the stored documents that read both with
        that surname: two people stand together in every list (``repair.names.members``)."""
        rows = self.con.execute(
            "SELECT a.surname, a.first_name, b.first_name, count(DISTINCT a.doc_id) FROM person_names a "
            "JOIN person_names b ON a.doc_id = b.doc_id AND a.surname = b.surname AND a.first_name < b.first_name "
            "JOIN documents d ON d.doc_id = a.doc_id "
            "WHERE d.status = 'ok' AND d.removed_at IS NULL AND NOT list_contains(?, a.doc_id) GROUP BY ALL",
            [sorted(leave_out)]).fetchall()
        return {(s, f, g): n for s, f, g, n in rows}

    def fingerprint(self, doc_id: str) -> dict[str, str]:
        """A digest of what is stored for one document, per table: what ``reprocess`` compares."""
        import hashlib

        out = {}
        for table in PER_DOCUMENT:
            if table == "words":
                continue
            rows = self.con.execute(f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY ALL",
                                    [doc_id]).fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out

    def mark_removed(self, doc_ids: list[str]) -> None:
        """Documents whose file has gone: kept, but marked with the time they were missed."""
        if not doc_ids:
            return
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        self.con.executemany(
            "UPDATE documents SET removed_at = ? WHERE doc_id = ? AND removed_at IS NULL",
            [[now, d] for d in doc_ids],
        )

    def touch(self, doc: Document) -> None:
        """An unchanged file whose size or time changed: remember its new stat."""
        st = doc.path.stat()
        self.con.execute("UPDATE documents SET size_bytes = ?, mtime = ?, removed_at = NULL WHERE doc_id = ?",
                         [st.st_size, st.st_mtime, doc.doc_id])

    def catch_up(self) -> None:
        """Publish what the last snapshot lacks (a run that failed, or was killed, after committing
        documents), or everything when there is no snapshot yet: readers get every stored document."""
        from pipeline.store import snapshots

        manifest = snapshots.current(self.out_dir)
        if manifest is None or snapshots.lagging(self.con, self.out_dir / snapshots.FOLDER, manifest):
            self.publish(everything=manifest is None)

    def publish(self, everything: bool = False) -> None:
        """A new snapshot for readers with what the last one lacks, or everything (``snapshots.py``)."""
        from pipeline.store import snapshots

        snapshots.publish(self.con, self.out_dir, everything)

    def _insert(self, table: str, frame: pandas.DataFrame) -> None:
        # DuckDB reads ``frame`` by its name from this function's variables (a replacement scan):
        # a third cheaper than registering and unregistering it, per table, per document
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM frame")

    def export_parquet(self) -> None:
        """A Parquet copy of each table under ``OUT_DIR/tables/``, each swapped in atomically."""
        folder = self.out_dir / "tables"
        folder.mkdir(exist_ok=True)
        tables = [r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
        for table in tables:
            final = folder / f"{table}.parquet"
            tmp = folder / f".{table}.parquet.tmp"
            try:
                self.con.execute(f"COPY (SELECT * FROM {table}) TO '{tmp.as_posix()}' (FORMAT parquet, USE_TMP_FILE false)")
                faults.reached("table-copy", path=final)
                os.replace(tmp, final)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise


def _pages_frame(doc: Document) -> pandas.DataFrame:
    rows = [
        {
            "doc_id": doc.doc_id, "page_no": p.page_no, "method": p.method,
            "ocr_confidence": p.ocr_confidence, "width": p.width, "height": p.height, "dpi": p.dpi,
            "text_raw": p.text_raw, "text_clean": p.text_clean if p.text_clean is not None else p.text_raw,
            "native_dpi": p.native_dpi, "rotation": p.rotation, "skew": p.skew,
            "lines": json.dumps(p.lines, ensure_ascii=False) if p.lines else None,
            "geometry": json.dumps({"source_size": list(p.source_size), "transform": p.transform or []})
            if p.source_size else None,
            "tables": json.dumps(p.tables, ensure_ascii=False) if p.tables else None,
            "tagged": json.dumps(p.tagged, ensure_ascii=False) if p.tagged else None,
        }
        for p in doc.pages
    ]
    frame = _pandas().DataFrame(rows, columns=schema.TABLES["pages"].names)
    return frame.astype({"ocr_confidence": "float64", "dpi": "float64", "native_dpi": "float64", "skew": "float64"})


def _words_frame(doc: Document) -> pandas.DataFrame:
    rows = []
    for p in doc.pages:
        for i, w in enumerate(p.words or [], start=1):
            rows.append({"doc_id": doc.doc_id, "page_no": p.page_no, "word_no": i, "text": w["text"],
                         "conf": w["conf"], "left": w["left"], "top": w["top"], "width": w["width"],
                         "height": w["height"], "block": w["block"], "line": w["line"]})
    return _pandas().DataFrame(rows)


def _corrections_frame(doc: Document) -> pandas.DataFrame:
    rows = [{"doc_id": doc.doc_id, "page_no": c.page, "start": c.start, "end": c.end, "before": c.before,
             "after": c.after, "rule": c.rule, "score": c.score, "clean_start": c.clean_start,
             "clean_end": c.clean_end, "overruled": c.overruled} for c in doc.corrections]
    return _pandas().DataFrame(rows)
