"""First names where a name is expected (repair/names.py): the registry, the collection's people
learned across documents and stored in OUT_DIR, and the score the benchmark gives them."""

from __future__ import annotations

import json

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


@pytest.mark.slow
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


# -- a collection that knows its members well: every session's lists print the same people ------

PIERREFONDS = "pierrefonds/compte-rendu-30-06-2020.pdf"


@pytest.fixture(scope="module")
def two_lists(shared, attendance) -> dict[str, str]:
    """Attendance lists of two communes, as printed: Montpellier 2011 and Pierrefonds 2024."""
    with open_pdf(shared / PIERREFONDS) as pdf:
        text = text_of(pdf.pages[0])
    start = text.index("Présents :")
    return {"montpellier": attendance, "pierrefonds": text[start:text.index("Pouvoirs", start)]}


def _repaired(text: str, collection: dict, together: dict | None = None) -> str:
    from pipeline.repair import repairer

    rep = repairer()
    rep.add_people(collection, together or {})
    return rep.repair(text)[0]


@pytest.mark.parametrize("commune, printed, read", [
    ("montpellier", "Michael DELAFOSSE", "Miclnacl DELAFOSSE"),  # misreadings of poor scans, beyond a cheap confusion
    ("montpellier", "Jean-Louis GELY", "Jeau-Lonls GELY"),
    ("pierrefonds", "Emmanuelle LEMAITRE", "Emmauelk LEMAITRE"),
    ("pierrefonds", "Joachim LUDER", "loachim LUDER"),  # its capital read in lower case
    ("montpellier", "Jean-Louis ROUMEGAS", "Lcnis ROUMEGAS"),  # a compound first name read half
    ("pierrefonds", "Jean-Marc GOSSOT", "Mnrc GOSSOT"),
])
def test_a_badly_misread_first_name_is_the_member_the_collection_knows_well(two_lists, commune, printed, read):
    text = two_lists[commune]
    damaged = text.replace(printed, read)
    assert damaged != text
    pairs = names.pairs_of(text)
    assert _repaired(damaged, {p: names.STRONG_EVIDENCE for p in pairs}).count(printed) == text.count(printed)
    # read in two documents only, the member names no reading this far from their name
    assert read in _repaired(damaged, {p: 2 for p in pairs})


def test_two_readings_no_list_prints_together_are_one_person(two_lists):
    """A poor scan misreads Anne as Ame (a first name too) in most of a session's acts; rarely in
    the same document as Anne (once, the rapporteur's name read right below a list read wrong),
    it is Anne, the likelier name. Two people sharing a surname stand together in every list
    and stay two; two readings as likely as each other (Samir, Samira) are left alone."""
    registry = names.load_first_names()
    read = {("BRISSAUD", "Ame"): 25, ("BRISSAUD", "Anne"): 15, ("DUTEIL", "Carme"): 9, ("DUTEIL", "Carine"): 6,
            ("SALOMON", "Samir"): 19, ("SALOMON", "Samira"): 16}
    assert names.members(read, registry, {("BRISSAUD", "Ame", "Anne"): 1}) == {
        "BRISSAUD": {"Anne": 40}, "DUTEIL": {"Carine": 15}, "SALOMON": {"Samir": 19, "Samira": 16}}
    two = {("DUTEIL", "Carine", "Carme"): 6}  # both in six lists: two people
    assert names.members(read, registry, two)["DUTEIL"] == {"Carme": 9, "Carine": 6}
    line = two_lists["pierrefonds"].replace("Carine DUTEIL", "Carme DUTEIL")
    assert "Madame Carine DUTEIL" in _repaired(line, read, {})
    assert "Madame Carme DUTEIL" in _repaired(line, read, two)


def test_a_name_no_scan_reads_right_is_the_registry_s_that_explains_every_reading():
    """Mustapha MAJDOUL on the poor scans of the 2014 acts, Hélène DEFOSSEZ of a Pierrefonds
    list misread two ways: no reading is a first name, one first name of the registry explains
    them all. Per, Perh, Pera, Perk (Perla DANAN) are as well explained by Perle: left alone."""
    registry = names.load_first_names()
    assert names.members({("MAJDOUL", "Mustaha"): 2, ("MAJDOUL", "Musipha"): 3}, registry) == {"MAJDOUL": {"Mustapha": 5}}
    assert names.members({("DEFOSSEZ", "Hélénc"): 2, ("DEFOSSEZ", "Hclène"): 3}, registry) == {"DEFOSSEZ": {"Hélène": 5}}
    danan = {("DANAN", "Per"): 5, ("DANAN", "Perh"): 5, ("DANAN", "Pera"): 4, ("DANAN", "Perk"): 3}
    assert names.members(danan, registry) == {"DANAN": {"Per": 5, "Perh": 5, "Pera": 4, "Perk": 3}}


def test_a_surname_misread_one_letter_off_is_the_member_s_when_the_first_name_agrees(two_lists, shared):
    """Sabria BOUALLAGA read "Sobrià ROUALLAGA" on a poor scan of a 2014 act; Hélène DEFOSSEZ of a
    Pierrefonds list with her surname one letter off. Someone else with a surname one letter
    from a member's keeps both names."""
    with open_pdf(shared / "montpellier/deliberations-2014-04/2014-04-24-0000071217.pdf") as pdf:
        acts = text_of(pdf.pages[0])
    for text, printed, read in [(acts, "Sabria BOUALLAGA", "Sobrià ROUALLAGA"),
                                (two_lists["pierrefonds"], "Hélène DEFOSSEZ", "Hélène DEFOSSFZ")]:
        assert printed in text
        pairs = {p: names.STRONG_EVIDENCE for p in names.pairs_of(text)}
        assert printed in _repaired(text.replace(printed, read), pairs)
        stranger = read.split()[1]
        assert f"Paul {stranger}" in _repaired(text.replace(printed, f"Paul {stranger}"), pairs)
        assert read in _repaired(text.replace(printed, read), {p: 2 for p in pairs})  # a member read twice only


def test_a_member_s_surname_glued_to_any_next_word_is_parted(two_lists, shared):
    """The comma between two members lost and the next first name misread (HALUSKAAme-Louse on
    a poor scan of a 2014 act): a surname the collection knows well is parted from it."""
    with open_pdf(shared / "montpellier/deliberations-2014-04/2014-04-24-0000071217.pdf") as pdf:
        acts = text_of(pdf.pages[0])
    for text, printed, glued in [(two_lists["montpellier"], "ABBOU, Frédéric", "ABBOUFrécléiic"),
                                 (acts, "HALUSKA,Anne-Louise", "HALUSKAAme-Louse")]:
        assert printed in text
        damaged = text.replace(printed, glued)
        pairs = names.pairs_of(text)
        assert glued in _repaired(damaged, {p: 2 for p in pairs})  # no first name after the capitals
        assert glued not in _repaired(damaged, {p: names.STRONG_EVIDENCE for p in pairs})


@pytest.mark.slow
def test_one_ingest_reads_the_names_its_own_documents_teach(attendance, tmp_path):
    """An archive ingested for the first time: the damaged list is repaired from the two other
    documents of the same run, as a second run (or reprocess) would."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "2011-06-20.txt").write_text(attendance, encoding="utf-8")
    (src / "2011-07-25.txt").write_text(attendance.replace("Brahim ABBOU, ", ""), encoding="utf-8")
    (src / "2011-09-26.txt").write_text(attendance.replace("Arnaud JULIEN", "Amaud JULIEN"), encoding="utf-8")
    assert run_cli("ingest", str(src), "--out", str(out), "--jobs", "1").returncode == 0
    assert "Arnaud JULIEN" in (out / "text" / "2011-09-26.txt").read_text(encoding="utf-8")
    report = json.loads(max((out / "runs").glob("*.json")).read_text(encoding="utf-8"))
    assert report["read_again"] >= 1
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT rule FROM corrections WHERE doc_id = '2011-09-26.txt' AND before = 'Amaud'"
                           ).fetchall() == [("name-collection",)]
