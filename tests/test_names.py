"""First names where a name is expected (repair/names.py): the registry, the collection's people
learned across documents and stored in OUT_DIR, and the score the benchmark gives them."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.repair import names, repair_text
from benchmarks.evaluation import first_names_right
from pipeline.sources.pdf import open_pdf, text_of
from tests.conftest import render_text, run_cli

PV = "montpellier/proces-verbaux-2011/PV_CM_20_06_2011.pdf"


@pytest.fixture(scope="module")
def attendance(shared) -> str:
    """The attendance list of the born-digital minutes of 2011-06-20 (page 3), as printed."""
    with open_pdf(shared / PV) as pdf:
        text = text_of(pdf.pages[2])
    start = text.index("Présents :")
    return text[start:text.index("\n\n", start) if "\n\n" in text[start:] else len(text)]


def test_every_member_of_a_real_attendance_list_is_a_name_slot(attendance):
    pairs = names.pairs_of(attendance)
    assert ("JULIEN", "Arnaud") in pairs and ("BENOUARGHA-JAFFIOL", "Amina") in pairs  # across a line break
    assert ("GELY", "Jean-Louis") in pairs and ("DE LA GRANGE", "Audrey") in pairs
    assert len(pairs) >= 45
    assert not any(first in ("Présents", "Conseil", "Séance") for _, first in pairs)


def test_the_registry_repairs_a_damaged_first_name_only_before_a_surname():
    text, changes = repair_text("Présents : Michacl DELAFOSSE, Henrt DUPONT.\nLe Jeanhe de la rue.")
    assert text.startswith("Présents : Michael DELAFOSSE, Henri DUPONT.")
    assert text.endswith("Le Jeanhe de la rue.")  # no surname after it: not a name slot
    assert {c.rule for c in changes} == {"first-name"}


@pytest.mark.parametrize("line", [
    "Albert ZYLBERMAN",  # a first name of the registry, even where the council's list says Alain
    "Marine PETITOUT",  # a first name, though a misreading of Martine elsewhere
    "Mar LEVITA",  # too short to tell Max from Marc
    "Madame MANDROUX",  # a word of the dictionary
    "Paticts DUPONT",  # no first name near enough
])
def test_what_the_registry_alone_must_not_change(line):
    assert repair_text(f"Présents : {line}, Brahim ABBOU.")[0] == f"Présents : {line}, Brahim ABBOU."


def test_the_scoring_aligns_the_list_and_reads_only_first_names():
    gold = {"present": ["Arnaud JULIEN", "Marie-Josée AUGE-CAUMON"], "absent": ["Martine PETITOUT"]}
    right, total, wrong = first_names_right("Présents :\nAmaud JULIEN, Marie-Josée AUGE-CAUMON.\n"
                                            "Absents :\nMartine PETITOUT.", gold)
    assert (right, total, wrong) == (2, 3, [("Arnaud", "Amaud")])
    assert first_names_right("rien", gold)[0] == 0


def test_ingest_learns_the_collection_s_people_and_repairs_with_them(attendance, tmp_path):
    """Two sessions' lists read well, then a third read badly: the pairs stored in OUT_DIR
    repair it on the next run; a reading that is not a cheap misreading stays; reprocess does
    not count a document's own earlier reading as evidence for itself."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "2011-06-20.txt").write_text(attendance, encoding="utf-8")
    (src / "2011-07-25.txt").write_text(attendance.replace("Brahim ABBOU, ", ""), encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "1").returncode == 0
    damaged = (attendance.replace("Arnaud JULIEN", "Amaud JULIEN").replace("Michael DELAFOSSE", "Michacl DELAFOSSE")
               .replace("Nadia\nMIRAOUI", "Nadin\nMIRAOUI").replace("Marc DUFOUR", "Albert DUFOUR"))
    assert damaged.count("Amaud") == damaged.count("Nadin") == damaged.count("Albert") == 1
    (src / "2011-09-26.txt").write_text(damaged, encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "1").returncode == 0

    def rows(sql):
        with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
            return con.execute(sql).fetchall()

    fixes = set(rows("SELECT before, after, rule FROM corrections WHERE doc_id = '2011-09-26.txt'"))
    assert ("Amaud", "Arnaud", "name-collection") in fixes
    assert ("Nadin", "Nadia", "name-collection") in fixes  # the registry alone would guess Nadine
    assert ("Michacl", "Michael", "name-collection") in fixes
    text = (out / "text" / "2011-09-26.txt").read_text(encoding="utf-8")
    assert "Albert DUFOUR" in text  # far from Marc: another person, kept
    assert rows("SELECT times FROM person_names WHERE doc_id = '2011-09-26.txt' AND first_name = 'Amaud'") == [(1,)]

    # repaired again with every stored document: its own stored misreadings are no evidence for it
    assert run_cli("reprocess", str(out)).returncode == 0
    assert "Arnaud JULIEN" in (out / "text" / "2011-09-26.txt").read_text(encoding="utf-8")
    assert "Amaud" not in (out / "text" / "2011-06-20.txt").read_text(encoding="utf-8")


def test_a_rendered_scan_of_an_attendance_list_is_read_then_repaired_from_the_collection(attendance):
    """Real Tesseract on a rendered list; whatever it misreads in a first name, the collection
    (the printed list, read in two documents) gives back, and nothing it read right changes."""
    from pipeline.repair import repairer
    from benchmarks.evaluation import degrade
    from pipeline.recognition.page import ocr_image

    lines = attendance.splitlines()[:8]
    page = ocr_image(degrade(render_text("\n".join(lines), dpi=150, font_pt=9), seed=3), 1, 150)
    gold = {"present": [f"{f} {s}" for s, f in names.pairs_of("\n".join(lines))]}
    rep = repairer()
    rep.add_people({pair: 2 for pair in names.pairs_of(attendance)})
    fixed = rep.repair(page.text_raw, words=page.words)[0]
    before, total, _ = first_names_right(page.text_raw, gold)
    after, _, wrong = first_names_right(fixed, gold)
    assert total >= 15 and after >= before and after >= total - 1, wrong


def test_a_surname_glued_to_the_next_first_name_is_parted_again(shared):
    """The 2014 acts print "Guy BARRAL,Maud BODKIN": a scan that loses the comma reads one word."""
    with open_pdf(shared / "montpellier/deliberations-2014-04/2014-04-24-0000071217.pdf") as pdf:
        printed = text_of(pdf.pages[0])
    assert "BARRAL,Maud" in printed and "DEMON,Cédric" in printed
    read = printed.replace("BARRAL,Maud", "BARRALMaud").replace("DEMON,Cédric", "DEMONCédric")
    text, changes = repair_text(read)
    assert "BARRAL Maud BODKIN" in text and "DEMON Cédric" in text
    assert [c.rule for c in changes if c.before in ("BARRALMaud", "DEMONCédric")] == ["name-split"] * 2
    for kept in ("le IIIe siècle", "la SNCFGare", "M. McDonald"):  # no first name after the capitals
        assert repair_text(kept)[0] == kept
