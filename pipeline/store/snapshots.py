"""Snapshots: what readers see while the nightly run writes.

The run writes ``pipeline.duckdb``, which only one process may open. Readers (``pipeline query``,
``pipeline.open``, a notebook) never touch it: they read the last **published** snapshot under
``OUT_DIR/published/``, made of Parquet files that are never changed once written.

    published/CURRENT                  the name of the current manifest (replaced atomically)
    published/manifest-000012.json     {"seq": 12, "documents": "...", "tables": {table: [part, …]}}
    published/documents/000012.parquet every document row, and ``_gen``: the snapshot holding its rows
    published/<table>/000009.parquet   a part: the rows of the documents snapshot 9 wrote, ``_gen`` = 9

A document's rows are read from the part of its ``_gen`` only, so a document written again later
simply stops being read from its older part. Publishing writes **the rows of the documents
changed since the last snapshot** plus the ``documents`` table (one small row per document): its
cost grows with what changed, not with the archive. What changed is read from the database
itself, not remembered by the run: every write of a document replaces its ``documents`` row (its
``processed_at`` at least), so a document whose row differs from the last snapshot's has rows
the snapshot lacks (``lagging``). A run that failed after committing documents and before
publishing them (a full disk) leaves them lagging, and the next publish, whichever run makes it,
takes them. When a table has more than ``MAX_PARTS``
parts, its newer parts are merged into one (their rows keep their ``_gen``); every
``FULL_EVERY``-th snapshot, and whenever the schema or a part changed, everything is rewritten,
which drops superseded rows: an archive-sized cost spread over that many runs. A run publishes when it ends, when it is interrupted, and every ``EVERY_SECONDS``
while it works, so readers see progress and a killed run leaves the last snapshot intact. Files
of the last ``KEEP`` manifests stay on disk, so a reader that opened one of them can finish.
The full-text index (``search.py``, ``OUT_DIR/search/``) is brought to each snapshot as it is
published, for the same documents.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipeline import faults, schema
from pipeline.errors import UsageError
from pipeline.store import atomic, search

FOLDER = "published"
MAX_PARTS = 16
FULL_EVERY = 50
KEEP = 3
EVERY_SECONDS = 120.0


def current(out_dir: Path) -> dict | None:
    """The manifest readers use now, or None before the first snapshot."""
    root = Path(out_dir) / FOLDER
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
        return json.loads((root / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def publish(con: duckdb.DuckDBPyConnection, out_dir: Path, everything: bool = False) -> dict:
    """A new snapshot from the working database ``con``: the rows of the documents it lacks
    (``lagging``), or every row (``everything``, or when the last snapshot cannot be built on)."""
    out_dir = Path(out_dir)
    root = out_dir / FOLDER
    root.mkdir(exist_ok=True)
    prev = current(out_dir)
    seq = (prev["seq"] if prev else 0) + 1
    full = (prev is None or everything or seq % FULL_EVERY == 0 or prev.get("columns") != _signature()
            or _stale(root, prev))  # a part went missing or the schema grew: start again from the database
    changed = set() if full else lagging(con, root, prev)
    con.execute("CREATE OR REPLACE TEMP TABLE _changed (doc_id VARCHAR)")
    if changed:
        con.executemany("INSERT INTO _changed VALUES (?)", [[d] for d in sorted(changed)])
    previous_documents = None if full else (root / prev["documents"]).as_posix()
    manifest = {"seq": seq, "columns": _signature(), "tables": {}}
    for table in schema.TABLES:
        if table == "documents":
            continue
        parts = [] if full else list(prev["tables"][table])
        if full or changed:
            where = "" if full else "WHERE doc_id IN (SELECT doc_id FROM _changed)"
            parts.append(_write(con, root, table, seq, f"SELECT *, {seq} AS _gen FROM {table} {where}"))
        manifest["tables"][table] = _compact(con, root, table, seq, parts)
    # every document row, with the snapshot its rows are in (read from the last snapshot, in SQL)
    if previous_documents:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _gens AS SELECT doc_id, _gen FROM read_parquet('{previous_documents}')")
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE _gens (doc_id VARCHAR, _gen INTEGER)")
    manifest["documents"] = _write(
        con, root, "documents", seq,
        f"SELECT d.*, CASE WHEN d.doc_id IN (SELECT doc_id FROM _changed) OR {str(full).upper()} THEN {seq} "
        f"ELSE coalesce(g._gen, {seq}) END AS _gen FROM documents d LEFT JOIN _gens g USING (doc_id)")
    faults.reached("parts-written")
    search.update(con, out_dir, root / manifest["documents"], None if full else changed)  # the index, in step
    _swap(root, manifest)
    _collect(root, seq)
    return manifest


def lagging(con: duckdb.DuckDBPyConnection, root: Path, manifest: dict) -> set[str]:
    """The documents whose ``documents`` row in the database is not the one of the snapshot
    ``manifest``: written (or marked removed, or seen again) since it was published."""
    docs = (Path(root) / manifest["documents"]).as_posix()
    rows = con.execute(f"SELECT doc_id FROM (SELECT * FROM documents EXCEPT ALL "
                       f"SELECT * EXCLUDE (_gen) FROM read_parquet('{docs}'))").fetchall()
    return {r[0] for r in rows}


def _signature() -> str:
    return ";".join(f"{t.name}:{','.join(t.names)}" for t in schema.TABLES.values())


def _write(con, root: Path, table: str, seq: int, select: str) -> str:
    folder = root / table
    folder.mkdir(exist_ok=True)
    name = f"{table}/{seq:06d}.parquet"
    tmp = atomic.temporary(root / name)
    try:
        con.execute(f"COPY ({select}) TO '{tmp.as_posix()}' (FORMAT parquet, USE_TMP_FILE false)")
        faults.reached("publish-part", path=root / name)
        atomic.commit(tmp, root / name)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk gets its space back at once
        raise
    return name


def _compact(con, root: Path, table: str, seq: int, parts: list[str]) -> list[str]:
    """Merge the newer parts when there are too many (their rows keep their ``_gen``)."""
    if len(parts) <= MAX_PARTS:
        return parts
    files = ", ".join(f"'{(root / p).as_posix()}'" for p in parts[1:])
    merged = _write(con, root, f"{table}", seq * 1000 + 1, f"SELECT * FROM read_parquet([{files}])")
    return [parts[0], merged]


def _swap(root: Path, manifest: dict) -> None:
    name = f"manifest-{manifest['seq']:06d}.json"
    atomic.write_text(root / name, json.dumps(manifest, indent=1), fault="publish-manifest")
    atomic.write_text(root / "CURRENT", name)  # the switch readers see, atomically


def _stale(root: Path, manifest: dict) -> bool:
    names = [manifest["documents"], *(p for parts in manifest["tables"].values() for p in parts)]
    return not all((root / n).exists() for n in names)


def _collect(root: Path, seq: int) -> None:
    """Remove manifests older than the last ``KEEP`` and the files none of those name."""
    manifests = sorted(root.glob("manifest-*.json"))
    keep, referenced = manifests[-KEEP:], set()
    for m in keep:
        try:
            data = json.loads(m.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        referenced.add(data["documents"])
        referenced.update(p for parts in data["tables"].values() for p in parts)
    for m in manifests[:-KEEP]:
        m.unlink(missing_ok=True)
    for f in root.glob("*/*.parquet"):
        if f.relative_to(root).as_posix() not in referenced:
            f.unlink(missing_ok=True)
    for f in [*root.glob(".*.tmp"), *root.glob("*/.*.tmp")]:  # left by a killed run (one writer at a time)
        f.unlink(missing_ok=True)


# --- reading ---------------------------------------------------------------------------------

def reader(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose tables are views over the current snapshot, with the
    schema ``current`` holding the same views less the removed documents. Opens no lock on
    ``pipeline.duckdb``: the nightly run goes on writing while this is open."""
    out_dir = Path(out_dir)
    manifest = current(out_dir)
    if manifest is None:
        raise UsageError(f"{out_dir}: no published results here (run `pipeline ingest IN_DIR --out {out_dir}` first)")
    root = out_dir / FOLDER
    con = duckdb.connect()
    docs = (root / manifest["documents"]).as_posix()
    con.execute(f"CREATE VIEW documents AS SELECT * EXCLUDE (_gen) FROM read_parquet('{docs}')")
    con.execute(f"CREATE VIEW _live AS SELECT doc_id, _gen FROM read_parquet('{docs}')")
    for table in schema.TABLES:
        if table == "documents":
            continue
        files = ", ".join(f"'{(root / p).as_posix()}'" for p in manifest["tables"][table])
        cols = ", ".join(f't."{c}"' for c in schema.TABLES[table].names)
        con.execute(f"CREATE VIEW {table} AS SELECT {cols} FROM read_parquet([{files}], union_by_name = true) t "
                    f"JOIN _live l ON t.doc_id = l.doc_id AND t._gen = l._gen")
    current_views(con)
    return con


def live(out_dir: Path) -> dict[str, int]:
    """The documents readers see now and still in the archive, each with the snapshot holding its
    rows: what a search may return (``search.py``); none before the first snapshot."""
    manifest = current(Path(out_dir))
    if manifest is None:
        return {}
    docs = (Path(out_dir) / FOLDER / manifest["documents"]).as_posix()
    with duckdb.connect() as con:
        return dict(con.execute(f"SELECT doc_id, _gen FROM read_parquet('{docs}') WHERE removed_at IS NULL").fetchall())


def current_views(con: duckdb.DuckDBPyConnection) -> None:
    """The schema ``current``: every table less the rows of documents removed from the archive."""
    con.execute("CREATE SCHEMA current")
    con.execute("CREATE VIEW current.documents AS SELECT * FROM main.documents WHERE removed_at IS NULL")
    for table in schema.TABLES:
        if table != "documents":
            con.execute(f"CREATE VIEW current.{table} AS SELECT * FROM main.{table} "
                        f"WHERE doc_id IN (SELECT doc_id FROM current.documents)")
