"""``pipeline verify OUT_DIR``: do the database, the snapshot readers see, the text, ALTO and PDF
files and the run reports agree? With ``repair``, mend what can be mended.

The invariant every run keeps, whatever stopped it: the published snapshot holds exactly the
database's rows, table by table. Compared per document, by the number of rows and a digest of
them (``digests``), so that a difference names the documents it touches.

    database      pipeline.duckdb opens and every row of it can be read
    snapshot      published/: its manifest and every part readable, each table equal to the database's
    text          text/<name>.txt and .raw.txt of each document read: its pages' repaired and raw text
    alto          alto/<name>/page-<n>.xml for each page it OCR'd, and nothing else
    pdf           pdf/<name>.pdf for each document a --pdf run read, and nothing else
    runs          every run report readable; the latest agrees with the documents' status
    search        search/: each page of the snapshot's documents indexed as readers see it, and nothing else

What ``repair`` does, in that order: a damaged database is moved aside (``pipeline.duckdb.damaged-…``)
and rebuilt from the snapshot; a snapshot that differs is published again from the database, whole;
text files are written again from the database; a document whose ALTO or PDF is missing is marked to be
read again by the next ``ingest`` (its size, time and digest forgotten); files of documents the database
does not know are removed; an unreadable run report is set aside (``.json.damaged``); an index out
of step with the snapshot is built again from it, whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline import schema
from pipeline.errors import UsageError
from pipeline.store import atomic, disk, reports, searchable, snapshots, textfiles
from pipeline.store.db import DB_NAME, Store, connect

PARTS = ("database", "snapshot", "text", "alto", "pdf", "runs", "search")
SHOWN = 5  # documents named in one line of a difference


@dataclass
class Difference:
    part: str  # one of PARTS
    what: str  # one line, in the user's words
    documents: list[str] = field(default_factory=list)

    def line(self) -> str:
        named = ", ".join(self.documents[:SHOWN]) + (f" and {len(self.documents) - SHOWN} more"
                                                     if len(self.documents) > SHOWN else "")
        return f"{self.part}: {self.what}" + (f" ({named})" if named else "")


@dataclass
class Verdict:
    out_dir: Path
    documents: int = 0
    differences: list[Difference] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)  # what repair did, one line each

    @property
    def agree(self) -> bool:
        return not self.differences

    @property
    def exit_code(self) -> int:
        return 0 if self.agree else 1


def verify(out_dir: Path, repair: bool = False) -> Verdict:
    """Compare every part of ``out_dir``; with ``repair``, mend what differs, then compare again."""
    out_dir = Path(out_dir)
    if not (out_dir / DB_NAME).exists():
        raise UsageError(f"{out_dir}: no {DB_NAME} here (run `pipeline ingest IN_DIR --out {out_dir}` first)")
    try:
        with _lock(out_dir, repair):
            verdict = _compare(out_dir)
            if repair and not verdict.agree:
                done = _repair(out_dir, verdict)
                verdict = _compare(out_dir)
                verdict.repaired = done
    except (OSError, duckdb.Error) as exc:
        explained = disk.explain(exc, out_dir)
        if explained is None:
            raise
        raise explained from None
    return verdict


@contextlib.contextmanager
def _lock(out_dir: Path, repair: bool):
    """The output folder's run lock: no run writes while it is compared or mended. On a read-only
    file system no run can write, and comparing needs no lock."""
    from pipeline.store.lock import OutputLock

    lock = OutputLock(out_dir)
    try:
        lock.__enter__()
    except OSError as exc:
        if exc.errno != errno.EROFS or repair:
            raise
        yield
        return
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


# --- comparing ------------------------------------------------------------------------------

def _compare(out_dir: Path) -> Verdict:
    verdict = Verdict(out_dir)
    found = verdict.differences
    try:
        con = connect(out_dir, read_only=True)
    except UsageError as exc:
        why = str(exc).split(": ", 1)[-1].split(": run `pipeline verify", 1)[0]
        found.append(Difference("database", f"{why}; `--repair` rebuilds it from the published snapshot"))
        con = None
    stored = None
    if con is not None:
        try:
            stored = digests(con)
        except duckdb.Error as exc:
            found.append(Difference("database", f"some rows cannot be read ({_short(exc)}): the file is damaged; "
                                    "`--repair` rebuilds it from the snapshot"))
    published = _published_digests(out_dir, found)
    if stored is not None and published is not None:
        found += _table_differences(stored, published)
        if any("the database does not hold" in d.what for d in found):
            con.close()  # the database lost documents: give them back first, then look at the files
            return verdict
    if stored is not None:
        documents = con.execute("SELECT doc_id, name, status, kind, sha256 FROM documents").fetchall()
        verdict.documents = len(documents)
        found += _text_differences(out_dir, con, documents)
        found += _alto_differences(out_dir, con, documents)
        found += _pdf_differences(out_dir, documents)
        found += _run_differences(out_dir, documents)
    if published is not None:
        found += _search_differences(out_dir)
    if con is not None:
        con.close()
    return verdict


def digests(con) -> dict[str, dict[str, tuple[int, int]]]:
    """table -> doc_id -> (rows, digest of the rows). ``con``: the database, or a snapshot reader."""
    out = {}
    for table in schema.TABLES:
        cols = ", ".join(f'"{c}"' for c in schema.TABLES[table].names)
        rows = con.execute(f"SELECT doc_id, count(*), sum(hash({cols})::HUGEINT) FROM main.{table} GROUP BY doc_id").fetchall()
        out[table] = {d: (int(n), int(h)) for d, n, h in rows}
    return out


def _published_digests(out_dir: Path, found: list[Difference]) -> dict | None:
    if snapshots.current(out_dir) is None:
        found.append(Difference("snapshot", "nothing is published: readers see no results; `--repair` publishes them"))
        return None
    try:
        reader = snapshots.reader(out_dir)
        try:
            return digests(reader)
        finally:
            reader.close()
    except (duckdb.Error, UsageError) as exc:
        found.append(Difference("snapshot", f"a part cannot be read ({_short(exc)}); `--repair` publishes it again"))
        return None


def _table_differences(stored: dict, published: dict) -> list[Difference]:
    out = []
    for table in schema.TABLES:
        mine, theirs = stored[table], published[table]
        missing = sorted(d for d in mine if d not in theirs)
        extra = sorted(d for d in theirs if d not in mine)
        other = sorted(d for d in mine if d in theirs and mine[d] != theirs[d])
        if missing:
            out.append(Difference("snapshot", f"{table}: the rows of {len(missing)} documents of the database are "
                                  "not published", missing))
        if extra:
            out.append(Difference("snapshot", f"{table}: {len(extra)} documents are published that the database "
                                  "does not hold; `--repair` gives them back to the database", extra))
        if other:
            out.append(Difference("snapshot", f"{table}: {len(other)} documents are published with other rows than "
                                  "the database's", other))
    return out


def _texts(con, doc_id: str) -> tuple[str, str]:
    rows = con.execute("SELECT text_raw, coalesce(text_clean, text_raw) FROM pages WHERE doc_id = ? ORDER BY page_no",
                       [doc_id]).fetchall()
    return "\f".join(r[0] for r in rows), "\f".join(r[1] for r in rows)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _text_differences(out_dir: Path, con, documents: list[tuple]) -> list[Difference]:
    wrong, known = [], set()
    for doc_id, name, status, _, _ in documents:
        known.add(name)
        has_pages = con.execute("SELECT count(*) FROM pages WHERE doc_id = ?", [doc_id]).fetchone()[0]
        if not has_pages:
            continue  # never read (failed the first time): no text to have
        raw, clean = _texts(con, doc_id)
        if _read(textfiles.text_path(out_dir, name, raw=True)) != raw or _read(textfiles.text_path(out_dir, name)) != clean:
            wrong.append(doc_id)
    out = []
    if wrong:
        out.append(Difference("text", f"{len(wrong)} documents' text files are missing or differ from the database; "
                              "`--repair` writes them again", wrong))
    root = out_dir / "text"
    stray = sorted({_name_of_text(p.relative_to(root)) for p in root.rglob("*.txt")} - known) if root.is_dir() else []
    if stray:
        out.append(Difference("text", f"{len(stray)} text files belong to no document; `--repair` removes them", stray))
    return out


def _name_of_text(relative: Path) -> str:
    """``scans/a.raw.txt`` -> ``scans/a``: the document name a text file belongs to."""
    name = relative.as_posix()
    return name[: -len(".raw.txt")] if name.endswith(".raw.txt") else name[: -len(".txt")]


def _alto_differences(out_dir: Path, con, documents: list[tuple]) -> list[Difference]:
    ocr_pages = defaultdict(set)
    for doc_id, page_no in con.execute("SELECT doc_id, page_no FROM pages WHERE method = 'ocr'").fetchall():
        ocr_pages[doc_id].add(page_no)
    missing, marked, names = [], [], {}
    for doc_id, name, _, _, sha256 in documents:
        names[name] = doc_id
        want = {f"page-{n}.xml" for n in ocr_pages.get(doc_id, ())}
        folder = textfiles.alto_dir(out_dir, name)
        have = {p.name for p in folder.glob("page-*.xml")} if folder.is_dir() else set()
        if want - have:
            (missing if sha256 else marked).append(doc_id)
    out = []
    if missing:
        out.append(Difference("alto", f"{len(missing)} documents lack the ALTO of pages they OCR'd; `--repair` marks "
                              "them to be read again by the next ingest", missing))
    if marked:
        out.append(Difference("alto", f"{len(marked)} documents lack the ALTO of pages they OCR'd and are marked to be "
                              "read again: the next `pipeline ingest` writes it", marked))
    root = out_dir / "alto"
    stray = sorted({p.parent.relative_to(root).as_posix() for p in root.rglob("page-*.xml")} - set(names)) \
        if root.is_dir() else []
    if stray:
        out.append(Difference("alto", f"{len(stray)} ALTO folders belong to no document; `--repair` removes them", stray))
    return out


def _pdf_differences(out_dir: Path, documents: list[tuple]) -> list[Difference]:
    root = out_dir / "pdf"
    wanted = _read_by_pdf_runs(out_dir)
    names = {name: doc_id for doc_id, name, _, _, _ in documents}
    missing = sorted(doc_id for doc_id, name, status, kind, sha256 in documents
                     if doc_id in wanted and status == "ok" and kind in ("pdf", "image") and sha256
                     and not searchable.pdf_path(out_dir, name).is_file())
    out = []
    if missing:
        out.append(Difference("pdf", f"{len(missing)} documents a --pdf run read have no searchable PDF; `--repair` "
                              "marks them to be read again by the next ingest", missing))
    stray = sorted(p.relative_to(root).as_posix()[: -len(".pdf")] for p in root.rglob("*.pdf")
                   if p.relative_to(root).as_posix()[: -len(".pdf")] not in names) if root.is_dir() else []
    if stray:
        out.append(Difference("pdf", f"{len(stray)} PDF files belong to no document; `--repair` removes them", stray))
    return out


def _read_by_pdf_runs(out_dir: Path) -> set[str]:
    """The documents whose latest reading was by a run asked for searchable PDFs."""
    latest: dict[str, bool] = {}
    for _, report in reports.every(out_dir):
        if not report:
            continue
        pdf = bool(report.get("options", {}).get("pdf"))
        for outcome in report.get("outcomes", []):
            if outcome.get("outcome") in ("new", "changed"):
                latest[outcome["source_path"]] = pdf
    return {doc for doc, pdf in latest.items() if pdf}


def _run_differences(out_dir: Path, documents: list[tuple]) -> list[Difference]:
    out = []
    found = reports.every(out_dir)
    damaged = [p.name for p, report in found if report is None]
    if damaged:
        out.append(Difference("runs", f"{len(damaged)} run reports cannot be read; `--repair` sets them aside", damaged))
    readable = [report for _, report in found if report]
    if readable:  # what the latest run says it stored, the database must hold
        held = {doc_id for doc_id, *_ in documents}
        lost = sorted(o["source_path"] for o in readable[-1].get("outcomes", [])
                      if o.get("outcome") in ("new", "changed", "failed") and o["source_path"] not in held)
        if lost:
            out.append(Difference("runs", f"the latest run report names {len(lost)} documents the database does "
                                  "not hold", lost))
    return out


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160]


# --- repairing ------------------------------------------------------------------------------

def _search_differences(out_dir: Path) -> list[Difference]:
    """The index against the snapshot readers see: every document with pages found as it is shown
    (its snapshot), no entry of a document not shown."""
    from pipeline.store import search

    shown = snapshots.live(out_dir)
    reader = snapshots.reader(out_dir)
    try:
        paged = {d for (d,) in reader.execute("SELECT DISTINCT doc_id FROM pages").fetchall()}
    finally:
        reader.close()
    expected = {d: gen for d, gen in shown.items() if d in paged}
    try:
        held = search.indexed(out_dir)
    except Exception as exc:  # a damaged index: tantivy's own error
        return [Difference("search", f"the index cannot be read ({_short(exc)}); `--repair` builds it again")]
    if held is None:
        return [Difference("search", "no index: `pipeline search` finds nothing; `--repair` builds it")] if expected else []
    out = []
    missing = sorted(d for d, gen in expected.items() if gen not in held.get(d, set()))
    if missing:
        out.append(Difference("search", f"{len(missing)} documents not indexed as readers see them: a search "
                                        "misses them; `--repair` builds the index again", missing))
    stale = sorted(d for d, gens in held.items() if gens - {expected.get(d)})
    if stale:
        out.append(Difference("search", f"{len(stale)} documents indexed as readers do not see them; "
                                        "`--repair` builds the index again", stale))
    return out


def _repair(out_dir: Path, verdict: Verdict) -> list[str]:
    """Mend in order — the database, then the snapshot from it, then the files from both — comparing
    again after each step, so that no step works from what an earlier one mended."""
    done = []
    if any(d.part == "database" for d in verdict.differences):
        done.append(_rebuild_database(out_dir))
        verdict = _compare(out_dir)
    restored = _restore_from_snapshot(out_dir)  # the snapshot holds documents the database lost
    if restored:
        done.append(restored)
        verdict = _compare(out_dir)
    store = Store(out_dir)
    try:
        if any(d.part == "snapshot" for d in verdict.differences):
            store.publish(everything=True)
            done.append("published the database again, whole")
        again = sorted({doc for d in verdict.differences if d.part in ("alto", "pdf") and "`--repair` marks" in d.what
                        for doc in d.documents})
        if again:
            store.con.executemany("UPDATE documents SET sha256 = NULL, size_bytes = NULL, mtime = NULL WHERE doc_id = ?",
                                  [[doc_id] for doc_id in again])
            store.catch_up()
            done.append(f"marked {len(again)} documents to be read again by the next ingest")
        if any(d.part == "text" for d in verdict.differences):
            done += _rewrite_texts(out_dir, store.con)
        if any(d.part == "search" for d in verdict.differences) and (manifest := snapshots.current(out_dir)):
            from pipeline.store import search

            atomic.remove(out_dir / search.FOLDER)  # a damaged index is not opened again: built from nothing
            search.update(store.con, out_dir, out_dir / snapshots.FOLDER / manifest["documents"], None)
            done.append("built the search index again from the snapshot")
    finally:
        store.close()
    done += _remove_strays(out_dir, verdict)
    for path, report in reports.every(out_dir):
        if report is None:
            os.replace(path, path.with_name(path.name + ".damaged"))
            done.append(f"set aside the unreadable run report {path.name}")
    return [line for line in done if line]


def _rebuild_database(out_dir: Path) -> str:
    """A new database from the published snapshot, built beside the damaged one, then swapped in;
    the damaged one is moved aside, never deleted."""
    if snapshots.current(out_dir) is None:
        raise UsageError(f"{out_dir}: the database is damaged and nothing is published to rebuild it from: "
                         "restore it from a backup, or ingest the archive again into a new folder")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    building = out_dir / ".rebuilding"
    atomic.remove(building)
    building.mkdir()
    try:
        store = Store(building)
        try:
            _copy_rows(out_dir, store.con, None)
        finally:
            store.close()
        for suffix in ("", ".wal"):
            path = out_dir / (DB_NAME + suffix)
            if path.exists():
                os.replace(path, out_dir / f"{DB_NAME}{suffix}.damaged-{stamp}")
        os.replace(building / DB_NAME, out_dir / DB_NAME)
    finally:
        atomic.remove(building)
    return f"rebuilt {DB_NAME} from the published snapshot (the damaged file is {DB_NAME}.damaged-{stamp})"


def _restore_from_snapshot(out_dir: Path) -> str:
    """The documents the snapshot holds and the database does not (a database replaced or cut
    short): their rows go back into the database, which keeps everything else it holds."""
    if snapshots.current(out_dir) is None:
        return ""
    try:
        reader = snapshots.reader(out_dir)
    except (duckdb.Error, UsageError):  # a part of the snapshot is lost: it has nothing to give back
        return ""
    store = Store(out_dir)
    try:
        held = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        lost = sorted({r[0] for r in reader.execute("SELECT doc_id FROM main.documents").fetchall()} - held)
        if lost:
            store.con.execute("BEGIN TRANSACTION")
            _copy_rows(out_dir, store.con, lost, reader)
            store.con.execute("COMMIT")
    finally:
        store.close()
        reader.close()
    return f"restored {len(lost)} documents the database had lost from the published snapshot" if lost else ""


def _copy_rows(out_dir: Path, con, doc_ids: list[str] | None, reader=None) -> None:
    """The snapshot's rows (of ``doc_ids``, or all) into the database ``con``."""
    own = reader is None
    reader = reader or snapshots.reader(out_dir)
    try:
        if doc_ids is not None:
            reader.execute("CREATE OR REPLACE TEMP TABLE _wanted (doc_id VARCHAR)")
            reader.executemany("INSERT INTO _wanted VALUES (?)", [[d] for d in doc_ids])
        for table in schema.TABLES:
            where = "" if doc_ids is None else "WHERE doc_id IN (SELECT doc_id FROM _wanted)"
            frame = reader.sql(f"SELECT * FROM main.{table} {where}").to_arrow_table()  # noqa: F841 - read by name
            cols = ", ".join(f'"{c}"' for c in schema.TABLES[table].names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM frame")
    finally:
        if own:
            reader.close()


def _rewrite_texts(out_dir: Path, con) -> list[str]:
    n = 0
    for doc_id, name in con.execute("SELECT doc_id, name FROM documents").fetchall():
        if not con.execute("SELECT count(*) FROM pages WHERE doc_id = ?", [doc_id]).fetchone()[0]:
            continue
        raw, clean = _texts(con, doc_id)
        if _read(textfiles.text_path(out_dir, name, raw=True)) != raw or _read(textfiles.text_path(out_dir, name)) != clean:
            atomic.write_text(textfiles.text_path(out_dir, name, raw=True), raw)
            atomic.write_text(textfiles.text_path(out_dir, name), clean)
            n += 1
    return [f"wrote the text files of {n} documents again"] if n else []


def _remove_strays(out_dir: Path, verdict: Verdict) -> list[str]:
    n = 0
    for d in verdict.differences:
        if "belong to no document" not in d.what:
            continue
        for name in d.documents:
            if d.part == "text":
                for raw in (True, False):
                    textfiles.text_path(out_dir, name, raw=raw).unlink(missing_ok=True)
            elif d.part == "alto":
                atomic.remove(textfiles.alto_dir(out_dir, name))
            elif d.part == "pdf":
                searchable.pdf_path(out_dir, name).unlink(missing_ok=True)
            n += 1
    return [f"removed the files of {n} names no document has"] if n else []
