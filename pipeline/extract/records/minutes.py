"""Small-commune minutes: numbered items in prose, votes in words.

  1/ Présentation du budget :                  an item: "1/", "1-", "1)", "1." or "1 " and a title
  Vote des comptes de gestion 2020 :           a decision of its own inside the item …
  15 pour.                                     … and its vote
  2/ Travaux sylvicoles ONF année 2021 :
  Les travaux : nettoyage … Devis de 2600€.
  15 pour                                      the item's one vote: its subject is the item's title
  Voter pour donner aux associations … : Vote : 14 pour / 0 contre / 0 abstention  adopté
                                               the words before "Vote :" are the subject
  6.5.2 Panneau Pocket ⏎ Pour : 49 ⏎ Contre : 33   residents polled: more votes than members,
                                                   not a deliberation (validate.py drops it)

Item numbers go up: a line "1 DEVIS électrification cloche : 3400 €" inside item 6 is not item 1.
The agenda at the top lists the same titles; a statement belongs to the last item heading above it.
"""

from __future__ import annotations

import re

from pipeline.extract.records import votes
from pipeline.extract.records.common import UPPER, Deliberation, is_procedural, one_line

HEADING = re.compile(rf"(?m)^[ \t]*(?P<num>\d{{1,2}})[ \t]*(?:[/)\-–.][ \t]*|[ \t]+)(?P<title>[{UPPER}«\"“].*)$")
LEAD_WORDS = re.compile(r"^(?:(?:r[ée]sultat\s+du\s+)?vote|d[ée]cision)\s*:?$", re.I)


def read(text: str, statements: list) -> list[Deliberation]:
    headings = [m for m in HEADING.finditer(text) if not is_procedural(m.group())]
    out: list[Deliberation] = []
    current: re.Match | None = None
    for st in statements:
        current = _governing(headings, st.start, current)
        line_start = text.rfind("\n", 0, st.start) + 1
        d = Deliberation(char_start=current.start() + _indent(current) if current else line_start, char_end=st.end,
                         layout="minutes")
        if current:
            d.number = current.group("num")
        d.objet = _subject(text, st, current)
        votes.decide(d, st)
        out.append(d)
    return out


def _governing(headings: list[re.Match], pos: int, current: re.Match | None) -> re.Match | None:
    """The last heading above ``pos`` whose number does not go back below the current item's."""
    floor = int(current.group("num")) if current else 0
    best = current
    for m in headings:
        if m.start() >= pos:
            break
        if current is not None and m.start() <= current.start():
            continue
        n = int(m.group("num"))
        if n >= floor or current is None:  # before the first decision: the last heading (the agenda lists them all)
            best, floor = m, n
    return best


def _subject(text: str, st, heading: re.Match | None) -> str | None:
    line_start = text.rfind("\n", 0, st.start) + 1
    lead = text[line_start:st.start].strip(" \t:-–•\uf0e0")
    lead = re.sub(r"\s*(?:(?:r[ée]sultat\s+du\s+)?vote)\s*:?\s*$", "", lead, flags=re.I).strip(" \t:-–")
    if heading is not None and heading.start() == line_start:
        lead = ""  # the statement sits on the heading's own line
    if len(lead.split()) >= 2 and not LEAD_WORDS.match(lead):
        return one_line(lead)
    prev = text[:line_start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    if prev.endswith(":") and (heading is None or text.rfind(prev, 0, line_start) != heading.start() + _indent(heading)):
        label = prev.rstrip(" :")
        if len(label.split()) >= 2 and not LEAD_WORDS.match(label) and not HEADING.match(prev):
            return one_line(label)
    if heading is not None:
        return one_line(heading.group("title").rstrip(" :")) or None
    return None


def _indent(m: re.Match) -> int:
    return len(m.group()) - len(m.group().lstrip())
