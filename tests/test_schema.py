"""The one declared schema (pipeline/schema.py): every column has a meaning, the reference page is
generated from it, and the database, the extractors and the Parquet copies follow it."""

from __future__ import annotations

import dataclasses

import duckdb
import pyarrow.parquet as pq

from pipeline import schema
from pipeline.extraction.records import Deliberation
from pipeline.store.db import Store


def test_every_table_and_column_says_what_it_means():
    for table in schema.TABLES.values():
        assert len(table.meaning) > 20, table.name
        assert len(set(table.names)) == len(table.names), table.name
        for col in table.columns:
            assert len(col.meaning) >= 10 and col.meaning.endswith("."), (table.name, col.name)
            assert col.type in {"VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP",
                                "DECIMAL(38,6)", "VARCHAR[]"}, (table.name, col.name, col.type)


def test_reference_page_is_generated_from_the_schema():
    assert schema.DOCS_PAGE.read_text(encoding="utf-8") == schema.markdown(), \
        "docs/tables.md is stale: run `.venv/bin/python -m pipeline.schema`"


def test_database_follows_the_schema_with_its_meanings(tmp_path):
    store = Store(tmp_path)
    try:
        for name, table in schema.TABLES.items():
            cols = store.con.execute(f"PRAGMA table_info('{name}')").fetchall()
            assert [c[1] for c in cols] == table.names
            assert [c[2] for c in cols] == [c.type for c in table.columns]
            assert [bool(c[3]) for c in cols] == [not c.nullable for c in table.columns]
        comments = dict(store.con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'deliberations'").fetchall())
        assert comments["needs_review"] == schema.TABLES["deliberations"].column("needs_review").meaning
    finally:
        store.close()


def test_an_older_database_gains_the_declared_columns(tmp_path):
    con = duckdb.connect(str(tmp_path / "pipeline.duckdb"))
    con.execute("CREATE TABLE deliberations (doc_id VARCHAR, page_no INTEGER, objet VARCHAR)")
    con.execute("INSERT INTO deliberations VALUES ('a.pdf', 1, 'Tarifs de la cantine')")
    con.close()
    store = Store(tmp_path)
    try:
        cols = [c[1] for c in store.con.execute("PRAGMA table_info('deliberations')").fetchall()]
        assert set(cols) == set(schema.TABLES["deliberations"].names)
        assert store.con.execute("SELECT objet, needs_review FROM deliberations").fetchall() == [
            ("Tarifs de la cantine", None)]
    finally:
        store.close()


def test_the_extracted_record_has_exactly_the_declared_columns():
    fields = {f.name for f in dataclasses.fields(Deliberation)}
    assert fields == set(schema.entity_columns("deliberations")) | {"char_start", "char_end"}


def test_parquet_copies_carry_the_declared_types(tmp_path):
    store = Store(tmp_path)
    try:
        store.export_parquet()
    finally:
        store.close()
    for name in ("amounts", "deliberations", "dates", "clusters"):
        got = pq.read_schema(tmp_path / "tables" / f"{name}.parquet")
        want = schema.arrow_schema(name)
        assert got.names == want.names
        for field in want:
            assert got.field(field.name).type == field.type, (name, field.name, got.field(field.name).type)
