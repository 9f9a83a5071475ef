"""Checks every record must pass; what fails is said in words, lowers ``confidence`` and, when it
makes a value doubtful, sets ``needs_review``. A record that is not a decision of the council at
all (a poll of residents, a tally larger than the council) is dropped: a missing row is better
than a wrong one.

confidence = the product of (1 - weight) over the checks failed.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.extraction.records import presence, votes
from pipeline.extraction.dates import MONTH_NAMES
from pipeline.extraction.records.items import UNNAMED_DECISION, granted
from pipeline.extraction.records.common import CONNECTOR_END, COPULA_END, CUT_WORD, FORMULA, HEADER_LABEL, PROSE, Deliberation
from pipeline.extraction.records.session_report import LOOKALIKE_DIGITS  # what OCR shows for a digit

# (weight, needs review) of each check, by the words it is reported in
CHECKS = {
    "no subject": (0.5, True),
    "subject looks like a fragment": (0.4, True),
    "subject is a decision formula": (0.5, True),
    "subject is a row of figures": (0.5, True),
    "subject is a section title": (0.4, True),
    "subject is a date or a header's label": (0.5, True),
    "subject is a member's name": (0.5, True),
    "subject is a vote's outcome": (0.5, True),
    "no decision found": (0.3, True),
    votes.NO_VOTE: (0.1, True),  # set by items.py: with "no decision found"
    "vote read in part": (0.3, True),
    votes.NAMES_CUT: (0.3, True),  # set by votes.py
    votes.ONE_OF_SEVERAL: (0.3, True),  # set by items.py
    votes.LESS_UNSAID: (0.2, True),  # set by votes.py: the counts are not said
    "votes exceed the members listed": (0.5, True),
    "result contradicts the counts": (0.3, True),
    "rapporteur looks like a fragment": (0.3, True),
    "no session date": (0.2, True),
    "number breaks the sequence around it": (0.4, True),
    "number out of sequence": (0.15, False),
    "rapporteur incomplete": (0.2, True),
    "rapporteur not in the attendance list": (0.3, True),
    "rapporteur spelled as in the attendance list": (0.0, False),
    "rapporteur spelled otherwise in the attendance list": (0.0, False),
    "rapporteur's first name spelled as in the attendance list": (0.0, False),
    "rapporteur's first name not as in the attendance list": (0.2, True),
    "rapporteur completed from the attendance list by the first name": (0.1, False),
    "subject looks cut": (0.3, True),
    "subject runs into the text": (0.4, True),
    "unanimity with votes against": (0.1, False),
    "unanimity of the votes cast, but no abstention read": (0.2, True),
    "no number": (0.1, False),
    "no ACTES id": (0.05, False),
    "no ACTES id in the stamp": (0.2, True),  # the stamp is there, OCR garbled its id
    "a date of the prefecture's stamp not read": (0.1, True),  # the stamp is there, OCR lost its date
    "prefecture dates out of order": (0.3, True),  # received before sent, or sent before the session
    "signature block without a name read": (0.1, True),
    "vote count read from a look-alike of 1": (0.05, False),  # set by the readers (votes.py)
    "number read from the sequence": (0.2, True),  # set by session_report.py: OCR lost the digits
    "number read from the sequence, both neighbours agreeing": (0.05, False),
    "vote total does not follow the members present": (0.3, True),
    "no vote count where the other items give one": (0.2, True),
    "no rapporteur where the other items give one": (0.2, True),
    "no number where the other items give one": (0.2, True),
    "a vote count OCR was unsure of": (0.2, True),
    "a vote line could not be read": (0.3, True),
    "the next number is missing: an item may be lost or merged into this one": (0.2, True),
    "a vote below it belongs to no item read": (0.2, True),  # set by session_report.py
    "number shared by another item": (0.3, True),  # a register's slip, or a section's number read for the item's
    "no heading: subject taken from the first line that reads as a title": (0.3, True),  # set by items.py
    "no heading: subject taken from a title line the agenda announces": (0.1, False),  # … and found in the agenda too
    "no heading: subject taken from a title line typography sets apart": (0.1, False),  # … bold, larger, underlined, read whole
    "no heading: the line set apart as a title there could not be read": (0.4, True),  # set by items.py: OCR lost it
    "a line between its decisions may head an item not read": (0.3, True),  # set by items.py: two decisions read as one
    UNNAMED_DECISION: (0.2, True),  # set by items.py, and here for rows alike past REPEATS: which part it decides is not said
}
DATE_FOR_NUMBER = "number is the session's date: the item's rank after it was not read"
CHECKS[DATE_FOR_NUMBER] = (0.3, True)
UNNUMBERED = "no number where the documents beside it number theirs"  # set across documents (unnumbered_among_numbered)
CHECKS[UNNUMBERED] = (0.2, True)
NUMBERED_NEIGHBOURS = 2  # documents of the same folder and layout that number their items, at least ...
NUMBERED_SHARE = 0.8  # ... each numbering this share of its records at least
REPEATS = 2  # an item may hold two decisions no label tells apart; a third row alike repeats a table's votes
# ... or is one of decisions the reader could not name (a title names one decision or a pair, not a list)
FIRST_NAME_MISREAD = 85  # fuzz.ratio of a misread first name to a member's (Frédérie, Frédéric)
SURNAME_LEFT = 50  # fuzz.ratio of a misread surname to the member's, with the first name read right
GAP = 4  # numbers a report's sequence may skip where OCR lost items (a larger jump is another part of the session)
COUNTED = 0.8  # share of a report's items with counts above which an item without is doubtful
READER_NOTES = {"vote count read from a look-alike of 1", "number read from the sequence",
                "a vote below it belongs to no item read", "no heading: subject taken from the first line that reads as a title",
                "no heading: subject taken from a title line the agenda announces",
                "no heading: subject taken from a title line typography sets apart",
                "no heading: the line set apart as a title there could not be read",
                "a line between its decisions may head an item not read",
                UNNAMED_DECISION, votes.NO_VOTE, votes.NAMES_CUT, votes.ONE_OF_SEVERAL,
                votes.LESS_UNSAID}  # issues a reader sets, kept by check()
# a vote line whose count OCR garbled: "Contre : & (M. Viguié)", "Pour : S3", "Pour : 4747"
VOTE_LINE = re.compile(rf"(?m)^[ \t]*(?i:{votes.COUNT_LABEL})[ \t]*[:;][ \t]*(?P<tok>[^\s(]{{1,6}})")
# the prefecture's stamp, any of its lines as OCR may leave them ("Envoi Préf :", "Réception en Pré ;")
STAMP = re.compile(r"(?i)accus[ée]\s+de\s+r[ée]ception|acte\s+certifi|envoi\s+(?:en\s+)?pr[ée]|r[ée]ception\s+(?:en\s+)?pr[ée]")
VOTED = re.compile(r"\bvot|\bvoix\b|\bd[ée]lib[ée]r|\bd[ée]cide|\bconseil\b|\badopt|\bapprouv|\bunanimit", re.I)
POLL = re.compile(r"\bsondages?\b|\br[ée]sultats?\s+re[çc]us\b|\bconsultation\b|\bquestionnaires?\b", re.I)


def is_deliberation(d: Deliberation, members: int | None, context: str) -> bool:
    """False for what is not a decision of the council: a bare tally (no item number, no
    rapporteur) of more votes than the council has members (residents answering a poll), a
    tally under a poll's heading, or a lone "N pour" with no rapporteur and no word of a vote,
    a council or a decision around it (a report's footnote: "58 Pour l'ensemble …").
    ``context``: the 300 characters before the record, the record and the line after it. An
    item with its heading is kept, and flagged if its votes exceed the members listed: an
    attendance list read badly must not make items vanish."""
    total = presence.total(d) or 0
    if members and total > members and d.number is None and d.rapporteur is None:
        return False
    lone_pour = (d.vote_pour is not None and d.vote_contre is None and d.vote_abstention is None
                 and d.result in (None, "adopté"))
    if lone_pour and d.rapporteur is None and not VOTED.search(context):  # "58 Pour l'ensemble de la fonction publique": a footnote, no vote
        return False
    if POLL.search(context) and total and d.layout == "minutes" and (members is None or total > members):
        return False
    return True


def check(records: list[Deliberation], members: int | None, names: list[str] | None = None,
          text: str | None = None, unsure: list[tuple[int, int]] | None = None) -> list[Deliberation]:
    """Fill ``issues``, ``confidence`` and ``needs_review`` of every record. ``names``: the
    attendance list, against which rapporteurs are checked (and their OCR misspellings mended);
    ``text``: the document, whose lines on members leaving and coming back a session report's
    vote totals must follow (presence.py); ``unsure``: spans of ``text`` holding digits OCR was
    unsure of, which make a vote count read from them doubtful."""
    previous_number = None
    numbers = [_int(d.number) for d in records]
    reports = [d for d in records if d.layout == "session_report"]
    minutes = [d for d in records if d.layout == "minutes"]
    broken = {id(chained[i]) for chained in (reports, minutes) if text and chained  # the votes cast follow
              for i in presence.broken_chain(chained, text)}                       # the members present
    counted = len(reports) >= 5 and sum(d.vote_pour is not None for d in reports) >= COUNTED * len(reports)
    reported = len(reports) >= 5 and sum(d.rapporteur is not None for d in reports) >= COUNTED * len(reports)
    numbered = len(minutes) >= 3 and sum(d.number is not None for d in minutes) >= COUNTED * len(minutes)
    runs = _runs(numbers)
    alike = Counter(_row_key(d) for d in records if d.layout in ITEMS_READ)
    for i, d in enumerate(records):
        issues = [x for x in dict.fromkeys(d.issues) if x in READER_NOTES]  # what the reader noted
        if d.layout in ITEMS_READ and alike[_row_key(d)] > REPEATS and UNNAMED_DECISION not in issues:
            issues.append(UNNAMED_DECISION)  # a list of subsidies each voted under the item's title: which is which, unsaid
        problem = subject_problem(d.objet)
        if problem and not (problem == "subject is a section title" and (d.result or "").startswith(("retiré", "ajourné"))):
            issues.append(problem)  # "27- AFFAIRE RETIREE": a withdrawn item's heading says only that
        if d.vote_pour is None and d.vote_contre is None and d.vote_abstention is None and d.result is None \
                and d.layout != "list":  # a list of deliberations names them, it tells no vote
            issues.append("no decision found")
        if d.vote_pour is None and d.result is None and (d.vote_contre is not None or d.vote_abstention is not None):
            issues.append("vote read in part")  # "3 abstentions" read, the votes for and the outcome not
        total = presence.total(d) or 0
        if members and total > members:
            issues.append("votes exceed the members listed")
        if d.result and d.vote_pour is not None:
            contre = d.vote_contre or 0
            if d.result.startswith("adopté") and d.vote_pour <= contre or d.result.startswith("rejeté") and d.vote_pour > contre:
                issues.append("result contradicts the counts")
        if d.result and "unanimité" in d.result and (d.vote_contre or 0) > 0:
            issues.append("unanimity with votes against")
        if (d.result and "unanimité des suffrages exprimés" in d.result and d.vote_pour is not None
                and not d.vote_abstention and not d.vote_contre):
            issues.append("unanimity of the votes cast, but no abstention read")  # an "Abstention : 1" line OCR lost
        if d.rapporteur and _fragment_name(d.rapporteur):
            issues.append("rapporteur looks like a fragment")
        if d.session_date is None:
            issues.append("no session date")
        elif d.number and re.sub(r"\D", "", d.number) == d.session_date.replace("-", ""):
            issues.append(DATE_FOR_NUMBER)  # "2018.04.09" for "2018.04.09 - I": the item's own rank lost
        if names and d.rapporteur and d.layout in ("session_report", "single_act"):
            issue = _against_attendance(d, names, text or "")
            if issue:
                issues.append(issue)
        if d.layout in ("session_report", "minutes"):
            n = _int(d.number)
            before = next((x for x in reversed(numbers[:i]) if x is not None), None)
            after = next((x for x in numbers[i + 1:] if x is not None), None)
            if d.number is None and d.layout == "minutes":  # a statement in no item of numbered minutes …
                # … save the approval of the last minutes, which no agenda numbers
                issues.append("no number where the other items give one" if numbered and not LAST_MINUTES.match(d.objet or "")
                              else "no number")
            elif n is not None and before is not None and after is not None and after - before == 2 and n != before + 1:
                d.number = str(before + 1)  # 89, 99, 91: an OCR misreading; the sequence says which
                issues.append("number read from the sequence")
            elif n is not None and previous_number is not None and n < previous_number:
                issues.append("number out of sequence")
            previous_number = n if n is not None else previous_number
            if "number read from the sequence" in issues and _int(d.number) is not None and (before, after) == (
                    _int(d.number) - 1, _int(d.number) + 1):  # 2, [EF], 4: no other number can stand there
                issues[issues.index("number read from the sequence")] = "number read from the sequence, both neighbours agreeing"
            if d.rapporteur and " " not in d.rapporteur.strip():
                issues.append("rapporteur incomplete")
        if id(d) in broken:
            issues.append("vote total does not follow the members present")
        if _shared_number(records, runs, i):
            issues.append("number shared by another item")
        if unsure and text and _unsure_count(d, text, unsure) and presence.total(d) not in {
                presence.total(r) for r in records[max(0, i - 1):i] + records[i + 1:i + 2]}:
            issues.append("a vote count OCR was unsure of")  # the same total as an item beside it: read right
        if text and d.layout in ("session_report", "minutes") and d.char_end:
            nxt = records[i + 1].char_start if i + 1 < len(records) and records[i + 1].char_start else d.char_end + 200
            if any(_garbled_count(m.group("tok")) for m in VOTE_LINE.finditer(text, d.char_start or 0, max(nxt, d.char_end))):
                issues.append("a vote line could not be read")  # its count is missing, or in a piece of its own
        if (d.layout == "session_report" and _int(d.number) is not None and i + 1 < len(records)
                and _int(records[i + 1].number) in range(_int(d.number) + 2, _int(d.number) + GAP + 1)
                and _int(d.number) + 1 not in numbers):
            issues.append("the next number is missing: an item may be lost or merged into this one")
        if (counted and d.layout == "session_report" and d.vote_pour is None and d.result
                and d.result.startswith("adopté")):
            issues.append("no vote count where the other items give one")  # a "Pour : 49" line OCR lost
        if (reported and d.layout == "session_report" and d.rapporteur is None and d.number is not None
                and not (d.result or "").startswith(("retiré", "ajourné"))):  # "27- AFFAIRE RETIREE" is reported by no one
            issues.append("no rapporteur where the other items give one")  # a margin OCR lost or wrote apart
        if d.layout == "single_act":
            if d.number is None:
                issues.append("no number")
            issues += _stamp_and_signature(d, text or "")
        confidence = 1.0
        for issue in issues:
            confidence *= 1 - CHECKS[issue][0]
        d.issues = issues
        d.confidence = round(confidence, 3)
        d.needs_review = any(CHECKS[i][1] for i in issues)
    return records


def unnumbered_among_numbered(folders: dict[str, dict[str, tuple[str, int, int]]]) -> set[str]:
    """The documents whose records carry no number while the documents beside them number
    theirs: ``folders``: folder -> document -> (layout, records, records with a number). A
    council numbers its items the same way from one session to the next; minutes of it read
    with no number at all while ``NUMBERED_NEIGHBOURS`` others of the same folder and layout
    number ``NUMBERED_SHARE`` of theirs were most likely read wrong (a heading taken for text,
    items merged) and go to review."""
    out = set()
    for docs in folders.values():
        numbered = [(d, layout) for d, (layout, n, k) in docs.items() if n and k >= NUMBERED_SHARE * n]
        for d, (layout, n, k) in docs.items():
            if n and k == 0 and sum(1 for other, lay in numbered if other != d and lay == layout) >= NUMBERED_NEIGHBOURS:
                out.add(d)
    return out


def _surname(name: str) -> str:
    """The surname, in capitals: "Max LEVITA" -> LEVITA, "Monsieur El Kandoussi" -> EL KANDOUSSI."""
    rest = re.sub(r"^(?:Monsieur|Madame|M\.|Mme|Mr)\s+", "", name).strip()
    caps = re.findall(r"\b[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+\b", rest)
    if caps:
        return " ".join(caps)
    return rest.upper() if rest != name.strip() else (rest.split()[-1].upper() if rest else "")


def _against_attendance(d: Deliberation, names: list[str], text: str = "") -> str | None:
    """A rapporteur is a member the attendance list names. A surname OCR misread ("Frédéric
    TSTISONIS") that is close to exactly one member's takes the list's spelling — unless the
    document writes the rapporteur's spelling more often than the list's: then the list is
    what OCR misread (POURTEAU once in the list, FOURTEAU in every item). One close to none is
    sent to review. The mayor ("Mme le Maire") is not checked."""
    from rapidfuzz import fuzz, process

    if re.search(r"\ble\s+Maire\b", d.rapporteur):
        return None
    if any(d.rapporteur.upper() == n.upper() for n in names):
        return None  # the margin printed the whole name in capitals (JEAN-LOUIS GELY)
    have = {_surname(n) for n in names if _surname(n)}
    mine = _surname(d.rapporteur)
    if not mine:
        return None
    if mine in have:
        return _first_name_against(d, [n for n in names if _surname(n) == mine], text)
    close = process.extract(mine, list(have), scorer=fuzz.ratio, limit=2)
    close = [(s, score) for s, score, _ in close if score >= 80]
    if mine in d.rapporteur and (len(close) == 1 or len(close) == 2 and close[0][1] - close[1][1] >= 10):
        if _count(text, mine) > _count(text, close[0][0]) > 0:
            return "rapporteur spelled otherwise in the attendance list"  # the document's spelling stands
        d.rapporteur = d.rapporteur.replace(mine, close[0][0])  # as printed in capitals: mend the letters
        return "rapporteur spelled as in the attendance list"
    member = _by_first_name(d.rapporteur, mine, names)
    if member:
        d.rapporteur = member
        return "rapporteur completed from the attendance list by the first name"
    return "rapporteur not in the attendance list"


def _by_first_name(rapporteur: str, surname: str, names: list[str]) -> str | None:
    """The member a rapporteur's first name and what is left of the surname point to: "Sophie"
    (the surname lines of the margin lost), "Sophie BONIFACE-SUR", "Frédéric ISTFSONES". The
    first name must be read right and the surname, if any, be nearer one of the members with that
    first name than any other by a clear margin."""
    from rapidfuzz import fuzz

    from pipeline.repair.lexicon import skeleton

    first = rapporteur.split()[0]
    if first.isupper():
        return None
    listed = [n for n in names if len(n.split()) > 1]
    same = [n for n in listed if skeleton(n.split()[0]) == skeleton(first)]  # Michaël, Michael
    misread = not same  # "Frédérie": the first name itself misread, then the member's is taken
    if misread:
        same = [n for n in listed if fuzz.ratio(skeleton(n.split()[0]), skeleton(first)) >= FIRST_NAME_MISREAD]
    if " " not in rapporteur.strip():  # the first name alone
        member = same[0] if len(same) == 1 else None
    else:
        scored = sorted(((fuzz.ratio(surname, _surname(n)), n) for n in same), reverse=True)
        ok = scored and scored[0][0] >= SURNAME_LEFT and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 20)
        member = scored[0][1] if ok else None
    if member is None:
        return None
    return member if misread else f"{first} {member.split(None, 1)[1]}"  # the first name as this item prints it


def _first_name_against(d: Deliberation, listed: list[str], text: str) -> str | None:
    """The surname is a member's: a first name OCR misread ("Mare DUFOUR") that is close to the
    one the list gives that member ("Marc DUFOUR"), and that the document writes less often,
    takes the list's spelling. Another first name than the list's is doubtful, unless it differs
    only by accents or the document writes it more often than the list does."""
    from rapidfuzz import fuzz

    mine = d.rapporteur.split()[0]
    firsts = {n.split()[0] for n in listed if len(n.split()) > 1 and not n.split()[0].isupper()}
    if len(firsts) != 1 or mine.isupper() or mine in firsts:
        return None
    theirs = firsts.pop()
    if fuzz.ratio(mine, theirs) >= 75 and _count(text, theirs) > _count(text, mine):
        d.rapporteur = theirs + d.rapporteur[len(mine):]
        return "rapporteur's first name spelled as in the attendance list"
    if _folded(mine) == _folded(theirs) or _count(text, mine) > max(1, _count(text, theirs)):
        return None  # "Michaël" listed "Michael"; or the list is what OCR misread ("Michact"), not every item
    return "rapporteur's first name not as in the attendance list"


def _folded(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()


def _count(text: str, word: str) -> int:
    return len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text))


def _unsure_count(d: Deliberation, text: str, unsure: list[tuple[int, int]]) -> bool:
    """One of the record's counts is a word OCR was unsure of, below the heading's line (the
    heading's own number is checked by the sequence)."""
    counts = {str(v) for v in (d.vote_pour, d.vote_contre, d.vote_abstention) if v is not None}
    below = text.find("\n", d.char_start)
    if not counts or below < 0:
        return False
    return any(below < s < d.char_end and text[s:e].strip(" .,;:") in counts for s, e in unsure)


def _stamp_and_signature(d: Deliberation, text: str) -> list[str]:
    """A single act's prefecture stamp and signature: its ACTES id (doubtful when the stamp is
    printed but the id not read); an act the prefecture stamped (its id read, or a line of the
    stamp) has both dates; they follow the session and each other; a
    signature block has a name."""
    out = []
    stamp = STAMP.search(text)
    if d.actes_id is None:
        out.append("no ACTES id in the stamp" if stamp else "no ACTES id")
    if (d.actes_id or stamp) and (d.prefecture_sent is None or d.prefecture_received is None):
        out.append("a date of the prefecture's stamp not read")  # a transmitted act has both
    order = [x for x in (d.session_date, d.prefecture_sent, d.prefecture_received) if x]
    if order != sorted(order):
        out.append("prefecture dates out of order")
    if d.signatory is None and re.search(r"(?i)pour\s+extrait\s+conforme", text):
        out.append("signature block without a name read")
    return out


def _garbled_count(tok: str) -> bool:
    """A vote count OCR damaged: too many digits, or digits and their look-alikes mixed ("S3",
    "4l", "&"). Not a count read ("52", "1" as "|" or "!" alone, which votes.py reads), not an
    empty one ("/", "-"), not words ("M. Dupont", "Les Verts")."""
    tok = tok.rstrip(".,;")
    if tok.isdigit():
        return len(tok) > 3
    if len(tok) > 3 or len(tok) == 1 and tok in "|lI!/-–—":
        return False
    return all(c.isdigit() or c in LOOKALIKE_DIGITS for c in tok)


def _int(number: str | None) -> int | None:
    return int(number) if number and number.isdigit() else None


# the subject of the approval of the last session's minutes, as votes.py names it ("procès-verbal de la séance du …",
# "compte rendu du conseil du 11 mars") — not "Compte rendu annuel du délégataire", nor "Procès-verbal de transfert …"
LAST_MINUTES = re.compile(r"(?i)^(?:proc[èe]s[- ]verbal|compte[- ]rendu|pv)\b[^.\n]{0,20}?\b(?:s[ée]ance|r[ée]union|conseil|pr[ée]c[ée]dent)")

# what takes a subject's place when the heading is missed: the decision formula (common.FORMULA), a
# table's row, a section title in capitals ("FINANCES", "AFFAIRES GÉNÉRALES")
# figures and their units only ("4 000 € 2 800 €", "12,5 %"), or two amounts in euros
FIGURES = re.compile(r"^(?:[\W\d_]|euros?\b)*+$|€[^€]*+€", re.I)


JUNK_SUBJECTS = ("no subject", "subject is a decision formula", "subject is a row of figures", "subject is a section title",
                 "subject is a date or a header's label", "subject runs into the text", "subject is a member's name",
                 "subject is a vote's outcome")
# a date and nothing else: "31 mars 2021", "MAI 2021", "le 27/05/2021"
DATE_ONLY = re.compile(r"(?i)^[\W_]*(?:le[ \t]+)?(?:\d{1,2}(?:er)?[ \t]+)?(?:" + MONTH_NAMES + r")\.?(?:[ \t]+\d{4})?[\W_]*$"
                       r"|^[\W_]*(?:le[ \t]+)?\d{1,2}[/.]\d{1,2}[/.]\d{2,4}[\W_]*$")


def subject_problem(objet: str | None) -> str | None:
    """What is wrong with a subject, in the words of ``CHECKS``, or None."""
    objet = (objet or "").strip()
    if not objet:
        return "no subject"
    if _fragment(objet):
        return "subject looks like a fragment"
    if FORMULA.match(objet):
        return "subject is a decision formula"
    if FIGURES.search(objet) and (len(re.findall(r"\d+", objet)) >= 2 or "€" in objet):
        return "subject is a row of figures"
    if DATE_ONLY.match(objet) or HEADER_LABEL.match(objet):
        return "subject is a date or a header's label"
    if _section_title(objet):
        return "subject is a section title"
    if re.fullmatch(rf"{votes.NAMED}[\W_]*", objet):
        return "subject is a member's name"  # "M. Paul Bernard" before "est élu avec 13 voix": who, not what
    if votes.OUTCOME.search(objet):
        return "subject is a vote's outcome"
    if PROSE.search(objet) or "?" in objet:
        return "subject runs into the text"  # "Noël – cadeaux au personnel Madame le maire rappelle …"
    if _unbalanced(objet) or CONNECTOR_END.search(objet) or COPULA_END.search(objet) or _cut_short(objet):
        return "subject looks cut"  # "… Lironde - A J2b)": OCR moved a piece of it elsewhere; "… accueillis en", "… avant le vd"
    return None


def _shared_number(records: list[Deliberation], runs: list[int], i: int) -> bool:
    """Record ``i``'s number is another item's too, in the same run of numbers, and not as the
    parts of one item follow each other ("2. DM1 budget communal", then "DM1 budget
    assainissement" under the same 2)."""
    d = records[i]
    if d.number is None:
        return False
    same = [j for j, r in enumerate(records) if r.number == d.number and runs[j] == runs[i]]
    return (max(same) - min(same) + 1 != len(same)
            and any(not _same_subject(records[j].objet, d.objet) for j in same if j != i))


def _runs(numbers: list[int | None]) -> list[int]:
    """Which run of numbering each record is in: the numbers start again in each section of the
    minutes (I: 1, 2, 3; II: 1, 2), so a number read twice is doubtful only within one run."""
    out, run, last = [], 0, None
    for n in numbers:
        if n is not None and last is not None and n <= 1 < last:
            run += 1
        last = n if n is not None else last
        out.append(run)
    return out


def _same_subject(a: str | None, b: str | None) -> bool:
    """Two rows of one item: its subject twice, give or take a few letters."""
    from rapidfuzz import fuzz

    return fuzz.ratio(" ".join((a or "").lower().split()), " ".join((b or "").lower().split())) >= 85


def _section_title(objet: str) -> bool:
    """One to three words in capitals, as sections of the minutes are titled ("FINANCES",
    "AFFAIRES GÉNÉRALES"): a heading that groups items, not an item's subject."""
    words = re.findall(r"[^\W\d_]+", objet)
    return 1 <= len(words) <= 3 and objet.upper() == objet and sum(len(w) for w in words) >= 4


def quality(records: list[Deliberation]) -> float:
    """How well a reading of a document gives its records: each item with a subject that is a
    subject and a decision counts once (a number adds to it); a row whose subject is a formula, a
    table's row, a section title or a fragment, and a row that repeats an item already read
    (a table's votes read as the item's), each count against it. What readers are chosen by
    (``records/__init__.py``)."""
    score, seen = 0.0, Counter()
    for d in records:
        decided = d.result is not None or d.vote_pour is not None or d.vote_contre is not None
        key = (d.number, " ".join((d.objet or "").lower().split()))
        seen[key] += 1
        if subject_problem(d.objet) is not None or seen[key] > REPEATS:
            score -= 1
        elif decided:
            score += 1 + 0.5 * (d.number is not None) + 0.5 * (d.rapporteur is not None)
        elif votes.NO_VOTE in d.issues:  # an item closed by the decision formula, its vote not read: half an item
            score += 0.5 + 0.25 * (d.number is not None)
    return score


ITEMS_READ = ("minutes", "session_report")  # the readers of numbered items, whose rows alike are one item's decisions


def _row_key(d: Deliberation) -> tuple:
    """A record's session, reader, number and subject, as rows of one item alike are told (an
    extract of the register may bind several sessions' acts, each approving its last minutes)."""
    return d.session_date, d.layout, d.number, " ".join((d.objet or "").lower().split())


def _cut_short(objet: str) -> bool:
    """The subject's last word is cut (``CUT_WORD``): one or two small letters, or a capital after
    a word's hyphen ("du Conseil-M"; not after a figure's: "Zone 1-A")."""
    m = CUT_WORD.search(objet)
    return m is not None and (m.group(0).islower() or objet[max(0, m.start() - 2):m.start() - 1].isalpha())


def _fragment(objet: str) -> bool:
    """Too short to be a subject, opening on punctuation, a vote word, a count of votes or a lone
    name in capitals: ": 49", "PASCAL", "Abstention", "-", "2 contre 3 abstentions"."""
    words = re.findall(r"[^\W\d_]+", objet)
    if len(objet) < 6 or not words:
        return True
    if not objet[0].isalnum() and objet[0] not in "«\"“(":
        return True
    if len(words) <= 3 and re.match(rf"(?i)(?:{votes.COUNT_LABEL}|vote|adopt[ée]\w*|unanimit\w*)\b", objet):
        return True
    if len(words) <= 6 and re.match(rf"(?i)\d+\s+(?:votes?\s+|voix\s+)?(?:{votes.COUNT_LABEL})\b", objet):
        return True  # "2 contre 3 absentions": a piece of a vote statement read as the subject
    return len(words) == 1 and words[0].isupper() and granted(objet) is None  # "USP 2600 €": a sum granted, named


def _unbalanced(objet: str) -> bool:
    """A bracket or a French quote closed but never opened, or opened and never closed (OCR's
    "(lot1}" is closed: any bracket closes any other)."""
    for opening, closing in ("([{", ")]}"), ("«", "»"):
        depth = 0
        for ch in objet:
            depth += (ch in opening) - (ch in closing)
            if depth < 0:
                return True
        if depth > 0:
            return True
    return False


def _fragment_name(who: str) -> bool:
    return len(who) < 3 or bool(re.search(r"\d|[:;]", who))
