"""The archivist overrules the software: corrections rejected, words protected, record fields set by
hand (overrides.json), honoured by `reprocess` (no OCR) and by every later `ingest`."""

from __future__ import annotations

import json
import shutil

import duckdb
import pikepdf
import pytest

from tests.conftest import render_text, run_cli

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

FOUNDING = "mantes-la-jolie/deliberation-2019-unesco-learning-cities.ocr.txt"
ACT = "montpellier/deliberations-2014-04/2014-04-24-0000071252.pdf"
MINUTES = "montpellier/proces-verbaux-2014/PV_CM_17_02_2014.pdf"
SCAN_TEXT = ("Le Conseil Municipal, après en avoir délibéré, décide d'attribuer une subvention\n"
             "de 1 500 euros à l'association des Amis du Patrimoine de la commune.")


def _rows(out, sql):
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def ingested(shared, tmp_path_factory):
    """A founding OCR text, a born-digital act, a page of minutes holding a ruled table and a
    rendered scan, ingested once."""
    root = tmp_path_factory.mktemp("overrides")
    src = root / "in"
    src.mkdir()
    shutil.copy(shared / FOUNDING, src / "founding.ocr.txt")
    shutil.copy(shared / ACT, src / "act.pdf")
    render_text(SCAN_TEXT, dpi=200).save(src / "scan.png")
    with pikepdf.open(shared / MINUTES) as pv, pikepdf.new() as one:  # a page of a ruled subsidy table
        one.pages.append(pv.pages[173])
        one.save(src / "subsidies.pdf")
    out = root / "out"
    proc = run_cli("ingest", str(src), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    return src, out


def test_reprocess_without_changes_changes_nothing_and_needs_no_input(ingested, tmp_path):
    src, out = ingested
    work = tmp_path / "out"
    shutil.copytree(out, work)
    alto = sorted((work / "alto" / "scan").glob("*.xml"))
    before = _rows(work, "SELECT doc_id, objet, rapporteur FROM deliberations ORDER BY doc_id")
    away = src.rename(src.parent / "away")  # no input file is read again, no page OCR'd again
    try:
        proc = run_cli("reprocess", str(work))
    finally:
        away.rename(src)
    assert proc.returncode == 0, proc.stderr
    assert "4 documents reprocessed from clean: 0 changed" in proc.stderr
    # the single act's subject still comes from its title block: the page geometry was stored
    assert _rows(work, "SELECT doc_id, objet, rapporteur FROM deliberations ORDER BY doc_id") == before
    assert ("act.pdf", "Délibération fixant les indemnités de fonction des élus", "Monsieur EL KANDOUSSI") in before
    assert sorted((work / "alto" / "scan").glob("*.xml")) == alto and alto  # the OCR's ALTO is kept
    # the table's cells were stored too: each amount keeps its row's label and its own value
    amounts = _rows(work, "SELECT value, label FROM amounts WHERE doc_id = 'subsidies.pdf'")
    assert amounts.count((500, "Consommation Logement Cadre de Vie de Montpellier CLCV")) == 2
    assert len(amounts) == 17 and all(v > 0 and v != 244500 for v, _ in amounts)


def test_a_reprocess_reuses_the_lines_the_tagger_read_and_tags_only_changed_ones(ingested, tmp_path, monkeypatch):
    """The lines spaCy's tagger read for places at ingest are kept with their pages: a reprocess
    whose text did not change asks no tagger (loading it took 5.4 s of the 6.9 s of a reprocess
    of a 14-page scan) and finds the same cities; a line whose text changed is tagged again."""
    import pipeline
    from pipeline.extraction import places

    _, out = ingested
    work = tmp_path / "out"
    shutil.copytree(out, work)
    tagged = _rows(work, "SELECT doc_id, tagged FROM pages WHERE tagged IS NOT NULL")
    assert tagged and all(json.loads(t)["model"] == places.model_version() for _, t in tagged)
    cities = "SELECT doc_id, page_no, char_start, char_end, name FROM cities ORDER BY ALL"
    before = _rows(work, cities)
    asked, tagger = [], places.nlp
    monkeypatch.setattr(places, "nlp", lambda: asked.append(1) or tagger())
    changes = pipeline.reprocess(work)
    assert changes.documents == 4 and not changes.changed
    assert asked == [] and _rows(work, cities) == before and before
    doc = tagged[0][0]  # a new line naming a city the tagger could add: it is asked, for that line
    with duckdb.connect(str(work / "pipeline.duckdb")) as con:
        con.execute("UPDATE pages SET text_raw = text_raw || ? WHERE doc_id = ? AND page_no = 1",
                    ["\nUne délégation venue de Villeurbanne est reçue en mairie.\n", doc])
    pipeline.reprocess(work)
    assert asked and ("Villeurbanne",) in _rows(work, f"SELECT name FROM cities WHERE doc_id = '{doc}'")


def test_overrides_are_honoured_by_reprocess_and_by_the_next_ingest(ingested, tmp_path):
    src, out = ingested
    work = tmp_path / "out"
    shutil.copytree(out, work)
    ((before, after),) = _rows(work, "SELECT before, after FROM corrections WHERE doc_id = 'founding.ocr.txt' "
                                     "AND rule = 'word' ORDER BY page_no, start LIMIT 1")
    n_context = _rows(work, "SELECT count(*) FROM corrections WHERE doc_id = 'founding.ocr.txt' AND rule = 'context'")[0][0]
    assert n_context > 0
    (work / "overrides.json").write_text(json.dumps({
        "protect": [{"word": before, "doc_id": "founding.ocr.txt"}],
        "reject": [{"before": "a", "after": "à"}],
        "records": [{"doc_id": "act.pdf", "number": "2014/138", "field": "objet", "value": "Indemnités des élus",
                     "by": "archiviste"},
                    {"doc_id": "act.pdf", "number": "9999", "field": "objet", "value": "nowhere"}],
    }), encoding="utf-8")
    proc = run_cli("reprocess", str(work))
    assert proc.returncode == 0, proc.stderr
    assert "changed founding.ocr.txt (pages, corrections)" in proc.stderr
    assert "changed act.pdf (deliberations)" in proc.stderr
    assert "no record numbered 9999" in proc.stderr  # an override that found nothing says so
    text = (work / "text" / "founding.ocr.txt").read_text(encoding="utf-8")
    raw = (work / "text" / "founding.ocr.raw.txt").read_text(encoding="utf-8")
    assert text.count(before) == raw.count(before)  # the protected word is left as read
    overruled = _rows(work, "SELECT before, after, rule FROM corrections WHERE overruled ORDER BY start")
    assert (before, after, "word") in overruled  # the audit keeps what the software proposed
    assert sum(1 for b, a, r in overruled if (b, a) == ("a", "à")) == n_context
    assert _rows(work, "SELECT objet, set_by_hand FROM deliberations WHERE doc_id = 'act.pdf'") == [
        ("Indemnités des élus", ["objet"])]
    # offsets of the corrections after an undone one still point at their text
    for page_no, s, e, a in _rows(work, "SELECT page_no, clean_start, clean_end, after FROM corrections "
                                        "WHERE doc_id = 'founding.ocr.txt' AND NOT overruled"):
        assert text.split("\f")[page_no - 1][s:e] == a

    proc = run_cli("ingest", str(src), "--out", str(work), "--reprocess")  # the next night reads the file again
    assert proc.returncode == 0, proc.stderr
    assert (work / "text" / "founding.ocr.txt").read_text(encoding="utf-8") == text
    assert _rows(work, "SELECT objet, set_by_hand FROM deliberations WHERE doc_id = 'act.pdf'") == [
        ("Indemnités des élus", ["objet"])]


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot read the overrides"),
    ('{"reject": [{"before": "a"}]}', "reject[0] needs after"),
    ('{"records": [{"doc_id": "x", "number": "1", "field": "colour"}]}', "'colour' is not a record field"),
])
def test_a_bad_overrides_file_stops_before_anything_is_written(ingested, tmp_path, content, message):
    src, out = ingested
    work = tmp_path / "out"
    shutil.copytree(out, work)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    stamp = (work / "pipeline.duckdb").stat().st_mtime_ns
    for args in (("reprocess", str(work), "--overrides", str(bad)),
                 ("ingest", str(src), "--out", str(work), "--overrides", str(bad))):
        proc = run_cli(*args)
        assert proc.returncode == 2 and message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert (work / "pipeline.duckdb").stat().st_mtime_ns == stamp
