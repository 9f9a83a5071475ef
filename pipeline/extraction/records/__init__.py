"""Deliberation records: one row per decision of the council.

One reader per kind of document, chosen from cues and named in each record's ``layout``:

  single_act       one deliberation per file: ACTES stamp, number, "X rapporte :", the decision
                   (Montpellier's acts)                                           single_act.py
  session_report   numbered items with rapporteur and vote, "Pour : 52"
                   (Montpellier's comptes rendus, scanned or born-digital, and its
                   verbatim procès-verbaux: "1- Title", text, debate, vote block)  session_report.py
  minutes          items in prose, votes in words, "11 votes pour 2 abstentions"
                   (small communes' comptes rendus)                                minutes.py
  list             the list of deliberations a council publishes: one entry per decision,
                   a subject and no vote                                           listing.py
  minutes          the structure every council's minutes share: numbered headings in any form,
                   the decision formula, the vote that closes it, furniture set aside  items.py

A document with vote statements is read both by the reader its cues call for and by the general
one (items.py); the general reading replaces the established one when its records are clearly the
more complete (a number, a subject that is no fragment, formula or table row, a decision:
``validate.quality``), or more complete while the established reading shows a flawed subject.

Every reader uses the same vote statements (votes.py); every record then passes the checks of
validate.py, which give it ``issues``, ``confidence`` and ``needs_review``, and drop what is not
a decision of the council; a session report's vote totals must follow the members present
(presence.py). Fields follow the SCDL deliberations schema where it has one.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from pipeline.extraction.dates import DateMention
from pipeline.extraction.layout import line_key
from pipeline.extraction.records import items, listing, minutes, session_report, single_act, validate, votes
from pipeline.extraction.records.common import Deliberation, attendance, collectivite, first_day, membership

__all__ = ["Deliberation", "find_deliberations"]


def find_deliberations(text: str, dates: list[DateMention], title_lines=None,
                       unsure: list[tuple[int, int]] | None = None,
                       typography: list[dict[str, list[bool]]] | None = None) -> list[Deliberation]:
    """The records of ``text`` (pages separated by form feeds). ``title_lines``, when the
    geometry of the text is known, finds a single act's title block (see ``layout.py``);
    ``unsure``: spans of digits OCR was unsure of (see ``validate.check``); ``typography``: per
    page, the lines set apart (``layout.set_apart``), when the pages' typography is known."""
    text = single_spaced(text)
    pages = text.split("\f")
    text = text.replace("\f", "\n")  # same length: offsets stay valid
    acts = _acts(text, pages)
    statements = [] if acts else votes.statements(text)
    if acts:  # an extract of the register: several acts, one after the other, each read as one
        records = [_shifted(d, start) for start, end, told in acts
                   for d in single_act.read(text[start:end], told,
                                            (lambda pos, at=start: title_lines(pos + at)) if title_lines else None)]
    elif listing.looks_like(text):
        records = listing.read(text)
    elif single_act.looks_like(text, statements) or not statements:
        records = single_act.read(text, statements, title_lines) if _any_act_cue(text, statements) else []
        if not statements:  # minutes whose votes are written in no form read: their items closed by the formula
            general = items.read(text, [], pages, _apart(pages, typography))
            if len(general) >= 2 and validate.quality(general) > validate.quality(records):
                records = general
        elif len(statements) >= 2 and (items.has_agenda(text) or len(single_act.OBJET.findall(text)) >= 2):
            # minutes whose agenda lists their items, where an act's cue is said in a sentence ("le registre des
            # délibérations fait désormais l'objet …", "par lettre recommandée avec accusé de réception"), or an
            # extract of the register holding two or three acts, each with its "Objet :" and its vote: their
            # numbered items, each decided, are read, when they read better than one act; items with no number
            # count as well where the agenda announces each ("Ordre du jour ⏎ Renforcement du réseau … ⏎
            # Approbation des statuts …", each title said again over its exposé)
            general = items.read(text, statements, pages, _apart(pages, typography))
            told = len({d.number for d in general if d.number}) >= 2 or \
                sum(1 for d in general if not d.number and items.ANNOUNCED in d.issues) >= 2
            if told and validate.quality(general) > validate.quality(records):
                records = general
    else:
        established = session_report.read if session_report.looks_like(statements) else minutes.read
        records = _better(established(text, statements), items.read(text, statements, pages, _apart(pages, typography)))
    names, members = attendance(text), membership(text)
    records = [d for d in records
               if validate.is_deliberation(d, members, _around(text, d))]
    session, sent, received = _session(dates, 0)
    council = collectivite(text)
    for d in records:
        own = (None, None, None)
        if acts:  # each act of a register's extract is dated by its own lines (several sessions' acts may be bound together)
            own = _session([m for m in dates if d.char_start <= m.char_start < d.char_end], d.char_start)
        d.collectivite = d.collectivite or council
        d.session_date = d.session_date or own[0] or session
        d.prefecture_sent = d.prefecture_sent or own[1] or sent
        d.prefecture_received = d.prefecture_received or own[2] or received
    return validate.check(records, members, names, text, unsure)


def _session(dates: list[DateMention], start: int) -> tuple[str | None, str | None, str | None]:
    """The session's date, and the dates the act was sent to and received by the prefecture, among
    ``dates`` of a text (or of an act starting at ``start``): the date of the words that open its
    minutes ("L'an deux mil dix-neuf, le huit avril"), else a date the text calls so, else a dated
    heading near its top ("CR du conseil municipal 09 avril 2021")."""
    session = next((d.start for d in dates if d.role == "session" and d.precision == "day" and OPENING.match(d.text)), None) \
        or first_day(dates, "session") or next(
        (d.start for d in dates if d.precision == "day" and d.char_start - start < 300 and d.role is None), None)
    return session, first_day(dates, "transmission"), first_day(dates, "reception")


OPENING = re.compile(r"(?i)l['’]\s?an\b")  # "L'an deux mil dix-neuf, le huit avril": the minutes' opening formula
DOUBLE_SPACED = 0.8  # a text whose lines are this often followed by a blank line is double-spaced


def single_spaced(text: str) -> str:
    """A double-spaced text (a blank line after nearly every line, as some tools export a PDF's or
    a scan's text) with its line breaks halved: its blank lines say nothing of where a title or a
    paragraph ends. One character for one (a break becomes a space), so offsets stay valid."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    followed = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    if len(filled) < 10 or followed < DOUBLE_SPACED * len(filled):
        return text

    def halve(m: re.Match) -> str:
        n = m.group().count("\n")
        keep = (n + 1) // 2
        return re.sub(r"\n", " ", m.group(), count=n - keep)

    return re.sub(r"\n(?:[ \t]*\n)+", halve, text)


def _better(established: list[Deliberation], general: list[Deliberation]) -> list[Deliberation]:
    """The established reader's records, unless the general reading's are clearly better (by more
    than one record's worth), or better while the established ones show a flaw (a subject that is
    a formula, a table's row, a section title or nothing), or the same items as well read with more
    of their vote counts — and only if it keeps every item the established reader read whole (a
    number, a rapporteur, a sound subject), unless that reader read one record alone: then the
    general reading, better by more than one record's worth, has two decided items at least."""
    mine, theirs = validate.quality(established), validate.quality(general)
    flawed = any(validate.subject_problem(d.objet) in validate.JUNK_SUBJECTS for d in established)
    sound = {d.number for d in established if d.number and d.rapporteur and validate.subject_problem(d.objet) is None}
    # every item the established reader read whole — of minutes it read as such: one record alone is no
    # item of a sequence ("6 L'assemblée délibérante approuve …", a number in an exposé, against seven
    # items the agenda announces)
    keeps = sound <= {d.number for d in general} or len(established) < 2
    # as good, and more of the votes read: "Vote : ⏎ - Abstentions : 3 (…) they explain why ⏎ Pour : 16"
    counted = theirs == mine and _counts(general) > _counts(established) and \
        [d.number for d in general] == [d.number for d in established]
    return general if keeps and (theirs > mine + 1 or (flawed and theirs > mine) or counted) else established


def _counts(records: list[Deliberation]) -> int:
    """How many vote counts ``records`` read."""
    return sum((d.vote_pour is not None) + (d.vote_contre is not None) + (d.vote_abstention is not None) for d in records)


def _apart(pages: list[str], typography: list[dict[str, list[bool | None]]] | None) -> list[bool | None] | None:
    """For each line of the text, whether typography sets it apart (None: not known); a page's
    lines alike in their letters take their flags in the order they come. On a scan's page (no
    line known to be plain), a line the repair changed (its underline was measured under the words
    OCR read) takes the flag of the page's underlined line nearest it in its letters, if near
    enough (``REPAIRED_LINE``)."""
    if not typography or not any(typography):
        return None
    out: list[bool | None] = []
    for page, apart in zip(pages, typography + [{}] * (len(pages) - len(typography))):
        queues = {key: list(flags) for key, flags in apart.items()}
        scan = not any(False in flags for flags in apart.values())
        for line in page.split("\n"):
            key = line_key(line)
            if scan and key not in queues and len(key) >= REPAIRED_KEY:
                near = process.extractOne(key, [k for k, flags in queues.items() if True in flags], scorer=fuzz.ratio,
                                          score_cutoff=REPAIRED_LINE)
                key = near[0] if near else key
            flags = queues.get(key)
            out.append(flags.pop(0) if flags else None)
    return out


REPAIRED_LINE = 85  # fuzz.ratio of a repaired line's letters to the line OCR read ("sectétaire", "secrétaire"; Flaux scans)
REPAIRED_KEY = 8  # shorter lines are matched exactly


ACT_HEAD = 600  # characters at the top of a page where an act's own id stands


def _acts(text: str, pages: list[str]) -> list[tuple[int, int, list]]:
    """Where the pages of ``text`` hold several acts, each one's (start, end) in the text and its
    vote statements: an act begins on a
    page whose head gives an act's id — the prefecture's ACTES id, the register's "n° 2014/155"
    opening a line — other than the act before's, of a kind the act before gave (a page that
    repeats one of its act's ids, or gives an id of another kind only, goes on with it). Empty
    unless two acts at least begin this way, the first on the first page, and each reads as an
    act: an act's cues, a decision, few votes, no other act's number opening a line."""
    starts, current, pos = [], {}, 0  # current: the ids of the act being read, by kind
    for page in pages:
        found = _act_ids(page[:ACT_HEAD])
        other = any(kind in current and current[kind] != value for kind, value in found.items())
        if found and (not starts or other) and not any(current.get(kind) == value for kind, value in found.items()):
            starts.append(pos)
            current = dict(found)
        else:
            for kind, value in found.items():
                current.setdefault(kind, value)
        pos += len(page) + 1
    if len(starts) < 2 or starts[0] != 0:
        return []
    out = []
    for a, b in zip(starts, starts[1:] + [pos - 1]):
        told = votes.statements(text[a:b])
        if not (told or votes.COUNCIL_DECIDES.search(text, a, b)) or not single_act.looks_like(text[a:b], told):
            return []  # no decision, or no act: minutes that cite the register's numbers ("(DCM n° 2023-01)")
        if len({_number(m) for m in ACT_HEADING.finditer(text, a, b)}) > 1:
            return []  # minutes numbering their items as the register does ("Délibération n° 2019-1", "… 2019-2")
        out.append((a, b, told))
    return out


def _act_ids(head: str) -> dict[str, str]:
    """The act's own ids at the head of a page, by kind: the act's own part of its ACTES id
    ("0000071216" in "034-213401722-20140424-0000071216-DE": OCR's slips in the department's
    digits do not matter), and its register number opening a line."""
    out = {}
    m = single_act.ACTES.search(head)
    if m:
        out["actes"] = re.sub(r"\s", "", m.group(4))
    n = ACT_HEADING.search(head)
    if n:
        out["number"] = _number(n)
    return out


# a line that opens on an act's number ("Délibération n° 2019-3", "n° 2014 / 155"); a number cited in a
# sentence ("Vu la délibération n° 2013/45 du …") opens no line
ACT_HEADING = re.compile(r"(?im)^[ \t]*(?:d[ée]lib[ée]ration[ \t]*)?n[°o][ \t]*(\d{4})[ \t]*[/-][ \t]*(\d{1,5})\b")


def _number(m: re.Match) -> str:
    return f"{m.group(1)}/{int(m.group(2))}"


def _shifted(d: Deliberation, start: int) -> Deliberation:
    """A record read in a part of the text starting at ``start``, its offsets in the whole text."""
    d.char_start += start
    d.char_end += start
    return d


def _any_act_cue(text: str, statements: list) -> bool:
    """A text with no vote statement is a record only if it reads as an act."""
    return bool(statements) or bool(
        single_act.ACTES.search(text) or single_act.RAPPORTE.search(text) or single_act.OBJET.search(text)
        or re.search(r"\b(?:DÉCIDE|DECIDE|décide|après en avoir délibéré)\b", text))


def _around(text: str, d: Deliberation) -> str:
    """The 300 characters before a record, the record, and the line after it (where
    "Adopté à l'unanimité" follows a count)."""
    after = text.find("\n", d.char_end + 1)
    return text[max(0, d.char_start - 300):len(text) if after < 0 else after]
