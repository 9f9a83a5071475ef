"""Extraction against the hand-made gold of tests/gold/*.extract.json: precision, recall and F1
per entity type for `pipeline extract`, next to the libraries a user would reach for alone:
spaCy's French NER (LOC/GPE entities as cities; names compared, as it gives no country),
dateparser's search_dates (French) and price-parser (one price per sentence).

    .venv/bin/python benchmarks/extract.py
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean import repair_text, repairer  # noqa: E402
from pipeline.evaluate import precision_recall, score_extraction  # noqa: E402
from pipeline.extract import extract_text  # noqa: E402
from pipeline.ingest.pdf import open_pdf, text_of  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold"


def pdf_text(path: Path) -> str:
    with open_pdf(path) as pdf:
        return "\f".join(text_of(p) for p in pdf.pages)


def documents():
    founding = (SHARED / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt").read_text(encoding="utf-8")
    yield "mantes-la-jolie (OCR, repaired)", repair_text(founding, repairer=repairer())[0], "mantes-la-jolie.extract.json"
    yield "montpellier 2014/139 (text layer)", pdf_text(SHARED / "montpellier/deliberations-2014-04/2014-04-24-0000071251.pdf"), \
        "montpellier-2014-04-24-0000071251.extract.json"
    yield "couthenans 2021-04-09 (text layer)", pdf_text(SHARED / "couthenans/CR_reunion_20210409.pdf"), \
        "couthenans-CR_reunion_20210409.extract.json"
    yield "couthenans 2022-10-07 (held out)", pdf_text(SHARED / "couthenans/CR_conseil_municipal_07_10_2022.pdf"), \
        "couthenans-CR_conseil_municipal_07_10_2022.extract.json"


def spacy_cities(text: str) -> set[str]:
    from pipeline.extract.places import _ner_places

    return {name for name, _ in _ner_places(text)}


def dateparser_dates(text: str) -> set[tuple]:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["fr"], settings={"PREFER_DAY_OF_MONTH": "first"}) or []
    return {(d.date().isoformat(), d.date().isoformat(), "day") for _, d in found}


def price_parser_amounts(text: str) -> set[tuple]:
    from price_parser import Price

    out = set()
    for chunk in re.split(r"(?<=[.;:\n])\s+", text):
        p = Price.fromstring(chunk)
        if p.amount is not None:
            code = {"€": "EUR", "$": "USD", "£": "GBP"}.get(p.currency or "", "EUR" if p.currency else None)
            if code:
                out.add((Decimal(p.amount), code))
    return out


def main() -> None:
    totals: dict[str, dict[str, list]] = {}
    for label, text, gold_name in documents():
        gold = json.loads((GOLD / gold_name).read_text(encoding="utf-8"))
        found = extract_text(text)
        ours = score_extraction(found, gold)
        names_ours = precision_recall({c["name"] for c in found["cities"]}, {c[0] for c in gold["cities"]})
        base = {
            "cities (names)": precision_recall(spacy_cities(text), {c[0] for c in gold["cities"]}),
            "dates": precision_recall(dateparser_dates(text), {tuple(d) for d in gold["dates"]}),
            "amounts": precision_recall(price_parser_amounts(text), {(Decimal(v), c) for v, c in gold["amounts"]}),
        }
        print(f"\n{label}")
        print(f"  {'type':16} {'pipeline P / R / F1':>24}   {'baseline alone P / R / F1':>28}")
        rows = [("cities", ours["cities"], None), ("cities (names)", names_ours, base["cities (names)"]),
                ("dates", ours["dates"], base["dates"]), ("amounts", ours["amounts"], base["amounts"]),
                ("clusters", ours["clusters"], None), ("deliberations", ours["deliberations"], None)]
        for kind, mine, theirs in rows:
            t = f"{theirs[0]:.2f} / {theirs[1]:.2f} / {theirs[2]:.2f}" if theirs else "—"
            print(f"  {kind:16} {mine[0]:.2f} / {mine[1]:.2f} / {mine[2]:.2f}{'':8}{t:>24}")
            totals.setdefault(kind, {"ours": [], "base": []})["ours"].append(mine[2])
            if theirs:
                totals[kind]["base"].append(theirs[2])
    print("\nMean F1 over the documents")
    for kind, v in totals.items():
        base = f"{sum(v['base']) / len(v['base']):.3f}" if v["base"] else "—"
        print(f"  {kind:16} pipeline {sum(v['ours']) / len(v['ours']):.3f}   baseline {base}")
    print("  (baselines: spaCy fr_core_news_sm NER, dateparser search_dates, price-parser)")


if __name__ == "__main__":
    main()
