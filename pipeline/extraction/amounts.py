"""Sums of money in French text: exact decimal value and ISO currency.

"1 700 euros", "428 100 €", "12 800,50 €", "182.330.309 euros", "1,5 M€", "273 769.28 €",
"un (1) million de dollars (US)", "mille cinq cents euros". A number without a currency
("170 villes", "52 Villes") is a count, not an amount.

Signs and every thousands separator count: "soit – 1’697€" is -1697, "+20’000 €" 20000,
"-8’355,59€" -8355.59 (a dash opening a line is a list bullet, not a sign; "60 - 400 €" is a range).
A number a table cell wrapped ("1 935 ⏎ 537,30 €") is one amount, and so is one whose digits the
text layer spaced ("5 0 000 €"). An amount that ends its line
after a few words ("Amicale sportive 1220€", "ACCA : 60€") has that row's words as its ``label``;
"Total", "soit un total de" make it the ``total`` of the lines above. Where the page's ruled
table is known, ``cells.py`` reads each amount again against its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CURRENCIES = [  # (pattern, ISO code), longest first
    (r"euros?(?![\w-])|€|eur\b", "EUR"),  # not the start of EURO-GRECE, EUROPE
    (r"dollars?\s*\(?\s*(?:US|américains?|des États-Unis)\s*\)?|dollars? US|US\s?\$|\$\s?US|USD\b", "USD"),
    (r"dollars?\s*(?:canadiens?|\(CA\))|CAD\b", "CAD"),
    (r"dollars?|\$", "USD"),
    (r"livres?\s+sterling|£|GBP\b", "GBP"),
    (r"francs?\s+suisses?|CHF\b", "CHF"),
    (r"francs?\s+CFA|FCFA\b|XOF\b", "XOF"),
    (r"francs?\b", "FRF"),
]
SCALES = {"k": Decimal(1000), "mille": Decimal(1000), "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6,
          "m": Decimal(10) ** 6, "md": Decimal(10) ** 9, "milliard": Decimal(10) ** 9, "milliards": Decimal(10) ** 9,
          "mds": Decimal(10) ** 9}
ROLE_WORDS = ["contribution", "subvention", "participation", "cotisation", "dotation", "aide", "budget", "coût",
              "montant", "dépense", "dépenses", "recette", "recettes", "prix", "loyer", "indemnité", "emprunt",
              "excédent", "déficit", "redevance", "devis", "tarif", "acompte", "avance", "financement", "crédit",
              "crédits", "capital", "provision", "remboursement", "garantie", "fonds", "frais"]
ROLE = re.compile(r"\b(?:" + "|".join(ROLE_WORDS) + r")\b")  # one word: no two of them match at one place

UNITS = {"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
         "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
         "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
         "septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
NUMBER_WORD = r"(?:" + "|".join(sorted(list(UNITS) + ["cent", "cents", "mille", "et"], key=len, reverse=True)) + r")"
WORDS = rf"{NUMBER_WORD}(?:[\s-]++{NUMBER_WORD})*+"

_CUR = "|".join(f"(?:{p})" for p, _ in CURRENCIES)
_SEP = "[ \u00a0\u202f\u2009.’']"  # thousands: spaces (plain, no-break, thin), dot, apostrophes
# "5 00 €", "5 0 000 €": a text layer that spaced a number's letters (a justified cell) leaves a
# group that no thousands grouping makes, one of one or two digits opening with 0; joined, it is
# the number (500, 50 000), where its tail alone would read 0
# The runs of digits, blanks and number words are possessive (``*+``, ``++``) or atomic
# (``(?>…)``): what may follow a number (a decimal part, a scale, a currency) never starts with a
# digit, a blank or a number word, so giving some back could never make a match, and a row of
# figures with no currency after it is given up at once instead of in every way it could be cut.
_SPACED = r"\d{1,3}+(?>(?:[ ]\d{1,3}+)*?[ ]0\d?+(?!\d))(?:[ ]\d{1,3}+)*+(?:,\d++)?+"
_NUM = rf"\d{{1,3}}+(?:{_SEP}\d{{3}})++(?:[,.]\d++)?+|\d++(?:[,.]\d++)?+|{_SPACED}"
# "1 935 ⏎ 537,30 €": the head of a number a table cell wrapped, at the end of the line above
_WRAPPED = re.compile(r"(?<![\w,.:’'])(?P<head>\d{1,3}(?:[ \u00a0\u202f]\d{3})*)[ \t]*\n[ \t]*$")
_SIGN = re.compile(r"(?P<sign>[-–−+])[ \t]?\Z")  # \Z: a dash ending the line above is no sign
_SCALE = r"(?:\s*+(?P<scale>k|K|M|Md|Mds|millions?|milliards?|mille)\b\.?)?"
# the number in words is read once, its figures in parentheses after it if they are there
_AMOUNT_SOURCE = (rf"(?<![\w,.])(?:(?P<words>{WORDS})(?:\s*+\(\s*+(?P<paren>{_NUM})\s*+\))?|(?P<num>{_NUM}))"
                  rf"{_SCALE}\s*+(?:d['’]\s?|de\s+)?(?P<cur>{_CUR})")
AMOUNT = re.compile(_AMOUNT_SOURCE, re.I)
# AMOUNT, or a run of number words that is none, taken whole, so that the search goes on after the
# run instead of trying again from each of its words: from a later word the run ends at the same
# place, before the same text, and fails the same way. Only the word a search opens on may be read
# shorter ("une" as "un"), leaving its last letters to what follows: where no letter follows the
# run, those letters ("e", "s", "ante") open no currency, scale or "de"; where one does
# ("uneuros"), the run is not taken and each of its words is tried as before. Only
# amount_matches uses it.
_SCAN = re.compile(rf"{_AMOUNT_SOURCE}|(?<![\w,.])(?P<run>{WORDS})(?![^\W\d_])", re.I)
# Every currency AMOUNT knows holds one of these: amounts are searched only shortly before one
# (REACH characters; the longest amount in words, "quatre cent quatre-vingt-dix-neuf mille neuf
# cent quatre-vingt-dix-neuf euros", is 76), so that a page of figures with no currency costs one
# scan, and a long row of figures costs at most REACH steps a figure
_CURRENCY_MARK = re.compile(r"€|\$|£|eur|dollar|livre|franc|chf|fcfa|xof|usd|cad|gbp", re.I)
REACH = 120
_CURRENCY_TAIL = 40  # characters a currency may run on after its mark ("dollars (des États-Unis)")


def amount_matches(text: str, pos: int = 0, endpos: int | None = None):
    """The matches of AMOUNT in ``text[pos:endpos]``, in order, found only near a currency mark;
    what lies before ``pos`` is still seen by the pattern's look-behind. They are ``_SCAN``'s:
    AMOUNT's groups, and a ``run`` group that is always None."""
    endpos = len(text) if endpos is None else endpos
    windows: list[list[int]] = []
    for mark in _CURRENCY_MARK.finditer(text, pos, endpos):
        start, end = max(pos, mark.start() - REACH), min(endpos, mark.end() + _CURRENCY_TAIL)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    last_end = pos
    for start, end in windows:
        for m in _SCAN.finditer(text, max(start, last_end), end):
            last_end = m.end()
            if m.group("run") is None:
                yield m


@dataclass
class Amount:
    text: str
    value: str  # exact decimal, as a string
    currency: str  # ISO 4217
    role: str | None
    char_start: int
    char_end: int
    label: str | None = None  # the row's words, when the amount ends a short line

    def to_json(self) -> dict:
        return {"text": self.text, "value": self.value, "currency": self.currency, "role": self.role,
                "label": self.label, "char_start": self.char_start, "char_end": self.char_end}


def parse_number(raw: str) -> Decimal | None:
    """French number formatting: 1 700 / 182.330.309 / 12 800,50 / 1,5 / 273 769.28 / 0.25."""
    s = re.sub(r"[ \u00a0\u202f\u2009’']", "", raw)
    if "," in s:
        s = s.replace(".", "").replace(",", ".") if s.count(",") == 1 else None
    elif s.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", s) and not re.fullmatch(r"0\.\d{3}", s):
        s = s.replace(".", "")  # dots as thousands separators
    if s is None:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_words(text: str) -> int | None:
    """French number words: "mille sept cents" -> 1700, "quatre-vingt-dix" -> 90."""
    total, current = 0, 0
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "et"]
    if not tokens:
        return None
    for i, t in enumerate(tokens):
        if t in UNITS:
            if t in ("vingt", "vingts") and current % 100 == 4:  # quatre-vingt
                current = current - 4 + 80
            else:
                current += UNITS[t]
        elif t in ("cent", "cents"):
            current = (current or 1) * 100
        elif t == "mille":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _currency(text: str) -> str:
    for pattern, code in CURRENCIES:
        if re.fullmatch(pattern, text.strip(), re.I):
            return code
    return "EUR"


TOTAL = re.compile(r"\b(?:total(?:e|es|s)?|soit\s+un\s+total|montant\s+global|au\s+total)\b[^\n]{0,40}$", re.I)


TOTAL_REACH = 200  # characters before an amount where its line's "Total" is looked for


def _role(text: str, start: int) -> str | None:
    line_start = text.rfind("\n", max(0, start - TOTAL_REACH), start) + 1
    if TOTAL.search(text, max(line_start, start - TOTAL_REACH), start):
        return "total"
    before = text[max(0, start - 100):start].lower()
    cut = max(before.rfind(". "), before.rfind("\n\n"), before.rfind(";"))
    before = before[cut + 1:] if cut >= 0 else before
    last = None
    for last in ROLE.finditer(before):  # the role word nearest the amount
        pass
    return last.group() if last else None


_RANGE_HEAD = re.compile(rf"(?:\bde|\bentre)\s++(?P<num>{_NUM})\s*+$", re.I)
_RANGE_LINK = re.compile(r"(?<!\s)\s++(?:à|et)\s++$")  # tried from the first blank of a run only


def _line_of(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1]


def _has_label(text: str, pos: int) -> bool:
    """The head of a wrapped number follows a row's words, not a label's colon ("Pour : 49")."""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    return bool(re.search(r"[^\W\d_]{2,}", before)) and not re.search(r"[:=]\s*$", before)


def _is_sign(text: str, pos: int) -> bool:
    """A dash before a number is a minus unless it opens its line (a bullet) or follows a number
    (a range: "60 - 400 €")."""
    before = text[text.rfind("\n", 0, pos) + 1:pos]
    if not before.strip():
        return False
    return not re.search(r"\d\s*$", before)


class _Row:
    """One line's amounts, read once however many amounts it holds: their spans and, at each
    position, how many word characters outside every amount come before it."""

    def __init__(self, text: str, line_start: int, line_end: int):
        self.start, self.end = line_start, line_end
        self.spans = [(m.start() + line_start, m.end() + line_start)
                      for m in amount_matches(text[line_start:line_end])]
        covered = bytearray(line_end - line_start)
        for s, e in self.spans:
            covered[s - line_start:e - line_start] = b"\x01" * (e - s)
        self.free = [0]
        for i, c in enumerate(text[line_start:line_end]):
            self.free.append(self.free[-1] + (not covered[i] and (c.isalnum() or c == "_")))

    def words_between(self, a: int, b: int) -> bool:
        """Whether text[a:b] has a word character outside the line's amounts."""
        return self.free[b - self.start] > self.free[a - self.start]


def _row(rows: dict, text: str, pos: int) -> _Row:
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start not in rows:
        line_end = text.find("\n", pos)
        rows[line_start] = _Row(text, line_start, line_end if line_end >= 0 else len(text))
    return rows[line_start]


def _label(text: str, start: int, end: int, rows: dict | None = None) -> str | None:
    """The words of the row an amount ends: "ACCA : 60€" -> ACCA. A table row — several amounts
    ("681 AFD 34 ASSOCIATION DES DIABETIQUES  F  3 000 €  3 000 €"), or a row code in front
    ("4612 ASSOCIATION DES PARCS ET JARDINS P 500 €") — gives each amount the row's words without
    its code nor a one-letter column (nature F / P / I) at either end. A letter inside the words
    stays: "SOCIETE FRANCAISE D ETUDE" is a name, not two columns. ``rows``: the lines already
    read (``_Row``), so that a row of many amounts is read once."""
    rows = {} if rows is None else rows
    row, tail = _row(rows, text, start), _row(rows, text, end)  # one line, unless a cell wrapped the number
    if tail.words_between(end, tail.end):
        return None  # words after the amount: a sentence, not a row
    cells = [(s, e) for s, e in row.spans if e <= start]  # amounts before this one on the row
    if cells and row.words_between(cells[0][0], start):
        return None
    n_cells = len(cells) + 1 + sum(1 for s, _ in tail.spans if s >= end)
    label = text[row.start:cells[0][0] if cells else start]
    label = _SIGN.sub("", label.rstrip()).strip(" \t:=-–•*.…\uf0e0")
    label = _drop_colon(label).strip()
    table = n_cells >= 2 or re.match(r"\d{1,6}[ \t]+[^\W\d_]", label) is not None
    if table:  # the row's code and one-letter columns (nature F / P / I) are not its label
        label = re.sub(r"^\d{1,6}\s+", "", label)
        label = _drop_letter_columns(label)
        label = re.sub(r"^[A-Za-z]\s+", "", label).strip()  # a column letter first: the row's words after it
    if not re.search(r"[^\W\d_]{2,}", label) or len(label.split()) > (14 if table else 6):
        return None  # a sentence, not a row
    if not table and re.search(r"[,;]", label):
        return None
    if re.search(r"(?i)\b(?:de|du|des|à|au|aux|soit|et|pour|par|le|la|les|un|une|en|sur)$", label):
        return None
    return label


def _drop_colon(label: str) -> str:
    """"ACCA :" -> "ACCA": a colon or an equals sign ending the label, with its blanks."""
    stripped = label.rstrip()
    return stripped[:-1].rstrip() if stripped.endswith((":", "=")) else label


def _drop_letter_columns(label: str) -> str:
    """"ASSOCIATION DES PARCS P" -> "ASSOCIATION DES PARCS": the one-letter columns ending a row
    (read from the end: a pattern anchored at the end would try every blank of a long row)."""
    end = len(label)
    while end >= 2 and label[end - 1].isascii() and label[end - 1].isalpha() and label[end - 2].isspace():
        end -= 1
        while end > 0 and label[end - 1].isspace():
            end -= 1
    return label[:end]


def find_amounts(text: str) -> list[Amount]:
    out, rows = [], {}
    for m in amount_matches(text):
        g = m.groupdict()
        if g["paren"]:
            value = parse_number(g["paren"])
        elif g["num"]:
            value = parse_number(g["num"])
        else:
            words = parse_words(g["words"])
            value = Decimal(words) if words is not None else None
        if value is None:
            continue
        scale = (g["scale"] or "").lower().rstrip(".")
        if scale:
            value *= SCALES.get(scale, Decimal(1))
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        start = m.start()
        if g["num"] and not scale and re.fullmatch(r"\d{3}(?:[ .\u00a0\u202f]\d{3})*(?:,\d{1,2})?", g["num"].strip()):
            wrapped = _WRAPPED.search(text, max(0, start - 40), start)
            if wrapped and _has_label(text, wrapped.start()):
                joined = parse_number(wrapped.group("head") + " " + g["num"])
                if joined is not None:
                    value, start = joined, wrapped.start()
        sign = _SIGN.search(text, max(0, start - 2), start)
        if sign and _is_sign(text, start - len(sign.group())):
            start -= len(sign.group())
            if sign.group("sign") != "+":
                value = -value
        value_str = format(value, "f")  # as written: 12 800,50 € -> "12800.50"
        out.append(Amount(text[start:m.end()].strip(), value_str, _currency(g["cur"]), _role(text, start),
                          start, m.end(), _label(text, start, m.end(), rows)))
        # "de 600 à 900 €", "entre 10 et 20 €": the first number shares the currency
        before = text[max(0, m.start() - 40):m.start()]
        link = _RANGE_LINK.search(before)
        if link and not scale:
            head = _RANGE_HEAD.search(before[:link.start()])
            first = parse_number(head.group("num")) if head else None
            if first is not None:
                s = m.start() - len(before) + head.start("num")
                out.append(Amount(head.group("num"), format(first, "f"), _currency(g["cur"]), _role(text, s),
                                  s, s + len(head.group("num"))))
    return sorted(out, key=lambda a: a.char_start)
