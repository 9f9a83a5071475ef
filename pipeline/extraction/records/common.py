"""What the three readers share: the record, the council's own name, who attended, and the
lines of a page that are not part of any subject."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from pipeline.extraction.dates import DateMention

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zà-ÿ"
# an item's number as a register gives it, a year and a number: D2025-008, 2019-04-01, 2020-045,
# D2024 – 14, D2024_19, DE_2020_02, 2014/138, D.2019.45; or a prefix and numbers
YEAR_ID = r"(?:[A-Z]{1,4}[ \t]?[-_–.]?[ \t]?)?(?:19|20)\d\d(?:[ \t]*[-_–/.][ \t]*\d{1,4}){1,3}"  # … 2013-09-23-01: the session's day, then the item
PREFIXED_ID = r"[A-Z]{1,4}[-_]\d{1,4}(?:[-_/.]\d{1,4}){1,3}"  # DL-056-07-13
REGISTER_ID = rf"{YEAR_ID}|{PREFIXED_ID}"
# a number and then its year, "n° 45/2019", "Délibération n° 12-2020": a register's too, but only
# where a word announces it ("12/2019" alone may be a month)
# … or the year in two figures first, "Délibération n° 13-045" (only announced, as the other)
YEAR_LAST = r"(?:\d{1,4}[/-](?:19|20)\d\d|\d\d[-/]\d{1,4})(?![\d/.-])"
# the labels of a minutes' header, never an item's subject: "Date de la convocation", "Ordre du
# jour", "Nombre de membres en exercice", "Secrétaire de séance", "Séance du 31 mars 2021", the session's name and date
HEADER_LABEL = re.compile(r"(?i)^[ \t]*(?:date[ \t]+de[ \t]+(?:la[ \t]+)?convocation|ordre[ \t]+du[ \t]+jour"
                          r"|nombre[ \t]+de[ \t]+(?:membres|conseillers)|secr[ée]taire[ \t]+de[ \t]+s[ée]ance|s[ée]ance[ \t]+du)\b"
                          # the session named and dated: "Conseil Municipal du 9 octobre 2018", "CR du conseil municipal 7 octobre 2022"
                          r"|^[ \t]*(?:(?:compte[ \t-]+rendu|proc[èe]s[ \t-]+verbal|cr|pv)[ \t]+(?:du[ \t]+)?)?"
                          r"(?:conseil[ \t]+municipal|r[ée]union)[ \t]+(?:du[ \t]+)?\d{1,2}(?:er)?[ \t./]")
# the decision formula and the grounds of a decision: "Le Conseil municipal, après en avoir délibéré", "Vu …",
# "Considérant …", "DÉCIDE" — what opens a decision, never its name
FORMULA = re.compile(r"(?i)^(?:le\s+conseil\b|après\s+(?:en\s+avoir\s+délibéré|avoir\s+entendu)|vu\b|considérant\b"
                     r"|d[ée]cide\b|ouï\b)")
# characters before a vote on its line that tell what stands there (a label is a few words): a line
# of thousands of votes is read in linear time
LOOK_BACK = 400
# a line that ends on an article, a preposition or a dash goes on to the next: no title ends so
CONNECTOR_END = re.compile(r"(?:\b(?:de|du|des|la|le|les|l['’]|d['’]|à|au|aux|et|en|sur|pour|par|avec|dans)|[-–,(])$", re.I)
# a title's last word cut short: a word of one or two small letters not after a figure or a unit's
# sign ("Approbation du co", "avant le v", "avant le vd"; not "… 12 km", "… en € ht"), or a capital
# alone after a hyphen ("du Conseil-M"): OCR or a stamp took the rest
CUT_WORD = re.compile(r"(?:(?<=[ \t])(?<![\d.€%][ \t])[a-zà-ÿ]{1,2}|(?<=-)[A-ZÀ-Ý])$")
# words before a result that end on its verb are the sentence stating it, no name of the decision:
# "La délibération est ⏎ adoptée", "Il est adopté à l'unanimité" (Montpellier), "Le procès-verbal … est approuvé" (Pierrefonds)
COPULA_END = re.compile(r"(?<![\w-])(?:est|sont|a[ \t]+été|ont[ \t]+été|sera|seront)$")  # not "nord-est"
# a subject pronoun and its verb: a sentence of the exposé ("…, il est passé au vote"), no title
# … or the mayor's ("Monsieur le Maire propose la candidature …", after a margin's words)
PROSE = re.compile(r"\b(?:il|elle|ils|elles|nous|je|on|le[ \t]+maire)[ \t]+"
                   r"(?:est|sont|a|ont|va|vont|demande|propose|précise|rappelle|indique|informe|expose|souhaite|doit)\b", re.I)
# a part of a title on a line of its own: "- Autorisation à donner …", "A) Budget principal"
TITLE_PART = re.compile(rf"^[ \t]*(?:[-–—−•▪◦*]|[A-Ha-h]\)|[A-H][.–-][ \t]+(?=[{UPPER}]))[ \t]*\S")


# "Madame X expose …", "Monsieur le Maire:": a member who speaks opens the exposé; no title does
SPEAKER = re.compile(r"^(?:Monsieur|Madame|Mme|Mr|M\.)[ \t]")
LABEL_WORDS = 14  # a title or a label line has at most this many words


def carries_on(before: str, line: str, speaker_next: bool = False) -> bool:
    """Whether ``line`` carries on the title ``before`` ends, even past a blank line (some tools
    that give a PDF's text put one between its boxes): plainly — a part of the title on its own
    line, a line opening in lower case, a title cut after a preposition or a dash — or, where
    ``speaker_next`` (the line stands alone between blank lines and a member speaks on the next:
    the exposé begins there), as the rest of a name: "10- Commission d'Appel d'Offres … ⏎
    Election des membres ⏎ Monsieur le Maire:", "5. Création d'accès PMR … Sabatier II : ⏎
    Autorisation à donner à Madame le maire … ⏎ Madame le Maire passe la parole …"."""
    return bool(TITLE_PART.match(line) or line.strip()[:1].islower() or CONNECTOR_END.search(before.rstrip())
                or speaker_next and _rest_of_a_name(line))


# lines of an item's text that read like a name and are none: its parts ("Exposé des motifs",
# "Discussion générale", "Intervention de Madame …") and a sentence's subject pronoun ("Nous avons
# reçu …", "Ce point a été vu …", "Il n'y aura pas …")
TEXT_PART = re.compile(r"(?i)^(?:expos[ée]|discussion|d[ée]bat|intervention|note|pièces?)\b")
OPENS_A_SENTENCE = re.compile(r"(?i)^(?:il|elle|ils|elles|nous|vous|je|on|ce|cela|ceci|y)\b|^(?:c|j|qu)['’]")


def _rest_of_a_name(line: str) -> bool:
    """Two words or more, and few, that make no sentence, label or part of the text: no final
    punctuation, no colon, no subject and its verb, no speaker, formula, note of who comes and goes."""
    line = line.strip()
    words = re.findall(r"[^\W\d_]{2,}", line)
    return (len(words) >= 2 and len(line.split()) <= LABEL_WORDS and line[:1].isupper()
            and not re.search(r"[.?!,;…]$", line) and ":" not in line
            and not (PROSE.search(line) or SPEAKER.match(line) or FORMULA.match(line) or is_procedural(line)
                     or TEXT_PART.match(line) or OPENS_A_SENTENCE.match(line)))


@dataclass
class Deliberation:
    collectivite: str | None = None
    session_date: str | None = None
    number: str | None = None
    actes_id: str | None = None
    objet: str | None = None
    rapporteur: str | None = None
    prefecture_sent: str | None = None
    prefecture_received: str | None = None
    vote_pour: int | None = None
    vote_contre: int | None = None
    vote_abstention: int | None = None
    result: str | None = None
    signatory: str | None = None
    char_start: int = 0
    char_end: int = 0
    layout: str | None = None  # the reader that found it: single_act, session_report, minutes
    confidence: float | None = None  # 0-1, from the checks of validate.py
    needs_review: bool | None = None
    issues: list[str] = field(default_factory=list)  # the checks it failed, in words
    set_by_hand: list[str] | None = None  # fields an archivist set (overrides.json), filled after extraction

    def to_json(self) -> dict:
        return asdict(self)


# --- lines that belong to no subject ---------------------------------------------------------

# "Monsieur Aslanian sort de séance.", "Mesdames Prunier, Souche entrent en séance.",
# "Madame le Maire ne participant pas au vote, sort de séance.", "(avec la procuration de …)",
# "Applaudissements dans la salle."
PROCEDURAL = re.compile(
    r"\b(?:entr(?:e|ent)|sort(?:ent)?|quitt(?:e|ent))\s+(?:en\s+|de\s+|la\s+)?s[ée]ance\b|\bne\s+particip\w*\s+pas\b"
    r"|\bne\s+pren(?:d|nent)\s+pas\s+part\b"
    r"|\brécupère\s+sa\s+procuration\b|\bprocuration\b|^\s*(?:Page\s+)?\d+\s*/\s*\d+\s*$"
    # "Arrivée de Madame DANAN à 20h44", "Départ de Maryline et Nelly à 20H50": who comes and goes, and when
    r"|^\W*(?:arriv[ée]e|d[ée]part)\s+d[eu]\s[^\n]{1,80}?\b[àa]\s+\d{1,2}\s*h"
    # a verbatim procès-verbal's stage directions: "Applaudissements dans la salle.", "(Rires)"
    r"|^\s*\(?(?:applaudissements|rires|brouhaha|exclamations|protestations)\b[^.\n]{0,40}\.?\)?\s*$", re.I)


def is_procedural(line: str) -> bool:
    return bool(PROCEDURAL.search(line))


ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(num: str) -> int | None:
    """A Roman numeral's value ("IV" -> 4, "xii" -> 12), or None when it is not one."""
    if not num or any(c not in ROMAN_VALUES for c in num.upper()):
        return None
    digits = [ROMAN_VALUES[c] for c in num.upper()]
    return sum(-v if i + 1 < len(digits) and v < digits[i + 1] else v for i, v in enumerate(digits))


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- who the council is ----------------------------------------------------------------------

# "Ville de Montpellier", "Commune de Couthenans", "Mairie de Pignan", "VILLE DE MANTES-LA-JOLIE",
# "Conseil Municipal de la Ville de Montpellier": on one line, and a commune the gazetteer knows.
COLLECTIVITE = re.compile(
    rf"\b(?P<kind>Ville|VILLE|Commune|COMMUNE|Mairie|MAIRIE)[ \t]+(?:de|DE|d['’])[ \t]*"
    rf"(?P<name>[{UPPER}][\w'’-]*(?:[ \t-](?:(?:de|du|des|la|le|les|sur|sous|en|lès|lez|aux?|l['’])[ \t-])?[{UPPER}][\w'’-]*){{0,4}})")
HEADER_CUES = re.compile(r"registre des d[ée]lib[ée]rations|conseil\s+municipal\s+de\s+la\s+(?:ville|commune)|"
                         r"^[^\S\n]*+(?:ville|commune|mairie)\s+d", re.I | re.M)


def collectivite(text: str) -> str | None:
    """The authority whose council wrote the document, from its header (the first page up to the
    attendance list) or a line that names the register; never a name a line break joined to
    "Ville de" ("… Avis de la Ville de ⏎ FLEURENCE Montpellier")."""
    from pipeline.extraction.places import lookup

    first_page = text.split("\f", 1)[0]
    header_end = re.search(r"\bPr[ée]sents?\s*:", first_page)
    regions = [first_page[: header_end.start() if header_end else 1500]]
    regions += [ln for ln in first_page.splitlines() if HEADER_CUES.search(ln)]
    votes: Counter = Counter()
    for region in regions:
        for m in COLLECTIVITE.finditer(region):
            name = _longest_commune(m.group("name"), lookup)
            if name:
                kind = "Commune" if m.group("kind").lower() == "commune" else "Ville"
                votes[(kind, _canonical_case(name))] += 1
    if not votes:
        return None
    (kind, name), _ = votes.most_common(1)[0]
    return f"{kind} de {name}"


def _longest_commune(words: str, lookup) -> str | None:
    parts = re.split(r"(?<=[\w'’])(?=[ \t])", words)
    for n in range(len(parts), 0, -1):
        cand = "".join(parts[:n]).strip()
        if lookup(cand, "FR"):
            return cand
    return None


def _canonical_case(name: str) -> str:
    """MONTPELLIER -> Montpellier, MANTES-LA-JOLIE -> Mantes-la-Jolie; other spellings as written."""
    if not name.isupper():
        return name
    small = {"de", "du", "des", "la", "le", "les", "sur", "sous", "en", "lès", "lez", "aux", "au"}
    out = []
    for i, w in enumerate(re.split(r"([ -])", name.lower())):
        out.append(w if (w in small and i) or w in (" ", "-") else w[:1].upper() + w[1:])
    return "".join(out)


# --- who attended ----------------------------------------------------------------------------

# "Présents : Jean-Pierre, Yves …", "Absents ayant voté par procuration … :", "Excusés : David (pouvoir
# donné à Jean-Pierre) / Marielle …", "Absent ⏎ Hélène": a label opening a line, names after its colon
# and on the lines that follow.
# "Présents :", "Absente :", "Excusée :", "+ Absents excusés :", "Pouvoirs :" (feminine, after a bullet)
ATTENDANCE = re.compile(r"(?im)^[ \t]*(?:[-+•*–][ \t]*)?(?:pr[ée]sente?s?|absente?s?|excus[ée]e?s?|non[ \t]+excus[ée]e?s?|pouvoirs?|procurations?)\b.*$")
# a list item: a capitalised word and up to four more (loose: it decides which lines are a list)
_LOOSE_NAME = re.compile(rf"^[{UPPER}][\w'’.-]*(?:[ \t]+[{UPPER}{LOWER}][\w'’.-]*){{0,4}}$")
# a person's name: every word capitalised but the particles ("Cédric DE SAINT JOUAN", "Yves")
_NAME_CHUNK = re.compile(rf"^[{UPPER}][\w'’.-]*(?:[ \t]+(?:[{UPPER}][\w'’.-]*|(?:de|du|des|le|la|d['’]|el|di|da|van|von)\b)){{0,4}}$")


# "Membres en exercice : 27", "En exercice : 8", "Nombre de conseillers en exercice : 15"
IN_OFFICE = re.compile(r"(?i)\ben[ \t]+exercice[ \t]*:?[ \t]*(\d{1,3})\b")


def membership(text: str) -> int | None:
    """How many members the attendance lists name (present, represented, excused, absent): no
    vote of this council counts more. None when the document has no attendance list. Counted
    generously (a name cut by a line break counts twice): a tally above it is surely not this
    council's. Where the document states the members in office ("Nombre de membres en exercice :
    11"), no fewer than that."""
    total = sum(1 for body in _lists(text) for c in _chunks(" , ".join(body)) if _LOOSE_NAME.match(c) and len(c) > 1)
    stated = [int(n) for n in IN_OFFICE.findall(text[:20000]) if 3 <= int(n) <= 200]
    return max([total, *stated]) or None  # "En exercice : 8": the council says how many it has


def _lists(text: str) -> list[list[str]]:
    """The lines of each attendance list: what follows its label's colon, and the names lines after."""
    head = text[:20000]
    out = []
    for m in ATTENDANCE.finditer(head):
        line = m.group()
        body = [line.split(":", 1)[1]] if ":" in line else []
        following = head[m.end():].split("\n")[1:30]
        for k, nxt in enumerate(following):
            if not nxt.strip() and len(body) <= 1 and not "".join(body).strip():
                continue  # OCR puts a blank line between the label and its names
            if not nxt.strip() and body and not body[-1].rstrip().endswith(".") and _name_follows(following[k + 1:]):
                continue  # … and inside a list, even inside a name: "Régine ⏎⏎ SOUCHE."
            if not nxt.strip() or ATTENDANCE.match(nxt) or not _names_line(nxt):
                break
            body.append(nxt)
        out.append(body)
    return out


def attendance(text: str) -> list[str]:
    """The names the attendance lists give, as written ("Frédéric TSITSONIS", "Yves")."""
    names: list[str] = []
    for body in _lists(text):
        joined = ""
        for part in body:  # a name may run on the next line: "Valérie ⏎ BARTHAS-ORSAL", "BENOUARGHA- ⏎ JAFFIOL"
            part = part.strip()
            if joined.endswith("-"):
                joined += part
            else:
                joined += (" , " if joined.rstrip().endswith((".", ",", ";", ")")) else " ") + part
        names += [c for c in _chunks(joined) if _NAME_CHUNK.match(c) and len(c) > 1]
    return names


def _name_follows(lines: list[str]) -> bool:
    """The next line with words continues a list of names (and does not open another list)."""
    nxt = next((line for line in lines if line.strip()), "")
    return bool(nxt) and not ATTENDANCE.match(nxt) and _names_line(nxt)


def _names_line(line: str) -> bool:
    chunks = _chunks(line)
    return bool(chunks) and sum(bool(_LOOSE_NAME.match(c)) for c in chunks) >= max(1, len(chunks) * 0.6)


def _chunks(text: str) -> list[str]:
    text = re.sub(r"\([^()]*\)", " ", text)
    # a period after a surname in capitals, before the next name, is a comma OCR misread
    # ("Nathalie GAUTIER-MEDEIROS. Jean-Louis GELY"); an initial keeps its own ("J.-L. GELY")
    text = re.sub(rf"(?<=[{UPPER}]{{2}})\.[ \t]+(?=[{UPPER}])", ", ", text)
    # a proxy, a list's line of its own: "- Monsieur Antonio MENDES à Madame Florence DEMOUY",
    # "Valérie UPPHOFF donne procuration à Denis JUVIN": two members' names
    text = re.sub(r"(?m)^[ \t]*[-–•*+][ \t]*", ", ", text)
    text = re.sub(r"[ \t]+(?:donne[ \t]+(?:pouvoir|procuration)[ \t]+)?(?:à|a)[ \t]+(?=(?:Monsieur|Madame|M\.|Mme|Mr)\b|[" + UPPER + r"])", " , ", text)
    # a title inside a list's item opens the next name, its comma forgotten ("Monsieur Romain RIBEIRO Monsieur Philippe TOLEDANO")
    text = re.sub(rf"(?<=[{UPPER}]{{2}})[ \t]+(?=(?:Monsieur|Madame|Mme|M\.)[ \t]+[{UPPER}])", " , ", text)
    return [c.strip(" .;") for c in re.split(r",|/|&|;|\bet\b", text) if c.strip(" .;")]


def first_day(dates: list[DateMention], role: str) -> str | None:
    for d in dates:
        if d.role == role and d.precision == "day":
            return d.start
    return None
