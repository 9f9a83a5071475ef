"""The session report (compte rendu): one numbered item after another, each with its vote.

  Mme le Maire        Adoption de l'ordre du jour                     an item without a number
                      Pour : 57
                      Adopté à l'unanimité
                      Qualité de l'espace public                      a section title: no subject
  Serge          1    Plan Déplacements Urbains … Avis de la Ville de  rapporteur | number | subject
  FLEURENCE           Montpellier                                      (read as "FLEURENCE Montpellier")
                      Pour : 52
                      Contre : 7 (UMP-NI)
                      Adopté à la majorité des suffrages exprimés
                                 Monsieur Hervé Martin sort de séance.  procedural: no record

The number may be read "1.", "1," or "1", and the subject may start on the line below it.
Read as text (a text layer or OCR), the margin column comes first on each line: "Serge 1 Plan
Déplacements …", then "FLEURENCE Montpellier". Each vote statement closes the item whose heading
is the last one above it; a statement with no heading of its own above it completes the previous
record or, if that would count a vote twice, is dropped — it is a fragment, never a record.

A verbatim procès-verbal has the same shape, with the text and the debate inside each item:

            1- Modification du nombre d'Adjoints au Maire    "1-" heading, its title's block
  Monsieur le Maire:                                          the reporting member, alone
  Le Conseil municipal détermine … (pages) … Je mets aux      text and debate: the spoken
  voix. Qui s'abstient ? Trois abstentions. Adopté.           decision only announces the vote
  Pour : 62 ⏎ Contre : ⏎ Abstentions : 3 ⏎ Adopté à l'unanimité.   the vote block: the record's vote
"""

from __future__ import annotations

import itertools
import re

from pipeline.extraction.records import votes
from pipeline.extraction.records.common import LOWER, SPEAKER, UPPER, Deliberation, carries_on, is_procedural, one_line

# "Mme le Maire", "M" le Maire" (OCR of the superscript), "Madame le Maire", "Monsieur le Maire",
# "Mme le MAIRE"
MAYOR = r"(?:M(?:me|r|\.)?|Mme|Madame|Monsieur|M\S{1,3})\s++le\s++(?:Maire|MAIRE)"
# "Max LEVITA", "Sophie BONIFACE-", "Serge" (surname on the next line), "Jean-Pierre MOURE"
FIRST_NAME = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?"
SURNAME = rf"(?:(?:DE|DU|DES|LA|LE|EL|DI)\s+){{0,2}}[{UPPER}][{UPPER}'’]+(?:-[{UPPER}'’]*)*"  # "DE LA GRANGE"
NAMED = rf"{FIRST_NAME}(?:\s++{SURNAME})?"
# Blanks, a stop, blanks: each run of blanks is read by one possessive run ("[ \t]*[.),]?[ \t]+"
# would share a long run of blanks between its two runs in every way, at every start)
AFTER_NUMBER = r"(?:[ \t]*+[.),])?[ \t]++"
NUMBERED = re.compile(
    rf"(?m)^[ \t]*+(?:(?P<who>{MAYOR}|{NAMED})(?:[ \t]*+[.,:;])?[ \t]++)?(?P<num>\d{{1,3}})(?:{AFTER_NUMBER}|[ \t]*+(?P<dash>[-–])[ \t]*+)"
    rf"(?![ \t]*\d{{3}}\b)"  # "2 600 euros": a number with its thousands, not item 2
    rf"(?P<objet>[_~'‘•-]?[ \t]?[{UPPER}«\"“(\d].*)$")  # OCR may leave a speck before the subject
# the member who reports, alone on the line after a procès-verbal's heading: "Monsieur le Maire:",
# "Abdi EL KANDOUSSI:", "Max LEVITA :"
REPORTER_LINE = re.compile(rf"^(?P<who>(?:Monsieur|Madame)\s+le\s+Maire|{NAMED})[ \t]*:$")
# ... or who speaks first, on the line that opens the text: "Christian BOUILLE : Par délibération …"
REPORTER_SPEAKS = re.compile(rf"^(?P<who>(?:Monsieur|Madame)\s+le\s+Maire|{FIRST_NAME}\s+{SURNAME})[ \t]*:[ \t]+\S")
# a heading followed by more lines than a subject takes is a procès-verbal's: the deliberation's
# text and the debate stand between it and the vote, and its subject ends at the first blank line
SUBJECT_LINES = 8
# a line ending in an amount, "… 2 500 €", "… Fonctionnement 7 500": a table's row, not a heading
AMOUNT_END = re.compile(r"(?<![\d,.])(?:\d+(?:[ \u00a0\u202f.]\d{3})*(?:,\d{2})?[ \t]*(?:€|euros?)"
                        r"|\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{2})?)[ \t]*$", re.I)
# "Max LEVITA 66." alone on its line, the subject on the next (OCR may put a blank line between)
NUMBER_ALONE = re.compile(
    rf"(?m)^[ \t]*+(?P<who>{MAYOR}|{NAMED})[.,]?[ \t]++(?P<num>\d{{1,3}})[ \t]*+(?:[.),][ \t]*+)?\n(?:[ \t]*+\n)?"
    rf"[ \t]*+(?P<objet>[{UPPER}«\"“(].*)$")
# "JEAN-LOUIS 80 Autorisation …" ⏎ "GELY Caisse des écoles …": the margin printed the first name in
# capitals too; a heading only when it is a first name and the surname opens the next line
CAPS_FIRST = re.compile(rf"(?m)^[ \t]*+(?P<who>[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?)[ \t]++(?P<num>\d{{1,3}}){AFTER_NUMBER}"
                        rf"(?P<objet>[{UPPER}«\"“(].*)$")
# "Jean-Louis GELY $2 Ecoles …", "Marc DUFOUR S1. Concession …": a number OCR read partly as a
# look-alike ($, S, O, l), or with a speck before it or in it ("$84", "1064"); a heading when its digits stand where
# the expected number has them
NUMBER_LOOKALIKE = re.compile(rf"(?m)^[ \t]*+(?P<who>{NAMED})[.,]?[ \t]++(?P<tok>[^\s.),]{{1,4}}){AFTER_NUMBER}"
                              rf"(?P<objet>[{UPPER}«\"“(].*)$")
# "9%6 Activités de Gymnastique …": a speck OCR put inside the number; a heading when the digits
# are the expected number's
SPECK_IN_NUMBER = re.compile(rf"(?m)^[ \t]*+(?:(?P<who>{MAYOR}|{NAMED})[ \t]++)?(?P<tok>\d[^\w\s]\d{{1,2}}){AFTER_NUMBER}"
                             rf"(?P<objet>[{UPPER}«\"“(].*)$")
# "Michaël EF Engagement de la Ville …", "Michaël S Partage …": OCR read the item's number ("3.",
# "5") as letters; the rapporteur's surname opens the next line. The number is then the one the
# sequence expects, and the record says so.
GARBLED = re.compile(rf"(?m)^[ \t]*+(?P<who>{NAMED})[ \t]++(?P<tok>[^\s\d{LOWER}]{{1,3}})[ \t]++(?P<objet>[{UPPER}«\"“(].*)$")
UNNUMBERED = re.compile(rf"(?m)^[ \t]*+(?P<who>{MAYOR})[ \t]++(?P<objet>[{UPPER}«\"“].*)$")
# the end of a surname the margin put beside a line of the vote ("PASCAL Adopté à l'unanimité")
VOTE_LINE_SURNAME = re.compile(rf"(?m)^[ \t]*+(?P<cap>[{UPPER}][{UPPER}'’]+)[ \t]++(?=Adopt|Pour\b|Contre\b|Abstention|Rejet)")
LOOKALIKE_DIGITS = "$SsBOoQDlI|!][ZzgGq&"  # what OCR shows for a digit: 8 5 0 1 2 9 6 …
SURNAME_START = re.compile(rf"^\s*(?P<cap>[{UPPER}][{UPPER}'’]+-?(?:[{UPPER}'’]+)?)(?=\s|$)[ \t]*(?P<rest>[^\n]*)")


def looks_like(statements: list) -> bool:
    """Vote counts given label first ("Pour : 52") more often than count first ("14 pour")."""
    label_first = sum(k == "label_first" for st in statements for k in st.kinds)
    count_first = sum(k in ("count_first", "bare") for st in statements for k in st.kinds)
    return label_first >= max(1, count_first)


def read(text: str, statements: list) -> list[Deliberation]:
    out: list[Deliberation] = []
    worded: set[int] = set()  # records whose decision is in words ("Adopté …"), not only counted
    prev_end = 0
    for st in statements:
        if st.kinds == ["count_first"] and st.result is None and not st.unanimous:
            continue  # "Printemps de la création ⏎ 33 pour le Travail et …": a table's words, not this reader's votes
        region = text[prev_end:st.start]
        numbers = [int(d.number) for d in out if d.number and d.number.isdigit()]
        # after one item voted first out of order (a vœu numbered 95), the lowest number is expected
        # too; later, or where the text starts at item 8, "1) Dossier personnel" in an item is no heading
        free = next(n for n in range(1, len(numbers) + 2) if n not in numbers) if len(numbers) == 1 else None
        header = _last_header(text, prev_end, region, numbers[-1] + 1 if numbers else None, free)
        if header is None:
            # what ends the last statement's line ("Adopté à l'unanimité, je vous en remercie.") is no text between
            between = region.split("\n", 1)[1] if "\n" in region else region
            if out and _formal_block(out[-1], st):
                # "… 3 abstentions. Adopté à l'unanimité." said in the debate, more words, then the block
                # "Pour : 62 ⏎ Contre : ⏎ Abstentions : 3 ⏎ Adopté …": the block is the record of the vote
                out[-1].vote_contre = out[-1].vote_abstention = None
                _add_votes(out[-1], st)
                out[-1].char_end = st.end
            elif out and _only_furniture(between) and _compatible(out[-1], st, id(out[-1]) in worded):
                _add_votes(out[-1], st)  # a statement split by a procedural line
                out[-1].char_end = st.end
                if st.result:
                    worded.add(id(out[-1]))
            elif out and st.counts and not (st.counts == _counts(out[-1]) and region.count("\n") > SUBJECT_LINES):
                # a vote with no heading read above it: an item OCR lost, whose place this record marks
                # (not a procès-verbal's block printed again after the debate, the same counts pages later)
                out[-1].issues.append("a vote below it belongs to no item read")
            prev_end = st.end
            continue
        d = Deliberation(char_start=prev_end + header.start(), char_end=st.end, layout="session_report")
        d.number = header.groupdict().get("num")
        if header.re in (GARBLED, NUMBER_LOOKALIKE, SPECK_IN_NUMBER):
            d.number = str(numbers[-1] + 1)
            d.issues.append("number read from the sequence")
        after = region[header.end():]
        extra = ""
        if "\n" not in after and "withdrawn" in st.kinds:
            # "Frédéric 4 Affaire retirée ⏎ TSITSONIS": the withdrawal is the subject, the surname follows
            line_end = text.find("\n", st.end)
            extra = text[st.start:st.end]
            after = "\n" + text[st.end:line_end + 200 if line_end >= 0 else len(text)].split("\n", 1)[-1]
        d.rapporteur, d.objet = _who_and_subject(header, after, extra, more_subject=not extra)
        if d.rapporteur and d.rapporteur.endswith("-"):  # "Sophie ⏎ BONIFACE- ⏎ PASCAL": the margin's
            # last line stands beside the vote ("PASCAL Adopté à l'unanimité")
            below = text.find("\n", text.find("\n", st.end) + 1)  # the statement's lines and the next
            piece = VOTE_LINE_SURNAME.search(text, st.start, below if below >= 0 else len(text))
            if piece:
                d.rapporteur += piece.group("cap")
        _add_votes(d, st)
        if st.result:
            worded.add(id(d))
        out.append(d)
        prev_end = st.end
    _complete_rapporteurs(out)
    return out


def _counts(d: Deliberation) -> dict:
    """The counts a record has, as a statement's ``counts``."""
    return {k: v for k, v in (("pour", d.vote_pour), ("contre", d.vote_contre), ("abstention", d.vote_abstention)) if v is not None}


def _complete_rapporteurs(records: list[Deliberation]) -> None:
    """A rapporteur read as a first name only ("Philippe", the surname lost to a column join) or
    a surname only ("FLEURENCE", the first name lost) takes the full name the same report gives
    elsewhere, when there is exactly one; so does the mayor's title read as a bare "M"."""
    full = {d.rapporteur for d in records if d.rapporteur and re.search(r"\s[A-ZÀ-ÖØ-Þ]{2,}", d.rapporteur)}
    titled = {d.rapporteur for d in records if d.rapporteur and d.rapporteur.endswith("le Maire")} - {"M le Maire"}
    for d in records:
        if d.rapporteur == "M le Maire" and len(titled) == 1:  # "Mme" whose superscript OCR lost,
            d.rapporteur = next(iter(titled))                  # as the report titles the mayor elsewhere
        if d.rapporteur and " " not in d.rapporteur:
            same = sorted(f for f in full if d.rapporteur.upper() in (f.split()[0].upper(), f.split()[-1].upper()))
            if len({f.upper() for f in same}) == 1:  # "JEAN-LOUIS" (the surname's line lost) is Jean-Louis GELY,
                d.rapporteur = max(same, key=lambda f: sum(r.rapporteur == f for r in records))  # as most often printed


def _last_header(text: str, offset: int, region: str, expected: int | None, free: int | None = None) -> re.Match | None:
    """The last heading above a statement; the last one with the number the sequence expects,
    when there is one and a later line only looks like a heading without it ("23- Subventions …"
    then, in its table, "532 ATHOME Fonctionnement 2 000"). ``free``, the lowest number not yet
    read, is expected too: the sequence may open after an item voted first out of order."""
    best = in_sequence = None
    for rx in (NUMBERED, NUMBER_ALONE, UNNUMBERED, GARBLED, CAPS_FIRST, NUMBER_LOOKALIKE, SPECK_IN_NUMBER):
        for m in rx.finditer(region):
            if rx in (NUMBERED, NUMBER_ALONE) and not _plausible(text, offset, m, expected):
                continue
            if rx is CAPS_FIRST and not (_first_name(m.group("who")) and (
                    _surname_next(text, offset + m.end()) or int(m.group("num")) == expected)):
                continue  # the surname below may be lost to OCR ("cu Caisse des écoles"): the sequence then vouches
            if rx is NUMBER_LOOKALIKE and not _lookalike_number(m.group("tok"), expected):
                continue
            if rx is GARBLED and not _garbled_number(text, offset, m, expected):
                continue
            if rx is SPECK_IN_NUMBER and (expected is None or re.sub(r"\D", "", m.group("tok")) != str(expected)):
                continue
            if is_procedural(m.group()):
                continue
            if best is None or m.start() > best.start():
                best = m
            num = m.groupdict().get("num")
            if num and num == str(int(num)) and int(num) in (expected, free) and (
                    in_sequence is None or m.start() > in_sequence.start()):  # "001 Solde …" is a budget code
                in_sequence = m
    if in_sequence is not None and best is not in_sequence and (best.groupdict().get("num") or "").isdigit():
        return in_sequence  # a later heading read from its number (a look-alike, garbled) still wins
    return best


def _garbled_number(text: str, offset: int, m: re.Match, expected: int | None) -> bool:
    """A first name, letters where the number stands, a subject of several words, the surname
    opening the next line, and a sequence to say which number it is."""
    if expected is None or re.search(r"[A-ZÀ-ÖØ-Þ]{2,}", m.group("who")) or len(m.group("objet").split()) < 3:
        return False
    return _surname_next(text, offset + m.end())


def _plausible(text: str, offset: int, m: re.Match, expected: int | None = None) -> bool:
    """A numbered line is a heading when a rapporteur stands before its number, or when it has
    none and is not a sentence ("3 pièces jointes" is not an item) nor a row of figures."""
    who = m.group("who")
    if who:
        if re.search(r"le\s+Maire$|[A-ZÀ-ÖØ-Þ]{2,}", who) or int(m.group("num")) == expected:
            return True
        # a first name alone: its surname is at the start of the next line ("Serge 1 …" / "FLEURENCE …");
        # off the sequence, a first name indeed ("Prévention ⏎ Spécialisée 34 Massane … ⏎ ARDI …" is a table's)
        return (expected is None or _first_name(who)) and _surname_next(text, offset + m.end())
    objet, dash = m.group("objet"), m.groupdict().get("dash")
    expected_dash = int(m.group("num")) == expected and bool(dash)
    figures = len(re.findall(r"\d+", objet[:30])) >= 2 and sum(c.isdigit() for c in objet[:30]) > 0.3 * len(objet[:30])
    if re.match(r"\d{3,}", objet) or (figures and not expected_dash):  # not "122- TARIFS 2014", a year
        return False  # "924 6281 5 132,22 €": a table's row (chapter, nature, amount), not an item
    if dash and re.match(r"[-–]\d", text[offset + m.start("dash"):offset + m.start("objet") + 1]):
        return False  # "3-1 – Nouveau tarif …": a section of the item's text, not item 3
    if int(m.group("num")) != expected and AMOUNT_END.search(objet):
        return False  # "213 ZUS Cévennes 1 000 €": an association's code, its project and its grant
    return len(objet.split()) >= 2 or bool(dash)  # "6- Jeunesse ⏎ Cotisation …"


def _first_name(word: str) -> bool:
    """A common first name, in capitals or not (JEAN-LOUIS, Serge), not a surname alone."""
    from pipeline.repair.names import load_first_names

    return load_first_names().common("-".join(p.capitalize() for p in word.split("-")))


def _lookalike_number(tok: str, expected: int | None) -> bool:
    """"$2" for 82, "S7" for 57, "1O" for 10: digits where the expected number has them, the
    rest a look-alike OCR put in place of a digit; "$84" for 84, "1064" for 104: a speck before
    the whole number or read as a digit inside it."""
    want = str(expected) if expected is not None else ""
    if want and len(tok) == len(want) + 1 and (tok[1:] == want and not tok[0].isalnum()
                                               or tok.isdigit() and want in {tok[:i] + tok[i + 1:] for i in range(len(tok))}):
        return True
    if len(tok) != len(want) or tok.isdigit() or not any(c.isdigit() for c in tok):
        return False
    return all(c == w for c, w in zip(tok, want) if c.isdigit()) and all(
        c in LOOKALIKE_DIGITS or not c.isalnum() for c in tok if not c.isdigit())  # "9%" for 94: a blot


def _surname_next(text: str, pos: int) -> bool:
    """The line after ``pos`` opens with a surname in capitals (the margin's second line)."""
    line_end = text.find("\n", pos)
    return line_end >= 0 and bool(SURNAME_START.match(text[line_end + 1: line_end + 60]))


def _only_furniture(region: str) -> bool:
    """Blank lines, procedural notes and page numbers."""
    return all(not ln.strip() or ln.strip().isdigit() or is_procedural(ln) for ln in region.split("\n"))


def _formal_block(d: Deliberation, st) -> bool:
    """A statement of votes for, given label first ("Pour : 62"), after an item that has none: the
    item's words only announced the vote."""
    return d.vote_pour is None and "pour" in st.counts and "label_first" in st.kinds


def _compatible(d: Deliberation, st, worded: bool) -> bool:
    """A statement that can complete ``d``: counts it lacks, and no second result — unless ``d``
    has no count at all and the statement brings them, as a procès-verbal's vote block does after
    the mayor's spoken "Adopté à l'unanimité"."""
    have = _counts(d)
    if have.keys() & st.counts.keys():
        return False
    return not (worded and st.result) or (bool(st.counts) and not have)


def _add_votes(d: Deliberation, st) -> None:
    d.vote_pour = st.counts.get("pour", d.vote_pour)
    d.vote_contre = st.counts.get("contre", d.vote_contre)
    d.vote_abstention = st.counts.get("abstention", d.vote_abstention)
    d.issues += st.notes
    r = votes.result_of(st)
    if r and (d.result is None or st.result is not None):
        d.result = r


def _who_and_subject(header: re.Match, after: str, extra: str = "",
                     more_subject: bool = True) -> tuple[str | None, str | None]:
    """The rapporteur (completed by surname pieces the margin put on the next lines) and the
    subject (the heading's text and the lines after it, procedural ones left out)."""
    who = header.group("who")
    parts = [(header.group("objet") + extra).strip()]
    needs_surname = bool(who) and (not re.search(r"[A-ZÀ-ÖØ-Þ]{2,}|le\s+Maire$", who) or who.endswith("-")
                                   or header.re is CAPS_FIRST)
    first_line = True
    listing = False  # after "… ne prennent pas part au vote :" come the names, not the subject
    lines = after.split("\n")[1:]
    long_text = sum(1 for ln in lines if ln.strip()) > SUBJECT_LINES
    last = ""  # the last line with words
    for k, ln in enumerate(lines):
        s = ln.strip()
        if not s:
            # after a page's number, the page break is no blank line; nor is one the title runs on past
            if long_text and not last.isdigit() and not _continues_past_blank(parts[-1], lines[k + 1:]):
                break
            continue
        last = s
        if long_text and s.isdigit():
            continue  # the page's number, where the heading meets a page break
        reporter = REPORTER_LINE.match(s) or (REPORTER_SPEAKS.match(s) if long_text else None)
        if reporter and not needs_surname:
            who = who or reporter.group("who")
            break
        if is_procedural(s):
            # a note that began on lines taken for the subject: "Madame le Maire, Messieurs Lévita,
            # Passet, ⏎ administrateurs de la SERM ne participent pas au vote."
            while s[:1].islower() and len(parts) > 1 and parts[-1].endswith(","):
                s = parts.pop()
            listing = listing or ln.strip().endswith(":")
            continue
        if not who and re.fullmatch(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?", s) and _first_name(s):
            who, needs_surname = s, True  # "9%6 Activités … ⏎ Sophie ⏎ BONIFACE- Communal …": the margin below
            continue
        if not who and first_line and header.groupdict().get("num") and not long_text:  # a margin's (not "94- Foncier ⏎ SCI des …")
            m = SURNAME_START.match(s)  # "7 Avenue du Pont … ⏎ FLEURENCE procédure adaptée": the first name lost
            if m and m.group("rest")[:1].islower():
                who, s = m.group("cap"), m.group("rest").strip()
        first_line = False
        if needs_surname:
            m = SURNAME_START.match(s)
            if m:
                who = f"{who}{'' if who.endswith('-') else ' '}{m.group('cap')}"
                needs_surname = who.endswith("-")
                s = m.group("rest").strip()
                if not s:
                    continue
        if not more_subject or listing:
            if needs_surname:
                continue
            break
        parts.append(s)
    subject = one_line(" ".join(parts)).lstrip("_~'‘•- ")
    return _mayor(one_line(who)) if who else None, subject or None


def _continues_past_blank(before: str, rest: list[str]) -> bool:
    """The subject goes on past a blank line: the next line with words carries it on (plainly, or
    as the rest of its name where that line follows the one blank line alone and a member speaks
    after a blank line: ``carries_on``)."""
    filled = list(itertools.islice((k for k, ln in enumerate(rest) if ln.strip()), 2))
    if not filled:
        return False
    nxt, after = filled[0], (filled[1] if len(filled) > 1 else None)
    speaker_next = nxt == 0 and after is not None and after > 1 and SPEAKER.match(rest[after].strip()) is not None
    return carries_on(before, rest[nxt], speaker_next)


def _mayor(who: str) -> str:
    """OCR reads the superscript of "Mme" as M", M°, M"* …: give the title back. The role has
    one spelling, whatever the case the margin prints it in ("Mme le MAIRE")."""
    who = re.sub(r"\ble\s+MAIRE$", "le Maire", who)
    if re.match(r"M\S{1,4}\s+le\s+Maire$", who) and not who.startswith(("Mme", "M.", "Mr")):
        return "Mme le Maire"
    return who
