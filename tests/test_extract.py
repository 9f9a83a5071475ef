"""Extraction against hand-made gold (tests/gold/*.extract.json), and properties of the date
and amount parsers: any formatted date or amount parses back to its value."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.evaluation import score_extraction
from pipeline.extraction import extract_text
from pipeline.extraction.amounts import AMOUNT, amount_matches, find_amounts, parse_words
from pipeline.extraction.dates import find_dates
from pipeline.sources.pdf import open_pdf, text_of
from tests.conftest import ROOT, run_cli

GOLD = ROOT / "tests" / "gold" / "dev"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def _gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def _pdf_text(path) -> str:
    with open_pdf(path) as pdf:
        return "\f".join(text_of(p) for p in pdf.pages)


def _assert_scores(found: dict, gold: dict, floor: float = 0.95) -> None:
    scores = score_extraction(found, gold)
    for kind, (p, r, _) in scores.items():
        assert p >= floor and r >= floor, (kind, p, r, found[kind])
    for iso, role in gold.get("roles", {}).items():
        assert any(d["start"] == iso and d["role"] == role for d in found["dates"]), (iso, role)


def test_founding_example(shared):
    proc = run_cli("extract", str(shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    gold = _gold("mantes-la-jolie.extract.json")
    _assert_scores(found, gold, floor=1.0)
    assert score_extraction(found, gold)["cities"] == (1.0, 1.0, 1.0)
    assert not {"Maire", "UNESCO", "Conseil Municipal"} & {c["name"] for c in found["cities"]}
    for city in found["cities"]:
        assert set(city) >= {"name", "country", "country_code", "char_start", "char_end"}


def test_one_deliberation_per_document(shared):
    text = _pdf_text(shared / "montpellier" / "deliberations-2014-04" / "2014-04-24-0000071251.pdf")
    found = extract_text(text)
    _assert_scores(found, _gold("montpellier-2014-04-24-0000071251.extract.json"))


def test_small_commune_minutes(shared):
    text = _pdf_text(shared / "couthenans" / "CR_reunion_20210409.pdf")
    found = extract_text(text)
    _assert_scores(found, _gold("couthenans-CR_reunion_20210409.extract.json"))


def test_held_out_minutes(shared):
    """Gold written before the extractor first ran on this document."""
    text = _pdf_text(shared / "couthenans" / "CR_conseil_municipal_07_10_2022.pdf")
    _assert_scores(extract_text(text), _gold("couthenans-CR_conseil_municipal_07_10_2022.extract.json"))


def test_votes_in_words_and_numbers():
    text = ("1/ Travaux de voirie :\nLe conseil approuve le devis.\n11 votes pour 2 abstentions\n\n"
            "2/ Tarifs de la cantine :\nADOPTÉ à l'unanimité\n\n3/ Vente du terrain :\n9 voix pour, 4 contre\n")
    recs = extract_text(text, use_ner=False)["deliberations"]
    got = [(r["number"], r["vote_pour"], r["vote_contre"], r["vote_abstention"], r["result"]) for r in recs]
    assert got == [("1", 11, None, 2, "adopté"), ("2", None, None, None, "adopté à l'unanimité"),
                   ("3", 9, 4, None, "adopté")]


def test_damaged_actes_id_is_not_guessed():
    text = ("Accusé de réception\n[osa-219401722-20140424-0000071216-DE\nSéance publique du jeudi 24 avril 2014\n"
            "Monsieur le Maire rapporte :\nLe Conseil adopte.\n")
    rec = extract_text(text, use_ner=False)["deliberations"][0]
    assert rec["actes_id"] is None and rec["session_date"] == "2014-04-24" and rec["result"] == "adopté"


@pytest.mark.parametrize("text, start, end, precision", [
    ("25 Mars 2019", "2019-03-25", "2019-03-25", "day"),
    ("1er avril 2011", "2011-04-01", "2011-04-01", "day"),
    ("le jeudi 24 avril 2014 à 18h00", "2014-04-24", "2014-04-24", "day"),
    ("du 1 au 3 octobre 2019", "2019-10-01", "2019-10-03", "day"),
    ("janvier 2017", "2017-01-01", "2017-01-31", "month"),
    ("février 2024", "2024-02-01", "2024-02-29", "month"),
    ("2019-2021", "2019-01-01", "2021-12-31", "year"),
    ("08/04/2014", "2014-04-08", "2014-04-08", "day"),
    ("l'année 2019", "2019-01-01", "2019-12-31", "year"),
    ("du 15 décembre 2019 au 10 janvier 2020", "2019-12-15", "2020-01-10", "day"),
])
def test_date_forms(text, start, end, precision):
    (d,) = find_dates(text)
    assert (d.start, d.end, d.precision) == (start, end, precision)


@pytest.mark.parametrize("text, value, currency", [
    ("1 700 euros", "1700", "EUR"), ("428 100 €", "428100", "EUR"), ("12 800,50 €", "12800.50", "EUR"),
    ("182.330.309 euros", "182330309", "EUR"), ("1,5 M€", "1500000", "EUR"),
    ("un (1) million de dollars (US)", "1000000", "USD"), ("mille sept cents euros", "1700", "EUR"),
    ("quatre-vingt-dix euros", "90", "EUR"), ("2 000 livres sterling", "2000", "GBP"),
])
def test_amount_forms(text, value, currency):
    (a,) = find_amounts(text)
    assert (Decimal(a.value), a.currency) == (Decimal(value), currency)


def test_counts_are_not_amounts():
    assert find_amounts("il compte aujourd’hui 170 villes, réparties dans 53 pays (52 Villes)") == []


def test_amounts_after_a_run_of_number_words_that_is_none_are_read():
    """A run of number words that ends on no currency is passed over at once (tests/test_patterns.py
    times it); what comes after it is still read, a run that does end on a currency is one
    amount, and a run glued to the currency's letters is read as it always was."""
    text = "l'article deux cent trois, Monsieur, puis trois cents euros et deux cent mille euros"
    assert [a.value for a in find_amounts(text)] == ["300", "200000"]
    assert [(a.text, a.value) for a in find_amounts("vingt et uneuros")] == [("uneuros", "1")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["deux", "cent", "cents", "mille", "quatre-vingt", "et", "un", "une", "(2)", "12",
                                           "1 500", "euros", "uros", "€", "Monsieur", "de", "d'", "million", ",", "(",
                                           ")", "francs"]),
                          st.sampled_from([" ", "", "\n", "-"])), max_size=10))
@example([("vingt", " "), ("et", " "), ("une", ""), ("uros", "")])  # "une" read "un" before "euros"
def test_property_the_bounded_search_finds_what_the_whole_pattern_finds(pieces):
    """``amount_matches`` (near a currency, runs of number words taken whole) finds the same
    amounts, at the same places, as AMOUNT searched over the whole text — words glued or not."""
    text = "".join(word + gap for word, gap in pieces)
    assert [(m.span(), {k: v for k, v in m.groupdict().items() if k != "run"}) for m in amount_matches(text)] == \
        [(m.span(), m.groupdict()) for m in AMOUNT.finditer(text)]


# -- properties: format, then parse back ------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31)), st.sampled_from(["long", "numeric", "weekday", "month"]))
def test_property_formatted_dates_parse_back(day, style):
    weekday = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][day.weekday()]
    first = "1er" if day.day == 1 else str(day.day)
    text = {"long": f"Séance du {first} {MONTHS[day.month - 1]} {day.year}",
            "numeric": f"le {day.day:02d}/{day.month:02d}/{day.year}",
            "weekday": f"le {weekday} {day.day} {MONTHS[day.month - 1]} {day.year} à 18h00",
            "month": f"en {MONTHS[day.month - 1]} {day.year}"}[style]
    (d,) = find_dates(text)
    if style == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        assert (d.start, d.end) == (day.replace(day=1).isoformat(), day.replace(day=last).isoformat())
    else:
        assert d.start == d.end == day.isoformat()


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["space", "dot", "plain"]), st.sampled_from(["€", "euros", "EUR"]))
def test_property_formatted_amounts_parse_back(value, grouping, currency):
    integer, _, cents = f"{value:.2f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    sep = {"space": " ", "dot": ".", "plain": ""}[grouping]
    text = f"un montant de {sep.join(groups)},{cents} {currency} est inscrit"
    (a,) = find_amounts(text)
    assert Decimal(a.value) == value and a.currency == "EUR"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_property_number_words(n):
    units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
             "treize", "quatorze", "quinze", "seize"]
    tens = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

    def below_100(k):
        if k <= 16:
            return units[k]
        if k < 20:
            return "dix-" + units[k - 10]
        t, u = divmod(k, 10)
        if t in (7, 9):
            return ("soixante" if t == 7 else "quatre-vingt") + "-" + below_100(10 + u)
        if t == 8:
            return "quatre-vingt" + ("-" + units[u] if u else "s")
        return tens[t] + ("-et-un" if u == 1 else ("-" + units[u] if u else ""))

    def below_1000(k):
        h, r = divmod(k, 100)
        head = "" if h == 0 else ("cent" if h == 1 else units[h] + " cent")
        return " ".join(x for x in (head, below_100(r) if r else "") if x)

    th, r = divmod(n, 1000)
    words = " ".join(x for x in (("mille" if th == 1 else below_1000(th) + " mille") if th else "",
                                 below_1000(r) if r else "") if x)
    assert parse_words(words) == n, words
