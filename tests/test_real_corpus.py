"""The real documents of ../shared/corpus: two real 96-dpi scans, a 255-page PDF, a small
commune's minutes that mix born-digital pages with scanned ones."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.sources.pdf import open_pdf, text_of
from pipeline.recognition import preprocess
from tests.conftest import run_cli, run_cli_once

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

REPORTS = "montpellier/comptes-rendus-2011"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _council_surnames(shared) -> set[str]:
    """Surnames of the 2011 council, read from the text layer of a born-digital report
    of the same year (the scans have no text layer to compare against)."""
    with open_pdf(shared / REPORTS / "CR_CM_07_02_2011.pdf") as pdf:
        first = text_of(pdf.pages[0])
    present = first.split("Présents :")[1].split("Absents")[0]
    return {w for w in re.findall(r"\b[A-ZÉÈ][A-ZÉÈ-]{3,}\b", present)}


@pytest.fixture(scope="module")
def scans_out(shared, tmp_path_factory):
    """The two real scans ingested, once for the session (read only: every test opens it read-only)."""
    def inputs(folder: Path) -> None:
        (folder / "scans").mkdir()
        for name in ("CR_CM_20_06_2011.pdf", "CR_CM_25_07_2011.pdf"):
            shutil.copy(shared / REPORTS / name, folder / "scans" / name)

    folder, proc = run_cli_once(tmp_path_factory, "real-scans", "ingest", "{folder}/scans", "--out", "{folder}/out",
                                "--jobs", "2", build=inputs)
    assert proc.returncode == 0, proc.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def scans(scans_out):
    con = duckdb.connect(str(scans_out / "pipeline.duckdb"), read_only=True)
    yield con
    con.close()


def test_real_scans_are_ocred_at_the_working_resolution_every_page(scans):
    rows = scans.execute(
        "SELECT doc_id, count(*), min(method), max(method), min(ocr_confidence), min(dpi), min(native_dpi) "
        "FROM pages GROUP BY doc_id ORDER BY doc_id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("CR_CM_20_06_2011.pdf", 12), ("CR_CM_25_07_2011.pdf", 14)]
    for _, _, lo, hi, conf, dpi, native in rows:
        assert lo == hi == "ocr"
        assert conf > 80  # every page, not just on average
        assert dpi == preprocess.target_dpi(96) == 300 and native == pytest.approx(96, abs=1)


def test_real_scan_text_is_faithful(scans, shared):
    pages = dict(scans.execute(
        "SELECT page_no, text_raw FROM pages WHERE doc_id = 'CR_CM_20_06_2011.pdf'").fetchall())
    first = _norm(pages[1])
    for expected in ("Compte-rendu du Conseil municipal", "Séance publique du lundi 20 juin 2011",
                     "Adoption de l'ordre du jour", "Pour : 54", "Contre : 11 (Verts, UMP-NI)",
                     "Compte Administratif 2010 de la Ville de Montpellier - Budget Principal"):
        assert expected in first
    # the attendance list: surnames of the same council, spelled in another document
    surnames = _council_surnames(shared)
    assert len(surnames) > 40
    found = {s for s in surnames if s in pages[1]}
    assert len(found) / len(surnames) >= 0.95, sorted(surnames - found)


def test_real_scan_votes_are_read_on_every_page(scans):
    pages = scans.execute(
        "SELECT page_no, text_raw FROM pages WHERE doc_id = 'CR_CM_25_07_2011.pdf' ORDER BY page_no").fetchall()
    assert len(pages) == 14
    for page_no, text in pages:
        votes = re.findall(r"Pour\s*:\s*(\d+)", text)
        if page_no in (5, 6):  # items 37-48: annual reports the council takes note of, "Le Conseil prend acte."
            assert votes or "prend acte" in text, page_no
            continue
        assert votes, page_no
        assert all(20 <= int(v) <= 65 for v in votes), (page_no, votes)  # a council of 65 members
    assert "Séance publique du lundi 25 juillet 2011" in _norm(pages[0][1])


def test_words_and_alto_come_with_the_scans(scans, scans_out):
    import xml.etree.ElementTree as ET

    n_words, mean_conf = scans.execute(
        "SELECT count(*), avg(conf) FROM words WHERE doc_id = 'CR_CM_20_06_2011.pdf'").fetchone()
    assert n_words > 2000 and mean_conf > 85
    altos = sorted((scans_out / "alto" / "CR_CM_20_06_2011").glob("page-*.xml"))
    assert [p.name for p in altos] == sorted(f"page-{n}.xml" for n in range(1, 13))
    strings = [e.get("CONTENT") for e in ET.parse(altos[0]).iter() if e.tag.endswith("String")]
    words_p1 = scans.execute("SELECT count(*) FROM words WHERE doc_id = 'CR_CM_20_06_2011.pdf' AND page_no = 1").fetchone()[0]
    assert len(strings) == words_p1 > 300  # the ALTO and the words table hold the same words


def test_255_page_minutes(shared, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "PV_CM_17_02_2014.pdf").symlink_to(shared / "montpellier/proces-verbaux-2014/PV_CM_17_02_2014.pdf")
    out = tmp_path / "out"
    proc = run_cli("ingest", str(src), "--out", str(out), "--jobs", "2", "--follow-links")
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        n_pages, methods, chars = con.execute(
            "SELECT n_pages, (SELECT list(DISTINCT method) FROM pages), (SELECT sum(length(text_raw)) FROM pages) "
            "FROM documents").fetchone()
        numbers = [p for (p,) in con.execute("SELECT page_no FROM pages ORDER BY page_no").fetchall()]
    assert n_pages == 255 and numbers == list(range(1, 256))
    assert methods == ["text_layer"]
    assert chars > 600_000
    text = (out / "text" / "PV_CM_17_02_2014.txt").read_text(encoding="utf-8")
    assert text.count("\f") == 254
    assert "PROCES-VERBAL" in text.split("\f")[0]


def test_small_commune_mixes_born_digital_and_scanned_pages(shared, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("ingest", str(shared / "couthenans"), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*), min(status) FROM documents").fetchone() == (11, "ok")
        ocr = con.execute("SELECT doc_id, page_no, text_raw FROM pages WHERE method = 'ocr'").fetchall()
    # page 3 of the 28 October 2022 minutes is a scanned motion pasted in as images
    assert [(d, p) for d, p, _ in ocr] == [("CR_conseil_municipal_28_10_2022.pdf", 3)]
    assert "Le Conseil municipal de la commune" in _norm(ocr[0][2])
    assert (out / "alto" / "CR_conseil_municipal_28_10_2022" / "page-3.xml").exists()


def test_records_of_a_real_scan_match_the_gold(scans):
    """Extraction on repaired OCR of the real 96-dpi scan: the agenda items of pages 1-2."""
    import json

    from benchmarks.evaluation import score_extraction
    from tests.conftest import ROOT

    gold = json.loads((ROOT / "tests" / "gold" / "dev" / "CR_CM_20_06_2011.pages-1-2.extract.json").read_text(encoding="utf-8"))
    cols = ["number", "objet", "rapporteur", "vote_pour", "vote_contre", "vote_abstention", "result"]
    rows = scans.execute(f"SELECT {', '.join(cols)} FROM deliberations WHERE doc_id = 'CR_CM_20_06_2011.pdf' "
                         "AND page_no <= 2").fetchall()
    dates = scans.execute("SELECT start, \"end\", precision, role FROM dates WHERE doc_id = 'CR_CM_20_06_2011.pdf' "
                          "AND page_no <= 2").fetchall()
    found = {"deliberations": [dict(zip(cols, r)) for r in rows],
             "dates": [{"start": s.isoformat(), "end": e.isoformat(), "precision": p, "role": role}
                       for s, e, p, role in dates]}
    scores = score_extraction(found, gold)
    for kind, (p, r, _) in scores.items():
        assert p == 1.0 and r == 1.0, (kind, p, r, found[kind])
    assert ("2011-06-20", "session") in {(d["start"], d["role"]) for d in found["dates"]}
    session = scans.execute("SELECT DISTINCT session_date FROM deliberations WHERE doc_id = 'CR_CM_20_06_2011.pdf'").fetchall()
    assert [s.isoformat() for (s,) in session] == ["2011-06-20"]


def test_scanned_session_report_gives_one_record_per_item_and_no_fragment(scans):
    from pipeline.extraction.records.validate import CHECKS

    """The real 96-dpi scan of 25 July 2011: 116 numbered items and two unnumbered ones, each with
    its vote; no row is a fragment, and a number OCR misread is sent to review."""
    rows = scans.execute(
        "SELECT number, objet, rapporteur, vote_pour, result, layout, needs_review, issues, confidence "
        "FROM deliberations WHERE doc_id = 'CR_CM_25_07_2011.pdf' ORDER BY page_no, char_start").fetchall()
    assert {r[5] for r in rows} == {"session_report"}
    numbers = [int(r[0]) for r in rows if r[0] is not None]
    assert sum(r[0] is None for r in rows) == 2
    assert len(numbers) >= 114 and len(set(numbers)) >= 113 and max(numbers) == 116
    for number, objet, rapporteur, pour, result, _, review, issues, confidence in rows:
        assert "subject looks like a fragment" not in issues and "no subject" not in issues, (number, objet)
        assert result, (number, objet)
        assert rapporteur and len(rapporteur.split()) >= 2, (number, rapporteur)
        assert pour is None or 30 <= pour <= 65  # a council of 65 members
        assert 0 < confidence <= 1 and review == any(CHECKS[i][1] for i in issues), (number, issues)
    seen: dict[int, list] = {}
    for r in rows:
        if r[0] is not None:
            seen.setdefault(int(r[0]), []).append(r)
    for number, dup in seen.items():
        if len(dup) > 1:
            assert any(r[6] for r in dup), (number, dup)  # a repeated number: one of them needs review
    assert "Frédéric TSITSONIS" in {r[2] for r in rows} and "Frédéric TSTISONIS" not in {r[2] for r in rows}
    noted = [r for r in rows if r[4] == "pris acte"]
    assert len(noted) >= 10  # "Le Conseil prend acte." of the annual reports (items 37-48)
