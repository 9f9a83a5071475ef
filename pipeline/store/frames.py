"""What a researcher opens: the tables of an output folder as DataFrames, and SQL over them.

    res = pipeline.open("out/")
    res.deliberations                       # current rows (documents still in the archive)
    res.table("deliberations", removed=True)   # every row, removed documents included
    res.sql("SELECT year(session_date) AS y, count(*) FROM current.deliberations GROUP BY y")
    res.search("subventions", commune="Pierrefonds")   # ranked pages, a snippet each (search.py)

Types as a notebook expects them: counts are nullable ``Int64`` (``NA``, not ``NaN`` and floats),
dates are ``datetime64``, exact decimals stay ``decimal128`` (Arrow), lists are Python lists,
booleans nullable. Reading goes through the published snapshot (``snapshots.py``): it never blocks
the nightly run, nor does the run block it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline import schema
from pipeline.store import snapshots


class Results:
    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.con = connect(self.out_dir)

    def table(self, name: str, removed: bool = False) -> pd.DataFrame:
        """One table; ``removed``: include the rows of documents no longer in the archive."""
        if name not in schema.TABLES:
            raise KeyError(f"no table {name!r}; tables: {', '.join(schema.TABLES)}")
        return self.sql(f"SELECT * FROM {'main' if removed else 'current'}.{name}")

    def sql(self, query: str) -> pd.DataFrame:
        """Any SQL over the tables (``documents``, ``deliberations`` …: every row) and the
        ``current`` schema (``current.deliberations`` …: documents still in the archive)."""
        return frame(self.con.sql(query).to_arrow_table())

    def search(self, query: str, *, records: bool = False, commune: str | None = None, date_from: str | None = None,
               date_to: str | None = None, layout: str | None = None, limit: int = 20) -> pd.DataFrame:
        """The pages (``records``: the deliberation records) that hold every word of ``query``,
        best first, with a snippet marking the words found (``store/search.py``): the same
        columns as ``pipeline search``."""
        from pipeline.store import search

        hits = search.search(self.out_dir, query, snapshots.live(self.out_dir), records=records, commune=commune, date_from=date_from,
                             date_to=date_to, layout=layout, limit=limit)
        out = pd.DataFrame([[getattr(h, c) for c in search.COLUMNS] for h in hits], columns=list(search.COLUMNS))
        return out.astype({"page_no": "Int64", "score": "float64"}).assign(
            session_date=pd.to_datetime(out["session_date"]))

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in schema.TABLES:
            return self.table(name)
        raise AttributeError(name)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(schema.TABLES))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Results:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<pipeline results {self.out_dir}: {', '.join(schema.TABLES)}>"


def connect(out_dir: Path):
    """A DuckDB connection for reading: the published snapshot, or, for a folder written before
    snapshots existed, the database itself attached read-only, under the same names."""
    if snapshots.current(out_dir) is not None:
        return snapshots.reader(out_dir)
    import duckdb

    from pipeline.errors import UsageError
    from pipeline.store.db import DB_NAME

    path = Path(out_dir) / DB_NAME
    if not path.exists():
        raise UsageError(f"{path}: no database here (run `pipeline ingest IN_DIR --out {out_dir}` first)")
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{path.as_posix()}' AS store (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        raise UsageError(f"{path}: cannot open database ({' '.join(str(exc).split())[:300]})") from None
    have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'store'").fetchall()}
    for table in schema.TABLES:
        if table in have:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM store.{table}")
    snapshots.current_views(con)
    return con


def frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow result as a DataFrame with notebook-friendly types (see the module docstring)."""
    out = {}
    for name, col in zip(table.column_names, table.columns):
        t = col.type
        if pa.types.is_integer(t):
            out[name] = pd.array(col.to_pylist(), dtype="Int64")
        elif pa.types.is_boolean(t):
            out[name] = pd.array(col.to_pylist(), dtype="boolean")
        elif pa.types.is_decimal(t):
            out[name] = pd.Series(col.to_pandas(types_mapper=pd.ArrowDtype), dtype=pd.ArrowDtype(t))
        elif pa.types.is_date(t) or pa.types.is_timestamp(t):
            out[name] = pd.to_datetime(pd.Series(col.to_pylist(), dtype="object"))
        elif pa.types.is_list(t) or pa.types.is_large_list(t):
            out[name] = pd.Series(col.to_pylist(), dtype="object")
        else:
            out[name] = col.to_pandas()
    return pd.DataFrame(out, columns=table.column_names)
