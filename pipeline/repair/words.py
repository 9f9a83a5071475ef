"""The word model: which words may change, and into what.

An unknown word is changed only into a lexicon word its damage explains cheaply: candidates
within one edit of its accent-free skeleton (and the words a multi-letter shape confusion
explains: rn -> m, ce -> œ), ranked by an OCR-aware edit cost (``confusion.py``) and their
frequency; a near tie leaves the word alone. Tesseract's own second choices of a letter lower
the cost of the readings they spell. Two common words read as one (``lacréation``) are parted.

What is never changed: tokens with digits or next to digits, acronyms, protected words, words of
the lexicon, capitalised names (only their accents, into a well-known name), the collection's own
spelling of a name, the period's spellings, and words Tesseract read with high confidence.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import NamedTuple

from pipeline.repair import names
from pipeline.repair.confusion import SHAPES, cost
from pipeline.repair.history import historical_form, long_s_twins
from pipeline.repair.lexicon import Lexicon, skeleton
from pipeline.repair.offsets import Span, span_at

SPLIT_COST = 0.3  # cost of a missing space, against the edit costs of confusion.py
SPLIT_ZIPF = 4.0  # the word a glued function word leaves must be this common (lamise: mise)
SPLIT_MIN = 6  # letters a word needs before it is read as two
HIST_LIMIT = 0.45  # the highest repair cost accepted in old or unfamiliar text
COLLECTION_SPELLING = 2  # times a collection writes an unknown word before it may be its own spelling ...
COLLECTION_SHARE = 10  # ... when the word a repair would make is not this many times more frequent in it
NAME_ZIPF = 3.5  # a name is only re-accented into a name this common (Zipf scale)
MIN_TARGET_ZIPF = 2.0
COMMON_ZIPF = 5.0  # a capitalised word may become a word this common (Apreés -> Après)
NAME_COST = 0.5  # ... at this cost at most
TRUSTED_CONFIDENCE = 95.0  # Tesseract word confidence above which a word is left alone
CHOICE_CONFIDENCE = 30.0  # a second choice of Tesseract's below this is not evidence
CHOICE_COST = 0.5  # the cost of a reading Tesseract itself proposed, scaled by its doubt
CHOICE_POSITIONS = 8  # letters of a word whose second choices are tried, at most
WORD_LIMIT = 0.8  # the highest cost of a word repair in today's French ...
SHORT_LIMIT = 0.55  # ... of a word of four letters or fewer, or a name
SHORT_WORD = 4
TIE = 0.05  # two repairs whose ranks differ by less explain the damage equally well: none is made
FREQ_WEIGHT = 0.05  # a candidate's rank: its cost minus this x its Zipf frequency
ODD_CASE_COST = 0.1  # per capital inside a word (pOles)
RESIZE_COST = 0.45  # letters added or lost: at most this cost ...
RESIZE_ZIPF = 3.0  # ... and into a word at least this common
ACCENT_ZIPF = 3.0  # a part of a hyphenated word may take accents into a word this common ...
SHORT_ACCENT_ZIPF = 5.0  # ... or, of three letters or fewer, this common
ABBREVIATION = 5  # letters at most of an unknown word before a period: an abbreviation (asso., délib.)
FUNCTION_WORDS = {
    "la", "le", "les", "de", "des", "du", "et", "en", "un", "une", "au", "aux", "par", "pour", "sur",
    "dans", "ce", "ces", "sa", "son", "ses", "se", "ne", "il", "elle", "on", "qui", "que", "mais", "ou",
    "leur", "leurs", "nos", "vos", "est", "sont", "avec", "sans", "entre", "cette",
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Candidate(NamedTuple):
    """One reading of an unknown word, as ``WordModel.best`` weighs it."""

    rank: float  # cost minus a little for a common word: the lowest wins
    cost: float  # what the damage costs (confusion.cost), or Tesseract's own doubt
    zipf: float
    form: str
    rule: str  # word, ocr-choice or glued


class Fix(NamedTuple):
    """The repair of one word."""

    form: str
    score: float  # 1 - cost
    rule: str


class WordModel:
    """The lexicon and what the collection taught: the spelling of its names (``names``) and the
    people its attendance lists name (``pairs``, for the first-name family)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.names: Counter = Counter()  # capitalised forms seen in this collection
        self.seen: Counter = Counter()  # every word of the collection, in lower case
        self.pairs: Counter = Counter()  # (surname, first name) read in this collection
        self.together: Counter = Counter()  # (surname, first name, another) -> documents that read both
        self._members: dict | None = None  # names.members of the pairs, once they are known
        self._cache: dict = {}
        self._candidate_cache: dict[str, set[str]] = {}

    def add_people(self, pairs, together: dict | None = None) -> None:
        """(surname, first name) pairs read in the collection, with their counts; ``together``:
        (surname, first name, another) -> the documents of it that read both."""
        self.pairs.update(pairs)
        self.together.update(together or {})
        self._members = None

    def members(self, registry) -> dict:
        """The council's members the pairs name (``names.members``), computed once they are known."""
        if self._members is None:
            self._members = names.members(self.pairs, registry, self.together)
        return self._members

    # -- what must not change -------------------------------------------------------------

    def protected(self, text: str, word: str, start: int, end: int, spans: list[Span], *, known_ok: bool = False) -> bool:
        """Whether the word at ``text[start:end]`` stays as it is, where it stands."""
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isdigit() or after.isdigit() or before in "@/\\_#&" or after in "@/\\_":
            return True
        if after == "." and len(word) <= ABBREVIATION and not self.lex.knows(word):
            return True  # an abbreviation (asso., délib., subv.), not a damaged word
        if self.kept(word, known_ok=known_ok):
            return True
        span = span_at(spans, start, end)
        return span is not None and span.confidence >= TRUSTED_CONFIDENCE

    def kept(self, word: str, *, known_ok: bool = False) -> bool:
        """What the word itself says must not change, wherever it stands. ``known_ok``: a
        word of the dictionary may still change (long s: font -> sont)."""
        if len(word) < 2 or word in self.lex.protected:
            return True
        letters = [c for c in word if c.isalpha()]
        if sum(c.isupper() for c in letters) >= 2 and sum(c.islower() for c in letters) <= 1:
            return True  # acronyms and words in capitals
        if self.lex.knows(word):
            return not known_ok
        if (len(word) >= 5 and word[-1] in "sx" and self.lex.knows(word[:-1]) and not known_ok
                and not self.lex.same_skeleton(skeleton(word))):
            return True  # a plural the dictionary lacks (traceurs), with no accented twin (poles: pôles)
        if word[0].isupper() and self.names[word] >= 2:
            return True  # the collection's own spelling of a name
        return historical_form(word, self.lex)

    # -- what it may become ---------------------------------------------------------------

    def correct(self, word: str, mode, *, initial: bool = False, accents_only: bool = False,
                choices: dict[str, float] | None = None) -> Fix | None:
        """The repair of one unknown word in a text read in ``mode``, or None. ``initial``: it
        opens a sentence. ``accents_only``: a part of a hyphenated word (bien-étre), which may be a
        fragment of a word split at a line end (four-nissait): only its accents may change.
        ``choices``: candidates Tesseract's second choices spell, with their confidence."""
        if choices:
            result = self.best(word, mode, initial=initial, accents_only=accents_only or len(word) <= 3, choices=choices)
            return Fix(result.form, round(1.0 - result.cost, 3), result.rule) if result else None
        key = (word, initial, accents_only, mode.historical, mode.unfamiliar, mode.old_print)
        if key in self._cache:
            return self._cache[key]
        if len(word) <= 2:
            self._cache[key] = None
            return None  # too short to tell damage from a syllable or an abbreviation
        result = self.best(word, mode, initial=initial, accents_only=accents_only or len(word) <= 3)
        if result is not None and mode.old_print and self._spelling_of_collection(word, result.form):
            result = None
        if word.islower() and len(word) >= SPLIT_MIN and not accents_only and not (mode.historical or mode.unfamiliar):
            # two common words read as one (lamise: la mise) against a one-word repair
            split = self._split(word)
            if split is not None and (result is None or split.rank < result.rank):
                result = split
        fix = None
        if result is not None:
            score = round(min(1.0, result.zipf / 7), 3) if result.rule == "glued" else round(1.0 - result.cost, 3)
            fix = Fix(result.form, score, result.rule)
        self._cache[key] = fix
        return fix

    def _spelling_of_collection(self, word: str, form: str) -> bool:
        """(Old print, whose period spellings the dictionary lacks.) The collection writes
        ``word`` often, not much more rarely than ``form``: its own spelling (squalus,
        complétement), not a misreading of a word it writes far more; unless ``form`` is
        ``word`` with its long s read back (foit: soit), which old print repeats."""
        n = self.seen[word.lower()]
        return (n >= COLLECTION_SPELLING and n * COLLECTION_SHARE >= self.seen[form.lower()]
                and not long_s_twins(word, form))  # the long s misread the same way each time

    def best(self, word: str, mode, *, initial: bool = False, accents_only: bool = False,
             choices: dict | None = None) -> Candidate | None:
        """The best reading of ``word``, if it explains the damage cheaply and clearly better
        than any other."""
        name_like = word[0].isupper() and not initial
        choices = choices or {}
        scored = [c for c in (self._weigh(word, cand, name_like=name_like, accents_only=accents_only,
                                          seen=choices.get(cand, 0.0), mode=mode)
                              for cand in self._candidates(word) | set(choices)) if c is not None]
        if not scored:
            return None
        scored.sort()
        best = scored[0]
        limit = HIST_LIMIT if mode.historical or mode.unfamiliar else (
            SHORT_LIMIT if len(word) <= SHORT_WORD or name_like else WORD_LIMIT)
        if best.cost > limit:
            return None
        for other in scored[1:]:
            if other.form.lower() != best.form.lower() and other.rank - best.rank < TIE:
                return None  # two repairs explain the damage equally well: leave it
        return best

    def _weigh(self, word: str, cand: str, *, name_like: bool, accents_only: bool, seen: float,
               mode) -> Candidate | None:
        """``cand`` as a reading of ``word``, or None when it may not be one. ``seen``: Tesseract's
        own confidence in that reading (0 when it did not propose it)."""
        capital = word[0].isupper()
        proper = cand[0].isupper()
        z = self.lex.freq(cand)
        if proper and not capital:
            return None  # a lower-case word does not become a name (lamise is not Tamise)
        if capital and cand[0].upper() != word[0]:
            return None  # capitals keep their accent or its absence (Election, Etat, Evry)
        if name_like or (proper and capital):
            # names: only accents of lower-case letters may change, and only into a
            # well-known name (Grece -> Grèce, not Medellin -> Medellín); or into a very
            # common word (Apreés -> Après at the start of a line)
            if skeleton(cand) != skeleton(word) or z < NAME_ZIPF:
                if proper or z < COMMON_ZIPF or cost(cand.lower(), word.lower()) > NAME_COST:
                    return None
        same_letters = skeleton(cand) == skeleton(word)
        if accents_only and not seen and (not same_letters or z < (SHORT_ACCENT_ZIPF if len(word) <= 3 else ACCENT_ZIPF)):
            return None
        if any(ch.isupper() for ch in cand[1:]):
            return None
        if same_letters and word.isalpha() and (mode.historical or mode.old_print and _accents(cand) > _accents(word)):
            return None  # old print wrote fewer accents (ame, tresor, remede): not a repair to make
        if z < MIN_TARGET_ZIPF:
            return None  # an obscure word is a poor guess for damage (moy is not moly)
        form = _case_like(cand, word)
        guess = cost(form.lower(), word.lower()) + ODD_CASE_COST * sum(1 for c in word[1:] if c.isupper())
        c = min(guess, CHOICE_COST * (1 - seen / 100)) if seen else guess
        if len(cand) != len(word) and (c > RESIZE_COST or z < RESIZE_ZIPF or _fragment(cand, word)):
            return None  # letters added or lost: only inside the word, and a known cheap damage
        return Candidate(c - FREQ_WEIGHT * z, c, z, form, "ocr-choice" if c < guess else "word")

    def _candidates(self, word: str) -> set[str]:
        """Lexicon words within one edit of the word's skeleton (accents ignored), plus the
        words a multi-letter shape confusion explains (rn -> m, ce -> œ)."""
        low = word.lower()
        found = self._candidate_cache.get(low)
        if found is None:
            found = self._candidate_cache[low] = self._generate(low)
        return found

    def _generate(self, low: str) -> set[str]:
        sk = skeleton(low)
        heads = [(sk[:i], sk[i:]) for i in range(len(sk) + 1)]
        variants = {a + b[1:] for a, b in heads if b}
        variants.update(a + c + b[1:] for a, b in heads if b for c in LETTERS)
        variants.update(a + c + b for a, b in heads for c in LETTERS)
        variants.add(sk)
        for (gold, ocr) in SHAPES:
            if len(ocr) > 1 and ocr in low:
                start = low.find(ocr)
                while start != -1:
                    variants.add(skeleton(low[:start] + gold + low[start + len(ocr):]))
                    start = low.find(ocr, start + 1)
        return self.lex.with_skeletons(variants)

    def _split(self, word: str) -> Candidate | None:
        lex = self.lex
        best = None
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if left in FUNCTION_WORDS and len(right) >= 4 and lex.freq(right) >= SPLIT_ZIPF and right in lex:
                z = lex.freq(right)
            elif right in FUNCTION_WORDS and len(right) >= 2 and len(left) >= 4 and lex.freq(left) >= SPLIT_ZIPF and left in lex:
                z = lex.freq(left)
            else:
                continue
            if best is None or z > best[1]:
                best = (f"{left} {right}", z)
        if best is None:
            return None
        return Candidate(SPLIT_COST - FREQ_WEIGHT * best[1], SPLIT_COST, best[1], best[0], "glued")

    def ocr_choices(self, word: str, start: int, spans: list[Span]) -> dict[str, float]:
        """Words of the dictionary that Tesseract's own second choices of one or two letters
        spell, with the confidence of the least sure letter used: evidence from the image,
        which lowers the cost of those candidates (our OCR only, lstm_choice_mode)."""
        span = span_at(spans, start, start + len(word))
        if span is None or not span.word.get("alts") or self.lex.knows(word):
            return {}
        offset = start - span.start
        if span.word["text"][offset:offset + len(word)] != word:
            return {}
        by_pos: dict[int, list[tuple[str, float]]] = {}
        for pos, ch, conf in span.word["alts"]:
            if 0 <= pos - offset < len(word) and ch.isalpha() and conf >= CHOICE_CONFIDENCE:
                by_pos.setdefault(pos - offset, []).append((ch, conf))
        found: dict[str, float] = {}
        positions = sorted(by_pos)[:CHOICE_POSITIONS]
        for n in (1, 2):
            for chosen in itertools.combinations(positions, n):
                for picks in itertools.product(*(by_pos[i] for i in chosen)):
                    letters = list(word)
                    for i, (ch, _) in zip(chosen, picks):
                        letters[i] = ch
                    cand = "".join(letters)
                    if self.lex.knows(cand) and not any(c.isupper() for c in cand[1:]):
                        conf = min(c for _, c in picks)
                        found[cand] = max(conf, found.get(cand, 0.0))
        return found


def _fragment(cand: str, word: str) -> bool:
    """One is the other with letters added at an end only (ance/lance, gard/garde): the word is
    more likely a fragment of a split or damaged word than a misreading of the candidate."""
    a, b = skeleton(cand), skeleton(word)
    if len(a) == len(b):
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.startswith(short) or long_.endswith(short)


def _accents(word: str) -> int:
    return sum(1 for a, b in zip(word.lower(), skeleton(word)) if a != b)


def _case_like(cand: str, word: str) -> str:
    if word[0].isupper() and cand[0].islower():
        return cand[0].upper() + cand[1:]
    if word[0].islower() and cand[0].isupper():
        return cand  # a proper noun stays capitalised
    return cand
