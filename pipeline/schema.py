"""The one declaration of every table and column the pipeline stores.

Everything else is derived from it: the DuckDB DDL and its ``COMMENT ON`` statements
(``store/db.py``), the columns each extractor fills, the Arrow schema and pandas dtypes a
researcher gets, and the reference page ``docs/tables.md`` (``python -m pipeline.schema``
writes it; a test fails when it is stale or when a column has no meaning).

A column is (name, DuckDB type, meaning, example); ``nullable=False`` where a row always has it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type: VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, DECIMAL(38,6), VARCHAR[]
    meaning: str
    example: object = None
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    meaning: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, type_, meaning, example=None, nullable=True) -> Column:
    return Column(name, type_, meaning, example, nullable)


DOC_ID = _c("doc_id", "VARCHAR", "The source file's path relative to the input folder, POSIX style.", "scans/2019/a.pdf", False)
PAGE_NO = _c("page_no", "INTEGER", "Page of the document, from 1.", 3, False)
CHAR_START = _c("char_start", "INTEGER", "Offset of the first character in `pages.text_clean` of that page.", 1204, False)
CHAR_END = _c("char_end", "INTEGER", "Offset just past the last character in `pages.text_clean` of that page.", 1231, False)
LOCATED = (DOC_ID, PAGE_NO, CHAR_START, CHAR_END)

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("documents", "One row per input file ever seen, with the outcome of its last processing.", (
        DOC_ID,
        _c("source_path", "VARCHAR", "Same as `doc_id` (kept for older queries).", "scans/2019/a.pdf", False),
        _c("sha256", "VARCHAR", "SHA-256 of the file's bytes; a file is reprocessed when it changes.", "9f86d0…"),
        _c("kind", "VARCHAR", "`pdf`, `image` (PNG, JPEG, TIFF) or `text` (already-OCR'd text).", "pdf"),
        _c("n_pages", "INTEGER", "Pages in the file.", 14),
        _c("status", "VARCHAR", "`ok`, or `failed` with `error` (the rows of its last good version are kept).", "ok", False),
        _c("error", "VARCHAR", "One-line reason a document failed.", "a.pdf: PDF is encrypted"),
        _c("processed_at", "TIMESTAMP", "When the document was last processed (UTC).", "2026-11-28 23:04:11"),
        _c("pipeline_version", "VARCHAR", "Version of pipeline that processed it.", "0.1.0"),
        _c("name", "VARCHAR", "`doc_id` without its extension: names the files under `text/` and `alto/`.", "scans/2019/a"),
        _c("size_bytes", "BIGINT", "File size when last seen.", 482113),
        _c("mtime", "DOUBLE", "File modification time when last seen, seconds since 1970-01-01 UTC.", 1732834923.5),
        _c("removed_at", "TIMESTAMP", "When a run first found the file gone (UTC); NULL while it exists.", None),
        _c("old_print", "BOOLEAN", "Declared OCR of old printed books or periodicals (`ingest --old-print`): repaired "
                                   "as their transcriptions are set, and so again by `reprocess`.", False),
    )),
    Table("pages", "One row per page: how it was read and its text before and after repair.", (
        DOC_ID, PAGE_NO,
        _c("method", "VARCHAR", "`text_layer` (read from the PDF or text file) or `ocr` (OCR'd here).", "ocr", False),
        _c("ocr_confidence", "DOUBLE", "Mean Tesseract word confidence, 0-100; OCR'd pages only.", 91.4),
        _c("width", "INTEGER", "Width of the OCR'd image in pixels, or of a text-layer PDF page in points.", 2480),
        _c("height", "INTEGER", "Height, in the same unit as `width`.", 3508),
        _c("dpi", "DOUBLE", "Resolution the page was OCR'd at (dots per inch).", 300.0),
        _c("text_raw", "VARCHAR", "The page's text as read, before repair.", "Le Consei1 adopte."),
        _c("text_clean", "VARCHAR", "The repaired text; equals `text_raw` on born-digital pages. Every `char_start` "
                                    "offset of the entity tables refers to it.", "Le Conseil adopte."),
        _c("native_dpi", "DOUBLE", "Resolution of the scan as found in the file (dots per inch).", 96.0),
        _c("rotation", "INTEGER", "Degrees the page was turned before OCR (0, 90, 180, 270).", 0),
        _c("skew", "DOUBLE", "Degrees of deskew applied before OCR (positive: counter-clockwise).", -1.2),
        _c("lines", "VARCHAR", "A text-layer page's geometry and typography as JSON: [text, x0, x1, top, bottom, bold, size] "
                               "segments in points, `bold` the share of the segment's letters in a bold face, `size` "
                               "their median size (pages stored before typography was kept have the first five "
                               "only, and only their first three pages). An OCR'd page's lines as [text, x0, x1, top, bottom, "
                               "null, null, underlined], in points on the image Tesseract read: whether a rule runs under "
                               "each (no font is known). The single-act reader finds a text layer's title block in it, "
                               "the minutes reader the lines set apart; `pipeline reprocess` reads it back.",
           '[["Objet : ...", 72.0, 300.5, 140.2, 151.0, 1.0, 11.0]]'),
        _c("geometry", "VARCHAR", "An OCR'd page's way back to the scan, as JSON: `source_size` (pixels of the page as "
                                  "scanned) and `transform` (the steps from it to the image Tesseract read: "
                                  "`pipeline/geometry.py`). The searchable PDF and the ALTO use it.",
           '{"source_size": [1240, 1754], "transform": [["rotate", 1.4, [1240, 1754], [1283, 1784]]]}'),
        _c("tables", "VARCHAR", "A text-layer page's ruled tables as JSON: rows, each a list of cell texts (a cell's "
                                "lines joined). Amounts take their value and `label` from them; `pipeline reprocess` "
                                "reads it back.", '[["244", "Consommation Logement Cadre de Vie CLCV", "500 €"]]'),
        _c("tagged", "VARCHAR", "The page's lines spaCy's tagger read for places, as JSON: `model` (its name and "
                                "version) and `lines` (each line's text -> the places tagged in it, [name, offset in "
                                "the line]). `pipeline reprocess` reuses them for the lines whose text did not "
                                "change, and loads no model when none did.",
           '{"model": "fr_core_news_sm 3.8.0", "lines": {"réunis à Montpellier le 5 avril": [["Montpellier", 10]]}}'),
    )),
    Table("words", "Tesseract's word boxes of OCR'd pages, in the pixels of the OCR'd image.", (
        DOC_ID, PAGE_NO,
        _c("word_no", "INTEGER", "Order of the word on the page, from 1.", 17, False),
        _c("text", "VARCHAR", "The word as Tesseract read it (before repair).", "Conseil"),
        _c("conf", "DOUBLE", "Tesseract's confidence in the word, 0-100.", 96.2),
        _c("left", "INTEGER", "Left edge, pixels.", 412),
        _c("top", "INTEGER", "Top edge, pixels.", 980),
        _c("width", "INTEGER", "Width, pixels.", 201),
        _c("height", "INTEGER", "Height, pixels.", 41),
        _c("block", "INTEGER", "Tesseract's block number on the page.", 3),
        _c("line", "INTEGER", "Tesseract's line number within the block.", 2),
    )),
    Table("corrections", "Every change the repair made to OCR'd text: the audit.", (
        DOC_ID, PAGE_NO,
        _c("start", "INTEGER", "Offset of the changed text in `pages.text_raw`.", 88, False),
        _c("end", "INTEGER", "Offset just past it in `pages.text_raw`.", 96, False),
        _c("before", "VARCHAR", "The text as read.", "Consei1"),
        _c("after", "VARCHAR", "The text after repair.", "Conseil"),
        _c("rule", "VARCHAR", "The damage family that made the change: `forced`, `hyphen`, `elision`, `ordinal`, "
                              "`bullet`, `long-s`, `name-collection`, `first-name`, `name-split`, `word`, `ocr-choice`, `glued` or `context` (see the README).", "word"),
        _c("score", "DOUBLE", "How sure the repair is, 0-1: 1 minus the edit cost of the chosen reading (1 for a "
                              "forced fix).", 0.82),
        _c("clean_start", "INTEGER", "Offset of the repaired text in `pages.text_clean`.", 88),
        _c("clean_end", "INTEGER", "Offset just past it in `pages.text_clean`.", 95),
        _c("overruled", "BOOLEAN", "True when an archivist rejected this change or protected the word "
                                   "(`overrides.json`): `pages.text_clean` keeps `before`.", False),
    )),
    Table("person_names", "Each first name read before a surname in capitals in a document (\"Arnaud JULIEN\"), one row per "
          "pair and document: the collection's own vocabulary of people. A first name read with the same "
          "surname in several documents repairs a misreading of it elsewhere (rule `name-collection`).", (
        DOC_ID,
        _c("surname", "VARCHAR", "The surname as printed, in capitals.", "JULIEN", False),
        _c("first_name", "VARCHAR", "The first name read before it, as read (before repair).", "Arnaud", False),
        _c("times", "INTEGER", "How often the document has this pair.", 2, False),
    )),
    Table("cities", "Places named in the text, matched to the gazetteer.", (
        *LOCATED,
        _c("name", "VARCHAR", "Canonical name from the gazetteer.", "Montpellier"),
        _c("country", "VARCHAR", "Country name, in French.", "France"),
        _c("country_code", "VARCHAR", "ISO 3166-1 alpha-2 code.", "FR"),
    )),
    Table("clusters", "Thematic clusters of a network of cities (who pilots which theme).", (
        *LOCATED,
        _c("theme", "VARCHAR", "The cluster's theme as written.", "Éducation à la citoyenneté"),
        _c("cities_count", "INTEGER", "Number of cities in the cluster.", 12),
        _c("pilots", "VARCHAR[]", "Cities piloting the cluster.", ["Mantes-la-Jolie"]),
    )),
    Table("dates", "Dates and periods the text mentions.", (
        *LOCATED,
        _c("text", "VARCHAR", "The mention as written.", "24 avril 2014"),
        _c("start", "DATE", "First day of the period.", "2014-04-24"),
        _c("end", "DATE", "Last day of the period (inclusive: a month runs to its last day).", "2014-04-24"),
        _c("precision", "VARCHAR", "`day`, `month` or `year`.", "day"),
        _c("role", "VARCHAR", "`session`, `convocation`, `reference` (\"Vu la délibération du …\"), `transmission` / "
                              "`reception` (prefecture) or `publication`; NULL when none applies.", "session"),
    )),
    Table("amounts", "Sums of money the text mentions.", (
        *LOCATED,
        _c("text", "VARCHAR", "The mention as written.", "1 935 537,30 €"),
        _c("value", "DECIMAL(38,6)", "Exact value, negative when signed so.", "1935537.30"),
        _c("currency", "VARCHAR", "ISO 4217 code.", "EUR"),
        _c("role", "VARCHAR", "What kind of sum: `total` for the sum of line items (\"Total\", \"soit un total de\"), "
                              "else the nearest word before it that says so (`subvention`, `budget`, `coût`, `tarif` …), "
                              "or NULL.", "subvention"),
        _c("label", "VARCHAR", "What the amount is for, when a table row or list line names it (the association, "
                               "the budget line).", "Amicale sportive"),
    )),
    Table("deliberations", "One row per decision of the council: a single act, or an item of a session report "
                           "or of minutes. Fields follow the SCDL deliberations schema where it has one.", (
        DOC_ID, PAGE_NO,
        _c("collectivite", "VARCHAR", "The council's authority, from the document's header or stamp.", "Ville de Montpellier"),
        _c("session_date", "DATE", "Date of the council session.", "2014-04-24"),
        _c("number", "VARCHAR", "The deliberation's or item's number as printed, without `n°`.", "2014/139"),
        _c("actes_id", "VARCHAR", "Identifier of the prefecture's ACTES receipt.", "034-213401722-20140424-0000071251-DE"),
        _c("objet", "VARCHAR", "The subject, on one line.", "Modalités et conditions de remboursement des frais de déplacement"),
        _c("rapporteur", "VARCHAR", "Who presented it.", "Max LEVITA"),
        _c("prefecture_sent", "DATE", "Date sent to the prefecture.", "2014-04-28"),
        _c("prefecture_received", "DATE", "Date the prefecture received it.", "2014-04-28"),
        _c("vote_pour", "INTEGER", "Votes for, when the document counts them.", 45),
        _c("vote_contre", "INTEGER", "Votes against.", 11),
        _c("vote_abstention", "INTEGER", "Abstentions.", 2),
        _c("result", "VARCHAR", "`adopté`, `rejeté`, `retiré` or `ajourné`, with `à l'unanimité` or `à la majorité` "
                                "when the text says so.", "adopté à l'unanimité"),
        _c("signatory", "VARCHAR", "Who signed the act.", "Philippe SAUREL"),
        CHAR_START, CHAR_END,
        _c("layout", "VARCHAR", "The reader that found the record: `single_act` (one deliberation per file), "
                                "`session_report` (numbered items with their votes), `minutes` (items in prose, "
                                "votes in words; or any commune's minutes read by their structure) or `list` "
                                "(a published list of deliberations: subjects, no votes).", "session_report"),
        _c("confidence", "DOUBLE", "0-1: how sure the reader is of the record as a whole (1 minus the weight of the "
                                   "checks it failed).", 0.95),
        _c("needs_review", "BOOLEAN", "True when a check failed that makes a value doubtful: read `issues`.", False),
        _c("issues", "VARCHAR[]", "The checks the record failed, in words.", ["no subject"]),
        _c("set_by_hand", "VARCHAR[]", "The fields an archivist set by hand (`overrides.json`): their values are "
                                       "the archivist's, kept by every later run.", ["objet"]),
    )),
)}


def ddl(table: str) -> str:
    """The column list of ``CREATE TABLE``."""
    return ", ".join(f'"{c.name}" {c.type}' + ("" if c.nullable else " NOT NULL") for c in TABLES[table].columns)


def comments(table: str) -> list[str]:
    """``COMMENT ON`` statements: the meanings travel with the database."""
    t = TABLES[table]
    out = [f"COMMENT ON TABLE {t.name} IS {_sql_str(t.meaning)}"]
    out += [f'COMMENT ON COLUMN {t.name}."{c.name}" IS {_sql_str(c.meaning)}' for c in t.columns]
    return out


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def entity_columns(table: str) -> list[str]:
    """The columns an extractor fills: all but the document, page and offsets."""
    return [n for n in TABLES[table].names if n not in ("doc_id", "page_no", "char_start", "char_end")]


def arrow_schema(table: str):
    """The Arrow schema of a table: exact decimals, real dates, nullable integers, lists as lists."""
    import pyarrow as pa

    def arrow_type(t: str):
        if t.endswith("[]"):
            return pa.list_(arrow_type(t[:-2]))
        if t.startswith("DECIMAL"):
            p, s = (int(x) for x in t[t.index("(") + 1:-1].split(","))
            return pa.decimal128(p, s)
        return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
                "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us")}[t]

    return pa.schema([pa.field(c.name, arrow_type(c.type), nullable=c.nullable) for c in TABLES[table].columns])


def markdown() -> str:
    """The reference page ``docs/tables.md``."""
    lines = ["# Tables", "",
             "Generated from `pipeline/schema.py` by `python -m pipeline.schema`; do not edit by hand.",
             "Each table is in `OUT_DIR/pipeline.duckdb` (with these meanings as `COMMENT ON`) and in "
             "`OUT_DIR/tables/<table>.parquet`.", ""]
    for t in TABLES.values():
        lines += [f"## `{t.name}`", "", t.meaning, "", "| column | type | null | meaning | example |", "|---|---|---|---|---|"]
        for c in t.columns:
            example = "" if c.example is None else f"`{c.example}`"
            lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {c.meaning} | {example} |")
        lines.append("")
    return "\n".join(lines)


DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "tables.md"

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown(), encoding="utf-8")
    print(f"wrote {target}")
