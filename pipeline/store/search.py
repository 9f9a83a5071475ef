"""Full-text search over every page and every deliberation record (issue #29).

A Tantivy index in ``OUT_DIR/search/``: BM25 ranking, French stemming (``subventions`` finds
``subvention``), accents and case folded (``deliberation`` finds ``DÉLIBÉRATION``), phrases,
exclusions, a typo's neighbours (``subvension``), snippets. Two kinds of entries, one per page
(its repaired text) and one per record (its subject, number, rapporteur, result), each with its
document's commune, session date and layout for filters.

The index is updated when a snapshot is published (``snapshots.publish``), for the documents that
snapshot wrote only — a document changed or removed is deleted and, unless removed, added again —
and rebuilt whole with a full snapshot or where there is no index yet (an archive an earlier
version wrote). Each entry carries the snapshot holding its document's rows (``gen``); a search
keeps only the entries of the snapshot readers see now (``snapshots.live``), so a query during a
running ingest answers from the last snapshot, and a reader never takes the writer's lock.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

FOLDER = "search"
ANALYZER = "fr"
WRITER_HEAP = 64_000_000  # bytes the index writer may hold before it writes a segment
FUZZY_MIN = 5  # a word of this many letters or more also finds the words one edit away
SNIPPET_CHARS = 160


def _schema():
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("kind", stored=True, tokenizer_name="raw")  # page | record
    sb.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    sb.add_integer_field("gen", stored=True, indexed=True)
    sb.add_integer_field("page_no", stored=True)
    sb.add_text_field("commune", stored=True, tokenizer_name="raw")  # as printed
    sb.add_text_field("commune_key", tokenizer_name="raw")  # folded: what --commune matches
    sb.add_integer_field("session", stored=True, indexed=True, fast=True)  # yyyymmdd, 0 when not known
    sb.add_text_field("layout", stored=True, tokenizer_name="raw")
    sb.add_text_field("number", stored=True, tokenizer_name="raw")
    sb.add_text_field("result", stored=True, tokenizer_name="raw")
    sb.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
    return sb.build()


def stemmer():
    """The French stem of one word as the index keeps it (lower case, accents off, stemmed):
    ``stemmer()("Subventions") == "subvent"``. The review site's box compares words so too."""
    analyzer = _analyzer()

    def stem(word: str) -> str:
        tokens = analyzer.analyze(word)
        return tokens[0] if len(tokens) == 1 else word

    return stem


def _analyzer():
    import tantivy

    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold())
            .filter(tantivy.Filter.stemmer("french")).build())


def _open(folder: Path, create: bool = False):
    import tantivy

    if not create and not _exists(folder):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(_schema(), path=str(folder), reuse=True)
    index.register_tokenizer(ANALYZER, _analyzer())
    return index


# what stands before a commune's name in "Commune de Pierrefonds", "VILLE D'AVRANCHES", "Mairie de Flaux"
COMMUNE_LEAD = re.compile(r"^(?:conseil municipal de (?:la )?)?(?:commune|ville|mairie) (?:de |d |du )?")


def _exists(folder: Path) -> bool:
    import tantivy

    return folder.is_dir() and tantivy.Index.exists(str(folder))


def fold(text: str) -> str:
    """Lower case, accents off, hyphens and apostrophes as spaces, without "Commune de": how a
    commune's name is compared ("Commune de Saint-Étienne" and "saint etienne" alike)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = " ".join(re.sub(r"[-'’]", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).split())
    return COMMUNE_LEAD.sub("", text)


# --- writing: from the working database, when a snapshot is published ------------------------

def update(con, out_dir: Path, documents: Path, changed: set[str] | None) -> int:
    """Bring ``OUT_DIR/search/`` to the snapshot whose ``documents`` file is given (each
    document's row and ``_gen``, the snapshot holding its rows): the documents of ``changed``
    deleted and the ones still in the archive added again (``changed`` None, or no index there
    yet: every document, from nothing). ``con``: the working database. Returns the entries added."""
    import tantivy

    folder = Path(out_dir) / FOLDER
    if not _exists(folder):
        changed = None  # no index yet (a folder an earlier version wrote, or a lost index): every document
    elif changed is not None and not changed:
        return 0  # a snapshot that wrote no document (a long run's periodic publish): the index stands
    index = _open(folder, create=True)
    writer = index.writer(WRITER_HEAP, 1)
    if changed is None:
        writer.delete_all_documents()
        where = "TRUE"
    else:
        for doc_id in changed:
            writer.delete_documents_by_term("doc_id", doc_id)
        con.execute("CREATE OR REPLACE TEMP TABLE _search_docs (doc_id VARCHAR)")
        con.executemany("INSERT INTO _search_docs VALUES (?)", [[d] for d in sorted(changed)])
        where = "d.doc_id IN (SELECT doc_id FROM _search_docs)"
    # each document's commune and session: the most common of its records'
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _search_meta AS
        SELECT d.doc_id, d._gen AS gen,
               (SELECT mode(collectivite) FROM deliberations r WHERE r.doc_id = d.doc_id) AS commune,
               (SELECT mode(session_date) FROM deliberations r WHERE r.doc_id = d.doc_id) AS session,
               (SELECT mode(layout) FROM deliberations r WHERE r.doc_id = d.doc_id) AS layout
        FROM read_parquet('{Path(documents).as_posix()}') d WHERE d.removed_at IS NULL AND {where}""")
    added = 0
    pages = con.execute("""SELECT p.doc_id, p.page_no, coalesce(p.text_clean, p.text_raw, ''), m.commune, m.session, m.layout, m.gen
                           FROM pages p JOIN _search_meta m USING (doc_id) ORDER BY p.doc_id, p.page_no""")
    while batch := pages.fetchmany(2000):
        for doc_id, page_no, text, commune, session, layout, gen in batch:
            writer.add_document(tantivy.Document(**_common(gen, "page", doc_id, commune, session, layout),
                                                 page_no=int(page_no), text=text))
            added += 1
    records = con.execute("""SELECT r.doc_id, r.page_no, r.number, r.objet, r.rapporteur, r.result, r.collectivite,
                                    r.session_date, r.layout, m.gen
                             FROM deliberations r JOIN _search_meta m USING (doc_id) ORDER BY r.doc_id, r.char_start""")
    while batch := records.fetchmany(2000):
        for doc_id, page_no, number, objet, rapporteur, result, commune, session, layout, gen in batch:
            text = " ".join(v for v in (number, objet, rapporteur) if v)
            writer.add_document(tantivy.Document(**_common(gen, "record", doc_id, commune, session, layout),
                                                 page_no=int(page_no or 0), number=number or "", result=result or "",
                                                 text=text))
            added += 1
    writer.commit()
    writer.wait_merging_threads()
    return added


def indexed(out_dir: Path) -> dict[str, set[int]] | None:
    """What the index holds: each document with the snapshots its page entries carry (one, when it
    is in step), for ``pipeline verify``; None where there is no index. Reads every page entry (of a
    copy, on a read-only file system)."""
    import tantivy

    folder = Path(out_dir) / FOLDER
    if not _exists(folder):
        return None
    if _read_only(folder):  # tantivy takes a lock file even to read: read a copy
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(folder, Path(tmp) / FOLDER)
            return indexed(Path(tmp))
    index = _open(folder)
    searcher = index.searcher()
    out: dict[str, set[int]] = {}
    pages = tantivy.Query.term_query(index.schema, "kind", "page")
    for _, address in searcher.search(pages, limit=max(1, searcher.num_docs), count=False).hits:
        doc = searcher.doc(address)
        out.setdefault(doc.get_first("doc_id"), set()).add(doc.get_first("gen"))
    return out


def _read_only(folder: Path) -> bool:
    """The index lies on a read-only file system, where tantivy cannot take its lock file to read."""
    return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)


def _common(gen: int, kind: str, doc_id: str, commune, session, layout) -> dict:
    return {"kind": kind, "doc_id": doc_id, "gen": gen, "commune": commune or "", "commune_key": fold(commune or ""),
            "session": int(session.strftime("%Y%m%d")) if session else 0, "layout": layout or ""}


# --- reading: what a researcher asks ----------------------------------------------------------

@dataclass
class Hit:
    score: float
    doc_id: str
    page_no: int
    session_date: str | None
    commune: str | None
    layout: str | None
    number: str | None
    result: str | None
    snippet: str
    fuzzy: bool = False  # found through a word of the query one letter off (no page has it as typed)


COLUMNS = ("score", "doc_id", "page_no", "session_date", "commune", "layout", "number", "result", "snippet", "fuzzy")
_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')  # "a phrase", -"a phrase", word, -word


def search(out_dir: Path, query: str, shown: dict[str, int], *, records: bool = False, commune: str | None = None,
           date_from: str | None = None, date_to: str | None = None, layout: str | None = None,
           limit: int = 20) -> list[Hit]:
    """The pages (or, ``records``, the deliberation records) of the snapshot readers see
    (``shown``: doc_id -> the snapshot holding its rows, ``snapshots.live``) that hold every word of ``query``, best first: words in any case and accents,
    French forms of a word alike, "a phrase" in quotes, ``-word`` excluded, a word of 5 letters
    or more also found one letter off. Filters: a commune's name, session dates (ISO, inclusive),
    a record's layout."""
    import tantivy

    folder = Path(out_dir) / FOLDER
    if _exists(folder) and _read_only(folder):
        from pipeline.store.disk import StorageError

        raise StorageError(f"{out_dir}: the search index cannot be opened on a read-only file system (its library "
                           "takes a lock file even to read): mount it read-write, or search a copy of the folder")
    index = _open(folder)
    if index is None:
        return []
    schema = index.schema
    analyzer = _analyzer()
    searcher = index.searcher()
    must, must_not, marked, fuzzy = [], [], [], False
    for m in _TERM.finditer(query):
        negated, phrase = bool(m.group(1) or m.group(3)), m.group(2) is not None
        tokens = [t for t in analyzer.analyze(m.group(2) if phrase else m.group(4))]
        if not tokens:
            continue
        if phrase and len(tokens) > 1:
            q = tantivy.Query.phrase_query(schema, "text", tokens)
        else:
            words = [_word(searcher, schema, t) for t in tokens]
            fuzzy = fuzzy or (not negated and any(off for _, off in words))
            q = tantivy.Query.boolean_query([(tantivy.Occur.Should, w) for w, _ in words])
        (must_not if negated else must).append(q)
        if not negated:
            marked.append(q)
    if not must:
        return []
    clauses = [(tantivy.Occur.Must, q) for q in must] + [(tantivy.Occur.MustNot, q) for q in must_not]
    clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "kind", "record" if records else "page")))
    if commune:
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "commune_key", fold(commune))))
    if layout:
        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "layout", layout)))
    if date_from or date_to:
        low = int(date_from.replace("-", "")) if date_from else 1
        high = int(date_to.replace("-", "")) if date_to else 99991231
        clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(schema, "session", tantivy.FieldType.Integer,
                                                                      low, high)))
    full = tantivy.Query.boolean_query(clauses)
    snippets = tantivy.SnippetGenerator.create(searcher, tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, q) for q in marked]), schema, "text")
    snippets.set_max_num_chars(SNIPPET_CHARS)
    hits, want = [], limit
    while True:  # entries of documents the snapshot does not show (yet) are passed over
        found = searcher.search(full, limit=want, count=False).hits
        hits = []
        for score, address in found:
            doc = searcher.doc(address)
            doc_id = doc.get_first("doc_id")
            if shown.get(doc_id) != doc.get_first("gen"):
                continue
            session = doc.get_first("session") or 0
            hits.append(Hit(round(score, 3), doc_id, doc.get_first("page_no"),
                            f"{session // 10000:04d}-{session // 100 % 100:02d}-{session % 100:02d}" if session else None,
                            doc.get_first("commune") or None, doc.get_first("layout") or None,
                            doc.get_first("number") or None if records else None,
                            doc.get_first("result") or None if records else None,
                            _marked(snippets.snippet_from_doc(doc).to_html()) or _start(doc.get_first("text")), fuzzy))
            if len(hits) == limit:
                break
        if len(hits) == limit or len(found) < want:
            return hits
        want *= 4


def _word(searcher, schema, token: str):
    """A word of the query: the word itself, or, when no page has it and it has FUZZY_MIN letters
    or more, the words of the index one letter off (a typo: "subvension"), each ranked as itself;
    and whether it is so."""
    import tantivy

    exact = tantivy.Query.term_query(schema, "text", token)
    if len(token) < FUZZY_MIN or searcher.doc_freq("text", token):
        return exact, False
    near = [w for w in _one_edit(token) if searcher.doc_freq("text", w)]
    if not near:
        return exact, False
    # the words themselves, each scored as if typed (a fuzzy query gives every page the same score)
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", w))
                                        for w in near]), True


INDEX_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # the index's words are folded to these


def _one_edit(word: str) -> set[str]:
    """The words one edit from ``word`` — a letter dropped, added, changed, or two side by side
    swapped: what Tantivy's fuzzy query of distance 1 matches."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in cuts if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    out |= {a + c + b[1:] for a, b in cuts if b for c in INDEX_LETTERS}
    out |= {a + c + b for a, b in cuts for c in INDEX_LETTERS}
    out.discard(word)
    return out


def _marked(html: str) -> str:
    """Tantivy's snippet, its matched words between ** (as Markdown shows them), one line."""
    return " ".join(unescape(html.replace("<b>", "**").replace("</b>", "**")).split())


def _start(text: str | None) -> str:
    return " ".join((text or "").split())[:SNIPPET_CHARS]
