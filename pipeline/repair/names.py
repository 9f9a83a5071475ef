"""First names where a name is expected: a word before a surname in capitals.

Attendance lists print each member as "Prénom NOM" ("Arnaud JULIEN, Catherine LABROUSSE, …");
Tesseract damages the first names ("Amaud", "Michacl", "Mürie-Josée") and the dictionary, which
holds no first names, cannot repair them. Two sources, in this order:

  the collection   the pairs (first name, surname) read in the collection. A surname read with
                   the same first name several times names a member: a cheap misreading of that
                   first name before that surname is repaired to it (Marine PETITOUT ->
                   Martine, when Martine PETITOUT was read before), even when the misreading is
                   itself a first name (then only a cheaper one). A reading the collection holds
                   is kept. A member read in many documents names any reading before their
                   surname that shares half its letters, its capital read in lower case or not
                   (well_known: Chsisiophe, lacques). Two readings of one surname that few
                   documents read together are one person, named by the likelier (members:
                   Ame and Anne BRISSAUD, on the poor scans of one session, are Anne); readings
                   none of which is a first name, by the registry's name that explains them all.
                   A surname one letter off a well-known member's is theirs when the first name
                   before it is theirs too (near_member).
  the registry     the first names given in France (models/first-names-fr.tsv, INSEE): a word
                   no first name, no dictionary word and no spelling of the collection, whose
                   cheapest explanation as a first name is cheap and clearly the best.

A surname glued to the next first name, the comma between them lost (BARRALMaud), is parted
again when the second part is a first name of the registry or of the collection, or the first the
surname of a member the collection knows well (name-split).

Costs are the OCR confusion costs of ``confusion.cost``. Nothing else in the text is touched:
a capitalised word without a surname in capitals after it is not in a name slot.

    >>> [m.group("first", "surname") for m in SLOT.finditer("Brahim ABBOU, Frédéric\\nARAGON")]
    [('Brahim', 'ABBOU'), ('Frédéric', 'ARAGON')]
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from pipeline.repair.confusion import cost
from pipeline.repair.lexicon import MODELS, skeleton

NAME_COST = 0.75  # the most a registry repair may cost: one cheap confusion
NAME_MIN = 4  # shorter words are too ambiguous for the registry alone (Mar: Max, Marc, Mars?)
NAME_MARGIN = 0.15  # ... and the next other name must score this much worse
RANK_WEIGHT = 0.15  # a reading's score: its cost + this x log10(rank): Arnaud (82) before Amand (651)
PAIR_EVIDENCE = 2  # a (first name, surname) pair read this often in the collection names a member
PAIR_COST = 1.2  # ... and repairs a reading of that first name up to this cost
DOMINANT = 0.5  # ... and when read at least this share as often as the surname's most read first name
COMMON_RANK = 2000  # a word of the dictionary is a first name too when it is one of these (Pierre, Marine; not Le)
KNOWN_PAIR_COST = 0.6  # ... or up to this one when the reading is itself a first name (Marine, Maria)
APART = 0.2  # two readings read together in at most this share of the documents of the rarer are one person ...
SAME_PERSON = 0.6  # ... when this alike (normalised similarity), or a cheap confusion ...
LIKELIER_MARGIN = 0.5  # ... (when alike) named by the likelier when it is this much likelier (_likelier)
RANK_PRIOR = 0.5  # the weight of a name's rank in the registry against how often it is read
UNRANKED = 100_000  # the rank of a reading that is no first name of the registry
STRONG_EVIDENCE = 5  # a member read in this many documents names any first name before their surname ...
STRONG_SIMILARITY = 0.5  # ... that shares this share of its letters (normalised Levenshtein similarity)
PART_SIMILARITY = 0.6  # ... or one part of a compound first name this alike (Pier: Jean-Pierre)
NEAR_SURNAME = 5  # letters a surname needs before one letter off names a member known well
STRONG_SCORE = 0.5  # the score of such a repair: evidence from the collection, not from the letters

_UPPER = "A-ZÀ-ÖØ-Þ"
_FIRST = rf"[{_UPPER}][a-zß-öø-ÿ]+(?:-[{_UPPER}][a-zß-öø-ÿ]+)?"  # Brahim, Marie-Josée
_SURNAME = rf"[{_UPPER}]{{2,}}(?:[-' ][{_UPPER}]{{2,}})*"  # ABBOU, BENOUARGHA-JAFFIOL, EL ATMANI
SLOT = re.compile(rf"(?<![\w'’-])(?P<first>{_FIRST})[ \t]*+(?:\n[ \t]*+)?(?P<surname>{_SURNAME})(?![\w])")
# ... and one whose first letter OCR read in lower case ("lacques DOMERGUE"): a first name only
# where the collection knows the member well (``well_known``)
LOWER_SLOT = re.compile(rf"(?<![\w'’-])(?P<first>[a-zß-öø-ÿ]{{3,}}(?:-[{_UPPER}a-zß-öø-ÿ][a-zß-öø-ÿ]+)?)[ \t]*+"
                        rf"(?:\n[ \t]*+)?(?P<surname>{_SURNAME})(?![\w])")
# a surname glued to the next member's first name when the comma between them was lost ("BARRAL,Maud")
GLUED = re.compile(rf"(?<![\w'’-])(?P<surname>[{_UPPER}]{{2,}})(?P<first>[{_UPPER}][a-zß-öø-ÿ]{{2,}}"
                   rf"(?:-[{_UPPER}][a-zß-öø-ÿ]+)?)(?![\w])")


class FirstNames:
    """The registry: each first name with its rank (1 = the most given)."""

    def __init__(self, ranks: dict[str, int]):
        self.ranks = ranks
        self._by_lower: dict[str, list[str]] = {}
        for n in ranks:
            self._by_lower.setdefault(n.lower(), []).append(n)
        self._lower = sorted(self._by_lower)

    def knows(self, name: str) -> bool:
        return name in self.ranks

    def common(self, name: str) -> bool:
        """One of the ``COMMON_RANK`` most given first names."""
        rank = self.ranks.get(name)
        return rank is not None and rank <= COMMON_RANK

    def names(self, word: str, is_word) -> bool:
        """``word`` can be a first name: one of the registry, and a common one if ``is_word``
        (the dictionary) knows it (Pierre, Marine; Le is a rare first name and a common word)."""
        return self.common(word) or (word in self.ranks and not is_word(word))

    def readings(self, word: str) -> list[tuple[float, float, str]]:
        """(score, cost, first name) of every first name within two edits of ``word``, best first:
        the OCR cost of reading it as ``word``, plus a little for a rarer name."""
        found = process.extract(word.lower(), self._lower, scorer=Levenshtein.distance, score_cutoff=2,
                                limit=None)
        names = {n for low, _, _ in found for n in self._by_lower[low]}
        priced = ((cost(n, word), n) for n in names)
        return sorted((round(c + RANK_WEIGHT * math.log10(self.ranks[n]), 4), c, n) for c, n in priced)


@lru_cache(maxsize=2)
def load_first_names(models: Path = MODELS) -> FirstNames:
    ranks: dict[str, int] = {}
    for line in (Path(models) / "first-names-fr.tsv").read_text(encoding="utf-8").splitlines():
        name, rank, _ = line.split("\t")
        ranks[name] = int(rank)
    return FirstNames(ranks)


def pairs_of(text: str, is_word=None) -> Counter:
    """(surname, first name) pairs read in a text, counted. With ``is_word`` (the dictionary), a
    word of the dictionary that is no first name is no first name here either (Le CONSEIL,
    Madame MANDROUX)."""
    registry = load_first_names()
    return Counter((m.group("surname"), m.group("first")) for m in SLOT.finditer(text)
                   if is_word is None or registry.names(m.group("first"), is_word) or not is_word(m.group("first")))


def members(pairs: Counter, registry: FirstNames, together: dict | None = None) -> dict[str, Counter]:
    """surname -> the first names read with it often enough to name a person.

    Scans of one layout repeat their misreadings ("Mustha MAJDOUL" in several sessions' lists),
    so a reading is evidence only when it is no misreading of a first name of the registry read
    with the same surname (its count goes to that name), and when it is read at least half as
    often as that surname's most read first name (two people may share a surname). Two readings
    of one surname that few documents read together (``together``: (surname, first name,
    another) -> documents that read both; two people stand together in every list) and that
    differ by little (Ame, Anne; Brigite, Brigitte) are one person, named by the likelier
    (``_likelier``), even when a scan misreads that name more often than it reads it."""
    by_surname: dict[str, Counter] = {}
    for (surname, first), n in pairs.items():
        by_surname.setdefault(surname, Counter())[first] += n
    out: dict[str, Counter] = {}
    for surname, firsts in by_surname.items():
        real = [f for f in firsts if registry.knows(f)]
        merged = Counter()
        for first, n in firsts.items():
            if not registry.knows(first) and real:
                c, name = min((cost(r, first), r) for r in real)
                if c <= PAIR_COST:
                    merged[name] += n
                    continue
            merged[first] += n
        merged = _one_person(surname, _named(merged, registry), registry, together or {})
        top = max(merged.values())
        kept = Counter({f: n for f, n in merged.items() if n >= PAIR_EVIDENCE and n >= DOMINANT * top})
        if kept:
            out[surname] = kept
    return out


def _named(firsts: Counter, registry: FirstNames) -> Counter:
    """A surname read with several first names none of which the registry knows (Mustaha,
    Musipha: a name a poor scan never reads right): the one first name of the registry that
    explains every reading, clearly best in all, when there is one (Mustapha; Per, Perh, Pera,
    Perk are Perla's as much as Perle's)."""
    if len(firsts) < 2 or any(registry.knows(f) for f in firsts):
        return firsts
    scores: dict[str, float] = {}
    for i, (first, n) in enumerate(firsts.items()):
        found = {name: score for score, _, name in registry.readings(first)}
        scores = {name: n * score for name, score in found.items()} if i == 0 else \
            {name: total + n * found[name] for name, total in scores.items() if name in found}
    if not scores:
        return firsts
    ranked = sorted(scores.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and ranked[1][1] - ranked[0][1] < NAME_MARGIN * sum(firsts.values()):
        return firsts  # two names explain the readings as well: which?
    return Counter({ranked[0][0]: sum(firsts.values())})


def _one_person(surname: str, firsts: Counter, registry: FirstNames, together: dict) -> Counter:
    """``firsts`` with the readings of one person merged into its likeliest name: two readings
    read with ``surname`` together in at most ``APART`` of the documents that read the rarer,
    alike (a cheap confusion, or ``SAME_PERSON`` of their letters), the likelier clearly."""
    merged = Counter(firsts)
    for a, b in itertools.combinations(sorted(firsts, key=lambda f: (-firsts[f], f)), 2):
        if a not in merged or b not in merged:
            continue
        if together.get((surname, *sorted((a, b))), 0) > APART * min(firsts[a], firsts[b]):
            continue  # two people: their lists name both
        if cost(a, b) > PAIR_COST and Levenshtein.normalized_similarity(a.lower(), b.lower()) < SAME_PERSON:
            continue
        la, lb = _likelier(a, merged[a], registry), _likelier(b, merged[b], registry)
        if abs(la - lb) < LIKELIER_MARGIN:
            continue  # Samir, Samira: both names people are given
        keep, drop = (a, b) if la > lb else (b, a)
        merged[keep] += merged.pop(drop)
    return merged


def _likelier(first: str, times: int, registry: FirstNames) -> float:
    """How likely ``first``, read ``times`` documents, is the name printed: how often it is read,
    and how often it is given (a rare name read often is a common name misread the same way)."""
    return math.log10(times) - RANK_PRIOR * math.log10(registry.ranks.get(first, UNRANKED))


def reading(word: str, surname: str, known: dict[str, Counter], registry: FirstNames,
            is_word, is_name) -> tuple[str, float, str] | None:
    """The repair of the first name ``word`` before ``surname``, or None: (form, score, rule).
    ``is_word``: the dictionary knows it; ``is_name``: the collection spells a name so."""
    firsts = known.get(surname)
    if firsts:
        if word in firsts:
            return None  # a reading the collection holds
        priced = sorted((cost(f, word), -n, f) for f, n in firsts.items())
        c, _, best = priced[0]
        if c <= (KNOWN_PAIR_COST if registry.knows(word) else PAIR_COST):
            return best, round(1.0 - c / (2 * PAIR_COST), 3), "name-collection"
        strong = well_known(word, firsts)
        if strong is not None:
            return strong, STRONG_SCORE, "name-collection"
    if not word[:1].isupper():
        return None  # a lower-case word is a first name only where the collection knows the member
    if len(word) < NAME_MIN or registry.knows(word) or is_word(word) or is_name(word):
        return None  # short, a first name already, or a word (Madame MANDROUX): not for the registry
    found = registry.readings(word)
    if not found or found[0][1] > NAME_COST:
        return None
    score, c, best = found[0]
    others = [r for r in found[1:] if skeleton(r[2]) != skeleton(best)]  # Marie-Josee is Marie-Josée
    if others and others[0][0] - score < NAME_MARGIN:
        return None  # Nadin: Nadine or Nadim? The registry cannot tell
    return best, round(1.0 - c / (2 * NAME_COST), 3), "first-name"


def well_known(word: str, firsts: Counter) -> str | None:
    """The member a badly damaged first name before their surname names, when the collection
    holds one clearly: read with that surname in ``STRONG_EVIDENCE`` documents or more, and
    sharing at least ``STRONG_SIMILARITY`` of its letters with ``word`` (Chsisiophe, Géant,
    lacques, Cvlise before COUR, CASTRE, DOMERGUE, NAVARRE), more than any other member of that
    surname does. A council's lists print the same people at every session; a poor scan misreads
    them beyond any cheap repair, but not the same way every time."""
    scored = sorted(((_likeness(word, f), n, f) for f, n in firsts.items()), reverse=True)
    similarity, n, best = scored[0]
    if n < STRONG_EVIDENCE or similarity < STRONG_SIMILARITY:
        return None
    if len(scored) > 1 and scored[1][0] >= similarity:
        return None  # as like another member: which one?
    return best


def known_well(firsts: Counter) -> bool:
    """A member of that surname is read in ``STRONG_EVIDENCE`` documents or more."""
    return max(firsts.values()) >= STRONG_EVIDENCE


def near_member(surname: str, known: dict[str, Counter]) -> str | None:
    """The surname of a member the collection knows well that ``surname`` is a misreading of:
    one letter off (ROUALLAGA: BOUALLAGA), five letters or more, and the only such member."""
    if len(surname) < NEAR_SURNAME or surname in known:
        return None
    near = [s for s, firsts in known.items()
            if abs(len(s) - len(surname)) <= 1 and known_well(firsts)
            and Levenshtein.distance(s, surname, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else None


def _likeness(word: str, first: str) -> float:
    """How alike ``word`` and the first name ``first`` are (normalised similarity), a compound
    first name counting as alike as its likest part when that part is ``PART_SIMILARITY`` alike
    (Pier, Jeune: Jean-Pierre, Jean-Luc, read half)."""
    whole = Levenshtein.normalized_similarity(first.lower(), word.lower())
    parts = [Levenshtein.normalized_similarity(part.lower(), word.lower()) for part in first.split("-")] if "-" in first else []
    best_part = max(parts, default=0.0)
    return max(whole, best_part) if best_part >= PART_SIMILARITY else whole


def unglued(text: str, registry: FirstNames, is_word, known: dict[str, Counter]):
    """(start, end, "SURNAME First") of each surname glued to a first name (BARRALMaud,
    DANANTitina): the second part a first name of the registry or of the collection, or the
    first part the surname of a member the collection knows well (HALUSKAAme-Louse)."""
    firsts = {f for people in known.values() for f in people}
    for m in GLUED.finditer(text):
        first = m.group("first")
        members = known.get(m.group("surname"))
        if (registry.names(first, is_word) or first in firsts
                or members is not None and known_well(members)):
            yield m.start(), m.end(), f"{m.group('surname')} {first}"
