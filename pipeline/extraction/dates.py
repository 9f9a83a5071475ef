"""French dates in every form council minutes use, normalised to an inclusive ISO range.

"25 Mars 2019", "1er avril 2011", "le jeudi 24 avril 2014 à 18h00", "du 1 au 3 octobre 2019",
"du 1er janvier au 31 mars 2019", "janvier 2017", "2019-2021", "08/04/2014", "l'année 2019", and the
dates registers write in words: "L'an deux mille treize, le neuf juillet", "le vingt-six janvier deux
mil seize" (the formula "L'an …, le …" opens a session's minutes: it is the session's date).
Each date gets a precision (day, month, year) and, where the text says it, a role: session,
convocation, reference ("Vu la délibération du …"), transmission / reception (prefecture),
publication.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from pipeline.extraction.amounts import NUMBER_WORD, parse_words

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
WEEKDAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))  # an alternation, the longest names first
_M = r"(?P<{0}>" + MONTH_NAMES + r")\.?"
DAY = r"(?P<{0}>[0-3]?\d)(?:er|ᵉʳ|e)?"
YEAR = r"(?P<{0}>1[89]\d\d|20\d\d|21\d\d)"
TIME = r"(?:\s+(?:à|a)\s+\d{1,2}\s?[hH]\s?(?:\d{2})?)?"
# a year in words ("deux mille vingt et un", "deux mil onze", "mil neuf cent quatre-vingt-dix")
# and a day in words or digits ("neuf", "vingt-huit", "premier", "1er")
YEAR_WORDS = rf"(?P<{{0}}>(?:deux[\s-]+mil(?:le)?|mil(?:le)?[\s-]+neuf[\s-]+cents?)(?:[\s-]+{NUMBER_WORD})*+)(?![\w-])"
DAY_WORDS = rf"(?P<{{0}}>premier|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD}){{{{0,2}}}}+|[0-3]?\d)(?:er|ᵉʳ|e)?(?![\w-])"
OF_MONTH = r"\s+(?:du\s+mois\s+)?(?:de\s+|d['’]\s?)?"  # "le vingt-huit du mois de janvier"
# what follows the year of the formula "L'an …": ", le neuf juillet", " et le 5 décembre" (possessive: linear on runs of blanks)
AN_DAY = (r"(?:\s*+,\s++|\s++)(?:et\s+)?(?:le\s+)?(?:" + WEEKDAYS + r"\s+)?" + DAY_WORDS.format("dw") + OF_MONTH
          + _M.format("m2"))

PATTERNS = [
    # du 1er janvier 2019 au 31 mars 2020 / du 1er janvier au 31 mars 2019
    ("range", re.compile(
        r"\b(?:du|depuis le)\s+" + DAY.format("d1") + r"\s+" + _M.format("m1") + r"(?:\s+" + YEAR.format("y1") + r")?"
        r"\s+(?:au|jusqu['’]au)\s+" + DAY.format("d2") + r"\s+" + _M.format("m2") + r"\s+" + YEAR.format("y2") + r"\b",
        re.I)),
    # du 1 au 3 octobre 2019
    ("range", re.compile(
        r"\b(?:du|des)\s+" + DAY.format("d1") + r"\s+(?:au|et)\s+" + DAY.format("d2") + r"\s+" + _M.format("m2")
        + r"\s+" + YEAR.format("y2") + r"\b", re.I)),
    # (le) jeudi 24 avril 2014 (à 18h00)
    ("day", re.compile(r"\b(?:" + WEEKDAYS + r"\s+)?" + DAY.format("d2") + r"\s+" + _M.format("m2") + r"\s+"
                       + YEAR.format("y2") + r"\b" + TIME, re.I)),
    # 08/04/2014, 8.4.2014, 2014-04-08
    ("day", re.compile(r"(?<![\d/.-])" + r"(?P<d2>[0-3]?\d)[/.](?P<m2n>[01]?\d)[/.]" + YEAR.format("y2") + r"(?![\d/])")),
    ("day", re.compile(r"(?<![\d-])" + YEAR.format("y2") + r"-(?P<m2n>[01]\d)-(?P<d2>[0-3]\d)(?![\d-])")),
    # L'an deux mille treize, le neuf juillet / L'an deux mille vingt-trois, le 5 décembre
    ("an", re.compile(r"\bl['’]\s?an\s+" + YEAR_WORDS.format("yw") + AN_DAY, re.I)),
    # … the year in figures, as a commune typing its minutes gives it: "L'an 2019, le huit avril" — opening a line,
    # as the formula opens the minutes (in a sentence, "l'an 2019" may be any year the text speaks of)
    ("an", re.compile(r"(?m)^[ \t]*+l['’]\s?an\s+" + YEAR.format("yd") + r"\b" + AN_DAY, re.I)),
    # le vingt-six janvier deux mil seize / le 9 mars deux mille vingt
    ("words", re.compile(r"\b(?:le|du|ce)\s+(?:" + WEEKDAYS + r"\s+)?" + DAY_WORDS.format("dw") + OF_MONTH
                         + _M.format("m2") + r"\s+" + YEAR_WORDS.format("yw"), re.I)),
    # janvier 2017
    ("month", re.compile(r"\b" + _M.format("m2") + r"\s+" + YEAR.format("y2") + r"\b", re.I)),
    # 2019-2021, 2019 / 2021
    ("years", re.compile(r"(?<![\d/-])" + YEAR.format("y1") + r"\s?[-–/]\s?" + YEAR.format("y2") + r"(?![\d/-])")),
    # l'année 2019, exercice 2019, en 2021
    ("year", re.compile(r"\b(?:l['’]\s?)?(?:année|annee|exercice|en|depuis|dès|fin|début|mandat)\s+"
                        + YEAR.format("y2") + r"(?![\d,.]\d|\s?(?:€|euros?))", re.I)),
]

ROLES = [  # (cue before the date, role); the nearest cue in the preceding words wins
    (re.compile(r"\b(?:vu|considérant|rappelant)\b.{0,60}\bdélibérations?\b|\bdélibération\s+(?:n°\s*\S+\s+)?(?:en date\s+)?du\s*$|\bvu\b.{0,60}\bdu\s*$", re.I | re.S), "reference"),
    (re.compile(r"r\s?éception\s+(?:en\s+)?préf(?:ecture)?\b|reçue?s?\s+en\s+préfecture|accusé de réception", re.I), "reception"),
    (re.compile(r"e\s?nvoi\s+(?:en\s+)?préf(?:ecture)?\b|envoy[ée]e?s?\s+(?:en|à\s+la)\s+préfecture|transmise?s?\s+(?:en|à\s+la)\s+préfecture|télétransmise?|transmission", re.I), "transmission"),
    (re.compile(r"convoqué(?:e|s)?\s+le|convocation", re.I), "convocation"),
    (re.compile(r"publiée?s?\s+le|affichée?s?\s+le|publication", re.I), "publication"),
    (re.compile(r"séance|s['’]est\s+réunie?|réuni(?:e|s)?\s+.{0,80}le|conseil\s+municipal(?:\s+du)?\s*$|réunion\s+du|session", re.I), "session"),
]


@dataclass
class DateMention:
    text: str
    start: str  # ISO, inclusive
    end: str  # ISO, inclusive
    precision: str  # day, month or year
    role: str | None
    char_start: int
    char_end: int

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "precision": self.precision,
                "role": self.role, "char_start": self.char_start, "char_end": self.char_end}


def _month(name: str | None) -> int | None:
    if not name:
        return None
    key = unicodedata.normalize("NFC", name.lower().rstrip("."))
    return MONTHS.get(key)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _in_words(day: str, year: str) -> dt.date | None:
    """A date whose year (and perhaps day) is written in words; the session's formula may give the
    year in figures ("L'an 2019, le huit avril")."""
    y = int(year) if year.isdigit() else parse_words(re.sub(r"\bmil\b", "mille", year.lower()))
    d = 1 if day.lower() == "premier" else int(day) if day.isdigit() else parse_words(day)
    return (y, d) if y and 1800 <= y < 2200 and d and 1 <= d <= 31 else None


def _interpret(kind: str, g: dict) -> tuple[dt.date, dt.date, str] | None:
    if kind in ("an", "words"):
        got = _in_words(g["dw"], g.get("yw") or g["yd"])
        day = got and _day(got[0], _month(g["m2"]), got[1])
        return (day, day, "day") if day else None
    y2 = int(g["y2"]) if g.get("y2") else None
    if kind == "year":
        return dt.date(y2, 1, 1), dt.date(y2, 12, 31), "year"
    if kind == "years":
        y1 = int(g["y1"])
        if not y1 < y2 <= y1 + 30:
            return None
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"
    m2 = _month(g.get("m2")) or (int(g["m2n"]) if g.get("m2n") else None)
    if not m2 or not 1 <= m2 <= 12:
        return None
    if kind == "month":
        return dt.date(y2, m2, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1]), "month"
    end = _day(y2, m2, int(g["d2"]))
    if end is None:
        return None
    if kind == "day":
        return end, end, "day"
    m1 = _month(g.get("m1")) or m2
    y1 = int(g["y1"]) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
    start = _day(y1, m1, int(g["d1"]))
    if start is None or start > end:
        return None
    return start, end, "day"


_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n\s*\n")


def role_of(text: str, start: int, floor: int = 0) -> str | None:
    """The role the words just before a date give it, within its clause and after the
    previous date: the nearest cue wins, except "Vu la délibération", which governs the clause."""
    lo = max(floor, start - 120)
    before = text[lo:start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1]:]
    best, best_pos = None, -1
    for pattern, role in ROLES:
        for m in pattern.finditer(before):
            if role == "reference":
                return role
            if role in ("reception", "transmission") and before.rstrip().endswith(":") and "\n" in before[m.end():]:
                continue  # "Réception en Préfecture :" whose date OCR lost: the date on the next line is another's
            if m.end() > best_pos:
                best, best_pos = role, m.end()
    return best


def find_dates(text: str) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    out = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            got = _interpret(kind, m.groupdict())
            if got is None:
                continue
            taken.append((s, e))
            start, end, precision = got
            # "L'an …, le …": the words that open a session's minutes give its date
            role = "session" if kind == "an" else None
            out.append(DateMention(m.group().strip(), start.isoformat(), end.isoformat(), precision, role, s, e))
    out.sort(key=lambda d: d.char_start)
    previous_end = 0
    for d in out:
        d.role = d.role or role_of(text, d.char_start, previous_end)
        previous_end = d.char_end
    return out
