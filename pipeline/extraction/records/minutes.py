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

from pipeline.extraction.records import votes
from pipeline.extraction.records.common import COPULA_END, LOOK_BACK, UPPER, Deliberation, is_procedural, one_line, roman_value

# "1/ Motion ONF :", "2- Travaux", "III    Adhésion aux associations." (Roman numerals, up to XXXIX)
HEADING = re.compile(rf"(?m)^[ \t]*(?P<num>\d{{1,2}}|(?=[IVX])X{{0,3}}(?:IX|IV|V?I{{0,3}})\b)(?:[ \t]*+[/)\-–.][ \t]*+|[ \t]++)"
                     rf"(?i:objet[ \t]*+:[ \t]*+)?(?P<title>[{UPPER}«\"“].*)$")  # possessive: linear on runs of spaces
# "Vote de la motion", "Vote de l'état d'assiette", "Vote du budget": a vote named by its object
VOTE_ON = re.compile(r"(?i)^vote\s+(?:de\s+la|de\s+l['’]|du|des|de)\s*(?P<what>.{2,60})$")
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
    floor = _value(current) if current else 0
    best = current
    for m in headings:
        if m.start() >= pos:
            break
        if current is not None and m.start() <= current.start():
            continue
        n = _value(m)
        if n >= floor or current is None:  # before the first decision: the last heading (the agenda lists them all)
            best, floor = m, n
    return best


def _subject(text: str, st, heading: re.Match | None) -> str | None:
    line_start = text.rfind("\n", 0, st.start) + 1
    # a label is a few words: a longer lead is a sentence (and a line of thousands of votes stays linear)
    lead = "" if st.start - line_start > LOOK_BACK else text[line_start:st.start].strip(" \t:-–•\uf0e0")
    lead = re.sub(r"\s*(?:(?:r[ée]sultat\s+du\s+)?vote)\s*:?\s*$", "", lead, flags=re.I).strip(" \t:-–")
    if (heading is not None and heading.start() == line_start) or COPULA_END.search(lead):
        lead = ""  # the statement sits on the heading's own line, or ends the sentence that states it
    if len(lead.split()) >= 2 and not LEAD_WORDS.match(lead):
        if heading is not None and _names_the_title(lead, heading.group("title")):
            return one_line(heading.group("title").rstrip(" :")) or None
        return one_line(lead)
    end = line_start
    while end > 0 and text[end - 1] == "\n":  # the line above, past blank lines (no copy of the text before it)
        end -= 1
    prev = text[text.rfind("\n", 0, end) + 1:end].strip()
    if prev.endswith(":") and (heading is None or text.rfind(prev, 0, line_start) != heading.start() + _indent(heading)):
        label = prev.rstrip(" :")
        if len(label.split()) >= 2 and not LEAD_WORDS.match(label) and not HEADING.match(prev):
            return one_line(label)
    if heading is not None:
        return one_line(heading.group("title").rstrip(" :")) or None
    return None


def _names_the_title(lead: str, title: str) -> bool:
    """"Vote de la motion" under "1/ Motion ONF :": a lead that only names the vote on what the
    item's title already names (every word of it is in the title); the title is then the subject.
    "Vote pour la gratuité de …" says what is decided, and "Vote des comptes de gestion 2020" under
    "Présentation du budget" names a decision of its own: both stay."""
    from pipeline.repair.lexicon import skeleton

    m = VOTE_ON.match(lead)
    if not m:
        return False
    def words(s: str) -> set[str]:
        return {skeleton(w).rstrip("sx") for w in re.findall(r"[^\W\d_]{4,}", s)}
    what = words(m.group("what"))
    return bool(what) and what <= words(title)


def _indent(m: re.Match) -> int:
    return len(m.group()) - len(m.group().lstrip())


def _value(heading: re.Match) -> int:
    """The item's number as a number: "12" -> 12, "IV" -> 4."""
    num = heading.group("num")
    if num.isdigit():
        return int(num)
    return roman_value(num)
