"""OCR repair: error rates before and after, against a naive SymSpell baseline, and speed.

  * the founding example (Mantes-la-Jolie) against the hand-made gold in tests/gold/;
  * ICDAR 2017 French dev segments (19th-century print, real OCR), repaired with --lines
    semantics (one segment per line); the gold keeps historical spellings; per collection as
    the owner's oracle (../shared/eval/word_oracle.py) measures it, repaired with --old-print:
    raw, oracle, repaired, gap closed, correct words changed per 1,000, words/s (issue #28);
  * OCR of born-digital Montpellier pages rendered and degraded like office scans
    (--scans N pages; 0 to skip), against each page's text layer;
  * council minutes (PV 2014, Couthenans) degraded the same way (--minutes N pages), repaired
    as `pipeline ingest` does, with Tesseract's confidences (its letter choices only with
    --letter-choices: benchmarks/letter_choices.py);
  * "broken": of the words the OCR got right, how many the corrector changed;
  * held out: the ICDAR files repaired with confusion costs learned from the other file only
    (models/confusions-fr.tsv is learned from both), and the oracle ceiling of word-level
    correction on these segments;
  * words/s of the repair on one core;
  * [dev] modern Tesseract output (--reachable N pages per commune): of the word errors a repair
    can reach (non-words, real words, case), how many it fixes, and correct words it changes;
  * first names in attendance lists (tests/gold/*/*.names.json): the real 2011 scanned reports,
    read from the scans and from degraded prints of them, and deliberations of 24 April 2014
    printed to degraded scans: as OCR'd, repaired with the document alone, and repaired with the
    collection's people as ingest stores them (the pairs "Prénom NOM" read in the other
    documents of the same folder), dev and held-out side by side;
  * [held out] pages of the 2011-06-20 minutes (PV_CM_20_06_2011.pdf), which no repair rule was
    shaped on, degraded and repaired the same way (--heldout N pages; 0 to skip): CER, WER, word
    F1 before and after, correct words changed per 1,000.

Every section says whether it is development data ([dev]: the repair was tuned on it) or held
out ([held out]); see tests/gold/README.md for the rules.

The baseline is SymSpell (symspellpy, max edit distance 2) over the same lexicon, correcting
every word it does not know into its best suggestion, keeping the word's capitalisation.

    .venv/bin/python benchmarks/repair.py [--names 1] [--reachable 8] [--scans 12] [--minutes 28] [--heldout 24] [--limit 0] [--dev]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from pipeline.repair.lexicon import load  # noqa: E402
from pipeline.repair.repairer import Repairer, repair_text  # noqa: E402
from benchmarks.evaluation import cer, oracle_gap, owners_oracle, wer  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
FOUNDING = SHARED / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt"
GOLD = ROOT / "tests" / "gold" / "dev" / "mantes-la-jolie.gold.txt"
_TOKEN = re.compile(r"[^\W\d_]+")


class SymSpellBaseline:
    def __init__(self):
        from symspellpy import SymSpell

        self.sym = SymSpell(max_dictionary_edit_distance=2)
        for word, z in load().zipf.items():
            self.sym.create_dictionary_entry(word.lower(), max(1, int(10 ** z)))

    def __call__(self, text: str) -> str:
        from symspellpy import Verbosity

        def fix(m):
            w = m.group()
            if w.isupper() and len(w) > 1:
                return w
            s = self.sym.lookup(w.lower(), Verbosity.TOP, max_edit_distance=2)
            if not s or s[0].term == w.lower():
                return w
            t = s[0].term
            return t[0].upper() + t[1:] if w[0].isupper() else t

        return _TOKEN.sub(fix, text)


def icdar_segments(limit: int, by_file: bool = False):
    csv.field_size_limit(sys.maxsize)
    files = {}
    for tsv in sorted((SHARED / "icdar2017-fr").glob("*_dev.tsv")):
        with open(tsv, encoding="utf-8", newline="") as f:
            files[tsv.stem] = [(" ".join(r["input"].split()), " ".join(r["output"].split()))
                               for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                               if r["input"] and r["output"]]
    if by_file:
        return files
    out = [p for pairs in files.values() for p in pairs]
    return out[:limit] if limit else out


def oracle_ceiling(pairs, max_block: int | None = None, one_side: bool = False) -> float:
    """CER after swapping every block of OCR words that the word alignment pairs with gold
    words (splits and merges included) for those gold words: roughly what a perfect
    word-level corrector could reach. What is left are words on one side only. ``max_block``:
    only blocks of at most that many words on either side are swapped (the owner's oracle: 3);
    ``one_side``: blocks on one side only (OCR words the gold lacks, gold words the OCR lost)
    are swapped too."""
    edits = chars = 0
    for ocr, gold in pairs:
        ow, gw = ocr.split(" "), gold.split(" ")
        out = []
        for op in Levenshtein.opcodes(gw, ow):
            small = max_block is None or max(op.src_end - op.src_start, op.dest_end - op.dest_start) <= max_block
            swap = (op.tag == "replace" or one_side and op.tag != "equal") and small
            out += gw[op.src_start:op.src_end] if swap else ow[op.dest_start:op.dest_end]
        edits += Levenshtein.distance(" ".join(out), gold)
        chars += len(gold)
    return edits / chars


def per_collection(files: dict[str, list]) -> None:
    """ICDAR per collection (monographs, periodicals), measured as the owner's oracle measures
    it: raw, oracle and repaired CER, the share of the gap between raw and oracle the repair
    closes, correct words changed per 1,000 and words/s. The repair runs as
    ``pipeline clean --lines --old-print`` does: the file is one collection, each segment a line.
    Each collection is repaired a second time with the confusion costs learned from the other
    one only (the shipped costs are learned from both): what the repair reaches on print whose
    damage it has not learned."""
    print(f"  {'collection':15} {'segments':>8} {'raw':>7} {'oracle':>7} {'repaired':>8}  gap closed  "
          f"broken/1,000  words/s   (issue #28 targets: gap >= 35 % monographs, >= 15 % periodicals; broken <= 2)")
    for (name, pairs), own_costs in itertools.product(files.items(), (True, False)):
        if not own_costs and len(files) < 2:
            continue
        ocr = [o for o, _ in pairs]
        gold = [g for _, g in pairs]
        with contextlib.nullcontext() if own_costs else _costs_learned_without(files, name):
            t = time.process_time()
            text, corrections = repair_text("\n".join(ocr), lines=True, repairer=Repairer(old_print=True))
            secs = time.process_time() - t
        gap = oracle_gap(ocr, gold, text.split("\n"))
        broken, total = broken_rate(pairs, by_segment(ocr, corrections))
        kind = name.removeprefix("ICDAR2017_fre_").removesuffix("_dev") if own_costs else "  other's costs"
        n_words = sum(len(o.split()) for o in ocr)
        print(f"  {kind:15} {len(pairs):8} {gap.raw:7.3%} {gap.oracle:7.3%} {gap.repaired:8.3%}  {gap.closed:+9.1%}  "
              f"{broken / total * 1000:12.2f}  {n_words / secs:7,.0f}")


def by_segment(segments: list[str], corrections) -> list[list]:
    """The corrections of a text of one segment per line, each segment's with its own offsets."""
    starts, at = [], 0
    for seg in segments:
        starts.append(at)
        at += len(seg) + 1
    out = [[] for _ in segments]
    i = 0
    for c in sorted(corrections, key=lambda c: c.start):
        while i + 1 < len(starts) and starts[i + 1] <= c.start:
            i += 1
        out[i].append(_Shifted(c.start - starts[i], c.end - starts[i]))
    return out


class _Shifted:
    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def held_out(pairs_by_file: dict[str, list]) -> list:
    """Repair each ICDAR file with confusion costs learned from the other file only."""
    results = []
    for name, pairs in pairs_by_file.items():
        with _costs_learned_without(pairs_by_file, name):
            rep = Repairer()
            rep.learn("\n".join(p[0] for p in pairs))
            results += [rep.repair(o, lines=True) for o, _ in pairs]
    return results


@contextlib.contextmanager
def _costs_learned_without(pairs_by_file: dict[str, list], name: str):
    """The repair looks up confusion costs learned from the ICDAR files other than ``name``
    (models/confusions-fr.tsv is learned from all of them)."""
    import importlib.util

    from pipeline.repair import confusion

    spec = importlib.util.spec_from_file_location("build_confusions", ROOT / "models" / "build_confusions.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    others = [p for n, ps in pairs_by_file.items() if n != name for p in ps]
    table = build.learn(others)
    costs = confusion.costs_of([(o, g, p) for (o, g), (_, p) in table.items()])
    shipped = confusion.learned
    confusion.learned = lambda *a, _c=costs: _c  # the costs the repair looks up
    try:
        yield
    finally:
        confusion.learned = shipped


def broken_rate(pairs, repaired_corrections) -> tuple[int, int]:
    """(correct OCR words changed, correct OCR words): words of the OCR that the word
    alignment matches to the same word of the gold, and of those, how many a correction touched."""
    broken = total = 0
    for (ocr, gold), corrections in zip(pairs, repaired_corrections):
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", ocr)]
        ow, gw = [ocr[s:e] for s, e in tokens], gold.split()
        for op in Levenshtein.opcodes(gw, ow):
            if op.tag != "equal":
                continue
            for s, e in tokens[op.dest_start:op.dest_end]:
                total += 1
                if any(c.start < e and s < c.end for c in corrections):
                    broken += 1
    return broken, total


def _ocr_minutes_page(task):
    """OCR one degraded page (in a worker): (OCR text, Tesseract's words, truth)."""
    from benchmarks.evaluation import OFFICE_TILTS, degrade, render_pdf_page
    from pipeline.sources.pdf import open_pdf, text_of
    from pipeline.recognition.page import ocr_image

    pdf, no, seed = task
    with open_pdf(pdf) as doc:
        truth = text_of(doc.pages[no - 1])
    scan = degrade(render_pdf_page(pdf, no, 150), angle=OFFICE_TILTS[seed % len(OFFICE_TILTS)], seed=seed)
    page = ocr_image(scan, no, 150)
    return page.text_raw, page.words, truth


def minutes(n: int, jobs: int = 2):
    """Council minutes (the 2014 Montpellier PV, Couthenans) degraded at 150 dpi and OCR'd:
    (OCR text, words, truth) per page with a real text layer."""
    pv = SHARED / "montpellier" / "proces-verbaux-2014" / "PV_CM_17_02_2014.pdf"
    reports = sorted((SHARED / "couthenans").glob("CR_reunion_*.pdf"))
    tasks = [(pv, no, no) for no in range(10, 250, 12)] + [(r, 1, i) for i, r in enumerate(reports)]
    return _ocr_pages(tasks[:n], jobs)


def held_out_minutes(n: int, jobs: int = 2):
    """[held out] Pages of the 2011-06-20 minutes, spread over the document, degraded the same way."""
    pv = SHARED / "montpellier" / "proces-verbaux-2011" / "PV_CM_20_06_2011.pdf"
    step = max(1, 120 // max(1, n))
    return _ocr_pages([(pv, no, no) for no in range(2, 122, step)][:n], jobs)


def _ocr_pages(tasks, jobs: int):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        got = list(pool.map(_ocr_minutes_page, tasks))
    return [g for g in got if len(g[2].strip()) >= 50]


def as_ingest(got, title: str) -> None:
    """Repair OCR'd pages as `pipeline ingest` does and print the figures."""
    from benchmarks.evaluation import word_f1

    repaired = []
    for text, words, _ in got:
        rep = Repairer()
        rep.learn(text)
        repaired.append(rep.repair(text, words=words))
    print(title)
    row("pipeline (as in ingest)", [g[0] for g in got], [r[0] for r in repaired], [g[2] for g in got])
    f0 = sum(word_f1(g[0], g[2]) for g in got) / len(got)
    f1 = sum(word_f1(r[0], g[2]) for r, g in zip(repaired, got)) / len(got)
    broken, total = broken_rate([(g[0], g[2]) for g in got], [r[1] for r in repaired])
    print(f"  word F1 {f0:.4f} -> {f1:.4f} ({(f1 - f0) * 100:+.2f} points); correct OCR words changed: {broken} of "
          f"{total} ({broken / total * 1000:.2f} per 1,000); {sum(len(r[1]) for r in repaired)} changes in all")


def row(name, before, after_texts, golds):
    c0 = sum(cer(b, g) * len(g) for b, g in zip(before, golds)) / sum(len(g) for g in golds)
    c1 = sum(cer(a, g) * len(g) for a, g in zip(after_texts, golds)) / sum(len(g) for g in golds)
    n = sum(len(g.split()) for g in golds)
    w0 = sum(wer(b, g) * len(g.split()) for b, g in zip(before, golds)) / n
    w1 = sum(wer(a, g) * len(g.split()) for a, g in zip(after_texts, golds)) / n
    change = (c1 - c0) / c0 * 100 if c0 else 0.0
    print(f"  {name:28} WER {w0:6.2%} -> {w1:6.2%}   CER {c0:6.3%} -> {c1:6.3%} ({change:+.1f}%)")


def scans(n: int):
    """(OCR text, repaired text, truth) of n born-digital pages rendered at 150 dpi and degraded:
    the repair inside ``pipeline ingest`` also has Tesseract's confidences."""
    from benchmarks.evaluation import degrade, image_pdf, render_pdf_page
    from pipeline.sources.pdf import open_pdf, text_of

    delibs = sorted((SHARED / "montpellier" / "deliberations-2014-04").glob("*.pdf"))
    pages = [(p, 1) for p in delibs[:: max(1, len(delibs) // n)]][:n]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        truths = {}
        for pdf, no in pages:
            with open_pdf(pdf) as doc:
                truths[pdf.stem] = text_of(doc.pages[no - 1])
            (src / f"{pdf.stem}.pdf").write_bytes(
                image_pdf([degrade(render_pdf_page(pdf, no, 150), seed=no)], 150))
        out = Path(tmp) / "out"
        subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out)], check=True,
                       capture_output=True)
        return [((out / "text" / f"{k}.raw.txt").read_text(encoding="utf-8"),
                 (out / "text" / f"{k}.txt").read_text(encoding="utf-8"), v) for k, v in truths.items()]


def _ocr_gold_page(task):
    from benchmarks.evaluation import _ocr_page

    path, no, degraded, *rendering = task
    return _ocr_page(path, no, ROOT / ".cache" / "bench-ocr", degraded=degraded, rendering=(rendering or ["office"])[0])


RAW, ALONE, WITH = "as OCR'd", "repaired, document alone", "repaired, with the collection"


def _text_layer(pdf_path: Path, page_no: int) -> str:
    """A page's text layer ("" for a scan): the truth a degraded print of it is scored against."""
    from pipeline.sources.pdf import open_pdf, text_of

    with open_pdf(pdf_path) as pdf:
        return text_of(pdf.pages[page_no - 1]).strip()


def attendance(jobs: int = 2, splits: tuple[str, ...] = ("dev", "heldout")) -> None:
    """First names in attendance lists (tests/gold/*/*.names.json): the share right, per split and
    reading, as OCR'd, repaired with the document alone, and repaired with the collection's people
    as ingest stores them: the pairs read in the other documents of the same folder, read the same
    way (each document counts once, as ``Store.person_names``). A scanned report is read whole;
    of a deliberation only page 1, which holds its attendance list."""
    from collections import Counter
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.repair import names, repairer
    from benchmarks.evaluation import first_names_right, load_names, word_f1
    from pipeline.sources.pdf import open_pdf

    lexicon = repairer().lex
    golds = load_names(ROOT / "tests" / "gold")
    readings = sorted({(Path(g.document).parent, g.read) for g in golds}
                      | {(Path(g.document).parent, "ocr_degraded") for g in golds})
    print("\nFirst names in attendance lists (tests/gold/*/*.names.json): right / all")
    for folder, read in readings:
        docs = sorted((SHARED / folder).glob("*.pdf"))
        tasks = []
        for path in docs:
            with open_pdf(path) as pdf:
                n = len(pdf.pages) if folder.name.startswith("comptes-rendus") else 1
            tasks += [(path, i, read == "ocr_degraded") for i in range(1, n + 1)]
        with ProcessPoolExecutor(jobs) as pool:
            pages = list(pool.map(_ocr_gold_page, tasks))
        texts: dict[str, list[dict]] = {}
        for (path, _, _), page in zip(tasks, pages):
            texts.setdefault(path.name, []).append(page)
        people = {name: set(names.pairs_of("\f".join(p["text"] for p in ps), lexicon.knows)) for name, ps in texts.items()}
        for split in splits:
            chosen = [g for g in golds if g.split == split and Path(g.document).parent == folder
                      and (g.read == read or g.read == "ocr")]
            if not chosen:
                continue
            counts = {RAW: [0, 0], ALONE: [0, 0], WITH: [0, 0]}
            f1: dict[str, float] = {}
            for g in chosen:
                name = Path(g.document).name
                page = texts[name][g.pages[0] - 1]
                collection = Counter()
                for other, pairs in people.items():
                    if other != name:
                        collection.update(pairs)
                outputs = {RAW: page["text"]}
                for label, known in ((ALONE, None), (WITH, collection)):
                    rep = repairer()
                    rep.learn("\f".join(p["text"] for p in texts[name]))
                    if known:
                        rep.add_people(known)
                    outputs[label] = rep.repair(page["text"], page=g.pages[0], words=page["words"])[0]
                truth = _text_layer(SHARED / g.document, g.pages[0]) if g.read == "ocr_degraded" else ""
                for label, text in outputs.items():
                    right, total, _ = first_names_right(text, g.data)
                    counts[label][0] += right
                    counts[label][1] += total
                    if truth:
                        f1[label] = f1.get(label, 0.0) + word_f1(text, truth) / len(chosen)
            where = f"{folder.name}, {'scans' if read == 'ocr' else 'degraded prints'}, {len(chosen)} pages"
            print(f"  [{split}] {where}:\n    " + "; ".join(f"{k} {r}/{n} ({r / n:.3f})" for k, (r, n) in counts.items()))
            if f1:
                print("    word F1 of the whole page against its text layer: "
                      + "; ".join(f"{k} {v:.4f}" for k, v in f1.items())
                      + f" (gain from repair: {(f1[ALONE] - f1[RAW]) * 100:+.2f} points alone, "
                        f"{(f1[WITH] - f1[RAW]) * 100:+.2f} with the collection)")
            f1.clear()


REACH_COMMUNES = ("montpellier", "couthenans", "pierrefonds", "l-arbresle")
REACH_RENDERINGS = ("office", "worse")  # benchmarks.evaluation.RENDERINGS


def _run_collection(tasks, read, lex) -> dict:
    """(document, rendering) -> (the document's OCR'd pages, the people the run's other documents
    teach it, the first names read together): what one ingest of each commune's pages in that
    rendering gives each document once the run is stored and its documents are read again
    (``Store.person_names``, ``Store.people_together``, ``repair_document``)."""
    from pipeline.repair import names

    docs: dict[tuple, list[str]] = {}
    for (path, no, _, rendering), page in zip(tasks, read):
        docs.setdefault((path, rendering), []).append(page["text"])
    read_by = {key: set(names.pairs_of("\f".join(pages), lex.knows)) for key, pages in docs.items()}
    out = {}
    for (path, rendering), pages in docs.items():
        run = [pairs for (other, r), pairs in read_by.items() if r == rendering
               and other.relative_to(SHARED).parts[0] == path.relative_to(SHARED).parts[0]]
        people = Counter(pair for pairs in run for pair in pairs)
        people = Counter({pair: n for pair, n in people.items() if n >= names.PAIR_EVIDENCE})
        people -= Counter(dict.fromkeys(read_by[(path, rendering)], 1))  # its own reading is not counted for it
        together = Counter((s, f, g) for pairs in run for (s, f) in pairs for (t, g) in pairs if s == t and f < g)
        out[(path, rendering)] = ("\f".join(pages), people, together)
    return out


def reachable(pages_per_commune: int, jobs: int = 2, as_run: bool = False) -> None:
    """Modern Tesseract output (issue #28, target 2): born-digital development pages of several
    communes (their gold documents in tests/gold/dev) printed to degraded office scans at 150 dpi,
    OCR'd and repaired as ingest repairs them — each page alone, or (``as_run``) each commune's
    pages of one rendering as one ingest: a document learns from all its pages, and the people the
    run's other documents read (the run's documents read again with what the run taught). Of the word errors a repair can reach — one OCR
    word for one word of the text layer, a non-word, a real word or a case error (not text missing
    or added, words split or joined, layout) — how many the repair fixes; and how many words the
    OCR got right it changes."""
    from difflib import SequenceMatcher

    from benchmarks.evaluation import load_gold
    from pipeline.repair import repairer
    from pipeline.sources.pdf import open_pdf

    lex = repairer().lex
    chosen: dict[str, list] = {}
    for g in load_gold(ROOT / "tests" / "gold"):
        commune = g.document.split("/")[0]
        if g.split == "dev" and g.read == "text_layer" and commune in REACH_COMMUNES and g.document.endswith(".pdf"):
            with open_pdf(SHARED / g.document) as pdf:
                n = len(pdf.pages)
            pages = range(g.pages[0], min(n, g.pages[1]) + 1) if g.pages else range(1, min(n, 2) + 1)
            have = chosen.setdefault(commune, [])
            for no in pages:
                if len(have) < pages_per_commune and (SHARED / g.document, no, True) not in have:
                    have.append((SHARED / g.document, no, True))
    tasks = [(*t, rendering) for ts in chosen.values() for t in ts for rendering in REACH_RENDERINGS]
    with ProcessPoolExecutor(jobs) as pool:
        read = list(pool.map(_ocr_gold_page, tasks))
    if as_run:
        collection = _run_collection(tasks, read, lex)
    counts: dict[str, dict[str, int]] = {}
    for (path, no, _, rendering), page in zip(tasks, read):
        commune = f"{path.relative_to(SHARED).parts[0]}, {rendering}"
        c = counts.setdefault(commune, dict.fromkeys(("pages", "words", "non-word", "real-word", "case", "fixed",
                                                      "right", "broken", "other"), 0))
        truth = _text_layer(path, no)
        rep = repairer()
        if as_run:  # as one ingest of the commune's pages repairs them (repair_document, read again with the run)
            doc_text, people, together = collection[(path, rendering)]
            rep.learn(doc_text)
            rep.add_people(people, together)
        else:
            rep.learn(page["text"])
        fixed = rep.repair(page["text"], words=page["words"])[0]
        norm = owners_oracle().norm  # NFC, quotes and spaces as the owner's oracle has them
        o, t, r = (_WORDS.findall(norm(x)) for x in (page["text"], truth, fixed))
        to_repaired = _one_to_one(o, r)
        c["pages"] += 1
        c["words"] += len(t)
        for op in SequenceMatcher(None, o, t, autojunk=False).get_opcodes():
            tag, i1, i2, j1, j2 = op
            if tag == "equal":
                c["right"] += i2 - i1
                # a word the alignment no longer pairs one for one was joined or split (a line-end
                # hyphen re-joined): layout, not a word broken
                c["broken"] += sum(1 for k in range(i1, i2) if to_repaired.get(k, o[k]) != o[k])
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for k, want in zip(range(i1, i2), t[j1:j2]):
                    kind = _error_kind(o[k], want, lex)
                    c[kind] += 1
                    if kind != "other" and to_repaired.get(k) == want:
                        c["fixed"] += 1
    print(f"\n[dev] Modern Tesseract output: text-layer pages of {len(chosen)} communes printed to degraded scans "
          f"(150 dpi; {', '.join(REACH_RENDERINGS)}), OCR'd and repaired as ingest does; truth = the text layer"
          + ("\n  each commune's pages of one rendering as one ingest: the run's documents teach each other" if as_run
             else "\n  each page alone, its own collection"))
    print(f"  {'commune':22} {'pages':>5} {'words':>6} {'non-word':>8} {'real-word':>9} {'case':>5} {'reachable':>9} "
          f"{'fixed':>11} {'broken / 1,000 right':>21}   (target: fixed >= 50 %, broken <= 1)")
    total = dict.fromkeys(next(iter(counts.values())), 0) if counts else {}
    for commune, c in sorted(counts.items()) + ([("all", total)] if counts else []):
        if commune != "all":
            for k, v in c.items():
                total[k] += v
        reach = c["non-word"] + c["real-word"] + c["case"]
        print(f"  {commune:22} {c['pages']:5} {c['words']:6} {c['non-word']:8} {c['real-word']:9} {c['case']:5} {reach:9} "
              f"{c['fixed']:5} ({c['fixed'] / max(1, reach):.0%}) {c['broken']:7} ({c['broken'] / max(1, c['right']) * 1000:.2f})")


_WORDS = re.compile(r"\S+")


def _error_kind(read: str, want: str, lex) -> str:
    """What kind of error reading ``want`` as ``read`` is: case, non-word, real-word, or other
    (punctuation, digits: not the repair's)."""
    letters = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
    a, b = letters.fullmatch(read.strip(".,;:!?()«»\"'")), letters.fullmatch(want.strip(".,;:!?()«»\"'"))
    if a is None or b is None:
        return "other"
    if a.group() == b.group():
        return "other"  # only the punctuation around it differs
    if a.group().lower() == b.group().lower():
        return "case"
    return "real-word" if lex.knows(a.group()) else "non-word"


def _one_to_one(before: list[str], after: list[str]) -> dict[int, str]:
    """Each word of ``before`` -> the word it became in ``after``, where the alignment pairs them
    one for one."""
    from difflib import SequenceMatcher

    out = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.update(zip(range(i1, i2), after[j1:j2]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="ICDAR segments (0: all)")
    ap.add_argument("--scans", type=int, default=12, help="degraded Montpellier pages (0: skip)")
    ap.add_argument("--minutes", type=int, default=28, help="degraded pages of council minutes (0: skip)")
    ap.add_argument("--heldout", type=int, default=24, help="[held out] degraded pages of the 2011-06-20 minutes (0: skip)")
    ap.add_argument("--names", type=int, default=1, help="first names in attendance lists of the 2011 scans (0: skip)")
    ap.add_argument("--reachable", type=int, default=8, help="pages per commune of the reachable-error table (0: skip)")
    ap.add_argument("--dev", action="store_true", help="development data only: no held-out figure is computed")
    a = ap.parse_args()
    if a.dev:
        a.heldout = 0
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    symspell = SymSpellBaseline()

    print("[dev] Founding example (Mantes-la-Jolie) against tests/gold/dev/")
    ocr, gold = FOUNDING.read_text(encoding="utf-8"), GOLD.read_text(encoding="utf-8")
    ours, changes = repair_text(ocr)
    row("pipeline clean", [ocr], [ours], [gold])
    broken, total = broken_rate([(ocr, gold)], [changes])
    print(f"  correct OCR words changed: {broken} of {total}")
    row("SymSpell baseline", [ocr], [symspell(ocr)], [gold])

    pairs = icdar_segments(a.limit)
    print(f"\n[dev] ICDAR 2017 French dev, {len(pairs)} segments (historical spellings kept in the gold)")
    rep = Repairer()
    rep.learn("\n".join(p[0] for p in pairs))
    t = time.process_time()
    results = [rep.repair(o, lines=True) for o, _ in pairs]
    secs = time.process_time() - t
    n_words = sum(len(o.split()) for o, _ in pairs)
    row("pipeline clean --lines", [p[0] for p in pairs], [r[0] for r in results], [p[1] for p in pairs])
    t = time.process_time()
    sym = [symspell(o) for o, _ in pairs]
    sym_secs = time.process_time() - t
    row("SymSpell baseline", [p[0] for p in pairs], sym, [p[1] for p in pairs])
    broken, total = broken_rate(pairs, [r[1] for r in results])
    print(f"  correct OCR words changed: {broken} of {total} ({broken / total * 1000:.2f} per 1,000)")
    if not a.limit:
        files = icdar_segments(0, by_file=True)
        held = held_out(files)
        ordered = [p for ps in files.values() for p in ps]
        row("[held out] costs learned from", [p[0] for p in ordered], [r[0] for r in held], [p[1] for p in ordered])
        broken, total = broken_rate(ordered, [r[1] for r in held])
        print(f"   the other file only)          correct OCR words changed: {broken / total * 1000:.2f} per 1,000")
        c0 = sum(cer(o, g) * len(g) for o, g in pairs) / sum(len(g) for _, g in pairs)
        best = oracle_ceiling(pairs)
        print(f"  oracle: each aligned block of OCR words swapped for its gold words: CER {c0:.3%} -> {best:.3%}"
              f" ({(best - c0) / c0 * 100:+.1f}%);\n  the rest of the error is text on one side only (OCR words the gold lacks, or the reverse)")
    print("  per collection, as the owner's oracle (../shared/eval/word_oracle.py) measures it, repaired as")
    print("  `pipeline clean --lines --old-print` does:")
    per_collection(icdar_segments(0, by_file=True) if not a.limit else {"all": pairs})
    print(f"  speed: pipeline {n_words / secs:,.0f} words/s, SymSpell {n_words / sym_secs:,.0f} words/s (one core, CPU time)")

    if a.names:
        attendance(splits=("dev",) if a.dev else ("dev", "heldout"))

    if a.reachable:
        reachable(a.reachable)
        reachable(a.reachable, as_run=True)

    if a.scans:
        got = scans(a.scans)
        print(f"\n[dev] Montpellier deliberations: {len(got)} pages rendered at 150 dpi, degraded, OCR'd; truth = text layer")
        raw = [g[0] for g in got]
        truth = [g[2] for g in got]
        row("pipeline clean (text only)", raw, [repair_text(r)[0] for r in raw], truth)
        row("pipeline ingest (+ Tesseract", raw, [g[1] for g in got], truth)
        print("   confidences)")
        row("SymSpell baseline", raw, [symspell(r) for r in raw], truth)

    if a.minutes:
        got = minutes(a.minutes)
        as_ingest(got, f"\n[dev] Council minutes (PV 2014, Couthenans): {len(got)} pages at 150 dpi, degraded, OCR'd "
                       "with word confidences; truth = text layer")
    if a.heldout:
        got = held_out_minutes(a.heldout)
        as_ingest(got, f"\n[held out] Minutes of 2011-06-20 (PV_CM_20_06_2011): {len(got)} pages at 150 dpi, degraded, "
                       "OCR'd and repaired the same way; truth = text layer")


if __name__ == "__main__":
    main()
