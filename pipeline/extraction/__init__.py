"""Extraction from repaired text: cities, clusters, dates, amounts, deliberation records.

``extract_text`` works on any text (pages separated by form feeds); ``extract_document``
fills a ``Document`` for storage, each entity located by page and characters of
``text_clean``.
"""

from __future__ import annotations

import bisect

from pipeline.alignment import page_edits, unsure_digits
from pipeline.extraction.amounts import find_amounts
from pipeline.extraction.cells import read_against
from pipeline.extraction.clusters import find_clusters
from pipeline.extraction.dates import find_dates
from pipeline.extraction.places import find_cities
from pipeline.extraction.layout import set_apart, title_above, underlines_only
from pipeline.record import Segment
from pipeline.extraction.records import find_deliberations
from pipeline.extraction.records.common import collectivite
from pipeline.extraction.records.single_act import RAPPORTE
from pipeline.record import OCR, Document

__all__ = ["extract_text", "extract_document"]

# the spaces word processors put where a line must not break (before ":", inside "12 000", between
# every word of some exports): to the finders, a space like any other; so is the space of a symbol
# font, which a text layer gives in the private-use area (U+F020: the font's own code plus F000),
# and its minus is a dash ("\uf02d Madame X à Monsieur Y", a list of proxies; "Restauration scolaire
# ⏎ \uf02d Tarification 2019/2020", a part of a title). The font's other glyphs stay as they are: the
# same codes are bullets in one font and arrows in another. One character for one, so that every
# offset into the text stays valid
SYMBOL_GLYPHS = {"\uf020": " ", "\uf02d": "-"}
SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a"} | SYMBOL_GLYPHS)


def extract_text(text: str, use_ner: bool = True, layout: list | None = None, tables: list | None = None,
                 unsure: list[tuple[int, int]] | None = None) -> dict:
    """Everything found in ``text``, as the JSON of ``pipeline extract``. ``layout``, when the
    pages' geometry is known: per page, its segments [text, x0, x1, top, bottom, bold, size] and
    width, or None (see ``layout.py``; a scan's lines [text, x0, x1, top, bottom, None, None,
    underlined] say only which are underlined). ``tables``:
    per page, the rows of its ruled tables or None (see ``sources/tables.py``). ``unsure``: spans
    of ``text`` holding digits OCR was unsure of (``alignment.py``), which make a record's
    vote count doubtful."""
    text = text.translate(SPACES)
    dates = find_dates(text)
    starts = _page_starts(text)

    def page_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    amounts = find_amounts(text)
    for page_no, rows in enumerate(tables or [], start=1):  # amounts against their cells (cells.py)
        if rows:
            read_against([a for a in amounts if page_of(a.char_start) == page_no], rows, text)

    def title_lines(pos: int) -> str | None:
        page = layout[page_of(pos) - 1] if layout and page_of(pos) <= len(layout) else None
        if not page:
            return None
        segments = [Segment(*s) for s in page[0]]
        return None if underlines_only(segments) else title_above(segments, page[1], RAPPORTE)  # a text layer's block

    # per page, the lines its typography sets apart ({} where it is not known)
    typography = set_apart([[Segment(*s) for s in page[0]] if page else None for page in layout]) if layout else None
    council = collectivite(text)
    own = council.split(" de ", 1)[1] if council else None
    return {
        "cities": [c.to_json() | {"page_no": page_of(c.char_start)}
                   for c in find_cities(text, use_ner=use_ner, own=own)],
        "clusters": [c.to_json() | {"page_no": page_of(c.char_start)} for c in find_clusters(text)],
        "dates": [d.to_json() | {"page_no": page_of(d.char_start)} for d in dates],
        "amounts": [a.to_json() | {"page_no": page_of(a.char_start)} for a in amounts],
        "deliberations": [d.to_json() | {"page_no": page_of(d.char_start)} for d in find_deliberations(text, dates, title_lines if layout else None, unsure, typography)],
    }


def _page_starts(text: str) -> list[int]:
    starts, pos = [0], 0
    while True:
        pos = text.find("\f", pos)
        if pos < 0:
            return starts
        pos += 1
        starts.append(pos)


def extract_document(doc: Document) -> Document:
    """``doc.entities``: table name -> rows, offsets relative to each page's ``text_clean``."""
    text = doc.text_clean
    layout = [(p.lines, p.width) if p.lines else None for p in doc.pages]
    tables = [p.tables for p in doc.pages]
    starts = _page_starts(text)
    unsure = []  # digits OCR was unsure of, in the repaired text
    for page, base in zip(doc.pages, starts):
        if page.method == OCR and page.words:
            edits = page_edits(doc.corrections, page.page_no)
            unsure += [(base + s, base + e) for s, e in unsure_digits(page.text_raw, page.words, edits)]
    found = extract_text(text, layout=layout if any(layout) else None, tables=tables if any(tables) else None,
                         unsure=unsure or None)
    rows: dict[str, list[dict]] = {}
    for table, items in found.items():  # offsets in the whole text -> in the page's text
        rows[table] = [item | {"char_start": item["char_start"] - starts[item["page_no"] - 1],
                               "char_end": item["char_end"] - starts[item["page_no"] - 1]} for item in items]
    doc.entities = rows
    return doc
