"""Extraction against the hand-made gold of tests/gold (see its README): precision and recall per
entity type and per deliberation field, **development and held-out documents side by side**, each
figure with its n. Counts are pooled over the documents of a set (micro averages); a cell empty
in both gold and output is not counted. Beside them, the libraries a user would reach for alone
on the same documents: spaCy's French NER (LOC/GPE entities as city names), dateparser's
search_dates (French) and price-parser (one price per sentence).

    .venv/bin/python benchmarks/extract.py            # every gold document
    .venv/bin/python benchmarks/extract.py --docs     # and one line per development document
    .venv/bin/python benchmarks/extract.py --no-ocr   # skip the documents that need OCR (scans)
    .venv/bin/python benchmarks/extract.py --communes-only   # only the records table per commune
    .venv/bin/python benchmarks/extract.py --as-text  # and the born-digital documents as plain text files
    .venv/bin/python benchmarks/extract.py --renumbered   # and numbered minutes with their numbers rewritten
    .venv/bin/python benchmarks/extract.py --revoted      # and minutes with their votes written in the decision formula

The records table per commune is the one issue #26 set targets on: items right (subject, number,
votes and result all right), junk rows, wrong rows flagged for review, session date right, per
commune and kind of reading (born-digital text or scan). Communes whose every gold file is held
out were never read while writing the readers: those rows are the figure for a commune never seen.

``--as-text`` reads the born-digital gold documents once more as a user's plain text files would
give them: the text another tool (pdfminer.six) takes from the same PDFs, without page breaks,
typography or our own text layer's line breaks (blank lines between its boxes, no-break spaces).

``--renumbered`` reads the born-digital minutes whose items carry plain numbers ("1.", "3/")
with those numbers written the ways other communes write them ("N° 3 –", "Délibération n°
2019-3 :", "Point 3 -") or taken away, and counts the items whose subject, votes and result stay
right: how much of the reading leans on one way of numbering.

``--revoted`` reads the born-digital minutes with every vote written again after the decision
formula ("Le Conseil Municipal, après en avoir délibéré, par 12 voix pour, 2 abstentions,"), in
figures or in words: how much of the reading leans on one way of voting.

Scanned gold documents are OCR'd once and kept in .cache/bench-ocr/ (keyed by file content).
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.evaluation import FURNITURE_FORMS, ITEM_NUMBER, RECORD_FIELDS, VOTE_FORMS, furnished, revoted, RENDERINGS, field_counts, gold_layout, gold_reading, gold_tables, in_pages, line_counts, load_gold, pair_records, plain_text  # noqa: E402
from benchmarks.evaluation import _field_agrees, _record_matches  # noqa: E402
from pipeline.extraction import extract_text  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / ".cache" / "bench-ocr"


def spacy_cities(text: str) -> set[str]:
    from pipeline.extraction.places import _ner_places

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


def _pages_text(text: str, pages: tuple[int, int] | None) -> str:
    if not pages:
        return text
    return "\f".join(text.split("\f")[pages[0] - 1:pages[1]])


class Tally:
    """Pooled counts: [agreeing, found, gold] per row label."""

    def __init__(self) -> None:
        self.rows: dict[str, list[int]] = {}

    def add(self, label: str, tp: int, found: int, gold: int) -> None:
        c = self.rows.setdefault(label, [0, 0, 0])
        c[0] += tp
        c[1] += found
        c[2] += gold

    def add_sets(self, label: str, found: set, gold: set) -> None:
        self.add(label, len(found & gold), len(found), len(gold))

    def cell(self, label: str) -> str:
        if label not in self.rows:
            return "—"
        tp, nf, ng = self.rows[label]
        p = f"{tp / nf:.2f}" if nf else "  — "
        r = f"{tp / ng:.2f}" if ng else "  — "
        return f"P {p} R {r} (n={ng})"


def score_records(t: Tally, recs: list[dict], want: list[dict], kind: str) -> int:
    """Add one gold file's records to ``t``; the number of records right."""
    pairs = pair_records(recs, want)
    tp = sum(1 for f, w in pairs if f is not None and w is not None and _record_matches(f, w))
    t.add("records (all fields)", tp, len(recs), len(want))
    for field, (ok, nf, ng) in field_counts(recs, want).items():
        t.add(f"  {field}", ok, nf, ng)
    t.add(f"records: {kind}", tp, len(recs), len(want))
    core = ("number", "rapporteur", "vote_pour", "vote_contre", "vote_abstention")
    t.add(f"  items right: {kind}",
          sum(1 for f, w in pairs if f is not None and w is not None
              and all(_field_agrees(k, f.get(k), w[k]) for k in core if k in w)), len(recs), len(want))
    t.add(f"  junk rows: {kind}", sum(1 for f, w in pairs if w is None), len(recs), len(recs))
    flagged = [f for f, w in pairs if f is not None and f.get("needs_review")]
    wrong = [f for f, w in pairs if f is not None and (w is None or not _record_matches(f, w))]
    t.add("wrong records flagged", sum(1 for f in wrong if f.get("needs_review")), len(flagged), len(wrong))
    return tp


ISSUE_FIELDS = ("objet", "number", "votes", "result")


def _agrees(field: str, found: dict, gold: dict) -> bool:
    """One issue field of a found record against the gold's; a key the gold does not give is not
    checked (tests/gold/README.md, rule 3: an election's tally, the subject of a vote inside an item)."""
    if field == "votes":
        return all(_field_agrees(k, found.get(k), gold[k]) for k in ("vote_pour", "vote_contre", "vote_abstention") if k in gold)
    return field not in gold or _field_agrees(field, found.get(field), gold[field])


def commune_of(gold) -> str:
    """The commune a gold file's document belongs to: its ``commune`` or the corpus folder."""
    if gold.data.get("commune"):
        return gold.data["commune"]
    folder = gold.document.split("/")[0] if "/" in gold.document else "montpellier"
    return folder.replace("-", " ").title().replace(" ", "-")


class Communes:
    """Per commune and kind of reading: the counts of the issue's record figures."""

    KEYS = ("docs", "items", "right", "objet", "number", "votes", "result", "rows", "junk", "blank", "wrong",
            "wrong_flagged", "flagged", "dated", "dates_right")

    def __init__(self) -> None:
        self.rows: dict[tuple, dict[str, int]] = {}

    def add(self, gold, recs: list[dict]) -> None:
        scan = gold.read in ("ocr", "ocr_degraded")
        key = (commune_of(gold), "scan" if scan else "text", gold.split)
        c = self.rows.setdefault(key, dict.fromkeys(self.KEYS, 0))
        want = gold.data["deliberations"]
        c["docs"] += 1
        c["items"] += len(want)
        c["rows"] += len(recs)
        for f, w in pair_records(recs, want):
            if f is None:
                continue
            named = w is not None and ("objet" in w and _agrees("objet", f, w) or bool(w.get("number") and _agrees("number", f, w)))
            c["junk"] += not named
            c["blank"] += not named and not f.get("objet") and not f.get("number")  # a decision whose title was not read
            ok = {k: named and _agrees(k, f, w) for k in ISSUE_FIELDS}
            if w is not None:
                for k in ISSUE_FIELDS:
                    c[k] += ok[k]
                c["right"] += all(ok.values())
            c["flagged"] += bool(f.get("needs_review"))
            if not all(ok.values()):
                c["wrong"] += 1
                c["wrong_flagged"] += bool(f.get("needs_review"))
        session = gold.data.get("session_date") or next((w.get("session_date") for w in want if w.get("session_date")), None)
        if session:
            seen = Counter(r.get("session_date") for r in recs if r.get("session_date"))
            c["dated"] += 1
            c["dates_right"] += bool(seen) and seen.most_common(1)[0][0] == session

    def print(self) -> None:
        print("\nrecords per commune (issue #26): of the gold items, how many are right; of the rows, junk and flagged")
        head = (f"{'commune':24} {'read':4} {'split':8} {'docs':>4} {'items':>5} {'right':>5} {'subj':>5} {'numb':>5} "
                f"{'votes':>5} {'res':>5} {'rows':>4} {'junk':>5} {'blank':>5} {'wrong flagged':>13} {'flag P':>6} {'date':>5}")
        print(head)

        def line(label: str, read: str, split: str, c: dict) -> str:
            r = lambda k: f"{c[k] / c['items']:.2f}" if c["items"] else "  — "  # noqa: E731
            junk = f"{c['junk'] / c['rows']:.2f}" if c["rows"] else "  — "
            fp = f"{c['wrong_flagged'] / c['flagged']:.2f}" if c["flagged"] else "  — "
            return (f"{label:24} {read:4} {split:8} {c['docs']:>4} {c['items']:>5} {r('right'):>5} {r('objet'):>5} "
                    f"{r('number'):>5} {r('votes'):>5} {r('result'):>5} {c['rows']:>4} {junk:>5} {c['blank']:>5} "
                    f"{str(c['wrong_flagged']) + '/' + str(c['wrong']):>13} {fp:>6} {str(c['dates_right']) + '/' + str(c['dated']):>5}")

        groups: dict[str, dict[str, int]] = {}
        for (commune, read, split), c in sorted(self.rows.items()):
            print(line(commune, read, split, c))
            unseen = all(s == "heldout" for (cm, _, s) in self.rows if cm == commune)
            group = ("never seen" if unseen else "development") + f", {read}"
            g = groups.setdefault(group, dict.fromkeys(self.KEYS, 0))
            for k in self.KEYS:
                g[k] += c[k]
        for group, c in sorted(groups.items()):
            print(line("all: " + group.split(",")[0], group.split(", ")[1], "", c))
        print("rows: 'right' = subject, number, votes and result all agree with the gold; 'junk' = rows that name no "
              "item of the gold (neither its subject nor its number), 'blank' the rows among them that claim "
              "neither, a decision whose title was not read; 'wrong flagged' = wrong or junk rows carrying "
              "needs_review, and 'flag P' the share of flagged rows that are wrong; 'date' = documents whose session "
              "date (the records' most common) is right. The readers are rules with no trained part, so a commune's "
              "leave-one-commune-out figure is its own row; only the communes 'never seen' (every gold file held "
              "out, never read while writing the rules) measure a commune the code has not met.")


def across_documents(read: dict) -> None:
    """The check a run makes once it has stored every document (``run.stages.across_documents``), on
    the documents read here: ``read``: (document, reading) -> (text, extraction), the documents
    of one folder read one way standing for the folder."""
    from pipeline.extraction.records import validate

    folders: dict = {}
    for (document, how), (_, found) in read.items():
        recs = found["deliberations"]
        if recs:
            layout = Counter(r.get("layout") for r in recs).most_common(1)[0][0]
            folders.setdefault((str(Path(document).parent), how), {})[(document, how)] = (
                layout, len(recs), sum(1 for r in recs if r.get("number")))
    for key in validate.unnumbered_among_numbered(folders):
        for r in read[key][1]["deliberations"]:
            if validate.UNNUMBERED not in (r.get("issues") or []):
                r["issues"] = [*(r.get("issues") or []), validate.UNNUMBERED]
                r["needs_review"] = True


def as_text(golds: list, dev_only: bool) -> None:
    """The records table again, the born-digital gold documents read as plain text files."""
    communes = Communes()
    chosen = [gold for gold in golds
              if gold.read == "text_layer" and "deliberations" in gold.data and not (dev_only and gold.split == "heldout")]
    read = {(f"{gold.document}#{gold.name}", "plain"): (None, extract_text(plain_text(gold, SHARED))) for gold in chosen}
    across_documents(read)  # the pages a gold file keeps stand for its document
    for gold in chosen:
        communes.add(gold, read[(f"{gold.document}#{gold.name}", "plain")][1]["deliberations"])
    print("\nthe born-digital documents as plain text files (pdfminer.six's text of their pages: no page break, "
          "no typography)", end="")
    communes.print()


NUMBER_FORMS = {"as printed": None, "N° 3 –": "N° {n} – ", "Délibération n° 2019-3 :": "Délibération n° 2019-{n} : ",
                "Point 3 -": "Point {n} - ", "DÉLIBÉRATION N° 2019-3 ⏎ Objet :": "DÉLIBÉRATION N° 2019-{n}\nObjet : ",
                "n° 3/2019 –": "n° {n}/2019 – ", "D.2019.3": "D.2019.{n} ",
                "N° 3 ⏎ Rapporteur : M. X ⏎ OBJET : ⏎": "N° {n}\nRapporteur : M. Paul Martin\nOBJET :\n",
                "2019-04-23-3": "2019-04-23-{n} ", "Délibération n° 19-3 :": "Délibération n° 19-{n} : ", "3°/": "{n}°/ ",
                "2O19-O4-23-l (OCR)": "2O19-O4-23-{n_ocr} ", "l. (OCR)": "{n_ocr}. ",
                "no number": ""}
# how OCR of a scan may read a number's digits: O for 0, l for 1 (the "(OCR)" forms)
OCR_DIGITS = str.maketrans({"0": "O", "1": "l"})


def renumbered(golds: list, dev_only: bool) -> None:
    """The born-digital minutes whose gold items carry plain numbers, read again with those numbers
    written in other forms (NUMBER_FORMS), as a scan's OCR may read them, or none: items whose
    subject, votes and result are right."""
    from pipeline.extraction import SPACES

    counts = {(form, split): [0, 0] for form in NUMBER_FORMS for split in ("dev", "heldout")}
    for gold in golds:
        want = gold.data.get("deliberations") or []
        numbers = {w.get("number") for w in want}
        if (gold.read != "text_layer" or gold.pages or not want or (dev_only and gold.split == "heldout")
                or not all(n and re.fullmatch(r"\d{1,2}", n) for n in numbers)):
            continue
        text = gold_reading(gold, SHARED)[0].translate(SPACES)
        numbers = {str(n) for n in range(1, max(int(n) for n in numbers) + 1)}  # the items with no decision too
        for form, pattern in NUMBER_FORMS.items():
            new = text if pattern is None else ITEM_NUMBER.sub(
                lambda m: m.group(1) + pattern.format(n=m.group(2), n_ocr=m.group(2).translate(OCR_DIGITS))
                if m.group(2) in numbers else m.group(0), text)
            found = extract_text(new, use_ner=False)["deliberations"]
            right = sum(1 for f, w in pair_records(found, want)
                        if f and w and all(_agrees(k, f, w) for k in ("objet", "votes", "result")))
            c = counts[(form, gold.split)]
            c[0] += right
            c[1] += len(want)
    _variant_table("numbered minutes with their numbers rewritten: items whose subject, votes and result are right",
                   counts, {form: form for form in NUMBER_FORMS}, 36)


def revotes(golds: list, dev_only: bool) -> None:
    """The born-digital minutes read again with their votes written as other communes write them:
    the decision formula and the counts after it, in figures or in words (VOTE_FORMS)."""
    counts = _minutes_rewritten(golds, dev_only, VOTE_FORMS, lambda text, form, want: revoted(text, form))
    _variant_table("minutes with their votes written after the decision formula: items right",
                   counts, {form: "Le Conseil …, après en avoir délibéré, " + form for form in VOTE_FORMS}, 96)


def furnishings(golds: list, dev_only: bool) -> None:
    """The born-digital minutes read again with the furniture other communes print: a running
    header and footer on every page, section titles before items (FURNITURE_FORMS)."""
    def furnish(text: str, form: str, want: list[dict]) -> str:
        dates = Counter(w.get("session_date") for w in want if w.get("session_date"))
        return furnished(text, form, dates.most_common(1)[0][0] if dates else None)

    _variant_table("minutes with furniture other communes print: items right",
                   _minutes_rewritten(golds, dev_only, FURNITURE_FORMS, furnish), {form: form for form in FURNITURE_FORMS}, 36)


def _minutes_rewritten(golds: list, dev_only: bool, forms, rewrite) -> dict:
    """Per (form, split), [items right, gold items] of the born-digital minutes of two items or
    more, each read again as ``rewrite(text, form, gold records)`` writes it in each of ``forms``."""
    from pipeline.extraction import SPACES

    counts = {(form, split): [0, 0] for form in forms for split in ("dev", "heldout")}
    for gold in golds:
        want = gold.data.get("deliberations") or []
        if gold.read != "text_layer" or gold.pages or len(want) < 2 or (dev_only and gold.split == "heldout"):
            continue
        text = gold_reading(gold, SHARED)[0].translate(SPACES)
        for form in forms:
            found = extract_text(rewrite(text, form, want), use_ner=False)["deliberations"]
            c = counts[(form, gold.split)]
            c[0] += sum(1 for f, w in pair_records(found, want) if f and w and all(_agrees(k, f, w) for k in ISSUE_FIELDS))
            c[1] += len(want)
    return counts


def _variant_table(title: str, counts: dict, labels: dict[str, str], width: int) -> None:
    """One rewritten-text measurement: per variant (its label), the items right of the
    development and of the held-out gold."""
    print(f"\n{title}")
    print(f"{'':{width}} {'development':>20} {'held out':>20}")
    for key, label in labels.items():
        cells = [f"{r / n:.2f} ({r}/{n})" if n else "—" for r, n in (counts[(key, s)] for s in ("dev", "heldout"))]
        print(f"{label:{width}} {cells[0]:>20} {cells[1]:>20}")


def renderings(golds: list, dev_only: bool) -> None:
    """The OCR'd gold pages that were printed from a text layer, printed the other ways of
    RENDERINGS: items right and wrong records flagged, per rendering."""
    print("\nthe degraded-scan records printed other ways (benchmarks.evaluation.RENDERINGS)")
    print(f"{'':46} {'development':>28} {'held out':>28}")
    for rendering in RENDERINGS:
        t = {"dev": Tally(), "heldout": Tally()}
        read: dict = {}
        for gold in golds:
            if gold.read != "ocr_degraded" or "deliberations" not in gold.data or (dev_only and gold.split == "heldout"):
                continue
            key = (gold.document, rendering)
            if key not in read:
                text, unsure = gold_reading(gold, SHARED, cache=CACHE, rendering=rendering)
                read = {key: extract_text(text, layout=gold_layout(gold, SHARED, CACHE, rendering), unsure=unsure)}
            score_records(t[gold.split], in_pages(read[key], gold)["deliberations"], gold.data["deliberations"],
                          gold.data.get("layout", "?"))
        kinds = sorted({k.split(": ")[-1] for s in t.values() for k in s.rows if k.startswith("  items right: ")})
        for label in [f"  items right: {k}" for k in kinds] + ["wrong records flagged"]:
            print(f"{rendering + ': ' + label.strip():46} {t['dev'].cell(label):>28} {t['heldout'].cell(label):>28}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", action="store_true", help="one line per development document as well (held-out ones never: see tests/gold/README.md)")
    ap.add_argument("--dev", action="store_true", help="development documents only: while working, leave the held-out figures unread")
    ap.add_argument("--no-ocr", action="store_true", help="leave out the gold documents that need OCR")
    ap.add_argument("--communes-only", action="store_true", help="only the records table per commune (quicker: no library baselines)")
    ap.add_argument("--as-text", action="store_true", help="the born-digital documents read as plain text files too (pdfminer.six's text)")
    ap.add_argument("--revoted", action="store_true", help="minutes with their votes written after the decision formula, in figures or in words")
    ap.add_argument("--renumbered", action="store_true", help="numbered born-digital minutes with their numbers rewritten in other forms, or none")
    ap.add_argument("--furnished", action="store_true", help="minutes with a running header and footer, and section titles, as other communes print them")
    ap.add_argument("--renderings", action="store_true", help="the degraded-scan records printed other ways as well (OCR of every rendering: slow the first time)")
    args = ap.parse_args()

    ours = {"dev": Tally(), "heldout": Tally()}
    communes = Communes()
    base = {"dev": Tally(), "heldout": Tally()}
    n_docs = {"dev": 0, "heldout": 0}
    read: dict = {}  # each document read, and its extraction
    golds = sorted(load_gold(ROOT / "tests" / "gold"), key=lambda g: (g.document, g.read))
    chosen = [gold for gold in golds
              if not (args.no_ocr and gold.read.startswith("ocr") and gold.read != "ocr_text")
              and not (args.dev and gold.split == "heldout") and not (args.communes_only and "deliberations" not in gold.data)]
    for gold in chosen:
        key = (gold.document, gold.read)
        if key not in read:  # several gold files may cut pages out of one long document: read it once
            text, unsure = gold_reading(gold, SHARED, cache=CACHE)
            read[key] = (text, extract_text(text, layout=gold_layout(gold, SHARED, CACHE), tables=gold_tables(gold, SHARED),
                                            unsure=unsure))
    across_documents(read)
    for gold in chosen:
        text, whole = read[(gold.document, gold.read)]
        found = in_pages(whole, gold)
        text = _pages_text(text, gold.pages)  # the libraries alone see the same pages
        g, t, b = gold.data, ours[gold.split], base[gold.split]
        n_docs[gold.split] += 1
        if args.communes_only:
            communes.add(gold, found["deliberations"])
            continue
        ner = spacy_cities(text) if "cities" in g or g.get("city_lists") else set()
        if "cities" in g:
            t.add_sets("cities", {(c["name"], c["country_code"]) for c in found["cities"]}, {tuple(c) for c in g["cities"]})
            b.add_sets("cities", ner, {c[0] for c in g["cities"]})
        if g.get("city_lists"):  # the issue's target: recall on the communes a list enumerates
            listed = {name for names in g["city_lists"] for name in names}
            got = {c["name"] for c in found["cities"] if c["country_code"] == "FR"}
            lists = "  in lists of communes (recall)" if gold.read == "text_layer" else "  in lists of communes, OCR'd (recall)"
            t.add(lists, len(listed & got), len(listed & got), len(listed))
            b.add(lists, len(listed & ner), len(listed & ner), len(listed))
        if "dates" in g:
            t.add_sets("dates", {(d["start"], d["end"], d["precision"]) for d in found["dates"]}, {tuple(d) for d in g["dates"]})
            b.add_sets("dates", dateparser_dates(text), {tuple(d) for d in g["dates"]})
        if "amounts" in g:
            gold_amounts = {(Decimal(v), c) for v, c in g["amounts"]}
            t.add_sets("amounts", {(Decimal(a["value"]), a["currency"]) for a in found["amounts"]}, gold_amounts)
            b.add_sets("amounts", price_parser_amounts(text), gold_amounts)
        if "amount_lines" in g:
            c = line_counts(found["amounts"], g["amount_lines"])
            t.add("amount lines (value, sign, total)", c["matched"], c["found"], c["gold"])
            t.add("  and their label", c["labelled"], c["found"], c["gold"])
        if "deliberations" in g:
            recs, want = found["deliberations"], g["deliberations"]
            communes.add(gold, recs)
            tp = score_records(t, recs, want, f"{gold.data.get('layout', '?')}{' (OCR)' if gold.read in ('ocr', 'ocr_degraded') else ''}")
            if args.docs and gold.split == "dev":  # held-out documents are read only in the pooled figures
                print(f"{gold.split:8} {gold.name:48} records {tp}/{len(want)} found {len(recs)}")

    communes.print()
    if args.as_text:
        as_text(golds, args.dev)
    if args.renumbered:
        renumbered(golds, args.dev)
    if args.revoted:
        revotes(golds, args.dev)
    if args.furnished:
        furnishings(golds, args.dev)
    if args.communes_only:
        return
    per_layout = sorted({k for s in ours.values() for k in s.rows if k.startswith(("records: ", "  items", "  junk"))},
                        key=lambda k: (k.split(": ")[-1], k))
    labels = ["cities", "  in lists of communes (recall)", "  in lists of communes, OCR'd (recall)", "dates", "amounts", "amount lines (value, sign, total)", "  and their label", "records (all fields)"] + [f"  {k}" for k in RECORD_FIELDS] + [
        "wrong records flagged"] + per_layout
    print(f"\ngold documents: dev {n_docs['dev']}, held out {n_docs['heldout']}   (n = gold items; micro averages)")
    print(f"{'':46} {'development':>28} {'held out':>28}")
    for label in labels:
        if any(label in ours[s].rows for s in ours):
            print(f"{label:46} {ours['dev'].cell(label):>28} {ours['heldout'].cell(label):>28}")
    print("\nthe same documents through a library alone")
    for label, lib in (("cities", "spaCy NER (names)"), ("  in lists of communes (recall)", "spaCy NER"),
                       ("  in lists of communes, OCR'd (recall)", "spaCy NER"), ("dates", "dateparser"), ("amounts", "price-parser")):
        print(f"{label + ' / ' + lib:46} {base['dev'].cell(label):>28} {base['heldout'].cell(label):>28}")
    if args.renderings:
        renderings(golds, args.dev)
    print("\n'wrong records flagged': of the output records that are wrong or have no gold record (n), how many "
          "carry needs_review; P is the share of flagged records that are wrong. 'items right': number, rapporteur and votes all right. 'junk rows': P is "
          "the share of output rows on the gold's pages that match no item (fragments, polls, junk). 'in lists of communes': of the "
          "French communes a gold file's city_lists enumerate, how many are among the cities found (recall only).")


if __name__ == "__main__":
    main()
