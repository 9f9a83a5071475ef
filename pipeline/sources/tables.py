"""Ruled tables of a text-layer page: the rows a reader sees, each cell's lines joined.

A text layer read line by line interleaves the cells of a table whose cells wrap: a subsidy row

    | 244 | Consommation Logement  | Accompagnement des    | ZUS Cévennes | 500 € |
    |     | Cadre de Vie de ...    | habitants de Cévennes |              |       |

comes out as "Logement Cadre de Accompagnement des habitants de ⏎ 244 ZUS Cévennes 500 €", where
the code and the amount look like one number (244 500 €) and the association's name is cut in
pieces. Born-digital tables draw their rules as thin dark rectangles or lines; pdfplumber finds
the cells between the rules we hand it. Only dark rules count: many generators also paint a
white rectangle behind every line of text, and those would cut a cell into its lines.

A table that runs on from the page before has no rule above its first row: the top and bottom
of the column rules close it.
"""

from __future__ import annotations

import re

THIN = 2.0  # points: a rule is at most this thick ...
LONG = 5.0  # ... and at least this long
MIN_COLUMNS = 3  # vertical rules: fewer is a frame or a box, not a table


def _dark(obj: dict) -> bool:
    colour = obj.get("non_stroking_color") if obj.get("fill") else obj.get("stroking_color")
    if isinstance(colour, (list, tuple)):
        if len(colour) == 1:
            colour = colour[0]
        elif len(colour) == 3:
            colour = sum(colour) / 3
        elif len(colour) == 4:  # CMYK: the black channel
            colour = 1 - colour[3]
        else:
            return False
    return isinstance(colour, (int, float)) and colour < 0.5


def _rules(page) -> tuple[list[dict], list[int]]:
    """The page's vertical rules (pdfplumber objects, so that a cell spanning columns stays one)
    and the y of its horizontal ones (lines across the page: a row's rule is sometimes drawn in
    pieces). A vertical line that crosses a word is a frame or a decoration over the text, not a
    column rule."""
    verticals: list[dict] = []
    horizontals: set[int] = set()
    for obj in list(page.rects) + list(page.lines):
        if not _dark(obj):
            continue
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if w <= THIN and h >= LONG:
            verticals.append(obj)
        elif h <= THIN and w >= LONG:
            horizontals.add(round((obj["top"] + obj["bottom"]) / 2))
    if len({round((v["x0"] + v["x1"]) / 2) for v in verticals}) < MIN_COLUMNS:
        return [], []  # most pages stop here, before their words are looked at
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3)
    verticals = [v for v in verticals if not any(
        w["x0"] + 1 < (v["x0"] + v["x1"]) / 2 < w["x1"] - 1 and w["top"] < v["bottom"] and v["top"] < w["bottom"]
        for w in words)]
    if len({round((v["x0"] + v["x1"]) / 2) for v in verticals}) < MIN_COLUMNS:
        return [], []
    # a table running on from the page before (or over the next) is closed where its columns end
    horizontals.update((round(min(v["top"] for v in verticals)), round(max(v["bottom"] for v in verticals))))
    return verticals, sorted(horizontals)


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one line: "à l'auto- ⏎ rehabilitation" -> "à l'auto-rehabilitation", "Petit
    Bard - ⏎ Pergola" stays spaced."""
    if not cell:
        return ""
    text = re.sub(r"(?<=[^\W\d_])-\s*\n\s*(?=[^\W\d_])", "-", cell.strip())
    return " ".join(text.split())


def ruled_rows(page) -> list[list[str]] | None:
    """The rows of the page's ruled tables, top to bottom, as lists of cell texts; None when the
    page draws no table."""
    verticals, horizontals = _rules(page)
    if not verticals:
        return None
    tables = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                               "explicit_vertical_lines": verticals, "explicit_horizontal_lines": horizontals})
    rows = [[_cell_text(c) for c in row] for table in sorted(tables, key=lambda t: t.bbox[1])
            for row in table.extract(x_tolerance=1.5, y_tolerance=3)]
    rows = [r for r in rows if any(r)]
    return rows or None
