"""Minutes of any council: the structure every council's minutes share, read line by line.

  Commune de Pierrefonds ⏎ Présents : …                  the header: who, when; no record
  Ordre du jour : 1. … 2. …                              the agenda: headings no decision follows
  I. AFFAIRES GÉNÉRALES                                  a section title: a heading no decision follows
  D2025-009- Objet : Adhésion à la Fondation …           an item's heading: its number, its subject
  La Fondation du Patrimoine est …                       the exposé
  Le Conseil municipal, après en avoir délibéré, à la majorité :   the decision formula …
  - DÉCIDE d'adhérer …                                   … its clauses …
  Abstention : M. Tanguy                                 … and the vote that closes it
  Commune de Pierrefonds - Conseil … Page 2 / 10         furniture: repeated on most pages

Every line gets a role: furniture (``furniture.py``), heading (a number in any form —
``1.``, ``1°)``, ``I.``, ``II-3``, ``13.a``, ``2019-04-01``, ``D2025-008``, ``DL-056-07-13``,
``Délibération n° 12``, ``n° 2014/138``, ``n° 45/2019``, ``D.2019.45`` — then a title, or an
``Objet :``; a number alone on its line takes the title below, past who presents the item
("Rapporteur : M. X", kept as the record's rapporteur) and an ``OBJET :`` alone), or text. A decision is
a vote statement (``votes.py``); it belongs to the last heading above it, and a heading no
decision follows is no record. The decision's vote is the statement and the counts that close it
(right after the formula's clauses), not a count said later in the debate. Where an item holds
several decisions, each is a record, named by the label line above it when there is one.
Numbers follow each other, or start again at 1; a list inside an item that starts again at 1, one
decision at most under it, is left out of the items' sequence once a number follows the numbers
before it. A document whose items carry no number is read the same way: the item's title is the first
title-like line after the previous decision.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from pipeline.extraction.dates import MONTH_NAMES
from pipeline.extraction.records import votes
from pipeline.extraction.records.common import (CONNECTOR_END, COPULA_END, CUT_WORD, FORMULA, HEADER_LABEL, LABEL_WORDS, LOOK_BACK,
                                                REGISTER_ID, SPEAKER, YEAR_ID, YEAR_LAST, TITLE_PART, UPPER, Deliberation, PROSE, carries_on,
                                                is_procedural, one_line, roman_value)
from pipeline.extraction.records.furniture import STAMP, alike, before_stamp, folded as _key, furniture_lines, shape

ROMAN = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
# an item's number, in the forms minutes give it
SIMPLE = r"\d{1,3}(?:\.\d{1,2})?(?:\.[a-g]|[a-g](?=[.)]))?(?![a-zà-ÿ])"  # 1, 12, 3.2, 13.a, 13b) (not 12h30, nor "12h." a time wrapped)
ROMAN_ITEM = rf"{ROMAN}(?:[-.]\d{{1,2}})?"  # I, II-3
NUMBER = rf"(?P<num>{REGISTER_ID}|{ROMAN_ITEM}|{YEAR_LAST}|{SIMPLE})"
# words that may stand before the number: "Délibération n° 12", "Point n°3", "QUESTION 1", "n° 2014/138"
BEFORE = r"(?i:(?:d[ée]lib[ée]ration|point|question|dossier|affaire|rapport)[ \t]*+(?:n[°o]\.?)?|n[°o]\.?)[ \t]*+"  # possessive: linear on runs of spaces
SEPARATOR = r"(?:[ \t]*+(?:°[)/.]|[.)°/:])[ \t]*+(?:[-–][ \t]*+)?|[ \t]*+[-–][ \t]*+|[ \t]++)"  # possessive: linear on runs of spaces
OBJET = r"(?i:objet[ \t]*:[ \t]*)?"
# the title opens with a capital or a quote: "1. Remplacement …", not "4 abstentions", "16.777 km de …"
HEADING = re.compile(rf"^[ \t]*(?:{BEFORE})?{NUMBER}(?:{SEPARATOR}{OBJET}(?P<title>[{UPPER}«\"“'‘(].*)|[ \t]*+(?:°\)|[.)°–-])?[ \t]*+$)")
OBJET_LINE = re.compile(r"^[ \t]*objet[ \t]*:[ \t]*(?P<title>\S.*)$", re.I)
OBJET_ALONE = re.compile(r"^[ \t]*objet[ \t]*:?[ \t]*$", re.I)  # "OBJET :" on its own line, the title below
# who presents the item, on a line of its own by the heading: "Rapporteur : M. Paul Bernard",
# "Rapporteure : Madame le Maire", "Présenté par M. X"; never the item's title
RAPPORTEUR_LINE = re.compile(r"^[ \t]*(?:rapporteure?s?[ \t]*:?|pr[ée]sent[ée]e?[ \t]+par[ \t]*:?)[ \t]*(?P<who>\S.{0,80}?)[ \t.]*$", re.I)
# an item's title runs on while its line is cut in the middle of a phrase, or while a sub-title
# (a dash line) follows; it ends where the exposé starts
DASHES = "-–—−•▪◦*"
# a sub-title inside an item: a dash line, or a lettered part ("A) Budget principal", "b) …")
SUBTITLE = TITLE_PART
LETTERED = re.compile(r"^[ \t]*[A-Ha-h]\)[ \t]")  # a lettered part: "A) Budget principal", "b) …"
SUB_MARK = re.compile(rf"^[ \t]*(?:[{DASHES}]|[A-Ha-h]\)|[A-H][.–-](?=[ \t]))[ \t]*")
REGISTER_FIRST = re.compile(rf"^(?P<num>{REGISTER_ID})(?:{SEPARATOR}){OBJET}(?P<title>[{UPPER}«\"“'‘(].*)$")
# a table's row, not a title: an amount, three figures ("16 Emprunts et dettes 1 236 200,00 0,00 0,00"),
# or two sums with their cents side by side ("76 Produits financiers 5,81 5,00")
FIGURES_ROW = (r"(?<![\d.,])\d[\d.,]*+[ \t]++(?:[^\d\n]*+(?<![\d.,])\d[\d.,]*+[ \t]++){2}"  # three figures
               r"|(?<![\d.,])\d[\d \u00a0.]*+,\d\d(?!\d)[ \t]++\d[\d \u00a0.]*+,\d\d(?!\d)")  # two sums side by side ("5,81 5,00")
TABLE_ROW = re.compile(r"\d[ \u00a0]?(?:€|euros?\b)|€[^€\n]*+€|" + FIGURES_ROW, re.I)  # an amount, a row of amounts, figures
FUZZY_AGENDA = 90  # a title and an agenda entry this alike (rapidfuzz partial ratio of their letters) are one title
SEQUENCE_STEP = 3  # an item's number follows the last one's by at most this much (or starts again at 1)
LIST_ENTRIES = 2  # entries at least of a list numbered from 1 inside an item (``_headings``)
DECISION_GAP = 3  # lines at most between a decision's formula and its vote, counted as one (``_decided_under``)
TITLE_LINES = 6  # lines of one title at most: "1. Travaux … :", and its parts on dash lines under it
LONE_HEADING = 3  # decisions under one numbered heading and nowhere else: that number is no item's
# "APPROUVE le budget primitif …": a clause of the decision, no name of it
CLAUSE_VERB = re.compile(rf"^[{UPPER}]{{4,}}\b(?:[ \t]+et[ \t]+[{UPPER}]{{4,}})?[ \t]+[a-zà-ÿ]")
# the clauses of a decision, which stand between its formula and the vote that closes it
CLAUSE = re.compile(rf"^[ \t]*(?:[-–•*][ \t]*|\d[.)][ \t]*)?(?:[{UPPER}]{{3,}}\b|[a-zà-ÿ])")


@dataclass
class Line:
    start: int
    end: int
    text: str
    apart: bool | None = None  # typography sets it apart: bold where the text is not, or larger (None: not known)

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Heading:
    line: int  # index of its line
    number: str | None
    title: str | None
    rapporteur: str | None = None


def lines_of(text: str) -> list[Line]:
    """The lines of ``text``, each with the digits OCR read as letters in its number's slot read back
    (``digits_in_slot``): one character for one, so offsets stay valid."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), digits_in_slot(raw)))
        pos += len(raw) + 1
    return out


# what OCR reads for a digit where a heading's number stands: l, I, | for 1; O, o for 0
LOOKALIKE = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
# the slots: after a word announcing the number, a token of digits and look-alikes with a digit in
# it ("QUESTION Nol1" is question 11, "Point l2" point 12); …
ANNOUNCED_SLOT = re.compile(rf"^([ \t]*{BEFORE})(?=[\dlI|Oo]*\d)([\dlI|Oo]{{1,3}})(?=[ \t.)°:–-]|$)")
# … a register's id opening the line, its year first, a title or nothing after it ("2O19-O4-0l APPROBATION",
# "2017.03.06-I APPROBATION…": the id once its look-alikes are read as digits; a prefix of capitals stays)
REGISTER_SLOT = re.compile(rf"^([ \t]*(?:[A-Z]{{1,4}}[ \t]?[-_–.]?[ \t]?)?)([\dlI|Oo]{{4}}(?:[ \t]*[-_–/.][ \t]*[\dlI|Oo]{{1,4}}){{1,3}})"
                           rf"(?![^\W\d_])(?=[ \t]*(?:[-–:][ \t]*)?(?:[{UPPER}«\"“]|$))")  # the id whole: "2021-045 - OBJET" keeps its O
# … a plain number opening the line, then its stop and a title ("l. Approbation …", "lO. Tarifs"), or its
# bracket after a figure ("1O) Tarifs"; "l)" is a lettered list's, after "k)"): small l, bar and O beside
# digits; not I, the roman one
PLAIN_SLOT = re.compile(rf"^([ \t]*)([\dl|Oo]{{1,2}})(?=[ \t]*(?:\.|(?<=\d)\)|(?<=\d[l|Oo])\))[ \t]+[{UPPER}])")


def digits_in_slot(line: str) -> str:
    """``line`` with the look-alikes of digits in its heading number's slot read as digits, where
    digits read so make a number of the slot's shape (session_report.py has its own test for a
    scanned report's numbers, "$84" against the number the sequence expects)."""
    for slot in (ANNOUNCED_SLOT, REGISTER_SLOT, PLAIN_SLOT):
        m = slot.match(line)
        if not m or m.group(2).isdigit():
            continue
        number = m.group(2).translate(LOOKALIKE)
        if slot is REGISTER_SLOT and not (re.fullmatch(YEAR_ID, number) and sum(c.isdigit() for c in m.group(2)) >= 4):
            continue  # "ILLE-ET-VILAINE" read so is no id: a year opens it, and most of it is digits as printed
        if slot is PLAIN_SLOT and m.group(2)[0] not in "l|123456789":
            continue  # "l.", "ll.", "lO." an item's 1, 11, 10; "Oo." no number
        return line[:m.start(2)] + number + line[m.end(2):]
    return line


def read(text: str, statements: list, pages: list[str] | None = None,
         apart: list[bool | None] | None = None) -> list[Deliberation]:
    """The records of minutes ``text`` (form feeds already turned to line breaks); ``pages``: the
    text of each page, to tell the lines repeated on most of them; ``apart``: for each line,
    whether typography sets it apart, when the pages' typography is known."""
    lines = lines_of(text)
    for line, flag in zip(lines, apart or []):
        line.apart = flag
    line_of = _line_index(lines)
    numbered = {i for i, line in enumerate(lines) if (m := HEADING.match(line.text)) and _names_an_item(m)}
    numbered |= _title_lines_below(lines, numbered)
    # a vote's own lines below its first are no heading ("POUR ⏎ 15 ⏎ ABSTENTION ⏎ 3": no item 3)
    cells = {k for st in statements for k in range(line_of(st.start) + 1, line_of(max(st.start, st.end - 1)) + 1)}
    deciding = {i for i, line in enumerate(lines) if DECIDING.search(line.text)}
    # a vote's lines and the formula come back on every page, and are no running header for it
    agenda = _agenda(lines)
    skip = furniture_lines(lines, _without(pages, agenda), {line_of(st.start) for st in statements} | cells | deciding,
                           numbered)
    headings = _headings(lines, skip, cells, {line_of(st.start) for st in statements if _strong(st)} | deciding)
    decisions = _decisions(statements, lines, line_of, skip, {h.line for h in headings})
    decisions = _formula_closed(decisions, headings, lines, skip)
    out = []
    by_heading: dict[int | None, list] = {}
    last = None  # the heading of the last decision
    for dec in decisions:
        key = _governing(headings, dec.first_line, last)
        by_heading.setdefault(key, []).append(dec)
        last = key if key is not None else last
    # items with no number: each named by its first title line. Minutes that number their items
    # number more than one: a lone number over three decisions or more is a list's or a table's
    # ("5. …" in an exposé, "2 … 68.16 %"), and the decisions before it would be lost
    governing = [k for k in by_heading if k is not None]
    if not governing or (len(governing) == 1 and len(decisions) >= LONE_HEADING):
        found = _unnumbered(decisions, lines, skip, agenda, pages)
        # a lone vote is no minutes, unless the agenda announces the one item it closes (a session of one item)
        return found if len(decisions) >= 2 else [d for d in found if ANNOUNCED in d.issues]
    for dec in by_heading.get(None, []):  # before any heading, the header's votes: only one that names
        if dec.statement.names:  # what it decides ("Le procès-verbal de la séance du … est approuvé.")
            d = Deliberation(char_start=dec.statement.start, char_end=dec.end, layout="minutes")
            d.objet = dec.statement.names
            votes.decide(d, dec.statement)
            out.append(d)
    for key in sorted(k for k in by_heading if k is not None):  # before any heading: the header's votes
        heading = headings[key]
        decs = _kept(by_heading[key])
        labels = _labels(lines, decs, heading.line, skip)
        parts = all(label and label.subtitle for label in labels[1:])
        several = False  # votes of their own no label names, read as one
        # "Vote des comptes de gestion 2020 : 15 votes pour", then "Vote du budget primitif 2021 : 15 votes
        # pour": each vote named on its own line is a decision of its own, named so
        named = [_beside_vote(lines, dec.first_line, dec.statement.start, set()) or _label_above(lines, dec)
                 for dec in decs] if len(decs) > 1 else []  # one decision: nothing to tell apart
        if named and all(named):
            labels, parts = [Label(name[1], subtitle=True) for name in named], True
        kept_apart = len(decs) > 1 and not parts and _formulas_apart(decs, lines, skip, heading)
        # where a lost heading stands between two of them: the decisions before it are this item's
        cut = next((n for n, (a, b) in enumerate(zip(decs, decs[1:]), start=1)
                    if _heading_lost(lines, a.end_line, b.first_line, skip)), None) if kept_apart else None
        lost = cut is not None
        if len(decs) > 1 and not parts and not (all("lead" in dec.statement.kinds for dec in decs) or kept_apart and not lost):
            # one decision told twice (said in the debate, then the vote block): the one with counts;
            # but votes each called so ("Vote : …", then "Vote : …"), or each the council's own
            # formula with an exposé between them, are decisions of their own — unless a line
            # between them may be the next item's heading, which the reader did not take ("20'l8.06.26-19
            # AUTORISATION …", its number OCR-damaged): then one decision, to review
            decs = decs[:cut]  # the decisions after a lost heading are the next item's
            chosen = next((dec for dec in reversed(decs) if dec.statement.counts), decs[-1])
            several = votes.disagree([dec.statement for dec in decs])  # not one decision told twice
            decs, labels = [chosen], [None]
        else:
            lost = False
        unnamed = kept_apart and len(decs) > 1  # several decisions under the item's title, none named
        for dec, label in zip(decs, labels):
            d = Deliberation(char_start=lines[heading.line].start, char_end=dec.end, layout="minutes")
            d.number, d.rapporteur = heading.number, heading.rapporteur
            d.objet = (label.name if label and parts and len(decs) > 1 else None) or heading.title
            votes.decide(d, dec.statement)
            if several:
                d.issues.append(votes.ONE_OF_SEVERAL)
            if lost:
                d.issues.append(HEADING_LOST)
            if unnamed:
                d.issues.append(UNNAMED_DECISION)
            if _elects(lines, dec, skip):
                d.result = "élu"
            out.append(d)
    return out


def _title_lines_below(lines: list[Line], numbered: set[int]) -> set[int]:
    """The lines that name the item under a number alone on its line, which come back as often as
    the agenda announces the item, or as items share a title's first line ("DÉLIBÉRATION N° 2019-7
    ⏎ Objet : Festival « Les Petites Bouilles »" over two items): who presents it, "OBJET :" alone,
    and its "Objet : …" line or the title under the "OBJET :" — no running header for them."""
    out: set[int] = set()
    for i in numbered:
        if HEADING.match(lines[i].text).group("title") is not None:
            continue
        passed, k = _below_number(lines, i, set())
        out.update(passed)
        if k is not None and (OBJET_LINE.match(lines[k].text) or any(OBJET_ALONE.match(lines[p].text) for p in passed)):
            out.add(k)
    return out


def _below_number(lines: list[Line], i: int, skip: set[int]) -> tuple[list[int], int | None]:
    """Under a number alone on line ``i``: the lines passed over before its title (who presents
    it, an "OBJET :" alone, a line of signs alone — a title's final stop a PDF's text gives apart:
    "I ⏎ . ⏎ Convention de mise à disposition"), within four lines, and the line after them."""
    passed, k = [], _next_text_line(lines, i, skip)
    while k is not None and k - i <= 4 and (RAPPORTEUR_LINE.match(lines[k].text) or OBJET_ALONE.match(lines[k].text)
                                            or not any(c.isalnum() for c in lines[k].text)):
        passed.append(k)
        k = _next_text_line(lines, k, skip)
    return passed, k


def _names_an_item(m: re.Match) -> bool:
    """A heading that is an item's, however often its shape comes back: one with its title, or a
    number a word announces or a register gives ("DÉLIBÉRATION N° 2019-01" over its "Objet :"
    line) — not a bare figure, which may be a page's number."""
    return bool(m.group("title") or re.fullmatch(REGISTER_ID, m.group("num").strip())
                or _announced_number(m))


def _announced_number(m: re.Match) -> bool:
    """A word stands before the heading's number ("Délibération n° 12", "n° 45/2019")."""
    return re.search(r"[^\W\d_]", m.string[:m.start("num")]) is not None


# the council elects: "ÉLIT Madame …", "est élu", "sont élus", or proclaims the elected ("ONT AINSI ETE
# PROCLAMES ELUS", "a été proclamé(e) maire", "Ont été proclamés adjoints")
ELECTS = re.compile(r"\b(?:ÉLIT|ELIT|élit|est\s+élue?|sont\s+élu(?:e)?s"
                    r"|(?i:(?:été|ete)\s+proclam[ée]e?s?|proclam[ée]e?s?\s+(?:[ée]lue?s?|adjoints?|maire)))\b")


def _elects(lines: list[Line], dec, skip: set[int]) -> bool:
    """The decision is an election: its clauses say who is elected ("- ÉLIT Madame …", "est élu")."""
    def read_from(k: int) -> int:  # the vote's own line from a little before the vote
        return max(0, dec.statement.start - lines[k].start - LOOK_BACK) if k == dec.first_line else 0

    return any(ELECTS.search(lines[k].text, read_from(k), read_from(k) + CLAUSES_READ)
               for k in range(dec.first_line, min(len(lines), dec.end_line + 4)) if k not in skip)


CLAUSES_READ = 2000  # characters of each line after a vote where an election is said (a line of thousands of votes stays linear)


def _unnumbered(decisions: list, lines: list[Line], skip: set[int], agenda: set[int],
                pages: list[str] | None = None) -> list[Deliberation]:
    """Minutes whose items carry no number: an item is what lies between two decisions, and its
    subject the first line there that reads as a title. Before the first decision stand the
    header and the agenda: the first item's title is the nearest such line above its vote and
    below the header's last label ("Présents :", "Secrétaire de séance :"); a vote with no title there is
    the session's own (the mode of the vote), no item's. ``agenda``: the lines of the agenda (``_agenda``)."""
    out, start = [], 0
    margin = {shape(lines[k].text) for k in skip} - {""}
    margin |= _box_labels(lines, agenda, pages)
    entries, listing = _entries(lines, agenda, skip, margin)
    keys = [_key(entry) for entry in entries]  # as each title line is compared with them
    used: set[int] = set()
    not_titles = skip | agenda | listing  # an agenda's own lines are no item's title
    if decisions:  # the first item's title is below the header: who attended, the secretary
        start = 1 + max((k for k in range(decisions[0].first_line)
                         if ATTENDANCE_LABEL.match(lines[k].stripped) and ":" in lines[k].text[:40]), default=-1)
    read_from = None  # the decision the last record was read from
    told: list = []  # the votes said since the last record began
    told_end = 0  # the line where the last of them ends
    for n, dec in enumerate(decisions):
        span = range(start, dec.first_line + 1)
        named = (dec.first_line, dec.statement.names) if dec.statement.names else None
        # the words before the vote on its line name the decision; so does the label on the line right above it
        # where nothing else stands since the last vote — votes listed one after another ("Vote des comptes de
        # gestion 2020 : ⏎ 15 pour ⏎ Vote de l'état 1259 2021 : ⏎ 15 pour"), not a vote's label under an item's title
        above = _label_above(lines, dec)
        listed_vote = above if above and not any(lines[k].stripped for k in range(start, above[0]) if k not in skip) else None
        beside = named or _beside_vote(lines, dec.first_line, dec.statement.start, margin) or listed_vote
        listed = None if beside else _agenda_title(lines, reversed(span) if n == 0 else span, not_titles, margin, entries, keys, used)
        title = beside or listed or _segment_title(lines, reversed(span) if n == 0 else span, skip, margin)
        if title is not None:
            d = Deliberation(char_start=lines[title[0]].start, char_end=dec.end, layout="minutes")
            d.objet = title[1]
            announced = listed is not None or title[0] not in agenda and _announced(title[1], [lines[k].text for k in agenda])
            d.issues.append(ANNOUNCED if announced else SET_APART if _set_apart_title(lines, title, dec.first_line, skip) else
                            "no heading: subject taken from the first line that reads as a title")
            votes.decide(d, dec.statement)
            if _elects(lines, dec, skip):
                d.result = "élu"
            out.append(d)
            read_from, told = dec, []
        elif out and any(lines[k].apart and lines[k].stripped for k in range(start, dec.first_line) if k not in skip):
            # no line between this vote and the one before reads as a title, but one there is set apart as
            # the titles are (underlined, bold): a title OCR could not read ("inat té" for "Nomination du
            # secrétaire" under its rule). A decision all the same, its subject left to review, not dropped.
            # Not so before the first item (the session's own votes: the mode of the vote), nor where no
            # line is set apart (a second vote of the item above: "accord de principe", then its cost)
            d = Deliberation(char_start=lines[start].start if start < len(lines) else dec.statement.start,
                             char_end=dec.end, layout="minutes")
            d.issues.append(NO_TITLE)
            votes.decide(d, dec.statement)
            out.append(d)
            read_from, told = dec, []
        elif out and read_from is not None and "lead" in dec.statement.kinds and "lead" not in read_from.statement.kinds \
                and _clauses_between(lines, told_end, dec.first_line, skip):
            # no title between the last record and this vote block ("Vote : 1 contre (…) 3 abstentions (…)
            # 7 pour"), while that record was read from a vote word of its decision's clauses ("approuve
            # les statuts", "désigne … Monsieur le Maire à l'unanimité"): the block closes that item and
            # says its vote — when only the decision's clauses stand between them (not an untitled
            # paragraph, whose vote is no part of that item). Where the words before it disagree, to review
            d = out[-1]
            elected = d.result == "élu"
            d.issues = [i for i in d.issues if i not in read_from.statement.notes]
            votes.decide(d, dec.statement)
            d.result = "élu" if elected else d.result
            if votes.disagree(told + [dec.statement]):
                d.issues.append(votes.ONE_OF_SEVERAL)
            d.char_end = dec.end
            read_from = dec
        elif out and read_from is not None and (apart := _decided_apart(lines, read_from, dec, skip)):
            # no title since the last record, but a decision of its own: each called so ("Vote : pour à
            # l'unanimité", an exposé, "Vote : pour à l'unanimité") or each said alike, an exposé between
            # them — the item's second decision, as under a numbered heading: its title, to review; or,
            # where a line between them may head an item not read ("2022 – BUDGET PRIMITIF"), a decision
            # whose title could not be read, kept with no subject for review
            d = Deliberation(char_start=lines[start].start if start < len(lines) else dec.statement.start,
                             char_end=dec.end, layout="minutes")
            if apart == "second":
                d.objet, d.issues = out[-1].objet, [i for i in out[-1].issues if i.startswith("no heading")] + [UNNAMED_DECISION]
                if UNNAMED_DECISION not in out[-1].issues:
                    out[-1].issues.append(UNNAMED_DECISION)
            else:
                d.issues.append(NO_TITLE)
            votes.decide(d, dec.statement)
            out.append(d)
            read_from, told = dec, []
        told.append(dec.statement)
        told_end = dec.end_line
        start = dec.end_line + 1
    return out


def _decided_apart(lines: list[Line], a, b, skip: set[int]) -> str | None:
    """Decision ``b`` is one of its own after ``a``: each called so ("Vote : …") or each said alike
    (``_said_alike``), with more than the decision's clauses between them — "second", the item's
    second decision; "unread" where a line between them may head an item the reader could not name
    (``_may_head``: in capitals, or opening on a number, "2022 – BUDGET PRIMITIF"); else None (one
    decision told twice, or its clauses)."""
    alike = ("lead" in a.statement.kinds and "lead" in b.statement.kinds) or _said_alike(lines, [a, b], skip)
    if not alike or _clauses_between(lines, a.end_line, b.first_line, skip):
        return None
    return "unread" if _may_head(lines, a.end_line, b.first_line, skip) else "second"


NO_TITLE = "no heading: the line set apart as a title there could not be read"  # validate.CHECKS


def _box_labels(lines: list[Line], agenda: set[int], pages: list[str] | None) -> set[str]:
    """The labels of a box printed page after page (Flaux: "Date de la convocation :", "en exercice :
    11"): a line's first words before a colon, on two pages or more, one of its lines giving no more
    than a short value after it. Not the agenda's entries, nor the words two items' titles share
    (Pierrefonds: "Noël 2020 : cartes cadeaux …", "Noël 2020 : prime …"): no box."""
    starts = list(itertools.accumulate((len(page) + 1 for page in pages or [""]), initial=0))[:-1]
    seen: dict[str, set[int]] = {}
    short: set[str] = set()  # labels read with a short value: a box's ("délibération : 11", "Objet :")
    count: dict[str, int] = {}
    for k, ln in enumerate(lines):
        m = MARGIN_LABEL.match(ln.stripped.lstrip(NOISE))
        if k not in agenda and m and not VOTE_WORDS.match(m.group(1)):
            label = shape(m.group(1))
            seen.setdefault(label, set()).add(bisect.bisect_right(starts, ln.start))
            value = ln.stripped.lstrip(NOISE)[m.end():]
            if len(value.split()) <= BOX_VALUE_WORDS or DATE_VALUE.fullmatch(value.strip(" .")):
                short.add(label)
            count[label] = count.get(label, 0) + 1
    paged = pages is not None and len(pages) > 1  # else a label comes back on the one page
    return {label for label, on in seen.items()
            if (len(on) if paged else count[label]) >= 2 and len(label) >= 4 and label in short}


BOX_VALUE_WORDS = 2  # a box's label gives a short value after its colon on one of its lines at least, or a date
DATE_VALUE = re.compile(rf"(?i)(?:\b[^\W\d_]{{3,9}}[ \t]+)?\d{{1,2}}(?:er)?[ \t]+(?:{MONTH_NAMES})[ \t]+\d{{4}}")  # "3 mars 2021", "mercredi 3 mars 2021"


ANNOUNCED = "no heading: subject taken from a title line the agenda announces"
AGENDA_LINES = 25  # the agenda's entries follow its label within this many lines
ANNOUNCED_SHARE = 0.75  # a title gives at least this share of the agenda's entry it is found in


# bold, larger, underlined, read whole, and the last line set apart above the vote (else a line set
# apart nearer it may be the item's own title, which OCR could not read: "inati nie:")
SET_APART = "no heading: subject taken from a title line typography sets apart"
WORDS_KNOWN = 0.75  # share of a title's words of three letters or more, not in capitals, the dictionary must know


def _marked_words(line: Line) -> bool:
    """A line set apart that may be a title: two words or more, mostly letters, not a vote's label
    or a stamp's id (not "Objet :", a margin's label the page underlines)."""
    text = line.stripped
    return bool(line.apart) and len(text.split()) >= 2 and sum(c.isalpha() for c in text) >= 0.6 * len(text.replace(" ", "")) \
        and not _decides(text) and not VOTE_WORDS.match(text) and not STAMP.search(text)


def _set_apart_title(lines: list[Line], title: tuple[int, str], vote_line: int, skip: set[int]) -> bool:
    """The guessed ``title`` (its first line's index, its text) is one typography names: set apart,
    read whole, and no other line set apart that may be a title between its own lines and the vote."""
    below = title[0] + 1
    while below < vote_line and lines[below].stripped and lines[below].stripped in title[1]:  # its own lines
        below += 1
    return bool(lines[title[0]].apart) and not any(_marked_words(lines[k]) for k in range(below, vote_line) if k not in skip) \
        and reads_whole(title[1])


def reads_whole(title: str) -> bool:
    """A title read whole: not cut short (``CUT_WORD``, ``CONNECTOR_END``), and made of words, at
    least WORDS_KNOWN of its words the dictionary knows (not "Ordr jout", OCR's reading of a rule's
    line). Its names (capitalised after its first word) and acronyms are not counted."""
    from pipeline.repair.lexicon import shared

    title = title.strip()
    if CUT_WORD.search(title) or CONNECTOR_END.search(title):
        return False
    words = [w for n, w in enumerate(re.findall(r"[^\W\d_]{3,}", title)) if not w.isupper() and (n == 0 or w[0].islower())]
    lexicon = shared()
    return not words or sum(lexicon.knows(w) for w in words) >= WORDS_KNOWN * len(words)


def _agenda(lines: list[Line]) -> set[int]:
    """The lines of the agenda: those after its label ("Ordre du jour"), up to the first vote or
    the first item's title, which says the agenda's first line again — whole, or cut shorter by
    the page's measure ("Rue de l'Armistice – 2ème tranche : … au titre de la" under the agenda's
    "… au titre de la Dotation"): it opens the agenda's line, and ends on a word that goes on or
    the next line goes on in small letters (not a second entry that merely opens as the first); or
    longer, where the measure cut the agenda's own first line so."""
    for i, line in enumerate(lines):
        if _agenda_label(line.stripped):
            out, first, first_k = set(), None, 0
            for k in range(i + 1, min(len(lines), i + 1 + AGENDA_LINES)):
                mine = lines[k].text
                if _decides(mine) or first is not None and (shape(mine) == shape(first) or _repeats(mine, first) and _wraps(lines, k)
                                                            or _repeats(first, mine) and _wraps(lines, first_k)):
                    break
                out.add(k)
                if first is None and len(shape(mine)) >= 6:
                    first, first_k = mine, k
            return out
    return set()


# an arrow bullet before an agenda's entry, as OCR reads "➢" (">"), with a stray stop before it: no part of the entry
ARROW = re.compile(r"^[ \t]*+(?:[:;.,][ \t]*+)?[>➢►▶→»][ \t]*+")
ENTRY_LINES = 60  # an agenda's entries follow its label within this many lines, before the first item repeats one
ENTRY_ALIKE = 80  # a title line this alike an agenda's entry (rapidfuzz ratio of letters and digits) is the entry's
ENTRY_CUT = 90  # ... or this alike a part of it, where a stamp or a margin printed over the line cut it
ENTRY_CUT_SHARE = 0.5  # ... a part of at least this share of the entry


def _entries(lines: list[Line], agenda: set[int], skip: set[int], margin: set[str]) -> tuple[list[str], set[int]]:
    """The agenda's entries in order: its lines that read as an item's name (two words at least,
    no vote, no section title in capitals alone). An entry runs on over lines as a title does
    (``_runs_on``): a line opening in lower case carries the one above on ("ONF Distraction … dans
    le cadre d'un ⏎ échange de parcelles forestières"), so does the line after one cut on a
    preposition ("… au titre de la ⏎ Dotation d'Equipement …") and a lone word ("… potable - rue ⏎
    Chauret"); a dash line is a part of the entry above ("Travaux de modernisation … ⏎ -
    Autorisation à donner …") unless the entries themselves are dash lines, or the line above
    ends on a colon that opens their list ("Budget – Commune : ⏎ - Approbation du compte de
    gestion ⏎ - …"). The agenda ends before the first vote, and where a line repeats an entry:
    the first item's title. Also the indexes of the lines read so."""
    if not agenda:
        return [], set()
    first = min(agenda)
    out: list[str] = []
    read: set[int] = set()
    above, dashed = "", False  # the last line read into an entry; whether the entries open on dashes
    # dash lines are parts of the entries above them only where plain entries come again after
    # them ("Remplacement … ⏎ - Autorisation … ⏎ Fourniture des repas …"); dash lines that run to
    # the agenda's end are its entries, the first entry being plain ("Désignation du secrétaire ⏎
    # - Budget primitif ⏎ - Subventions")
    marks, said = [], []
    for k in range(first, min(len(lines), first + ENTRY_LINES)):
        text = "" if k in skip else ARROW.sub("", _beside_margin(lines[k].stripped, margin))
        if not text:
            continue
        if _decides(text) or _exposes(text) or CLOSING_ENTRY.match(text) or any(_repeats(text, line) for line in said):
            break
        said.append(text)
        if re.match(rf"[-–—−•▪◦*{TITLE_CAPITALS}\d]", lines[k].stripped):
            marks.append(SUBTITLE.match(lines[k].stripped) is not None)
    parts = any(m and not later for i, m in enumerate(marks) for later in marks[i + 1:])
    measure = max(map(len, said), default=0)  # the agenda's longest line: one that fills the measure
    for k in range(first, min(len(lines), first + ENTRY_LINES)):
        if k in skip:
            continue
        text = ARROW.sub("", _beside_margin(lines[k].stripped, margin))
        if not text:
            continue
        if _decides(text) or any(_repeats(text, entry) for entry in out) or _exposes(text):
            break
        if CLOSING_ENTRY.match(text):  # "Questions diverses": the agenda's last entry, on which no council votes
            break
        mark = SUB_MARK.match(lines[k].stripped)
        part = SUBTITLE.match(lines[k].stripped) is not None
        follows = (k - 1 in agenda or k - 1 in skip) and lines[k - 1].stripped
        after = lines[k - 1].stripped == above and any(c.isalpha() for c in text)  # right under the entry's last line
        # a lone word ending a line that filled the measure: "… réseau d'eau potable - rue ⏎ Chauret" (not "Finances")
        word = len(text.split()) == 1 and text[0].isalpha() and len(above) >= max(WRAPPED, 0.8 * measure)
        if out and follows and (text[0].islower() or after and (CONNECTOR_END.search(above) or word
                                                                or part and parts and not dashed and not above.endswith(":"))):
            out[-1] = (f"{out[-1]} {mark.group().strip()} {SUB_MARK.sub('', text, count=1)}" if part and mark
                       else f"{out[-1]} {text}")
            above = lines[k].stripped
        elif (len(text.split()) >= 2 and sum(c.isalpha() for c in text) >= 6 and not SECTION_CAPITALS.match(text)
              and re.match(rf"[{TITLE_CAPITALS}\d]", text)):  # "vie sociale": the end of an entry whose start OCR lost
            dashed = dashed or part  # dash lines that open entries ("Budget : ⏎ - Compte de gestion ⏎ - …")
            out.append(one_line(text))
            above = lines[k].stripped
        read.add(k)
    return out, read


def _wraps(lines: list[Line], k: int) -> bool:
    """Line ``k`` was cut by the page's measure: it ends on a word that goes on ("… au titre de la"),
    or the next line opens in small letters."""
    nxt = lines[k + 1].stripped if k + 1 < len(lines) else ""
    return CONNECTOR_END.search(lines[k].stripped) is not None or nxt[:1].islower()


def _repeats(line: str, entry: str) -> bool:
    """The agenda's entry said again: the first item's title, on one line or on the first of
    several, as the agenda set it ("Création d'un poste … Contrat ⏎ d'Accompagnement …")."""
    mine, theirs = _key(line), _key(entry)
    return mine == theirs or (len(mine) >= REPEATED_START and theirs.startswith(mine))


REPEATED_START = 12  # letters at least of an entry's start a line must repeat to say the entry again
WRAPPED = 60  # characters at least of a line the page's measure wrapped (an A4 line holds 80 to 100)


def _exposes(text: str) -> bool:
    """A sentence of the exposé or a speaker's, no agenda entry: the agenda has ended."""
    return text.endswith(".") or bool(SPEAKER.match(text) or PROSE.search(text)) or len(text.split()) > 2 * LABEL_WORDS


# what closes every agenda and is no item: "Questions diverses", "Informations diverses", "Divers"
CLOSING_ENTRY = re.compile(r"(?i)^(?:(?:questions?|informations?|points?|affaires?)[ \t]+diverses?|divers)[\W_]*$")
# a section title: capitals alone, a few words ("FINANCES", "AFFAIRES GÉNÉRALES")
SECTION_CAPITALS = re.compile(rf"^[{UPPER}\W]+$")


def _agenda_title(lines: list[Line], order, skip: set[int], margin: set[str], entries: list[str],
                  keys: list[str], used: set[int]) -> tuple[int, str] | None:
    """The first line, in ``order``, that repeats an agenda entry not yet taken, and the item's
    subject: the line as the body sets it (with the lines its title runs on to), unless the
    entry says more — a stamp or a margin printed over the body's line cut it — or the body's
    line opens mid-word; then the entry. The entry is marked taken. ``keys``: each entry's ``_key``."""
    from rapidfuzz import fuzz

    if not entries:
        return None
    for k in order:
        if k in skip or k >= len(lines):
            continue
        text = _beside_margin(lines[k].stripped, margin)
        mine = _key(text)
        if len(mine) < 6 or _decides(text) or SECTION_CAPITALS.match(text):
            continue
        best, score = None, 0.0
        for j, theirs in enumerate(keys):
            if j in used or not theirs:
                continue
            s = fuzz.ratio(mine, theirs)
            if s < ENTRY_ALIKE and ENTRY_CUT_SHARE * len(theirs) <= len(mine) <= len(theirs):
                s = fuzz.partial_ratio(mine, theirs) * (ENTRY_ALIKE / ENTRY_CUT)  # a cut line: as alike as ENTRY_ALIKE at ENTRY_CUT
            elif s < ENTRY_ALIKE and len(mine) > len(theirs):  # the title, then the exposé run into its line
                s = fuzz.ratio(mine[:len(theirs)], theirs) * (ENTRY_ALIKE / ENTRY_CUT)
            elif (s < ENTRY_ALIKE and len(mine) < ENTRY_CUT_SHARE * len(theirs)  # the entry's first line: the title
                  and fuzz.ratio(mine, theirs[:len(mine)]) >= ENTRY_CUT):                # set over lines, as the body sets it
                s = fuzz.ratio(_key(_lines_after(lines, k, skip, len(theirs)))[:len(theirs)], theirs)
            if s >= ENTRY_ALIKE and s > score:
                best, score = j, s
        if best is None:
            continue
        used.add(best)
        said, body = entries[best], _runs_on(lines, k, text, skip)
        cut = len(_key(body)) < len(keys[best]) or fuzz.ratio(mine, keys[best]) < ENTRY_ALIKE  # by a stamp, or run on
        return k, said if cut or not re.match(rf"[{TITLE_CAPITALS}\d]", body) else body
    return None


def _lines_after(lines: list[Line], k: int, skip: set[int], letters: int) -> str:
    """Line ``k`` and the lines after it, up to TITLE_LINES, until they hold ``letters`` letters and
    digits: a title the body sets over several lines, as the agenda's entry gives it in one."""
    parts, n = [], 0
    while k < len(lines) and len(parts) < TITLE_LINES and n < letters:
        if k not in skip and lines[k].stripped:
            parts.append(lines[k].stripped)
            n += len(_key(parts[-1]))
        k += 1
    return " ".join(parts)


def _without(pages: list[str] | None, agenda: set[int]) -> list[str] | None:
    """The pages with the agenda's lines blanked: a title the agenda announces comes back once
    more as the item's, on another page, and is no running header for that."""
    if not pages or not agenda:
        return pages
    out, first = [], 0
    for page in pages:
        rows = page.split("\n")
        out.append("\n".join("" if first + i in agenda else row for i, row in enumerate(rows)))
        first += len(rows)
    return out


def has_agenda(text: str) -> bool:
    """Minutes: a line of ``text`` is an agenda's label ("Ordre du jour"), as no single act has."""
    return any(_agenda_label(line.strip()) for line in text.split("\n") if len(line) < 80)


def _agenda_label(text: str) -> bool:
    """"Ordre du jour" opening a line, as OCR may leave it ("rdre du jour", "Ordre du jour :")."""
    from rapidfuzz import fuzz

    if re.match(r"(?i)^[\W_]*ordre[ \t]+du[ \t]+jour\b", text):
        return True
    words = text.strip(NOISE).split()
    return 3 <= len(words) <= 5 and fuzz.ratio(shape(" ".join(words[:3])), "ordredujour") >= FUZZY_LABEL


FUZZY_LABEL = 90  # a line's first three words this alike "ordre du jour" (letters only) are the agenda's label


def _announced(title: str, agenda: list[str]) -> bool:
    """Whether the agenda names this title too, give or take OCR's errors and what a margin ran
    into the agenda's line: two readings of one title, in two places of the document. A title
    longer than every entry has words the agenda does not give ("Note de synthèse M 49 - …")."""
    from rapidfuzz import fuzz

    mine = shape(title)  # found within an entry (which may carry a margin's words), never the other way round:
    # a title with words of its own is no match, nor one cut short (a stamp printed over its end)
    return len(mine) >= 10 and any(fuzz.partial_ratio(mine, shape(entry)) >= FUZZY_AGENDA for entry in agenda
                                   if len(mine) - 2 <= len(shape(entry)) <= len(mine) / ANNOUNCED_SHARE)


def _beside_vote(lines: list[Line], k: int, vote: int, margin: set[str]) -> tuple[int, str] | None:
    """The words before a vote on its own line, when they name what is voted ("AOP d'Uzès 70 €
    vote : à l'unanimité", "La fiesta demande : 1000 € Vote : 9 pour": one decision of a list) —
    not a margin's words OCR ran into the line ("REPUBLIQUE FRANCAISE", "Reçu le"), nor a
    fragment."""
    if vote - lines[k].start > LOOK_BACK:
        return None  # a label of a few words is never that long (and a line of thousands of votes stays linear)
    raw = lines[k].text[:max(0, vote - lines[k].start)].rstrip()
    before = _beside_margin(raw, margin)
    if raw.endswith(":") or not re.match(rf"[{TITLE_CAPITALS}]", before) or not 2 <= len(before.split()) <= LABEL_WORDS:
        return None  # "REP LIQUE FRANÇAISE Votre: à l'unanimité": a vote's label OCR garbled, after the margin
    capitals_only = before.upper() == before and not re.search(r"\d", before)  # "REPUBLIQUE FRANCAISE"
    if capitals_only or CONNECTOR_END.search(before) or COPULA_END.search(before) or _names_nothing(before, margin):
        return None
    return k, one_line(before)


def _label_above(lines: list[Line], dec) -> tuple[int, str] | None:
    """The label on the line right above a vote that opens its line: "Vote du budget primitif 2021 :"
    ⏎ "15 pour" (or ⏎ "Le Conseil municipal, après en avoir délibéré, par 15 voix pour")."""
    k = dec.first_line
    before = _before(lines[k], dec.statement.start).strip(NOISE)
    if (before and not COUNTS_FOLLOW.search(before)) or k == 0:  # the vote, or the formula and its counts, opens the line
        return None
    above = lines[k - 1].stripped
    name = above.rstrip(" :")
    if not above.endswith(":") or not 2 <= len(name.split()) <= LABEL_WORDS or not re.match(rf"[{TITLE_CAPITALS}]", name):
        return None
    if CONNECTOR_END.search(name) or _names_nothing(name, set()) or LEADS.search(name):
        return None  # "Le Conseil municipal, après en avoir délibéré, décide :", "Il est proposé de :"
    return k - 1, one_line(name)


def _names_nothing(text: str, margin: set[str]) -> bool:
    """A line that names no item, however it is set: the page's box or a stamp read once more
    ("REPUBLIQUE FRANCAISE", "Affiché le …"), the decision formula, a vote, a procedural line, a header's or an
    attendance list's label, a recital, a sentence of the exposé or a speaker's, who presents the item."""
    return bool(alike(shape(text), margin) or STAMP.search(text) or FORMULA.match(text) or _decides(text) or is_procedural(text)
                or HEADER_LABEL.match(text) or RAPPORTEUR_LINE.match(text) or ATTENDANCE_LABEL.match(text) or RECITAL.match(text)
                or SPEAKER.match(text) or PROSE.search(text) or SESSION_OPENING.match(text) or CLOSING_ENTRY.match(text))


# "L'an deux mille dix-huit, le 9 octobre …": the formula that opens the minutes, no item's name
SESSION_OPENING = re.compile(r"(?i)^l['’][ \t]?an[ \t]+(?:deux|mil|\d)")


# what OCR leaves around a line of a scan: bars of table rules, stray quotes and colons; and the
# marks of a list ("+ RPQS Eau", "• Echange de parcelles", "− Constitution d’une provision …": every dash)
NOISE = " \t|:;!'\"“”_—–−-.,+•*▪◦=~"
TITLE_CAPITALS = "A-ZÀÂÉÈÊÎÔÛÇ«\"“"  # a title opens with a French capital or a quote, not an OCR glyph
OBJET_LABEL = re.compile(r"(?i)^objet[ \t]*:?[ \t]*")


# "Vote :", "Pour :", "Résultat du vote :": a vote's own labels, never a margin's
VOTE_WORDS = re.compile(rf"(?i)(?:r[ée]sultat[ \t]+du[ \t]+)?(?:votes?|{votes.COUNT_LABEL})\b")
# "Date de la convocation : …": a label of a few words and its colon, opening a line
MARGIN_LABEL = re.compile(r"^((?:\S+[ \t]+){0,3}\S+?)[ \t]*:")


def _beside_margin(line: str, margin: set[str]) -> str:
    """A line as it reads without what OCR ran into it from a margin or a column beside it:
    the stamp printed over its end (``furniture.before_stamp``), the text before a rule's bar ("REPUBLIQUE FRANÇAISE | M 57 - Taux …"), a margin's label
    that is furniture elsewhere ("Note de synthèse M 49 - …"), an "Objet :" label."""
    line = before_stamp(line)
    parts = [p for p in line.split("|") if len(p.split()) >= 2]
    text = (parts[-1] if parts else line).strip(NOISE)
    words = text.split()
    for n in range(min(4, len(words) - 2), 0, -1):
        if shape(" ".join(words[:n])) in margin:
            text = " ".join(words[n:]).lstrip(NOISE)
            break
    return OBJET_LABEL.sub("", text).strip(NOISE)


def _segment_title(lines: list[Line], order, skip: set[int], margin: set[str]) -> tuple[int, str] | None:
    """The first line, in ``order`` (indexes of ``lines``), that reads as a title: a few words
    opening with a capital, not a sentence, a vote, a list of who attended, a recital, a speaker's
    exposé nor a procedural line, nor a line that carries on the paragraph above it. A line
    typography sets apart comes first."""
    order = list(order)
    apart = [k for k in order if k < len(lines) and lines[k].apart]
    for k in apart + [k for k in order if k not in apart]:
        if k in skip or k >= len(lines):
            continue
        text = _beside_margin(lines[k].stripped, margin)
        words = text.split()
        letters = sum(c.isalpha() for c in text)  # a share of the line's signs, its spaces left out ("M 14 - budget primitif 2022")
        if not (2 <= len(words) <= TITLE_WORDS and re.match(rf"[{TITLE_CAPITALS}]", text) and letters >= 0.6 * len("".join(words))):
            continue
        if text.endswith(".") or CLAUSE_VERB.match(text) or TABLE_ROW.search(text) or text.count(")") > text.count("(") \
                or votes.OUTCOME.search(text) \
                or _names_nothing(text, margin) or NAME_LIST.search(text) or PRONOUN_FIRST.match(text) or _sentence(text, SENTENCE_VERB) \
                or PREPOSITION_FIRST.match(text) or FUTURE_SENTENCE.search(text) \
                or _carries_on_paragraph(lines, k, skip) or _heads_a_table(lines, k, skip):
            continue
        return k, _runs_on(lines, k, text, skip)
    return None


# a sentence opening on its subject pronoun ("Il n'y aura pas de coupe …", "Elle fait suite à …"): no title
PRONOUN_FIRST = re.compile(r"^(?:Il|Elle|Ils|Elles|On|Nous|Je)[ \t]+[\w'’]")
# a clause a sentence goes on with, opening on its preposition ("De donner délégation au Centre de
# Gestion …", "Pour exercer les fonctions …", "Au moment de procéder au vote …"): an item's name is a
# noun's phrase ("Délégation au Centre de Gestion"), no such clause
# "Une convention sera établie pour une durée d'une année …": a sentence, where no heading names the item
FUTURE_SENTENCE = re.compile(r"^(?:\S+[ \t]+){2,}(?:sera|seront)[ \t]+\S+(?:[ \t]+\S+){2,}")
PREPOSITION_FIRST = re.compile(r"^(?:De|D['’]|Au|Aux|Pour|Par|Afin|Suite|Lors|Dont)(?:[ \t]+|(?<=['’]))[\w'’]")
# words no sentence and no title ends on: the line after one carries its sentence on — where a
# title is cut (CONNECTOR_END), and after an article, a possessive, a demonstrative, a relative
OPEN_END = re.compile(rf"{CONNECTOR_END.pattern}|\b(?:un|une|son|sa|ses|leur|leurs|ce|cet|cette|ces|que|qu['’]|qui|dont|ou)$",
                      re.I)


def _heads_a_table(lines: list[Line], k: int, skip: set[int]) -> bool:
    """Line ``k`` is a table's head: the line under it is a row of figures ("Taux Base ⏎ Taxe
    foncière 21,37 % 1 520 000")."""
    nxt = _next_text_line(lines, k, skip)
    if nxt is None or nxt != k + 1:
        return False
    tokens = lines[nxt].text.split()
    figures = sum(1 for t in tokens if re.fullmatch(r"[\d.,%€]+", t) and any(c.isdigit() for c in t))
    return figures >= 2 and figures >= 0.4 * len(tokens)  # not a sentence with a date in it


def _carries_on_paragraph(lines: list[Line], k: int, skip: set[int]) -> bool:
    """Line ``k`` goes on with the sentence of the line above, which stops on an article, a
    preposition or a conjunction ("… Madame le ⏎ Maire précise que …": a paragraph wrapped)."""
    above = k - 1
    while above >= 0 and above in skip:
        above -= 1
    return above >= 0 and OPEN_END.search(lines[above].stripped) is not None and not _decides(lines[above].text)  # "14 votes pour"


def _runs_on(lines: list[Line], k: int, text: str, skip: set[int]) -> str:
    """An unnumbered title and the lines that plainly continue it: where it is cut after a
    preposition or a dash, a line opening in lower case ("… des Lisières de l’Oise ⏎ au Syndicat
    Aisne Navigable Axonaise"), and its parts on dash lines ("- Autorisation à donner …"). Fewer ways
    on than a numbered heading's title (``_title``): no heading marks where this title starts, and
    a scan's margin runs into the lines below it."""
    parts = [text]
    for _ in range(TITLE_LINES - 1):
        nxt = k + 1
        while nxt < len(lines) and nxt in skip:
            nxt += 1
        if nxt >= len(lines) or not lines[nxt].stripped or _decides(lines[nxt].text):
            break
        line = lines[nxt].stripped
        lower = line[0].islower() and not (RECITAL.match(line) or line.endswith((",", ";")))  # not "vu le code …,"
        # a title set in capitals goes on in capitals, as a numbered one does (``_title``): "AVIS D'APPEL A
        # MANIFESTATION D'INTERET CONCURRENTE ⏎ SUITE A LA MANIFESTATION D'INTERET SPONTANEE POUR LA ⏎ …"
        # — not a line that heads, presents, opens the decision or a recital, says who attended ("RAPPORTEUR : …",
        # "LE CONSEIL MUNICIPAL,", "VU LE CODE …", "PRESENTS : 12"), nor the exposé's sentence
        in_capitals = (_in_capitals(lines[k].stripped) and _in_capitals(line) and len(line.split()) >= 2
                       and not (HEADING.match(lines[nxt].text) or OBJET_LINE.match(line) or RAPPORTEUR_LINE.match(line)
                                or _names_nothing(line, set()) or _exposes(line) or TABLE_ROW.search(line)))
        # the line as printed: a dash that ends it ("… Eau Potable —") is no part of the title's text, but says it goes on
        if not (CONNECTOR_END.search(lines[k].stripped) or lines[k].stripped.endswith("—") or SUBTITLE.match(line) or lower
                or in_capitals) \
                or line.endswith(".") or PROSE.search(line):
            break
        parts.append(line)
        k = nxt
    return one_line(" ".join(parts))


TITLE_WORDS = 25  # a line of a title has at most this many words (a label line: LABEL_WORDS)
# "Emmanuelle DANAN, Monsieur Ronan TANGUY": a first name and a surname in capitals, then a comma
NAME_LIST = re.compile(rf"(?<![\w'’-])[{UPPER}][\w'’-]++[ \t]++(?>[{UPPER}]{{2,}}[\w'’-]*+)[ \t]*+,")


ATTENDANCE_LABEL = re.compile(r"(?i)^(?:(?:[ée]taient|sont)[ \t]+)?(?:pr[ée]sents?|absents?|excus[ée]s?|pouvoirs?|procurations?|secr[ée]taire)\b")
# … the label and its colon, the list after it: no item's title ("Étaient présents : M. NICOLAS, Maire"; not
# "Secrétaire de mairie : création d'un poste", "Pouvoirs de police : transfert")
ATTENDANCE_COLON = re.compile(ATTENDANCE_LABEL.pattern + r"(?:[ \t]+excus[ée]e?s?)?[ \t]*:")


def _kept(decisions: list) -> list:
    """An item's decisions: those that decide (a formula, a result, "Vote :", counts after the
    decision formula); counts alone only when the item has nothing else (a table's "4
    abstentions" beside the item's formula are not decisions of their own)."""
    strong = [d for d in decisions if _strong(d.statement) or d.formula]
    return strong or decisions


def _strong(st) -> bool:
    """A statement that decides: a result, a unanimity, "Vote :", a vote block ("Pour : 15", a
    table of the vote, its cells one under the other), or the decision formula of a part whose
    vote no piece reads (``_parts_closed``)."""
    return st.result is not None or st.unanimous or bool({"lead", "label_first", "table", "column", "stacked", "formula"}
                                                         & set(st.kinds))


# --- headings ----------------------------------------------------------------------------------

def _headings(lines: list[Line], skip: set[int], cells: frozenset[int] | set[int] = frozenset(),
              deciding: set[int] = frozenset()) -> list[Heading]:
    """The items' headings; ``cells``: the lines of votes below their first, which head nothing;
    ``deciding``: the lines of the decision formula and of the votes that decide (``_strong``)."""
    out = []
    last: dict[str, int] = {}  # the last value read of each kind of number: arabic, roman
    outer: tuple[dict, int] | None = None  # the sequence as it stood before numbers started again at 1, and where
    taken: set[int] = set()  # lines a heading above took as its title
    for i, line in enumerate(lines):
        if i in skip or i in taken or i in cells or not line.stripped or is_procedural(line.text):
            continue
        m = HEADING.match(line.text)
        if m and m.group("title") and (INFINITIVE.match(m.group("title")) or _leads_into(lines, i, skip)
                                       or _sentence(m.group("title"))):
            continue  # "Il est proposé de ⏎ 1- Maintenir les 2 périodes": a list inside the text
        if m and re.fullmatch(YEAR_LAST, m.group("num")) and not _announced_number(m):
            continue  # "12/2019 …" alone: a month, perhaps
        # "12 ⏎ 1. Recevoir … ⏎ 2. Diffuser … ⏎ LE CONSEIL … ACCEPTE ⏎ 13": numbers that started again, two
        # entries at least and one decision at most under them, were a list inside item 12, and 13 follows it
        resumes = (m is not None and outer is not None and len(out) - outer[1] >= LIST_ENTRIES
                   and not _in_sequence(m.group("num"), dict(last)) and _in_sequence(m.group("num"), dict(outer[0]))
                   and _decided_under(out[outer[1]:], deciding, i) <= 1)
        before = dict(last)
        if m and _plausible_number(m.group("num")) and _in_sequence(m.group("num"), dict(outer[0]) if resumes else last):
            number, title, first = m.group("num"), m.group("title"), i
            rapporteur = None
            if title is None:  # "1." alone on its line: the title is on the next line, past who
                passed, nxt = _below_number(lines, i, skip)  # presents it, an "OBJET :" alone, a line of signs
                taken.update(passed)
                rapporteur = next((who.group("who") for k in passed if (who := RAPPORTEUR_LINE.match(lines[k].text))), None)
                if nxt is None or HEADING.match(lines[nxt].text):
                    continue
                label = OBJET_LINE.match(lines[nxt].text)  # "DÉLIBÉRATION N° 2019-01 ⏎ Objet : Recensement …"
                title, first = label.group("title") if label else lines[nxt].stripped, nxt
                taken.add(nxt)
            register = REGISTER_FIRST.match(title)
            if register:  # "2. D2024-16 - Affectation des résultats": the deliberation's own number
                number, title = register.group("num"), register.group("title")
            if TABLE_ROW.search(title) or DATED.match(title) or ATTENDANCE_COLON.match(title):
                continue  # "27 MAI 2021": a date (a stamp's, a margin's), not item 27; "21 Étaient présents : …": a count the header gives
            title = _title(lines, first, title, skip)
            if title:
                if resumes:  # the list's entries head nothing; the items' sequence goes on
                    del out[outer[1]:]
                    last, outer = outer[0], None
                    _in_sequence(m.group("num"), last)
                elif _restarts(m.group("num"), before):
                    outer = (before, len(out))
                out.append(Heading(i, _number(number), title, rapporteur or _rapporteur_below(lines, first, skip)))
            continue
        m = OBJET_LINE.match(line.text)
        if m and _names(m.group("title")):
            out.append(Heading(i, None, _title(lines, i, m.group("title"), skip)))
    return _set_apart_as_the_others(_inside_register_items(out), lines)


SET_APART_HEADINGS = 3  # typography decides which numbered lines are headings when at least this many are set apart ...
SET_APART_SHARE = 0.75  # ... and they are this share of the headings whose typography is known


def _set_apart_as_the_others(headings: list[Heading], lines: list[Line]) -> list[Heading]:
    """Where the document sets its headings apart (bold, larger), a numbered line in the plain
    text's typography is a list inside an exposé or a decision, not an item."""
    known = [lines[h.line].apart for h in headings if lines[h.line].apart is not None]
    if known.count(True) < SET_APART_HEADINGS or known.count(True) < SET_APART_SHARE * len(known):
        return headings
    return [h for h in headings if lines[h.line].apart is not False]


# "1. De donner délégation …", "2. D'autoriser …": a clause of a decision, numbered
INFINITIVE = re.compile(r"^(?:De[ \t]+|D['’][ \t]?)[a-zà-ÿ]+(?:er|ir|re)\b")
LEADS = re.compile(r"(?i)\b(?:d[ée]cide|d[ée]lib[ée]r|propos|approuve|autorise|suivant|comme suit)")
# a month and a year after a day: the line is a date ("27 MAI 2021", "9 juin 2023 à 18h30")
DATED = re.compile(r"(?i)^(?:" + MONTH_NAMES + r")\.?[ \t]+(?:19|20)\d\d\b")
RECITAL = re.compile(r"(?i)^(?:vu|consid[ée]rant|attendu)\b")  # the visas and grounds of a decision


def _names(title: str) -> bool:
    """An "Objet :" that names an item: a title opening with a capital, not a list's bullet, a
    recital ("Vu le code …"), a clause of the decision ("accepte …"), a sentence of the exposé
    ("Il est proposé …"), a row of figures nor a scatter of OCR's stray glyphs (where OCR ran a
    margin's "Objet :" into the text beside it)."""
    title = title.strip()
    return (title[:1].isupper() and not RECITAL.match(title) and not CLAUSE_VERB.match(title)
            and not TABLE_ROW.search(title) and not PROSE.match(title) and not _scattered(title))


def _sentence(title: str, verbs: re.Pattern | None = None) -> bool:
    """A long title with a verb "est" or "sont" is a sentence of the text ("6- Les taux de
    redevances sont fixées annuellement …"), not an item's name. Where no number marks a heading,
    ``verbs`` (SENTENCE_VERB) tells more of them: a modal verb, asking, wishing ("Le coût pour les
    familles serait alors le suivant :") in the sentence's own clause — a name is a noun's phrase,
    which may hold a relative clause ("Fixation des tarifs qui seront appliqués à la rentrée")."""
    if len(title.split()) < 6:
        return False
    if verbs is None:
        return re.search(r"\b(?:est|sont)\b", title) is not None
    m = verbs.search(title)
    return m is not None and RELATIVE.search(title, 0, m.start()) is None


# the verbs of a sentence that no item's name uses: being, the modal verbs, asking and wishing, in the
# third person (a name says "Demande de …", "Sollicitation …")
SENTENCE_VERB = re.compile(r"\b(?:est|sont|serai(?:t|ent)|ser(?:a|ont)|devr(?:a|ont|ait|aient)|doi(?:t|vent)|peu(?:t|vent)"
                           r"|pourr(?:a|ont|ait|aient)|souhaite(?:nt)?|sollicite(?:nt)?)\b")
RELATIVE = re.compile(r"(?i)\b(?:qui|que|qu['’]|dont|lesquel(?:le)?s?|auxquel(?:le)?s?|o[uù])(?:\b|(?<=['’]))")


def _scattered(text: str) -> bool:
    """Three of the first six tokens a single character: OCR's reading of a stamp or a rule
    ("F . . eu L 1 Ç/ 1 RE …"), no title ("M 14 - Budget primitif" has two)."""
    return sum(len(t) <= 1 for t in text.split()[:6]) >= 3


def _leads_into(lines: list[Line], i: int, skip: set[int]) -> bool:
    """Whether the text line above ``i`` leads into it as into a list's entry: it stops on a
    preposition ("Il est proposé de"), or on a colon after a decision or a proposal ("DÉCIDE :")."""
    k = i - 1
    while k >= 0 and (k in skip or not lines[k].stripped):
        if not lines[k].stripped and k < i - 1:
            return False  # a blank line between: the entry stands on its own
        k -= 1
    if k < 0:
        return False
    above = lines[k].stripped
    if _decides(above):
        return False  # "… : 14 votes pour": the vote that closes the item before, not a sentence cut short
    if re.search(r"\b(?:de|d['’]|à|aux?|pour|par|les?|la|des)$", above, re.I):
        return True
    return above.endswith(":") and LEADS.search(above) is not None


def _plausible_number(num: str) -> bool:
    """A number an item may have: not a year alone, not a date, not an account code (041)."""
    digits = re.sub(r"\D", "", num)
    if re.fullmatch(r"0\d{2,}", num.strip()):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", num.strip()):
        return False  # "2019 a été …": a year opening a sentence
    if re.fullmatch(r"[0-3]?\d[./][01]?\d[./](?:19|20)?\d\d", num.strip()):
        return False  # a date
    if re.fullmatch(r"[A-Z]{1,4}[ \t]*[-_–.]?[ \t]*[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d", num.strip()):
        return False  # a date after a label, the year last ("CM - 11.04.2016" heading each page): no register's id
    return bool(digits) or bool(re.fullmatch(ROMAN_ITEM, num.strip()))


def _in_sequence(num: str, last: dict) -> bool:
    """A simple number follows the last of its kind closely, or starts again at 1 ("16" after item
    1 is a table's row, not item 16); a section's part ("II-3") follows the last part of its
    section or opens one; a register's id (D2025-008) stands on its own."""
    num = num.strip().rstrip(".")
    if re.fullmatch(rf"{REGISTER_ID}|{YEAR_LAST}", num):
        return True
    part = re.fullmatch(r"([IVXL]+)[-.](\d{1,2})", num)
    if part:  # "II-3": the third item of section II, after II-2 (or a little further on), or one of the first of a later
        # section; "I-1" starts again (the items after the agenda that listed them all)
        section, value = roman_value(part.group(1)), int(part.group(2))
        before = last.get("roman part")
        if before is None or value == 1 or (section > before[0] and value <= SEQUENCE_STEP) \
                or (section == before[0] and 0 < value - before[1] <= SEQUENCE_STEP):
            last["roman part"] = (section, value)
            return True
        return False
    sub = re.fullmatch(r"(\d{1,3})(?:\.(\d{1,2})|\.?([a-g]))", num)
    if sub:  # "3.2", "13.a", "13b": a part of item 3, 13: it follows the part before it, or opens the
        # parts of the item just read or of one a little further on
        base, value = int(sub.group(1)), _part_value(sub.group(2) or sub.group(3))
        item, before = last.get("arabic"), last.get("arabic part")
        if (before is not None and before[0] == base and 0 < value - before[1] <= SEQUENCE_STEP) or (
                value == 1 and (item is None or base == 1 or 0 <= base - item <= SEQUENCE_STEP)):
            last["arabic"], last["arabic part"] = base, (base, value)
            return True
        return False
    kind, value = ("arabic", _value(num)) if num[:1].isdigit() else ("roman", roman_value(num.split("-")[0]))
    if value is None:
        return True
    before = last.get(kind)
    if before is None or value == 1 or 0 < value - before <= SEQUENCE_STEP:
        last[kind] = value
        return True
    return False


def _decided_under(headings: list[Heading], deciding: set[int], end: int) -> int:
    """The decisions under ``headings`` (in order, the last one's text running to line ``end``):
    the lines of ``deciding`` among them, a formula and its vote a few lines apart counted once,
    and never one across a heading."""
    count, before = 0, None
    starts = {h.line for h in headings}
    for k in range(headings[0].line if headings else end, end):
        if k in starts:
            before = None
        elif k in deciding:
            count += before is None or k - before > DECISION_GAP
            before = k
    return count


def _restarts(num: str, last: dict) -> bool:
    """A plain number 1 after a plain number above it: the numbers start again (the items after the
    agenda that listed them, or a list inside an item)."""
    return num.strip().rstrip(".") == "1" and last.get("arabic", 0) > 1


def _part_value(part: str) -> int:
    """A part's rank: "2" is 2, "b" is 2."""
    return int(part) if part.isdigit() else ord(part) - ord("a") + 1


def _inside_register_items(headings: list[Heading]) -> list[Heading]:
    """Where a register numbers the items ("2015.01.26 - 4", then "2015.01.26 - 5"), a plain number
    in figures between two of its ids that follow each other is inside the first item — a list's
    entry, a quoted article ("5. Filière Equine" in a statute's text) — not an item the register
    would have numbered. A section's roman number ("II. FINANCES") may stand there: it groups the
    items, and is kept."""
    ids = [(k, _rank(h.number)) for k, h in enumerate(headings) if h.number and re.fullmatch(REGISTER_ID, h.number)]
    inside: set[int] = set()
    for (k, rank), (nxt, next_rank) in zip(ids, ids[1:]):
        if rank is not None and next_rank == rank + 1:
            inside |= {j for j in range(k + 1, nxt) if (headings[j].number or "")[:1].isdigit()}
    return [h for k, h in enumerate(headings) if k not in inside]


def _rank(register_id: str) -> int | None:
    """The item's rank in a register's id: its last part ("2015.01.26 - 4": 4, "D2024-17": 17)."""
    last = re.split(r"[ \t]*[-_–/.][ \t]*", register_id.strip())[-1]
    return int(last) if last.isdigit() else None


def _number(num: str) -> str:
    """As printed ("D2024 – 14", "DL-056-07-13", "II"), without a final stop."""
    return num.strip().rstrip(".")


def _title(lines: list[Line], first: int, title: str, skip: set[int]) -> str | None:
    parts = [title.strip()]
    i = first
    for _ in range(TITLE_LINES - 1):
        nxt = _next_text_line(lines, i, skip)
        if nxt is None:
            break
        # a blank line inside a title: some tools that give a PDF's text put one between its boxes
        blank = not _only_skipped_between(i, nxt, skip)
        if blank and not _one_blank_between(lines, i, nxt, skip):
            break
        text = lines[nxt].stripped
        if HEADING.match(lines[nxt].text) or OBJET_LINE.match(lines[nxt].text) or RAPPORTEUR_LINE.match(text) or _decides(text):
            break
        if lines[first].apart and lines[nxt].apart is False:
            break  # the title is set apart (bold, larger) and this line is not: the text has begun
        if _in_capitals(parts[-1]) and not _in_capitals(text) and not CONNECTOR_END.search(parts[-1]) \
                and len(text.split()) > LABEL_WORDS:
            break  # a title set in capitals, whole, then a sentence in lower case: the exposé has begun, even
            # where OCR read its first capital as a small letter ("ll est proposé au conseil municipal de …")
        in_capitals = parts[-1].upper() == parts[-1] and text.upper() == text and re.search(r"[^\W\d_]", text)
        # "… parking Sabatier II : ⏎ Autorisation à donner …": a colon announces the rest of the title;
        # "… potable - rue ⏎ Chauret": the last word or two of a title the line wrapped
        # — not a sentence of the exposé the colon leads into ("ONF Etat d'assiette 2023 : ⏎ Il n'y aura pas …")
        announced = parts[-1].endswith(":") and not (SPEAKER.match(text) or PROSE.search(text) or RECITAL.match(text)
                                                     or len(text.split()) > LABEL_WORDS or text.endswith(".")
                                                     or TABLE_ROW.search(text))
        wrapped = len(text.split()) <= 2 and ":" not in text and not text.endswith(".") and not SPEAKER.match(text)
        opened = (sum(p.count("(") - p.count(")") for p in parts) > 0  # "… d'un fonctionnaire (article ⏎ 3-2 de la loi …)"
                  and not (SPEAKER.match(text) or PROSE.search(text) or text.endswith(".") or len(text.split()) > LABEL_WORDS))
        # a line alone between blank lines, a member speaking after it: the title's last line
        rest = blank and _speaker_next(lines, nxt, skip) and carries_on(parts[-1], text, speaker_next=True)
        if not (SUBTITLE.match(text) or text[:1].islower() or CONNECTOR_END.search(parts[-1]) or in_capitals
                or announced or wrapped or opened or rest):
            break
        if blank and not (carries_on(parts[-1], text) or rest
                          or (in_capitals and not _exposes(text) and not SPEAKER.match(text.title()))):
            break  # past a blank line, a title goes on in capitals as it began (no sentence of the exposé), or plainly carries on
        parts.append(text)
        i = nxt
    title = one_line(" ".join(parts)).strip(" :")
    return title or None


def _in_capitals(text: str) -> bool:
    """Set in capitals: two letters at least, none of them small."""
    return text.upper() == text and len(re.findall(r"[^\W\d_]", text)) >= 2


def _rapporteur_below(lines: list[Line], first: int, skip: set[int]) -> str | None:
    """Who presents the item, when a line of its own names them under its title, before the next
    heading and within TITLE_LINES + 1 lines ("1. Tarifs ⏎ Rapporteur : M. Paul Bernard")."""
    k = first
    for _ in range(TITLE_LINES + 1):
        k = _next_text_line(lines, k, skip)
        if k is None or HEADING.match(lines[k].text):
            return None
        who = RAPPORTEUR_LINE.match(lines[k].text)
        if who:
            return who.group("who")
    return None


def _only_skipped_between(a: int, b: int, skip: set[int]) -> bool:
    return all(k in skip for k in range(a + 1, b))


def _one_blank_between(lines: list[Line], a: int, b: int, skip: set[int]) -> bool:
    """Between lines ``a`` and ``b`` only skipped lines and one blank line."""
    between = [k for k in range(a + 1, b) if k not in skip]
    return len(between) == 1 and not lines[between[0]].stripped


def _speaker_next(lines: list[Line], i: int, skip: set[int]) -> bool:
    """After line ``i`` a blank line, then a member who speaks: the exposé begins."""
    nxt = _next_text_line(lines, i, skip)
    return nxt is not None and not _only_skipped_between(i, nxt, skip) and SPEAKER.match(lines[nxt].stripped) is not None


def _next_text_line(lines: list[Line], i: int, skip: set[int]) -> int | None:
    for k in range(i + 1, min(len(lines), i + 6)):
        if k not in skip and lines[k].stripped:
            return k
    return None


def _decides(text: str) -> bool:
    return bool(votes.statements(text))


def _governing(headings: list[Heading], line: int, last: int | None) -> int | None:
    """The heading of the decision at ``line``: the last heading above it, unless the item before
    tells which one follows. After item 4 comes item 5, so of "5. Construction …", "1. Voirie …",
    "5. Espaces verts …" (a list inside item 5) the first 5 is the item's; and after an item
    numbered as the register numbers them (DL-061-07-13) the next is the next such heading, not "3."
    of a list inside it."""
    above = [k for k, h in enumerate(headings) if h.line <= line]
    if not above:
        return None
    if last is None:
        return above[-1]
    since = [k for k in above if k > last]
    if not since:
        return last  # another decision of the same item
    style = _style(headings[last].number)
    same = [k for k in since if _style(headings[k].number) == style]
    if style == "arabic" and same:
        before = _value(headings[last].number)
        chain = next((k for k in same if _value(headings[k].number) == before + 1), None)
        while chain is not None:  # item 4 with no decision of its own (a presentation), item 5 right under it,
            nxt = since.index(chain) + 1  # then the vote: item 5's — only when no other heading stands between
            if nxt < len(since) and since[nxt] in same and _value(headings[since[nxt]].number) == _value(headings[chain].number) + 1:
                chain = since[nxt]
                continue
            return chain
        later = [k for k in same if 0 < _value(headings[k].number) - before <= SEQUENCE_STEP]
        if later:
            return later[0]
    if style == "register" and same:
        return same[-1]
    if style in ("arabic", "register") and not same and all(_style(headings[k].number) == "roman" for k in since):
        return last  # "7- Modalités …", its parts "I) … AGENTS", "II) … ELUS", then its vote: item 7's
    return since[-1]


def _style(number: str | None) -> str:
    if number is None:
        return "none"
    if re.fullmatch(rf"{REGISTER_ID}|{YEAR_LAST}", number):
        return "register"
    return "arabic" if number[:1].isdigit() else "roman"


def _value(number: str) -> int:
    return int(re.match(r"\d+", number).group())


@dataclass
class Label:
    name: str
    subtitle: bool  # a sub-title of the item (a dash line, a lettered part, a sum granted), not any short line


# a line that names a sum granted, as a list of subsidies gives each before its vote: a name, then one amount
# in euros ending the line, perhaps an empty cell of the table's next column after it ("Judo 700 € /",
# "A.C.P.G.-A.C.A.T.M. 320 €")
GRANT_LINE = re.compile(r"^[ \t]*+(?P<name>(?P<who>[^\W\d_][^€\n]{0,80}?)[ \t:]+[1-9]\d{0,2}(?:[ .\u00a0]?\d{3}){0,2}+(?:,\d{1,2})?[ \t]*+"
                        r"(?:€|euros?\b))[ \t]*+[/–-]?[ \t]*+$", re.I)
GRANTS = 2  # decisions of one item at least, each led by a line naming a sum granted and no other name, to name them so


def granted(line: str) -> str | None:
    """The name and the sum of a line naming a sum granted (GRANT_LINE), or None: no table's row
    (another figure before the sum, a calculation), no sentence that ends on a sum ("… s'élève à
    2000€": a preposition before it, or a verb)."""
    m = GRANT_LINE.match(line)
    if m is None or len(m.group("name").split()) > LABEL_WORDS:
        return None
    who = m.group("who").rstrip(" \t:")
    if re.search(r"[=×]|\d[ .\u00a0]\d{3}\b|\d,\d|\d[ \t]+[x*][ \t]+\d|\d$", who) or len(re.findall(r"\d+", who)) > 1:
        return None  # "Charges à caractère général 250 000 260 000 €", "40 x 1,62 x 7,96 = 516,65 €", "Inférieur à 667 2,00 €"
    if CONNECTOR_END.search(who) or PROSE.search(who) or SPEAKER.match(who) or _sentence(who, SENTENCE_VERB):
        return None
    return m.group("name")


def _labels(lines: list[Line], decs: list, heading_line: int, skip: set[int]) -> list[Label | None]:
    """The names of an item's decisions (``_label``), each from the lines that lead to it. Where
    the item lists two decisions at least that a line naming a sum granted leads to, and nothing
    else names (a list of subsidies, each voted: "Judo 700 € ⏎ Vote : …"), each decision led by
    such a line is named by it — the list's first too, under the list's title ("- Vote des
    subventions ⏎ … ⏎ Festival des Forêts 3000 € ⏎ Vote : …"); each is then a decision of its own
    (``parts``). Else a sum line names nothing: a sub-title with its sum under it ("- Compte
    administratif ⏎ Excédent : 125 430,12 €"), a tariff under its title, a cost in a plan of
    financing."""
    spans, k = [], heading_line
    for dec in decs:
        spans.append((k, dec.first_line))
        k = dec.end_line + 1
    labels = [_label(lines, a, b, heading_line, skip) for a, b in spans]
    granted = [_granted_in(lines, a, b, heading_line, skip) for a, b in spans]
    alone = sum(1 for name, label in zip(granted, labels) if name and label is None)
    if alone < GRANTS:
        return labels
    return [Label(one_line(name), subtitle=True) if name else label for name, label in zip(granted, labels)]


def _granted_in(lines: list[Line], first: int, last: int, heading_line: int, skip: set[int]) -> str | None:
    """The one line naming a sum granted (``granted``) of the lines ``first`` to ``last``, or None."""
    found = [name for k in range(first, last) if k not in skip and k != heading_line and (name := granted(lines[k].text))]
    return found[0] if len(found) == 1 else None


def _label(lines: list[Line], first: int, last: int, heading_line: int, skip: set[int]) -> Label | None:
    """The name of one of an item's several decisions: the first sub-title (a dash line, a lettered
    part) of the lines that lead to it — "- Approbation du compte administratif 2021" — else its
    first title-like line; None when the lines are all prose."""
    candidates = []
    for k in range(first, last):
        if k in skip or not lines[k].stripped or _decides(lines[k].stripped):
            continue
        text = lines[k].stripped
        if k == heading_line:
            m = HEADING.match(lines[k].text)
            text = (m.group("title") or "") if m else text
        name = SUB_MARK.sub("", text).rstrip(" :")
        lettered = LETTERED.match(text) is not None  # "C) SUBVENTIONS DANS LE CADRE DE L'ANIMATION MUSICALE.": a part's
        name = name.rstrip(".,") if lettered else name  # name, its final stop or comma no sentence's
        words = name.split()
        if not (1 <= len(words) <= LABEL_WORDS and name[:1].isupper() and not name.endswith((".", ";", ","))
                and not is_procedural(name) and not TABLE_ROW.search(name) and not CLAUSE_VERB.match(name)):
            continue
        if SUBTITLE.match(text) and k != heading_line:
            if not lettered and _clause_wraps_on(lines, k, last, skip):
                continue  # "- Le recrutement d'un C.A.E. pour … à temps ⏎ partiel à raison … ⏎ … 2016.": a clause, no part's name
            return Label(one_line(_cut_runs_on(lines, k, name, last, skip)), subtitle=True)
        candidates.append(Label(one_line(name), subtitle=False))
    return candidates[0] if candidates else None


def _clause_wraps_on(lines: list[Line], k: int, last: int, skip: set[int]) -> bool:
    """The dash line ``k`` is a sentence the page wrapped: lines opening in small letters carry it
    on, and the last of them ends on a stop, a comma or a semicolon — a clause of a proposal ("-
    Pour exercer les fonctions … à raison de 20 ⏎ heures par semaine,"), no part's sub-title."""
    nxt, end = _next_text_line(lines, k, skip), k
    while nxt is not None and nxt < last and lines[nxt].stripped[:1].islower():
        end, nxt = nxt, _next_text_line(lines, nxt, skip)
    return end > k and lines[end].stripped.endswith((".", ",", ";"))


def _cut_runs_on(lines: list[Line], k: int, name: str, last: int, skip: set[int]) -> str:
    """A sub-title cut after a preposition or a dash, or set in capitals as the line below it, with
    the lines that carry it on ("C) RENOUVELLEMENT D'UN POSTE PERMANENT - SERVICES TECHNIQUES - ⏎
    PLOMBIER - CHAUFFAGISTE"), before the line ``last``."""
    for _ in range(TITLE_LINES - 1):
        nxt = _next_text_line(lines, k, skip)
        if nxt is None or nxt >= last:
            break
        text = lines[nxt].stripped
        in_capitals = name.upper() == name and text.upper() == text and re.search(r"[^\W\d_]{2}", text)
        if not (CONNECTOR_END.search(name) or in_capitals):
            break
        if VALUE_AFTER_LABEL.search(text):  # "A) Budget principal de la Ville d'Avranches, ⏎ Equilibre en section
            return name.rstrip(" ,")  # de fonctionnement : 11455 203.06": the figures the part gives, below its whole name
        if (SUB_MARK.match(lines[nxt].text) or HEADING.match(lines[nxt].text) or _decides(text) or _exposes(text)
                or SPEAKER.match(text.title()) or len(f"{name} {text}".split()) > 2 * LABEL_WORDS):
            break  # "MONSIEUR LE MAIRE PROPOSE …": the exposé in capitals, no part of the name
        name, k = f"{name} {text}", nxt
    return name


VALUE_AFTER_LABEL = re.compile(r":[ \t]*[-+]?\d")  # "… de fonctionnement : 11 455 203,06"


# --- decisions ---------------------------------------------------------------------------------

@dataclass
class _Decision:
    statement: votes.Statement
    first_line: int
    end: int
    end_line: int
    formula: bool = False  # its counts follow the decision formula ("après en avoir délibéré, par 15 voix pour")


# the decision formula: "après en avoir délibéré", "DÉCIDE", or the council named as the subject of the
# decision and, after a comma, how it decides: "LE CONSEIL MUNICIPAL, A L'UNANIMITE, ACCEPTE …", "…, A
# L'EXCEPTION DE …", "APRES DEBAT, …, LE CONSEIL MUNICIPAL, A ⏎ L'UNANIMITE" — not a running header
# ("Conseil municipal, séance du …") nor an exposé's sentence ("…, le Conseil municipal, par délibération du …")
DECIDING = re.compile(r"(?i:\bapr[èe]s[ \t]+en[ \t]+avoir[ \t]+d[ée]lib[ée]r[ée])|^[ \t]*(?:-[ \t]*)?(?:D[ÉE]CIDE|D[ÉE]LIB[ÈE]RE)\b"
                      r"|(?i:(?:^[ \t]*|,[ \t]*)(?:le[ \t]+)?conseil[ \t]+municipal[ \t]*,[ \t]*+"
                      r"(?:[àa](?:[ \t]+l|[ \t]*$)|apr[èe]s\b|par[ \t]+\d|d[ée]cide|accepte|approuve|adopte|rejette|sauf\b))")


def _formula_closed(decisions: list[_Decision], headings: list[Heading], lines: list[Line],
                    skip: set[int]) -> list[_Decision]:
    """``decisions`` and, for each item whose heading no vote follows but whose text holds the
    decision formula, a decision with no vote at the formula: the item is a decision of the
    council whose vote is written in a form not read (or not written at all), kept with its
    number and subject and sent to review, never dropped. The same for a lettered part of an
    item (``_parts_closed``)."""
    firsts = sorted(dec.first_line for dec in decisions)
    bounds = [h.line for h in headings] + [len(lines)]
    added = []
    for h, end in zip(headings, bounds[1:]):
        if any(h.line <= k < end for k in firsts):
            added += _parts_closed(decisions, h.line, end, lines, skip)
            continue
        k = next((k for k in range(h.line + 1, end) if k not in skip and DECIDING.search(lines[k].text)), None)
        if k is not None:
            added.append(_no_vote(lines, k))
    return sorted(decisions + added, key=lambda dec: dec.first_line)


def _no_vote(lines: list[Line], k: int) -> _Decision:
    """A decision at the formula on line ``k``, whose vote no piece reads."""
    st = votes.Statement(lines[k].start, lines[k].end, kinds=["formula"], notes=[votes.NO_VOTE])
    return _Decision(st, k, lines[k].end, k)


def _parts_closed(decisions: list[_Decision], first: int, end: int, lines: list[Line], skip: set[int]) -> list[_Decision]:
    """The same within an item of lettered parts ("A) …", "B. …"), each closed by its formula: a
    part whose formula no vote follows before the next part's sub-title, while a later part has
    its vote, is a decision with no vote read at its formula; so is the last part's, when a part
    before it has its vote ("A) Budget principal … QUI VOTENT CONTRE, ACCEPTE", then "B) Budget
    des opérations … oui VOTENT cowÏpe, ùccepÏe": a vote OCR garbled). (Dash lines are left out:
    a decision's own clauses are dash lines too.)"""
    mine = [dec for dec in decisions if first <= dec.first_line < end]
    taken = {k for dec in mine for k in range(dec.first_line, dec.end_line + 1)}
    out = []
    k = first + 1
    while k < end:
        if k in skip or k in taken or not DECIDING.search(lines[k].text):
            k += 1
            continue
        nxt = next((dec.first_line for dec in mine if dec.first_line > k), None)
        if nxt is None:  # after the last vote: the last part's formula, when a part opened since that vote
            voted = max((dec.end_line for dec in mine if dec.end_line < k), default=None)
            if voted is not None and not lines[k].stripped.endswith(":") and any(
                    _lettered_part(lines, j, skip) for j in range(voted + 1, k)):
                out.append(_no_vote(lines, k))
            break
        part = next((j for j in range(k + 1, nxt) if _lettered_part(lines, j, skip)), None)  # … opens before the next vote
        said = " ".join(lines[j].stripped for j in range(k, part or k) if j not in skip)
        if part is None or said.endswith(":"):
            k += 1  # "… après en avoir délibéré, approuve : ⏎ A) …": the formula leads into its own clauses
            continue
        out.append(_no_vote(lines, k))
        k = part  # the formula's own lines ("DÉCIDE :" below it) are one decision
    return out


def _lettered_part(lines: list[Line], j: int, skip: set[int]) -> bool:
    """Line ``j`` opens a lettered part of an item ("A) …", "B. …"), not a dash line."""
    return j not in skip and SUB_MARK.match(lines[j].text) is not None and lines[j].stripped[:1] not in DASHES


def _line_index(lines: list[Line]):
    starts = [ln.start for ln in lines]

    def line_of(pos: int) -> int:
        import bisect

        return bisect.bisect_right(starts, pos) - 1

    return line_of


def _decisions(statements: list, lines: list[Line], line_of, skip: set[int], heading_lines: set[int]) -> list[_Decision]:
    """The decisions of the text, each a statement with the counts that close it: a formula
    ("après en avoir délibéré, à la majorité :"), its clauses, then "1 contre : M. Leblanc" —
    never across an item's heading."""
    out: list[_Decision] = []
    for st in statements:
        prev = out[-1] if out else None
        first = line_of(st.start)
        if prev is not None and _closes(prev, st, lines, line_of, skip) \
                and not any(k in heading_lines for k in range(prev.end_line + 1, first + 1)):
            _add_counts(prev.statement, st)
            prev.end, prev.end_line = st.end, line_of(st.end)
            continue
        before = _before(lines[first], st.start).strip(" \t-–—−•")
        # … or the counts open the line under the formula, the members' tallies perhaps before them ("Votants : 14 – Pour : 12")
        formula = bool(COUNTS_FOLLOW.search(before)) or (votes.TALLIED_BLOCK.fullmatch(before) is not None  # nothing, or the tallies
                                                         and _under_formula(lines, first, skip)) \
            or (before.endswith(" par") and DECIDING.search(before) is not None)  # "… délibéré, REJETTE la proposition par"
        # "… après en avoir délibéré, par 13 voix pour et 1 contre", or "… délibéré, DÉCIDE ⏎ 13 voix pour, 1 contre"
        if formula or _heads(st, before):
            out.append(_Decision(st, first, st.end, line_of(st.end), formula))
    return out


# the decision formula opening its line: "Le Conseil Municipal, après en avoir délibéré, …", "LE CONSEIL
# MUNICIPAL, A L'UNANIMITE, ACCEPTE …", "Après en avoir délibéré, …", "DÉCIDE …" — capitalised as a
# sentence opens, the council named as the municipal council's
FORMULA_OPENS = re.compile(r"^[ \t]*+(?:[-–•][ \t]*+)?(?:(?:Le|LE)[ \t]+(?i:conseil[ \t]+municipal)\b"
                           r"|(?:Apr[èe]s|APR[ÈE]S)[ \t]+(?i:en[ \t]+avoir)\b|D[ÉE]CIDE\b|D[ÉE]LIB[ÈE]RE\b)")
# … not an earlier act an exposé tells ("Le Conseil Municipal, par délibération du 2 juin 2014, …", "…
# lors de sa séance du …")
TOLD_DECISION = re.compile(r"(?i)\bpar[ \t]+d[ée]lib[ée]ration\b|\blors[ \t]+de[ \t]+(?:sa|la)[ \t]+s[ée]ance\b|\ben[ \t]+date[ \t]+du\b")


def _formulas_apart(decs: list[_Decision], lines: list[Line], skip: set[int], heading: Heading) -> bool:
    """Each decision is the council's formula and its vote, with prose between each and the next
    ("Le Conseil Municipal, après en avoir délibéré, à l'unanimité," ⏎ "Jusqu'en 2019, la commune
    participait …" ⏎ … ⏎ "Le Conseil Municipal, après en avoir délibéré, à l'unanimité,") and
    text before the first below the heading's title: the item's decisions, each of its own — not
    the rows of a table of votes, nor a formula the page set right under the heading, away from
    the item it closes."""
    if not heading.title:
        return False
    title = one_line(heading.title)
    exposed = any(k not in skip and lines[k].stripped and not _names_the_item(lines[k], title)
                  for k in range(heading.line + 1, decs[0].first_line))
    if not all(_in_formula(lines, dec, skip) for dec in decs) and any(_may_head(lines, a.end_line, b.first_line, skip)
                                                                      for a, b in zip(decs, decs[1:])):
        return False  # results, a line between them that may head an item not read ("12/2019 Facture …")
    return exposed and _said_alike(lines, decs, skip) and not any(
        _clauses_between(lines, a.end_line, b.first_line, skip) for a, b in zip(decs, decs[1:]))


def _may_head(lines: list[Line], a: int, b: int, skip: set[int]) -> bool:
    """Between lines ``a`` and ``b`` a line that may head an item the reader did not take: in
    capitals, or opening on a number and a title ("2022 – BUDGET PRIMITIF", "12/2019 Facture …")."""
    return any(_in_capitals(lines[k].stripped) or HEADING.match(lines[k].text)
               for k in range(a + 1, b) if k not in skip and lines[k].stripped)



def _names_the_item(line: Line, title: str) -> bool:
    """The line is part of the heading's: a line of its title, its "Objet :" line, who presents it."""
    text = SUB_MARK.sub("", OBJET_LABEL.sub("", line.stripped))
    return (not text or one_line(text) in title or RAPPORTEUR_LINE.match(line.text) is not None
            or OBJET_ALONE.match(line.text) is not None)


# a line opening on a number of the register's shape the reader did not take, before a word in
# capitals (its first letter may be a digit OCR read for it): "20'l8.06.26-19 AUTORISATION DE …",
# "2018.06.26-8 0FFRES PROMOTIONNFIIES …" as OCR gave them — an item's heading, lost
LOST_HEADING = re.compile(rf"^[ \t]*+(?!\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\s)(?=[^\s\d]*+\d)(?=[^\s.\-/]*+[.\-/])\S++[ \t]++"
                          rf"[0O1lI|]?[{UPPER}]{{3,}}\b")  # not a date ("10/04/2024 CONSEIL MUNICIPAL")
HEADING_LOST = "a line between its decisions may head an item not read"  # validate.CHECKS
UNNAMED_DECISION = "one of the item's decisions, named by its title alone"  # validate.CHECKS


def _heading_lost(lines: list[Line], a: int, b: int, skip: set[int]) -> bool:
    """A line between lines ``a`` and ``b`` opens on a number of the register's shape (digits and
    a stop, a dash or a slash) the reader did not take, before a word in capitals."""
    return any(k not in skip and LOST_HEADING.match(lines[k].text) and not _decides(lines[k].text) for k in range(a + 1, b))


def _in_formula(lines: list[Line], dec: _Decision, skip: set[int]) -> bool:
    """The decision is said in the council's formula: its vote stands in the formula that opens
    its line, or its counts open the line under the formula's ("… après en avoir délibéré, ⏎ par
    12 voix pour", "… délibéré, DÉCIDE ⏎ POUR CONTRE …") — not a committee's vote the page wrapped
    ("… la commission a émis un avis favorable ⏎ par 6 voix pour")."""
    line = lines[dec.first_line]
    if FORMULA_OPENS.match(line.text) and DECIDING.search(line.text) and not TOLD_DECISION.search(line.text):
        return True
    return dec.formula and _under_formula(lines, dec.first_line, skip)


def _said_alike(lines: list[Line], decs: list[_Decision], skip: set[int]) -> bool:
    """The decisions are each said the same way the council says one: each in its formula
    (``_in_formula``), or each by its result opening the line, capitalised ("ADOPTÉ à l'unanimité.",
    "ADOPTÉ 9 voix pour, 5 abstentions") — not the formula, then the result told again under it."""
    return all(_in_formula(lines, dec, skip) for dec in decs) or all(_result_opens(lines, dec) for dec in decs)


def _result_opens(lines: list[Line], dec: _Decision) -> bool:
    st, line = dec.statement, lines[dec.first_line]
    return (st.result is not None and "result" in st.kinds and not _before(line, st.start).strip(NOISE)
            and line.text[st.start - line.start:][:1].isupper())


def _under_formula(lines: list[Line], k: int, skip: set[int]) -> bool:
    """The text line above line ``k`` ends on the decision formula ("… après en avoir délibéré,
    DÉCIDE", "… délibéré :"): counts opening line ``k`` are the votes it announces."""
    above = k - 1
    while above >= 0 and (above in skip or not lines[above].stripped):
        above -= 1
    if above < 0 or not DECIDING.search(lines[above].text):
        return False
    return re.search(r"(?i)(?:\bd[ée]cide|\bd[ée]lib[èe]re|d[ée]lib[ée]r[ée])[ \t]*[,:]?$", lines[above].stripped) is not None


def _before(line: Line, pos: int) -> str:
    """What stands before ``pos`` on its ``line``, at most LOOK_BACK characters of it (a label has
    at most LABEL_WORDS words; a line of thousands of statements is read in linear time)."""
    return line.text[max(0, pos - line.start - LOOK_BACK):max(0, pos - line.start)]


def _heads(st, before: str) -> bool:
    """A statement that is a decision of its own: a result, a unanimity, a "Vote :", or counts
    that open their line ("Pour : 14", "15 pour"), ``before`` being what stands before it there;
    counts after the decision formula are _decisions' too (COUNTS_FOLLOW). A count inside a
    sentence or a table row ("2 800 € 1 abstention") only closes a decision."""
    if st.result is not None or st.unanimous or "lead" in st.kinds:
        return True
    # … or after a label that names them: "Vote de la motion : 12 votes pour / 2 abstentions"
    # … or after the word a vote block's labels share ("Voix pour : 15 ⏎ Voix contre : 2")
    # … or after the members' tallies its block opens with ("Votants : 14 – Pour : 12 – Contre : 2")
    return not before.strip(":") or before.endswith(":") and len(before.split()) <= LABEL_WORDS \
        or votes.TALLIED_BLOCK.fullmatch(before) is not None


# the words of the decision formula that its counts follow: "… délibéré, par", "… décide par", "Délibération
# adoptée par" (opening the line: not "Le budget primitif, adopté par 12 voix", told),
# "… délibéré à", "… délibéré, avec", "Le Conseil municipal, par", or "Par" ("Avec") opening the line below
# the formula — not any "par" ("la commission a émis un avis favorable par 6 voix pour" tells another body's vote);
# or the formula's own words and their comma, the counts right after them ("… après en avoir délibéré, 12 voix pour")
COUNTS_FOLLOW = re.compile(r"(?i)(?:^|d[ée]lib[ée]r[ée]\s*,?\s*|\bconseil(?:\s+municipal)?\s*,?\s*|\bd[ée]cide\s*,?\s*"
                           r"|(?:^|\bd[ée]lib[ée]ration\s+)(?:adopt|approuv)[ée]e?s?\s+)(?:par|à|avec)$"
                           r"|\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]\s*,?\s*$")


def _closes(prev: _Decision, st, lines: list[Line], line_of, skip: set[int]) -> bool:
    """``st`` gives the counts of ``prev``'s decision: it holds counts the decision lacks, and only
    the decision's clauses (or nothing) stand between them."""
    if not st.counts or any(label in prev.statement.counts for label in st.counts):
        return False
    if st.result is not None and prev.statement.result is not None:
        return False
    if prev.statement.unanimous and st.counts.get("contre"):  # "… désigne Monsieur le Maire à l'unanimité", then
        return False  # "Vote : 1 contre …": two votes, not one told in two pieces (abstentions may close a unanimity)
    if "lead" in prev.statement.kinds and "lead" in st.kinds and (prev.statement.unanimous or "pour" in prev.statement.counts):
        return False  # a whole vote called so, then another: "Vote : Pour, à l'unanimité" ⏎ "Compagnie d'arc 450 €" ⏎
        # "Vote : - Pour : 15 - Abstention : 1" — two, the second no counts closing the first
    return _clauses_between(lines, line_of(prev.end), line_of(st.start), skip)


def _clauses_between(lines: list[Line], a: int, b: int, skip: set[int]) -> bool:
    """Only a decision's clauses (or nothing) stand between lines ``a`` and ``b``: a few lines,
    each a clause ("autorise Monsieur le Maire …"), a vote's or a short one."""
    between = [lines[k].stripped for k in range(a + 1, b) if k not in skip and lines[k].stripped]
    return len(between) <= 12 and all(CLAUSE.match(t) or t.lower().startswith("vote") or _short_line(t) for t in between)


def _short_line(text: str) -> bool:
    """A line of a decision's clauses that is no prose: "Section de fonctionnement : 1 363 575,62 €"."""
    return len(text.split()) <= LABEL_WORDS and not text.endswith(".")


def _add_counts(into: votes.Statement, st) -> None:
    for label, n in st.counts.items():
        into.counts.setdefault(label, n)
    into.notes += st.notes
    into.end = st.end
    into.kinds += st.kinds
    if into.result is None and st.result is not None:
        into.result = st.result
    into.unanimous = into.unanimous or st.unanimous
