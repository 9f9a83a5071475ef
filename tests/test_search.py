"""Full-text search (issue #29): the real minutes of three communes ingested, searched from the
command line and from Python; the index kept in step with the runs that change the archive."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
import subprocess
import sys
import unicodedata

import pytest

import pipeline
from tests.conftest import ROOT, copy_of, run_cli, run_cli_once, slow_scans, wait_until_reading

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

DOCUMENTS = {"pierrefonds/compte-rendu-09-10-2018.pdf": "a.pdf", "pierrefonds/CM-12-avril-2022.pdf": "b.pdf",
             "couthenans/CR_reunion_20210917.pdf": "c.pdf", "larbresle/CR_CM_2013-07-09.pdf": "d.pdf"}


@pytest.fixture(scope="module")
def out(shared, tmp_path_factory):
    def inputs(folder: Path) -> None:
        (folder / "in").mkdir()
        for path, name in DOCUMENTS.items():
            shutil.copy(shared / path, folder / "in" / name)

    folder, proc = run_cli_once(tmp_path_factory, "search", "ingest", "{folder}/in", "--out", "{folder}/out", "--jobs", "2",
                                build=inputs)
    assert proc.returncode == 0, proc.stderr
    return copy_of(folder / "out", tmp_path_factory, "search")


def _search(out, *args) -> list[dict]:
    proc = run_cli("search", str(out), *args, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _page(out, doc_id: str, page_no: int) -> str:
    (row,) = pipeline.query(out, f"SELECT text_clean FROM pages WHERE doc_id = '{doc_id}' AND page_no = {page_no}").rows
    return row[0]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def test_a_word_finds_its_other_forms_in_any_case_and_accents(out):
    """"subventions" finds the pages that say "subvention" only, and "SUBVENTION" in capitals;
    "deliberation", typed without its accents, finds "délibération" and its other forms
    ("délibérations", "délibérer"); each snippet marks the words found."""
    hits = _search(out, "subventions", "--limit", "50")
    pages = {(h["doc_id"], h["page_no"]): _page(out, h["doc_id"], h["page_no"]) for h in hits}
    assert any(re.search(r"\bsubvention\b", t) and not re.search(r"\bsubventions\b", t, re.I) for t in pages.values())
    assert all(re.search(r"\bsubventions?\b", t, re.I) for t in pages.values())
    assert all(re.search(r"\*\*subventions?\*\*", h["snippet"], re.I) for h in hits)
    assert any("SUBVENTION" in t for t in pages.values())
    hits = _search(out, "deliberation", "--limit", "100")
    marked = {m.lower() for h in hits for m in re.findall(r"\*\*([^*]+)\*\*", h["snippet"])}
    assert {"délibération", "délibérations", "délibérer"} <= marked
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)  # best first


def test_a_phrase_an_excluded_word_and_a_typo(out):
    phrase = _search(out, '"éclairage public"', "--limit", "50")
    assert phrase and all("eclairage public" in " ".join(_fold(_page(out, h["doc_id"], h["page_no"])).split()) for h in phrase)
    both = _search(out, "éclairage public", "--limit", "50")
    assert len(both) >= len(phrase)  # every word, anywhere on the page
    without = _search(out, "subvention -église", "--limit", "50")
    assert without and not any("eglise" in _fold(_page(out, h["doc_id"], h["page_no"])) for h in without)
    typo = _search(out, "subvension", "--limit", "50")  # one letter off: still found, and said so
    assert typo and all(h["fuzzy"] for h in typo)
    meant = _search(out, "subvention", "--limit", "50")
    assert not any(h["fuzzy"] for h in meant)
    # ranked as the word it stands for (the only word of the index one letter off), not all alike
    assert [(h["doc_id"], h["page_no"], h["score"]) for h in typo] == [(h["doc_id"], h["page_no"], h["score"]) for h in meant]
    assert len({h["score"] for h in typo}) > 1 and all("**" in h["snippet"] for h in typo)  # its words marked


def test_filters_by_commune_and_session_dates_and_records(out):
    pierrefonds = _search(out, "conseil", "--commune", "pierrefonds", "--limit", "100")
    assert pierrefonds and {h["commune"] for h in pierrefonds} == {"Commune de Pierrefonds"}
    assert {h["doc_id"] for h in pierrefonds} == {"a.pdf", "b.pdf"}
    recent = _search(out, "conseil", "--from", "2021-01-01", "--to", "2021-12-31", "--limit", "100")
    assert recent and {h["session_date"] for h in recent} == {"2021-09-17"}
    records = _search(out, "budget", "--records")
    assert records and all(h["number"] is not None or h["result"] for h in records)
    assert any("**Budget**" in h["snippet"] for h in records)
    bad = run_cli("search", str(out), "conseil", "--from", "17/09/2021")
    assert bad.returncode != 0 and "YYYY-MM-DD" in bad.stderr


def test_python_gives_the_same_hits_as_a_dataframe(out):
    with pipeline.open(out) as res:
        frame = res.search("subventions", commune="Pierrefonds", limit=5)
    cli = _search(out, "subventions", "--commune", "Pierrefonds", "--limit", "5")
    assert list(frame["doc_id"]) == [h["doc_id"] for h in cli] and len(frame) == 5
    assert str(frame["session_date"].dtype).startswith("datetime64") and str(frame["page_no"].dtype) == "Int64"


def test_the_index_follows_the_archive(tmp_path):
    """A changed document is found by its new words only, a removed one no longer, after the
    next run — each run indexing the documents it changed."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Séance du conseil municipal. Le conseil approuve le projet de médiathèque.\n", encoding="utf-8")
    (src / "b.txt").write_text("Séance du conseil municipal. Le conseil vote la rénovation du gymnase.\n", encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    assert [h["doc_id"] for h in _search(out, "médiathèque")] == ["a.txt"]
    (src / "a.txt").write_text("Séance du conseil municipal. Le conseil approuve le projet de ludothèque.\n", encoding="utf-8")
    (src / "b.txt").unlink()
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    assert _search(out, "médiathèque") == [] and _search(out, "gymnase") == []
    assert [h["doc_id"] for h in _search(out, "ludothèque")] == ["a.txt"]
    assert [h["doc_id"] for h in _search(out, "conseil")] == ["a.txt"]


def test_a_search_during_an_ingest_answers_from_the_last_snapshot(shared, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Séance du conseil municipal. Le conseil approuve le projet de médiathèque.\n", encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    slow_scans(shared, src, n=2)
    (src / "a.txt").write_text("Séance du conseil municipal. Le conseil approuve le projet de ludothèque.\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--jobs", "1"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_reading(run, out)
        during = _search(out, "médiathèque")
        assert run.poll() is None, "the run ended before the search: the test proves nothing"
        assert [h["doc_id"] for h in during] == ["a.txt"]  # the last published state
        _, err = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, err
    assert _search(out, "médiathèque") == [] and [h["doc_id"] for h in _search(out, "ludothèque")] == ["a.txt"]


def test_an_archive_indexed_before_search_existed_is_indexed_whole(tmp_path):
    """An output folder whose snapshots an earlier version published, without an index: the next
    run that publishes indexes every document, not only the ones it changed."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text("Séance du conseil municipal. Le conseil approuve le projet de médiathèque.\n", encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    shutil.rmtree(out / "search")
    assert _search(out, "médiathèque") == []
    (src / "b.txt").write_text("Séance du conseil municipal. Le conseil vote la rénovation du gymnase.\n", encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    assert [h["doc_id"] for h in _search(out, "médiathèque")] == ["a.txt"]
    assert [h["doc_id"] for h in _search(out, "gymnase")] == ["b.txt"]


def test_verify_finds_an_index_out_of_step_and_repair_builds_it_again(out, tmp_path):
    """`pipeline verify` compares the index with the snapshot readers see: a document whose pages
    the index lost (a run stopped between the two, a hand that deleted files) is named, and a
    missing or damaged index is said; `--repair` builds the index again from the snapshot, and the
    search finds what it found before."""
    import tantivy

    from pipeline.store import search

    work = tmp_path / "out"
    shutil.copytree(out, work)
    before = _search(work, "subventions", "--limit", "50")
    assert run_cli("verify", str(work)).returncode == 0
    index = tantivy.Index(search._schema(), path=str(work / "search"), reuse=True)
    writer = index.writer(search.WRITER_HEAP, 1)
    writer.delete_documents_by_term("doc_id", "a.pdf")
    writer.commit()
    writer.wait_merging_threads()
    proc = run_cli("verify", str(work))
    assert proc.returncode == 1
    assert "search: 1 documents not indexed as readers see them" in proc.stdout + proc.stderr and "a.pdf" in proc.stdout + proc.stderr
    assert not any(h["doc_id"] == "a.pdf" for h in _search(work, "subventions", "--limit", "50"))
    for damage in (lambda: shutil.rmtree(work / "search"), lambda: (work / "search" / "meta.json").write_text("{")):
        damage()
        proc = run_cli("verify", str(work))
        assert proc.returncode == 1 and "search: " in proc.stdout + proc.stderr
        proc = run_cli("verify", str(work), "--repair")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "built the search index again" in proc.stdout + proc.stderr
        assert run_cli("verify", str(work)).returncode == 0
        assert _search(work, "subventions", "--limit", "50") == before

