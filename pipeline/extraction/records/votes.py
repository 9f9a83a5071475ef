"""Vote statements: where a council's decision is written, and what it says.

A statement is a run of vote pieces with nothing between them but punctuation, spaces, line
breaks, "et" or a parenthesis ("(UMP-NI)"). It gives one decision: (pour, contre, abstention,
result). The forms met in minutes:

  "Pour : 52 ⏎ Contre : 7 (UMP-NI) ⏎ Adopté à la majorité"          label first
  "Vote : 14 pour / 0 contre / 0 abstention  adopté"                    count first
  "2 votes contre 1 abstention 9 votes pour", "11 votes pour 2 abstentions"
  "13 votes" alone on its line                                          votes for
  "Pour le changement de prestataire : 13 votes"                        votes for what is named
  "POUR CONTRE ABSTENTION ⏎ 12 1 1"                                    a table: counts under their labels
  "- Anne-Marie : 11 votes, Elue"                                       an election: who is elected
  "M. Paul Martin est élu avec 13 voix", "… est élue à l'unanimité"      an election in a sentence
  "Le Conseil adopte.", "ADOPTÉ à l'unanimité", "Affaire retirée"       the result alone

An OCR'd "Contre : |" is 1 against, and says so in the record's issues.
A count never reaches across a line break to its label ("Avenant n°6 ⏎ Pour : 49" is 49 for,
not 6), nor is it a number of something ("n°6", "2/3", "1,5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extraction.amounts import NUMBER_WORD, parse_words

COUNT = r"(?P<n>\d{1,3})"
COUNT_WORDS = rf"{NUMBER_WORD}(?:[\s-]{{1,3}}{NUMBER_WORD}){{0,4}}+(?![\w-])"  # "quatre-vingt-dix-neuf": a few words
# "Contre : |", "Contre : ! (M.VIGUIE)": OCR reads a lone 1 as a bar or a letter; after a label,
# ending its line or before the bracketed names of who voted so, it is 1
LOOKALIKE_ONE = "|lI!"
WHO_VOTED = r"(?:\([^()\n]{1,60}\)[ \t]*)?"  # "(Verts - NPA)", "(M. Viguié)"
# the labels of a count; "absention", the misspelling writers of minutes often make, is an abstention too
COUNT_LABEL = r"pour|contre|abst?entions?"
LABEL = rf"(?P<label>{COUNT_LABEL}|ne\s+prend\s+pas\s+part\s+au\s+vote|nppv)"
# after "2 pour": a word that carries the sentence on, not another piece of the statement
# a member named in a vote: "M. Leblanc", "Mme Debuisser", "Madame HUDO", "Monsieur GOSSOT"
TITLE = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mr\.?)"
NAMED = rf"{TITLE}[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"
GOES_ON_IN_WORDS = r"(?![ \t]+(?!et\b|contre\b|abst|pour\b|vote|voix|adopt|rejet|[àa]\b|l[ae]s?\b|l['’]|cet?t?e?\b)[^\W\d_]{2,})"
# the words of one vote phrase: spaces, or one line break ("Adopté à ⏎ l'unanimité", "A ⏎ L'UNANIMITE"):
# a phrase wraps at any space, as every sentence of a text layer does (which may export a blank
# line after each line of the page)
WRAP = r"(?:[ \t]+|[ \t]*\n(?:[ \t]*\n)?[ \t]*)"
# … several members under one title, in a council's sentence: "MESSIEURS SIRI, HUET, MORAZIN", "MADAME
# LEROY ET MONSIEUR MORAZIN", "Monsieur Christian Cossec"; a title alone opens each group, in any case
TITLES = r"(?i:messieurs|mesdames|mesdemoiselles|monsieur|madame|mademoiselle|mm\.|mmes|mme|mlle|m\.)"
# a capital opens it, OCR may damage the rest ("Seiiu="), after a particle or two ("de La Fontaine",
# "DE LA FONTAINE"); not a role ("MONSIEUR LE MAIRE" names no one)
ROLE = rf"(?!(?i:et|qui|les|maire|pr[ée]sidente?|adjointe?|rapporteur)\b|{TITLES}\b)"
SURNAME = rf"{ROLE}(?:(?i:de|du|des|la|le)[ \t]+|(?i:d)['’]){{0,2}}{ROLE}(?!(?i:le|la|du|des)\b)[A-ZÀ-ÖØ-Þ][^\s,.;:()]*+"
NAMED_GROUP = rf"\b{TITLES}(?:[ \t]*,)?{WRAP}{SURNAME}(?:[ \t]+(?!{TITLES}\b){SURNAME})?(?:[ \t]*(?:,|\b(?i:et)\b){WRAP}(?!{TITLES}\b){SURNAME})*"
NAMED_RUN = rf"{NAMED_GROUP}(?:(?:[ \t]*,)?(?:{WRAP}(?i:et))?{WRAP}{NAMED_GROUP})*"
# "à l'unanimité"; OCR may read the elided article as one capital or a bar ("à F’unanimité", "à Punanimité")
UNANIMITY = rf"(?:à|a){WRAP}(?:l['’][ \t]?|[A-Z|]['’]?)unanimit[ée]"
MAJORITY = rf"(?:à|a){WRAP}la{WRAP}majorit[ée]"  # "à la majorité"
CAST = rf"(?P<cast>{WRAP}des{WRAP}(?:suffrages{WRAP})?exprim[ée]s)?"  # "… des suffrages exprimés"
# a count with its own label after it: "3 abstentions ; 8 voix pour" gives 8 for, not 8 abstentions
# … but not the next count's label, its colon after it ("Pour : 12 voix Contre : 2 voix": 12 for, then 2 against)
OWN_LABEL = r"[ \t]*(?:(?:voix|votes?)[ \t]*(?:pour|contre|abst\w*+)(?![ \t]*:[ \t]*\d)|(?:pour|contre|abst\w*)[ \t]*(?:[;,./–-]|et\b|\n|\Z))"
OWN_LABEL_NOT = rf"(?!{OWN_LABEL})"
PIECES = [
    # "Pour : 52", "Contre : 7", "Abstentions: 2", "Abstention : 7", "Pour ; 55" (OCR of the colon)
    # … a count in words that ends its line ("CONTRE : deux (M. X, Mme Y)")
    ("label_first", re.compile(rf"\b{LABEL}[ \t]*[:;=][ \t]*(?:{COUNT}(?![\d,.]?\d)(?!{OWN_LABEL})|(?P<one>[{re.escape(LOOKALIKE_ONE)}])(?=[ \t]*{WHO_VOTED}$)"
                               rf"|(?P<words>{COUNT_WORDS})(?=[ \t]*(?:voix|votes?)?[ \t]*{WHO_VOTED}[.]?[ \t]*$))",
                               re.I | re.M)),
    # "POUR ⏎ 12 ⏎ CONTRE ⏎ 2": a label alone on its line and its count alone on the next (a table
    # exported cell by cell), or "POUR 12 ⏎ CONTRE 2": a label and its count alone on their line,
    # no colon (a table of two columns, as a text layer gives its rows); read only with another
    # such piece in the same statement
    ("stacked", re.compile(rf"(?im)^[ \t]*{LABEL}(?:[ \t]*:?[ \t]*\n[ \t]*|[ \t]+){COUNT}[ \t]*$")),
    # "14 pour", "11 votes pour", "9 voix contre", "2 Abstentions" (same line, not "n°6", "2/3",
    # nor the thousands of "passée à 2 300 pour les adjoints");
    # without "votes" or "voix", the sentence must not go on in words ("Coffrets classe 2 pour
    # supports tricolores" is a subject, "14 pour / 0 contre" and "9 pour, 2 contre" are votes)
    # … but never a label that has its own count after a colon ("Votants : 19 Pour : 17" is 17 for),
    # nor one a bare figure follows ("adopté par 25 voix contre 4" is not 25 against: for_against reads it)
    ("count_first", re.compile(rf"(?<![\w°/.,’'-])(?<!\d[ \u00a0\u202f]){COUNT}[ \t]*(?P<unit>(?:votes?|voix)[ \t]*)?{LABEL}\b(?![ \t]*[:;][ \t]*\d{{1,3}}\b{OWN_LABEL_NOT})"
                               rf"(?(unit)|(?![ \t]*[:;][ \t]*\d{{1,3}}\b{OWN_LABEL_NOT}))(?![ \t]+\d{{1,3}}\b(?![ \t]*(?:votes?|voix)?[ \t]*(?:{COUNT_LABEL}|abst|ne\s+prend|nppv)))"
                               rf"(?(unit)|{GOES_ON_IN_WORDS})", re.I)),
    # "adopté par 25 voix contre 4": the votes for, then against ("25 voix contre" alone is no count); "par 16
    # voix et 3 abstentions": votes with no label after "par", other counts after them, are the votes for
    # ("voté en avril par 12 voix." tells of a vote, as any sentence may)
    ("for_against", re.compile(r"\bpar[ \t]+(?P<pour>\d{1,3})[ \t]+(?:voix|votes)(?:[ \t]+contre[ \t]+(?P<contre>\d{1,3})\b"
                               r"(?![ \t]*(?:voix|votes)?[ \t]*(?:pour|contre|abst|ne\s+prend|nppv))|\b(?=[ \t]*(?:,|et\b)[ \t]*\d))", re.I)),
    # "Pour 18 Contre 4 Abstention 1", "POUR 23 - CONTRE 0": labels first, no colon, two at least in a row
    ("label_run", re.compile(r"\bpour[ \t]+(?P<pour>\d{1,3})[ \t]*[,;/–-]?[ \t]*contre[ \t]+(?P<contre>\d{1,3})\b"
                             r"(?:[ \t]*[,;/–-]?[ \t]*abst?entions?[ \t]+(?P<abstention>\d{1,3})\b)?", re.I)),
    # counts in words: "DEUX voix POUR - ONZE voix CONTRE et UNE ABSTENTION", "quatorze votes pour"
    # (first, a letter a number word may open with: most places of a text are not tried further)
    ("in_words", re.compile(rf"(?=[cdhmnoqstuvz])(?<![\w-])(?!et\b)(?P<words>{COUNT_WORDS})[ \t]+(?:(?:voix|votes?)[ \t]+{LABEL}|(?P<label2>abst?entions?))\b",
                            re.I)),
    # "13 votes" alone on its line: votes for
    ("bare", re.compile(r"(?m)^[ \t]*(?P<n>\d{1,3})[ \t]+(?:votes?|voix)[ \t]*\.?[ \t]*$", re.I)),
    # "Pour la décision modificative : 13 votes": the votes for the proposal named (on one line)
    ("for_named", re.compile(r"(?m)^[ \t]*pour[ \t]+(?P<what>(?:l[ae]s?|l['’]|une?|d[eu]s?)\b[^:\n]{2,80}?)[ \t]*:[ \t]*"
                             r"(?P<n>\d{1,3})[ \t]+(?:votes?|voix)\b", re.I)),
    # "Anne-Marie : 11 votes, Elue", "M. Dupont, 12 voix : élu": a candidate's tally and the election
    ("elected", re.compile(r"(?P<n>\d{1,3})[ \t]+(?:votes?|voix)[^\w\n]{0,6}(?P<word>[ée]lue?s?)\b", re.I)),
    # "M. Paul Bernard est élu avec 13 voix", "… est proclamée élue à l'unanimité", "Mme X, ayant obtenu
    # 13 voix, est élue": an election said in a sentence, with its tally or its unanimity
    ("elected", re.compile(r"\b(?:est|a[ \t]+été|sont|ont[ \t]+été)[ \t]+(?:(?:proclam|d[ée]clar)[ée]e?s?[ \t]+)?(?P<word>[ée]lue?s?)\b"
                           rf"(?:(?={WRAP}{UNANIMITY})|[ \t,]+(?:avec|par)[ \t]+(?P<n>\d{{1,3}})[ \t]+(?:voix|votes|suffrages)\b)"
                           r"|\bayant[ \t]+obtenu[ \t]+(?P<n2>\d{1,3})[ \t]+(?:voix|votes|suffrages)\b[^.\n]{0,80}?"
                           r"\b(?:est|a[ \t]+été)[ \t]+(?:(?:proclam|d[ée]clar)[ée]e?s?[ \t]+)?[ée]lue?\b", re.I)),
    # a table of the vote: its column heads on one line, its cells under them ("POUR CONTRE ABSTENTION ⏎
    # 12 1 1", "Membres en exercice Présents Votants Pour Contre Abstention ⏎ 19 15 17 12 2 -"), read
    # by place (see table_counts); a dash is a cell with no count; a row may open with its label
    # cell under the heads' own ("VOTE POUR CONTRE ABSTENTION ⏎ Nombre de voix 23 0 4")
    ("table", re.compile(r"(?m)^[ \t|]*+(?P<head>(?:[^\W\d_][\w'’]*+[ \t|.'’]*+){2,12})\n"
                         r"[ \t|]*+(?:[^\W\d_][\w'’]*+[ \t|:]++){0,4}+(?P<row>(?:(?:\d{1,3}|[–—/-])(?![\d,.]\d)[ \t|]*+){2,12})$")),
    # … the same table as a text export gives it column after column: each head on its line, then
    # each cell on its line ("POUR ⏎ CONTRE ⏎ ABSTENTION ⏎ 27 ⏎ 0 ⏎ 0"), a blank line between any two
    ("column", re.compile(r"(?m)^(?P<head>(?:[ \t]*+[^\W\d_][^\d\n]{0,40}+\n(?:[ \t]*+\n)?){2,8})"
                          r"(?P<row>(?:[ \t]*+(?:\d{1,3}|[–—/-])[ \t]*+(?:\n(?:[ \t]*+\n)?|\Z)){2,8})")),
    # "M. Paul Martin, ayant obtenu la majorité absolue, est proclamé maire", "Mme X est élue première adjointe.":
    # the council electing to an office, said in the present (not "a été élu maire en 2020", told)
    ("elected", re.compile(r"(?<!\bqui )\best[ \t]+(?:proclam[ée]e?|d[ée]clar[ée]e?|[ée]lue?)[ \t]+(?:(?:[ée]lue?|premi[èe]re?|deuxi[èe]me|"
                           r"troisi[èe]me|\d(?:er|[èe]me)|quatri[èe]me|cinqui[èe]me)[ \t]+)*(?P<word>maire|adjointe?|"
                           r"conseill[èe]re?s?[ \t]+d[ée]l[ée]gu[ée]e?s?|d[ée]l[ée]gu[ée]e?s?|suppl[ée]ante?s?|titulaires?)\b"
                           r"(?=[ \t]*(?:[.,;:)]|et[ \t]+(?:imm[ée]diatement[ \t]+)?install|$))", re.I | re.M)),
    # an election by lists: "Liste proposée par Madame le Maire : 43 voix" (tallies, not for / against)
    ("list_tally", re.compile(r"(?m)^[ \t]*(?:listes?|candidat(?:ure)?s?)\b[^:\n]{0,80}:[ \t]*(?P<n>\d{1,3})[ \t]*(?:voix|votes?)\b",
                              re.I)),
    # "Affaire retirée", "Point ajourné", "Question reportée": an item withdrawn, in the subject's place;
    # "L'examen de cette question est reporté à un conseil ultérieur": said in a sentence
    ("withdrawn", re.compile(r"\b(?:affaire|point|question|dossier|rapport|d[ée]lib[ée]ration)s?[ \t]+"
                             r"(?:(?:est|sont|a[ \t]+été|ont[ \t]+été)[ \t]+)?(?P<word>retir[ée]+s?|ajourn[ée]+s?|report[ée]+s?)\b", re.I)),
    # "Le procès-verbal de la séance du 15 octobre 2024 est approuvé.", "Le compte rendu de la séance du
    # 27 mai 2013 est approuvé à l'unanimité": the council approves the minutes of its last session
    ("minutes_approved", re.compile(r"\b(?:le|la)[ \t]+(?P<what>(?:proc[èe]s[- ]verbal|compte[- ]rendu|pv)\b[^.\n]{0,80}?)[ \t]+"
                                    r"(?:est|a[ \t]+été)[ \t]+(?P<word>approuv[ée]+|adopt[ée]+)\b"
                                    rf"(?P<how>{WRAP}{UNANIMITY})?", re.I)),
    # "Adopté à l'unanimité", "ADOPTÉ", "approuvée", "Rejeté", "Affaire retirée", "ajourné";
    # "Voté à l'unanimité", "Accepté", "Validé" (only opening a line: see OPENING_ONLY)
    ("result", re.compile(r"\b(?P<word>adopt[ée]+s?|adoption(?=[ \t]+(?:à|a)[ \t]+\d)|approuv[ée]+s?|rejet[ée]+s?|ajourn[ée]+s?|retir[ée]+s?"
                          r"|vot[ée]e?s?(?<!vote)(?<!votes)|accept[ée]+s?|valid[ée]+s?)\b"
                          rf"(?P<how>{WRAP}{UNANIMITY}|{WRAP}{MAJORITY})?{CAST}", re.I)),
    # "à l'unanimité" alone, after a count ("Pour : 14 à l'unanimité")
    # … and "Vote : Pour à l'unanimité", "Pour à l’unanimité", "Vote : Pour, à l'unanimité" opening a line
    ("unanimous", re.compile(rf"(?m)(?:(?:(?<=:)|^)[ \t]*pour(?:[ \t]*+,)?[ \t]+{UNANIMITY}"
                             rf"|\b{UNANIMITY}|(?<=:)[ \t]*unanimit[ée]\b|^[ \t]*unanimit[ée]\b){CAST}", re.I)),
    # "… après en avoir délibéré, à la majorité :": the council decides, by a majority
    # … "à la majorité des suffrages exprimés", "… des voix", "… des membres présents" (not "la majorité
    # des membres en exercice", a quorum, nor "à la majorité absolue" a rule of an election)
    ("majority", re.compile(rf"\b{MAJORITY}(?:(?={WRAP}des{WRAP}(?:suffrages|voix|membres{WRAP}pr[ée]sents|pr[ée]sents))"
                            rf"|(?!{WRAP}(?:des|qualifi|absolue|relative|requise|simple)))", re.I)),
    # "Contre : M. Papin, M. Tanguy", "Abstention : M. Tanguy": members named, each a vote
    ("named", re.compile(rf"\b{LABEL}[ \t]*:[ \t]*(?P<names>{NAMED}(?:[ \t]*(?:,|\bet\b)[ \t]*{NAMED})*)", re.I)),
    # "LE CONSEIL MUNICIPAL, A L'EXCEPTION DE MADAME LEROY, MESSIEURS SIRI, HUET QUI VOTENT CONTRE, ACCEPTE":
    # members named, each a vote, their vote said after them in a relative clause of the council's
    # sentence ("qui votent contre", "qui s'abstiennent", "qui votent pour"), then the council's verb;
    # the piece opens at the names (names_before), read back from the clause; "s'abs…" is s'abstenir as OCR
    # may damage it ("S'ABSÏIENNENT"), not s'absenter ("qui s'absente")
    ("named_then", re.compile(rf"\b(?i:qui){WRAP}(?i:(?P<how>vot(?:e|ent){WRAP}(?P<label>contre|pour)|s['’][ \t]?abs(?!ent)\w{{3,}}))"
                              rf"(?P<then>(?:(?!(?i:qui)\b)[^.;]){{0,200}}?\b(?i:(?P<verb>accepte|approuve|adopte"
                              rf"|d[ée]cide(?:{WRAP}de{WRAP}(?P<no>refuser|rejeter))?|rejette|refuse))\b)?")),
    # "à la majorité (M. Papin et Mme Tanguy votant contre)", "par 12 voix pour, M. X s'abstenant,", "Mme Y ayant
    # voté contre": members named, each a vote, their vote in a participle after them — read only as a piece of
    # the council's vote it stands in, in the same sentence (statements: never a statement of its own)
    ("named_participle", re.compile(rf"\b(?i:(?:votant|ayant{WRAP}vot[ée]){WRAP}(?P<label>contre|pour)|s['’][ \t]?abstenant)\b")),
    # "Le Conseil adopte", "Le Conseil municipal adopte", "Le Conseil prend acte" (of a report)
    ("council", re.compile(r"\ble\s+conseil\s+(?:municipal\s+)?(?P<verb>adopte|rejette|approuve|prend\s+acte|a\s+pris\s+acte)\b",
                           re.I)),
    # "Contre :" with nothing after it, in a procès-verbal's vote block ("Pour : 62 ⏎ Contre : ⏎
    # Abstentions : 3"), or a slash or dash for none ("Pour : 54 ⏎ Contre : / ⏎ Abstention : 1"):
    # no count, and no break in the statement
    ("no_count", re.compile(rf"(?im)^[ \t]*(?:{COUNT_LABEL})[ \t]*:[ \t]*(?:[/–—-][ \t]*)?$")),
    # "Vote :" / "Résultat du vote :" introduce a statement
    ("lead", re.compile(r"\b(?:r[ée]sultat\s+du\s+)?vote\s*:", re.I)),
]
# a vote's label alone before its outcome on the line, its colon read as a semicolon or lost: "Vote; à
# l'unanimité", "Vote à l'unanimité", "Votre : …" (OCR of "Vote")
VOTE_LABEL = re.compile(r"(?im)^[ \t]*(?:r[ée]sultat[ \t]+du[ \t]+)?vot(?:e|re)[ \t]*[:;]?[ \t]*\Z")
# a decision whose vote is written in no form above (items.py keeps the item, for review)
NO_VOTE = "no vote read: the decision formula closes the item, no vote statement after it"
# result words that decide only when they open a line, capitalised ("Voté à l'unanimité", "Accepté.")
OPENING_ONLY = re.compile(r"(?i)vot|accept|valid")
# a result word followed by the act that made it ("approuvé par délibération 2018-56 du 3 décembre
# 2018", "adoptée par une délibération du …", "… par délibérations concordantes"): an earlier or a later
# act told, not this vote
BY_AN_ACT = re.compile(r"(?<![ \t\n])[ \t\n]++par[ \t\n]++(?:(?:la|une|sa|cette|des|ses)[ \t\n]+)?d[ée]lib[ée]rations?\b", re.I)
# the council deciding, in the sentence of an "à l'unanimité" within it: "Le conseil municipal, après
# en avoir délibéré, à l'unanimité, décide …", "… A L'UNANIMITE, ACCEPTE CETTE PROPOSITION" (its subject
# OCR-damaged: "LE Cowseii MUNICIPAL")
COUNCIL_DECIDES = re.compile(r"\bd[ée]lib[ée]r|\bd[ée]cide|\ble\s+conseil\b|\badopte\b|\bapprouve\b|\baccepte\b", re.I)
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")  # a sentence ends between two pieces: "… pour. ⏎ Mme X, s'abstenant …"
# What may stand between two pieces of one statement: punctuation, spaces, "et", symbols, a parenthesis.
GLUE = re.compile(r"(?:[\s\W_]|\b(?:et|voix|votes?|moins)\b|\([^()\n]{0,60}\))*", re.I)  # "Voix pour : 18 ; voix contre : 4"
MAX_GAP = 120  # characters


@dataclass
class Statement:
    start: int
    end: int
    counts: dict = field(default_factory=dict)  # pour / contre / abstention -> int
    result: str | None = None  # adopté, rejeté, retiré, ajourné (+ à l'unanimité / à la majorité), pris acte
    unanimous: bool = False
    of_cast: bool = False  # "à l'unanimité des suffrages exprimés": some members abstained or did not vote
    kinds: list = field(default_factory=list)  # the piece kinds, in order
    notes: list = field(default_factory=list)  # how a count was read, when not plainly
    names: str | None = None  # what the statement itself says is decided ("procès-verbal de la séance du …")

    @property
    def has_decision(self) -> bool:
        return bool(self.counts) or self.result is not None or self.unanimous

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _label(raw: str) -> str:
    raw = raw.lower()
    if raw.startswith("pour"):
        return "pour"
    if raw.startswith("contre"):
        return "contre"
    if raw.startswith("abs"):
        return "abstention"
    return "nppv"


def _family(word: str) -> str:
    w = word.lower()
    for stem, name in (("rejet", "rejeté"), ("retir", "retiré"), ("ajourn", "ajourné")):
        if w.startswith(stem):
            return name
    return "adopté"


def pieces(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Every vote piece, in order, overlapping ones resolved to the earliest-longest."""
    found = []
    for kind, rx in PIECES:
        for m in rx.finditer(text):
            if kind in ("table", "column") and not table_counts(m, kind):
                continue  # a row of figures under words that head no vote
            start = m.start("word") if kind == "withdrawn" else m.start("pour") if kind == "for_against" else m.start()
            # "Affaire" stays the subject's; "par" stays the formula's ("… délibéré, par 25 voix contre 4")
            if kind in ("named_then", "named_participle") and ((start := names_before(text, start)) is None
                                                               or not named_count(text[start:m.start()])):
                continue  # "… qui vote contre" after no member named: told in a debate
            if kind == "column":  # the lines above its first vote label may be any short lines: the text's
                start = m.start("head") + re.search(rf"(?im)^[ \t]*(?:{COUNT_LABEL})[ \t:|]*$", m.group("head")).start()
            found.append((start, m.end(), kind, m))
    found = _decided_by_the_council(found, text)
    found.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    out, last_end = [], -1
    for p in found:
        if p[0] >= last_end:
            out.append(p)
            last_end = p[1]
    return out


def _decided_by_the_council(found: list, text: str) -> list:
    """Members named before their vote count only in the council's own sentence: the council's
    verb follows their clause ("… QUI VOTENT CONTRE, ACCEPTE"), or follows the next such clause
    the names run on to ("… QUI VOTENT CONTRE ET MESSIEURS X ET Y QUI S'ABSTIENNENT, ACCEPTE") —
    not "M. X et Mme Y, qui votent contre, s'en expliquent", told in the debate."""
    named = sorted((p for p in found if p[2] == "named_then"), key=lambda p: p[0])
    kept: set[int] = set()
    for i in range(len(named) - 1, -1, -1):
        start, end, _, m = named[i]
        after = named[i + 1] if i + 1 < len(named) else None
        if m.group("verb") or (after is not None and id(after) in kept and GLUE.fullmatch(text[end:after[0]])):
            kept.add(id(named[i]))
    return [p for p in found if p[2] != "named_then" or id(p) in kept]


def statements(text: str) -> list[Statement]:
    """The vote statements of ``text``, in order. A piece whose label the current statement
    already has starts a new statement ("Pour : 49 … Pour : 36" are two decisions)."""
    out: list[Statement] = []
    cur: Statement | None = None
    for s, e, kind, m in pieces(text):
        joined = cur is not None and s - cur.end <= MAX_GAP and GLUE.fullmatch(text[cur.end:s]) is not None
        if joined and kind in ("label_run", "for_against"):  # several counts at once: none the statement has
            joined = not any(m.groupdict().get(label) is not None and label in cur.counts for label in ("pour", "contre", "abstention"))
        if joined and kind in ("label_first", "count_first", "stacked", "bare", "for_named", "named", "named_then",
                               "named_participle", "in_words"):
            label = _label(m.group("label") or m.group("label2")) if kind == "in_words" else (
                _label(m.group("label") or "abstention") if "label" in m.re.groupindex else "pour")
            joined = label not in cur.counts or kind == "named_then" == cur.kinds[-1]  # "M. X QUI S'ABSTIENT ET M. Y QUI S'ABSTIENT"
        if kind == "named_participle" and (not joined or SENTENCE_END.search(text, cur.end, s)):
            continue  # "M. X, votant contre le projet en commission, …": told, in no vote; the count said already;
            # or a sentence after the vote's ("Adopté à l'unanimité. ⏎ M. Dupont, ayant voté contre en commission, …")
        if joined and kind == "named_then" and cur.result is not None:
            joined = False  # the council's verb closed the sentence of the names before
        if joined and kind == "result" and cur.result is not None:
            joined = False
        if joined and kind == "lead":
            joined = False
        if joined and kind == "label_first" and _starts_line(text, s) and not _opens_block(text, cur.start):
            joined = False  # "… 3 abstentions. Adopté." said in a debate, then the block "Pour : 62 ⏎ …"
        if kind == "no_count":
            if joined:
                cur.end = e
                cur.kinds.append(kind)
            continue
        if not joined and kind == "result" and not (m.group("how") or _starts_line(text, s)):
            continue  # "approuvé" inside a sentence is not the decision; "Adopté …" opening a line is
        if kind == "result" and OPENING_ONLY.match(m.group("word")) and not (_starts_line(text, s) and m.group("word")[0].isupper()):
            continue  # "un projet déjà voté à l'unanimité", "le devis ⏎ accepté" tell, they do not decide
        if kind == "result" and not m.group("how") and BY_AN_ACT.match(text, e):
            continue  # "… une convention spécifique, ⏎ approuvée par délibération du Conseil municipal": an act told
        if kind == "result" and _clause_verb(m.group("word")) and not m.group("how"):
            continue  # "- APPROUVE le bilan", "- ACCEPTE la contribution": a clause of the decision, in the present
        if not joined and kind in ("unanimous", "majority") and not (
                _starts_line(text, s) or text[:s].rstrip().endswith(":") or VOTE_LABEL.search(text, max(0, s - 40), s)
                or COUNCIL_DECIDES.search(_sentence(text, s))):
            continue  # "une motion contre ce projet déjà voté à l'unanimité" tells of another vote
        if not joined:
            cur = Statement(s, e)
            out.append(cur)
        elif cur.unanimous and re.search(r"(?i)\bmoins\b", text[cur.end:s]):
            cur.unanimous, cur.result = False, cur.result or "adopté"  # "à l'unanimité moins une voix contre": all
            # but the votes named after "moins"
        cur.end = e
        cur.kinds.append(kind)
        if kind in ("label_first", "count_first", "stacked"):
            label = _label(m.group("label"))
            if label != "nppv" and kind == "label_first" and m.group("words"):
                if (n := parse_words(m.group("words"))) is not None:
                    cur.counts[label] = n
            elif label != "nppv" and m.group("n") is None:
                cur.counts[label] = 1
                cur.notes.append("vote count read from a look-alike of 1")
            elif label != "nppv":
                cur.counts[label] = int(m.group("n"))
        elif kind in ("label_run", "for_against"):
            cur.counts.update({label: int(n) for label in ("pour", "contre", "abstention") if (n := m.groupdict().get(label))})
        elif kind in ("bare", "for_named"):
            cur.counts["pour"] = int(m.group("n"))
        elif kind == "in_words":
            label, n = _label(m.group("label") or m.group("label2")), parse_words(m.group("words"))
            if label != "nppv" and n is not None:
                cur.counts[label] = n
        elif kind in ("elected", "list_tally"):  # the candidates' tallies are not for / against: no counts
            cur.result = "élu"
        elif kind in ("table", "column"):
            cur.counts.update(table_counts(m, kind))
        elif kind == "result":
            cur.result = _family(m.group("word"))
            how = (m.group("how") or "").lower()
            if "unanimit" in how:
                cur.unanimous = True
            elif "majorit" in how:
                cur.result += " à la majorité"
        elif kind == "minutes_approved":
            cur.result, cur.unanimous = "adopté", cur.unanimous or bool(m.group("how"))
            cur.names = " ".join(m.group("what").split())
        elif kind == "withdrawn":
            cur.result = "retiré" if m.group("word").lower().startswith("retir") else "ajourné"
        elif kind == "unanimous":
            cur.unanimous = True
        elif kind == "majority":
            cur.result = cur.result or "adopté à la majorité"
        elif kind == "named":
            label = _label(m.group("label"))
            if label != "nppv":
                cur.counts[label] = len(re.findall(TITLE, m.group("names")))
        elif kind in ("named_then", "named_participle"):
            label = _label(m.group("label") or "abstention")
            cur.counts[label] = cur.counts.get(label, 0) + named_count(text[s:m.start()])
            if _starts_line(text, s) and _list_cut_before(text, s) or _window_cut(s, m.start()):
                cur.notes.append(NAMES_CUT)  # "… MESSIEURS X, Y ET ⏎ [a table] ⏎ MADAME Z QUI S'ABSTIENNENT"
            if kind == "named_then" and m.group("verb"):
                cur.result = "rejeté" if m.group("no") or m.group("verb").lower().startswith(("rejet", "refus")) else "adopté"
        elif kind == "council":
            verb = " ".join(m.group("verb").lower().split())
            cur.result = "rejeté" if verb == "rejette" else "pris acte" if "acte" in verb else "adopté"
        if kind in ("result", "unanimous") and m.group("cast"):
            cur.of_cast = True
        if cur.unanimous and (less := LESS_VOTES.match(text, e)) and not SAID_AFTER.match(text, less.end()):
            # "à l'unanimité moins deux voix (M. X, Mme Y)": all but those, who voted against or
            # abstained, as the words after say ("(contre)", "d'abstention") or do not
            cur.unanimous, cur.result = False, cur.result or "adopté"
            n = int(less.group("n")) if less.group("n").isdigit() else parse_words(less.group("n"))
            label = SAID_APART.match(text, less.end())
            if label and n is not None:
                cur.counts.setdefault(_label(label.group("label")), n)
            else:
                cur.notes.append(LESS_UNSAID)
    found = _merge_prose_decisions([st for st in out if (st.has_decision or st.unanimous) and st.kinds != ["stacked"]], text)
    for st in found:
        if LESS_UNSAID in st.notes and st.counts:  # "moins deux voix (2 contre)": said after all
            st.notes.remove(LESS_UNSAID)
    return found


# a run of names opening its line, and above it, in the same sentence, a line naming a member and
# ending on a comma or "et" left hanging: the list's head cut off from the run (by a table printed
# across the sentence), the count is of the run's names only
HANGING = re.compile(r"(?:,|\b(?i:et))[ \t]*\Z")
MEMBER = re.compile(rf"\b{TITLES}{WRAP}{SURNAME}")
LIST_LOOK_BACK = 400  # characters
# the words of a vote's outcome, never of what was voted: a tally ("… 6 VOIX SONT DÉCLARÉS ÉLUS", "Par :
# DEUX voix POUR - ONZE voix CONTRE", "Agnès : 1 vote") or who the vote elected ("est élu", "sont
# proclamés élus") — "Vote du budget", "La Voix de l'Enfant" name what was voted
OUTCOME = re.compile(rf"(?i)(?:\b\d+|\b{COUNT_WORDS})[ \t]+(?:voix|votes?)\b|\bvoix[ \t]+(?:pour|contre|sont)\b"
                     r"|\b(?:est|sont)[ \t]+(?:(?:d[ée]clar[ée]|proclam[ée])e?s?[ \t]+)?[ée]lu(?:e|s|es)?\b")

NAMES_CUT = "vote read in part: the names before it are cut off"
# votes taken off a unanimity with no word of what they were ("à l'unanimité moins deux voix"): not a
# unanimity, and how many voted for, against or abstained is not said
LESS_VOTES = re.compile(rf"(?i)(?<![ \t])(?:[ \t]+des[ \t]+(?:membres|présents|votants|suffrages)[^,;.\n]{{0,40}}?)?"
                        rf"(?:{WRAP}|[ \t]*,[ \t]*)moins{WRAP}(?P<n>\d{{1,3}}|{COUNT_WORDS}){WRAP}(?:voix|votes?)\b")
SAID_AFTER = re.compile(r"(?i)(?<![ \t])[ \t]*+(?:pour|contre|abstentions?)\b")  # "moins une voix contre": its own piece
SAID_APART = re.compile(r"(?i)(?<![ \t])[ \t]*+(?:\(|:)?[ \t]*+(?:d['’][ \t]?)?(?P<label>contre|abstentions?)\b")  # "(contre)", "d'abstention"
LESS_UNSAID = "a unanimity less some votes: against or abstaining is not said"
# (each read where the unanimity, or "voix", ends; none starts inside a run of blanks, where trying
# it at every blank would cost the run's length each time)
ONE_OF_SEVERAL = "the item holds votes that disagree: one read"  # set by items.py


def disagree(told: list[Statement]) -> bool:
    """Votes that cannot be one decision told twice (in the debate, then in the vote block): one
    unanimous and another with votes against, or with abstentions where the unanimity was no
    unanimity of the votes cast ("A L'UNANIMITE, ACCEPTE CETTE PROPOSITION", then "… QUI
    S'ABSTIENNENT, APPROUVE"); or two with different counts of the same kind."""
    for one in told:
        if not one.unanimous:
            continue
        cast = one.of_cast or bool(one.counts.get("abstention"))  # "… des suffrages exprimés", "… moins 2 abstentions"
        if any(other is not one and (other.counts.get("contre") or other.counts.get("abstention") and not cast)
               for other in told):
            return True
    return any(len({st.counts[kind] for st in told if kind in st.counts}) > 1 for kind in ("pour", "contre", "abstention"))


def _list_cut_before(text: str, start: int) -> bool:
    """A line of the sentence before ``start`` names a member and ends on a hanging "," or "et"."""
    window = text[max(0, start - LIST_LOOK_BACK):start]
    return any(HANGING.search(line) and MEMBER.search(line) for line in window[window.rfind(".") + 1:].split("\n"))


NAMES_READ = 600  # characters before "qui votent …" where the names said so are read
NAMES_END = re.compile(rf"{NAMED_RUN}(?:[ \t]*[,.])?{WRAP}\Z")
TITLE_AT = re.compile(rf"\b{TITLES}(?=[\s,])")


def names_before(text: str, end: int) -> int | None:
    """Where the run of members named that ends at ``end`` opens: at the earliest title from
    which titles, names, commas and "et" run on to ``end`` (read in a window, so each clause costs
    a bounded time whatever the text around it)."""
    base = max(0, end - NAMES_READ)
    window = text[base:end]
    for t in TITLE_AT.finditer(window):
        if NAMES_END.match(window, t.start()):
            return base + t.start()
    return None


NAMES_EDGE = 40  # a run of names opening this near the window's start may have begun before it


def _window_cut(start: int, end: int) -> bool:
    """The run of names ``names_before`` found at ``start`` for the clause at ``end`` opens at the
    edge of a window the text goes on before: the list may be longer than what was counted."""
    base = end - NAMES_READ
    return base > 0 and start - base < NAMES_EDGE


def named_count(names: str) -> int:
    """How many members a run of names counts: each name between titles, commas and "et"
    ("MADAME LEROY, MESSIEURS SIRI, HUET" is 3; "Monsieur Christian Cossec" is 1)."""
    return sum(1 for part in re.split(rf"\b{TITLES}(?=[\s,])|,|\b(?i:et)\b", names) if part.strip(" \t\n,."))


VOTE_HEAD = re.compile(rf"(?i)^(?:{COUNT_LABEL})$")


def table_counts(m: re.Match, kind: str = "table") -> dict:
    """The counts a vote table gives (a "table" or "column" piece): each cell under its column's head, read by
    place — when the row has as many cells as the heads have words, or, when the heads end with
    the vote's labels ("Membres en exercice Présents Votants Pour Contre Abstention"), the row's
    last cells under them. Otherwise the cells do not line up with their labels: nothing."""
    if kind == "column":  # a head per line, of one word or several ("Membres en exercice")
        heads = [h.strip(" \t:|") for h in m.group("head").split("\n") if h.strip()]
    else:
        heads = re.findall(r"[^\W\d_]+", m.group("head"))
    cells = re.findall(r"\d{1,3}|[–—/-]", m.group("row"))
    labels = [k for k, h in enumerate(heads) if VOTE_HEAD.match(h)]
    if len({_label(heads[k]) for k in labels}) < 2:
        return {}
    if len(cells) != len(heads):
        tail = len(heads) - labels[0]
        if labels != list(range(labels[0], len(heads))) or len(cells) < tail:
            return {}
        heads, cells = heads[labels[0]:], cells[-tail:]
    return {_label(h): int(c) for h, c in zip(heads, cells) if VOTE_HEAD.match(h) and c.isdigit()}


def _merge_prose_decisions(found: list[Statement], text: str) -> list[Statement]:
    """"Le conseil approuve le devis. ⏎ 11 votes pour 2 abstentions": a decision in words and the
    count on the next line are one statement."""
    out: list[Statement] = []
    for st in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.result and not prev.counts and st.counts and not st.result
                and st.start - prev.end <= MAX_GAP and text.count("\n", prev.end, st.start) <= 1):
            prev.counts, prev.end, prev.kinds = st.counts, st.end, prev.kinds + st.kinds
            continue
        out.append(st)
    return out


def _clause_verb(word: str) -> bool:
    """A verb in capitals and in the present, as a decision's clauses print it (APPROUVE, ACCEPTE,
    VALIDE), not the participle that gives a result (ADOPTÉ, APPROUVÉE)."""
    return word.isupper() and not word.rstrip("S").endswith(("É", "ÉE"))


def _sentence(text: str, pos: int) -> str:
    """The sentence around ``pos``: over line breaks, not over a blank line — unless the blank
    line cuts a phrase, as a text export's blank line after each line does ("…, LE CONSEIL ⏎⏎
    MUNICIPAL, A L'UNANIMITE, ACCEPTE", "LE CONSEIL MUNICIPAL, A ⏎⏎ L'UNANIMITE, ACCEPTE"): then
    the line on its other side is taken too."""
    dot, blank = text.rfind(".", 0, pos), text.rfind("\n\n", 0, pos)
    if blank > dot and _cuts_phrase(text, blank):
        blank = text.rfind("\n", 0, blank)  # the break before the line above
    start = max(dot, blank) + 1
    stop, blank = text.find(".", pos), text.find("\n\n", pos)
    if blank >= 0 and (stop < 0 or blank < stop) and _cuts_phrase(text, blank):
        below = len(text) - len(text[blank:].lstrip())  # the line below the blank line
        after = text.find("\n", below)
        blank = text.find("\n\n", after) if after >= 0 else -1
    ends = [e for e in (stop, blank) if e >= 0]
    return text[start:min(ends) if ends else len(text)]


# a line cut in the middle of a phrase: it ends on a comma, an article, a preposition, or a word
# after a comma within it ("…, LE CONSEIL", "LE CONSEIL MUNICIPAL, A")
CUT_PHRASE = re.compile(r"(?:,|\b(?:le|la|les|l['’]|de|du|des|d['’]|à|a|au|aux|et|par|pour|en|sur)|,[^,.!?:;]*[^\W\d_])[ \t]*$", re.I)


def _cuts_phrase(text: str, blank: int) -> bool:
    """Whether the blank line at ``blank`` cuts a phrase: the line above it ends mid-phrase (no
    title or sentence ends on a comma, an article or a word after a comma), or the line below
    opens in lower case."""
    above = text[text.rfind("\n", 0, blank) + 1:blank]
    below = text[blank:].lstrip()[:1]
    return bool(CUT_PHRASE.search(above)) or below.islower()


def _starts_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return re.fullmatch(r"[\s\W_]*", text[line_start:pos]) is not None


# the word a vote block's labels share: "Voix pour : 15 ⏎ Voix contre : 2" (items._heads too)
BLOCK_WORD = r"(?i:voix|votes?)"
# the members' tallies a vote block may open with, before its counts on their line: "Votants : 14 – Pour : 12",
# "Présents : 12 ; Exprimés : 14 ; Pour : 14", "Nombre de votants : 19" (items._heads too)
TALLIES = (r"(?i:(?:nombre[ \t]+de[ \t]+(?:conseillers[ \t]+|membres[ \t]+)?)?(?:membres[ \t]+en[ \t]+exercice|en[ \t]+exercice"
           r"|pr[ée]sents?|votants?|(?:suffrages[ \t]+)?exprim[ée]s|repr[ée]sent[ée]s|pouvoirs|procurations|absents?)"
           r"[ \t]*+:[ \t]*+\d{1,3}(?!\d)(?:[ \t]+dont[ \t]+\d{1,3}[ \t]+(?:pouvoirs?|procurations?))?[ \t]*+[;,/–-]?[ \t]*+)")
BLOCK_OPENING = re.compile(rf"[\s\W_]*+(?:{TALLIES}[\s\W_]*+)*+(?:{BLOCK_WORD}[ \t]*)?")
# … as a decision's line opens (items._heads): the tallies alone, then the block's word perhaps
TALLIED_BLOCK = re.compile(rf"[ \t*▪•◦|–—−-]*+(?:{TALLIES}[ \t–—−-]*+)*+(?:{BLOCK_WORD}[ \t]*)?:?")  # a list's bullet before


def _opens_block(text: str, pos: int) -> bool:
    """The piece at ``pos`` opens a vote block's line: nothing before it there, the members' tallies, or BLOCK_WORD."""
    line_start = text.rfind("\n", 0, pos) + 1
    return BLOCK_OPENING.fullmatch(text[line_start:pos]) is not None


def decide(d, st: Statement) -> None:
    """A record takes the statement's decision: its counts, its result, and how its counts were read."""
    d.vote_pour, d.vote_contre, d.vote_abstention = (st.counts.get(k) for k in ("pour", "contre", "abstention"))
    d.issues += st.notes
    d.result = result_of(st)


def result_of(st: Statement) -> str | None:
    """The decision in canonical words, from the words if any, else from the counts."""
    r = st.result
    if r is None and st.unanimous:
        r = "adopté"
    if r is None and "pour" in st.counts:
        r = "adopté" if st.counts["pour"] > st.counts.get("contre", 0) else "rejeté"
    if r and st.unanimous and "unanimit" not in r and "majorit" not in r:
        r = f"{r} à l'unanimité"
    if r and st.of_cast and "unanimit" in r:  # the one unanimity that leaves abstentions
        r = f"{r} des suffrages exprimés"
    return r
