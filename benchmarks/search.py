"""Search at scale (issue #29): index build time and size per page, query latency p50/p95, for
the pipeline's Tantivy index and, in the same run, SQLite FTS5 (the built-in alternative), on a
synthetic archive of N pages made from the text of real pages (the born-digital minutes of
``../shared/corpus``, their lines shuffled across pages: the words and their frequencies of real
minutes, pages that exist nowhere).

    .venv/bin/python benchmarks/search.py [--pages 100000] [--queries 200]
    .venv/bin/python benchmarks/search.py --pages 1000000        # the issue's scale
    .venv/bin/python benchmarks/search.py --real                 # the shared corpus's pages, as they are

Targets: indexing >= 2,000 pages/s on one core, p95 <= 50 ms at 1M pages. FTS5 is given its
``unicode61 remove_diacritics 2`` tokenizer (accents folded, no French stemming: "subventions"
does not find "subvention" there).
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

QUERIES = ["subventions", "deliberation", "budget primitif", '"compte administratif"', "éclairage public",
           "convention -église", "subvension", "conseil municipal", "taxe foncière", "voirie communale",
           "assainissement", "école", "personnel communal", "tarifs cantine", "adhésion syndicat"]


def real_lines(limit_docs: int = 60) -> list[str]:
    """The lines of real born-digital minutes' text layers."""
    import pdfplumber

    lines = []
    pdfs = sorted((SHARED / "pierrefonds").glob("*.pdf"))[:limit_docs] + sorted((SHARED / "couthenans").glob("*.pdf"))
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                lines += [ln for ln in (page.extract_text() or "").splitlines() if len(ln.split()) >= 3]
    return lines


def pages(lines: list[str], n: int, seed: int = 0):
    """``n`` pages of 40 lines drawn from ``lines``, each with a commune and a session date."""
    rng = random.Random(seed)
    communes = ["Pierrefonds", "Couthenans", "Flaux", "L'Arbresle", "Aizac", "Avranches"]
    for i in range(n):
        yield (f"doc-{i // 8}.pdf", i % 8 + 1, rng.choice(communes), f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-15",
               "\n".join(rng.choice(lines) for _ in range(40)))


def real_pages() -> list[tuple]:
    """Every page of the shared corpus that has a text layer (its born-digital PDFs) and every
    text file, as it is, with its commune (its folder) and the session date its name gives, if any."""
    import pdfplumber

    found = []
    for path in sorted(SHARED.rglob("*")):
        commune = path.relative_to(SHARED).parts[0]
        day = re.search(r"(20\d\d)-?(\d\d)-?(\d\d)", path.name)
        session = "-".join(day.groups()) if day and "01" <= day.group(2) <= "12" and "01" <= day.group(3) <= "31" else "2000-01-01"
        if path.suffix == ".pdf":
            with pdfplumber.open(path) as doc:
                texts = [page.extract_text() or "" for page in doc.pages]
        elif path.suffix == ".txt":
            texts = path.read_text(encoding="utf-8", errors="replace").split("\f")
        else:
            continue
        found += [(path.name, n, commune, session, text) for n, text in enumerate(texts, 1) if len(text.split()) >= 20]
    return found


def tantivy_index(folder: Path, source) -> float:
    import tantivy

    from pipeline.store import search

    index = search._open(folder, create=True)
    writer = index.writer(search.WRITER_HEAP, 1)
    t0 = time.perf_counter()
    for doc_id, page_no, commune, session, text in source:
        writer.add_document(tantivy.Document(kind="page", doc_id=doc_id, gen=1, page_no=page_no, commune=commune,
                                             commune_key=search.fold(commune), session=int(session.replace("-", "")),
                                             layout="minutes", text=text))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - t0


def fts5_index(path: Path, source) -> float:
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE pages USING fts5(doc_id UNINDEXED, page_no UNINDEXED, commune UNINDEXED, "
                "session UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
    t0 = time.perf_counter()
    con.executemany("INSERT INTO pages VALUES (?, ?, ?, ?, ?)", source)
    con.commit()
    spent = time.perf_counter() - t0
    con.close()
    return spent


def fts5_query(text: str) -> str:
    """The same words for FTS5: every word, "a phrase" kept, -word as NOT."""
    parts = re.findall(r'-?"[^"]*"|\S+', text)
    quoted = ['"' + p.lstrip("-").strip('"') + '"' for p in parts]
    keep = [q for p, q in zip(parts, quoted) if not p.startswith("-")]
    return " AND ".join(keep) + "".join(f" NOT {q}" for p, q in zip(parts, quoted) if p.startswith("-"))


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else folder.stat().st_size


def latencies(run, queries: list[str], rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for q in queries:
            t0 = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200, help="queries timed per engine (the list, repeated)")
    ap.add_argument("--no-fts5", action="store_true", help="Tantivy only")
    ap.add_argument("--each", action="store_true", help="also each query's median on Tantivy")
    ap.add_argument("--real", action="store_true", help="the shared corpus's pages as they are, not N synthetic ones")
    args = ap.parse_args()
    from pipeline.store import search

    if args.real:
        real = real_pages()
        if not real:
            raise SystemExit(f"no page with text under {SHARED}")
        args.pages, source, what = len(real), lambda: iter(real), "real pages of the shared corpus"
        shown = {doc_id: 1 for doc_id, *_ in real}
    else:
        lines = real_lines()
        source, what = lambda: pages(lines, args.pages), f"pages of 40 real lines ({len(lines)} lines drawn from)"
        shown = {f"doc-{i}.pdf": 1 for i in range(args.pages // 8 + 1)}
    rounds = max(1, args.queries // len(QUERIES))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t_tv = tantivy_index(out / search.FOLDER, source())
        tv = latencies(lambda q: search.search(out, q, shown, limit=20), QUERIES, rounds)
        tv_commune = latencies(lambda q: search.search(out, q, shown, commune="Flaux", date_from="2015-01-01", limit=20),
                               QUERIES, rounds)
        if args.each:
            for q in QUERIES:
                print(f"  {q:28} {latencies(lambda q: search.search(out, q, shown, limit=20), [q], rounds)[0]:7.1f} ms")
        rows = [("Tantivy (the pipeline's)", t_tv, out / search.FOLDER, tv),
                ("Tantivy, commune + dates", t_tv, out / search.FOLDER, tv_commune)]
        if not args.no_fts5:
            t_fts = fts5_index(out / "fts5.db", source())
            con = sqlite3.connect(out / "fts5.db")
            fts = latencies(lambda q: con.execute("SELECT doc_id, page_no, snippet(pages, 4, '**', '**', '…', 16) FROM pages "
                                                  "WHERE pages MATCH ? ORDER BY rank LIMIT 20", (fts5_query(q),)).fetchall(),
                            QUERIES, rounds)
            con.close()
            rows.append(("SQLite FTS5", t_fts, out / "fts5.db", fts))
        print(f"{args.pages} {what}, {rounds * len(QUERIES)} queries each")
        print(f"{'engine':28} {'index s':>8} {'pages/s':>9} {'bytes/page':>11} {'p50 ms':>7} {'p95 ms':>7}")
        for name, spent, folder, (p50, p95) in rows:
            print(f"{name:28} {spent:8.1f} {args.pages / spent:9.0f} {size(folder) / args.pages:11.0f} {p50:7.1f} {p95:7.1f}")


if __name__ == "__main__":
    main()
