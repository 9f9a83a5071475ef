"""Deliberation records on the minutes of any commune: the structure every council's minutes
share (issue #26), each mechanism shown on the pages of two communes at least — real documents
of the development communes in ../shared/corpus, and lines written in the forms the issue lists.
The communes held out for the benchmark (see tests/gold/README.md) are never read here."""

from __future__ import annotations

import re

import pytest

import pipeline
from benchmarks.evaluation import FORMULA, ITEM_NUMBER, VOTE_FORMS, Gold, gold_text, plain_text, revoted
from pipeline.extraction import SPACES, extract_text
from pipeline.extraction.records import Deliberation, common, find_deliberations, items, validate, votes
from pipeline.extraction import records as records_pkg
from pipeline.extraction.records.common import membership
from pipeline.extraction.records.furniture import furniture_lines
from pipeline.extraction.dates import find_dates
from tests.conftest import SHARED


def _text(path: str) -> str:
    return gold_text(Gold("x", "dev", path, "text_layer", None, {}), SHARED)


def _records(text: str) -> list:
    return find_deliberations(text, find_dates(text))


@pytest.fixture(scope="module")
def pierrefonds_2025():
    return extract_text(_text("pierrefonds/20250403-PV.pdf"), use_ner=False)["deliberations"]


@pytest.fixture(scope="module")
def larbresle_2013():
    return extract_text(_text("larbresle/CR_CM_2013-07-09.pdf"), use_ner=False)["deliberations"]


def test_register_numbers_head_the_items_of_two_communes(pierrefonds_2025, larbresle_2013):
    """"D2025-013 - Objet : Vote des taux …" (Pierrefonds) and "DL-057-07-13 - Informatisation …"
    (L'Arbresle): the deliberation's number in the register, read as the item's number, with
    the title beside it as its subject — not the section ("I", "II") the item stands in."""
    numbers = [d["number"] for d in pierrefonds_2025]
    assert {"D2025-009", "D2025-010", "D2025-013", "D2025-014", "D2025-015"} <= set(numbers)
    assert not {"I", "II", "III", "IV"} & set(numbers)
    by = {d["number"]: d for d in pierrefonds_2025}
    assert by["D2025-014"]["objet"] == "Vote du Budget Primitif 2025"
    assert (by["D2025-014"]["vote_contre"], by["D2025-014"]["vote_abstention"]) == (2, 1)
    arb = {d["number"]: d for d in larbresle_2013}
    assert {f"DL-0{n}-07-13" for n in range(56, 65)} <= set(arb)
    assert arb["DL-057-07-13"]["objet"].startswith("Informatisation réseau des médiathèques")


def test_section_titles_table_rows_and_formulas_are_no_subjects(pierrefonds_2025, larbresle_2013):
    """Sections ("FINANCES", "AFFAIRES GÉNÉRALES"), a table's row ("4 000 € 4 000 €") and the
    decision formula are what the issue found in the subjects' place: none is a subject now."""
    for d in pierrefonds_2025 + larbresle_2013:
        assert validate.subject_problem(d["objet"]) not in validate.JUNK_SUBJECTS, d["objet"]


def test_a_running_header_is_furniture_and_a_vote_line_never_is():
    """Lines repeated on most pages are the pages' furniture (Pierrefonds' "Commune de
    Pierrefonds - Conseil Municipal du …" header; L'Arbresle's "Page 2 sur 19"); a vote line
    that closes item after item on every page ("Vote : à l'unanimité") is not."""
    for path, repeated in (("pierrefonds/20250403-PV.pdf", "Conseil Municipal du 3 avril 2025"),
                           ("larbresle/CR_CM_2013-07-09.pdf", "Page 2 sur 19")):
        text = _text(path)
        lines = items.lines_of(text.replace("\f", "\n"))
        skip = furniture_lines(lines, text.split("\f"))
        furniture = [lines[i].text for i in skip]
        assert any(repeated in line for line in furniture), path
        assert not any(line.strip().startswith(("Le Conseil Municipal", "Après en avoir")) for line in furniture)
    subjects = ["Echange de parcelles", "Achat d'un terrain", "Tarifs de la cantine", "Voirie communale"]
    pages = [f"Commune de Flaux - séance du 9 juin\n{subject}\nLe maire expose le dossier {subject.lower()}.\n"
             f"Vote : à l'unanimité\n{n}/4" for n, subject in enumerate(subjects, start=1)]
    lines = items.lines_of("\n".join(pages))
    decisive = {i for i, ln in enumerate(lines) if ln.text.startswith("Vote")}
    skip = furniture_lines(lines, pages, decisive)
    assert {lines[i].text for i in skip} == {"Commune de Flaux - séance du 9 juin", "1/4", "2/4", "3/4", "4/4"}


@pytest.mark.parametrize("heading, number, title", [
    ("2019-04-01 APPROBATION DU COMPTE DE GESTION 2018", "2019-04-01", "APPROBATION DU COMPTE DE GESTION 2018"),
    ("2020-045 Tarifs de la cantine scolaire", "2020-045", "Tarifs de la cantine scolaire"),
    ("DEL2024-48 : Gratuité de la bibliothèque", "DEL2024-48", "Gratuité de la bibliothèque"),
    ("Délibération n° 12 : Vente d'un terrain communal", "12", "Vente d'un terrain communal"),
    ("13.a Convention avec le département", "13.a", "Convention avec le département"),
    ("1°) Budget primitif de l'eau", "1", "Budget primitif de l'eau"),
    ("3. - Objet : Tarifs de la salle des fêtes", "3", "Tarifs de la salle des fêtes"),  # a dash, then the label
    ("4°)\nTarifs de la salle des fêtes", "4", "Tarifs de la salle des fêtes"),  # alone on its line, the title below
    ("n° 45/2019 – Vente d'un terrain communal", "45/2019", "Vente d'un terrain communal"),  # the number, then its year
    ("D.2019.45 Vente d'un terrain communal", "D.2019.45", "Vente d'un terrain communal"),
    # the session's day, then the item; the year in two figures where a word announces the number
    ("2019-04-08-03 Vente d'un terrain communal", "2019-04-08-03", "Vente d'un terrain communal"),
    ("Délibération n° 19-045 : Vente d'un terrain communal", "19-045", "Vente d'un terrain communal"),
    ("3°/ Vente d'un terrain communal", "3", "Vente d'un terrain communal"),
    # who presents the item and an "OBJET :" alone on their lines, between the number and the title
    ("Délibération n° 7\nRapporteur : M. Paul Martin\nOBJET :\nTarifs de la salle des fêtes", "7", "Tarifs de la salle des fêtes"),
])
def test_a_heading_number_in_any_form(heading, number, title):
    """The numbers the issue lists, each heading an item of minutes closed by the formula."""
    text = (f"Commune de Saint-Exemple\nSéance du 8 avril 2019\n{heading}\nLe maire expose le dossier.\n"
            "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des membres présents :\n"
            "- APPROUVE la proposition.\n")
    statements = votes.statements(text)
    (d,) = items.read(text, statements, [text])
    assert (d.number, d.objet, d.result) == (number.removesuffix(")").rstrip("°"), title, "adopté à l'unanimité")


def test_a_time_wrapped_to_the_start_of_a_line_is_no_number():
    """"… fixée au 08 décembre 2022 à ⏎ 12h. ⏎ A l'issue de la date limite …" (Pierrefonds, its line
    breaks as printed): "12h." is a time, not item 12h headed by the next line; "13b)" stays a number."""
    assert not items.HEADING.match("12h.") and not items.HEADING.match("20h30. Ouverture de la séance")
    assert items.HEADING.match("13b) Convention avec le département").group("num") == "13b"
    # a month and its year alone are no number; after "n°" they are a register's
    text = ("Commune de Saint-Exemple\n1. Tarifs de la cantine\nLe maire expose.\nAdopté à l'unanimité.\n"
            "12/2019 Facture de la cantine réglée\nLe maire expose.\nAdopté à l'unanimité.\n")
    assert [d.number for d in items.read(text, votes.statements(text), [text])] == ["1"]


def test_the_parts_of_an_item_follow_each_other():
    """"3. Finances" then "3.1 …", "3.2 …", "3.3 …", then "4. …"; "13.a", "13.b": each part an
    item in its sequence — and "10" after "9" stays item 10, not part 0 of item 1."""
    def numbers(headings):
        text = "Commune de Saint-Exemple\n" + "".join(f"{h} Tarifs de la salle {k}\nLe maire expose.\nAdopté à l'unanimité.\n"
                                                     for k, h in enumerate(headings))
        return [d.number for d in items.read(text, votes.statements(text), [text])]
    assert numbers(["2.", "3.1", "3.2", "3.3", "4."]) == ["2", "3.1", "3.2", "3.3", "4"]
    assert numbers(["12.", "13.a", "13.b", "13.c", "14."]) == ["12", "13.a", "13.b", "13.c", "14"]
    assert numbers(["8.", "9.", "10.", "11."]) == ["8", "9", "10", "11"]


def test_counts_in_words_and_names_against():
    """Votes in words ("DEUX voix POUR - ONZE voix CONTRE et UNE ABSTENTION") and by names
    ("Contre : M. Papin, M. Tanguy" is two against), as two communes write them."""
    (st,) = votes.statements("Par : DEUX voix POUR - ONZE voix CONTRE et UNE ABSTENTION")
    assert st.counts == {"pour": 2, "contre": 11, "abstention": 1}
    (st,) = votes.statements("adopté par quatorze votes pour et deux abstentions")
    assert st.counts == {"pour": 14, "abstention": 2}
    (st,) = votes.statements("Contre : M. Papin, M. Tanguy")
    assert st.counts == {"contre": 2}
    assert votes.statements("le pour et le contre de ce projet") == []


@pytest.mark.parametrize("line, counts, result", [
    # Avranches: the council's sentence names who voted otherwise, each name a vote, under titles
    # in the singular or the plural, the lines wrapped as the text layer gives them
    ("LE CONSEIL MUNICIPAL, A L’EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET, MORAZIN, MESDAMES \n\n"
     "MAZIER, SEILLE QUI VOTENT CONTRE, ACCEPTE CETTE PROPOSITION", {"contre": 6}, "adopté"),
    ("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME RESTOUX, MONSIEUR GOUEDARD, MADAME LAVIEILLE, MONSIEUR \n\n"
     "DROULLOURS ET MONSIEUR TACHE QUI S'ABSTIENNENT, ACCEPTE CES PROPOSITIONS", {"abstention": 5}, "adopté"),
    ("LE CONSEIL MUNICIPAL, A L’EXCEPTION DE MADAME LEROY, MONSIEUR MORAZIN, MESDAMES MAZIER ET SEILLE. \n\n"
     "QUI VOTENT CONTRE ET MESSIEURS HUET ET SIRI QUI S’ABSTIENNENT , ACCEPTE CETTE PROPOSITION",
     {"contre": 4, "abstention": 2}, "adopté"),
    ("LE CONSEIL MUNICIPAL, A L’EXCEPTION DE MONSIEUR FERREIRA QUI S’ABSTIENT ET MONSIEUR HUET QUI S’ABSTIENT, ACCEPTE",
     {"abstention": 2}, "adopté"),
    ("LE CONSEIL MUNICIPAL, À L’EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET, MORAZIN, MESDAMES \n"
     "MAZIER, SEILLE QUI VOTENT POUR L'ACCEPTATION, DÉCIDE DE REFUSER L'ADJONCTION", {"pour": 6}, "rejeté"),
    # … in lower case, a first name with the surname (a form the issue gives, as any council may write it)
    ("Le Conseil Municipal, à l'exception de M. Paul Papin et Mme Tanguy qui votent contre, approuve", {"contre": 2}, "adopté"),
    # … a particle before the name, a role that names no one
    ("LE CONSEIL, A L'EXCEPTION DE MADAME X, M. DE LA FONTAINE, M. DURAND QUI VOTENT CONTRE, ACCEPTE.", {"contre": 3}, "adopté"),
    ("LE CONSEIL, SUR PROPOSITION DE MONSIEUR LE MAIRE, RAPPORTEUR, MADAME DUPONT QUI S'ABSTIENT, ACCEPTE.",
     {"abstention": 1}, "adopté"),
])
def test_members_named_before_their_vote_are_each_a_vote(line, counts, result):
    """"… A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET … QUI VOTENT CONTRE, ACCEPTE …":
    each member named is a vote, the vote said after the names, the result by the council's verb."""
    (st,) = votes.statements(line)
    assert (st.counts, votes.result_of(st)) == (counts, result)


@pytest.mark.parametrize("line", [
    # Pierrefonds: members who tell in the debate how they vote, no council's sentence: no statement
    "Monsieur LEBLANC vote CONTRE car il estime anormal que l’augmentation des impôts",
    "Mme DEBUISSER indique qu’elle et M. LEBLANC votent contre en raison d’un manque d’information",
    "M. LEBLANC précise que M. THUILLIER, Mme DEBUISSIER et lui-même s’abstiennent en raison de la tarification",
    # a clause with no member named before it
    "les communes qui votent contre ce projet",
    # members named in a sentence of the debate, not the council's decision
    "Monsieur Martin et Madame Durand, qui votent contre, expliquent leur position.",
    "Madame Martin qui vote contre rappelle que le conseil avait déjà voté ce projet",
    "Monsieur DUPONT qui s'absente donne pouvoir ; le conseil municipal passe au point suivant",
    # a role is no member: the run of names is not read from it
    "Présents : " + "Madame   DUPONT   " * 14 + "adjointe, qui vote contre",
])
def test_members_telling_their_vote_in_the_debate_are_no_statement(line):
    assert votes.statements(line) == []


def test_each_sentence_of_members_named_is_its_own_decision():
    """The council's verb closes the sentence of the names before it: the next sentence's names
    are another decision's, and a decision already read takes no names from the debate after it."""
    text = "Madame Leroy qui vote contre, le conseil adopte. Monsieur Huet qui vote contre, le conseil adopte."
    assert [st.counts for st in votes.statements(text)] == [{"contre": 1}, {"contre": 1}]
    text = ("Le conseil municipal adopte à la majorité. M. Paul Papin et Mme Tanguy qui votent contre "
            "demandent que le conseil revoie ce dossier.")
    assert [st.counts for st in votes.statements(text)] == [{}]


def test_items_without_numbers_are_named_by_their_title_line():
    """Minutes whose items carry no number (Flaux's, Couthenans' "Questions diverses"): each item
    is what lies between two votes, named by its first line that reads as a title — not the
    exposé's sentences, a recital, the prefecture's stamp nor a table's row — and it says that
    its subject was found so."""
    text = ("Envoyé en préfecture le 05/10/2023\nSéance du 9 juin 2023\nPrésents : Denis JUVIN, Catherine MARTEL\n"
            "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Philippe ROUVIER.\n"
            "Vote : à l'unanimité\n"
            "Echange de parcelles\nVu le code général des collectivités territoriales,\n"
            "Il est proposé au conseil d'échanger la parcelle A327 contre la parcelle A336.\n"
            "Vote : à l'unanimité\n"
            "Reçu en préfecture le 05/10/2023\n"
            "Dépenses 165 332.82 €\n"
            "Achat de la parcelle B288\nLe maire expose que la parcelle est à vendre.\n"
            "Vote : 9 pour, 1 abstention, 2 contre\n")
    found = items.read(text, votes.statements(text), text.split("\f"))
    assert [(d.objet, d.vote_pour, d.vote_contre, d.vote_abstention) for d in found] == [
        ("Nomination du secrétaire", None, None, None), ("Echange de parcelles", None, None, None),
        ("Achat de la parcelle B288", 9, 2, 1)]
    assert all("no heading: subject taken from the first line that reads as a title" in d.issues for d in found)


def test_doubtful_rows_ask_for_review():
    """The checks the issue names: the same number on two items of one run (not the parts of one
    item, nor sections that number again from 1), a subject cut on a preposition, a member's
    name alone, a lone "N pour" that is a footnote."""
    def row(number, objet):
        return Deliberation(number=number, objet=objet, result="adopté", vote_pour=12, session_date="2019-04-08",
                            layout="minutes")

    rows = validate.check([row("1", "Tarifs de la cantine"), row("2", "Vente du terrain"), row("3", "Travaux de voirie"),
                           row("2", "Subvention au club de football"), row("4", "Convention avec les communes de")], None)
    assert ["number shared by another item" in d.issues for d in rows] == [False, True, False, True, False]
    assert not rows[0].needs_review and rows[1].needs_review
    assert "subject looks cut" in rows[4].issues
    parts = validate.check([row("2", "DM1 pour budget communal"), row("2", "DM1 pour budget assainissement")], None)
    assert not any(d.needs_review for d in parts)  # the parts of one item follow each other
    sections = ("Séance du 8 avril 2019\nI. FINANCES\n1. Budget primitif\nVote : 12 pour\n2. Taux des taxes\n"
                "Vote : 12 pour\nII. URBANISME\n1. Vente du terrain\nVote : 12 pour\n")
    assert not any(d.needs_review for d in _records(sections))
    assert validate.subject_problem("M. Paul Martin") == "subject is a member's name"  # who is elected, not what
    assert validate.subject_problem("Election de M. Paul Martin au syndicat") is None
    footnote = "Rapport de la chambre\n57 Avec un taux de 3,85 % en 2012.\n58 Pour l'ensemble de la fonction publique.\n"
    assert _records(footnote) == []


def test_what_is_not_minutes_gives_no_records():
    """Magazines, award notices, a court of audit's report, a water report: no council decided
    anything in them, and no row comes out of them."""
    folder = SHARED / "not-deliberations"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert extract_text(text, use_ner=False)["deliberations"] == [], path.name


def _subjects(text: str) -> list[tuple[str | None, str | None]]:
    return [(d.number, d.objet) for d in items.read(text.replace("\f", "\n"), votes.statements(text), text.split("\f"))]


def test_a_date_and_the_entries_of_a_list_head_no_item():
    """A day, a month and a year on a line of their own is a date — a stamp's, as OCR read it in
    a Flaux scan of 2021 — not item 27; the numbered entries a sentence leads into ("Il est
    proposé de ⏎ 1- Maintenir …", a second Flaux scan) or that open with an infinitive
    ("1, D'autoriser …") are the clauses of a decision, not items. A heading after a vote stays
    one (Pierrefonds, 6 April 2021; Couthenans, 28 October 2022)."""
    stamp = ("Approbation du compte rendu du Conseil Municipal du 11 mars 2021\n"
             "Monsieur le Maire demande s’il ya des observations.\n"
             "PRÉFECTURE DU GARD| | Personne ne prenant la parole, il est passé au vote\n"
             "Reçu le Vote : à l'unanimité\n\n27 MAI 2021\n\nM14 - Taux d'imposition des taxes locales - 2021\n"
             "Le taux de la taxe d'habitation (THRP et THRS) 2020 est figé.\nVote : à l'unanimité\n")
    assert "27" not in [number for number, _ in _subjects(stamp)]
    clauses = ("Eau et assainissement - Conditions de facturation\n"
               "Monsieur le Maire expose qu'il convient de fixer les conditions de facturation de l'eau,\n"
               "Il est proposé de\n1- Maintenir les 2 périodes : estivale : juin à septembre\n"
               "| 2 Maintenir le prix du m° d’eau assainie à 1.02 €,\n"
               "6- Les taux de redevances sont fixées annuellement par l'Agence de l'eau :\n"
               "Vote : à l'unanimité\n"
               "Adhésion au contrat groupe d'assurance statutaire du CDG 30\n"
               "Objet: 1, D'autoriser Monsieur le Maire à signer les documents y afférents,\n"
               "2 De donner délégation à Monsieur le Maire pour résilier si besoin le contrat\n"
               "Vote : à l'unanimité\n")
    assert _subjects(clauses) == [(None, "Eau et assainissement - Conditions de facturation"),
                                  (None, "Adhésion au contrat groupe d'assurance statutaire du CDG 30")]
    headings = ("1. Budget – Commune\nLe conseil approuve le bilan des acquisitions et cessions immobilières de\n"
                "2020.\nVote : pour à l’unanimité\n"
                "2. Approbation de la prise de compétence mobilité de la Communauté de communes des\nLisières de l’Oise\n"
                "La loi d’orientation des mobilités prévoit le transfert de la compétence.\nVote : pour à l’unanimité\n"
                "3. Reversement de la taxe d’aménagement communal à la CCPH\n"
                "Le Conseil Municipal, après en avoir délibéré, à l'unanimité :\n- APPROUVE le reversement.\n")
    assert [n for n, _ in _subjects(headings)] == ["1", "2", "3"]


def test_what_a_margin_box_runs_into_a_title_is_set_aside():
    """Scanned minutes printed with a box in the margin ("Date de la convocation :", "Objet :",
    "Nombre de membres") and the prefecture's stamps: OCR runs them into the lines beside them.
    A label the pages repeat is stripped from the title it precedes; a stamp ("Affiché le …") and
    a box's line read once more are no title; an "Objet :" beside a sentence of the exposé or a
    scatter of stray glyphs heads no item. Lines of two Flaux scans (2021, 2022); the "Objet :"
    headings of Pierrefonds and L'Arbresle still name their items."""
    pages = ["REPUBLIQUE FRANÇAISE\nDEPARTEMENT du GARD\nNombre de membres\nDate de la convocation :\n"
             "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Patricia MICHOT en qualité de\n"
             "secrétaire pour la présente séance\nVote: à l'unanimité |\n",
             "REP LIQUE FRANÇAISE Votre: à l'unanimité Reçu en préfecture le 02/05/2022 :\n"
             "DÉPARTEMENT du GARD | Affiché le O9. lS5 | 2CPe.\nM 14 - affectation de résultat de fonctionnement\n"
             "| Monsieur le Maire propose au Conseil Municipal les affectations suivantes\n| Vote : À l'unanimité |\n"
             "| Date de la convocation : = Taux d'imposition des taxes locales 2022:\n"
             "Monsieur le Maire propose au Conseil Municipal les taux d'imposition 2022 suivants\n"
             "Vote : à l'unanimité\n",
             "REPUBLIQUE FRANCAISE\nNombre de membres\nDEPARTEMENT du GARD\nAchat de batardeaux\n"
             "Monsieur le Maire expose qu'il convient d'acheter des batardeaux.\nVote : à l'unanimité\n"]
    assert [objet for _, objet in _subjects("\f".join(pages))] == [
        "Nomination du secrétaire", "M 14 - affectation de résultat de fonctionnement",
        "Taux d'imposition des taxes locales 2022", "Achat de batardeaux"]
    for exposé in ("Compte rendu Monsieur le Maire propose la candidature de Michel VAILLIES en qualité de",  # Flaux 2022
                   "Madame le maire propose aux membres du conseil municipal :"):  # Pierrefonds, 28 May 2019
        assert items.PROSE.search(exposé), exposé  # the mayor speaking: the exposé, no title
    assert not items._names("Il est proposé au conseil municipal de Accepter la mise à disposition de la salle")
    assert not items._names("F . . eu L 1 Ç/ 1 RE déterminent librement, qu’elles transmettent au référent")
    assert items._names("Adhésion à la Fondation du Patrimoine")  # Pierrefonds, 3 April 2025
    assert items._names("Informatisation réseau des médiathèques")  # L'Arbresle, 9 July 2013


def test_a_published_list_of_deliberations_gives_one_record_per_entry():
    """The list a council publishes after its session (Flaux, 16 May 2025, born-digital; and the
    numbered form): each entry is a record with its subject, a line running on joined to it, and
    neither a vote nor a result, which the list does not give — nor a review for lacking them."""
    found = extract_text(_text("flaux/liste_des_deliberations_16_mai_2025.pdf"), use_ner=False)["deliberations"]
    assert [d["objet"] for d in found][:3] == [
        "Approbation du procès-verbal du 04 avril 2025",
        "Adhésion à l’association de création d’un parc naturel régional PNR",
        "Devis prévisionnel honoraires avocat sur procédure contre l’arrêté préfectoral du 13 mars 2025 "
        "approuvant le PPRI de la commune de Flaux"]
    assert len(found) == 6 and all(d["layout"] == "list" and d["result"] is None for d in found)
    assert not any(d["needs_review"] for d in found)
    numbered = ("COMMUNE DE SAINT-EXEMPLE\nRelevé des délibérations du conseil municipal du 3 avril 2025\n"
                "1. Vote du budget primitif 2025\n2) Subvention au club de football\n")
    assert [d.objet for d in _records(numbered)] == ["Vote du budget primitif 2025", "Subvention au club de football"]


def test_an_extract_of_the_register_keeps_its_number_and_its_header_vote():
    """Aizac's extract of the register (2020): its id alone on the first line ("DE_2020_02") is its
    number, and the vote in the header's box ("Pour : 6 Contre: 0 Abstention : 0") stands although
    the attendance list names five members: the council states it has eight in office ("En exercice
    : 8"), as L'Arbresle's minutes state theirs ("Nombre de conseillers en exercice : 29")."""
    (d,) = extract_text(_text("aizac/DE_2020_02.pdf"), use_ner=False)["deliberations"]
    assert (d["number"], d["objet"]) == ("DE_2020_02", "Vote du Compte Administratif de 2019 Commune d'Aizac M14")
    assert (d["vote_pour"], d["vote_contre"], d["vote_abstention"]) == (6, 0, 0)
    assert membership(_text("larbresle/CR_CM_2013-07-09.pdf")) >= 29


def test_a_heading_the_agenda_announces_is_no_running_header():
    """An item's heading comes back as often as the agenda announced it: in Pierrefonds' minutes of
    28 May 2019 "7. Festival « Les Petites Bouilles »" and "8. Festival « … »" stand in the agenda
    and as headings, on half the pages; they stay items 7 and 8. Couthenans' minutes of 28 October
    2022 (four pages) say "2. Reversement de la taxe …" in the agenda and as the heading, cut by
    the page's measure there; the general reading keeps items 2, 4 and 6."""
    found = extract_text(_text("pierrefonds/compte-rendu-28-05-2019.pdf"), use_ner=False)["deliberations"]
    by = {d["number"]: d["objet"] for d in found}
    assert by["7"].startswith("Festival « Les Petites Bouilles »") and by["8"].startswith("Festival « Les Petites Bouilles »")
    text = _text("couthenans/CR_conseil_municipal_28_10_2022.pdf")
    assert sum("2. Reversement de la taxe" in page for page in text.split("\f")) == 2
    read = items.read(text.replace("\f", "\n"), votes.statements(text), text.split("\f"))
    assert {"2", "4", "6"} <= {d.number for d in read}


def test_a_postponed_item_and_a_vote_read_in_part():
    """"L'examen de cette question est reporté à un conseil ultérieur" (Pierrefonds, 9 October 2018)
    postpones item 11, which no longer takes item 12's vote; "Affaire retirée" (Montpellier's form)
    still withdraws. A record with abstentions read but neither the votes for nor an outcome, and
    a subject that is a date or a header's label (what OCR of a Flaux margin box gives), ask for
    review."""
    found = extract_text(_text("pierrefonds/compte-rendu-09-10-2018.pdf"), use_ner=False)["deliberations"]
    by = {d["number"]: d for d in found}
    assert (by["11"]["result"], by["11"]["vote_pour"]) == ("ajourné", None)
    (st,) = votes.statements("27- Affaire retirée")
    assert st.result == "retiré"
    part = validate.check([Deliberation(number="7", objet="Organisation des rythmes scolaires", vote_abstention=5,
                                        session_date="2017-12-12", layout="minutes")], None)[0]
    assert "vote read in part" in part.issues and part.needs_review
    for subject in ("Date de la convocation", "31 mars 2021", "le 27/05/2021", "Séance du 3 avril 2025"):
        assert validate.subject_problem(subject) == "subject is a date or a header's label", subject
    assert validate.subject_problem("MAI 2021") == "subject looks like a fragment"
    assert validate.subject_problem("Vote du Budget Primitif 2025") is None


def test_a_title_inside_a_list_item_opens_the_next_name():
    """Pierrefonds 22 September 2021: "… Monsieur Romain RIBEIRO Monsieur Philippe TOLEDANO, …", a
    comma forgotten between two members; each title opens a name, so that the members listed (17
    present, one excused, one represented and who holds the proxy, counted generously) are not
    fewer than the 18 votes of its items, which no longer ask for review on that account."""
    text = _text("pierrefonds/CM-22-SEPTEMBRE-2021.pdf")
    assert membership(text) == 20
    records = extract_text(text, use_ner=False)["deliberations"]
    assert not any("votes exceed the members listed" in d["issues"] for d in records)
    assert membership("Présents : Madame Anne MARTIN, Monsieur Paul DURAND Madame Claire PETIT\n") == 3

def test_numbered_items_a_line_inside_an_item_does_not_undo():
    """What the readings above must not take: the body's items after an agenda that numbered them
    keep their numbers when a line inside the first item opens with a figure ("7 Rue des Lilas",
    which follows the agenda's 5); items titled "Secrétaire de mairie : …" or "Pouvoirs de police
    : …" are items, not an attendance list's labels; and an act of the register whose exposé
    numbers earlier votes stays one act (it has no agenda)."""
    vote = "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve."
    titles = ["Vente de l'ancienne école", "Tarifs de la cantine", "Voirie communale", "Éclairage public", "Cimetière communal"]
    agenda = "ORDRE DU JOUR\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(titles, 1))
    body = [f"1. {titles[0]}\nLe bien se situe :\n7 Rue des Lilas, parcelle cadastrée AB\nIl est proposé de le vendre.\n{vote}"]
    body += [f"{n}. {t}\nLe maire présente le dossier.\n{vote}" for n, t in enumerate(titles[1:], 2)]
    records = _records("Compte rendu du conseil municipal\n\n" + agenda + "\n\n" + "\n\n".join(body))
    assert [(d.number, d.objet) for d in records] == [(str(n), t) for n, t in enumerate(titles, 1)]
    labelled = ["Budget primitif", "Secrétaire de mairie : création d'un poste", "Pouvoirs de police : transfert", "Voirie"]
    records = _records("\n\n".join(f"{n}. {t}\n{vote}" for n, t in enumerate(labelled, 1)))
    assert [d.objet for d in records] == labelled
    act = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 12 mars 2024\n"
           "Objet : Révision du plan local d'urbanisme\n\n1. Historique\nLa prescription a été adoptée à l'unanimité.\n\n"
           "2. Bilan de la concertation\nLe bilan a été adopté à l'unanimité.\n\n3. Arrêt du projet\n{vote}").format(vote=vote)
    (record,) = _records(act)
    assert record.layout == "single_act" and record.objet == "Révision du plan local d'urbanisme"

def test_a_count_beside_an_attendance_label_heads_no_item():
    """"21 Étaient présents : M. NICOLAS, Maire" (Avranches 6 July 2018, the box's count of members
    in session run into the label's line) is the header, not item 21: the session's own vote
    below it (adding a question to the agenda) is no record, and the items are the register's."""
    text = gold_text(Gold("x", "dev", "avranches/Proces-verbal_du_conseil_municipal_du_6_juillet_2018.txt", "ocr_text",
                          None, {}), SHARED)
    records = extract_text(text, use_ner=False)["deliberations"]
    # (the first printed "2018-07.06-I": its I read back as the figure it stands for, items.digits_in_slot)
    assert [d["number"] for d in records] == ["2018-07.06-1", "2018.07.06 - 2", "2018.07.06-3"]
    vote = "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve."
    minutes = (f"15 Présents : Mme Anne MARTIN, M. Paul DURAND\n\nLe maire propose d'ajouter une question.\n{vote}\n\n"
               f"1. Budget primitif\n{vote}\n\n2. Voirie communale\n{vote}")
    assert [d.number for d in _records(minutes)] == ["1", "2"]

def test_who_leaves_before_the_vote_moves_the_total():
    """Pierrefonds, 12 April 2022: "Madame le maire quitte la séance" inside the compte
    administratif's item, before its vote (15 + 3, then 14 + 3), and "réintègre la séance" after
    it: the totals follow the members present, and no item asks for review for them. Montpellier's
    "sortent de séance" between items is read as before (tests/test_records.py)."""
    found = extract_text(_text("pierrefonds/CM-12-avril-2022.pdf"), use_ner=False)["deliberations"]
    assert [d["vote_pour"] for d in found[:2]] == [15, 14]
    assert not any("vote total does not follow the members present" in d["issues"] for d in found)


def test_a_title_runs_on_after_a_colon_and_over_a_wrapped_word():
    """A heading whose line ends on a colon announces the rest of its title on the next line ("…
    parking Sabatier II : ⏎ Autorisation à donner …", Pierrefonds 2023), and a word or two the
    line wrapped belong to it ("… réseau d'eau potable - rue ⏎ Chauret ⏎ - Autorisation …",
    Pierrefonds 2015); the exposé that follows does not."""
    by = {d["number"]: d["objet"] for d in
          extract_text(_text("pierrefonds/CM-24-janvier-2023.pdf"), use_ner=False)["deliberations"]}
    assert by["5"] == ("Création d’accès PMR WC publics et Foyer Napoléon et aménagement du parking Sabatier II : "
                       "Autorisation à donner à Madame le maire pour la signature du marché")
    by = {d["number"]: d["objet"] for d in
          extract_text(_text("pierrefonds/compte-rendu-15-10-2015.pdf"), use_ner=False)["deliberations"]}
    assert by["1"].startswith("Renouvellement des branchements, renforcement et extension du réseau d’eau potable - rue "
                              "Chauret - Autorisation à donner à Madame le maire")
    assert "Madame le Maire passe la parole" not in by["1"]


def test_the_words_before_a_vote_on_its_line_name_one_decision_of_a_list():
    """A list of subsidies voted one by one (a Flaux scan of 2023: "AOP d'Uzès 70 € vote : à
    l'unanimité"): each line is a record named by the words before its vote. A margin's words OCR
    ran in front of a garbled vote label (a Flaux scan of 2022: "REP LIQUE FRANÇAISE Votre: à
    l'unanimité") name nothing: the item's title line does."""
    text = ("PNR (Adhésion à l'Association de préfiguration d'un Parc Naturel Régional)\n"
            "Monsieur le Maire expose le projet de Parc Naturel Régional.\n"
            "Vote : 1 contre, 3 abstentions (Mme MARTEL - Mme MICHOT - Mr PLUS)\n\n7 pour\n\nSubventions Associations\n"
            "Le conseil municipal décide d'attribuer les subventions suivantes :\n\n"
            "La fiesta demande : 1000 € Vote : 9 pour\n(Mr VAILLIES et Mr PLUS ne votent pas)\n\n"
            "AOP d'Uzès 70 € vote : à l'unanimité\n\nATP 250 € vote : à l'unanimité\n\nDivers 180€ vote : à l'unanimité\n")
    assert [(objet) for _, objet in _subjects(text)] == [
        "PNR (Adhésion à l'Association de préfiguration d'un Parc Naturel Régional)", "La fiesta demande : 1000 €",
        "AOP d'Uzès 70 €", "ATP 250 €", "Divers 180€"]
    garbled = ("M 14 - approbation du compte de gestion et administratif\n"
               "Monsieur le Maire présente au Conseil Municipal le compte de gestion.\n"
               "REP LIQUE FRANÇAISE Votre: à l'unanimité Reçu en préfecture le 02/05/2022 :\n"
               "M 14 - affectation de résultat de fonctionnement\n"
               "Monsieur le Maire propose au Conseil Municipal les affectations suivantes\nVote : À l'unanimité\n")
    assert [objet for _, objet in _subjects(garbled)] == [
        "M 14 - approbation du compte de gestion et administratif", "M 14 - affectation de résultat de fonctionnement"]


def test_a_title_the_agenda_announces_is_noted_not_sent_to_review():
    """Minutes without numbers name each item by a guessed title line, which asks for review —
    unless the agenda names the same title (two readings of it, OCR's errors aside, in two places;
    Flaux scans of 2021 and 2023). A title with words the agenda does not give (a margin's "Note de
    synthèse" run into it) still asks."""
    text = ("Séance du 31 mars 2023\nNomination du secrétaire\nMonsieur le Maire propose la candidature de Philippe ROUVIER.\n"
            "Vote : à l'unanimité\nOrdre du jour\nApprobation du procès-verbal du 27 janvier 2023\n"
            "Date de la convocation : -_ M14- approbation du compte de gestion\n"
            "M 49 - approbation du compte de gestion\nQuestions diverses\n\n"
            "Approbation du procès-verbal du 27 janvier 2023\nMonsieur le Maire demande s’il y a des observations.\n"
            "Vote : à l'unanimité\nM 14 - approbation du compte de gestion\n"
            "La présentation du compte de gestion M14 pour l’année 2022 fait apparaître un excédent.\n"
            "Vote : à l'unanimité\nNote de synthèse M 49 - approbation du compte de gestion\n"
            "La présentation du compte de gestion M49 pour l’année 2022 fait apparaître un excédent.\n"
            "Vote : à l'unanimité\n")
    found = items.read(text, votes.statements(text), [text])
    for d in found:
        d.session_date = "2023-03-31"  # the header's, as find_deliberations gives it
    found = validate.check(found, None)
    assert [(d.objet, d.needs_review) for d in found] == [
        ("Nomination du secrétaire", True),
        ("Approbation du procès-verbal du 27 janvier 2023", False),  # the agenda ends where its first line is said again
        ("M 14 - approbation du compte de gestion", False),
        ("Note de synthèse M 49 - approbation du compte de gestion", True)]
    assert items.ANNOUNCED in found[2].issues
    # a title cut short (a stamp printed over its end, Flaux 2023-12-15) is not one the agenda gives
    agenda = ["Dépenses d'investissement avant le vote du budget 2024 M49",  # Flaux
              "Approbation de l’adhésion de la Communauté de Communes Thelloise au Syndicat d’Energie de l’Oise"]  # Pierrefonds
    assert items._announced("M49 - Dépenses d’investissement avant le vote du budget 2024", agenda)
    assert not items._announced("M49 - Dépenses d’investissement avant le v", agenda)
    assert items._announced("Approbation de l'adhésion de la Communauté de Communes Thelloise au Syndicat d'Energie de l'Oise", agenda)
    assert not items._announced("Approbation de l’adhésion de la Communauté de", agenda)


def test_the_agenda_names_the_items_of_minutes_without_numbers():
    """Minutes whose items carry no number, under an agenda: each item is named by the line of
    its span that says an agenda entry again (each entry named once), and that subject asks for
    no review. The body's line is the subject unless the entry says more: a stamp printed over the
    line cut it, or the exposé ran into it. The agenda ends at "Questions diverses" or where the
    first item says its first entry again, and OCR may have lost the label's first letter ("rdre
    du jour"). A title said in the agenda and again on another page is no running header. Lines
    of Flaux scans as OCR read them, and Pierrefonds' minutes of 15 October 2015 with their
    numbers taken away."""
    pages = ["Séance du 9 juin 2023\nPrésents : Denis JUVIN - Catherine MARTEL\nrdre du jour\n\n"
             "Approbation du procès-verbal du 31 mars 2023\n\nRPQS Assainissement\n\n"
             "M 49 - affectation de résultat de fonctionnement\n\nRéalisation d’un parc photovoltaïque\n\n"
             "Questions diverses\n\nOuverture de la séance\n"
             "Le quorum est atteint, Monsieur le Maire déclare la séance ouverte\nNomination du secrétaire\n"
             "Monsieur le Maire propose la candidature de Patricia MICHOT.\nVote : à l'unanimité",
             "Approbation du procès-verbal du Conseil Municipal du 31 mars 2023\n"
             "Monsieur le Maire demande s’il y a des observations.\nVote : à l'unanimité\n"
             "RPQS Assainissement\nLe rapport annuel est présenté au conseil.\nVote : à l'unanimité",
             "M 49 - affectation de résultat de fonctionner] as, en préfecture le 19/06/2023\n"
             "Excédent de fonctionnement 32 098.19 €\nVote : à l'unanimité\n"
             "Réalisation d’un parc photovoltaïqueLa commune de Flaux envisage de réaliser un\n"
             "projet sur un terrain communal.\nVote : à l'unanimité\nQuestions diverses\nBilan de la bibliothèque.\n"]
    text = "\n".join(pages)
    found = items.read(text, votes.statements(text), pages)
    for d in found:
        d.session_date = "2023-06-09"
    found = validate.check(found, None)
    assert [(d.objet, d.needs_review) for d in found] == [
        ("Nomination du secrétaire", True),  # the agenda does not say it: a guess
        ("Approbation du procès-verbal du Conseil Municipal du 31 mars 2023", False),
        ("RPQS Assainissement", False),
        ("M 49 - affectation de résultat de fonctionnement", False),
        ("Réalisation d’un parc photovoltaïque", False)]
    assert all(items.ANNOUNCED in d.issues for d in found[1:])
    path = "pierrefonds/compte-rendu-15-10-2015.pdf"
    bare, numbered = _numbered(path, ""), _numbered(path, "{n}. ")
    assert len(bare) == len(numbered) == 9
    for d, n in zip(bare, numbered):
        assert n["objet"].startswith(d["objet"]) and len(d["objet"]) > 40 or d["objet"] == n["objet"]
        assert items.ANNOUNCED in d["issues"] and not d["needs_review"]


def test_a_title_set_over_several_lines_is_named_by_its_whole_entry():
    """An unnumbered item whose title the body sets over several lines, the agenda giving it as one
    entry (its lines carried on in lower case): the body's first line opens the entry, and the
    lines under it say the rest — the subject is the whole entry, not its first line. A title line
    the agenda does not give goes on over a line opening in lower case, not over a recital. Lines of Pierrefonds'
    minutes of 28 May 2019 (numbers taken away) and of a Flaux scan as OCR read it."""
    text = ("Séance du 28 mai 2019\nPrésents : Denis JUVIN - Catherine MARTEL\nOrdre du jour\n"
            "Conclusion d’une convention d’utilisation de l’orgue pour des activités non cultuelles\n"
            "compatibles avec l’exercice du culte avec l’association « Les Orgues de la Forêt » et\n"
            "l’association diocésaine de Beauvais\n"
            "ONF Distraction et application du régime forestier dans le cadre d’un\n"
            "échange de parcelles forestières\n"
            "Questions diverses\n"
            "Conclusion d’une convention d’utilisation de l’orgue pour des activités non cultuelles\n"
            "compatibles avec l’exercice du culte avec l’association « Les Orgues de la Forêt » et\n"
            "l’association diocésaine de Beauvais\n"
            "L’église Saint Sulpice, propriété de la commune est affectée au culte.\n"
            "Vote : Pour à l’unanimité\n"
            "ONF Distraction et application du régime forestier dans le cadre d’un\n"
            "échange de parcelles forestières\n"
            "Le conseil municipal est invité à se prononcer.\n"
            "Vote : à l'unanimité\n"
            "Approbation à donner pour l’adhésion de la Communauté de Communes des Lisières de l’Oise\n"
            "au Syndicat Aisne Navigable Axonaise\n"
            "Madame le maire rappelle aux membres du conseil municipal que depuis le 1er janvier 2018, la\n"
            "Communauté de Communes a pris la compétence.\n"
            "Vote : Pour à l’unanimité\n"
            "Autorisation à donner à Madame le maire pour signer la convention\n"
            "vu le code général des collectivités territoriales,\n"
            "vu la délibération du 12 mars 2019,\n"
            "Vote : Pour à l’unanimité\n")
    found = items.read(text, votes.statements(text))
    assert [d.objet for d in found] == [
        "Conclusion d’une convention d’utilisation de l’orgue pour des activités non cultuelles compatibles avec "
        "l’exercice du culte avec l’association « Les Orgues de la Forêt » et l’association diocésaine de Beauvais",
        "ONF Distraction et application du régime forestier dans le cadre d’un échange de parcelles forestières",
        "Approbation à donner pour l’adhésion de la Communauté de Communes des Lisières de l’Oise au Syndicat "
        "Aisne Navigable Axonaise",
        "Autorisation à donner à Madame le maire pour signer la convention"]  # … not over the recitals under it
    assert [items.ANNOUNCED in d.issues for d in found] == [True, True, False, False]


def test_the_stamp_printed_over_the_end_of_a_line_is_cut_from_it():
    """The prefecture's stamp (ACTES: "Reçu en préfecture le …", "Envoi Préfecture : …", its id)
    is printed over the text where it falls: a scanned title runs into it (Flaux, as OCR reads
    it), a text layer joins it to the line level with it (Montpellier's act: the act's date). The
    line keeps its own words, and is furniture only when it has fewer than three of them."""
    from pipeline.extraction.records import furniture

    act = _text("montpellier/deliberations-2014-04/2014-04-24-0000071216.pdf")
    joined = next(line for line in act.splitlines() if re.search(r"Pr[ée]fecture\s*:", line) and len(line.split()) > 4)
    assert furniture.before_stamp(joined) == "jeudi 24 avril 2014"
    text = ("Séance du 31 mars 2023\nPrésents : Denis JUVIN - Catherine MARTEL\n\n"
            "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Patricia MICHOT.\nVote : à l'unanimité\n\n"
            "Envoyé en préfecture le 19/06/2023\n"
            "M 49 - affectation de résultat de fonctionner] as, en préfecture le 19/06/2023\n"
            "Publié le\nID : 030-213001100-20230609-PV31032023-DE\n"
            "Résultat de fonctionnement 32 098.19 €\nVote : à l'unanimité\n")
    found = items.read(text, votes.statements(text), [text])
    assert [d.objet for d in found] == ["Nomination du secrétaire", "M 49 - affectation de résultat de fonctionner"]
    lines = items.lines_of(text)
    skip = furniture_lines(lines, None)
    assert {lines[k].text for k in skip} == {"Envoyé en préfecture le 19/06/2023", "Publié le",
                                           "ID : 030-213001100-20230609-PV31032023-DE"}


@pytest.mark.parametrize("path, session", [
    ("larbresle/CR_CM_2013-07-09.pdf", "2013-07-09"),    # "L'an deux mille treize le neuf juillet"
    ("aizac/DE_2020_02.pdf", "2020-03-09"),              # "L'an deux mille vingt et le neuf mars"
    ("pierrefonds/20250403-PV.pdf", "2025-04-03"),       # "L'an deux mille vingt-cinq, le 3 avril"
])
def test_the_session_date_in_words_that_opens_minutes(path, session):
    """"L'an <year in words>, le <day> <month>": the formula that opens a register's minutes is the
    session's date, read in words on three communes' real documents — even where no other line of
    the document gives the date in figures (those lines are taken out here)."""
    text = _text(path)
    opening = next(line for line in text.splitlines() if re.match(r"\s*L['’]an\s+deux", line))
    (date,) = [d for d in find_dates(opening) if d.role == "session"]
    assert date.start == session and date.precision == "day"
    figures = re.compile(r"\b\d{1,2}(?:er)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
                         r"|novembre|décembre)\s+\d{4}\b|\d{1,2}/\d{1,2}/\d{4}", re.I)
    words_only = "\n".join(line for line in text.splitlines() if line == opening or not figures.search(line))
    sessions = [d for d in find_dates(words_only) if d.role == "session" and d.precision == "day"]
    assert sessions and sessions[0].start == session


@pytest.mark.parametrize("path, session", [
    ("larbresle/CR_CM_2013-07-09.pdf", "2013-07-09"),
    ("aizac/DE_2020_02.pdf", "2020-03-09"),
    ("pierrefonds/20250403-PV.pdf", "2025-04-03"),
])
def test_the_session_formula_with_its_year_in_figures(path, session):
    """"L'an 2013, le neuf juillet": the same formula as the registers above, as a commune typing its
    minutes gives it, the year in figures — the three communes' opening lines, their year so written."""
    opening = next(line for line in _text(path).splitlines() if re.match(r"\s*L['’]an\s+deux", line))
    typed = re.sub(r"(?i)(L['’]an\s+)deux\s+mille?(?:[\s-]+(?:et|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze"
                   r"|treize|quatorze|quinze|seize|vingt))*", lambda m: m.group(1) + session[:4], opening, count=1)
    assert session[:4] in typed and "deux mil" not in typed.lower()
    (date,) = [d for d in find_dates(typed) if d.role == "session"]
    assert date.start == session and date.precision == "day"
    (date,) = [d for d in find_dates(re.sub(r",?\s+le\s", " et le ", typed, count=1)) if d.role == "session"]  # "L'an 2013 et le …"
    assert date.start == session
    # in a sentence, "l'an 2019" is any year the text speaks of: no session's formula
    assert not [d for d in find_dates("Le conseil rappelle que l'an " + typed.split(maxsplit=1)[-1]) if d.role == "session"]


def _typed_lines(path: str) -> list:
    """The lines of a development document with what its typography says of each (as ingest
    keeps the pages' segments and extraction reads them back)."""
    from pipeline.extraction.layout import set_apart
    from pipeline.extraction.records import _apart
    from pipeline.record import Segment
    from pipeline.sources.layout import segments_of_page
    from pipeline.sources.pdf import open_pdf

    with open_pdf(SHARED / path) as pdf:
        segments = [[Segment(*s) for s in segments_of_page(p)] for p in pdf.pages]
    text = _text(path)
    lines = items.lines_of(text.replace("\f", "\n"))
    for line, flag in zip(lines, _apart(text.split("\f"), set_apart(segments))):
        line.apart = flag
    return lines


def _line(lines, opening: str):
    return next(line for line in lines if line.stripped.startswith(opening))


@pytest.mark.slow
def test_typography_sets_the_headings_apart_on_two_communes():
    """Bold where the text is not: the items' headings and section titles of L'Arbresle and
    Pierrefonds are set apart, their exposés are not — also on a page of L'Arbresle whose
    decision paragraph is bold (the document's text, not the page's, says what is plain)."""
    arb = _typed_lines("larbresle/CR_CM_2013-07-09.pdf")
    for opening in ("DL-064-07-13 - Déclassement", "DL-055-07-13 - Signature du marché", "V. FINANCES"):
        assert _line(arb, opening).apart is True, opening
    for opening in ("Monsieur GAUTHIER présente le dossier.", "Courant 2012, la Municipalité"):
        assert _line(arb, opening).apart is False, opening
    pie = _typed_lines("pierrefonds/20250403-PV.pdf")
    for opening in ("D2025-009- Objet : Adhésion", "II. FINANCES", "I. AFFAIRES GÉNÉRALES"):
        assert _line(pie, opening).apart is True, opening
    assert _line(pie, "La Fondation du Patrimoine est un organisme").apart is False


@pytest.mark.slow
def test_a_numbered_line_in_plain_type_is_no_item_where_the_headings_are_set_apart():
    """"2 L'ensemble des coûts … sera supporté" (L'Arbresle) and "II La sanction administrative"
    (Pierrefonds) are numbered lines of an exposé: read as headings from the text alone, not
    once the typography shows every heading of the document in bold and them in plain type."""
    for path, number, opening in (("larbresle/CR_CM_2013-07-09.pdf", "2", "L’ensemble des coûts"),
                                  ("pierrefonds/20241210-PV.pdf", "II", "La sanction administrative")):
        lines = _typed_lines(path)
        typed = [(h.number, h.title) for h in items._headings(lines, set())]
        for line in lines:
            line.apart = None
        plain = [(h.number, h.title) for h in items._headings(lines, set())]
        found = [(n, t) for n, t in plain if n == number and t.startswith(opening)]
        assert found, (path, number)  # the text alone takes it for an item ...
        assert not set(found) & set(typed)  # ... its typography does not
        assert len(typed) >= 8


@pytest.mark.slow
def test_a_title_set_apart_ends_where_the_plain_text_begins():
    """A section title in bold, then the agenda's plain lines under it (Pierrefonds); an item's
    bold title, then its plain exposé after a colon (Couthenans): the title stops at the type."""
    pie = {h.number: h.title for h in items._headings(_typed_lines("pierrefonds/20250403-PV.pdf"), set())
           if h.number in ("I", "II")}
    assert pie == {"I": "Affaires générales", "II": "Finances"} or pie == {"I": "AFFAIRES GÉNÉRALES", "II": "FINANCES"}
    cou = {h.number: h.title for h in items._headings(_typed_lines("couthenans/CR_conseil_municipal_07_10_2022.pdf"), set())}
    assert cou["1"] == "ONF Etat d’assiette 2023" and cou["3"] == "Subventions aux associations"


# --- minutes as plain text another tool gives ----------------------------------------------------

def _pdfminer_text(path: str, pages: tuple[int, int] | None = None) -> str:
    """A born-digital PDF's text as another tool gives it (``benchmarks.evaluation.plain_text``:
    pdfminer.six's, with blank lines between its boxes, no-break spaces, no page break)."""
    return plain_text(Gold("x", "dev", path, "text_layer", pages, {}), SHARED)


def _read(records: list) -> list[tuple]:
    return [(d["number"], d["objet"], d["vote_pour"], d["vote_contre"], d["vote_abstention"], d["result"]) for d in records]


def test_a_title_s_final_stop_given_apart_is_no_title():
    """Couthenans' minutes of 29 January 2021 as pdfminer gives their text: "I ⏎ ⏎ . ⏎ Convention
    de mise à disposition de personnel" — the title's final stop a box of its own, between the
    number and the title. A line of signs alone is no title: the item is named by the line below
    it (it was named "."), as below a dash alone."""
    by = {d["number"]: d["objet"] for d in extract_text(_pdfminer_text("couthenans/CR_reunion_20210129.pdf"),
                                                        use_ner=False)["deliberations"]}
    assert by["I"] == "Convention de mise à disposition de personnel"
    text = ("Séance du 8 avril 2019\n1.\n . \nTarifs de la cantine scolaire\nLe maire expose le dossier.\nVote : 12 pour\n"
            "2.\n–\nVente du terrain communal\nLe maire expose le dossier.\nVote : 12 pour\n"
            "3.\nTravaux de voirie\nLe maire expose le dossier.\nVote : 12 pour\n")
    assert [(d.number, d.objet, d.rapporteur) for d in _records(text)] == [
        ("1", "Tarifs de la cantine scolaire", None), ("2", "Vente du terrain communal", None),
        ("3", "Travaux de voirie", None)]


@pytest.mark.parametrize("path", ["couthenans/CR_reunion_20210917.pdf", "pierrefonds/compte-rendu-28-05-2019.pdf"])
def test_no_break_spaces_and_double_spacing_change_no_record(path):
    """A text file exported by a word processor keeps its no-break spaces (between every word of
    some: Couthenans' minutes through pdfminer had no record at all), and some tools write a blank
    line after every line: the same minutes, the same records."""
    text = _text(path).replace("\f", "\n")
    plain = _read(extract_text(text, use_ner=False)["deliberations"])
    assert len(plain) >= 9 and all(objet for _, objet, *_ in plain)
    assert _read(extract_text(text.replace(" ", "\u00a0"), use_ner=False)["deliberations"]) == plain
    assert _read(extract_text(text.replace("\n", "\n\n"), use_ner=False)["deliberations"]) == plain
    assert _read(extract_text(text.replace("\n", "\n\n\n\n"), use_ner=False)["deliberations"]) == plain


def test_a_title_runs_on_over_the_blank_line_between_two_boxes():
    """pdfminer puts a blank line between a title's lines where the PDF drew them as two boxes:
    "… réseau d'eau potable - rue Chauret ⏎⏎ - Autorisation à donner …" (Pierrefonds), "…
    REMBOURSEMENT DES FRAIS DE ⏎⏎ DEPLACEMENT DES ELUS DE LA VILLE" (Montpellier). A line that
    plainly carries the title on (a part of it, lower case, after a preposition) continues it; a
    sentence after a blank line does not."""
    pierrefonds = extract_text(_pdfminer_text("pierrefonds/compte-rendu-15-10-2015.pdf"), use_ner=False)["deliberations"]
    first = next(d for d in pierrefonds if d["number"] == "1")
    assert first["objet"].startswith("Renouvellement des branchements")
    assert first["objet"].endswith("la signature du marché de travaux en procédure adaptée")
    montpellier = items._headings(items.lines_of(_pdfminer_text("montpellier/proces-verbaux-2014/PV_CM_24_04_2014.pdf",
                                                                (6, 22))), set())
    titles = {h.title for h in montpellier}
    assert "MODALITES ET CONDITIONS DE REMBOURSEMENT DES FRAIS DE DEPLACEMENT DES ELUS DE LA VILLE" in titles
    assert "Election d'un Adjoint au Maire" in titles  # the blank line and "Monsieur le Maire:" after it end it
    assert validate.subject_problem("Noël 2018 – cadeaux au personnel Madame le maire rappelle aux membres du "
                                    "conseil que chaque année") == "subject runs into the text"


def test_a_title_s_last_line_alone_before_the_speaker_is_the_title_s():
    """A title's last line alone between two blank lines, a member speaking after it, is the
    title's, though it carries nothing on plainly: "10- Commission d'Appel d'Offres de la Ville de
    Montpellier ⏎⏎ Election des membres ⏎⏎ Monsieur le Maire:" (Montpellier's procès-verbal),
    "5. Création d'accès PMR … Sabatier II : ⏎⏎ Autorisation à donner à Madame le maire pour la
    signature du marché ⏎⏎ Madame le Maire passe la parole …" (Pierrefonds). A sentence there is
    the exposé's, and a title its lines hold whole stays as it was."""
    montpellier = extract_text(_pdfminer_text("montpellier/proces-verbaux-2014/PV_CM_24_04_2014.pdf", (6, 22)),
                               use_ner=False)["deliberations"]
    objets = {d["number"]: d["objet"] for d in montpellier}
    assert objets["10"] == "Commission d'Appel d'Offres de la Ville de Montpellier Election des membres"
    assert objets["2"] == "Election d'un Adjoint au Maire"
    pierrefonds = extract_text(_pdfminer_text("pierrefonds/CM-24-janvier-2023.pdf"), use_ner=False)["deliberations"]
    fifth = next(d for d in pierrefonds if d["number"] == "5")
    assert fifth["objet"].endswith("Sabatier II : Autorisation à donner à Madame le maire pour la signature du marché")
    assert common.carries_on("Commission d'Appel d'Offres", "Election des membres", speaker_next=True)
    assert not common.carries_on("Commission d'Appel d'Offres", "Election des membres")  # no speaker after it
    for line in ("Il n’y aura pas de coupe ONF pour l’année 2023", "Nous avons reçu la demande", "Ce point a été vu",
                 "Exposé des motifs", "Discussion générale", "Commission Enfance du 3 mars 2023 : avis favorable",
                 "Y a-t-il des questions ?", "Chers collègues,", "Vu le Code général des collectivités territoriales",
                 "Le Conseil Municipal", "Arrivée de Madame Durand à 19h05", "Madame le Maire rappelle les montants"):
        assert not common.carries_on("Subventions aux associations :", line, speaker_next=True), line


@pytest.mark.parametrize("line, counts, result", [
    # a count never takes the label after it when that label has its own count after a colon
    ("Nombre de votants : 19 Pour : 17 Contre : 2 Abstention : 0", {"pour": 17, "contre": 2, "abstention": 0}, None),
    ("Nombre de votants : 19\nPour : 17\nContre : 2", {"pour": 17, "contre": 2}, None),
    # labels first without a colon, two at least in a row; counts first keep their reading
    ("Pour 18 Contre 4 Abstention 1", {"pour": 18, "contre": 4, "abstention": 1}, None),
    ("POUR 23 - CONTRE 0 - ABSTENTION 0", {"pour": 23, "contre": 0, "abstention": 0}, None),
    ("14 pour 2 contre", {"pour": 14, "contre": 2}, None),
    # "voix" between the pieces of one statement
    ("Voix pour : 18 ; voix contre : 4 ; abstentions : 1", {"pour": 18, "contre": 4, "abstention": 1}, None),
    # the majority of the votes cast (Pierrefonds 2018-12-03, Montpellier 2011-05-09) or of the members present
    ("Le conseil municipal, à la majorité des suffrages exprimés, se prononce", {}, "adopté à la majorité"),
    ("Le Conseil Municipal, à la majorité des membres présents, décide", {}, "adopté à la majorité"),
    # a label a bare figure follows belongs to it: "par 25 voix contre 4" is 25 for and 4 against, never 25 against
    ("Adopté par 25 voix contre 4", {"pour": 25, "contre": 4}, "adopté"),
    # a table: the labels on a line, the counts under them, each read by its place; not when a cell is missing
    ("POUR\tCONTRE\tABSTENTION\n12\t1\t1", {"pour": 12, "contre": 1, "abstention": 1}, None),
    ("VOTANTS POUR CONTRE\n14 12 2", {"pour": 12, "contre": 2}, None),
    # … the members present and voting before the vote's columns, whose heads have several words:
    # the last cells under the vote's labels; a dash is a cell with no count
    ("Membres en exercice Présents Votants Pour Contre Abstention\n19 15 17 12 2 -", {"pour": 12, "contre": 2}, None),
    ("POUR CONTRE ABSTENTIONS\n27 - -", {"pour": 27}, None),
    # a table exported cell by cell: each label on its line, its count on the next
    ("POUR\n12\nCONTRE\n2\nABSTENTION\n1", {"pour": 12, "contre": 2, "abstention": 1}, None),
    ("Pour :\n15\nContre :\n0", {"pour": 15, "contre": 0}, None),
    # … a table of two columns as a text layer gives its rows: each label, its count beside it
    ("POUR 23\nCONTRE 0\nABSTENTION 4", {"pour": 23, "contre": 0, "abstention": 4}, None),
    # … a table whose rows open with their label cell
    ("VOTE POUR CONTRE ABSTENTION\nNombre de voix 23 0 4", {"pour": 23, "contre": 0, "abstention": 4}, None),
    ("Votants Pour Contre\nVoix : 14 12 2", {"pour": 12, "contre": 2}, None),
    # … or column after column: the heads one under the other, then the cells (a blank line between any two)
    ("POUR\nCONTRE\nABSTENTION\n27\n0\n0", {"pour": 27, "contre": 0, "abstention": 0}, None),
    ("Membres en exercice\n\nVotants\n\nPour\n\nContre\n\n19\n\n17\n\n15\n\n2", {"pour": 15, "contre": 2}, None),
    # a count in words ending its line after the label, with who voted so
    ("POUR : douze\nCONTRE : deux (M. Papin, M. Tanguy)", {"pour": 12, "contre": 2}, None),
    # an election said in a sentence, with its tally or its unanimity
    ("M. Paul Martin est élu avec 13 voix.", {}, "élu"),
    ("Mme Claire Petit, ayant obtenu 13 voix, est proclamée élue.", {}, "élu"),
    ("Mme Claire Petit est élue à l'unanimité.", {}, "élu"),
])
def test_vote_counts_in_the_forms_minutes_give_them(line, counts, result):
    (st,) = votes.statements(line)
    assert st.counts == counts
    assert st.result == result  # counts alone: the result is read from them (votes.result_of)




def test_an_agenda_entry_runs_on_over_its_lines_as_a_title_does():
    """An agenda's entry set over several lines is one entry, as a title is: the line after one
    cut on a preposition carries it on ("… au titre de la ⏎ Dotation d'Equipement …", Pierrefonds,
    24 January 2023), and so does a dash line under it ("Remplacement … rue Chauret ⏎ - Autorisation
    à donner …", 28 June 2016). Before, the second line was an entry of its own and named the first
    item of minutes whose items carry no number. Dash lines under a line whose colon opens their
    list are entries ("Budget – Commune : ⏎ - Approbation du compte de gestion 2021", 12 April
    2022), and a line the agenda does not read as an entry (a scan's remnant "vie sociale -",
    Flaux, 16 December 2022) carries nothing on."""
    first = {"pierrefonds/CM-24-janvier-2023.pdf": "Rue de l’Armistice – 1ére tranche : Sollicitation d’une subvention",
             "pierrefonds/compte-rendu-28-06-2016.pdf": "Remplacement de 76,5 mètres du réseau d’assainissement - rue Chauret"
                                                       " - Autorisation à donner"}
    for path, start in first.items():
        bare, numbered = _numbered(path, ""), _numbered(path, "{n}. ")
        assert bare[0]["objet"].startswith(start) and numbered[0]["objet"].startswith(start)
        assert not bare[0]["needs_review"] and items.ANNOUNCED in bare[0]["issues"]
    listed = [d["objet"] for d in _numbered("pierrefonds/CM-12-avril-2022.pdf", "")]
    assert listed[:4] == ["Approbation du compte de gestion 2021", "Approbation du compte administratif 2021",
                          "Affectation des résultats 2021", "Vote des subventions aux associations"]
    scan = ["Ordre du jour", "", "+ Approbation du procès-verbal du 23 novembre 2022",
            "+ Dépenses d'investissement avant le vote du budget 2023 M14 *",
            "Dépenses d'investissement avant le vote du Puget 2023 M49...", "", "vie sociale -",
            "+-M49 - Interconnexion des 2 réservoirs - Emprunt long terme", "", "+ Questions diverses"]
    lines = items.lines_of("\n".join(scan))
    entries, _ = items._entries(lines, items._agenda(lines), set(), set())
    assert entries[-1] == "M49 - Interconnexion des 2 réservoirs - Emprunt long terme" and len(entries) == 4

    def read(agenda: list[str]) -> list[str]:
        lines = items.lines_of("\n".join(["Ordre du jour"] + agenda + ["Questions diverses"]))
        return items._entries(lines, items._agenda(lines), set(), set())[0]
    # dash lines running to the agenda's end are its entries; a short section label is no entry's end
    assert read(["Désignation du secrétaire de séance", "- Budget primitif 2023 de la commune",
                 "- Subventions aux associations"]) == ["Désignation du secrétaire de séance",
                                                        "Budget primitif 2023 de la commune", "Subventions aux associations"]
    assert read(["Approbation du procès-verbal du 12 mai", "Finances", "Budget primitif 2023 de la commune"]) == [
        "Approbation du procès-verbal du 12 mai", "Budget primitif 2023 de la commune"]
    assert read(["Travaux de modernisation de l'éclairage public", "– Autorisation à donner au maire",
                 "Fourniture des repas de la cantine"]) == [
        "Travaux de modernisation de l'éclairage public – Autorisation à donner au maire", "Fourniture des repas de la cantine"]


def test_a_session_of_one_item_the_agenda_announces_gives_its_record():
    """One vote is no minutes (a magazine may print one), unless the agenda announces the item it
    closes: Pierrefonds' session of 23 August 2017, one item, its title set over two lines as the
    agenda set it — the agenda ends where the body says its entry again, from its first line."""
    (record,) = extract_text(_text("pierrefonds/compte-rendu-23-08-2017.pdf"), use_ner=False)["deliberations"]
    assert record["objet"].startswith("Création d’un poste d’agent d’animation dans le cadre du dispositif")
    assert record["result"] == "adopté à l'unanimité" and not record["needs_review"]


@pytest.mark.parametrize("path, subjects", [
    ("pierrefonds/CM-06-OCTOBRE-2022.pdf", ["Rénovation de l’éclairage public", "Budget Commune – Décision modificative n°1",
                                           "Services périscolaires et accueil de loisirs"]),
    ("pierrefonds/compte-rendu-11-03-2020.pdf", ["Renouvellement du contrat de prestation", "Approbation de la Convention"]),
])
def test_an_act_s_cue_said_in_minutes_leaves_their_numbered_items(path, subjects):
    """A single act's cue in the words of minutes ("le registre des délibérations fait désormais
    l'objet uniquement d'une signature", said since the 2022 reform; a contract ended "par lettre
    recommandée avec accusé de réception") does not make the minutes one act: their numbered items,
    each with its vote, are read (one row with no subject before)."""
    records = extract_text(_text(path), use_ner=False)["deliberations"]
    assert [d["number"] for d in records] == [str(n) for n in range(1, len(subjects) + 1)]
    assert all(d["objet"].startswith(subject) for d, subject in zip(records, subjects))

@pytest.mark.parametrize("line", ["Vote : Pour à l’unanimité", "Vote : Pour, à l’unanimité", "Pour, à l'unanimité",
                                  "POUR, A L'UNANIMITE"])
def test_a_unanimity_after_its_label_with_or_without_a_comma(line):
    """"Vote : Pour, à l'unanimité" closes item after item of Pierrefonds' minutes of 2016-2017 as
    "Vote : Pour à l'unanimité" closes those of later years: one statement, unanimous."""
    (st,) = votes.statements(line)
    assert st.unanimous


def test_a_title_runs_on_while_its_bracket_is_open():
    """A title whose bracket the line leaves open goes on to the line that closes it, whatever
    that line opens with ("… d'un fonctionnaire (article ⏎ 3-2 de la loi n°84-53)", Pierrefonds
    9 July 2016, whose two items and their votes "Vote : Pour, à l'unanimité" gave no record)."""
    records = extract_text(_text("pierrefonds/compte-rendu-09-07-2016.pdf"), use_ner=False)["deliberations"]
    assert [(d["number"], d["result"]) for d in records] == [("1", "adopté à l'unanimité"), ("2", "adopté à l'unanimité")]
    assert records[0]["objet"].endswith("(article 3-2 de la loi n°84-53)")
    assert not any(d["needs_review"] for d in records)
    lines = items.lines_of("1. Subvention à l'association (Comité des fêtes\n2024) pour le 14 juillet\nLe maire expose.")
    assert items._title(lines, 0, lines[0].text[3:], set()) == "Subvention à l'association (Comité des fêtes 2024) pour le 14 juillet"

@pytest.mark.parametrize("line, counts", [
    ("Le Conseil Municipal, après en avoir délibéré, à la majorité (M. Papin et Mme Tanguy votant contre), approuve.",
     {"contre": 2}),
    ("Le Conseil Municipal, après en avoir délibéré, par 12 voix pour, M. Papin et M. Tanguy s'abstenant, approuve.",
     {"pour": 12, "abstention": 2}),
    ("Le Conseil Municipal, après en avoir délibéré, à la majorité, Mme Leroy ayant voté contre, approuve.", {"contre": 1}),
    # the count said already: the names restate it
    ("Le Conseil Municipal, après en avoir délibéré, par 13 voix pour et 2 voix contre (M. Papin et Mme Tanguy votant "
     "contre), approuve.", {"pour": 13, "contre": 2}),
    # told in the debate, in a sentence of its own: no vote
    ("Vote : 15 voix pour.\nMme Petit, s'abstenant d'habitude, a voté pour cette fois.", {"pour": 15}),
    ("Adopté à l'unanimité.\nM. Dupont, ayant voté contre en commission, s'en félicite.", {}),
    # the members' tallies before the counts on their line
    ("Présents : 12 – Pouvoirs : 2 – Votants : 14 – Pour : 12 – Contre : 2", {"pour": 12, "contre": 2}),
    ("Votants : 14 dont 2 pouvoirs – Pour : 14", {"pour": 14})])
def test_members_named_with_their_participle_in_the_council_s_vote_count(line, counts):
    """Members named with their participle in the council's own vote ("à la majorité (M. Papin
    et Mme Tanguy votant contre)", "…, M. X s'abstenant,") each count, as "Contre : M. Papin, M.
    Tanguy" does (the issue's own form); never when a sentence of the debate tells them. The
    benchmark's "named" vote form writes them on Couthenans' and Pierrefonds' minutes."""
    found = [st.counts for st in votes.statements(line) if st.counts or st.result or st.unanimous]
    assert found[0] == counts


@pytest.mark.parametrize("line", ["la majorité des membres en exercice étant présents, le conseil peut délibérer",
                                  "une durée de 3 ans pour 2 contrats", "prévu pour 2021 contre 2020",
                                  "POUR CONTRE ABSTENTION\n12 1",  # a cell missing: which count is whose is not known
                                  "Pour\n12",  # one label over a figure: a table's column, no vote
                                  "Pour 12",  # one label and a figure beside it: a table's row, no vote
                                  "Tarifs Recettes Dépenses\nSection de fonctionnement 12 13",
                                  "Recettes Dépenses\n12 13", "Pour : une partie des travaux",
                                  "Budget\nFonctionnement\n12\n13", "Pour\nContre\n12",
                                  "le maire est élu pour six ans"])
def test_a_quorum_or_a_sentence_with_figures_is_no_vote(line):
    assert votes.statements(line) == []


# --- the same minutes, their items numbered otherwise or not at all -------------------------------

def _numbered(path: str, form: str) -> list[dict]:
    """The records of real minutes whose item numbers are rewritten in ``form`` ("" for none)."""
    text = _text(path).translate(SPACES)
    return extract_text(ITEM_NUMBER.sub(lambda m: m.group(1) + form.format(n=m.group(2)), text), use_ner=False)["deliberations"]


@pytest.mark.slow
@pytest.mark.parametrize("form", ["N° {n} – ", "Délibération n° 2019-{n} : ", "Point {n} - ",
                                  "DÉLIBÉRATION N° 2019-{n}\nObjet : ", "n° {n}/2019 – ", "D.2019.{n} ",
                                  "N° {n}\nRapporteur : M. Paul Martin\nOBJET :\n"])
def test_items_numbered_in_other_forms_read_alike(form):
    """Couthenans' "1/ Motion ONF :" and Pierrefonds' "1. Remplacement …", numbered the ways other
    communes number them: every item read, with its number. A vote that ends on "… 14 votes
    pour" does not lead into the next heading as into a list's entry, a vote after a label that
    names it ("Vote de la motion : 12 votes pour") is a decision, and the sentence a title's colon
    leads into ("ONF Etat d'assiette 2023 : ⏎ Il n'y aura pas de coupe …") is no part of it. A
    register's heading alone on its line takes its "Objet :" line below as its title (and, coming
    back on every item, is no running header); several "Objet :" lines make no single act."""
    couthenans = _numbered("couthenans/CR_reunion_20210917.pdf", form)
    assert len(couthenans) == 11 and all(d["number"] for d in couthenans)
    november = _numbered("couthenans/CR_reunion_20211105.pdf", form)
    assert [d["objet"] for d in november][:2] == ["Recensement voirie communale", "Renouvellement contrat GRDF"]
    assert all(d["number"] and d["layout"] == "minutes" for d in november)
    assert couthenans[0]["objet"] == "Motion ONF" and (couthenans[0]["vote_pour"], couthenans[0]["vote_abstention"]) == (12, 2)
    october = _numbered("couthenans/CR_conseil_municipal_07_10_2022.pdf", form)
    assert october[0]["objet"] == "ONF Etat d’assiette 2023"
    pierrefonds = _numbered("pierrefonds/compte-rendu-09-10-2018.pdf", form)
    assert len(pierrefonds) == 13 and all(d["number"] for d in pierrefonds)
    assert pierrefonds[1]["objet"].startswith("Travaux de peinture au groupe scolaire")


@pytest.mark.slow
def test_an_objet_line_two_items_share_is_no_running_header():
    """Pierrefonds' minutes of 28 May 2019 as a register numbers them ("DÉLIBÉRATION N° 2019-7 ⏎
    Objet : Festival « Les Petites Bouilles » ⏎ - Fixation des tarifs des insertions", then "…
    2019-8 ⏎ Objet : Festival « Les Petites Bouilles » ⏎ - Fixation des tarifs des produits
    dérivés …"): the "Objet :" line, in the agenda and over two items, came back on most of the
    document's pages and was taken for a running header — the subjects lost their first line. An
    item's "Objet :" line (or the line under an "OBJET :" alone) is its heading, as a numbered line
    is; Couthenans' minutes in that form read as they do."""
    may = {d["number"]: d["objet"] for d in _numbered("pierrefonds/compte-rendu-28-05-2019.pdf", "DÉLIBÉRATION N° 2019-{n}\nObjet : ")}
    assert may["2019-7"] == "Festival « Les Petites Bouilles » - Fixation des tarifs des insertions"
    assert may["2019-8"].startswith("Festival « Les Petites Bouilles » - Fixation des tarifs des produits dérivés")
    as_printed = {d["number"]: d["objet"] for d in _numbered("pierrefonds/compte-rendu-28-05-2019.pdf", "{n}. ")}
    assert [may[f"2019-{n}"] for n in range(1, 10)] == [as_printed[str(n)] for n in range(1, 10)]
    for form in ("N° {n}\nOBJET :\n", "N° {n}\nOBJET :\n\n", "N° {n}\nOBJET :\nRapporteur : M. Paul Martin\n"):
        under = {d["number"]: d["objet"] for d in _numbered("pierrefonds/compte-rendu-28-05-2019.pdf", form)}
        assert [under[str(n)] for n in range(1, 10)] == [as_printed[str(n)] for n in range(1, 10)], form  # the title under "OBJET :"
    for path in ("couthenans/CR_reunion_20210917.pdf", "couthenans/CR_reunion_20211105.pdf"):
        register = _numbered(path, "DÉLIBÉRATION N° 2019-{n}\nObjet : ")
        assert [d["objet"] for d in register] == [d["objet"] for d in _numbered(path, "{n}. ")] and len(register) >= 3


@pytest.mark.slow
def test_items_with_no_number_are_read_from_their_votes():
    """The same minutes with no number at all: an item lies between two decisions, its title the
    first line there that reads as one and the lines that plainly continue it (cut after a
    preposition, a dash line); who arrives at what time and the session's opening formula name
    no item; several votes of one item each named on the line above them are several decisions
    ("Vote des comptes de gestion 2020 : ⏎ 15 pour", Couthenans)."""
    pierrefonds = [d["objet"] for d in _numbered("pierrefonds/compte-rendu-09-10-2018.pdf", "")]
    assert "Travaux de peinture au groupe scolaire - Autorisation à donner à Madame le maire pour la signature du marché" in pierrefonds
    assert "Création d’un emploi d’adjoint technique territorial à 20 h par semaine" in pierrefonds
    assert not any(o.startswith(("L’an deux mille", "Arrivée de")) for o in pierrefonds)
    may = [d["objet"] for d in _numbered("pierrefonds/compte-rendu-28-05-2019.pdf", "")]
    assert not any(o.startswith(("L’an deux mille", "Arrivée de")) for o in may) and len(may) >= 8
    april = [d["objet"] for d in _numbered("couthenans/CR_reunion_20210409.pdf", "N° {n} – ")]
    assert april[:2] == ["Vote des comptes de gestion 2020", "Vote du budget assainissement 2020"] and len(april) == 8


@pytest.mark.parametrize("path", ["couthenans/CR_reunion_20210917.pdf", "pierrefonds/compte-rendu-09-10-2018.pdf"])
def test_a_lone_number_in_minutes_without_numbers_heads_no_item(path):
    """Minutes with no number whose exposé holds one numbered line (a list's fifth entry, a
    table's row that OCR began with a figure): minutes that number their items number more than
    one, so that line is no heading. Before, every decision after it was its item's (one row
    left) and every one before it was lost."""
    text = _text(path).translate(SPACES)
    plain = ITEM_NUMBER.sub(lambda m: m.group(1), text)
    lines = plain.split("\n")
    at = next(i for i, line in enumerate(lines) if i > len(lines) // 3 and len(line.split()) > 8)
    stray = "\n".join(lines[:at] + ["5. Les travaux seront réalisés en deux tranches"] + lines[at:])
    want = [(d["objet"], d["vote_pour"]) for d in extract_text(plain, use_ner=False)["deliberations"]]
    got = extract_text(stray, use_ner=False)["deliberations"]
    assert len(want) >= 8 and [(d["objet"], d["vote_pour"]) for d in got] == want
    assert not any(d["number"] for d in got)


def test_an_unnumbered_title_is_no_sentence_no_table_head_and_no_wrapped_line():
    """Minutes with no number, each item's title the first line after the last decision that
    reads as one: not a sentence opening on its pronoun ("Il n’y aura pas de coupe …",
    Couthenans), not a paragraph's line the line above carries on ("… Madame le ⏎ Maire précise
    que …", Pierrefonds), not a table's head or row ("76 Produits financiers 5,81 5,00" read as
    item 76 swallowed Pierrefonds' budget), "Vote :" repeated is a vote's label, not a margin's
    (it hid Pierrefonds' "- Vote des subventions aux associations"), and no clause opening on its
    preposition or sentence with "sera" (Couthenans' "Pour remplacer Marielle, …" hid "Election du
    3 ème adjoint"; lines of Flaux scans)."""
    couthenans = [d["objet"] for d in _numbered("couthenans/CR_conseil_municipal_07_10_2022.pdf", "")]
    assert couthenans[0] == "ONF Etat d’assiette 2023" and not any(o.startswith("Il ") for o in couthenans)
    october = [d["objet"] for d in _numbered("pierrefonds/compte-rendu-14-10-2020.pdf", "")]
    assert not any(o.startswith(("Maire précise", "Conseil Municipal du")) for o in october)
    april = [d["objet"] for d in _numbered("pierrefonds/CM-12-avril-2022.pdf", "")]
    assert april[:4] == ["Approbation du compte de gestion 2021", "Approbation du compte administratif 2021",
                         "Affectation des résultats 2021", "Vote des subventions aux associations"]
    assert items._carries_on_paragraph(items.lines_of("la commune de\nRésidence principale"), 1, set())
    assert not items._carries_on_paragraph(items.lines_of("14 votes pour\nAttribution de compensation"), 1, set())
    assert items.TABLE_ROW.search("Produits financiers 5,81 5,00")
    november = [d["objet"] for d in _numbered("couthenans/CR_reunion_20211126.pdf", "")]
    assert "Election du 3 ème adjoint" in november and not any(o.startswith("Pour ") for o in november)
    flaux = ("Convention de délégation de gestion des sinistres\n"
             "De donner délégation au Centre de Gestion pour assurer la gestion des sinistres\n"
             "Une convention sera établie pour une durée d’une année, renouvelable par tacite\n"
             "Suite au porter à connaissance et la carte de l’aléa incendie de forêt de la commune de\n")
    lines = items.lines_of(flaux)
    assert [items._segment_title(lines, [k], set(), set()) for k in range(1, 4)] == [None, None, None]
    assert items._segment_title(lines, range(4), set(), set()) == (0, "Convention de délégation de gestion des sinistres")


def test_an_unnumbered_title_set_in_capitals_goes_on_in_capitals():
    """A title set in capitals over several lines, with no number to head it, is the whole title,
    as a numbered one is: a Flaux scan of 16 December 2022 as OCR reads it (the subject was its
    first line alone), and Montpellier's heading of 17 February 2014 with its number taken away —
    up to the first line that is not in capitals, or a blank line."""
    flaux = ("AVIS D'APPEL A MANIFESTATION D’INTERET CONCURRENTE\n"
             "SUITE A LA MANIFESTATION D’INTERET SPONTANEE POUR LA\n"
             "CONCLUSION D'UN CONTRAT DE BAIL REALISATION,\n"
             "EXPLOITATION ET MAINTENANCE D'UNE CENTRALE\n"
             "PHOTOVOLTAIQUE AU SOL\n\n"
             "Dans le cadre d’un projet de parc photovoltaïque au sol, un avis d'appel à la\n")
    lines = items.lines_of(flaux)
    assert items._runs_on(lines, 0, lines[0].stripped, set()) == (
        "AVIS D'APPEL A MANIFESTATION D’INTERET CONCURRENTE SUITE A LA MANIFESTATION D’INTERET SPONTANEE POUR LA "
        "CONCLUSION D'UN CONTRAT DE BAIL REALISATION, EXPLOITATION ET MAINTENANCE D'UNE CENTRALE PHOTOVOLTAIQUE AU SOL")
    montpellier = ("QUARTIER CEVENNES (PETIT BARD - PERGOLA)\nPROJET DE RENOVATION URBAINE\n"
                   "Plan de Sauvegarde du Petit Bard\nAttribution de subventions en parties privatives\n")
    lines = items.lines_of(montpellier)
    assert items._runs_on(lines, 0, lines[0].stripped, set()) == "QUARTIER CEVENNES (PETIT BARD - PERGOLA) PROJET DE RENOVATION URBAINE"
    # a title in small letters does not take the capitals of the line under it; nor does a title in capitals
    # take who presents it, the formula, a recital, who attended, the next heading
    lines = items.lines_of("Subventions aux associations\nASSPEC ET COOPERATIVE SCOLAIRE\n")
    assert items._runs_on(lines, 0, lines[0].stripped, set()) == "Subventions aux associations"
    for below in ("RAPPORTEUR : M. DUPONT", "LE CONSEIL MUNICIPAL,", "VU LE CODE GENERAL DES COLLECTIVITES TERRITORIALES,",
                  "PRESENTS : 12 VOTANTS : 14", "2. TARIFS DE LA CANTINE"):
        lines = items.lines_of(f"SUBVENTION AU CLUB DE FOOTBALL\n{below}\n")
        assert items._runs_on(lines, 0, lines[0].stripped, set()) == "SUBVENTION AU CLUB DE FOOTBALL", below


def test_the_agenda_ends_where_the_first_title_says_its_first_entry_again_wrapped_otherwise():
    """The first item's title says the agenda's first entry again, but the page wraps it at
    another word: Pierrefonds' minutes of 5 December 2023 without their numbers ("Rue de
    l'Armistice – 2ème tranche : … au titre de la" under the agenda's "… au titre de la
    Dotation"); the agenda ended only 25 lines on, the title was taken for an entry, and the first
    record was named by a clause of its decision. Couthenans' agenda of 29 January 2021, its first
    entry said again wrapped shorter, ends there too."""
    first = _numbered("pierrefonds/CM-05-decembre-2023.pdf", "")[0]
    assert first["objet"].startswith("Rue de l’Armistice – 2ème tranche : Sollicitation d’une subvention")
    couthenans = ("Ordre du jour :\nConvention de mise à disposition de personnel.\nPADD (Plan d’Aménagement et de "
                  "Développement Durable).\nAdhésion aux associations.\nPlan de sauvegarde communal.\nQuestions diverses.\n"
                  "Convention de mise à disposition\nde personnel.\nC’est une convention entre la commune et le Centre De Gestion.\n")
    assert sorted(items._agenda(items.lines_of(couthenans))) == [1, 2, 3, 4, 5]
    # an entry that opens as the first one does is an entry still, not the first title
    agenda = ("Ordre du jour :\nBudget primitif 2021\nBudget primitif 2021 du service de l'eau\nTarifs de la cantine\n"
              "Budget primitif 2021\nLe maire présente le budget.\n")
    assert items._agenda(items.lines_of(agenda)) == {1, 2, 3}
    # … and the title said longer than the agenda's first line, which the measure cut
    longer = ("Ordre du jour :\nRue de l’Armistice : Sollicitation\nd’une subvention au titre de la DETR\nTarifs 2024\n"
              "Rue de l’Armistice : Sollicitation d’une subvention au titre\nde la DETR\nLe maire expose.\n")
    assert items._agenda(items.lines_of(longer)) == {1, 2, 3}


def test_votes_listed_one_after_another_are_named_by_their_label_above_them_without_numbers():
    """Without numbers, votes listed one after another, each under its label ("Vote des comptes
    de gestion 2020 : ⏎ 15 pour ⏎ Vote de l'état 1259 2021 : ⏎ 15 pour", Couthenans 9 April 2021)
    are each a decision named by its label, as under a numbered heading — "1259 2021" made the
    label too little of letters to read as a title, and that vote was lost. A vote's label under
    an item's title and exposé names no item (Pierrefonds 12 April 2022: "Vote pour l'ensemble des
    subventions :" under "Vote des subventions aux associations")."""
    april = {d["objet"]: d for d in _numbered("couthenans/CR_reunion_20210409.pdf", "")}
    assert april["Vote de l’état 1259 2021"]["vote_pour"] == 15
    assert {"Vote des comptes de gestion 2020", "Vote du budget primitif 2021"} <= set(april)
    pierrefonds = [d["objet"] for d in _numbered("pierrefonds/CM-12-avril-2022.pdf", "")]
    assert "Vote des subventions aux associations" in pierrefonds and "Vote pour l’ensemble des subventions" not in pierrefonds


def test_an_unnumbered_title_after_any_dash_is_read():
    """A title opening on a dash is read past it, whichever dash the page prints: Pierrefonds'
    minutes of 12 April 2022 without numbers ("− Constitution d’une provision semi-budgétaire",
    a minus sign: the hyphen and the em dash were stripped, the en dash and the minus were not,
    and the item was lost), and Montpellier's "– Autorisation de signature" (20 June 2011)."""
    april = [d["objet"] for d in _numbered("pierrefonds/CM-12-avril-2022.pdf", "")]
    assert "Constitution d’une provision semi-budgétaire" in april
    for dash in "-–—−":
        assert items._beside_margin(f"{dash} Autorisation de signature", set()) == "Autorisation de signature"


@pytest.mark.slow
def test_an_unnumbered_item_s_second_decision_is_a_record_of_its_own():
    """Without numbers, a second decision under one title, each called so ("Vote : pour à
    l'unanimité", an exposé, "Vote : pour à l'unanimité": Pierrefonds 14 October 2020, the
    agreement in principle for a school trip, then the commune's share) or each in the council's
    formula (the same minutes, their votes written "Le Conseil Municipal, après en avoir
    délibéré, à l'unanimité …"), is a record of its own named by the title, as under a numbered
    heading (session 23, Pierrefonds and Couthenans) — it was lost. Both ask for review."""
    text = _text("pierrefonds/compte-rendu-14-10-2020.pdf").translate(SPACES)
    for new in (text, revoted(text, "par 12 voix pour et 2 contre")):
        found = extract_text(ITEM_NUMBER.sub(lambda m: m.group(1), new), use_ner=False)["deliberations"]
        trip = [d for d in found if d["objet"].startswith("Classe de découverte 2021")]
        assert len(trip) == 2 and all(items.UNNAMED_DECISION in d["issues"] and d["needs_review"] for d in trip)
        assert len(found) == 9
    # a line between them that may head an item not read (in capitals, or opening on a number): no second decision
    # of the item above — the item whose title could not be read is not named by its neighbour's, but kept
    unread = ("Présents : M. Jean DUPONT, Mme Anne MARTIN\n\nTarifs de la cantine\nLe maire expose les tarifs.\n"
              "Vote : pour à l'unanimité\n2022 – BUDGET PRIMITIF\nLe maire expose les besoins.\nVote : pour à l'unanimité\n"
              "Subvention au club de football\nLe maire expose la demande.\nVote : pour à l'unanimité\n")
    found = extract_text(unread, use_ner=False)["deliberations"]
    assert [d["objet"] for d in found] == ["Tarifs de la cantine", None, "Subvention au club de football"]
    assert items.NO_TITLE in found[1]["issues"] and found[1]["needs_review"]  # kept, its title to review


@pytest.mark.slow
def test_three_decisions_or_more_under_one_title_none_named_ask_for_review():
    """Pierrefonds, 18 February 2020: item 1, the commune's budget, holds three decisions each voted ("Vote :
    - Pour : 13 - Abstentions : 2"), and nothing the reader takes for a name leads to them; its rows said the
    item's title and were not sent to review (in the budget sessions of 2016 and 2017, up to 18 rows so, before
    their subsidies were named by their lines). Three decisions or more under one title no line names: each
    asks for review (a title names one decision or a pair). Two decisions under one numbered title are left
    as they were (item 4 of 14 October 2020, "accord de principe et participation"), and so in another
    commune's words: decisions of a list each voted under the item's title."""
    found = extract_text(_text("pierrefonds/compte-rendu-18-02-2020.pdf"), use_ner=False)["deliberations"]
    first = [d for d in found if d["number"] == "1"]
    assert len(first) >= 3 and all(items.UNNAMED_DECISION in d["issues"] and d["needs_review"] for d in first)
    found = extract_text(_text("pierrefonds/compte-rendu-14-10-2020.pdf"), use_ner=False)["deliberations"]
    trip = [d for d in found if d["objet"].startswith("Classe de découverte 2021")]
    assert len(trip) == 2 and not any(items.UNNAMED_DECISION in d["issues"] for d in trip)
    listed = ("Séance du 12 mars 2019\n1. Travaux de voirie\nLe maire présente les chantiers.\nLe chemin des Prés sera refait.\n"
              "Vote : 14 voix pour, 1 abstention\nLa rue Haute sera refaite.\nVote : unanimité\nLa place de l'église sera refaite.\n"
              "Vote : unanimité\n2. Tarifs de la cantine\nLe maire expose les tarifs.\nVote : unanimité\n")
    found = extract_text(listed, use_ner=False)["deliberations"]
    works = [d for d in found if d["number"] == "1"]
    assert len(works) == 3 and all(items.UNNAMED_DECISION in d["issues"] and d["needs_review"] for d in works)
    assert [d["needs_review"] for d in found if d["number"] == "2"] == [False]


@pytest.mark.slow
def test_a_list_of_subsidies_each_voted_names_each_decision_by_its_line():
    """A budget session's first item holds its parts (dash lines) and a list of subsidies, each association
    on a line of its own with its sum, then its vote ("Judo 700 € / ⏎ Vote : Pour, à l'unanimité"): each
    decision is named by the one line of its lead that grants a sum, where the item lists two such
    decisions at least (Pierrefonds, 4 April 2017 and 30 June 2020; every row said the item's title before).
    A list voted once stays one decision (Couthenans, 7 October 2022: "ASSPEC : 600€ ⏎ Coopérative scolaire :
    600€ ⏎ … ⏎ 13 votes"); a lone cost line in a plan of financing names nothing (Pierrefonds, 27 May 2025)."""
    found = extract_text(_text("pierrefonds/compte-rendu-04-04-2017.pdf"), use_ner=False)["deliberations"]
    first = [d["objet"] for d in found if d["number"] == "1"]
    assert first[:5] == ["Approbation du compte de gestion 2016", "Approbation du compte administratif 2016",
                         "Affectation des résultats 2016", "Festival des Forêts 3000 €", "Amitié Loisirs Aînés 610 €"]
    assert {"Judo 700 €", "Gym volontaire 350 €", "Budget primitif 2017"} <= set(first)
    def votes_of(name):
        d = next(d for d in found if d["objet"] == name)
        return d["vote_pour"], d["vote_contre"], d["vote_abstention"], d["result"]
    assert votes_of("Festival des Forêts 3000 €") == (8, 1, 7, "adopté")
    # two votes each called so are two, the unanimity first complete: "USP 2600 € / ⏎ Vote : Pour, à l'unanimité ⏎
    # Compagnie d'arc 450 € / ⏎ Vote : ⏎ - Pour : 15 ⏎ - Abstention : 1" (the counts had closed the unanimity above)
    assert votes_of("USP 2600 €") == (None, None, None, "adopté à l'unanimité")
    assert not next(d for d in found if d["objet"] == "USP 2600 €")["needs_review"]  # an acronym and its sum: no lone name
    assert votes_of("Compagnie d’arc 450 €") == (15, None, 1, "adopté")
    found = extract_text(_text("pierrefonds/compte-rendu-30-06-2020.pdf"), use_ner=False)["deliberations"]
    assert [d["objet"] for d in found if d["number"] == "1"] == [
        "Affectation des résultats 2019", "A.C.P.G.-A.C.A.T.M. 320 €", "U.N.C. 320 €", "Comité des Fêtes 2000 €",
        "Jumelage 500 €", "Bols d’air 400 €", "Coopérative scolaire 2000 €", "Judo 500 €",
        "Vote du taux des taxes communales", "Budget primitif 2020"]
    couthenans = extract_text(_text("couthenans/CR_conseil_municipal_07_10_2022.pdf"), use_ner=False)["deliberations"]
    assert [(d["objet"], d["vote_pour"]) for d in couthenans if d["number"] == "3"] == [("Subventions aux associations", 13)]
    may = extract_text(_text("pierrefonds/20250527-PV.pdf"), use_ner=False)["deliberations"]
    assert not any("9 300,00 €" in (d["objet"] or "") for d in may)

    def read(text):
        return [(d.number, d.objet) for d in items.read(text, votes.statements(text), [text])]
    # the same list in another commune's words, read by the numbered reader itself
    assert read("1. Subventions\nLe maire présente les demandes.\nJudo 700 €\nVote : unanimité\nTennis club : 300 €\n"
                "Vote : 12 pour, 2 abstentions\nHarmonie 500 €\nVote : unanimité\n2. Voirie\nLe maire expose.\nVote : unanimité\n") \
        == [("1", "Judo 700 €"), ("1", "Tennis club : 300 €"), ("1", "Harmonie 500 €"), ("2", "Voirie")]
    # a sum under each part's own sub-title, or each tariff under its own title: the sub-titles name them
    assert read("1. Budget\n- Compte administratif 2018\nExcédent de fonctionnement : 125 430,12 €\nVote : unanimité\n"
                "- Affectation du résultat\nReport en investissement : 125 430,12 €\nVote : unanimité\n2. Cantine\n"
                "Le maire expose.\nVote : unanimité\n") \
        == [("1", "Compte administratif 2018"), ("1", "Affectation du résultat"), ("2", "Cantine")]
    assert [objet for _, objet in read("1. Tarifs\nCantine\nTarif enfant : 3,50 €\nVote : unanimité\nGarderie\nTarif : 1,20 €\n"
                                        "Vote : unanimité\n2. Voirie\nLe maire expose.\nVote : unanimité\n")] \
        == ["Tarifs Cantine", "Tarifs Cantine", "Voirie"]
    # a table's row or a calculation that ends on a sum names nothing
    for row in ("Charges à caractère général 250 000 260 000 €", "Artères aériennes : 40 x 1,62182 x 7,964 = 516,65 €",
                "Le budget réservé aux associations s’élève à 2000€", "Inférieur à 667 2,00 €"):
        assert items.granted(row) is None, row


def test_two_results_of_one_item_each_opening_its_line_are_two_decisions():
    """An item's two decisions, each said by its result opening the line, capitalised, an exposé
    between them ("ADOPTÉ à l'unanimité." … "ADOPTÉ 9 voix pour, 5 abstentions.": Couthenans, 29
    January 2021, item III, two associations' memberships, as plain text where nothing sets the
    second association's name apart) are two records, as decisions each in the formula are — they
    were read as one decision told twice, and the first was lost. So in Montpellier's words
    ("Adopté à l'unanimité", "Adopté à la majorité")."""
    plain = extract_text(_pdfminer_text("couthenans/CR_reunion_20210129.pdf"), use_ner=False)["deliberations"]
    third = [(d["vote_pour"], d["vote_abstention"], d["result"]) for d in plain if d["number"] == "III"]
    assert third == [(None, None, "adopté à l'unanimité"), (9, 5, "adopté")]
    # the numbered reader itself, in Montpellier's words: two results each opening its line, an exposé
    # between, are two decisions, each to review; not the formula, then the result told again under it
    def read(text):
        return validate.check(items.read(text, votes.statements(text), [text]), None)
    two = read("1. Engagement de la Ville en faveur des Logiciels Libres\nLe rapporteur présente la charte.\n"
               "Adopté à l'unanimité\nLa convention avec l'association est présentée ensuite.\nAdopté à la majorité\n"
               "2. Tournage de la série télévisée Antigone 34\nLe rapporteur présente la convention.\nAdopté à l'unanimité\n")
    assert [(d.number, d.result) for d in two] == [("1", "adopté à l'unanimité"), ("1", "adopté à la majorité"),
                                                  ("2", "adopté à l'unanimité")]
    assert all(items.UNNAMED_DECISION in d.issues and d.needs_review for d in two[:2]) and items.UNNAMED_DECISION not in two[2].issues
    told = read("1. Tarifs de la cantine\nLe maire expose les tarifs.\nLe Conseil municipal, après en avoir délibéré, "
                "à l'unanimité, approuve les tarifs.\nAinsi fait et délibéré les jour, mois et an susdits.\n"
                "ADOPTÉ À L'UNANIMITÉ\n2. Voirie communale\nLe maire expose.\nAdopté à l'unanimité\n")
    assert [d.number for d in told] == ["1", "2"]


def test_the_session_s_own_vote_before_the_items_is_no_record():
    """A vote above the first item's title, where nothing but the header and the mayor's words
    stand (Pierrefonds 28 May 2019: the mode of the vote, under "Secrétaire : …"), is the
    session's, no item's — while a title after the header's labels, as Flaux prints "Nomination
    du secrétaire" (its lines written again here, the scans are not OCR'd in the tests), stays a
    record, though a line of its text opens on "secrétaire"; the session named and dated is the
    header, never a subject."""
    may = [d["objet"] for d in _numbered("pierrefonds/compte-rendu-28-05-2019.pdf", "")]
    assert may[0].startswith("Conclusion d’un contrat de sous-location") and len(may) == 9
    flaux = ("Séance du 28 avril 2022\nPrésents : Denis DURAND - Muriel PETIT - Michel VIDAL\nAbsents : Jean MARTIN\n"
             "Ouverture de la séance\nLe quorum est atteint, Monsieur le Maire déclare la séance ouverte\n"
             "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Michel VIDAL en qualité de\n"
             "secrétaire pour la présente séance\nVote : à l'unanimité\n"
             "Décision modificative M49\nLe maire expose la décision.\nVote : à l'unanimité\n")
    assert [d["objet"] for d in extract_text(flaux, use_ner=False)["deliberations"]] == ["Nomination du secrétaire",
                                                                                           "Décision modificative M49"]
    assert validate.subject_problem("Conseil Municipal du 28 mai 2019") == "subject is a date or a header's label"
    assert validate.subject_problem("CR du conseil municipal 7 octobre 2022") == "subject is a date or a header's label"
    assert validate.subject_problem("Approbation du compte rendu du conseil municipal du 9 avril 2019") is None


def test_roman_parts_inside_a_numbered_item_take_not_its_vote():
    """"7- Modalités … des agents territoriaux et des élus", its text in two parts "I) MODALITES …
    AGENTS", "II) MODALITES … ELUS", then its vote block (Montpellier's procès-verbal as plain
    text): the vote is item 7's. Where items are numbered in figures, headings in roman figures
    after the last item and before the next are its parts; sections in roman figures before the
    items stay sections (Pierrefonds 2025-04-03, above)."""
    records = extract_text(_pdfminer_text("montpellier/proces-verbaux-2014/PV_CM_24_04_2014.pdf", (6, 22)),
                           use_ner=False)["deliberations"]
    by = {d["number"]: d for d in records}
    assert not {"I", "II"} & set(by)
    assert by["7"]["objet"].startswith("Modalités et conditions de remboursement des frais de déplacement")
    assert by["7"]["vote_pour"] == 65



def test_a_list_numbered_from_one_inside_an_item_leaves_the_items_sequence():
    """A list inside an item, numbered from 1 again ("7. Mise en place de la nomenclature M57" then
    "1 - Rappel du contexte", "2 - Application …", "4- Sur l'expérimentation …", Pierrefonds
    28 June 2022; "QUESTION No 12" then "1 . Recevoir par mail …", "4. Bénéficier des conseils",
    Avranches 11 April 2016 as OCR'd text), with the item's one decision below it: the next item
    ("8.", "QUESTION No 13") follows the items' own sequence, and the list's entries head no record."""
    pierrefonds = extract_text(_text("pierrefonds/CM-28-juin-2022.pdf"), use_ner=False)["deliberations"]
    assert [d["number"] for d in pierrefonds][-6:] == ["7", "8", "9", "10", "11", "12"]
    assert {d["number"]: d["objet"] for d in pierrefonds}["8"] == "Apurement du compte 453"
    avranches = extract_text(gold_text(Gold("x", "dev", "avranches/CM_16.04.11_-_Proce-verbal.txt", "ocr_text", None, {}),
                                       SHARED), use_ner=False)["deliberations"]
    numbers = [d["number"] for d in avranches]
    assert numbers[numbers.index("12"):] == ["12", "13", "14", "15", "16", "17", "18"]
    assert {d["number"]: d["objet"] for d in avranches}["15"] == "ORGANISATION DE LA FETE DE L'AVRANCHIN - MONDES NORMANDS"


def test_items_that_start_again_at_one_with_their_votes_keep_their_numbers():
    """Numbers that start again at 1 with a decision under each of them are items (a second
    session's, or the items after an agenda that numbered them): a later number that would have
    followed the numbers before them ("6" after "5") does not make them a list."""
    vote = "Le Conseil municipal, après en avoir délibéré, à l'unanimité, approuve."
    first = ["Budget primitif", "Tarifs de la cantine", "Voirie communale", "Éclairage public", "Cimetière"]
    text = "\n\n".join([f"{n}. {title}\n{vote}" for n, title in enumerate(first, start=1)]
                       + ["Séance du 12 mai", f"1. Subvention au club de football\n{vote}", f"2. Achat d'un terrain\n{vote}",
                          f"6. Échange de parcelles\n{vote}"])
    records = _records(text)
    assert [(d.number, d.objet) for d in records][5:7] == [("1", "Subvention au club de football"), ("2", "Achat d'un terrain")]


@pytest.mark.slow
def test_the_approval_of_the_last_minutes_is_a_decision(pierrefonds_2025, larbresle_2013):
    """"Le procès-verbal de la séance du 6 mars 2025 est approuvé." (Pierrefonds, before any item's
    heading) and "Le compte rendu de la séance du 27 mai 2013 est approuvé à l'unanimité"
    (L'Arbresle, under its item II): the council approves its last minutes, a decision named by
    the sentence itself; another sentence saying a thing "est approuvé" tells, it does not decide.
    No agenda numbers it: its missing number is no doubt."""
    first = pierrefonds_2025[0]
    assert (first["number"], first["objet"], first["result"]) == (None, "procès-verbal de la séance du 6 mars 2025", "adopté")
    assert not first["needs_review"] and "no number" in first["issues"]
    december = extract_text(_text("pierrefonds/20241210-PV.pdf"), use_ner=False)["deliberations"]
    approval = next(d for d in december if d["objet"].startswith("procès-verbal de la séance du"))
    assert approval["number"] is None and not approval["needs_review"]
    (st,) = votes.statements("Le compte rendu de la séance du 27 mai 2013 est approuvé à l’unanimité")
    assert (st.names, votes.result_of(st)) == ("compte rendu de la séance du 27 mai 2013", "adopté à l'unanimité")
    assert any(d["number"] == "II" and d["result"] == "adopté à l'unanimité" for d in larbresle_2013)
    assert votes.statements("Le budget primitif 2019 est approuvé par la préfecture.") == []


# --- the same minutes, their votes written after the decision formula ----------------------------

# what a rewritten vote opens on after the formula, for the forms that say it in their own words
FORM_MARKS = {"with": r"avec \d", "majority": r"à la majorité des suffrages exprimés \(\d", "units": r"DÉCIDE\n\w+ : \d+ voix \w",
              "bare": r"\d+ voix pour"}


@pytest.mark.slow
@pytest.mark.parametrize("form", list(VOTE_FORMS))
def test_the_counts_after_the_decision_formula_close_each_item(form):
    """Couthenans' "12 votes pour 2 abstentions" and Pierrefonds' "Vote : Pour : 11", written as
    other communes write the vote: "Le Conseil Municipal, après en avoir délibéré, par 12 voix
    pour, 2 abstentions," (in figures, or "par DOUZE voix POUR - DEUX ABSTENTIONS") — the counts
    after the formula are each item's decision, as before, and an item's unanimity never takes
    the counts of the next item's formula: a decision never reaches over an item's heading. Where
    an item holds several decisions each under its dash line ("1. Budget – Commune ⏎ - Approbation
    du compte de gestion 2021 ⏎ … ⏎ Le Conseil Municipal, après en avoir délibéré, par 15 voix
    pour, 3 abstentions,"), each is named by its line, never by the formula."""
    for path in ("couthenans/CR_reunion_20210917.pdf", "pierrefonds/compte-rendu-09-10-2018.pdf",
                 "pierrefonds/CM-12-avril-2022.pdf"):
        text = _text(path).translate(SPACES)
        before = [(d["number"], d["objet"], d["vote_pour"], d["vote_contre"], d["vote_abstention"])
                  for d in extract_text(text, use_ner=False)["deliberations"]]
        new = revoted(text, form)
        mark = FORM_MARKS.get(VOTE_FORMS[form], r"par |DÉCIDE\n")  # the form is really there
        assert len(re.findall(re.escape(FORMULA) + mark, new)) >= (1 if VOTE_FORMS[form] in FORM_MARKS else 3)
        after = [(d["number"], d["objet"], d["vote_pour"], d["vote_contre"], d["vote_abstention"])
                 for d in extract_text(new, use_ner=False)["deliberations"]]
        assert after == before and len(after) >= 9


@pytest.mark.slow
def test_two_decisions_of_one_item_each_in_the_formula_are_two_records():
    """Two decisions under one heading, each closed by the council's formula with an exposé
    between them: Pierrefonds' item 4 of 14 October 2020 (an agreement in principle, then the
    commune's share: "Vote : pour à l'unanimité" twice) and Couthenans' item III of 29 January
    2021 (one association's membership "ADOPTÉ à l'unanimité", another's "ADOPTÉ 9 voix pour, 5
    abstentions"), their votes written "Le Conseil Municipal, après en avoir délibéré, à
    l'unanimité …,": two records each, as printed — they were read as one decision told twice —
    each sent to review, since no line names the part it decides.
    A table of votes, a formula under each of its rows (Pierrefonds, 10 April 2024: no prose
    between them), stays one decision."""
    for path, number in (("pierrefonds/compte-rendu-14-10-2020.pdf", "4"), ("couthenans/CR_reunion_20210129.pdf", "III")):
        text = _text(path).translate(SPACES)
        before = [d for d in extract_text(text, use_ner=False)["deliberations"] if d["number"] == number]
        assert len(before) == 2
        # … the counts after the formula, or on the line under it after the members voting ("Votants : 14 – Pour : 9 – …")
        for form in ("par 12 voix pour et 2 contre", "DÉCIDE ⏎ Votants : 14 – Pour : 12 – Contre : 2"):
            new = revoted(text, form)
            assert new.count(FORMULA) >= 4  # the forms are really there
            after = [d for d in extract_text(new, use_ner=False)["deliberations"] if d["number"] == number]
            assert [(d["objet"], d["vote_pour"], d["vote_abstention"], d["result"]) for d in after] == \
                [(d["objet"], d["vote_pour"], d["vote_abstention"], d["result"]) for d in before]
            assert all(items.UNNAMED_DECISION in d["issues"] and d["needs_review"] for d in after)  # which part each decides, unsaid
    # the formula as minutes written after the session give it, and an earlier act an exposé tells
    assert items.FORMULA_OPENS.match("Le Conseil Municipal, après en avoir délibéré, a décidé à l'unanimité")
    assert not items.TOLD_DECISION.search("Le Conseil Municipal, après en avoir délibéré, a décidé à l'unanimité")
    assert items.TOLD_DECISION.search("Le Conseil Municipal, par délibération du 2 juin 2014, a fixé à 622 € la participation")
    assert not items.FORMULA_OPENS.match("le conseil municipal, après en avoir délibéré, a approuvé à l'unanimité")
    table = revoted(_text("pierrefonds/CM-du-10-avril-2024.pdf").translate(SPACES), "par 12 voix pour et 2 contre")
    assert table.count(FORMULA) >= 20
    assert len([d for d in extract_text(table, use_ner=False)["deliberations"] if d["number"] == "D2024-17"]) == 1


@pytest.mark.slow
def test_two_formulas_with_a_lost_heading_between_them_are_one_decision_to_review():
    """Avranches' procès-verbal of 26 June 2018: "2018.06.26-7 VERBALISATION …", its formula, then
    "2018.06.26-8 0FFRES PROMOTIONNFIIES …" (a zero for the O: no heading the reader takes) and
    its formula. The two formulas are not two decisions of item 7: a line between them may head
    an item not read, so item 7 is one decision, sent to review. Pierrefonds' item 4 of 14
    October 2020, written in the formula, has no such line: two records, none sent to review."""
    text = gold_text(Gold("x", "dev", "avranches/Proces-verbal_du_conseil_municipal_du_26_juin_2018.txt", "ocr_text", None, {}),
                     SHARED)
    seventh = [d for d in extract_text(text, use_ner=False)["deliberations"] if d["number"] == "2018.06.26-7"]
    assert len(seventh) == 1 and seventh[0]["needs_review"] and items.HEADING_LOST in seventh[0]["issues"]
    assert seventh[0]["result"] == "adopté à l'unanimité"  # item 7's own vote, not the one below the lost heading
    assert seventh[0]["char_end"] < text.index("2018.06.26-8 0FFRES")
    pierrefonds = revoted(_text("pierrefonds/compte-rendu-14-10-2020.pdf").translate(SPACES), "par 12 voix pour et 2 contre")
    fourth = [d for d in extract_text(pierrefonds, use_ner=False)["deliberations"] if d["number"] == "4"]
    assert len(fourth) == 2 and not any(items.HEADING_LOST in d["issues"] for d in fourth)


@pytest.mark.slow
def test_a_clause_of_the_proposal_on_a_dash_line_names_no_decision():
    """Pierrefonds, 28 June 2016, item 9 "Recrutement de deux agents en Contrats d'Accompagnement
    dans l'Emploi": "Madame le maire propose au conseil municipal : ⏎ - Le recrutement d'un C.A.E.
    pour les fonctions d'agent de nettoyage … au groupe ⏎ scolaire à temps partiel … ⏎ durée d'un an
    à compter du 1er juillet 2016. ⏎ Vote : …", twice. A dash line the page wrapped into a sentence
    (its last line ending on a stop or a comma) is a clause, no sub-title: both decisions keep the
    item's title (one was named "Pour exercer les fonctions …, ", the other by a clause cut at
    "à temps"). Avranches, 1 July 2013: "- Monsieur le Directeur Départemental … ⏎ des Fraudes ou
    son représentant," names no decision either."""
    june = [d for d in extract_text(_text("pierrefonds/compte-rendu-28-06-2016.pdf"), use_ner=False)["deliberations"]
            if d["number"] == "9"]
    assert [d["objet"] for d in june] == ["Recrutement de deux agents en Contrats d’Accompagnement dans l’Emploi"] * 2
    text = gold_text(Gold("x", "dev", "avranches/CM_01_07_2013_-_Proces-verbal.txt", "ocr_text", None, {}), SHARED)
    third = [d for d in extract_text(text, use_ner=False)["deliberations"] if d["number"] == "2013.07.01 - 3"]
    assert third and not any(d["objet"].startswith("Monsieur") for d in third)


def test_an_item_closed_by_the_formula_with_no_vote_read_is_kept_for_review():
    """Couthenans' and Pierrefonds' minutes with each vote taken out, the decision formula left
    ("Le Conseil Municipal, après en avoir délibéré, ⏎ DÉCIDE …"), as minutes whose votes are
    written in a form no reader knows: every numbered item is still a record, with its number and
    subject, no vote, and sent to review — whether some items keep a vote or none does (a
    document with no vote statement at all is read as minutes, not dropped); the formula, back
    on every page, is no running header."""
    for path in ("couthenans/CR_reunion_20210917.pdf", "pierrefonds/compte-rendu-09-10-2018.pdf"):
        text = _text(path).translate(SPACES)
        before = [(d["number"], d["objet"]) for d in extract_text(text, use_ner=False)["deliberations"]]
        formula_only = re.sub(r"(?m)(?<=délibéré, )(?:par|à l.unanimité)[^\n]*,$", "\nDÉCIDE d'approuver la proposition.", revoted(text, "par 12 voix pour et 2 contre"))
        assert not any(st.counts or st.unanimous for st in votes.statements(formula_only))
        after = extract_text(formula_only, use_ner=False)["deliberations"]
        assert [(d["number"], d["objet"]) for d in after] == before and len(after) >= 9
        unread = [d for d in after if d["result"] not in ("ajourné", "retiré")]  # an item put off says so itself
        assert len(unread) >= 9 and all(d["vote_pour"] is None and d["result"] is None and d["needs_review"]
                                        and votes.NO_VOTE in d["issues"] for d in unread)
        one_kept = formula_only.replace("DÉCIDE d'approuver la proposition.", "DÉCIDE d'approuver la proposition.\nAdopté à l'unanimité", 1)
        assert [(d["number"], d["objet"]) for d in extract_text(one_kept, use_ner=False)["deliberations"]] == before


def test_of_two_readings_of_the_same_items_the_one_with_more_of_the_votes_wins():
    """Pierrefonds' minutes of 24 January 2023 as plain text: "Vote : ⏎ - Abstentions : 3 (M. X,
    M. Y, Mme Z) Ils indiquent … (four lines of why) ⏎ Pour : 16". The reader of session reports
    and the general one read the same items equally well, but only the general one keeps the
    abstentions with the votes for: it is chosen (before, items 1, 2 and 5 lost their 3
    abstentions, unflagged)."""
    records = extract_text(_pdfminer_text("pierrefonds/CM-24-janvier-2023.pdf"), use_ner=False)["deliberations"]
    by = {d["number"]: d for d in records}
    assert [(by[n]["vote_pour"], by[n]["vote_abstention"]) for n in ("1", "2", "5")] == [(16, 3)] * 3
    one = Deliberation(char_start=0, char_end=10, layout="minutes", number="1", objet="Tarifs de la cantine scolaire",
                       vote_pour=16, result="adopté")
    both = Deliberation(char_start=0, char_end=10, layout="minutes", number="1", objet="Tarifs de la cantine scolaire",
                        vote_pour=16, vote_abstention=3, result="adopté")
    assert records_pkg._better([one], [both]) == [both] and records_pkg._better([both], [one]) == [both]


def test_a_unanimity_does_not_take_the_counts_of_the_next_item():
    """Two items in the register's numbering, the first adopted unanimously by the formula, the
    second by counts after it: two records, each its own vote."""
    text = ("2019-04-03 Tarifs de la salle des fêtes\nLe maire propose de fixer les tarifs.\n"
            "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des membres présents :\n"
            "FIXE les tarifs comme suit.\n\n"
            "2019-04-04 Subvention à l'association des parents d'élèves\n"
            "Le Conseil Municipal, après en avoir délibéré, par DEUX voix POUR - ONZE voix CONTRE et UNE ABSTENTION,\n"
            "REFUSE la subvention.\n")
    records = items.read(text, votes.statements(text), [text])
    assert [(d.number, d.vote_pour, d.vote_contre, d.vote_abstention, d.result) for d in records] == [
        ("2019-04-03", None, None, None, "adopté à l'unanimité"), ("2019-04-04", 2, 11, 1, "rejeté")]


def test_items_numbered_as_parts_of_sections_read_alike():
    """Couthenans' and Pierrefonds' minutes with their items numbered as the parts of two sections
    ("I-1 …" to "I-4 …", then a section "II. AUTRES AFFAIRES" and "II-1 …"): every item read,
    numbered so — a part follows the last part of its section or opens a section, and the
    section's own heading is no item."""
    def sectioned(m: re.Match) -> str:
        n = int(m.group(2))
        return m.group(1) + (f"I-{n} " if n <= 4 else ("II. AUTRES AFFAIRES\n" if n == 5 else "") + f"II-{n - 4} ")

    for path, count in (("couthenans/CR_reunion_20210917.pdf", 11), ("pierrefonds/compte-rendu-09-10-2018.pdf", 13)):
        text = _text(path).translate(SPACES)
        plain = extract_text(text, use_ner=False)["deliberations"]
        records = extract_text(ITEM_NUMBER.sub(sectioned, text), use_ner=False)["deliberations"]
        assert len(records) == count
        assert [d["number"] for d in records] == [f"I-{int(d['number'])}" if int(d["number"]) <= 4 else f"II-{int(d['number']) - 4}"
                                                 for d in plain]
        assert [d["objet"] for d in records] == [d["objet"] for d in plain]


@pytest.mark.parametrize("vote", ["Qui est contre ? Qui s'abstient ? Il est adopté à l'unanimité, je vous en remercie.",
                                  "La délibération est adoptée à l'unanimité."])
def test_the_sentence_that_states_a_result_names_no_decision(vote):
    """"… Il est adopté à l'unanimité" (Montpellier's procès-verbal), "Le procès-verbal … est
    approuvé" (Pierrefonds), "La délibération est adoptée": the words before a result that end on
    its verb are the sentence stating it, never the decision's name; the item's title is."""
    text = ("1. Tarifs de la salle des fêtes\nM. LE MAIRE : Je mets aux voix.\n" + vote + "\n\n"
            "2. Adhésion au syndicat départemental\nLe maire expose le dossier.\n" + vote + "\n")
    records = _records(text)
    assert [(d.number, d.objet, d.result) for d in records] == [
        ("1", "Tarifs de la salle des fêtes", "adopté à l'unanimité"), ("2", "Adhésion au syndicat départemental", "adopté à l'unanimité")]
    assert validate.subject_problem("La délibération est") == "subject looks cut"


def test_a_subject_whose_last_word_the_stamp_cut_asks_for_review():
    """Flaux's procès-verbal of 15 December 2023 as OCR reads its scan: the prefecture's stamp,
    printed over the title's end, left "M49 - Dépenses d’investissement avant le vd". The agenda
    announces the item, so the reader notes its title and does not send it to review: a subject
    ending on a word of one or two small letters (not a unit after a figure) is cut, and asks for
    review, as one cut on a preposition does."""
    def row(objet):
        return Deliberation(objet=objet, result="adopté à l'unanimité", session_date="2023-12-15", layout="minutes",
                            issues=[items.ANNOUNCED])

    rows = validate.check([row("M57 — Dépenses d'investissement avant le vote du budget 2024"),
                           row("M49 - Dépenses d’investissement avant le vd")], None)
    assert [d.needs_review for d in rows] == [False, True] and "subject looks cut" in rows[1].issues
    for whole in ("Rétrocession des trottoirs sur 2 km", "Cession d'une parcelle de 190 m²", "Création d'un poste à temps complet",
                  "Travaux de voirie pour 12 000 € ht", "Aménagement de la zone 1-A"):
        assert validate.subject_problem(whole) is None, whole
    assert validate.subject_problem("Approbation du co") == "subject looks cut"
    assert validate.subject_problem("Installation du Conseil-M") == "subject looks cut"


def test_only_the_council_s_own_formula_gives_its_counts():
    """A committee's vote told in the exposé ("avis favorable par 6 voix pour et 2 abstentions") is
    no decision; the formula's own counts are ("après en avoir délibéré à 18 voix pour", as
    Pierrefonds writes it). The approval of the last minutes is told by the session it names, not
    by any subject opening on "Compte rendu"; "nord-est" ends no sentence; "NPPV" and "abst." after
    a count are labels of their own."""
    def read(text):
        return [(d.number, d.vote_pour, d.vote_abstention, d.result) for d in items.read(text, votes.statements(text), [text])]

    assert read("1. Tarifs de la salle\nLa commission des finances a émis un avis favorable par 6 voix pour et 2 abstentions.\n"
                "Le Conseil Municipal, après en avoir délibéré, à l'unanimité :\n- APPROUVE.\n") == [
        ("1", None, None, "adopté à l'unanimité")]
    assert read("1. Tarifs de la salle\nLe Conseil Municipal, après en avoir délibéré à 18 voix pour et 1 abstention :\n"
                "- APPROUVE.\n") == [("1", 18, 1, "adopté")]
    assert validate.LAST_MINUTES.match("procès-verbal de la séance du 6 mars 2025")
    assert not validate.LAST_MINUTES.match("Compte rendu annuel du délégataire de l'eau")
    assert validate.subject_problem("Aménagement de la zone nord-est") is None
    assert [st.counts for st in votes.statements("15 voix pour 1 NPPV")] == [{"pour": 15}]
    assert [st.counts for st in votes.statements("15 voix pour 1 abst.")] == [{"pour": 15}]


@pytest.mark.slow
@pytest.mark.parametrize("commune, minutes", [
    ("couthenans", ["CR_reunion_20210409.pdf", "CR_reunion_20210604.pdf", "CR_reunion_20210917.pdf"]),
    ("pierrefonds", ["compte-rendu-28-05-2019.pdf", "compte-rendu-14-10-2020.pdf", "CM-12-avril-2022.pdf"]),
])
def test_minutes_read_with_no_number_among_numbered_ones_go_to_review(tmp_path, commune, minutes):
    """A council numbers its items from one session to the next: three minutes of one folder,
    the last with its numbers taken away (as a reader that missed its headings would give it),
    ingested together: that one's records ask for review, the others' do not (a check across
    documents, made once the run has stored them all, and again by reprocess)."""
    import duckdb

    from tests.conftest import run_cli

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i, name in enumerate(minutes):
        text = _text(f"{commune}/{name}").translate(SPACES)
        if i == len(minutes) - 1:
            text = ITEM_NUMBER.sub(lambda m: m.group(1), text)
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    for command in (["ingest", str(src), "--out", str(out), "--jobs", "1"], ["reprocess", str(out)]):
        assert run_cli(*command).returncode == 0
        with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
            rows = con.execute("SELECT doc_id, count(*), count(number), bool_and(needs_review), "
                               "bool_or(list_contains(issues, ?)) FROM deliberations GROUP BY doc_id ORDER BY doc_id",
                               [validate.UNNUMBERED]).fetchall()
        flagged = {doc for doc, n, numbered, review, unnumbered in rows if unnumbered}
        assert flagged == {f"{minutes[-1]}.txt"}, rows
        assert all(review for doc, *_, review, unnumbered in rows if unnumbered)
        assert all(numbered == 0 for doc, n, numbered, *_ in rows if doc in flagged)


def test_a_title_goes_on_over_its_dash_lines_to_its_sixth_line():
    """An item's title may name its parts on dash lines under it, six lines in all (Pierrefonds'
    minutes of 18 May 2021, item 1; a title of Montpellier's reports set as such lines): all of
    them are its subject, and the exposé below is not."""
    titles = [
        ["Travaux de modernisation de l’éclairage public - Rues de l'impératrice Eugenie, Pisselotte,",
         "Melaine, Chauret, Mont Berny, Martreuil :",
         "- Demande de subvention auprès de l’Etat au titre de la Dotation d’Equipement des",
         "Territoires Ruraux (D.E.T.R) 2021",
         "- Demande de subvention auprès du SE60",
         "- Autorisation à donner à Madame le maire pour la signature du marché"],
        ["Ecole élémentaire André Malraux",
         "- Ecole élémentaire Rabelais",
         "- Ecole élémentaire Jean Macé",
         "- Extension et restructuration des bâtiments",
         "- Approbation du programme de l'opération",
         "- Autorisation de lancer la consultation"],
    ]
    text = ""
    for n, lines in enumerate(titles, 1):
        text += (f"{n}. " + "\n".join(lines) + "\nMadame le Maire rappelle aux membres du conseil le projet de la commune.\n"
                 "Le conseil municipal, après en avoir délibéré, approuve.\nVote : Pour à l’unanimité\n")
    found = items.read(text, votes.statements(text), [text])
    assert [(d.number, d.objet) for d in found] == [
        (str(n), " ".join(" ".join(lines).split()).strip(" :")) for n, lines in enumerate(titles, 1)]


@pytest.mark.parametrize("text, counts", [
    # Avranches, 11 April 2016: a text layer that puts a blank line after each of its lines
    ("APRES DEBAT, AUQUEL ONT PRIS PART MESSIEURS MORAZIN ET NICOLAS, LE CONSEIL MUNICIPAL, A\n\n"
     "L'UNANIMITE, ACCEPTE CES PROPOSITIONS", {}),
    # Montpellier, procès-verbal of 24 April 2014
    ("sur cette affaire ? Je mets aux voix l'affaire 3. Qui est contre ? Qui s'abstient ? 3 abstentions. Adopté à\n"
     "l'unanimité.", {"abstention": 3}),
])
def test_a_vote_phrase_wraps_as_any_sentence_does(text, counts):
    """"à ⏎ l'unanimité": a vote's phrase cut at the end of a line, even with the blank line some
    text layers put after each line, is read as it is read on one line."""
    (st,) = votes.statements(text)
    assert st.unanimous and st.counts == counts
    assert "unanimité" in votes.result_of(st)


def test_the_council_named_with_its_clauses_is_the_decision_formula():
    """"LE CONSEIL MUNICIPAL, A L'EXCEPTION DE … QUI S'ABSTIENNENT, ACCEPTE CETTE PROPOSITION"
    (Avranches, 23 September 2013) states a decision in a form no vote piece reads: the council
    named as the subject, its clauses between commas — as Pierrefonds' "Le Conseil Municipal,
    après en avoir délibéré, …" does. Each such item is a record with its number and subject, no
    vote, and sent to review, never dropped."""
    assert items.DECIDING.search("Le Conseil Municipal, après en avoir délibéré, à la majorité :")
    assert items.DECIDING.search("LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME RESTOUX, MESSIEURS GOUEDARD,")
    assert items.DECIDING.search("APRES DEBAT, AUQUEL ONT PRIS PART MESSIEURS MORAZIN ET NICOLAS, LE CONSEIL MUNICIPAL, A")
    assert not items.DECIDING.search("Lors de la séance du 7 mars 2016, le Conseil municipal a approuvé le compte")
    text = (SHARED / "avranches" / "CM13.09.23_-_PV.txt").read_text()
    found = {d["number"]: d for d in extract_text(text, use_ner=False)["deliberations"]}
    for n in (8, 9, 10):  # each closed by the formula with its five abstainers named
        d = found[f"2013.09.23 - {n}"]
        assert d["objet"] and (d["vote_abstention"], d["result"]) == (5, "adopté") and not d["needs_review"]
    # … where a table printed across the sentence cuts the names in two, the names after it are
    # counted (one), and the record says the names before them are cut off
    d = found["2013.09.23 - 11"]
    assert d["objet"] and d["vote_abstention"] == 1 and d["needs_review"] and votes.NAMES_CUT in d["issues"]


@pytest.mark.slow
@pytest.mark.parametrize("form", ["2019-04-23-{n} ", "{n}. "])
def test_a_number_ocr_read_with_look_alikes_is_the_number(form):
    """A scan's OCR reads a number's figures as letters (O for 0, l for 1): Couthenans' and
    Pierrefonds' minutes numbered "2O19-O4-23-l", "l.", "lO." read as numbered "2019-04-23-1",
    "1.", "10." — every item, with its number read back as figures (before, not one heading was
    taken and the items were read as unnumbered). So is Avranches' register as its legacy OCR gave
    it ("2017.03.06-I APPROBATION …"); "I." stays a roman one, and a line that only looks alike
    ("ILLE-ET-VILAINE", "Oo. …") keeps its letters."""
    ocr = str.maketrans({"0": "O", "1": "l"})
    for path, count in (("couthenans/CR_reunion_20210917.pdf", 11), ("pierrefonds/compte-rendu-12-12-2017.pdf", 11)):
        text = _text(path).translate(SPACES)
        printed = extract_text(ITEM_NUMBER.sub(lambda m: m.group(1) + form.format(n=m.group(2)), text), use_ner=False)
        read = extract_text(ITEM_NUMBER.sub(lambda m: m.group(1) + form.format(n=m.group(2).translate(ocr)), text), use_ner=False)
        assert len(read["deliberations"]) == count
        assert [(d["number"], d["objet"], d["vote_pour"]) for d in read["deliberations"]] == \
            [(d["number"], d["objet"], d["vote_pour"]) for d in printed["deliberations"]]
    assert items.digits_in_slot("2017.03.06-I APPROBATIONDUCOMPTEADMINISTRATIF2016") == "2017.03.06-1 APPROBATIONDUCOMPTEADMINISTRATIF2016"
    assert items.digits_in_slot("2018.04.09 - I ADOPTION DU COMPTE RENDU") == "2018.04.09 - 1 ADOPTION DU COMPTE RENDU"
    for line in ("I. FINANCES", "ILLE-ET-VILAINE", "Oo. Rien", "2O19 a été une année", "l'an deux mille",
                 "2021-045 - OBJET : Tarifs de la cantine", "DEL 2021-045 – ORGANISATION DU TEMPS SCOLAIRE",
                 "2021/12 - INDEMNITES", "l) Délégation pour les marchés"):  # a capital after an id; a lettered list's l)
        assert items.digits_in_slot(line) == line


def test_items_announced_by_a_word_are_read_as_with_their_bare_numbers():
    """Pierrefonds' minutes of 26 June 2023, their headings rewritten "Point N –" (item 8 holds "1.
    Conformément …", "2. A l'article …", a list in bare numbers): the same items are read as with
    their own numbers; "QUESTION Nol1" is question 11, OCR's look-alike of 1 in a number's slot read back."""
    assert items.digits_in_slot("QUESTION Nol1") == "QUESTION No11"
    assert items.digits_in_slot("Point l2 – Tarifs") == "Point 12 – Tarifs"
    assert items.digits_in_slot("Isabelle LEROY") == "Isabelle LEROY"
    plain = _text("pierrefonds/CM-26-juin-2023.pdf").translate(SPACES)
    before = extract_text(plain, use_ner=False)["deliberations"]
    headings = {plain[d["char_start"]:plain.find("\n", d["char_start"])] for d in before}  # "8. Aménagement rue …"
    assert len(headings) == 8 and any(line.startswith("1. Conformément") for line in plain.split("\n"))
    pointed = "\n".join(re.sub(r"^(\d{1,2})\.", r"Point \1 –", line) if line in headings else line for line in plain.split("\n"))
    after = extract_text(pointed, use_ner=False)["deliberations"]
    assert [(d["number"], d["objet"]) for d in after] == [(d["number"], d["objet"]) for d in before]


def test_a_running_header_of_few_letters_is_told_by_its_digits_too():
    """Avranches' procès-verbaux head each page with the session's date, "CM - 11.04.2016": two
    letters, too few for its shape to be compared from page to page; its digits, the same on
    every page, tell it. Furniture — never glued to a title. A vote line of few letters that
    comes back on most pages ("Pour : 55", as Montpellier's scanned reports of 20 June 2011 print
    it page after page) stays a vote."""
    from pipeline.extraction.records.furniture import furniture_lines

    avranches = pipeline.clean((SHARED / "avranches" / "CM_16.04.11_-_Proce-verbal.txt").read_text()).text
    lines = items.lines_of(avranches.replace("\f", "\n"))
    furniture = {lines[k].stripped for k in furniture_lines(lines, avranches.split("\f"))}
    assert "CM - 11.04.2016" in furniture
    found = extract_text(avranches, use_ner=False)["deliberations"]
    assert len(found) >= 20 and not any("11.04.2016" in d["objet"] for d in found)
    report = "\f".join(f"CR du conseil municipal\n{n} - Tarifs de la salle {n}\nLe maire expose.\nPour : 55\n" for n in range(1, 5))
    lines = items.lines_of(report.replace("\f", "\n"))
    votes_at = {k for k, ln in enumerate(lines) if ln.stripped == "Pour : 55"}
    assert not votes_at & furniture_lines(lines, report.split("\f"), votes_at)
    assert [d.number for d in items.read(report.replace("\f", "\n"), votes.statements(report), report.split("\f"))] == ["1", "2", "3", "4"]


def test_the_lettered_parts_of_an_item_are_its_decisions():
    """Avranches, 11 April 2016: question 7 gives three subsidies "A) …", "B) …", "C) … MUSICALE.",
    each closed by its own formula; question 10 five posts, "B) CREATION D'UN POSTE PERMANENT -
    SERVICE DES MUSEES ET DU ⏎ PATRIMOINE - …" closed by a formula whose vote names the six who
    voted against. Each part is a record named by its sub-title, its lines that carry on joined."""
    text = pipeline.clean((SHARED / "avranches" / "CM_16.04.11_-_Proce-verbal.txt").read_text()).text
    found = extract_text(text, use_ner=False)["deliberations"]
    by = {}
    for d in found:
        by.setdefault(d["number"], []).append(d)
    assert [d["objet"][:32] for d in by["7"]] == ["SUBVENTION A L'UNION SPORTIVE AV", "SUBVENTION A L'ASSOCIATION « PET",
                                                 "SUBVENTIONS DANS LE CADRE DE L'A"]
    posts = by["10"]
    assert len(posts) == 5
    assert posts[1]["objet"] == "CREATION D'UN POSTE PERMANENT - SERVICE DES MUSEES ET DU PATRIMOINE - RESPONSABLE DU SERVICE DES PUBLICS"
    assert (posts[1]["vote_contre"], posts[1]["result"]) == (6, "adopté")
    assert posts[2]["objet"].endswith("PLOMBIER - CHAUFFAGISTE")
    assert by["6"][0]["objet"].startswith("FIXATION DU MONTANT MAXIMUM")


def test_what_the_new_readings_must_not_take():
    """The limits of this session's mechanisms, in the forms a reviewer found they could overreach:
    lettered clauses the formula leads into are one decision; a running header or an exposé's
    sentence naming the council is no formula; a part's sub-title does not run on into the exposé
    in capitals; a stray heading, far from the items' sequence, heads nothing."""
    def read(text):
        return items.read(text, votes.statements(text), [text])

    clauses = ("1. Convention avec le département\nLe Conseil Municipal, après en avoir délibéré, approuve :\n"
               "A) La convention de voirie\nB) Le plan de financement\nAdopté à l'unanimité.\n"
               "2. Tarifs\nLe maire expose.\nAdopté à l'unanimité.\n")
    assert [(d.number, d.objet, d.result) for d in read(clauses)] == [
        ("1", "Convention avec le département", "adopté à l'unanimité"), ("2", "Tarifs", "adopté à l'unanimité")]
    assert not items.DECIDING.search("Conseil municipal, séance du 12 avril 2016")
    assert not items.DECIDING.search("Par ailleurs, le Conseil municipal, par délibération du 3 mars, a fixé")
    parts = ("1. Subventions\nA) CLUB DE FOOTBALL\nMONSIEUR LE MAIRE PROPOSE D'ACCORDER 500 EUROS AU CLUB\n"
             "Adopté à l'unanimité.\nB) CLUB DE TENNIS\nMONSIEUR LE MAIRE PROPOSE D'ACCORDER 300 EUROS AU CLUB\n"
             "Adopté à l'unanimité.\n")
    assert [d.objet for d in read(parts)] == ["CLUB DE FOOTBALL", "CLUB DE TENNIS"]
    stray = ("1. Tarifs\nLe maire expose.\nAdopté à l'unanimité.\n"
             "Délibération n° 45 : rappel de la décision de 2019\n"
             "2. Travaux\nLe maire expose.\nAdopté à l'unanimité.\n")
    assert [d.number for d in read(stray)] == ["1", "2"]


def test_an_item_with_no_decision_gives_the_next_vote_to_the_item_under_it():
    """"3. Travaux … Adopté", "4. Présentation d'un projet" (nothing voted), "5. Tarifs … Adopté":
    the second vote is item 5's, right under item 4 — as Couthenans' minutes of 7 October 2022 have
    it with their votes written after the formula; a list restarting at 1 between them stops that."""
    text = ("3. Travaux de voirie\nLe maire expose.\nAdopté à l'unanimité.\n4. Présentation d'un projet de crèche\n"
            "Le maire présente le projet.\n5. Tarifs de la salle\nLe maire expose.\nAdopté à l'unanimité.\n")
    assert [(d.number, d.objet) for d in items.read(text, votes.statements(text), [text])] == [
        ("3", "Travaux de voirie"), ("5", "Tarifs de la salle")]


@pytest.mark.parametrize("subject, problem", [
    ("VOIX SONT DÉCLARÉS ÉLUS : MONSIEUR CHRISTIAN COSSEC ET MADAME", "subject is a vote's outcome"),  # Avranches, 2015
    ("Par : DEUX voix POUR - ONZE voix CONTRE et", "subject is a vote's outcome"),  # issue #26, Preuilly-sur-Claise
    ("M. Paul Bernard est élu maire", "subject is a vote's outcome"),
    ("Agnès : 1 vote - Blanc : 1 vote", "subject is a vote's outcome"),  # Couthenans, 26 November 2021
    ("Vote des taux d'imposition 2022", None),
    ("Subvention à l'association La Voix de l'Enfant", None),  # a name, no tally
    ("Délibération fixant les indemnités de fonction des élus", None),  # Montpellier, 24 April 2014
    ("Election du 3ème adjoint", None),  # Couthenans, 26 November 2021
])
def test_a_subject_that_tells_a_vote_s_outcome_is_no_subject(subject, problem):
    assert validate.subject_problem(subject) == problem
    if problem:
        assert validate.CHECKS[problem][1] and problem in validate.JUNK_SUBJECTS


def test_votes_of_one_item_that_disagree_send_its_record_to_review():
    """An item holding votes no label names, which cannot be one decision told twice: Avranches'
    2017 accounts, the president of the session chosen unanimously, then results approved with six
    members abstaining; read as one record, it says so. The same decision told in the debate and
    in the vote block (Montpellier's "Adopté à l'unanimité" over "Pour : 52 ⏎ Adopté à
    l'unanimité") and a decision and its counts agreeing do not."""
    def read(text):
        return items.read(text, votes.statements(text), [text])

    text = (SHARED / "avranches" / "CM17.03.06_-_PV.txt").read_text(encoding="utf-8")
    found = extract_text(text, use_ner=False)["deliberations"]
    first = next(d for d in found if "APPROBATIONDUCOMPTEADMINISTRATIF2016" in d["objet"])
    assert votes.ONE_OF_SEVERAL in first["issues"] and first["needs_review"]
    assert votes.ONE_OF_SEVERAL not in next(d for d in found if d["number"] == "2017.03.06-2")["issues"]
    told_twice = ("1. Tarifs de la salle\nLe rapporteur expose. Adopté à l'unanimité.\n"
                  "Pour : 52\nAdopté à l'unanimité\n2. Travaux\nPour : 50\nContre : 2\nAdopté à la majorité\n")
    assert all(votes.ONE_OF_SEVERAL not in d.issues for d in read(told_twice))
    assert not votes.disagree(votes.statements("Pour : 52\nAdopté à l'unanimité\nAdopté à l'unanimité."))
    # a unanimity of the votes cast, then its counts: one decision told twice
    assert not votes.disagree(votes.statements("Adopté à l'unanimité des suffrages exprimés.\nPour : 17\nAbstentions : 2\n"))
    assert not votes.disagree(votes.statements("Adopté à l'unanimité moins 2 abstentions.\nPour : 17\nAbstentions : 2\n"))
    assert votes.disagree(votes.statements("Pour : 52\nAdopté\nPour : 48\nContre : 4\nAdopté"))


@pytest.mark.parametrize("line, elects", [
    ("ONT AINSI ETE PROCLAMES ELUS A LA CLECT : MADAME ROZENN LEROY, MONSIEUR THIERRY LECARDONNEL", True),  # Avranches, 2014
    ("Ont été proclamés adjoints et immédiatement installés les candidats figurant sur la liste", True),  # Pierrefonds, 2020
    ("M. Dupont a été proclamé(e) maire et a été immédiatement installé(e).", True),  # the same form, filled in
    ("3.6. Proclamation de l'élection des adjoints", False),
    ("Un exemplaire de la feuille de proclamation est transmis au préfet.", False),
    ("Le maire proclame les résultats du scrutin.", False),  # any vote's
])
def test_the_council_proclaiming_the_elected_is_an_election(line, elects):
    assert bool(items.ELECTS.search(line)) is elects


def test_a_box_s_label_comes_back_page_after_page_and_a_title_s_words_do_not():
    """A scan's box of labels on every page (Flaux: "Date de la convocation : …", "En exercice : 11")
    is told from the words two items' titles share on one page (Pierrefonds, 14 October 2020: "Noël
    2020 : cartes cadeaux …", "Noël 2020 : prime …") and from a title the agenda announces: with its
    numbers taken away, each Noël item keeps its whole title. A label given a date in words is a
    box's too; a text with no page breaks counts its lines."""
    box = "Date de la convocation : mercredi 3 mars 2021\nEn exercice : 11\n"
    pages = [box + "Ordre du jour :\nNoël 2020 : cartes cadeaux pour les enfants du personnel\n"
             "Noël 2020 : prime aux agents municipaux\n",
             "Noël 2020 : cartes cadeaux pour les enfants du personnel\n"
             "Madame le maire rappelle que chaque année la commune offre un cadeau aux enfants des agents.\n"
             "Vote : pour à l'unanimité.\n"
             "Noël 2020 : prime aux agents municipaux\n"
             "Madame le maire rappelle que la commune attribue la prime de fin d'année.\n"
             "Vote : pour à l'unanimité\n" + box]
    text = "\n".join(pages)
    lines = items.lines_of(text)
    agenda = items._agenda(lines)
    assert items._box_labels(lines, agenda, pages) == {"datedelaconvocation", "enexercice"}
    assert items._box_labels(lines, set(), [text]) == {"datedelaconvocation", "enexercice"}  # one page: counted
    assert [d.objet for d in items.read(text, votes.statements(text), pages)] == [
        "Noël 2020 : cartes cadeaux pour les enfants du personnel", "Noël 2020 : prime aux agents municipaux"]
    noel = "Noël 2020 : cartes cadeaux pour les enfants du personnel\nNoël 2020 : prime aux agents municipaux\n"
    assert items._box_labels(items.lines_of(noel + "\n" + noel), set(), [noel, noel]) == set()  # on two pages, no box


@pytest.mark.parametrize("line, sentence", [
    ("Les terrasses devront demeurer des espaces non privatifs, de ce fait les bénéficiaires auront l’obligation", True),  # Pierrefonds, 2021
    ("Le coût pour les familles serait alors le suivant :", True),  # Pierrefonds, 2020
    ("Augmentation des frais de garderie de 40% : Les communes de Haute-Saône souhaitent déposer une motion", True),  # Couthenans, 2021
    ("Givernon tourisme, sollicite auprès de la commune une convention pour stationner son train touristique", True),  # Pierrefonds, 2022
    ("Aménagement informatique du groupe scolaire : sollicitation d’une subvention auprès de l’Etat", False),  # Pierrefonds, 2023
    ("Adoption de la nomenclature budgtéraire et comptable M57 simplifiée :", False),  # Couthenans, 2022
    ("Demande de subvention au titre des amendes de police pour la sécurité routière", False),
])
def test_a_line_with_a_sentence_s_verb_names_no_item(line, sentence):
    """A name is a noun's phrase; a line of six words or more with a verb of being, a modal verb or
    a verb of asking in the third person is a sentence of the exposé, even where it opens with a
    capital after a vote (minutes whose items have no number)."""
    assert items._sentence(line, items.SENTENCE_VERB) is sentence


def test_a_numbered_title_with_a_relative_clause_stays_a_heading():
    """A title may hold a verb in a relative clause ("… qui seront appliqués …"), numbered or not;
    a numbered heading is dropped as a sentence only for "est" or "sont"."""
    text = ("1. Tarifs de la salle\nLe maire expose.\nAdopté à l'unanimité.\n"
            "2. Fixation des tarifs de la cantine qui seront appliqués à la rentrée\nLe maire expose.\n"
            "Pour : 10\nContre : 2\nAdopté\n"
            "3. Dépenses d'investissement qui peuvent être engagées avant le vote du budget\nLe maire expose.\n"
            "Adopté à l'unanimité.\n")
    assert [(d.number, d.vote_contre) for d in items.read(text, votes.statements(text), [text])] == [
        ("1", None), ("2", 2), ("3", None)]
    assert not items._sentence("Fixation des tarifs de la cantine qui seront appliqués à la rentrée", items.SENTENCE_VERB)


def test_a_tally_line_names_no_item():
    """The candidates' tallies of an election ("Agnès : 1 vote", Couthenans; "6 voix", Avranches) are
    no title for the item after them; "Vote des taux …" is."""
    for line in ("Agnès : 1 vote", "Blanc : 1 vote", "Monsieur Nour TACHE 6 voix"):
        assert items._segment_title(items.lines_of(line), [0], set(), set()) is None
    assert items._segment_title(items.lines_of("Vote des taux d'imposition 2022"), [0], set(), set()) == (
        0, "Vote des taux d'imposition 2022")


def test_the_words_that_open_the_minutes_give_the_session_s_date():
    """"L'an deux mille seize, le onze avril, le conseil municipal … s'est assemblé": the session's
    date, over a session named before it — Avranches' procès-verbal of 11 April 2016 lists first the
    approval of the minutes "de la séance du 22 octobre 2015"; the issue's Putanges-le-Lac opens so
    too ("L'an deux mil dix neuf, le huit avril")."""
    text = (SHARED / "avranches" / "CM_16.04.11_-_Proce-verbal.txt").read_text(encoding="utf-8")
    found = extract_text(text, use_ner=False)["deliberations"]
    assert found and {d["session_date"] for d in found} == {"2016-04-11"}
    putanges = ("Commune de PUTANGES-LE-LAC\nOrdre du jour :\nApprobation du procès-verbal de la séance du 4 mars 2019\n"
                "L'an deux mil dix neuf, le huit avril, le Conseil Municipal s'est réuni sous la présidence du Maire.\n"
                "2019-04-01 APPROBATION DU COMPTE DE GESTION 2018\n"
                "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des Membres présents :\nAPPROUVE le compte.\n"
                "2019-04-02 VOTE DES TAUX 2019\n"
                "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des Membres présents :\nFIXE les taux.\n")
    assert {d.session_date for d in _records(putanges)} == {"2019-04-08"}


def test_a_plain_number_between_two_register_ids_that_follow_each_other_is_inside_the_first_item():
    """"2015.01.26 - 4 …" then "2015.01.26 - 5 …": the "5. Filière Equine" of the statute the item
    quotes (Avranches, 26 January 2015) heads no item; in a register numbered as Putanges-le-Lac's
    (issue #26), a list inside an item neither."""
    text = (SHARED / "avranches" / "CM_26_01_2015_-_Proces-verbal.txt").read_text(encoding="utf-8")
    numbers = [d["number"] for d in extract_text(text, use_ner=False)["deliberations"]]
    assert "2015.01.26 - 4" in numbers and "2015.01.26 - 5" in numbers and "5" not in numbers
    register = ("2019-04-01 APPROBATION DU COMPTE DE GESTION 2018\nLe compte de gestion fait apparaître les résultats de chaque budget.\n"
                "1. Budget principal\nUn excédent de 12 000 € est constaté.\n"
                "Le Conseil Municipal, après en avoir délibéré, à l'unanimité des Membres présents :\nAPPROUVE le compte.\n"
                "2019-04-02 VOTE DES TAUX 2019\n"
                "Le Conseil Municipal, après en avoir délibéré, par 13 voix pour et 1 contre :\nFIXE les taux.\n")
    assert [(d.number, d.result) for d in items.read(register, votes.statements(register), [register])] == [
        ("2019-04-01", "adopté à l'unanimité"), ("2019-04-02", "adopté")]


def test_a_title_typography_sets_apart_read_whole_is_noted_not_sent_to_review():
    """Minutes without numbers whose titles typography sets apart (underlined on Flaux's scans,
    bold and underlined in Couthenans' text layer, its numbers taken away): a guessed title so
    marked and read whole asks for no review. It still asks when its last word is cut short (a
    stamp over its end), when OCR garbled its words ("Ordr jout" for an underlined "Ordre du
    jour"), when another line set apart lies between it and its vote (the item's own title,
    unread: "inati nie:"), and wherever the typography is not known."""
    marked = [  # (line, set apart)
        ("Séance du 26 novembre 2021", None), ("Présents : Denis JUVIN - Patricia MICHOT", None),
        ("Nomination du secrétaire", True),  # Flaux 2021
        ("Monsieur le Maire propose la candidature de Philippe ROUVIER - COROUGE", None), ("Vote : à l'unanimité", None),
        ("Subventions aux associations :", True),  # Couthenans 2022
        ("Le conseil accorde une subvention au comité des fêtes.", None), ("13 votes pour", None),
        ("Approbation du co", True),  # Flaux 2022: the prefecture's stamp over the rest
        ("Monsieur le Maire demande s’il y a des observations.", None), ("Vote : à l'unanimité", None),
        ("Ordr jout", True),  # Flaux 2021
        ("Approbation du compte rendu du conseil du 31 mars 2021", None), ("Vote : à l'unanimité", None),
        ("Ouverture de la séance", True), ("Le quorum est atteint, Monsieur le Maire déclare la séance ouverte", None),
        ("inati nie:", True),  # Flaux 2021: "Nomination du secrétaire", underlined, as OCR read it
        ("Monsieur le Maire propose la candidature de Philippe VINÇON", None), ("Vote : à l’unanimité", None),
        ("Déneigement (rajouté en préambule du conseil municipal) :", True),  # Couthenans 2022
        ("Le conseil confie le déneigement des voies communales à un prestataire.", None),
        ("11 votes pour 2 abstentions", None)]
    text = "\n".join(line for line, _ in marked) + "\n"
    apart = [flag for _, flag in marked] + [None]

    def checked(typography):
        found = items.read(text, votes.statements(text), [text], typography)
        for d in found:
            d.session_date = "2021-11-26"  # the header's, as find_deliberations gives it
        return validate.check(found, None)

    found = checked(apart)
    assert [(d.objet, d.needs_review) for d in found] == [
        ("Nomination du secrétaire", False), ("Subventions aux associations", False), ("Approbation du co", True),
        ("Ordr jout", True), ("Ouverture de la séance", True),
        ("Déneigement (rajouté en préambule du conseil municipal)", False)]
    assert items.SET_APART in found[0].issues and items.SET_APART not in found[4].issues
    assert all(d.needs_review for d in checked(None))  # no typography: every guessed title asks
    # a section's title set apart over an item's title set apart (Pierrefonds' "I. Finances" over
    # its items, numbers taken away): not one title of the two lines, and which names the item is
    # not known, so the record asks
    text += "Finances communales\nBudget primitif de la commune\nLe maire présente le budget.\nVote : à l'unanimité\n"
    d = checked(apart[:-1] + [True, True, None, None, None])[-1]
    assert (d.objet, d.needs_review) == ("Finances communales", True)
    assert [items.reads_whole(t) for t in ("M49 - Dépenses d’investissement avant le v",  # Flaux 2023
                                           "Approbation du compte tendu du Conseil-M",  # Flaux 2022
                                           "Achat de 3 ha", "AOP d'Uzès 70 €", "Convention de partenariat avec la")] \
        == [False, False, True, True, False]


@pytest.mark.parametrize("line, unanimous, result", [
    ("Vote; à l'unanimité", True, None),  # Flaux 2022: the label's colon read as a semicolon
    ("Vote à l'unanimité", True, None),  # Flaux 2022: the colon lost
    ("Votre : à l'unanimité", True, None),  # Flaux 2021: "Vote" as OCR read it
    ("Vote : à Punanimité", True, None),  # Flaux 2022: the elided article read as a capital
    ("Adopté à F’unanimité", True, "adopté"),  # Montpellier, a report of 2011 as OCR read it
    ("Vote : Pour à l’unanimité", True, None),  # Pierrefonds, born-digital
])
def test_a_unanimity_after_a_vote_s_label_as_ocr_reads_it_is_a_decision(line, unanimous, result):
    """A vote's label before its outcome ("Vote : à l'unanimité") is read however OCR damaged the
    label's colon; and the article of "à l'unanimité" read as one capital ("à F’unanimité") is
    still the article. Lines of Flaux's and Montpellier's scans, and Pierrefonds' text layer."""
    text = f"Achat de batardeaux\nMonsieur le Maire expose le projet.\n{line}\n"
    [st] = votes.statements(text)
    assert (st.unanimous, st.result) == (unanimous, result)


@pytest.mark.parametrize("text", [
    "Il rappelle que la motion contre ce projet a été votée à l'unanimité en 2019.\n",  # a vote told, of another day
    "Le projet, que le syndicat a voté à l'unanimité, sera présenté en mars.\n",
    "Il sera procédé au\nvote à bulletin secret, sauf avis contraire à l'unanimité.\n",
    "Le syndicat a décidé de\nvoter à l'unanimité une motion.\n",  # a verb, no label
    "Il est élu maire depuis 2008 et sera candidat.\n", "Le candidat qui est élu maire sera installé.\n",
])
def test_a_unanimity_told_in_a_sentence_is_still_no_decision(text):
    """The label is the vote's, alone before the outcome on its line: a sentence that tells of a
    vote, or a line opening on "vote" that goes on with other words, decides nothing."""
    assert votes.statements(text) == []


def test_a_vote_whose_title_ocr_lost_under_its_rule_is_kept_for_review():
    """Minutes without numbers, titles underlined (Flaux's scans): where the only line set apart
    between two votes is one OCR could not read as a title ("inat té" for "Nomination du
    secrétaire" under its rule), the vote is still a decision, kept with no subject and sent to
    review. Where no line there is set apart, a second vote is the item's own (Pierrefonds,
    14 October 2020: "accord de principe", then the commune's share of the cost, one title): a
    record of its own under that title, both to review (``_decided_apart``); a vote before the
    first item (the session's own, its mode of vote) gives no row.
    A title with figures set apart by spaces reads as a title ("M 14 - budget primitif 2022")."""
    marked = [  # (line, set apart)
        ("Présents : Denis JUVIN - Catherine MARTEL", None),
        ("Madame BOURBIER demande s’ils souhaitent conserver le mode de vote à main levée.", None),
        ("Vote : Pour à l’unanimité.", None),  # Pierrefonds 2015: the session's own vote
        ("Classe de découverte 2021 : accord de principe et participation communale", True),  # Pierrefonds 2020
        ("Madame le maire demande s’ils sont d’accord pour donner un accord de principe au départ d’une classe ?", None),
        ("Vote : pour à l’unanimité", None),
        ("Madame le maire propose d’accorder pour 2021 une participation de 100 € par enfant.", None),
        ("Vote : pour à l’unanimité", None),
        ("inat té", True),  # Flaux 2022
        ("Monsieur le Maire propose la candidature de Patricia MICHOT en qualité de secrétaire", None),
        ("Vote; à l'unanimité", None),
        ("M 14 - budget primitif 2022", True),  # Flaux 2022
        ("Monsieur le Maire présente au Conseil Municipal le budget principal 2022", None),
        ("Vate : à l'unanimité", None)]
    text = "\n".join(line for line, _ in marked) + "\n"
    found = items.read(text, votes.statements(text), [text], [flag for _, flag in marked] + [None])
    for d in found:
        d.session_date = "2022-03-25"
    found = validate.check(found, None)
    trip = "Classe de découverte 2021 : accord de principe et participation communale"
    assert [(d.objet, d.result, d.needs_review) for d in found] == [
        (trip, "adopté à l'unanimité", True), (trip, "adopté à l'unanimité", True),
        (None, "adopté à l'unanimité", True),
        ("M 14 - budget primitif 2022", "adopté à l'unanimité", False)]
    assert all(items.UNNAMED_DECISION in d.issues for d in found[:2]) and items.NO_TITLE in found[2].issues
    unmarked = items.read(text, votes.statements(text), [text])  # no typography known: no title's place seen
    assert None not in [d.objet for d in unmarked]
    bold_votes = [(line, flag or line.startswith("Vote")) for line, flag in marked]  # vote lines set apart too
    assert [d.objet for d in items.read(text, votes.statements(text), [text], [f for _, f in bold_votes] + [None])] == [
        d.objet for d in found]


def test_the_last_lettered_part_whose_vote_ocr_garbled_is_kept_for_review():
    """Avranches, 9 April 2018 (a text layer of OCR): item 4 approves two budgets, "A) Budget
    principal de la Ville d'Avranches," and "B) Budget des opérations assujetties à la TVA", each
    closed by the council's formula. OCR garbled the second vote ("oui VOTENT cowÏpe"): the part
    is still a decision, named by its sub-title, with no vote and sent to review, and the first
    part's name stops before the figures it gives ("Equilibre en section de fonctionnement :
    11455 203.06"). A formula that leads into the parts below it (":") closes none of them."""
    text = pipeline.clean((SHARED / "avranches" / "Proces_verbal_du_conseil_municipal_du_9_avril_2018.txt").read_text()).text
    found = [d for d in extract_text(text, use_ner=False)["deliberations"] if d["number"] == "2018.04.09-4"]
    assert [d["objet"] for d in found] == ["Budget principal de la Ville d'Avranches",
                                           "Budget des opérations assujetties à la TVA"]
    assert found[0]["vote_contre"] == 6 and found[0]["result"] == "adopté"
    assert found[1]["result"] is None and found[1]["needs_review"] and votes.NO_VOTE in found[1]["issues"]
    leads = ("1. Budgets 2018\nLe conseil municipal, après en avoir délibéré, à l'unanimité, APPROUVE :\n"
             "A) Budget principal\nB) Budget annexe de l'eau\n2. Tarifs\nAdopté à l'unanimité\n")
    assert [d.objet for d in _records(leads)] == ["Budgets 2018", "Tarifs"]


def test_a_title_in_capitals_ends_where_a_sentence_in_lower_case_begins():
    """Avranches, 6 March 2017: the title of item 14, set in capitals over two lines, is followed
    by the exposé, whose "Il" OCR read as "ll": a long line in lower case after a whole title in
    capitals is the exposé, not the title's end. A title cut on a connector, or its last words on a
    short line, still runs on."""
    text = pipeline.clean((SHARED / "avranches" / "CM17.03.06_-_PV.txt").read_text()).text
    [motion] = [d for d in extract_text(text, use_ner=False)["deliberations"] if d["number"] == "2017.03.06-14"]
    assert motion["objet"].endswith("A L'ATTENTION DES CANDIDATS A L'ELECTION PRESIDENTIELLE")
    lines = items.lines_of("3. RENOUVELLEMENT DU CONTRAT DE\nmaintenance de l'éclairage public des rues et des places de la commune pour trois ans\n"
                           "4. REMPLACEMENT DES CANALISATIONS D'EAU\npotable rue Chauret\n")
    assert items._title(lines, 0, "RENOUVELLEMENT DU CONTRAT DE", set()).endswith("places de la commune pour trois ans")
    assert items._title(lines, 2, "REMPLACEMENT DES CANALISATIONS D'EAU", set()).endswith("D'EAU potable rue Chauret")


def test_a_number_that_is_the_session_s_date_asks_for_review():
    """Avranches numbers its items with the session's date and the item's rank ("2018.04.09-2");
    where OCR lost the rank ("2018.04.09 - I", the "1" read as a letter that went to the title),
    the number left is the session's date, which names no item: the row asks for review. A
    register's id that is no date (Pierrefonds' "D2025-010") does not."""
    def row(number):
        return Deliberation(number=number, objet="Adoption du compte rendu de la séance du 26 février 2018",
                            result="adopté", session_date="2018-04-09", layout="minutes")

    rows = validate.check([row("2018.04.09"), row("2018.04.09-2"), row("D2025-010")], None)
    assert [validate.DATE_FOR_NUMBER in d.issues for d in rows] == [True, False, False]
    assert rows[0].needs_review


@pytest.mark.parametrize("line, counts, result, unanimous", [
    ("adopté par 25 voix contre 4", {"pour": 25, "contre": 4}, "adopté", False),  # the votes for, then against
    ("Approuvé par 16 voix et 3 abstentions", {"pour": 16, "abstention": 3}, "adopté", False),  # "voix" alone: for
    ("Adopté : 15 voix pour ; 1 voix contre ; 2 abstentions", {"pour": 15, "contre": 1, "abstention": 2}, "adopté", False),
    ("3 abstentions ; 8 voix pour", {"abstention": 3, "pour": 8}, None, False),  # not 8 abstentions: 8 has its label
    ("Votants : 19 Pour ; 17", {"pour": 17}, None, False),  # OCR's colon read as a semicolon: 17 for
    ("Contre : 12 voix contre (M. X, Mme Y)", {"contre": 12}, None, False),  # two digits, not one
    ("Adopté par 25 voix contre 4 abstentions", {"contre": 25, "abstention": 4}, "adopté", False),  # "contre 4 abstentions"
    ("à l'unanimité moins une voix contre (M. Dupont)", {"contre": 1}, "adopté", False),  # all but the votes after "moins"
    ("Votants : 19 Pour : 17", {"pour": 17}, None, False),  # the count before a label with its own count is another's
    ("à l'unanimité moins deux voix (M. Durand, Mme Martin)", {}, "adopté", False),  # not unanimous; what they were, unsaid
    ("Adopté à l'unanimité moins 3 voix.", {}, "adopté", False),
    ("Adopté à l'unanimité\nmoins deux voix (M. X, Mme Y)", {}, "adopté", False),  # over a line break
    ("à l'unanimité des membres présents moins deux voix (M. X, Mme Y)", {}, "adopté", False),
    ("à l'unanimité moins deux voix (contre)", {"contre": 2}, "adopté", False),  # what they were, said apart
    ("à l'unanimité moins deux voix d’abstentions", {"abstention": 2}, "adopté", False),
    ("à l'unanimité moins une voix (abstention de M. X)", {"abstention": 1}, "adopté", False),
    ("à l'unanimité moins deux voix : contre M. X et Mme Y", {"contre": 2}, "adopté", False),
    ("M. Paul Martin est élu par 16 voix", {}, "élu", False),  # an election's tally, no votes for
])
def test_the_vote_forms_of_french_minutes(line, counts, result, unanimous):
    """The ways French minutes give a vote, beyond the development communes' own: "par 25 voix
    contre 4" (25 for, 4 against), "par 16 voix et 3 abstentions", counts parted by semicolons
    (a semicolon after "pour" is no colon: "15 voix pour ; 1 …" is not 1 for), "à l'unanimité
    moins une voix contre". The benchmark's --revoted forms write them into real minutes of
    Pierrefonds and Couthenans (``test_the_counts_after_the_decision_formula_close_each_item``)."""
    [st] = votes.statements(f"Travaux de voirie\n{line}\n")
    assert (st.counts, st.result, st.unanimous) == (counts, result, unanimous)
    assert (votes.LESS_UNSAID in st.notes) == ("moins" in line and not counts)  # only what is not said asks


def test_a_unanimity_less_votes_not_said_asks_for_review():
    """"à l'unanimité moins deux voix (M. Durand, Mme Martin)": the item is adopted, not
    unanimously, and whether those two voted against or abstained is not said — no count is made
    up, and the row asks for review; the next item's plain unanimity does not."""
    text = ("Séance du conseil municipal du 12 mai 2021\n\n"
            "1. Travaux de voirie\nLe Conseil Municipal, après en avoir délibéré, à l'unanimité moins deux voix "
            "(M. Durand, Mme Martin), approuve le programme.\n"
            "2. Subvention au club de football\nLe Conseil Municipal, après en avoir délibéré, à l'unanimité, "
            "accorde la subvention.\n")
    first, second = _records(text)
    assert (first.number, first.result, first.vote_pour, first.vote_contre, first.vote_abstention) == ("1", "adopté", None, None, None)
    assert first.needs_review and first.issues == [votes.LESS_UNSAID]
    assert second.result == "adopté à l'unanimité" and not second.needs_review


def test_counts_on_the_line_under_the_formula_are_its_votes():
    """"Le Conseil Municipal, après en avoir délibéré, DÉCIDE ⏎ 15 voix pour, 3 abstentions": counts
    opening the line under the formula are the item's decision, however many decisions the item
    holds (Pierrefonds' "1. Budget – Commune" and its dash lines, 12 April 2022, so rewritten)."""
    text = ("1. Budget – Commune\n- Approbation du compte de gestion 2021\nLe compte de gestion est conforme.\n"
            "Le Conseil Municipal, après en avoir délibéré, DÉCIDE\n15 voix pour, 3 abstentions\n"
            "- Approbation du compte administratif 2021\nMadame le maire quitte la séance.\n"
            "Le Conseil Municipal, après en avoir délibéré, DÉCIDE\n14 voix pour, 3 voix contre\n"
            "- Affectation des résultats 2021\nLe Conseil Municipal, après en avoir délibéré, à l'unanimité,\n"
            "DÉCIDE d'affecter le résultat.\n")
    found = items.read(text, votes.statements(text))
    assert [(d.objet, d.vote_pour, d.vote_contre, d.vote_abstention) for d in found] == [
        ("Approbation du compte de gestion 2021", 15, None, 3), ("Approbation du compte administratif 2021", 14, 3, None),
        ("Affectation des résultats 2021", None, None, None)]


@pytest.mark.parametrize("block, votes_read", [
    ("Voix pour : 15\nVoix contre : 2\nAbstention : 0", (15, 2, 0)),  # the labels' shared word opens each line
    ("Pour = 15\nContre = 2", (15, 2, None)),
    ("Le Conseil municipal, après en avoir délibéré, décide par 15 voix pour, 2 contre (M. MARTIN, Mme PETIT) :\n"
     "- d'approuver le projet", (15, 2, None)),  # "décide par": the formula's counts
    ("Délibération adoptée par 15 voix pour et 2 voix contre.", (15, 2, None)),  # "adoptée par"
    ("VOTE :\nPour : 15\nContre : 2 (M. Martin, Mme Petit)\nAbstention : 0", (15, 2, 0)),
])
def test_an_item_s_vote_block_in_the_forms_minutes_print_it(block, votes_read):
    """A vote block written as minutes of other communes write it closes its item, whatever its
    labels' shared word ("Voix pour :"), its separator ("Pour = 15") or the formula it follows
    ("décide par 15 voix pour", "adoptée par …"); the item keeps its own title."""
    text = ("COMMUNE DE SAINT-MARTIN\nSéance du 12 avril 2023\nPrésents : M. Paul MARTIN, Mme Anne PETIT\n\n"
            f"1. Travaux de voirie\nLe maire expose le projet.\n{block}\n\n"
            "2. Tarifs de la cantine\nLe maire expose.\nAdopté à l'unanimité.\n")
    found = extract_text(text, use_ner=False)["deliberations"]
    assert [d["objet"] for d in found] == ["Travaux de voirie", "Tarifs de la cantine"]
    assert (found[0]["vote_pour"], found[0]["vote_contre"], found[0]["vote_abstention"], found[0]["result"]) == (*votes_read, "adopté")


def _acts_of(pages: list[str]) -> list:
    return records_pkg._acts("\n".join(pages), pages)


def test_an_extract_of_the_register_holding_several_acts_gives_one_record_per_act():
    """Three of Montpellier's acts of 24 April 2014 bound in one file, as an extract of the register
    gives them: each page that opens with an act's own id (its ACTES id, its "n° 2014 / 155") other
    than the act before's begins an act, read as that act alone reads — not one record with the
    first act's subject and the last act's vote. Acts of two sessions bound together keep each its
    own session's date."""
    path = "montpellier/deliberations-2014-04/2014-04-24-00000"
    texts = [_text(f"{path}{n}.pdf") for n in ("71216", "71249", "71251")]
    keys = ("number", "objet", "result", "actes_id", "signatory", "session_date")
    alone = [[{k: d[k] for k in keys} for d in extract_text(t, use_ner=False)["deliberations"]] for t in texts]
    bound = extract_text("\f".join(texts), use_ner=False)["deliberations"]
    assert [{k: d[k] for k in keys} for d in bound] == [a[0] for a in alone] and all(len(a) == 1 for a in alone)

    def act(number: str, day: str, subject: str, vote: str) -> str:
        return (f"REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du {day}\nDélibération n° {number}\n"
                f"Objet : {subject}\nLe Conseil Municipal, après en avoir délibéré,\nDÉCIDE d'approuver la proposition.\n{vote}\n")

    two = "\f".join([act("2023-12", "12 avril 2023", "Tarifs de la cantine", "Pour : 12 Contre : 1 Abstention : 0"),
                     act("2023-19", "7 juin 2023", "Travaux de voirie", "Pour : 13 Contre : 0 Abstention : 0")])
    found = extract_text(two, use_ner=False)["deliberations"]
    assert [(d["number"], d["objet"], d["session_date"], d["vote_pour"], d["vote_contre"]) for d in found] == [
        ("2023/12", "Tarifs de la cantine", "2023-04-12", 12, 1), ("2023/19", "Travaux de voirie", "2023-06-07", 13, 0)]
    same = act("2023-12", "12 avril 2023", "Tarifs de la cantine", "") + "\f" + act("2023-12", "12 avril 2023", "Tarifs de la cantine", "Pour : 12")
    assert len(extract_text(same, use_ner=False)["deliberations"]) == 1  # a page that repeats its act's id goes on with it
    cited = ["COMMUNE DE SAINT-MARTIN\nSéance du 12 avril 2023\n1. Tarifs de la cantine (DCM n° 2023-01)\nAdopté à l'unanimité\n",
             "n° 2023-02\n2. Travaux de voirie (DCM n° 2023-02)\nAdopté à l'unanimité\n"]
    assert _acts_of(cited) == []  # minutes citing the register's numbers: no act's cue
    stamp = "Accusé de réception en préfecture\n034-213401722-20140424-00000712{}-DE\n"
    follows = [stamp.format(50) + act("2014-155", "24 avril 2014", "Personnel municipal", ""),
               "Délibération n° 2014-155 (suite)\nAdopté à l'unanimité\n"]
    assert _acts_of(follows) == []  # the act's second page gives its number only
    assert len(_acts_of([stamp.format(50) + act("2014-155", "24 avril 2014", "Personnel municipal", "Adopté"),
                                  stamp.format(51) + act("2014-156", "24 avril 2014", "Voirie", "Adopté")])) == 2
    stamped = ["ID : 030-213001100-20220610-CR28042022-DE\nApprobation du compte rendu\nVote : à l'unanimité",  # Flaux 2022:
               "ID : 080-213001100-20220610-CR28042022-DE\nAchat de batardeaux\nVote : à l'unanimité"]  # the stamp OCR'd
    assert _acts_of(stamped) == []  # one document's stamp, read one digit apart on another page


@pytest.mark.parametrize("block, read", [
    ("Après dépouillement : M. Paul MARTIN : 12 voix, Mme Anne PETIT : 3 voix.\nM. Paul MARTIN est élu maire.",
     (None, None, "élu")),
    ("M. Paul MARTIN, ayant obtenu la majorité absolue, est proclamé maire.", (None, None, "élu")),
    ("Le Conseil Municipal, après en avoir délibéré, REJETTE la proposition par 10 voix contre et 5 voix pour.",
     (5, 10, "rejeté")),  # the counts after "par" in the council's own sentence
])
def test_an_election_to_an_office_and_a_rejection_said_in_the_council_s_sentence(block, read):
    """The council electing its mayor or an adjoint says so in the present ("est élu maire", "est
    proclamé maire"), a tally of candidates before it: a decision, an election; the council
    rejecting a proposal "par 10 voix contre et 5 voix pour" gives its counts. A past election
    told in the exposé ("a été élu maire en 2020") decides nothing."""
    text = ("COMMUNE DE SAINT-MARTIN\nSéance du 12 avril 2023\nPrésents : M. Paul MARTIN, Mme Anne PETIT\n\n"
            f"1. Election du maire\nLe doyen de l'assemblée préside.\n{block}\n\n"
            "2. Tarifs de la cantine\nLe maire expose.\nAdopté à l'unanimité.\n")
    found = extract_text(text, use_ner=False)["deliberations"]
    assert [d["objet"] for d in found] == ["Election du maire", "Tarifs de la cantine"]
    assert (found[0]["vote_pour"], found[0]["vote_contre"], found[0]["result"]) == read
    assert votes.statements("M. Paul MARTIN a été élu maire en 2020 et réélu en 2026.\n") == []


def test_a_vote_block_after_the_decisions_own_vote_words_says_the_items_vote():
    """An unnumbered item whose decision says a vote word in its clauses ("approuve les statuts",
    "désigne … Monsieur le Maire à l'unanimité", "après en avoir délibéré, à l'unanimité :"), then
    closes on its vote block ("Vote : 1 contre (…) 3 abstentions (…) 7 pour"), with no title
    between: the block says the item's vote, and the record asks for review where the words
    before it disagree with it (a unanimity, then votes against: two votes, not one told in two
    pieces). A second vote block with no title, or one after an untitled paragraph, is no part of
    the item before it. A unanimity the block completes with abstentions ("à l'unanimité :", then
    "Vote : 2 abstentions (…)") is one vote. Lines of a Flaux scan as OCR read them, and of
    Pierrefonds' minutes of 10 April 2024 (the item's number taken away)."""
    flaux = ("Nombre de membres\nen exercice : 11\nqui ont pris part à la\ndélibération : 11\n\n"
             "Séance du 9 juin 2023\nPrésents : Denis JUVIN - Catherine MARTEL - Muriel NIGGEL - Alessandra\n"
             "STURANI - Patricia MICHOT - Jean-Pierre PLUS - Philippe ROUVIER - COROUGE\n"
             "- Catherine VINAS - Philippe VINÇON\n\nAbsents excusés : Valérie UPPHOFF - Michel VAILLIES\n\n"
             "Procuration : Valérie UPPHOFF donne procuration à Denis JUVIN\n"
             "Michel VAILLIES donne procuration à Jean-Pierre PLUS\n\nOrdre du jour\n\n"
             "RPQS Assainissement\n\n"
             "PNR (Adhésion à l'Association de préfiguration d’un Parc Naturel Régional\n"
             "autour du Pays d’Uzès et du Pont du Gard, à l'approbation des statuts ainsi\n"
             "qu’à la désignation des représentants à l’Assemblée générale)\n\n"
             "Subventions Associations\n\nQuestions diverses\n\n"
             "RPQS Assainissement\n\nLe rapport annuel est présenté au conseil.\nVote : à l'unanimité\n\n"
             "PNR {Adhésion à l'Association de préfiguration d’un Parc Naturel Régional\n\n"
             "Considérant que les communes jusqu'à 1000 habitants sont invitées à désigner un(e)\n"
             "représentant(e) pour siéger à l'Assemblée générale.\n\n"
             "Le conseil municipal après en avoir délibéré :\n"
             "approuve les statuts de l'association de préfiguration d'un parc naturel régional\n"
             "autour du Pays d'Uzës et du Pont du Gard\n"
             "décide d'adhérer à l'association de préfiguration d'un parc naturel régional\n"
             "autour du pays d'Uzés et du Pont du Gard\n"
             "désigne pour siéger à l'Assemblée générale, ladite association à Monsieur Le\n"
             "Maire à l'unanimité\n"
             "autorise Monsieur le Maire à prendre toutes les mesures nécessaires en vue de\n"
             "l'exécution de la présente délibération\n\n"
             "Vote : 1 contre (Mr ROUVIER - COROUGE)\n3 abstentions (Mme MARTEL - Mme MICHOT - Mr PLUS)\n7 pour\n\n"
             "Subventions Associations\n\nLa fiesta demande : 1000 € Vote : 9 pour\n\n"
             "Vote : 6 pour, 1 abstention (Mme VINAS) , 2 contre {Mr VAILLIES -\nMme NIGGEL)\n")
    found = extract_text(flaux, use_ner=False)["deliberations"]
    pnr = next(d for d in found if d["objet"].startswith("PNR"))
    assert (pnr["vote_pour"], pnr["vote_contre"], pnr["vote_abstention"], pnr["result"]) == (7, 1, 3, "adopté")
    assert pnr["needs_review"]  # "à l'unanimité" said of the designation, then votes against
    fiesta = next(d for d in found if d["objet"].startswith("La fiesta"))
    assert fiesta["vote_pour"] == 9 and fiesta["vote_contre"] is None
    # a paragraph with no title between the clauses and a vote block: that vote is no part of the item
    untitled = flaux.replace("Vote : 1 contre (Mr ROUVIER - COROUGE)\n3 abstentions (Mme MARTEL - Mme MICHOT - Mr PLUS)\n7 pour",
                             "La commune accueillera la réunion de l'association en septembre prochain.\n"
                             "Vote : 9 pour, 2 abstentions")
    pnr = next(d for d in extract_text(untitled, use_ner=False)["deliberations"] if d["objet"].startswith("PNR"))
    assert pnr["vote_pour"] is None and pnr["vote_abstention"] is None
    pierrefonds = ("Conseil Municipal du 10 avril 2024\nPrésents : Madame Florence DEMOUY, Monsieur Michel LEBLANC\n"
                   "Secrétaire : Monsieur Michel LEBLANC\n"
                   "Affectation des résultats 2023\nLe résultat de fonctionnement est affecté au compte 1068.\n"
                   "Vote : Pour à l’unanimité\n"
                   "Subventions 2024 aux associations\n"
                   "CONSIDÉRANT l’intérêt de soutenir les associations pétrifontaines dans leurs actions,\n"
                   "Le Conseil municipal, après en avoir délibéré, à l’unanimité :\n"
                   "-    DÉCIDE d’approuver le tableau des subventions aux associations pour l’année 2024 tel qu’indiqué ci-\n"
                   "dessus,\n-    DIT que les crédits sont inscrits au budget primitif 2024 à l’article 6574\n\n"
                   "Vote : 2 abstentions (M. LEBLANC et M. THUILLIER)\n")
    found = extract_text(pierrefonds, use_ner=False)["deliberations"]
    assert [d["objet"] for d in found] == ["Affectation des résultats 2023", "Subventions 2024 aux associations"]
    assert (found[1]["vote_abstention"], found[1]["vote_contre"]) == (2, None) and found[1]["result"].startswith("adopté")


def test_an_agendas_entries_set_with_arrow_bullets_name_the_items():
    """Agendas set their entries with arrow bullets ("➢", which OCR reads ">", a stray stop
    before it): the bullet is no part of the entry, and each entry names its item as a plain one
    does (on a Flaux scan, a title whose end a stamp hid, "Zones d’accélération pour
    lPimplantation d'in", is named by its entry). Lines of a Flaux scan's agenda as OCR read them,
    and Pierrefonds' minutes of 15 October 2015, numbers taken away, their agenda set with arrows."""
    flaux = ("Ordre du jour\n\n: > Approbation du procès-verbal du 17 novembre 2023\n\n"
             "> Zones d'accélération pour l'implantation d'installations terrestres de\n"
             "production d'énergies renouvelables - Bilan de concertation\n\n"
             "> Dépenses d'investissement avant le vote du budget 2024 M57\n\n> Questions diverses\n\n"
             "Ouverture de la séance\nLe quorum est atteint, Monsieur le Maire déclare la séance ouverte\n"
             "Vote : unanimité\n")
    lines = items.lines_of(flaux)
    entries, _ = items._entries(lines, items._agenda(lines), set(), set())
    assert entries == ["Approbation du procès-verbal du 17 novembre 2023",
                       "Zones d'accélération pour l'implantation d'installations terrestres de production "
                       "d'énergies renouvelables - Bilan de concertation",
                       "Dépenses d'investissement avant le vote du budget 2024 M57"]
    path = "pierrefonds/compte-rendu-15-10-2015.pdf"
    bare = ITEM_NUMBER.sub(lambda m: m.group(1), _text(path).translate(SPACES))
    rows = bare.split("\n")
    agenda = items._agenda(items.lines_of(bare))
    arrows = "\n".join(f"➢ {row}" if k in agenda and row.strip()[:1].isupper() else row  # an entry's first line
                       for k, row in enumerate(rows))
    assert arrows != bare
    plain = extract_text(bare, use_ner=False)["deliberations"]
    found = extract_text(arrows, use_ner=False)["deliberations"]
    assert [d["objet"] for d in found] == [d["objet"] for d in plain] and len(found) == 9
    assert all(items.ANNOUNCED in d["issues"] for d in found)


def test_a_title_line_ending_on_a_dash_goes_on_over_the_next():
    """A title line that ends on a dash ("… Eau Potable —", "… Bourse Animation Jeunes -") goes on
    over the next line, as one cut after a preposition does: the dash, taken off the title's text
    as before, says the title is not over. Lines of a Flaux scan as OCR read them, and of
    Montpellier's procès-verbal of 20 June 2011 (items 7 and 8, their numbers taken away)."""
    flaux = ("Séance du 19 mai 2021\nPrésents : Denis JUVIN - Catherine MARTEL\n\n"
             "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Philippe VINÇON.\n"
             "Vote : à l'unanimité\n\n"
             "Rapport sur le Prix et la Qualité du Service public (RPQS) Eau Potable —\nExercice 2020\n\n"
             "Monsieur le Maire présente le Rapport sur le Prix et la Qualité du Service en eau\npotable\n\n"
             "Personne ne prenant la parole, il est passé au vote\nVote : à l'unanimité\n")
    found = [d["objet"] for d in extract_text(flaux, use_ner=False)["deliberations"]]
    assert found[-1] == "Rapport sur le Prix et la Qualité du Service public (RPQS) Eau Potable Exercice 2020"
    montpellier = ("Conseil municipal du 20 juin 2011\n\n"
                   "Avenue du Pont Trinquat - Sécurité école Groupe Scolaire les Aiguerelles\n\n"
                   "Il est demandé d’autoriser Madame le Maire à signer les marchés avec les entreprises retenues.\n\n"
                   "Pour : 57\nAdopté à l’unanimité\n\n"
                   "« Commission Jeunesse - Ville Etudiante » Bourse Animation Jeunes -\n"
                   "Attributions de subventions 2011\n\nMichel PASSET :\n"
                   "Dans le cadre du développement des actions de proximité et de solidarité, la Ville de Montpellier, par\n"
                   "l’intermédiaire de son Service Jeunesse et Sports et, en partenariat avec le tissu associatif, met en place des\n"
                   "manifestations pour permettre aux jeunes d’être les acteurs de leur avenir et de leur ville.\n\n"
                   "Pour : 57\nAdopté à l’unanimité\n")
    found = [d["objet"] for d in extract_text(montpellier, use_ner=False)["deliberations"]]
    assert found[-1] == "« Commission Jeunesse - Ville Etudiante » Bourse Animation Jeunes Attributions de subventions 2011"


def test_lines_alike_only_as_ocr_misreads_them_are_one_line_of_furniture():
    """A running header OCR read two ways on two pages is one line ("Nombre de membres en exercice",
    "Noïnbre de mernbres en exercice"); two lines alike in most of their letters but for a word are
    two: two items' titles (Pierrefonds, 1 March 2022), the proposals of two commissions (Avranches,
    19 December 2016). Pierrefonds' minutes, their numbers taken away, keep both titles — each said
    on another page — as their items' subjects, not as a running header."""
    from rapidfuzz import fuzz

    from pipeline.extraction.records.furniture import FUZZY, alike, shape

    assert alike(shape("Nombre de membres en exercice : 29"), {shape("Noïnbre de mernbres en exercice : 29")})
    assert alike(shape("Commune de Flaux - séance du 9 juin"), {shape("Cornmune de Fiaux - séance du 9 juin")})
    for mine, theirs in (("Vidéoprotection : Autorisation à donner à Madame le maire pour la signature du marché",
                          "Espaces Verts : Autorisation à donner à Madame le maire pour la signature du marché"),
                         ("Il est proposé au conseil municipal, après avis favorable de la commission du personnel :",
                          "Il est proposé au conseil municipal, après avis favorable de la commission des finances,"),
                         ("Subvention exceptionnelle à l'association sportive de Flaux",  # edits side by side: one run
                          "Subvention exceptionnelle à l'association culturelle de Flaux")):
        assert fuzz.ratio(shape(mine), shape(theirs)) >= FUZZY  # as alike by their letters as a misread line
        assert not alike(shape(mine), {shape(theirs)})
    subjects = [d["objet"] for d in _numbered("pierrefonds/CM-01-MARS-2022.pdf", "")]
    assert subjects[0].startswith("Vidéoprotection : Autorisation à donner") and not subjects[0].startswith("Prendre note")
    assert subjects[1].startswith("Espaces Verts : Autorisation à donner")


def test_a_symbol_fonts_minus_is_a_dash_to_the_reader():
    """A text layer gives a symbol font's glyphs in the private-use area: its minus ("\\uf02d") is a
    dash to the reader, one character for one. Pierrefonds, 7 June 2018: the proxies listed under
    "Pouvoirs :", each after that minus, are members (no vote of 17 for and 1 abstention exceeds
    them any more); 9 July 2018: an item's title goes on over its dash line ("5. Accueil de Loisirs
    ⏎ \\uf02d Barème de tarification …"), as on the agenda. Other glyphs of those fonts (bullets in one,
    arrows in another) are left as they are."""
    assert "\uf02d Madame X".translate(SPACES) == "- Madame X" and "\uf0e0 adopté".translate(SPACES) == "\uf0e0 adopté"
    text = _text("pierrefonds/compte-rendu-07-06-2018.pdf")
    assert "\uf02d Madame Françoise SANTUNE" in text
    assert membership(text.translate(SPACES)) >= 18 > membership(text)
    found = extract_text(text, use_ner=False)["deliberations"]
    assert [(d["number"], d["vote_pour"], d["vote_abstention"], d["needs_review"]) for d in found] == [
        ("1", 17, 1, False), ("2", 15, 3, False)]
    found = {d["number"]: d["objet"] for d in extract_text(_text("pierrefonds/compte-rendu-09-07-2018.pdf"), use_ner=False)["deliberations"]}
    assert found["5"] == "Accueil de Loisirs - Barème de tarification - année scolaire 2018/2019"
    assert found["6"] == "Accueil de Loisirs - Tarification de la restauration - année scolaire 2018/2019"


def test_a_result_word_before_the_act_that_made_it_is_no_vote():
    """"approuvé par délibération …" tells of an act, earlier or to come, not of this vote: no
    result is read there — Avranches, 28 May 2018 ("Il doit être ⏎ approuvé par délibération
    concordante."), Pierrefonds, 23 November 2020 ("… d'une convention spécifique, ⏎ approuvée par
    délibération du Conseil municipal. »"). "Adopté à l'unanimité" opening its line still is one."""
    for line in ("et résultats du service « EAU » de la ville d’Avranches transférés au 1er janvier 2018. Il doit être\n"
                 "approuvé par délibération concordante.\n",
                 "groupes. Les modalités de mise à disposition de la salle dans ce cadre font l’objet d’une convention spécifique,\n"
                 "approuvée par délibération du Conseil municipal. »\n"):
        assert not votes.statements(line), line
        assert [(st.result, st.unanimous) for st in votes.statements(line + "Adopté à l'unanimité.\n")] == [("adopté", True)]


def test_items_the_agenda_announces_outweigh_an_acts_cue_and_a_lone_number():
    """Minutes whose items carry no number, each announced by the agenda and said again over its
    exposé, are read as such: where an act's cue stands in a sentence ("le registre des délibérations
    fera désormais l'objet …": Pierrefonds, 6 October 2022) as where the reading of a session's report
    found one number in an exposé ("6", Pierrefonds, 23 November 2020) — and in Flaux's minutes
    as OCR read them, one such sentence added."""
    from rapidfuzz import fuzz

    for path, n in (("pierrefonds/CM-06-OCTOBRE-2022.pdf", 3), ("pierrefonds/compte-rendu-23-11-2020.pdf", 7)):
        bare, numbered = _numbered(path, ""), _numbered(path, "{n}. ")
        assert len(bare) == len(numbered) == n, path
        assert all(fuzz.ratio(d["objet"], e["objet"]) >= 85 for d, e in zip(bare, numbered))  # the agenda's or the body's words
        assert all(d["number"] is None for d in bare) and sum(items.ANNOUNCED in d["issues"] for d in bare) >= 2
    flaux = ("Séance du 9 juin 2023\nPrésents : Denis JUVIN - Catherine MARTEL\n"
             "Le registre des délibérations fera désormais l’objet d’une signature du maire.\nrdre du jour\n\n"
             "RPQS Assainissement\n\nRéalisation d’un parc photovoltaïque\n\nQuestions diverses\n\n"
             "RPQS Assainissement\nLe rapport annuel est présenté au conseil.\nVote : à l'unanimité\n"
             "Réalisation d’un parc photovoltaïque\nLa commune de Flaux envisage de réaliser un\n"
             "projet sur un terrain communal.\nVote : à l'unanimité\nQuestions diverses\nBilan de la bibliothèque.\n")
    assert [d["objet"] for d in extract_text(flaux, use_ner=False)["deliberations"]] == [
        "RPQS Assainissement", "Réalisation d’un parc photovoltaïque"]


def test_a_counts_unit_before_the_next_label_and_its_count_is_no_count_of_that_label():
    """"Pour : 12 voix Contre : 2 voix" (a table's cells on one line, as a text layer gives them)
    is 12 for and 2 against — while a count whose
    label is followed by the next count and that count's own label still counts ("14 voix pour : 3
    voix contre"). Lines of Couthenans' and Pierrefonds' votes rewritten so by the benchmark's
    "units" form are read as written in figures (test above)."""
    for line, counts in (("Pour : 12 voix Contre : 2 voix", {"pour": 12, "contre": 2}),
                         ("Pour : 12 voix Contre : 2 voix Abstention : 1 voix", {"pour": 12, "contre": 2, "abstention": 1}),
                         ("15 voix pour ; 1 voix contre ; 2 abstentions", {"pour": 15, "contre": 1, "abstention": 2}),
                         ("Résultat : 14 voix pour : 3 voix contre", {"pour": 14, "contre": 3}),
                         ("Vote : 3 abstentions : 8 voix pour", {"abstention": 3, "pour": 8})):
        assert [st.counts for st in votes.statements("DÉCIDE\n" + line + "\n")] == [counts], line
