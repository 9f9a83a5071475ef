"""What an archivist decided against the software, kept in ``OUT_DIR/overrides.json`` and
honoured by every later ``ingest`` and ``reprocess``.

    {
      "reject":  [{"before": "sarl", "after": "sari"},                    a correction, everywhere
                  {"before": "Melba", "after": "Mella", "doc_id": "CR.pdf"}],   … or in one document
      "protect": [{"word": "GDV"}, {"word": "Paticts", "doc_id": "CR.pdf"}],  never corrected
      "records": [{"doc_id": "CR.pdf", "number": "12", "field": "objet",
                   "value": "Avenant n°2", "by": "J. Martin"}]               a record field set by hand
    }                                         ("number": null: the document's only record)

A rejected or protected correction is undone in the repaired text and stays in the
``corrections`` table with ``overruled`` set, so the audit still shows what the software proposed.
A field set by hand replaces the extracted value; the record lists it in ``set_by_hand``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.record import Document

FILE = "overrides.json"
RECORD_FIELDS = ("objet", "number", "rapporteur", "session_date", "vote_pour", "vote_contre", "vote_abstention",
                 "result", "collectivite", "actes_id", "signatory", "prefecture_sent", "prefecture_received")


@dataclass(frozen=True)
class Overrides:
    reject: tuple[dict, ...] = ()
    protect: tuple[dict, ...] = ()
    records: tuple[dict, ...] = ()
    source: str | None = None  # the file they were read from

    def __bool__(self) -> bool:
        return bool(self.reject or self.protect or self.records)

    def overrules(self, doc_id: str, before: str, after: str) -> bool:
        """Whether an archivist rejected this change, or protected the word it changes."""
        for r in self.reject:
            if r["before"] == before and r["after"] == after and r.get("doc_id") in (None, doc_id):
                return True
        return any(p["word"] == before and p.get("doc_id") in (None, doc_id) for p in self.protect)

    def fields_for(self, doc_id: str) -> list[dict]:
        return [r for r in self.records if r["doc_id"] == doc_id]


NONE = Overrides()


def load(path: Path | None) -> Overrides:
    """The overrides in ``path`` (nothing if it does not exist). A file that cannot be read as
    overrides stops the run before anything is written: exit 2, one line saying why."""
    if path is None or not Path(path).exists():
        return NONE
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the overrides ({' '.join(str(exc).split())})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: overrides must be a JSON object with reject, protect and records lists")

    def entries(key: str, required: tuple[str, ...]) -> tuple[dict, ...]:
        items = data.get(key, [])
        if not isinstance(items, list):
            raise UsageError(f"{path}: '{key}' must be a list")
        for i, item in enumerate(items):
            missing = [k for k in required if not isinstance(item, dict) or not isinstance(item.get(k), str)]
            if missing:
                raise UsageError(f"{path}: {key}[{i}] needs {', '.join(missing)} (text)")
        return tuple(items)

    records = entries("records", ("doc_id", "field"))
    for i, r in enumerate(records):
        if not isinstance(r.get("number"), (str, type(None))):
            raise UsageError(f"{path}: records[{i}]: number must be text, or null for a document's only record")
        if r["field"] not in RECORD_FIELDS:
            raise UsageError(f"{path}: records[{i}]: '{r['field']}' is not a record field ({', '.join(RECORD_FIELDS)})")
    reject, protect = entries("reject", ("before", "after")), entries("protect", ("word",))
    return Overrides(reject, protect, records, str(path))


def apply_to_text(doc: Document, ov: Overrides) -> None:
    """Undo the corrections an archivist overruled, page by page, from the end of the page so
    that the offsets of the others stay valid; the corrections after an undone one move with it."""
    if not ov:
        return
    by_page: dict[int, list] = {}
    for c in doc.corrections:
        by_page.setdefault(c.page, []).append(c)
    for page in doc.pages:
        cs = sorted(by_page.get(page.page_no, []), key=lambda c: c.clean_start)
        undo = [c for c in cs if ov.overrules(doc.doc_id, c.before, c.after)]
        if not undo or page.text_clean is None:
            continue
        text = page.text_clean
        for c in reversed(undo):
            if text[c.clean_start:c.clean_end] != c.after:
                continue  # the text no longer holds the change where it says (should not happen)
            text = text[:c.clean_start] + c.before + text[c.clean_end:]
            shift = len(c.before) - len(c.after)
            for other in cs:
                if other.clean_start >= c.clean_end and other is not c:
                    other.clean_start += shift
                    other.clean_end += shift
            c.clean_end = c.clean_start + len(c.before)
            c.overruled = True
        page.text_clean = text


def apply_to_records(doc: Document, ov: Overrides) -> list[str]:
    """Put the values set by hand into the document's records; returns what could not be placed
    (a record number the extraction no longer finds), in words."""
    missing = []
    rows = doc.entities.get("deliberations") or []
    for r in ov.fields_for(doc.doc_id):
        if r.get("number") is None:
            targets = rows if len(rows) == 1 else []
        else:
            targets = [row for row in rows if row.get("number") == r["number"]]
        if not targets:
            which = f"numbered {r['number']}" if r.get("number") else "alone in the document"
            missing.append(f"{doc.doc_id}: no record {which} for the value set by hand in {r['field']}")
            continue
        value = r.get("value")
        value = None if value is None or str(value).strip() == "" else value
        if r["field"].startswith("vote_") and value is not None:
            try:
                value = int(str(value).strip())
            except ValueError:
                missing.append(f"{doc.doc_id}: {r['field']} of record {r.get('number')} set by hand is not a count: {value!r}")
                continue
        for row in targets:
            row[r["field"]] = value
            row["set_by_hand"] = sorted({*(row.get("set_by_hand") or []), r["field"]})
            row["issues"] = [i for i in (row.get("issues") or []) if r["field"] not in i]
            row["needs_review"] = bool(row["issues"])
    return missing
