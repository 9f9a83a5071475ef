"""Real-word errors that only the neighbouring words can decide: a/à, ou/où, la/là, the é a
past participle lost after ``a`` (``a adopte`` -> ``a adopté``, not ``à adopte``), and the
subject pronoun ``Il`` read as another short word (``H est``, ``I n'y a``, ``if n'y en a``).

``a`` is the verb *avoir* after a subject (``il a``, ``qui a``) or before a past participle
(``a été``, ``a d'ores et déjà obtenu``); it is the preposition ``à`` before an infinitive
(``vise à atteindre``), a determiner after a verb or adverb (``appelle … à une``), a bare
noun (``appel à candidature``), a place name (``à Medellin``) or in fixed phrases
(``à hauteur de``, ``à partir de``). When the evidence is weak the word is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.repair.lexicon import Lexicon
from pipeline.repair.offsets import Edit

SUBJECTS = {
    "il", "elle", "on", "qui", "cela", "ça", "ce", "y", "chacun", "chacune", "personne", "rien", "tout",
    "nul", "quiconque", "lui", "celui", "celle", "ceci", "n'", "n’", "qu'il", "qu’il", "qu'elle", "qu’elle",
    # object pronouns stand between the subject and the verb: "en a", "vous a", "lui a"
    "en", "vous", "nous", "me", "te", "se", "leur", "m'", "m’", "t'", "t’", "s'", "s’",
}
ADVERBS = {
    "déjà", "bien", "toujours", "jamais", "aussi", "également", "donc", "ensuite", "alors", "notamment",
    "enfin", "pas", "plus", "très", "beaucoup", "souvent", "récemment", "longtemps", "peu", "tant",
    "néanmoins", "cependant", "ainsi", "encore", "même", "particulièrement", "largement", "fortement",
    "d'ores", "d’ores", "ici", "là", "certes", "vraiment", "officiellement", "ensemble", "finalement",
    "ailleurs", "désormais", "parfois", "surtout", "toutefois", "puis", "aujourd'hui", "aujourd’hui",
}
PREP_PREV = {  # words that govern à: grâce à, quant à, suite à, face à, conformément à
    "grâce", "grace", "quant", "face", "suite", "conformément", "relatif", "relative", "relatifs",
    "relatives", "afférent", "afférente", "afférents", "afférentes", "jusqu'", "jusqu’", "destiné",
    "destinée", "destinés", "destinées", "inférieur", "inférieure", "supérieur", "supérieure", "égal",
    "égale", "identique", "conforme", "contraire", "préalable", "préalablement", "part", "ouvert",
    "ouverte", "ouverts", "ouvertes", "apte", "aptes", "invité", "invités", "habilité", "autorisé",
}
FUNCTION = {"du", "de", "des", "le", "la", "les", "un", "une", "peu", "tant", "trop", "rien", "et", "ou",
            "si", "ne", "pas", "y", "en", "que", "qui", "dont", "où", "avec", "sans", "pour", "par"}
CLOSED_CLASS = {  # never participles, whatever their ending
    "tous", "plus", "sous", "lui", "qui", "ici", "aussi", "ainsi", "parmi", "voici", "celui", "puis",
    "jusqu", "depuis", "lequel", "laquelle", "dessus", "dessous", "autrui", "oui", "mi", "ni", "si",
    "aucun", "aucune", "nous", "vous", "ceux", "eux", "leur", "leurs", "tout", "toute", "toutes",
    "au", "du", "est", "sont", "fut", "vers", "malgré", "après", "près", "très", "dès", "assez",
}
VERB_OBJECTS = {  # avoir + bare noun: a lieu, a besoin, a pour objet, il y a
    "lieu", "besoin", "pour", "trait", "raison", "tort", "droit", "accès", "faim", "peur", "hâte",
    "envie", "soin", "cours", "recours", "affaire", "vocation", "conscience", "connaissance", "confiance",
    "qualité", "compétence", "pu", "dû", "eu", "été", "su", "vu", "fait", "dit", "mis", "pris",
}
FIXED_PREP = {  # à hauteur de, à partir de, à travers, à compter du: always the preposition
    "hauteur", "partir", "travers", "compter", "savoir", "propos", "condition", "peine", "proximité",
    "cause", "charge", "force", "côté", "cote", "fin", "usage", "destination", "disposition",
}
PARTICIPLE_MARGIN = 0.6  # the participle may be this much rarer (Zipf) than the word it would replace (signe)
_UNACCENTED = re.compile(r"(e|ee|es|ees)$")  # adopte, creee, signes: a past participle that lost its é
PREP_NEXT = FIXED_PREP | {  # after a verb: appelle … à une attention, ouvert à tous
    "titre", "raison", "destination", "défaut", "venir", "cet", "cette", "ces", "chaque", "tous",
    "toutes", "nouveau", "nouveaux", "plusieurs", "certains", "certaines", "chacun", "chacune",
    "l'", "l’", "la", "les", "leur", "leurs", "son", "sa", "ses", "notre", "nos", "votre", "vos",
    "mon", "ma", "mes", "ce", "une", "un", "quelle", "quel", "quelles", "quels", "moins",
    "jour", "terme", "court", "long", "temps", "date", "l",
}
DETERMINERS = {"un", "une", "la", "le", "les", "l'", "l’", "l", "ce", "cet", "cette", "ces", "son", "sa",
               "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "des"}
PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|it|its|ite|ites|u|ue|us|ues|ert|erte|erts|ertes|int|inte|"
                        r"eint|eints|ait|aite|aits|ût)$")
INFINITIVE = re.compile(r"(?:er|ir|re|oir|ire|dre|tre)$")
NOT_INFINITIVE = {"hiver", "mer", "fer", "cher", "fier", "hier", "ver", "premier", "dernier", "entier",
                  "leur", "sur", "pour", "par", "cadre", "ordre", "titre", "nombre", "membre", "centre",
                  "lettre", "autre", "notre", "votre", "libre", "contre", "entre", "chiffre", "chambre",
                  "mètre", "propre", "pauvre", "sobre", "livre", "offre", "maire", "salaire", "dossier",
                  "quartier", "chantier", "foyer", "loyer", "métier", "acier", "papier", "conseiller",
                  "janvier", "février", "calendrier", "fichier", "atelier", "sentier", "clocher", "plancher",
                  "rocher", "boucher", "danger", "étranger", "verger", "berger", "collier", "escalier",
                  "cahier", "ouvrier", "courrier", "bouclier", "gibier", "hôtelier", "laitier", "pompier",
                  "tiers", "désir", "loisir", "soir", "espoir", "pouvoir"}
_WORD = re.compile(r"[^\W\d_]+(?:['’])?|\d+|[^\s\w]")
_A = re.compile(r"(?<![\w'’-])a(?![\w'’-])")
_À = re.compile(r"(?<![\w'’-])à(?![\w'’-])")
# the subject slot: what only a subject pronoun stands before (a negation, an object or
# reflexive pronoun, the auxiliaries and impersonal verbs) ...
SUBJECT_SLOT = (r"(?<![ \t])(?=[ \t]+(?:n['’]|(?:ne|y|se|en|est|a|sera|était|serait|faut|fallait|faudra|convient)(?=[\s,.;:])"
                r"|s['’]))")
# ... at the start of a sentence (after its stop, or a blank line: a line wrapped inside a sentence
# may open with a numeral, "Le titre ⏎ I est consacré"), where OCR read "Il" as a capital alone or
# with a look-alike (H, I, ll); "if" there or after a comma ("Cette année, if n'y en a"), not after
# a determiner ("Un if a été abattu": the tree). Not "El": it is as often Et or Elle
_START = r"(?:(?<=[.!?:]\s)|(?<=[.!?:]\s\s)|(?<=\A)|(?<=\n\n))"
_IL = re.compile(_START + r"(?:H|I|Ii|ll|1l|If|if)" + SUBJECT_SLOT
                 + r"|(?<=[,;][ \t])if" + SUBJECT_SLOT)


def _tokens_around(text: str, start: int, end: int, n: int = 3) -> tuple[list[str], list[str]]:
    before = _WORD.findall(text[max(0, start - 80):start])[-n:]
    after = _WORD.findall(text[end:end + 80])[:n]
    return before, after


def is_participle(word: str, lex: Lexicon) -> bool:
    w = word.lower()
    return (bool(PARTICIPLE.search(w)) and w not in CLOSED_CLASS and w not in ADVERBS
            and w not in PREP_NEXT and lex.knows(w) and len(w) > 2)


def accented_participle(word: str, lex: Lexicon) -> str | None:
    """The past participle a word is with its final é restored (adopte -> adopté, creee -> créée
    is not attempted: only the last e), when the dictionary knows it; else None."""
    m = _UNACCENTED.search(word)
    if not m or len(word) < 4 or word in CLOSED_CLASS:
        return None
    ending = {"e": "é", "ee": "ée", "es": "és", "ees": "ées"}[m.group(1)]
    cand = word[:m.start()] + ending
    if not (lex.knows(cand) and is_participle(cand, lex)):
        return None
    # a noun is not a participle that lost its accent: "a adresse", "a police" (old prints' à)
    return cand if lex.freq(cand) >= lex.freq(word) - PARTICIPLE_MARGIN else None


def participle_after_a(word: str, prev: str, lex: Lexicon) -> str | None:
    """The participle ``word`` is, its é restored, when it follows ``a`` (``prev`` the word before
    ``a``) outside a fixed phrase of the preposition (à cause de, grâce à)."""
    if word in FIXED_PREP or prev in PREP_PREV:
        return None
    return accented_participle(word, lex)


def is_infinitive(word: str, lex: Lexicon) -> bool:
    w = word.lower()
    return bool(INFINITIVE.search(w)) and w not in NOT_INFINITIVE and lex.knows(w) and len(w) > 3


def a_or_à(text: str, start: int, end: int, lex: Lexicon) -> tuple[str, float] | None:
    """Decide the preposition: ('à', score) or None to leave ``a``."""
    before, after = _tokens_around(text, start, end)
    if not after:
        return None
    prev = before[-1].lower() if before else ""
    nxt = after[0]
    nxt_low = nxt.lower()
    nxt2 = after[1].lower() if len(after) > 1 else ""
    if prev in SUBJECTS or (len(before) >= 2 and before[-2].lower() in {"il", "n'", "n’"} and prev == "y"):
        return None
    if nxt_low in VERB_OBJECTS or is_participle(nxt_low, lex):
        return None
    if participle_after_a(nxt_low, prev, lex):
        return None  # "la Ville a decide", "a adopte": avoir and a participle whose é was lost
    if nxt_low in ADVERBS and (is_participle(nxt2, lex) or nxt2 in ADVERBS or nxt2 in {"et", "été"}):
        return None
    if is_infinitive(nxt_low, lex):
        return "à", 0.8
    if prev in PREP_PREV:
        return "à", 0.8
    if nxt_low in FIXED_PREP:
        return "à", 0.9
    if nxt[:1].isupper() and nxt.isalpha() and prev not in ("", ".") and not before[-1][:1].isupper():
        return "à", 0.6  # a place: à Medellin (after a lower-case word, not a name subject)
    # what comes before, adverbs skipped: "appelle par ailleurs a une" -> the verb "appelle"
    k = len(before) - 1
    while k >= 0 and (before[k].lower() in ADVERBS or before[k].lower() == "par"):
        k -= 1
    head = before[k].lower() if k >= 0 else ""
    if k < len(before) - 1 and head in SUBJECTS:
        return None  # "qui donc a", "lui-même a"
    skipped = k < len(before) - 1
    prev_is_verbish = is_participle(prev, lex) or (skipped and head not in SUBJECTS and lex.knows(head)) or (
        prev == "," and len(before) >= 2 and before[-2].lower() in {"aussi", "mais", "puis", "notamment", "ainsi"})
    if nxt_low in DETERMINERS or nxt_low in PREP_NEXT:
        return ("à", 0.6) if prev_is_verbish else None
    if (nxt.isalpha() and nxt.islower() and lex.knows(nxt_low) and not is_participle(nxt_low, lex)
            and nxt_low not in CLOSED_CLASS and nxt_low not in ADVERBS and nxt_low not in FUNCTION
            and not nxt_low.endswith("ment")):
        # a bare noun right after "a": "appel a candidature" (avoir takes a determiner)
        if prev and lex.knows(prev) and prev not in SUBJECTS and not prev.endswith(("ent",)):
            return "à", 0.55
    return None


_OU = re.compile(r"(?<![\w])(d['’]|jusqu['’]|par |là )ou(?![\w'’-])")
_LA = re.compile(r"(?<![\w])(celui|celle|ceux|celles|jusque)-la(?![\w])|(?<![\w-])la-(bas|haut|dessus|dessous|dedans)(?![\w])")


CLAUSE_OPENERS = {"", ".", ",", ";", ":", "!", "?", "et", "mais", "ou", "donc", "car", "puis", "que", "qu'", "qu’",
                  "si", "lorsqu'", "lorsqu’", "puisqu'", "puisqu’", "quand", "comme"}
PARTICIPLE_SCORE = 0.7  # a décide -> a décidé
MARK_SCORE = 0.8  # d'ou -> d'où, celle-la -> celle-là: the phrase leaves no doubt


def edits(text: str, lex: Lexicon) -> Iterator[Edit]:
    """Every context repair of ``text``."""
    for m in _A.finditer(text):
        decision = a_or_à(text, m.start(), m.end(), lex)
        if decision:
            yield Edit(m.start(), m.end(), decision[0], "context", decision[1])
            continue
        nxt = re.match(r"\s+([^\W\d_]+)(?![\w'’-])", text[m.end():m.end() + 40])
        before, _ = _tokens_around(text, m.start(), m.end())
        prev = before[-1].lower() if before else ""
        fixed = participle_after_a(nxt.group(1), prev, lex) if nxt and nxt.group(1).islower() else None
        if fixed:  # "a décide" -> "a décidé": avoir wants the participle
            s = m.end() + nxt.start(1)
            yield Edit(s, s + len(nxt.group(1)), fixed, "context", PARTICIPLE_SCORE)
    for m in _À.finditer(text):
        before, after = _tokens_around(text, m.start(), m.end(), n=4)
        prev = [w.lower() for w in before[-3:]]
        # the subject opening its clause ("Le conseil, on à décidé", "Il y à été"), not a pronoun
        # after its verb ("vise-t-elle à") or a preposition ("avec elle à midi")
        if prev[-1:] in (["il"], ["elle"], ["on"]):
            subject, opener = True, prev[-2] if len(prev) >= 2 else ""
        else:
            subject, opener = prev[-2:] in (["il", "y"], ["n'", "y"], ["n’", "y"]), ""
        nxt = after[0] if after else ""
        if (subject and opener in CLAUSE_OPENERS and nxt.islower()
                and (nxt in VERB_OBJECTS or is_participle(nxt, lex))):
            # "il à été", "on à décidé": avoir between its subject and a participle ("on à pied"
            # may be "ou à pied", OCR's n for u)
            yield Edit(m.start(), m.end(), "a", "context", MARK_SCORE)
    for m in _IL.finditer(text):
        yield Edit(m.start(), m.end(), "il" if m.group() == "if" else "Il", "context", MARK_SCORE)
    for m in _OU.finditer(text):
        yield Edit(m.end() - 2, m.end(), "où", "context", MARK_SCORE)
    for m in _LA.finditer(text):
        if m.group(1):
            yield Edit(m.end() - 2, m.end(), "là", "context", MARK_SCORE)
        else:
            yield Edit(m.start(), m.start() + 2, "là", "context", MARK_SCORE)
