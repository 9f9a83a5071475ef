"""Writes the review site (see ``__init__.py``) from the published results of an output folder."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import unicodedata
from html import escape
from pathlib import Path

from pipeline import overrides
from pipeline.store.reports import input_folder
from pipeline.alignment import to_clean, unsure_words
from pipeline.store import atomic
from pipeline.store.frames import connect
from pipeline.store.export import plain
from pipeline.store.search import stemmer

log = logging.getLogger("pipeline")

HERE = Path(__file__).parent
LOW_CONFIDENCE = 60  # a word Tesseract gave less than this is marked
IMAGE_WIDTH = 900  # pixels of a page image on the review page
CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "base-uri 'none'; form-action 'none'")


def build(out_dir: Path) -> Path:
    """Write ``out_dir/review/``; returns the index page."""
    out_dir = Path(out_dir)
    site = out_dir / "review"
    (site / "docs").mkdir(parents=True, exist_ok=True)
    for asset in ("review.css", "review.js"):
        shutil.copyfile(HERE / asset, site / asset)
    ov = overrides.load(out_dir / overrides.FILE)
    existing = {"reject": list(ov.reject), "protect": list(ov.protect), "records": list(ov.records)}
    source_root = input_folder(out_dir)
    con = connect(out_dir)
    try:
        docs = _documents(con)
        for i, d in enumerate(docs):
            d["page"] = f"docs/{_slug(d['doc_id'])}.html"
        for i, d in enumerate(docs):
            prev_doc = docs[i - 1] if i > 0 else None
            next_doc = docs[i + 1] if i + 1 < len(docs) else None
            html = _document_page(con, d, site, source_root, existing, prev_doc, next_doc)
            atomic.write_text(site / d["page"], html)
        atomic.write_text(site / "search-index.js", _search_index(con, docs))
    finally:
        con.close()
    index = site / "index.html"
    atomic.write_text(index, _index_page(docs))
    return index


# --- the search box of the index page ---------------------------------------------------------

_WORD = re.compile(r"[^\W_]{2,}")


def fold(word: str) -> str:
    """A word as the search box compares it: lower case, accents off (review.js folds alike)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _search_index(con, docs: list[dict]) -> str:
    """Every word of every page (repaired text), by its French stem (as ``pipeline search`` reads
    it), with the pages holding it, and each folded form whose stem differs: a script
    (``search-index.js``) the index page loads, because a page opened as a file may not fetch
    one. The box finds the pages holding every word typed, in any of its forms, and opens a
    document at its page."""
    stem = stemmer()
    stems: dict[str, str] = {}
    postings: dict[str, list[list[int]]] = {}
    for n, d in enumerate(docs):
        for page_no, text in con.execute("SELECT page_no, coalesce(text_clean, text_raw, '') FROM pages WHERE doc_id = ? "
                                         "ORDER BY page_no", [d["doc_id"]]).fetchall():
            words = set(_WORD.findall(fold(text)))  # folded first: a letter and its accent apart are one letter
            for word in words - stems.keys():
                stems[word] = stem(word)
            for key in {stems[w] for w in words}:
                postings.setdefault(key, []).append([n, page_no])
    forms = {word: key for word, key in sorted(stems.items()) if key != word}
    data = {"docs": [[d["doc_id"], d["page"]] for d in docs], "words": postings, "forms": forms}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.REVIEW_SEARCH = {text};\n"


# --- what is shown ------------------------------------------------------------------------------

def _documents(con) -> list[dict]:
    rows = con.execute("""
        SELECT d.doc_id, d.source_path, d.kind, d.sha256, d.status, d.error, coalesce(d.n_pages, 0),
               (SELECT count(*) FILTER (WHERE method = 'ocr') FROM pages p WHERE p.doc_id = d.doc_id),
               (SELECT round(avg(ocr_confidence), 1) FROM pages p WHERE p.doc_id = d.doc_id),
               (SELECT count(*) FROM corrections c WHERE c.doc_id = d.doc_id),
               (SELECT count(*) FROM deliberations r WHERE r.doc_id = d.doc_id),
               (SELECT count(*) FILTER (WHERE needs_review) FROM deliberations r WHERE r.doc_id = d.doc_id)
        FROM current.documents d ORDER BY d.doc_id""").fetchall()
    keys = ("doc_id", "source_path", "kind", "sha256", "status", "error", "pages", "ocr_pages", "confidence",
            "corrections", "records", "needs_review")
    return [dict(zip(keys, r)) for r in rows]


def _page_image(source_root: Path | None, d: dict, page_no: int, site: Path) -> str | None:
    """The page's image, rendered once per version of the file; its path relative to docs/."""
    if source_root is None or d["kind"] not in ("pdf", "image"):
        return None
    rel = Path("img") / (d["sha256"] or _slug(d["doc_id"]))[:16] / f"page-{page_no}.jpg"
    target = site / rel
    if not target.exists():
        src = source_root / d["source_path"]
        if not src.is_file():
            return None
        try:
            image = _render(src, d["kind"], page_no)
        except Exception as exc:  # a page that cannot be drawn is shown without its image
            log.debug("no image for %s page %d: %s", d["doc_id"], page_no, exc)
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        image.convert("L").save(target, "JPEG", quality=70)
    return "../" + rel.as_posix()


def _render(src: Path, kind: str, page_no: int):
    if kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(src))
        try:
            page = pdf[page_no - 1]
            scale = IMAGE_WIDTH / page.get_width()
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
        finally:
            pdf.close()
        return image
    from pipeline.sources.image import load_frame

    image = load_frame(src, page_no)
    image.thumbnail((IMAGE_WIDTH, IMAGE_WIDTH * 2))
    return image


def _spans(con, doc_id: str, page_no: int, text_raw: str, text_clean: str) -> list[dict]:
    """What is marked on a page: corrections, unsure words, cities, dates, amounts (clean offsets)."""
    spans = []
    corrections = con.execute(
        'SELECT start, "end", clean_start, clean_end, before, after, rule, score, coalesce(overruled, false) '
        "FROM corrections WHERE doc_id = ? AND page_no = ? ORDER BY start", [doc_id, page_no]).fetchall()
    for i, (s, e, cs, ce, before, after, rule, score, overruled) in enumerate(corrections):
        spans.append({"start": cs, "end": ce, "kind": "corr", "before": before, "after": after, "rule": rule,
                      "score": score, "overruled": overruled, "id": f"p{page_no}c{i}"})
    for name, country, s, e in con.execute(
            "SELECT name, country_code, char_start, char_end FROM cities WHERE doc_id = ? AND page_no = ?",
            [doc_id, page_no]).fetchall():
        spans.append({"start": s, "end": e, "kind": "city", "tip": f"city: {name} ({country or '?'})"})
    for start, end, s, e in con.execute(
            'SELECT start, "end", char_start, char_end FROM dates WHERE doc_id = ? AND page_no = ?',
            [doc_id, page_no]).fetchall():
        spans.append({"start": s, "end": e, "kind": "date",
                      "tip": f"date: {start}" + (f" to {end}" if end != start else "")})
    for value, currency, label, s, e in con.execute(
            "SELECT value, currency, label, char_start, char_end FROM amounts WHERE doc_id = ? AND page_no = ?",
            [doc_id, page_no]).fetchall():
        spans.append({"start": s, "end": e, "kind": "amount",
                      "tip": f"amount: {plain(value)} {currency}" + (f" ({label})" if label else "")})
    words = con.execute("SELECT text, conf FROM words WHERE doc_id = ? AND page_no = ? ORDER BY word_no",
                        [doc_id, page_no]).fetchall()
    spans += _unsure_words(words, text_raw, text_clean, corrections)
    return [s for s in spans if s["start"] is not None and 0 <= s["start"] < s["end"] <= len(text_clean)]


def _unsure_words(words, text_raw: str, text_clean: str, corrections) -> list[dict]:
    """Words Tesseract gave a low confidence, placed in the repaired text (``alignment.py``);
    a corrected word is marked as a correction instead."""
    edits = [(s, e, cs, ce) for s, e, cs, ce, *_ in corrections]
    out = []
    for text, conf, span in unsure_words(text_raw, words, LOW_CONFIDENCE):
        if any(s < span[1] and span[0] < e for s, e, _, _ in edits):
            continue
        cs, ce = to_clean(*span, edits)
        if text_clean[cs:ce] == text:
            out.append({"start": cs, "end": ce, "kind": "unsure",
                        "tip": f"OCR confidence {conf:.0f} (Tesseract was unsure of this word)"})
    return out


def _marked(text: str, spans: list[dict]) -> str:
    """The text as HTML, every character escaped, each stretch wrapped in the marks covering it."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    html, opened = [], set()
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        over = [s for s in spans if s["start"] <= a and b <= s["end"]]
        if not over:
            html.append(piece)
            continue
        classes = sorted({s["kind"] for s in over})
        attrs = ""
        corr = next((s for s in over if s["kind"] == "corr"), None)
        tips = [s["tip"] for s in over if "tip" in s]
        if corr:
            if corr["overruled"]:
                classes.append("overruled")
            attrs += f' data-c="{escape(corr["id"])}"'
            if corr["id"] not in opened:
                opened.add(corr["id"])
                attrs += f' id="{escape(corr["id"])}" tabindex="0"'
            tips.insert(0, f'read "{corr["before"]}" → "{corr["after"]}" · rule {corr["rule"]} · score '
                           f'{corr["score"]:.2f}' + (" · overruled by an archivist" if corr["overruled"] else ""))
        elif "unsure" in classes or len(tips):
            attrs += ' tabindex="0"'
        html.append(f'<span class="{" ".join(classes)}" data-tip="{escape(" | ".join(tips))}"{attrs}>{piece}</span>')
    return "".join(html)


# --- pages --------------------------------------------------------------------------------------

def _head(title: str, root: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="{root}review.css"></head>\n')


def _json_script(id_: str, data) -> str:
    """Data for the script, never markup: '<' cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{id_}">{text}</script>'


def _index_page(docs: list[dict]) -> str:
    rows = []
    for d in docs:
        problem = d["status"] != "ok" or d["needs_review"]
        cells = [
            f'<td><a href="{escape(d["page"])}">{escape(d["doc_id"])}</a></td>',
            f'<td class="{escape(d["status"])}">{escape(d["status"])}</td>',
            f'<td class="n">{d["pages"]}</td><td class="n">{d["ocr_pages"]}</td>',
            f'<td class="n">{"" if d["confidence"] is None else d["confidence"]}</td>',
            f'<td class="n">{d["corrections"]}</td><td class="n">{d["records"]}</td>',
            f'<td class="n">{d["needs_review"]}</td>',
            f'<td>{escape(d["error"] or "")}</td>',
        ]
        rows.append(f'<tr data-problem="{"1" if problem else "0"}">{"".join(cells)}</tr>')
    heads = ["Document", "Status", "Pages", "OCR pages", "Mean OCR confidence", "Corrections", "Records",
             "Records to review", "Error"]
    th = "".join(f'<th scope="col"><button type="button" class="sort" data-col="{i}">{h}</button></th>'
                 for i, h in enumerate(heads))
    return (_head("Review — documents", "") + '<body class="index"><main>'
            '<h1>Documents</h1>'
            '<p class="help">Click a column to sort; type to filter. Keys: <kbd>/</kbd> filter.</p>'
            '<p><label>Filter <input id="filter" type="search" placeholder="name, status, error…"></label> '
            '<label><input id="problems" type="checkbox"> only failures and records to review</label></p>'
            '<section class="search" aria-label="Search the text"><p><label>Search the text '
            '<input id="search" type="search" placeholder="words on a page…"></label> '
            '<span id="search-count" aria-live="polite"></span></p><ol id="hits"></ol></section>'
            f'<table id="documents"><thead><tr>{th}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            '</main><script src="search-index.js"></script><script src="review.js"></script></body></html>\n')


def _document_page(con, d: dict, site: Path, source_root, existing: dict, prev_doc, next_doc) -> str:
    doc_id = d["doc_id"]
    nav = ['<a href="../index.html" accesskey="i">All documents</a>']
    if prev_doc:
        nav.append(f'<a href="../{escape(prev_doc["page"])}" rel="prev">← {escape(prev_doc["doc_id"])}</a>')
    if next_doc:
        nav.append(f'<a href="../{escape(next_doc["page"])}" rel="next">{escape(next_doc["doc_id"])} →</a>')
    parts = [_head(f"Review — {doc_id}", "../"), '<body class="document"><nav>', " · ".join(nav), "</nav><main>",
             f"<h1>{escape(doc_id)}</h1>"]
    if d["status"] != "ok":
        parts.append(f'<p class="failed">Failed: {escape(d["error"] or "")}</p>')
    parts.append('<p class="help">Keys: <kbd>n</kbd> / <kbd>p</kbd> next / previous correction, <kbd>r</kbd> '
                 'reject the focused one. Hover or focus a mark to see what was read.</p>'
                 '<p class="legend"><span class="corr">correction</span> <span class="unsure">unsure word</span> '
                 '<span class="city">city</span> <span class="date">date</span> <span class="amount">amount</span></p>')
    corrections = []
    for page_no, text_raw, text_clean, method, conf in con.execute(
            "SELECT page_no, text_raw, text_clean, method, ocr_confidence FROM pages WHERE doc_id = ? ORDER BY page_no",
            [doc_id]).fetchall():
        spans = _spans(con, doc_id, page_no, text_raw, text_clean)
        corrections += [s | {"page": page_no} for s in spans if s["kind"] == "corr"]
        image = _page_image(source_root, d, page_no, site)
        figure = (f'<img src="{escape(image)}" alt="Page {page_no} as scanned" loading="lazy">' if image
                  else '<p class="noimage">No image: the original file is not at hand.</p>')
        about = f"{method}" + (f", mean OCR confidence {conf:.0f}" if conf is not None else "")
        parts.append(f'<section class="page" id="page-{page_no}" aria-label="Page {page_no}"><h2>Page {page_no} <small>({escape(about)})'
                     f'</small></h2><div class="side-by-side"><figure>{figure}</figure>'
                     f'<pre class="text">{_marked(text_clean, spans)}</pre></div></section>')
    parts.append(_corrections_panel(corrections))
    parts.append(_records_panel(con, doc_id))
    parts.append('<section class="save"><h2>Decisions</h2><p id="pending">No decision yet.</p>'
                 '<button type="button" id="save">Save overrides.json</button> '
                 '<span class="help">Put the saved file in the output folder: the next ingest or reprocess '
                 'honours it.</span></section>')
    parts.append('<div id="tip" role="tooltip" hidden></div>')
    parts.append(_json_script("doc-data", {"doc_id": doc_id, "existing": existing}))
    parts.append('</main><script src="../review.js"></script></body></html>\n')
    return "".join(parts)


def _corrections_panel(corrections: list[dict]) -> str:
    if not corrections:
        return '<section class="corrections"><h2>Corrections</h2><p>None on this document.</p></section>'
    items = []
    for c in corrections:
        state = " (overruled)" if c["overruled"] else ""
        items.append(
            f'<li data-c="{escape(c["id"])}" data-before="{escape(c["before"])}" data-after="{escape(c["after"])}">'
            f'<a href="#{escape(c["id"])}">page {c["page"]}</a>: <del>{escape(c["before"])}</del> → '
            f'<ins>{escape(c["after"])}</ins> <small>{escape(c["rule"])}{state}</small> '
            f'<button type="button" class="reject">Reject</button> '
            f'<button type="button" class="protect">Protect “{escape(c["before"])}”</button></li>')
    return ('<section class="corrections"><h2>Corrections</h2>'
            '<p><label>Decisions apply to <select id="scope"><option value="doc">this document</option>'
            '<option value="all">the whole collection</option></select></label></p>'
            f'<ol>{"".join(items)}</ol></section>')


def _records_panel(con, doc_id: str) -> str:
    rows = con.execute(
        "SELECT number, objet, rapporteur, vote_pour, vote_contre, vote_abstention, result, needs_review, issues, "
        "set_by_hand FROM deliberations WHERE doc_id = ? ORDER BY char_start", [doc_id]).fetchall()
    if not rows:
        return '<section class="records"><h2>Records</h2><p>No deliberation record.</p></section>'
    out = []
    for number, objet, rapporteur, pour, contre, abst, result, review, issues, by_hand in rows:
        flag = ' class="review"' if review else ""
        key = escape(number or "")

        def cell(field: str, value, kind: str = "text") -> str:
            shown = "" if value is None else str(value)
            size = ' inputmode="numeric" size="4"' if kind == "count" else ""
            return (f'<td><input class="field" data-field="{field}" value="{escape(shown)}"{size} '
                    f'aria-label="{field} of record {key}"></td>')

        out.append(
            f'<tr{flag} data-number="{key}"><td>{key}</td>{cell("objet", objet)}{cell("rapporteur", rapporteur)}'
            f'{cell("vote_pour", pour, "count")}{cell("vote_contre", contre, "count")}'
            f'{cell("vote_abstention", abst, "count")}{cell("result", result)}'
            f'<td>{escape("; ".join(issues or []))}'
            f'{escape(" (set by hand: " + ", ".join(by_hand) + ")") if by_hand else ""}</td></tr>')
    return ('<section class="records"><h2>Records</h2><p class="help">Correct a value and save: the next run keeps '
            'yours and says so (set_by_hand).</p><table><thead><tr><th>N°</th><th>Subject</th>'
            '<th>Rapporteur</th><th>For</th><th>Against</th><th>Abstentions</th><th>Result</th><th>Issues</th>'
            f'</tr></thead><tbody>{"".join(out)}</tbody></table></section>')


def _slug(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:16]
