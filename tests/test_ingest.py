"""`pipeline ingest` and `pipeline query`: the folder, file and table contracts."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pandas as pd
import pypdfium2 as pdfium
import pytest

from benchmarks.evaluation import degrade, image_pdf, word_f1
from tests.conftest import KNOWN_PAGES, alto_errors, once, render_text, run_cli, run_cli_once

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

DELIB = "montpellier/deliberations-2014-04/2014-04-24-0000071216.pdf"
ACTES_ID = "034-213401722-20140424-0000071216-DE"


def _mixed_pdf(path: Path, real_pdf: Path) -> None:
    """Page 1: a real born-digital page; page 2: an image-only scan."""
    scan = pdfium.PdfDocument(image_pdf([degrade(render_text(KNOWN_PAGES[1], dpi=200), seed=3)], dpi=200))
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(real_pdf)), [0])
    out.import_pages(scan, [0])
    out.save(str(path))


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, shared):
    """Every kind of input, good and bad, built once for the session (read only)."""
    def build(folder: Path) -> None:
        d = folder / "inbox"
        d.mkdir()
        (d / "scans" / "2019").mkdir(parents=True)
        scans = [degrade(render_text(t, dpi=200), seed=i) for i, t in enumerate(KNOWN_PAGES)]
        (d / "scans" / "2019" / "scan.pdf").write_bytes(image_pdf(scans, dpi=200))
        _mixed_pdf(d / "mixed.pdf", shared / DELIB)
        shutil.copy(shared / DELIB, d / "born-digital.pdf")
        scans[0].save(d / "tiff-pages.tif", save_all=True, append_images=[scans[1]], dpi=(200, 200), compression="tiff_lzw")
        scans[1].save(d / "photo.png", dpi=(200, 200))
        scans[0].save(d / "photo2.JPEG", dpi=(200, 200), quality=80)
        (d / "legacy.txt").write_bytes("Délibération du 3 février 2011\fPage deux : année, élève, où\n".encode("cp1252"))
        (d / "broken.pdf").write_bytes((shared / DELIB).read_bytes()[:5000])
        (d / "letter.pdf").write_text("Ceci est une lettre, pas un PDF.\n", encoding="utf-8")
        (d / "notes.docx").write_bytes(b"ignored: unsupported")
        (d / ".hidden.txt").write_text("ignored", encoding="utf-8")

    return once(tmp_path_factory, "ingest-inbox", build) / "inbox"


@pytest.fixture(scope="module")
def ingested(inbox, tmp_path_factory):
    """The inbox ingested once for the session (read only)."""
    folder, proc = run_cli_once(tmp_path_factory, "ingest-out", "ingest", str(inbox), "--out", "{folder}/out", "--jobs", "2")
    return folder / "out", proc


def _db(out: Path):
    return duckdb.connect(str(out / "pipeline.duckdb"), read_only=True)


def test_failures_are_reported_and_do_not_stop_the_batch(ingested):
    out, proc = ingested
    assert proc.returncode == 1, proc.stderr  # some failed, the rest stored
    with _db(out) as con:
        status = dict(con.execute("SELECT source_path, status FROM documents").fetchall())
        errors = dict(con.execute("SELECT source_path, error FROM documents WHERE status = 'failed'").fetchall())
    assert status == {
        "scans/2019/scan.pdf": "ok", "mixed.pdf": "ok", "born-digital.pdf": "ok", "tiff-pages.tif": "ok",
        "photo.png": "ok", "photo2.JPEG": "ok", "legacy.txt": "ok", "broken.pdf": "failed", "letter.pdf": "failed",
    }
    assert "not a readable PDF" in errors["broken.pdf"]
    assert "not a PDF" in errors["letter.pdf"]
    assert all("\n" not in e and "Traceback" not in e for e in errors.values())
    assert "Traceback" not in proc.stderr
    assert "FAILED  broken.pdf" in proc.stderr


def test_pages_are_decided_one_by_one(ingested):
    out, _ = ingested
    with _db(out) as con:
        rows = con.execute(
            "SELECT doc_id, page_no, method, ocr_confidence, dpi, text_raw, text_clean FROM pages ORDER BY doc_id, page_no"
        ).fetchall()
    by_doc: dict[str, list] = {}
    for r in rows:
        by_doc.setdefault(r[0], []).append(r)
    assert [r[2] for r in by_doc["mixed.pdf"]] == ["text_layer", "ocr"]
    assert ACTES_ID in by_doc["mixed.pdf"][0][5]
    assert word_f1(by_doc["mixed.pdf"][1][5], KNOWN_PAGES[1]) > 0.95
    assert [r[2] for r in by_doc["born-digital.pdf"]] == ["text_layer", "text_layer"]
    # a born-digital page is the document itself: never "repaired"
    assert all(r[5] == r[6] for r in by_doc["born-digital.pdf"]) and by_doc["mixed.pdf"][0][5] == by_doc["mixed.pdf"][0][6]
    assert [r[1] for r in by_doc["tiff-pages.tif"]] == [1, 2]
    for doc in ("scans/2019/scan.pdf", "tiff-pages.tif", "photo.png", "photo2.JPEG"):
        for r in by_doc[doc]:
            assert r[2] == "ocr" and r[3] > 80 and r[4] == 200  # 200-dpi scans are read at 200 dpi (preprocess.target_dpi)
    for r in rows:
        if r[2] == "text_layer":
            assert r[3] is None
        assert r[6] is not None


def test_output_files_follow_the_input_tree(ingested, inbox):
    out, _ = ingested
    text = out / "text"
    scan = (text / "scans" / "2019" / "scan.txt").read_text(encoding="utf-8")
    assert scan.count("\f") == 1
    assert word_f1(scan.split("\f")[0], KNOWN_PAGES[0]) > 0.95
    assert (text / "scans" / "2019" / "scan.raw.txt").exists()
    assert (text / "legacy.txt").read_text(encoding="utf-8") == "Délibération du 3 février 2011\fPage deux : année, élève, où\n"
    assert ACTES_ID in (text / "born-digital.txt").read_text(encoding="utf-8")
    # ALTO only for OCR'd pages, named page-<n>.xml, valid XML naming the real source
    assert sorted(p.name for p in (out / "alto" / "mixed").iterdir()) == ["page-2.xml"]
    assert sorted(p.name for p in (out / "alto" / "tiff-pages").iterdir()) == ["page-1.xml", "page-2.xml"]
    assert not (out / "alto" / "born-digital").exists()
    root = ET.parse(out / "alto" / "mixed" / "page-2.xml").getroot()
    assert root.tag == "{http://www.loc.gov/standards/alto/ns-v4#}alto"
    for page in ("mixed/page-2.xml", "tiff-pages/page-1.xml", "tiff-pages/page-2.xml"):
        assert alto_errors(out / "alto" / page) == [], page  # ALTO 4.4, valid against its schema
    ns = {"a": root.tag.split("}")[0].strip("{")}
    assert root.find(".//a:fileName", ns).text == "mixed.pdf#page=2"
    contents = [s.get("CONTENT") for s in root.iterfind(".//a:String", ns)]
    assert "préfecture" in contents and len(contents) > 50
    assert not list(out.rglob("*.tmp"))


def test_parquet_copies_match_the_database(ingested):
    out, _ = ingested
    with _db(out) as con:
        for table in ("documents", "pages", "words"):
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            frame = pd.read_parquet(out / "tables" / f"{table}.parquet")
            assert len(frame) == n > 0
    documents = pd.read_parquet(out / "tables" / "documents.parquet")
    for column in ("doc_id", "source_path", "sha256", "kind", "n_pages", "status", "error", "processed_at",
                   "pipeline_version"):
        assert column in documents.columns
    assert set(documents["kind"]) == {"pdf", "image", "text"}
    assert documents.set_index("source_path").loc["tiff-pages.tif", "n_pages"] == 2


def test_run_report_is_written(ingested, inbox):
    out, _ = ingested
    reports = list((out / "runs").glob("*.json"))
    assert len(reports) == 1
    report = json.loads(reports[0].read_text())
    assert report["new"] == 7 and report["failed"] == 2 and report["ocr_pages"] == 7
    assert {f["source_path"] for f in report["failures"]} == {"broken.pdf", "letter.pdf"}
    # what the run was asked and what it did with every file, for whoever reads it the next morning
    assert report["input"] == str(inbox.resolve()) and report["output"] == str(out.resolve())
    assert report["options"]["jobs"] == 2 and report["options"]["force_ocr"] is False
    assert report["versions"]["tesseract"].startswith("tesseract") and len(report["versions"]["models"]) == 12
    outcomes = {o["source_path"]: o["outcome"] for o in report["outcomes"]}
    assert outcomes["mixed.pdf"] == "new" and outcomes["broken.pdf"] == "failed" and len(outcomes) == 9
    assert report["skipped"] == [{"source_path": "notes.docx", "reason": report["skipped"][0]["reason"]}]
    assert "unsupported file type (.docx" in report["skipped"][0]["reason"]
    _, proc = ingested
    assert f"run report: {reports[0]}" in proc.stderr and "skipped notes.docx" in proc.stderr


def test_query_formats(ingested):
    out, _ = ingested
    sql = "SELECT doc_id, n_pages FROM documents WHERE status = 'ok' ORDER BY doc_id"
    as_json = run_cli("query", str(out), sql, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert rows[0] == {"doc_id": "born-digital.pdf", "n_pages": 2} and len(rows) == 7
    as_csv = run_cli("query", str(out), sql, "--format", "csv")
    assert as_csv.stdout.splitlines()[:2] == ["doc_id,n_pages", "born-digital.pdf,2"]
    table = run_cli("query", str(out), sql)
    assert "born-digital.pdf" in table.stdout and "n_pages" in table.stdout


def test_usage_errors_exit_2(tmp_path, ingested):
    out, _ = ingested
    missing = run_cli("ingest", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr and "Traceback" not in missing.stderr
    no_out = run_cli("ingest", str(tmp_path))
    assert no_out.returncode == 2
    bad_sql = run_cli("query", str(out), "SELEKT 1")
    assert bad_sql.returncode == 2 and "SQL error" in bad_sql.stderr
    no_db = run_cli("query", str(tmp_path), "SELECT 1")
    assert no_db.returncode == 2 and "no database" in no_db.stderr
    no_file = run_cli("ocr", str(tmp_path / "nothing.pdf"))
    assert no_file.returncode == 2


def test_rerun_skips_unchanged_and_replaces_changed(tmp_path, shared):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(shared / DELIB, src / "a.pdf")
    (src / "b.txt").write_text("première version\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    with _db(out) as con:
        first = dict(con.execute("SELECT doc_id, processed_at FROM documents").fetchall())
    (src / "b.txt").write_text("seconde version\fdeux pages\n", encoding="utf-8")
    again = run_cli("ingest", str(src), "--out", str(out))
    assert again.returncode == 0
    assert "1 changed, 1 unchanged" in again.stderr
    with _db(out) as con:
        second = dict(con.execute("SELECT doc_id, processed_at FROM documents").fetchall())
        pages = con.execute("SELECT page_no, text_raw FROM pages WHERE doc_id = 'b.txt' ORDER BY page_no").fetchall()
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert second["a.pdf"] == first["a.pdf"] and second["b.txt"] > first["b.txt"]
    assert pages == [(1, "seconde version"), (2, "deux pages\n")]
    assert n_docs == 2
    assert (out / "text" / "b.txt").read_text(encoding="utf-8") == "seconde version\fdeux pages\n"


def test_force_ocr_reads_a_born_digital_page_as_a_scan(tmp_path, shared):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(shared / DELIB, src / "a.pdf")
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "--out", str(out), "--force-ocr")
    assert proc.returncode == 0, proc.stderr
    with _db(out) as con:
        rows = con.execute("SELECT method, text_raw FROM pages ORDER BY page_no").fetchall()
    assert [r[0] for r in rows] == ["ocr", "ocr"]
    assert ACTES_ID in rows[0][1]
    from pipeline.sources.pdf import open_pdf, text_of

    with open_pdf(shared / DELIB) as pdf:
        truth = text_of(pdf.pages[0])
    assert word_f1(rows[0][1], truth) > 0.95


def test_jobs_do_not_change_results(tmp_path, inbox):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(inbox / "tiff-pages.tif", src)
    shutil.copy(inbox / "scans" / "2019" / "scan.pdf", src)
    texts = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert run_cli("ingest", str(src), "--out", str(out), "--jobs", jobs).returncode == 0
        with _db(out) as con:
            texts.append(con.execute("SELECT doc_id, page_no, text_raw FROM pages ORDER BY ALL").fetchall())
    assert texts[0] == texts[1]


def test_ingest_repairs_text_and_records_every_change(tmp_path, shared):
    src = tmp_path / "in"
    src.mkdir()
    founding = shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt"
    shutil.copy(founding, src / "mantes.txt")
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    raw = (out / "text" / "mantes.raw.txt").read_text(encoding="utf-8")
    clean = (out / "text" / "mantes.txt").read_text(encoding="utf-8")
    assert raw == founding.read_text(encoding="utf-8")
    assert "déve]oppement" in raw and "développement" in clean and "déve]oppement" not in clean
    with _db(out) as con:
        text_clean = con.execute("SELECT text_clean FROM pages WHERE doc_id = 'mantes.txt'").fetchone()[0]
        rows = con.execute('SELECT page_no, start, "end", before, after, rule, score, clean_start, clean_end '
                           "FROM corrections WHERE doc_id = 'mantes.txt' ORDER BY start").fetchall()
    assert text_clean == clean
    assert len(rows) > 50
    assert {r[5] for r in rows} >= {"word", "elision", "context", "bullet", "ordinal", "glued", "hyphen"}
    for page_no, start, end, before, after, rule, score, cs, ce in rows:
        assert page_no == 1 and raw[start:end] == before and clean[cs:ce] == after
    assert pd.read_parquet(out / "tables" / "corrections.parquet").shape[0] == len(rows)


def test_query_keeps_exact_values(ingested):
    out, _ = ingested
    proc = run_cli("query", str(out), "SELECT value, currency FROM amounts WHERE doc_id = 'scans/2019/scan.pdf' "
                                      "ORDER BY value", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"value": "2450", "currency": "EUR"}, {"value": "18700.50", "currency": "EUR"}]
    dates = json.loads(run_cli("query", str(out), "SELECT start, \"end\", precision FROM dates WHERE doc_id = "
                               "'scans/2019/scan.pdf' AND role = 'session'", "--format", "json").stdout)
    assert dates == [{"start": "2019-03-14", "end": "2019-03-14", "precision": "day"}]


def test_database_of_an_earlier_version_is_upgraded(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with duckdb.connect(str(out / "pipeline.duckdb")) as con:  # the first schema, before extraction existed
        con.execute("CREATE TABLE documents (doc_id VARCHAR, source_path VARCHAR, sha256 VARCHAR, kind VARCHAR, "
                    "n_pages INTEGER, status VARCHAR, error VARCHAR, processed_at TIMESTAMP, pipeline_version VARCHAR)")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Séance du 3 mai 2019 : subvention de 1 200 euros.\n", encoding="utf-8")
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with _db(out) as con:
        assert con.execute("SELECT removed_at, status FROM documents").fetchall() == [(None, "ok")]
        assert con.execute("SELECT value FROM amounts").fetchone()[0] == 1200


def test_old_print_declared_at_ingest_is_repaired_so_and_reprocessed_so(tmp_path, shared):
    """Legacy OCR of old print (three segments of the ICDAR 2017 French monographs): an ingest with
    --old-print repairs it as ``pipeline clean --old-print`` does (no accent its print did not
    have: "reconnaitre"), the document says so, and a reprocess keeps that repair."""
    import csv

    import pipeline

    with open(shared / "icdar2017-fr" / "ICDAR2017_fre_monograph_dev.tsv", encoding="utf-8", newline="") as f:
        segments = {r["id"]: r["input"] for r in csv.DictReader(f, delimiter="\t")}
    text = "\n\n".join(segments[i] for i in ("3", "30", "48")) + "\n"
    src = tmp_path / "in"
    src.mkdir()
    (src / "ancien.txt").write_text(text, encoding="utf-8")
    old, modern = tmp_path / "old", tmp_path / "modern"
    for out, flag in ((old, ["--old-print"]), (modern, [])):
        proc = run_cli("ingest", str(src), "--out", str(out), *flag)
        assert proc.returncode == 0, proc.stderr

    def stored(out):
        with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
            return con.execute("SELECT d.old_print, p.text_clean FROM documents d JOIN pages p USING (doc_id)").fetchone()

    declared, clean = stored(old)
    assert declared is True and clean == pipeline.clean(text, old_print=True).text
    assert "reconnaitre" in clean and "reconnaître" in stored(modern)[1]
    assert stored(modern)[0] is False
    changes = pipeline.reprocess(old)
    assert changes.documents == 1 and not changes.changed and stored(old) == (True, clean)
    runs = sorted((old / "runs").glob("*.json"))
    assert json.loads(runs[-1].read_text(encoding="utf-8"))["options"]["old_print"] is True
