"""Amounts read again against the cells of the page's ruled tables (``sources/tables.py``).

The text finder sees a table row as one run of words: "244 ZUS Cévennes 500 €" is fine, but
"Petit Bard - ⏎ 244 500 €" (a code cell, then the amount cell) reads as 244 500 €, and a label
over four lines of its cell is cut in pieces. Where the page's rows are known, each amount the
text gives is matched, in reading order, with the amount cell of a row:

- same value: the amount takes the row's label, the first cell with words in it
  ("Consommation Logement Cadre de Vie de Montpellier CLCV"), not the row's code nor a
  one-letter column (nature F / P);
- the cell is the tail of the amount the text read ("500 €" of "244 500 €"): the words in front
  belonged to another cell, and the amount is the cell's;
- the amount the text read is the tail of the cell ("537,30 €" of a cell "1 935 ⏎ 537,30 €" whose
  lines other cells came between): the number's head wrapped, and the value is the cell's.

An amount with no cell of its value nearby keeps what the text gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.extraction.amounts import AMOUNT, Amount, parse_number

LOOK_AHEAD = 6  # cells an amount may skip to find its own (cells the text finder missed)


@dataclass
class Cell:
    value: Decimal
    label: str | None
    digits: str = ""  # the cell's number, digits only


def amount_cells(rows: list[list[str]]) -> list[Cell]:
    """The cells that hold an amount and nothing else, row by row, left to right."""
    out = []
    for row in rows:
        for i, cell in enumerate(row):
            m = AMOUNT.fullmatch(cell.strip())
            if not m or not m.group("num"):
                continue
            value = parse_number(m.group("num"))
            if value is None:
                continue
            if re.match(r"\s*[-–−]", cell):
                value = -value
            out.append(Cell(value, _label(row[:i]), re.sub(r"\D", "", m.group("num"))))
    return out


def _label(cells: list[str]) -> str | None:
    for cell in cells:
        if re.search(r"[^\W\d_]{2,}", cell) and AMOUNT.fullmatch(cell.strip()) is None:
            return cell
    return None


def read_against(amounts: list[Amount], rows: list[list[str]], text: str) -> list[Amount]:
    """``amounts`` of one page (in reading order) with values and labels from its rows."""
    cells = amount_cells(rows)
    j = 0
    for a in amounts:
        for k in range(j, min(j + LOOK_AHEAD, len(cells))):
            cell = cells[k]
            if Decimal(a.value) == cell.value or _take_tail(a, cell, text) or _take_head(a, cell):
                if cell.label:
                    a.label = cell.label
                j = k + 1
                break
    return amounts


def _take_tail(a: Amount, cell: Cell, text: str) -> bool:
    """When the amount's text ends with the cell's amount, cut the amount down to that tail."""
    for m in re.finditer(r"\s+", a.text):
        tail = a.text[m.end():]
        found = AMOUNT.fullmatch(tail)
        if found and found.group("num") and parse_number(found.group("num")) == abs(cell.value):
            shift = text.find(tail, a.char_start)
            if shift < 0 or shift >= a.char_end:
                return False
            a.char_start, a.text, a.value = shift, tail, format(cell.value, "f")
            return True
    return False


def _take_head(a: Amount, cell: Cell) -> bool:
    """When the cell's number ends with the one the text read, and is longer, the text lost its
    head to a wrap: the value is the cell's."""
    if not cell.digits or Decimal(a.value) < 0 or cell.value < 0:
        return False
    mine = re.sub(r"\D", "", a.text)
    if mine and len(cell.digits) > len(mine) and cell.digits.endswith(mine):
        a.value = format(cell.value, "f")
        return True
    return False
