"""Exports of an output folder: the SCDL open-data format for deliberations, and every table as
CSV, Parquet, JSON or Excel (current rows: documents still in the archive).

SCDL Délibérations (``scdl-deliberations.schema.json``, a Table Schema): one row per deliberation,
every column in the schema's order, ``YYYY-MM-DD`` dates, empty where unknown. What the documents
do not say — the authority's SIRET, the ACTES subject code and name, the prefecture's id, a link —
comes from options or a small JSON file:

    {"siret": "21340172200017", "collectivite": "Ville de Montpellier",
     "matiere": {"default": ["5.2", "institutions et vie politique/fonctionnement des assemblees"],
                 "2014/155": ["4.1", "fonction publique/personnel titulaires et stagiaires de la fpt"]},
     "pref_id": "PREF034", "url": "https://example.org/deliberations/{doc_id}"}

Nothing is invented: a required value still missing leaves its cell empty and is listed.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import schema
from pipeline.errors import UsageError
from pipeline.store import atomic

SCDL_SCHEMA = Path(__file__).with_name("scdl-deliberations.schema.json")
FORMATS = ("csv", "parquet", "json", "xlsx")
EXCEL_CELL = 32767  # characters Excel holds in one cell
EXCEL_ROWS = 1_048_575  # rows below the header


@dataclass
class ScdlReport:
    rows: int = 0
    missing: dict = field(default_factory=dict)  # required column -> rows left empty

    def lines(self) -> list[str]:
        hints = {"COLL_SIRET": "give --siret", "DELIB_MATIERE_CODE": "give --matiere-code or a config file",
                 "DELIB_MATIERE_NOM": "give --matiere-nom or a config file", "COLL_NOM": "give --collectivite",
                 "DELIB_ID": "the document prints no number", "DELIB_DATE": "no session date found",
                 "DELIB_OBJET": "no subject found"}
        return [f"missing required {col} in {n} of {self.rows} rows ({hints.get(col, 'no value')})"
                for col, n in self.missing.items()]


def scdl_fields() -> list[dict]:
    return json.loads(SCDL_SCHEMA.read_text(encoding="utf-8"))["fields"]


def load_config(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the SCDL config ({exc})") from None


def scdl(con, target: Path, config: dict) -> ScdlReport:
    """Write the SCDL CSV of the current deliberations to ``target``."""
    names = [f["name"] for f in scdl_fields()]
    required = [f["name"] for f in scdl_fields() if f.get("constraints", {}).get("required")]
    rows = con.execute(
        "SELECT doc_id, collectivite, number, session_date, objet, prefecture_received, vote_pour, vote_contre, "
        "vote_abstention FROM current.deliberations ORDER BY session_date NULLS LAST, doc_id, char_start").fetchall()
    matiere = config.get("matiere") or {}
    report = ScdlReport(rows=len(rows))
    out = []
    for doc_id, coll, number, date, objet, pref_date, pour, contre, abst in rows:
        code, name = matiere.get(number or "", matiere.get(doc_id, matiere.get("default", (None, None))))
        row = {
            "COLL_NOM": config.get("collectivite") or coll, "COLL_SIRET": config.get("siret"), "DELIB_ID": number,
            "DELIB_DATE": date.isoformat() if date else None, "DELIB_MATIERE_CODE": code,
            "DELIB_MATIERE_NOM": name, "DELIB_OBJET": objet, "BUDGET_ANNEE": None, "BUDGET_NOM": None,
            "PREF_ID": config.get("pref_id"), "PREF_DATE": pref_date.isoformat() if pref_date else None,
            "VOTE_EFFECTIF": None, "VOTE_REEL": None, "VOTE_POUR": pour, "VOTE_CONTRE": contre,
            "VOTE_ABSTENTION": abst, "DELIB_URL": config["url"].format(doc_id=doc_id) if config.get("url") else None,
        }
        for col in required:
            if row[col] in (None, ""):
                report.missing[col] = report.missing.get(col, 0) + 1
        out.append(["" if row[n] is None else row[n] for n in names])
    tmp = atomic.temporary(target)
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        w.writerows(out)
    atomic.commit(tmp, target)
    return report


def tables(con, folder: Path, fmt: str) -> list[str]:
    """Every table's current rows into ``folder/<table>.<fmt>``; returns warnings (Excel limits)."""
    from pipeline.store.frames import frame

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    warnings = []
    for name in schema.TABLES:
        target = folder / f"{name}.{fmt}"
        tmp = atomic.temporary(target)
        rel = con.sql(f"SELECT * FROM current.{name}")
        if fmt == "parquet":
            rel.write_parquet(tmp.as_posix())
        elif fmt == "csv":
            _csv(rel, tmp)
        elif fmt == "json":
            cols = rel.columns
            tmp.write_text(json.dumps([{c: plain(v) for c, v in zip(cols, r)} for r in rel.fetchall()],
                                      ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            warnings += _xlsx(frame(rel.to_arrow_table()), tmp, name)
        atomic.commit(tmp, target)
    return warnings


def _csv(rel, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(rel.columns)
        for row in rel.fetchall():
            w.writerow(["" if v is None else json.dumps(plain(v), ensure_ascii=False) if isinstance(v, list)
                        else plain(v) for v in row])


def _xlsx(df, path: Path, name: str) -> list[str]:
    warnings = []
    if len(df) > EXCEL_ROWS:
        warnings.append(f"{name}: {len(df)} rows, Excel holds {EXCEL_ROWS}; the first {EXCEL_ROWS} are written")
        df = df.head(EXCEL_ROWS)
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
            values = df[col].map(lambda v: ", ".join(map(str, v)) if isinstance(v, list) else v)
            long = values.map(lambda v: isinstance(v, str) and len(v) > EXCEL_CELL)
            if long.any():
                warnings.append(f"{name}.{col}: {int(long.sum())} cells longer than Excel's {EXCEL_CELL} "
                                f"characters are cut (use --format parquet or csv for the whole text)")
                values = values.map(lambda v: v[:EXCEL_CELL] if isinstance(v, str) else v)
            df[col] = values
        elif str(df[col].dtype).startswith("decimal"):
            df[col] = df[col].map(lambda v: None if v is None or v != v else float(v))
    df.to_excel(path, sheet_name=name[:31], index=False, engine="openpyxl")
    return warnings


def plain(value):
    """JSON- and CSV-friendly values: ISO dates, exact decimals as strings, lists kept."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):  # exact: 1700, 12800.50, 0.25
        if value == value.to_integral_value():
            return format(value.quantize(Decimal(1)), "f")
        text = format(value, "f").rstrip("0")
        return text + "0" * max(0, 2 - len(text.split(".")[1]))
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
