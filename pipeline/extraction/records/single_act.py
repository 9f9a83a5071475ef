"""The single act: one deliberation per file, as the prefecture receives it.

  Accusé de réception … 034-213401722-20140424-0000071252-DE        the ACTES stamp
  Séance publique du jeudi 24 avril 2014   Envoi Préfecture : 28/04/2014
  n° 2014 / 138                                                      the number, in the margin
  Présents : … Absents :
           Délibération fixant les indemnités de fonction des élus   the subject: a title block …
  Monsieur EL KANDOUSSI rapporte :                                   … above "<someone> rapporte :"
  …
  Le Conseil Adopte.                      Pour extrait conforme, Monsieur le Maire, Philippe SAUREL

The subject is the "Objet :" line when there is one, else the block of lines right above the
rapporteur's line — on a text layer, the lines set apart from the margin and centred (see
``layout.py``); in plain text, the lines up to the attendance list or a blank line.
"""

from __future__ import annotations

import re

from pipeline.extraction.records import votes
from pipeline.extraction.records.common import REGISTER_ID, UPPER, Deliberation, is_procedural, one_line

# 034-213401722-20140424-0000071252-DE (department, SIREN, date, local id, kind); "0 34-…" as a
# text layer sometimes spaces it
# department, SIREN (9 digits), date, the act's own id, its nature; OCR may put a stray space inside
# a run of digits ("21340 1722", "0000071 244"): the lengths, counted without it, still hold
ACTES = re.compile(r"(?<![\w-])(\d\s?\d\s?\d)-(\d(?:\s?\d){8})-((?:20|19)(?:\s?\d){6})-([A-Za-z0-9_]{1,30}(?: \d{1,8})?)"
                   r"-(DE|AI|AR|CC|AU|PA|AA|AE)(?![\w-])")
ACTES_LIKE = re.compile(r"[\[\]\w|]{3,4}-\d{9}-\d{8}-\w+-\w{2}")
# "n° 2014 / 138", "N° 2019/047", "no 2014-12"
NUMBER = re.compile(r"\b[nN][°o]\s*(\d{4})\s*[/-]\s*(\d{1,5})\b")
# who reports: "Monsieur EL KANDOUSSI", "Max LEVITA", "Madame la Première Adjointe", "Monsieur le Maire", "M. DUPONT"
PERSON = (rf"(?:(?:Monsieur|Madame|M\.|Mme|Mr)[ \t]+(?:l[ea][ \t]+)?)?[{UPPER}][\w'’-]*(?:[ \t]+(?:de[ \t]+|d['’]|le[ \t]+|la[ \t]+)?"
          rf"[{UPPER}][\w'’-]*){{0,3}}")
RAPPORTE = re.compile(rf"(?m)^[ \t]*(?:(?P<who>{PERSON})[ \t]+rapporte\b[ \t]*:?|Rapporteur[ \t]*:[ \t]*(?P<who2>{PERSON}))")
OBJET = re.compile(r"(?im)^[ \t]*objet\s*:\s*(?P<objet>\S.*)$")
# the signature block; on a scan, OCR reads the handwritten signature as a few short lines of
# marks ("| 17", "Î", "PES") between the title and the name
# "Le Maire, ⏎ (blank lines, up to four short lines of signature marks) ⏎ Michaël DELAFOSSE". Each
# run of blanks is read once (possessive), and a name is looked for only on a line of at most 80
# characters: a long run of blanks or of hyphenated capitals after "le Maire" is not tried in
# every way it could be cut
SIGNATORY = re.compile(
    rf"(?:Pour extrait conforme,?\s*+)?(?:(?:Monsieur|Madame)\s*+)?(?:le|Le|LE)\s++(?:Maire|MAIRE)[ \t]*+,?[ \t]*+"
    rf"(?:\n[^\S\n]*+(?=\n))*+(?:\n[ \t]*+[^\n]{{0,6}}){{0,4}}?\n\s*+(?=[^\n]{{0,80}}?[^\S\n]*+(?:\n|$))"
    rf"(?P<name>(?>[{UPPER}][\w'’-]+(?:[ -][{UPPER}][\w'’-]+){{1,3}}))[^\S\n]*+(?:\n|$)")
HEAD, HEAD_LINES = 400, 6  # where an act's own number stands alone: its first lines
REGISTER = re.compile(r"registre\s+des\s+d[ée]lib[ée]rations|accus[ée]\s+de\s+r[ée]ception", re.I)


def looks_like(text: str, statements: list) -> bool:
    """Cues of a single act: the ACTES stamp, the register's heading, one "X rapporte :" or one
    "Objet :" line — with at most a few vote statements (a session report has one per item)."""
    cues = (ACTES.search(text) or ACTES_LIKE.search(text[:3000]) or REGISTER.search(text[:4000])
            or len(RAPPORTE.findall(text)) == 1 or len(OBJET.findall(text)) == 1)  # several "Objet :": several items
    return bool(cues) and len(statements) <= 3


def read(text: str, statements: list, title_lines=None) -> list[Deliberation]:
    """One record. ``title_lines``, when the page's geometry is known, gives the subject block
    above a position (see ``layout.title_above``)."""
    d = Deliberation(char_start=0, char_end=len(text), layout="single_act")
    m = ACTES.search(text)
    if m:
        d.actes_id = re.sub(r"\s", "", m.group())
    n = NUMBER.search(text)
    if n:
        d.number = f"{n.group(1)}/{n.group(2)}"
    else:  # the register's id on a line of its own at the top ("DE_2020_02", "D2024-16")
        d.number = next((line.strip() for line in text[:HEAD].split("\n")[:HEAD_LINES]
                         if re.fullmatch(REGISTER_ID, line.strip())), None)
    r = RAPPORTE.search(text)
    if r:
        d.rapporteur = one_line(r.group("who") or r.group("who2"))
    o = OBJET.search(text)
    if o:
        d.objet = _objet_label(text, o)
    elif r:
        d.objet = (title_lines(r.start()) if title_lines else None) or _title_above(text, r.start())
    after = [st for st in statements if not r or st.start >= r.start()]
    decided = [st for st in after if st.has_decision]
    if decided:
        st = decided[-1]
        votes.decide(d, st)
    signed = None
    for signed in SIGNATORY.finditer(text):
        pass
    if signed:
        d.signatory = signed.group("name")
    return [d]


def _objet_label(text: str, m: re.Match) -> str:
    """"Objet : …" and the lines that continue it (up to a blank line)."""
    lines = [m.group("objet").strip()]
    for ln in text[m.end():].split("\n")[1:4]:
        if (not ln.strip() or ln.rstrip().endswith(":") or re.match(r"\s*(?:vu|considérant|le conseil)\b", ln, re.I)
                or re.match(r"\s*[A-ZÀ-ÖØ-Þ][\w ]{0,30}?\s*:", ln)):  # the next label ("Rapporteur : …")
            break
        lines.append(ln.strip())
    return one_line(" ".join(lines))


_STOP = re.compile(r"\b(?:absents?|pr[ée]sents?|excus[ée]s?|procuration|pouvoir)\b.*:|:\s*$|\bs['’]est\s+réuni", re.I)
# "Jean DUPONT," (or "d'Antoine DUPONT,"): a list of names; tried at the start of a word only
_NAMES = re.compile(rf"(?<![\w'’-])(?:\w{{1,2}}['’])?[{UPPER}][\w'’-]++\s++(?>[{UPPER}]{{2,}}[\w'’-]*)\s*+,")


def _title_above(text: str, end: int) -> str | None:
    """Plain text: the lines right above ``end`` up to a blank line, a label ("Absents :"), a list
    of names or a procedural line; at most four lines."""
    lines = text[:end].split("\n")
    if lines and not lines[-1].strip():
        lines.pop()
    title: list[str] = []
    for ln in reversed(lines):
        s = ln.strip()
        if not s:
            if title:
                break
            continue
        if _STOP.search(s) or _NAMES.search(s) or is_procedural(s) or len(title) == 4:
            break
        title.insert(0, s)
    return one_line(" ".join(title)) or None
