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


def _rules(page) -> tuple[list[float], list[float]]:
    """x of the vertical rules and y of the horizontal ones, in points."""
    xs, ys, tops, bottoms = set(), set(), [], []
    for obj in list(page.rects) + list(page.lines):
        if not _dark(obj):
            continue
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if w <= THIN and h >= LONG:
            xs.add(round((obj["x0"] + obj["x1"]) / 2))
            tops.append(obj["top"])
            bottoms.append(obj["bottom"])
        elif h <= THIN and w >= LONG:
            ys.add(round((obj["top"] + obj["bottom"]) / 2))
    if len(xs) < MIN_COLUMNS:
        return [], []
    ys.update((round(min(tops)), round(max(bottoms))))
    return sorted(xs), sorted(ys)


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one line: "PAS-DU- ⏎ LOUP" -> "PAS-DU-LOUP", "Petit Bard - ⏎ Pergola" stays
    spaced."""
    if not cell:
        return ""
    text = re.sub(r"(?<=[^\W\d_])-\s*\n\s*(?=[^\W\d_])", "-", cell.strip())
    return " ".join(text.split())


def ruled_rows(page) -> list[list[str]] | None:
    """The rows of the page's ruled tables, top to bottom, as lists of cell texts; None when the
    page draws no table."""
    xs, ys = _rules(page)
    if not xs or len(ys) < 2:
        return None
    tables = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                               "explicit_vertical_lines": xs, "explicit_horizontal_lines": ys})
    rows = [[_cell_text(c) for c in row] for table in sorted(tables, key=lambda t: t.bbox[1])
            for row in table.extract(x_tolerance=1.5, y_tolerance=3)]
    rows = [r for r in rows if any(r)]
    return rows or None
