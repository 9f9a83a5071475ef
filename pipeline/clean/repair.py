"""Repair of French OCR text, with an audit of every change.

Each family of damage is one method that takes a ``Page`` (the text, Tesseract's words located
in it, and the ``Mode`` it is read in, decided before the repair starts and never changed by it)
and yields edits on the raw text; ``Repairer._families`` declares them in order. Edits never
overlap (an earlier family wins), are applied in one pass, and each becomes a ``Correction``
with its offsets in the raw and in the repaired text, the rule that made it and a score. A word
repair weighs ``Candidate`` readings and returns a ``Fix``; the thresholds are named at the top
of this module (first names: ``names.py``). The families, in order:

  forced      the user's forced fixes (models/fixes-fr.tsv)
  hyphen      words split at a line end: re-joined, real compounds keep their hyphen
  elision     l' read as I' / I" / ' / I’ + space, doubled apostrophes
  ordinal     4*™ -> 4ème: superscripts read as symbols (the digits are never touched)
  bullet      list bullets read as "e" / "o" at the start of a line
  long-s      prints before about 1800: the long s (ſ) read as f or j, its ligature ſt as jl, fl, fi,
              ji (eft, ejl -> est; fuis -> suis), only in a text that shows this damage repeatedly
  first-name  a word before a surname in capitals (attendance lists): the first name the
              collection reads with that surname, or a first name of the registry
              (``names.py``); recorded as name-collection or first-name; a surname glued to
              the next first name (BARRALMaud) is parted again (name-split)
  word        unknown words: candidates from the lexicon ranked by OCR-aware edit cost and
              frequency; changed only when the best explains the damage cheaply and clearly.
              On our own OCR, a candidate that Tesseract's second choices of one or two letters
              spell costs less (lstm_choice_mode); such a repair is recorded as ocr-choice
  glued       two words read as one (lacréation -> la création)
  context     a -> à, ou -> où, la -> là where the neighbouring words decide, decided on the repaired
              neighbours; after avoir, the é a participle lost (a decide -> a décidé, not à décide),
              which replaces the word family's reading of that word

What is never changed: tokens with digits or next to digits, acronyms, protected words,
words of the lexicon, capitalised names (only their accents may be repaired; a first name before
a surname in capitals is the first-name family's), and words Tesseract read with high confidence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import asdict, dataclass, replace
from typing import NamedTuple

from pipeline.clean import context, names
from pipeline.clean.confusion import SHAPES, cost
from pipeline.clean.lexicon import Lexicon, load, skeleton

SPLIT_COST = 0.3  # cost of a missing space, against the edit costs of pipeline/clean/confusion.py
HIST_LIMIT = 0.45  # the highest repair cost accepted in old or unfamiliar text
UNFAMILIAR = 0.15  # share of words unknown and beyond cheap repair above which a text is unlike today's French
NAME_ZIPF = 3.5  # a name is only re-accented into a name this common (Zipf scale)
MIN_TARGET_ZIPF = 2.0
COMMON_ZIPF = 5.0  # a capitalised word may become a word this common (Apreés -> Après)
TRUSTED_CONFIDENCE = 95.0  # Tesseract word confidence above which a word is left alone
CHOICE_CONFIDENCE = 30.0  # a second choice of Tesseract's below this is not evidence
CHOICE_COST = 0.5  # the cost of a reading Tesseract itself proposed, scaled by its doubt
WORD_LIMIT = 0.8  # the highest cost of a word repair in today's French ...
SHORT_LIMIT = 0.55  # ... of a word of four letters or fewer, or a name
TIE = 0.05  # two repairs whose ranks differ by less explain the damage equally well: none is made
FREQ_WEIGHT = 0.05  # a candidate's rank: its cost minus this x its Zipf frequency
ODD_CASE_COST = 0.1  # per capital inside a word (pOles)
RESIZE_COST = 0.45  # letters added or lost: at most this cost ...
RESIZE_ZIPF = 3.0  # ... and into a word at least this common
FUNCTION_WORDS = {
    "la", "le", "les", "de", "des", "du", "et", "en", "un", "une", "au", "aux", "par", "pour", "sur",
    "dans", "ce", "ces", "sa", "son", "ses", "se", "ne", "il", "elle", "on", "qui", "que", "mais", "ou",
    "leur", "leurs", "nos", "vos", "est", "sont", "avec", "sans", "entre", "cette",
}
COMPOUND_PREFIXES = {
    "non", "anti", "auto", "contre", "demi", "ex", "extra", "mi", "multi", "néo", "post", "pré", "pro",
    "quasi", "semi", "sous", "vice", "après", "avant", "arrière", "grand", "grande", "petit", "bien",
    "mal", "co", "inter", "intra", "ultra", "super", "sur", "trans", "mini", "maxi", "ci", "porte",
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"

LONG_S_EVIDENCE = 2  # unknown words a long-s reading explains, in one text, before it is believed
LONG_S_DENSITY = 0.01  # ... and at least this share of its words (a whole collection: the share alone)
LONG_S_MARGIN = 0.7  # a real word (font) is read as its long-s twin (sont) this much more common
# what OCR shows for the long s (ſ) and its ligatures, and what the print may have had
_LONG_S_READINGS = {
    "f": ("s",), "j": ("s",), "ff": ("ss", "sf"), "jj": ("ss",), "fj": ("ss",), "jf": ("ss",),
    "fi": ("si", "st"), "ji": ("si", "st"), "jl": ("st",), "fl": ("st",), "jî": ("st",), "fî": ("st",),
    "ft": ("st",),
}
_LONG_S_SHOWN = re.compile("|".join(sorted(_LONG_S_READINGS, key=len, reverse=True)))

_OLD_ENDING = re.compile(r"oi(?:t|s|ent)$")
_TOKEN = re.compile(r"[^\W\d_]+(?:[\]\[|][^\W\d_]+)*")
_HYPHEN = re.compile(r"([^\W\d_]+)-\n([ \t]*)([^\W\d_]+)([,.;:!?)»]*)([ \t]?)")
_ORDINAL = re.compile(r"(?<![\w])(\d{1,3}) ?([*°'\"^]{0,2}[™®][*°'\"^]?|\*{1,2}(?=\s))")
_BULLET = re.compile(r"(?m)^([ \t]*)([eo¢©»])[ \t]+(?=[^\W\d_])")
_ELISION_I = re.compile(r"(?<![\w'’])([IL|])([\"'’]{1,2}) ?(?=[^\W\d_])")
_ELISION_SPACE = re.compile(r"(?<![\w])([lLdDjJmMnNsStTcC]|qu|Qu|jusqu|lorsqu|puisqu)([’']) (?=[^\W\d_])")
_DOUBLE_APOS = re.compile(r"(?<=[^\W\d_])([’'])['’]+(?=[^\W\d_])")
_MISSING_L = re.compile(r"(?<![\w'’])(de|à|a|pour|par|sur|dans|vers|avec|sans|sous|entre|que|et|ou|dont) '(?=[^\W\d_])")
# What comes before a word that opens a sentence: nothing, or . ! ? : and blanks, or a blank line.
# Written to be tried from the start of the blanks only (a pattern whose blanks could start
# anywhere in a long run of them is tried, and fails, at each)
_SENTENCE_END = re.compile(r"\A\n?\Z|(?<!\s)(?:(?<=[.!?:])|(?=(?:[^\S\n]*+\n){2}))\s*+\Z")
# … or a list bullet at the start of a line
_LINE_START = re.compile(_SENTENCE_END.pattern + r"|\n[ \t]*+[•*-][ \t]*+\n?\Z|\A[ \t]*+[eo•*-][ \t]++\n?\Z")
# a period that ends a title or an initial, not a sentence: what follows is a name (M. Mella)
_TITLE = re.compile(r"(?<![\w.])(?:M|MM|Mme|Mmes|Mlle|Mlles|Me|Mes|Dr|Pr|St|Ste|[A-Z])\.\s*$")


@dataclass
class Correction:
    page: int
    start: int  # offsets in the raw page text
    end: int
    clean_start: int  # offsets in the repaired page text
    clean_end: int
    before: str
    after: str
    rule: str
    score: float
    overruled: bool = False  # an archivist rejected it (overrides.json): the clean text keeps ``before``

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Edit:
    start: int
    end: int
    after: str
    rule: str
    score: float


@dataclass(frozen=True)
class Mode:
    """How a text is read, decided before its repair starts and never changed during it."""

    historical: bool = False  # old spellings (avoit, étoient): no modernising repairs
    long_s: bool = False  # the long s of old prints read as f: eft, fuis, ejl
    unfamiliar: bool = False  # many words unknown to today's dictionary: only cheap repairs
    lines: bool = False  # one segment per line: nothing is joined across lines


@dataclass(frozen=True)
class Page:
    """What every family of damage is given: the text, where Tesseract's words sit in it with
    their confidence (``_trusted_spans``), and the mode it is read in."""

    text: str
    trusted: list
    mode: Mode


class Candidate(NamedTuple):
    """One reading of an unknown word, as ``_best`` weighs it."""

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


class Repairer:
    """Repairs page texts. Holds the lexicon and what the collection has taught it."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load()
        self.names: Counter = Counter()  # capitalised forms seen in this collection
        self.pairs: Counter = Counter()  # (surname, first name) read in this collection: add_people()
        self._members: dict | None = None  # names.members of pairs, computed once they are known
        self.mode = Mode()  # what the whole collection shows (learn): historical, long s
        self._long_s_seen = 0
        self._tokens = 0
        self._old_forms = 0
        self._cache: dict = {}
        self._candidate_cache: dict[str, set[str]] = {}

    # -- public -------------------------------------------------------------------------

    def learn(self, text: str) -> None:
        """Learn from the whole collection: a name spelled the same way several times is its
        spelling and wins over any dictionary guess; old spellings (avoit) and long-s damage
        (eft) seen often enough set the collection's historical and long-s modes."""
        self.add_people(names.pairs_of(text, self.lex.knows))
        for m in _TOKEN.finditer(text):
            w = m.group()
            self._tokens += 1
            if w[0].isupper() and not w.isupper() and not self.lex.knows(w):
                self.names[w] += 1
            elif _OLD_ENDING.search(w) and not self.lex.knows(w):
                modern = _OLD_ENDING.sub(lambda e: "a" + e.group()[2:], w.lower())
                if self.lex.knows(modern):
                    self._old_forms += 1  # avoit / avait: the imperfect spelled before 1835
            if w.islower() and self._long_s_reading(w, evidence=True):
                self._long_s_seen += 1
        self.mode = Mode(historical=self._old_forms >= 3 and self._old_forms >= 0.002 * self._tokens,
                         long_s=self._long_s_seen >= LONG_S_EVIDENCE and self._long_s_seen >= LONG_S_DENSITY * self._tokens)

    def add_people(self, pairs) -> None:
        """(surname, first name) pairs read elsewhere in the collection, with their counts."""
        self.pairs.update(pairs)
        self._members = None

    def repair(self, text: str, page: int = 1, words: list[dict] | None = None,
               lines: bool = False) -> tuple[str, list[Correction]]:
        mode = Mode(historical=self.mode.historical or self._looks_historical(text, 1 if lines else 2),
                    long_s=self.mode.long_s or self._shows_long_s(text), lines=lines)
        mode = replace(mode, unfamiliar=self._unfamiliar(text, mode))
        return self._repair(Page(text, _trusted_spans(text, words) if words else [], mode), page)

    def _unfamiliar(self, text: str, mode: Mode) -> bool:
        """A large share of the words unknown to the dictionary and beyond any cheap repair:
        old French, another language or heavy damage. The dictionary is then a poor guide and
        only cheap repairs are made. Words a cheap repair would fix are not counted, so that
        the repaired text is judged as the raw one was (idempotence)."""
        words = hard = 0
        cheap = replace(mode, unfamiliar=True)
        for m in _TOKEN.finditer(text):
            w = m.group()
            if len(w) < 3 or w.isupper():
                continue
            words += 1
            if not self.lex.knows(w) and self.correct(w, mode=cheap) is None and not self._long_s_reading(w, evidence=True):
                hard += 1
        return words >= 5 and hard >= UNFAMILIAR * words

    def _shows_long_s(self, text: str) -> bool:
        """Several unknown words of this text read as common words with the long s restored."""
        tokens = found = 0
        for m in _TOKEN.finditer(text):
            tokens += 1
            if self._long_s_reading(m.group(), evidence=True):
                found += 1
        return found >= LONG_S_EVIDENCE and found >= LONG_S_DENSITY * tokens

    def _looks_historical(self, text: str, needed: int) -> bool:
        """Old spellings in this very text (avoit, enfans): its accents are the period's."""
        found = 0
        for m in _TOKEN.finditer(text):
            w = m.group()
            if len(w) > 3 and not self.lex.knows(w) and historical_form(w, self.lex):
                found += 1
                if found >= needed:
                    return True
        return False

    def _families(self):
        """The families of damage, in the order they propose edits (an earlier one wins)."""
        return (self._forced, self._hyphens, self._elisions, self._ordinals, self._bullets, self._long_s,
                self._first_names, self._words)

    def _repair(self, p: Page, page: int) -> tuple[str, list[Correction]]:
        text = p.text
        edits: list[_Edit] = []
        taken: list[tuple[int, int]] = []

        def propose(e: _Edit) -> None:
            if e.after == text[e.start:e.end]:
                return
            for s, t in taken:
                if e.start < t and s < e.end:
                    return
            taken.append((e.start, e.end))
            edits.append(e)

        for family in self._families():
            for e in family(p):
                propose(e)
        # context decides on the repaired neighbours ("visant a accroitre" -> "à accroître"),
        # so that repairing the repaired text changes nothing
        middle, _ = _apply(text, list(edits), page)
        for e in context.edits(middle, self.lex):
            start, end = _to_raw(e[0], edits), _to_raw(e[1], edits)
            same = [x for x in edits if (x.start, x.end) == (start, end)]
            if same and same[0].rule == "word":  # "decide" -> "décide" -> "décidé" after "a": context decides
                edits.remove(same[0])
                taken.remove((start, end))
            propose(_Edit(start, end, e[2], e[3], e[4]))
        return _apply(text, edits, page)

    # -- families -----------------------------------------------------------------------

    def _forced(self, p: Page):
        text = p.text
        for wrong, right in self.lex.fixes.items():
            for m in re.finditer(r"(?<![\w])" + re.escape(wrong) + r"(?![\w])", text):
                yield _Edit(m.start(), m.end(), right, "forced", 1.0)

    def _hyphens(self, p: Page):
        text = p.text
        for m in ([] if p.mode.lines else _HYPHEN.finditer(text)):
            left, right, punct = m.group(1), m.group(3), m.group(4)
            joined, hyphened = left + right, f"{left}-{right}"
            if self.lex.knows(hyphened) or left.lower() in COMPOUND_PREFIXES or (
                left[0].isupper() and right[0].isupper()
            ):
                word, score = hyphened, 0.9
            elif self.lex.knows(joined) or (
                not (self.lex.knows(left) and self.lex.knows(right)) and right[0].islower()
            ):
                word, score = joined, 0.9 if self.lex.knows(joined) else 0.6
            else:
                word, score = hyphened, 0.7
            # the parts get the repairs they would get on one line (idempotence)
            if word == joined:
                fixed = self._fix_part(joined, False, p.mode)
            else:
                fixed = f"{self._fix_part(left, True, p.mode)}-{self._fix_part(right, True, p.mode)}"
            word = fixed
            at_line_end = m.end() >= len(text) or text[m.end()] == "\n"
            yield _Edit(m.start(), m.end(), f"{word}{punct}" + ("" if at_line_end else "\n"), "hyphen", score)

    def _fix_part(self, word: str, accents_only: bool, mode: Mode) -> str:
        if self._kept(word):
            return word
        fix = self.correct(word, False, accents_only=accents_only, mode=mode)
        return fix.form if fix else word

    def _elisions(self, p: Page):
        text = p.text
        for m in _DOUBLE_APOS.finditer(text):
            yield _Edit(m.start(), m.end(), m.group(1), "elision", 0.9)
        for m in _ELISION_I.finditer(text):
            letter, apos = m.group(1), m.group(2)
            if letter == "L" and len(apos) == 1 and not m.group().endswith(" "):
                continue  # L' is already right
            capital = bool(_SENTENCE_END.search(text[max(0, m.start() - 4):m.start()])) or letter == "L"
            mark = apos[0] if apos[0] in "'’" else "'"
            yield _Edit(m.start(), m.end(), ("L" if capital else "l") + mark, "elision", 0.9)
        for m in ([] if p.mode.historical else _ELISION_SPACE.finditer(text)):
            yield _Edit(m.start(), m.end(), m.group(1) + m.group(2), "elision", 0.8)
        for m in _MISSING_L.finditer(text):
            yield _Edit(m.end() - 1, m.end(), "l'", "elision", 0.7)

    def _ordinals(self, p: Page):
        text = p.text
        for m in _ORDINAL.finditer(text):
            n = int(m.group(1))
            suffix = "er" if n == 1 else "ème"
            yield _Edit(m.start(2) - (1 if text[m.start(2) - 1] == " " else 0), m.end(2), suffix, "ordinal", 0.8)

    def _bullets(self, p: Page):
        for m in ([] if p.mode.historical else _BULLET.finditer(p.text)):
            yield _Edit(m.start(2), m.end(2), "•", "bullet", 0.8)

    def _long_s(self, p: Page):
        """In long-s print every f/j may be a long s; elsewhere only an unknown lower-case word
        that reads as a common word (a stray ejl is est in any text; font stays font)."""
        long_s = p.mode.long_s
        for m in _TOKEN.finditer(p.text):
            word = m.group()
            if not _LONG_S_SHOWN.search(word.lower()) or not (long_s or word.islower() and not self.lex.knows(word)):
                continue
            if self._protected(p.text, word, m.start(), m.end(), p.trusted, known_ok=long_s):
                continue
            reading = self._long_s_reading(word, evidence=not long_s)
            if reading is not None:
                yield _Edit(m.start(), m.end(), reading, "long-s", 0.8)

    def _long_s_reading(self, word: str, evidence: bool = False) -> str | None:
        """The word with the long s of its print restored (ejl -> est, fuis -> suis), or None.

        Every place where OCR may show a long s (f, j) or its ligature with t (jl, fl, fi…) is
        read both ways; the most common resulting word wins. A word of the dictionary only gives
        way to a much more common twin (font -> sont, not fort -> sort). ``evidence``: only
        unknown words that become common words count as a sign of long-s print, and only those
        are read outside long-s print; a short one (fas, jes) only through the ligature
        (ejl -> est), which no other damage explains.
        """
        low = word.lower()
        if len(low) < 2 or len(low) > 24 or not _LONG_S_SHOWN.search(low):
            return None
        known = self.lex.knows(word)
        if evidence and (known or len(low) < 3):
            return None
        if known and low in self.lex.protected:
            return None
        spots = list(_LONG_S_SHOWN.finditer(low))[:5]
        options = [(spot.group(),) + _LONG_S_READINGS[spot.group()] for spot in spots]
        best, best_z = None, (self.lex.freq(low) + LONG_S_MARGIN) if known else (3.5 if evidence else 2.5)
        for choice in itertools.product(*options):
            out, pos = [], 0
            for spot, reading in zip(spots, choice):
                out.append(low[pos:spot.start()])
                out.append(reading)
                pos = spot.end()
            out.append(low[pos:])
            cand = "".join(out)
            if cand == low:
                continue
            if evidence and len(low) < 5 and all(len(r) < 2 for r in choice):
                continue
            z = self.lex.freq(cand)
            if not z and not evidence and len(cand) > 4 and historical_form(cand, self.lex):
                z = 3.0  # the period's own spelling (estoit, vostre, maistre)
            if z >= best_z and (best is None or z > best_z or len(cand) < len(best)):
                best, best_z = cand, z
        if best is None:
            return None
        if word[0].isupper():
            best = best.upper() if word.isupper() and len(word) > 1 else best[0].upper() + best[1:]
        return best

    def _first_names(self, p: Page):
        text, trusted = p.text, p.trusted
        registry = names.load_first_names()
        if self._members is None:
            self._members = names.members(self.pairs, registry)
        known = self._members
        for s, e, parted in names.unglued(text, registry, self.lex.knows, known):
            yield _Edit(s, e, parted, "name-split", 0.9)
        for m in names.SLOT.finditer(text):
            s, e = m.span("first")
            span = _span_at(trusted, s, e)
            if span is not None and span[2] >= TRUSTED_CONFIDENCE:
                continue
            fix = names.reading(m.group("first"), m.group("surname"), known, registry, self.lex.knows,
                                lambda w: self.names[w] >= 2)
            if fix is not None:
                form, score, rule = fix
                yield _Edit(s, e, form, rule, score)

    def _words(self, p: Page):
        text, trusted = p.text, p.trusted
        for m in _TOKEN.finditer(text):
            word = m.group()
            s, e = m.start(), m.end()
            if self._protected(text, word, s, e, trusted):
                continue
            initial = bool(_LINE_START.search(text[max(0, s - 4):s])) and not _TITLE.search(text[max(0, s - 8):s])
            in_compound = (s > 0 and text[s - 1] == "-") or (e < len(text) and text[e] == "-")
            choices = self._ocr_choices(word, s, trusted)
            fix = self.correct(word, initial, accents_only=in_compound, choices=choices, mode=p.mode)
            if fix is not None:
                yield _Edit(s, e, fix.form, fix.rule, fix.score)

    def _ocr_choices(self, word: str, s: int, trusted) -> dict[str, float]:
        """Words of the dictionary that Tesseract's own second choices of one or two letters
        spell, with the confidence of the least sure letter used: evidence from the image,
        which lowers the cost of those candidates (our OCR only, lstm_choice_mode)."""
        span = _span_at(trusted, s, s + len(word))
        if span is None or not span[3].get("alts") or self.lex.knows(word):
            return {}
        offset = s - span[0]
        if span[3]["text"][offset:offset + len(word)] != word:
            return {}
        by_pos: dict[int, list[tuple[str, float]]] = {}
        for pos, ch, conf in span[3]["alts"]:
            if 0 <= pos - offset < len(word) and ch.isalpha() and conf >= CHOICE_CONFIDENCE:
                by_pos.setdefault(pos - offset, []).append((ch, conf))
        found: dict[str, float] = {}
        positions = sorted(by_pos)[:8]
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

    # -- one word -----------------------------------------------------------------------

    def _protected(self, text: str, word: str, s: int, e: int, trusted, known_ok: bool = False) -> bool:
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        if before.isdigit() or after.isdigit() or before in "@/\\_#&" or after in "@/\\_":
            return True
        if after == "." and len(word) <= 5 and not self.lex.knows(word):
            return True  # an abbreviation (asso., délib., subv.), not a damaged word
        if self._kept(word, known_ok):
            return True
        span = _span_at(trusted, s, e)
        return span is not None and span[2] >= TRUSTED_CONFIDENCE

    def _kept(self, word: str, known_ok: bool = False) -> bool:
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

    def correct(self, word: str, sentence_initial: bool = False, accents_only: bool = False,
                choices: dict[str, float] | None = None, mode: Mode | None = None) -> Fix | None:
        """The repair of one unknown word, or None.

        ``accents_only``: a part of a hyphenated word (bien-étre), which may be a fragment
        of a word split at a line end (four-nissait): only its accents may change.
        ``choices``: candidates Tesseract's second choices spell, with their confidence.
        ``mode``: how the text is read (the collection's, by default).
        """
        mode = mode or self.mode
        if choices:
            result = self._best(word, sentence_initial, mode, accents_only or len(word) <= 3, choices)
            return Fix(result.form, round(1.0 - result.cost, 3), result.rule) if result else None
        key = (word, sentence_initial, accents_only, mode.historical, mode.unfamiliar)
        if key in self._cache:
            return self._cache[key]
        if len(word) <= 2:
            self._cache[key] = None
            return None  # too short to tell damage from a syllable or an abbreviation
        result = self._best(word, sentence_initial, mode, accents_only or len(word) <= 3)
        if word.islower() and len(word) >= 6 and not accents_only and not (mode.historical or mode.unfamiliar):
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

    def _best(self, word: str, initial: bool, mode: Mode, accents_only: bool = False,
              choices: dict | None = None) -> Candidate | None:
        capital = word[0].isupper()
        name_like = capital and not initial
        odd_case = sum(1 for c in word[1:] if c.isupper())
        choices = choices or {}
        scored = []
        for cand in self._candidates(word) | set(choices):
            proper = cand[0].isupper()
            z = self.lex.freq(cand)
            if proper and not capital:
                continue  # a lower-case word does not become a name (lamise is not Tamise)
            if capital and cand[0].upper() != word[0]:
                continue  # capitals keep their accent or its absence (Election, Etat, Evry)
            if name_like or (proper and capital):
                # names: only accents of lower-case letters may change, and only into a
                # well-known name (Grece -> Grèce, not Medellin -> Medellín); or into a very
                # common word (Apreés -> Après at the start of a line)
                if skeleton(cand) != skeleton(word) or z < NAME_ZIPF:
                    if proper or z < COMMON_ZIPF or cost(cand.lower(), word.lower()) > 0.5:
                        continue
            same_letters = skeleton(cand) == skeleton(word)
            seen = choices.get(cand, 0.0)  # Tesseract's own confidence in this reading
            if accents_only and not seen and (not same_letters or z < (5.0 if len(word) <= 3 else 3.0)):
                continue
            if any(ch.isupper() for ch in cand[1:]):
                continue
            if mode.historical and same_letters and word.isalpha():
                continue  # old print wrote fewer accents (ame, tresor): not a repair to make
            if z < MIN_TARGET_ZIPF:
                continue  # an obscure word is a poor guess for damage (moy is not moly)
            form = _case_like(cand, word)
            guess = cost(form.lower(), word.lower()) + ODD_CASE_COST * odd_case
            c = min(guess, CHOICE_COST * (1 - seen / 100)) if seen else guess
            if len(cand) != len(word) and (c > RESIZE_COST or z < RESIZE_ZIPF or _fragment(cand, word)):
                continue  # letters added or lost: only inside the word, and a known cheap damage
            scored.append(Candidate(c - FREQ_WEIGHT * z, c, z, form, "ocr-choice" if c < guess else "word"))
        if not scored:
            return None
        scored.sort()
        best = scored[0]
        limit = HIST_LIMIT if mode.historical or mode.unfamiliar else (
            SHORT_LIMIT if len(word) <= 4 or name_like else WORD_LIMIT)
        if best.cost > limit:
            return None
        for other in scored[1:]:
            if other.form.lower() != best.form.lower() and other.rank - best.rank < TIE:
                return None  # two repairs explain the damage equally well: leave it
        return best

    def _candidates(self, word: str) -> set[str]:
        """Lexicon words within one edit of the word's skeleton (accents ignored), plus the
        words a multi-letter shape confusion explains (rn -> m, ce -> œ)."""
        low = word.lower()
        found = self._candidate_cache.get(low)
        if found is None:
            found = self._candidate_cache[low] = self._generate(low)
        return found

    def _generate(self, low: str) -> set[str]:
        lex = self.lex
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
        return lex.with_skeletons(variants)

    def _split(self, word: str) -> Candidate | None:
        lex = self.lex
        best = None
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if left in FUNCTION_WORDS and len(right) >= 4 and lex.freq(right) >= 4.0 and right in lex:
                z = lex.freq(right)
            elif right in FUNCTION_WORDS and len(right) >= 2 and len(left) >= 4 and lex.freq(left) >= 4.0 and left in lex:
                z = lex.freq(left)
            else:
                continue
            if best is None or z > best[1]:
                best = (f"{left} {right}", z)
        if best is None:
            return None
        return Candidate(SPLIT_COST - FREQ_WEIGHT * best[1], SPLIT_COST, best[1], best[0], "glued")


_HISTORICAL = [  # spellings of earlier centuries -> today's: a word they explain is not damage
    (re.compile(r"oi"), "ai", False),  # avoit, étoient, foible, Anglois
    (re.compile(r"ns$"), "nts", False),  # enfans, amans, parens
    (re.compile(r"ë"), "è", False),  # poëte, poëme
    (re.compile(r"y"), "i", False),  # moy, luy, cy, ennuy
    (re.compile(r"s(?=[bcdfglmnpqrtv])"), "", True),  # estre, mesme, teste: the s became an accent
    (re.compile(r"ez$"), "és", False),  # bontez, citez
    (re.compile(r"u(?=[aeio])"), "v", False),  # auant, auoir
    (re.compile(r"c(?=t)"), "", False),  # faict, sainct
]


def historical_form(word: str, lex: Lexicon) -> bool:
    """True when a change of spelling history, not OCR, explains ``word`` (avoit, enfans)."""
    low = word.lower()
    for pattern, repl, accent in _HISTORICAL:
        if len(low) < 5 and repl == "ai":
            continue  # too short to tell: foit is soit with a long s, not an old fait
        if pattern.search(low):
            modern = pattern.sub(repl, low)
            if lex.knows(modern) or (accent and lex.same_skeleton(skeleton(modern))):
                return True
    return False


def _fragment(cand: str, word: str) -> bool:
    """One is the other with letters added at an end only (ance/lance, gard/garde): the word is
    more likely a fragment of a split or damaged word than a misreading of the candidate."""
    a, b = skeleton(cand), skeleton(word)
    if len(a) == len(b):
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.startswith(short) or long_.endswith(short)


def _case_like(cand: str, word: str) -> str:
    if word[0].isupper() and cand[0].islower():
        return cand[0].upper() + cand[1:]
    if word[0].islower() and cand[0].isupper():
        return cand  # a proper noun stays capitalised
    return cand


def _span_at(trusted, s: int, e: int):
    """The Tesseract word overlapping text[s:e], if any: (start, end, confidence, word)."""
    i = bisect.bisect_right(trusted, (s, float("inf"))) - 1
    for span in trusted[max(0, i):i + 2]:
        if span[0] < e and s < span[1]:
            return span
    return None


def _trusted_spans(text: str, words: list[dict]) -> list[tuple[int, int, float, dict]]:
    """Where each Tesseract word sits in the page text, with its confidence and the word."""
    spans, pos = [], 0
    for w in words:
        t = w.get("text", "")
        if not t:
            continue
        i = text.find(t, pos)
        if i < 0 or i - pos > 200:
            continue
        spans.append((i, i + len(t), float(w.get("conf", -1)), w))
        pos = i + len(t)
    return spans


def _to_raw(pos: int, edits: list[_Edit]) -> int:
    """Map an offset of the text with ``edits`` applied back to the raw text."""
    shift = 0
    for e in sorted(edits, key=lambda e: e.start):
        clean_end = e.start + shift + len(e.after)
        if clean_end > pos:
            break
        shift += len(e.after) - (e.end - e.start)
    return pos - shift


def _apply(text: str, edits: list[_Edit], page: int) -> tuple[str, list[Correction]]:
    edits.sort(key=lambda e: e.start)
    out, corrections, pos, shift = [], [], 0, 0
    for e in edits:
        out.append(text[pos:e.start])
        clean_start = e.start + shift
        out.append(e.after)
        corrections.append(Correction(page, e.start, e.end, clean_start, clean_start + len(e.after),
                                      text[e.start:e.end], e.after, e.rule, e.score))
        shift += len(e.after) - (e.end - e.start)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), corrections


def repair_text(text: str, lines: bool = False, repairer: Repairer | None = None) -> tuple[str, list[Correction]]:
    """Repair a whole text (pages separated by form feeds); corrections carry their page."""
    rep = repairer or Repairer()
    rep.learn(text)
    pages = text.split("\f")
    outs, all_corrections = [], []
    for i, page in enumerate(pages, start=1):
        if lines:
            # every line is its own segment; the output has exactly as many lines
            segs = page.split("\n")
            fixed, offset, clean_offset = [], 0, 0
            for seg in segs:
                clean, corr = rep.repair(seg, page=i, lines=True)
                for c in corr:
                    c.start += offset
                    c.end += offset
                    c.clean_start += clean_offset
                    c.clean_end += clean_offset
                all_corrections.extend(corr)
                fixed.append(clean.replace("\n", " "))
                offset += len(seg) + 1
                clean_offset += len(fixed[-1]) + 1
            outs.append("\n".join(fixed))
        else:
            clean, corr = rep.repair(page, page=i)
            all_corrections.extend(corr)
            outs.append(clean)
    return "\f".join(outs), all_corrections
