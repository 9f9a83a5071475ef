"""Researchers' access: the Python front door and its types, the README's notebook examples, the
query formats, the exports (SCDL validated with frictionless), reading while a run writes, and a
wheel installed outside the checkout. Real processes, real documents of ../shared/corpus."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from tests.conftest import ROOT, once, run_cli, slow_scans, wait_until_reading

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

DOCS = {
    "couthenans/CR_reunion_20210604.pdf": "minutes.pdf",
    "montpellier/comptes-rendus-2011/CR_CM_07_02_2011.pdf": "report.pdf",
    "mantes-la-jolie/deliberation-2019-unesco-learning-cities.ocr.txt": "unesco.txt",
}


@pytest.fixture(scope="module")
def results(shared, tmp_path_factory):
    """Three documents ingested from Python, once for the session (read only)."""
    def build(root: Path) -> None:
        (root / "in").mkdir()
        for path, name in DOCS.items():
            shutil.copy(shared / path, root / "in" / name)
        summary = pipeline.ingest(root / "in", root / "out", jobs=2)
        assert summary.exit_code == 0 and summary.new == 3

    root = once(tmp_path_factory, "access", build)
    return root / "in", root / "out"


def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_notebook_examples_return_the_expected_rows(results):
    src, out = results
    blocks = _readme_examples()
    assert len(blocks) == 4
    namespace: dict = {}
    first = blocks[0].replace('pipeline.ingest("corpus/raw", "out")', "pass  # ingested by the fixture")
    for block in [first, *blocks[1:]]:
        exec(block.replace('"out"', repr(str(out))), namespace)  # noqa: S102 - the README's own code
    big, split, pilots = namespace["big"], namespace["split"], namespace["pilots"]
    # 2021: 20'000, 70 000, 12 924, 65800 and 13500 € in the Couthenans minutes of June 2021
    row = big[big["year"] == 2021].iloc[0]
    assert (row["amounts"], row["total"]) == (5, Decimal("182224"))
    # the 2011-02-07 report: item 1 (58 for, 1 against) and item 3 (7 abstentions); Couthenans' 14/0/0 are unanimous
    assert {("report.pdf", "1"), ("report.pdf", "3")} <= set(zip(split["doc_id"], split["number"]))
    assert "minutes.pdf" not in set(split["doc_id"])
    gold = json.loads((ROOT / "tests/gold/dev/mantes-la-jolie.extract.json").read_text(encoding="utf-8"))
    assert {city for _, _, cities in gold["clusters"] for city in cities} == set(pilots["city"])


def test_tables_come_with_the_types_a_notebook_expects(results):
    _, out = results
    with pipeline.open(out) as res:
        d = res.deliberations
        assert str(d["vote_pour"].dtype) == "Int64" and d["vote_pour"].isna().any()
        assert str(d["session_date"].dtype).startswith("datetime64")
        assert str(d["needs_review"].dtype) == "boolean"
        assert all(isinstance(v, list) for v in d["issues"])
        a = res.amounts
        assert str(a["value"].dtype) == "decimal128(38, 6)[pyarrow]"
        assert Decimal("-8355.59") in set(a["value"])
        assert res.sql("SELECT count(*) AS n FROM current.documents")["n"].tolist() == [3]
        assert sorted(res.table("documents")["name"]) == ["minutes", "report", "unesco"]
        with pytest.raises(KeyError):
            res.table("nothing")
        assert {"deliberations", "amounts", "sql", "table"} <= set(dir(res))


def test_front_door_functions(shared, tmp_path):
    assert {"ingest", "ocr", "clean", "extract", "open"} <= set(dir(pipeline))
    fixed = pipeline.clean("La déliberation a été adoptée par le conseil municipal.")
    assert fixed.text == "La délibération a été adoptée par le conseil municipal."
    assert [(c.before, c.after) for c in fixed.corrections] == [("déliberation", "délibération")]
    found = pipeline.extract("Max LEVITA 1 Compte administratif 2010\nPour : 45\nContre : 11\nAdopté à la majorité\n")
    (rec,) = found["deliberations"]
    assert (rec["number"], rec["rapporteur"], rec["vote_pour"], rec["vote_contre"]) == ("1", "Max LEVITA", 45, 11)
    doc = pipeline.ocr(shared / "couthenans/CR_reunion_20210409.pdf")
    assert len(doc.pages) >= 1 and "conseil municipal" in doc.text_raw.lower()
    from pipeline.errors import UsageError

    with pytest.raises(UsageError):
        pipeline.ocr(tmp_path / "missing.pdf")


def test_query_formats_stdin_files_and_empty_results(results, tmp_path):
    _, out = results
    sql = "SELECT number, vote_pour, vote_contre FROM current.deliberations WHERE doc_id = 'report.pdf' AND number = '1'"
    table = run_cli("query", str(out), sql)
    assert table.returncode == 0, table.stderr
    assert re.search(r"^1\s+58\s+1\s*$", table.stdout, re.M), table.stdout  # integers as integers, no 58.0
    md = run_cli("query", str(out), sql, "--format", "markdown")
    assert md.stdout.splitlines()[0].startswith("| number") and "| 58 " in md.stdout
    nulls = run_cli("query", str(out), "SELECT vote_contre FROM current.deliberations WHERE doc_id = 'report.pdf' "
                    "AND number = '2'", "--format", "csv")
    import csv
    import io

    assert list(csv.reader(io.StringIO(nulls.stdout))) == [["vote_contre"], [""]]  # NULL: an empty cell
    file = tmp_path / "q.sql"
    file.write_text(sql, encoding="utf-8")
    assert json.loads(run_cli("query", str(out), str(file), "--format", "json").stdout) == [
        {"number": "1", "vote_pour": 58, "vote_contre": 1}]
    piped = subprocess.run([sys.executable, "-m", "pipeline", "query", str(out), "-", "--format", "csv"],
                           input=sql, capture_output=True, text=True, cwd=ROOT)
    assert piped.stdout == "number,vote_pour,vote_contre\n1,58,1\n"
    empty = run_cli("query", str(out), "SELECT number FROM deliberations WHERE false")
    assert empty.returncode == 0 and empty.stdout == "(no rows; columns: number)\n"
    bad = run_cli("query", str(out), "SELECT nothing FROM nowhere")
    assert bad.returncode == 2 and bad.stderr.startswith("pipeline: error: SQL error")
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"pipeline {pipeline.__version__}"


def test_removed_documents_leave_the_current_tables(shared, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for path, name in list(DOCS.items())[:2]:
        shutil.copy(shared / path, src / name)
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "2").returncode == 0
    (src / "minutes.pdf").unlink()
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "2").returncode == 0
    with pipeline.open(out) as res:
        assert set(res.deliberations["doc_id"]) == {"report.pdf"}
        everything = res.table("deliberations", removed=True)
        assert {"report.pdf", "minutes.pdf"} == set(everything["doc_id"])
        gone = res.table("documents", removed=True)
        assert gone.set_index("doc_id").loc["minutes.pdf", "removed_at"] is not pd.NaT


# --- exports ---------------------------------------------------------------------------------

def _acts_out(shared, tmp_path) -> Path:
    src, out = tmp_path / "acts", tmp_path / "acts-out"
    src.mkdir()
    for stem in ("0000071217", "0000071218", "0000071248", "0000071251", "0000071252", "0000071254"):
        shutil.copy(shared / f"montpellier/deliberations-2014-04/2014-04-24-{stem}.pdf", src)
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "2").returncode == 0
    return out


def test_scdl_export_of_montpellier_deliberations_validates(shared, tmp_path):
    from frictionless import Resource, Schema

    out = _acts_out(shared, tmp_path)
    target = tmp_path / "deliberations.csv"
    config = tmp_path / "scdl.json"
    config.write_text(json.dumps({"siret": "21340172200017", "pref_id": "PREF034", "matiere": {
        "default": ["5.2", "institutions et vie politique/fonctionnement des assemblees"],
        "2014/141": ["7.2", "finances locales/fiscalite"]}}), encoding="utf-8")
    proc = run_cli("export", str(out), "--format", "scdl", "--out", str(target), "--config", str(config))
    assert proc.returncode == 0, proc.stderr
    schema_path = ROOT / "pipeline" / "store" / "scdl-deliberations.schema.json"
    scdl = Schema.from_descriptor(json.loads(schema_path.read_text(encoding="utf-8")))
    report = Resource(path=target.name, basepath=str(tmp_path), schema=scdl).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert list(rows.columns) == [f["name"] for f in json.loads(schema_path.read_text())["fields"]]
    assert len(rows) == 6 and set(rows["COLL_NOM"]) == {"Ville de Montpellier"}
    taxes = rows.set_index("DELIB_ID").loc["2014/141"]
    assert (taxes["DELIB_DATE"], taxes["PREF_DATE"], taxes["DELIB_MATIERE_CODE"]) == ("2014-04-24", "2014-04-28", "7.2")
    assert taxes["DELIB_OBJET"] == "Taux d'imposition de la Ville de Montpellier pour 2014"
    # without the values the documents do not hold: listed, left empty, exit 1, and invalid as SCDL
    bare = run_cli("export", str(out), "--format", "scdl", "--out", str(tmp_path / "bare.csv"))
    assert bare.returncode == 1
    assert "missing required COLL_SIRET in 6 of 6 rows" in bare.stderr
    assert "missing required DELIB_MATIERE_CODE in 6 of 6 rows" in bare.stderr
    invalid = Resource(path="bare.csv", basepath=str(tmp_path), schema=scdl).validate()
    assert not invalid.valid


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json", "xlsx"])
def test_every_table_exports(results, tmp_path, fmt):
    _, out = results
    proc = run_cli("export", str(out), "--format", fmt, "--out", str(tmp_path / fmt))
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.name for p in (tmp_path / fmt).iterdir())
    assert files == sorted(f"{t}.{fmt}" for t in pipeline.schema.TABLES)
    path = tmp_path / fmt / f"deliberations.{fmt}"
    read = {"csv": lambda p: pd.read_csv(p, dtype={"number": str}), "parquet": pd.read_parquet,
            "json": lambda p: pd.read_json(p, dtype={"number": str}), "xlsx": lambda p: pd.read_excel(p, dtype={"number": str})}
    frame = read[fmt](path)
    with pipeline.open(out) as res:
        assert len(frame) == len(res.deliberations) > 10
    assert set(frame["number"].dropna()) >= {"1", "2", "3"}


# --- reading while the nightly run writes ----------------------------------------------------

def _start_ingest(src: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--jobs", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_query_during_an_ingest_and_results_held_open_across_it(shared, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(shared / "couthenans/CR_reunion_20210409.pdf", src / "first.pdf")
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "2").returncode == 0
    held = pipeline.open(out)  # a notebook keeps this open across the nightly run
    before = held.sql("SELECT count(*) AS n FROM documents")["n"][0]
    slow_scans(shared, src)
    run = _start_ingest(src, out)
    try:
        wait_until_reading(run, out)
        during = run_cli("query", str(out), "SELECT count(*) AS n FROM documents", "--format", "csv")
        assert run.poll() is None, "the run ended before the query: the test proves nothing"
        assert during.returncode == 0, during.stderr
        assert during.stdout == "n\n1\n"  # the last published state
        assert held.sql("SELECT count(*) AS n FROM documents")["n"][0] == before
        _, err = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, err
    assert held.sql("SELECT count(*) AS n FROM documents")["n"][0] == 1  # its snapshot, still readable
    held.close()
    with pipeline.open(out) as res:
        assert len(res.documents) == 5


def test_a_killed_run_leaves_the_last_published_state(shared, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(shared / "couthenans/CR_reunion_20210409.pdf", src / "first.pdf")
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "2").returncode == 0
    with pipeline.open(out) as res:
        published = res.deliberations.sort_values("char_start").reset_index(drop=True)
    slow_scans(shared, src, n=3)
    run = _start_ingest(src, out)
    wait_until_reading(run, out)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    with pipeline.open(out) as res:
        pd.testing.assert_frame_equal(res.deliberations.sort_values("char_start").reset_index(drop=True), published)
    rerun = run_cli("ingest", str(src), "--out", str(out), "--jobs", "2")
    assert rerun.returncode == 0, rerun.stderr
    with pipeline.open(out) as res:
        assert len(res.documents) == 4


# --- a wheel, outside the checkout -----------------------------------------------------------

def test_a_wheel_installed_outside_the_checkout_ingests_a_sample(shared, tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(wheels), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("pipeline-*.whl")
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "dependencies.pth").write_text(deps + "\n", encoding="utf-8")  # the pinned libraries, not the checkout
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(shared / "couthenans/CR_reunion_20210409.pdf", src)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIPELINE_MODELS")}
    where = subprocess.run([str(python), "-c", "import pipeline, pipeline.repair.lexicon as l; "
                            "print(pipeline.__file__); print(l.MODELS)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True).stdout.split()
    assert all(p.startswith(str(venv)) for p in where), where
    proc = subprocess.run([str(venv / "bin" / "pipeline"), "ingest", str(src), "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    query = subprocess.run([str(venv / "bin" / "pipeline"), "query", str(out),
                            "SELECT count(*) AS n FROM deliberations", "--format", "csv"],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert query.stdout == "n\n8\n", query.stderr
