"""Deliberation records: one row per decision of the council.

One reader per kind of document, chosen from cues and named in each record's ``layout``:

  single_act       one deliberation per file: ACTES stamp, number, "X rapporte :", the decision
                   (Montpellier's acts)                                           single_act.py
  session_report   numbered items with rapporteur and vote, "Pour : 52"
                   (Montpellier's comptes rendus, scanned or born-digital, and its
                   verbatim procès-verbaux: "1- Title", text, debate, vote block)  session_report.py
  minutes          items in prose, votes in words, "11 votes pour 2 abstentions"
                   (small communes' comptes rendus)                                minutes.py

Every reader uses the same vote statements (votes.py); every record then passes the checks of
validate.py, which give it ``issues``, ``confidence`` and ``needs_review``, and drop what is not
a decision of the council; a session report's vote totals must follow the members present
(presence.py). Fields follow the SCDL deliberations schema where it has one.
"""

from __future__ import annotations

from pipeline.extraction.dates import DateMention
from pipeline.extraction.records import minutes, session_report, single_act, validate, votes
from pipeline.extraction.records.common import Deliberation, attendance, collectivite, first_day, membership

__all__ = ["Deliberation", "find_deliberations"]


def find_deliberations(text: str, dates: list[DateMention], title_lines=None,
                       unsure: list[tuple[int, int]] | None = None) -> list[Deliberation]:
    """The records of ``text`` (pages separated by form feeds). ``title_lines``, when the
    geometry of the text is known, finds a single act's title block (see ``layout.py``);
    ``unsure``: spans of digits OCR was unsure of (see ``validate.check``)."""
    text = text.replace("\f", "\n")  # same length: offsets stay valid
    statements = votes.statements(text)
    if single_act.looks_like(text, statements) or not statements:
        records = single_act.read(text, statements, title_lines) if _any_act_cue(text, statements) else []
    elif session_report.looks_like(statements):
        records = session_report.read(text, statements)
    else:
        records = minutes.read(text, statements)
    names, members = attendance(text), membership(text)
    records = [d for d in records
               if validate.is_deliberation(d, members, text[max(0, d.char_start - 300):d.char_end])]
    # the session: a date the text calls so, or a dated heading ("CR du conseil municipal 09 avril 2021")
    session = first_day(dates, "session") or next(
        (d.start for d in dates if d.precision == "day" and d.char_start < 300 and d.role is None), None)
    sent, received = first_day(dates, "transmission"), first_day(dates, "reception")
    council = collectivite(text)
    for d in records:
        d.collectivite = d.collectivite or council
        d.session_date = d.session_date or session
        d.prefecture_sent = d.prefecture_sent or sent
        d.prefecture_received = d.prefecture_received or received
    return validate.check(records, members, names, text, unsure)


def _any_act_cue(text: str, statements: list) -> bool:
    """A text with no vote statement is a record only if it reads as an act."""
    import re

    return bool(statements) or bool(
        single_act.ACTES.search(text) or single_act.RAPPORTE.search(text) or single_act.OBJET.search(text)
        or re.search(r"\b(?:DÉCIDE|DECIDE|décide|après en avoir délibéré)\b", text))
