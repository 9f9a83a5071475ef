"""The families of OCR damage, each a function that takes a ``Page`` and the ``WordModel`` and
proposes ``Edit``s on the raw text; ``FAMILIES`` lists them in the order they propose (an earlier
family wins where two overlap). Context repairs come after them (``context.py``).

  forced      the user's forced fixes (models/fixes-fr.tsv)
  hyphen      words split at a line end: re-joined, real compounds keep their hyphen
  elision     l' read as I' / I" / ' / I’ + space, doubled apostrophes
  ordinal     4*™ -> 4ème: superscripts read as symbols (the digits are never touched)
  bullet      list bullets read as "e" / "o" at the start of a line
  dialogue    old print only (declared): a dash standing alone joins what it opens (a line of
              dialogue, an entry), as transcriptions of old print set it ("- Votre" -> "-Votre")
  long-s      prints before about 1800: the long s read as f or j (eft, ejl -> est; fuis -> suis),
              only in a text that shows this damage repeatedly (``history.py``)
  numeral     a section heading's Roman numeral OCR read as letters (Il, ll, ul for II, III): the
              numeral the headings' sequence on the page, or the agenda's heading of the same
              title, gives it (``numerals.py``)
  first-name  a word before a surname in capitals (attendance lists): the first name the
              collection reads with that surname, or one of the registry (``names.py``)
  capitals    a word set in capitals (a title, a decision formula) with letters OCR read as signs, lower
              case or a stray accent (UNANIMIÏE, MUN?CIPAL, PROPOSITlON): the one common word whose
              letters fit, in capitals; the word family keeps words in capitals as they are (acronyms, names)
  word        unknown words: the reading the word model finds (``words.py``); ocr-choice when
              Tesseract's second choices of a letter spell it; glued when two words were read as one
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.repair import names
from pipeline.repair import numerals as section_numerals
from pipeline.repair.history import LONG_S_SHOWN, long_s_reading
from pipeline.repair.lexicon import skeleton
from pipeline.repair.mode import TOKEN, Mode
from pipeline.repair.offsets import Edit, Span, span_at
from pipeline.repair.words import TRUSTED_CONFIDENCE, WordModel

# a line-end hyphen: re-joined (the score says how sure), kept in a real compound
SURE_HYPHEN, LIKELY_JOIN, DOUBTFUL_HYPHEN = 0.9, 0.6, 0.7
COMPOUND_PREFIXES = {
    "non", "anti", "auto", "contre", "demi", "ex", "extra", "mi", "multi", "néo", "post", "pré", "pro",
    "quasi", "semi", "sous", "vice", "après", "avant", "arrière", "grand", "grande", "petit", "bien",
    "mal", "co", "inter", "intra", "ultra", "super", "sur", "trans", "mini", "maxi", "ci", "porte",
}
ELISION_SCORE, SPACED_ELISION_SCORE, MISSING_L_SCORE = 0.9, 0.8, 0.7
NAME_SPLIT_SCORE = 0.9  # BARRALMaud -> BARRAL Maud: the second part is a known first name
MARK_SCORE = 0.8  # an ordinal, a bullet, a long s: the symbol or the letter read for it is certain

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
# a dash standing alone, at the start of the text or after a blank, before what it opens
_DIALOGUE = re.compile(r"(?:(?<=\A)|(?<=\s))([-–—])[ \t]+(?=[^\s\-–—])")
# a period that ends a title or an initial, not a sentence: what follows is a name (M. Mella)
_TITLE = re.compile(r"(?<![\w.])(?:M|MM|Mme|Mmes|Mlle|Mlles|Me|Mes|Dr|Pr|St|Ste|[A-Z])\.\s*$")


@dataclass(frozen=True)
class Page:
    """What every family is given: the text, where Tesseract's words sit in it with their
    confidence (``offsets.trusted_spans``), and the mode it is read in."""

    text: str
    spans: list[Span]
    mode: Mode


def forced(p: Page, model: WordModel) -> Iterator[Edit]:
    for wrong, right in model.lex.fixes.items():
        for m in re.finditer(r"(?<![\w])" + re.escape(wrong) + r"(?![\w])", p.text):
            yield Edit(m.start(), m.end(), right, "forced", 1.0)


def hyphens(p: Page, model: WordModel) -> Iterator[Edit]:
    text, lex = p.text, model.lex
    for m in ([] if p.mode.lines else _HYPHEN.finditer(text)):
        left, right, punct = m.group(1), m.group(3), m.group(4)
        joined, hyphened = left + right, f"{left}-{right}"
        if lex.knows(hyphened) or left.lower() in COMPOUND_PREFIXES or (left[0].isupper() and right[0].isupper()):
            word, score = hyphened, SURE_HYPHEN
        elif lex.knows(joined) or (not (lex.knows(left) and lex.knows(right)) and right[0].islower()):
            word, score = joined, SURE_HYPHEN if lex.knows(joined) else LIKELY_JOIN
        else:
            word, score = hyphened, DOUBTFUL_HYPHEN
        # the parts get the repairs they would get on one line (idempotence)
        if word == joined:
            word = _part(joined, model, p.mode, accents_only=False)
        else:
            word = f"{_part(left, model, p.mode, accents_only=True)}-{_part(right, model, p.mode, accents_only=True)}"
        at_line_end = m.end() >= len(text) or text[m.end()] == "\n"
        yield Edit(m.start(), m.end(), f"{word}{punct}" + ("" if at_line_end else "\n"), "hyphen", score)


def _part(word: str, model: WordModel, mode: Mode, *, accents_only: bool) -> str:
    if model.kept(word):
        return word
    fix = model.correct(word, mode, accents_only=accents_only)
    return fix.form if fix else word


def elisions(p: Page, model: WordModel) -> Iterator[Edit]:
    text = p.text
    for m in _DOUBLE_APOS.finditer(text):
        yield Edit(m.start(), m.end(), m.group(1), "elision", ELISION_SCORE)
    for m in _ELISION_I.finditer(text):
        letter, apos = m.group(1), m.group(2)
        if letter == "L" and len(apos) == 1 and not m.group().endswith(" "):
            continue  # L' is already right
        capital = bool(_SENTENCE_END.search(text[max(0, m.start() - 4):m.start()])) or letter == "L"
        mark = apos[0] if apos[0] in "'’" else "'"
        yield Edit(m.start(), m.end(), ("L" if capital else "l") + mark, "elision", ELISION_SCORE)
    for m in ([] if p.mode.historical or p.mode.old_print else _ELISION_SPACE.finditer(text)):
        yield Edit(m.start(), m.end(), m.group(1) + m.group(2), "elision", SPACED_ELISION_SCORE)
    for m in _MISSING_L.finditer(text):
        yield Edit(m.end() - 1, m.end(), "l'", "elision", MISSING_L_SCORE)


def ordinals(p: Page, model: WordModel) -> Iterator[Edit]:
    text = p.text
    for m in _ORDINAL.finditer(text):
        suffix = "er" if int(m.group(1)) == 1 else "ème"
        yield Edit(m.start(2) - (1 if text[m.start(2) - 1] == " " else 0), m.end(2), suffix, "ordinal", MARK_SCORE)


def bullets(p: Page, model: WordModel) -> Iterator[Edit]:
    for m in ([] if p.mode.historical or p.mode.old_print else _BULLET.finditer(p.text)):
        yield Edit(m.start(2), m.end(2), "•", "bullet", MARK_SCORE)


def dialogue(p: Page, model: WordModel) -> Iterator[Edit]:
    for m in (_DIALOGUE.finditer(p.text) if p.mode.old_print else ()):
        yield Edit(m.start(), m.end(), m.group(1), "dialogue", MARK_SCORE)


def long_s(p: Page, model: WordModel) -> Iterator[Edit]:
    """In long-s print every f/j may be a long s; elsewhere only an unknown lower-case word
    that reads as a common word (a stray ejl is est in any text; font stays font)."""
    in_print = p.mode.long_s
    for m in TOKEN.finditer(p.text):
        word = m.group()
        if not LONG_S_SHOWN.search(word.lower()) or not (in_print or word.islower() and not model.lex.knows(word)):
            continue
        if model.protected(p.text, word, m.start(), m.end(), p.spans, known_ok=in_print):
            continue
        reading = long_s_reading(word, model.lex, evidence=not in_print, seen=model.seen)
        if reading is not None:
            yield Edit(m.start(), m.end(), reading, "long-s", MARK_SCORE)


def _hyphen_split_word(text: str, s: int, e: int, knows) -> bool:
    """The word at ``text[s:e]`` is one part of a word the print split with a hyphen at a line
    end, and the line joined again (ve-nait, géné-raux): the whole word, read without its
    hyphen, is a word of the dictionary, and the part is right as it is."""
    start, end = s, e
    if s > 1 and text[s - 1] == "-":
        start = s - 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    if e + 1 < len(text) and text[e] == "-":
        end = e + 1
        while end < len(text) and text[end].isalpha():
            end += 1
    whole = text[start:end].replace("-", "", 1) if text[start:end].count("-") == 1 else ""
    return len(whole) > e - s and knows(whole)


def numerals(p: Page, model: WordModel) -> Iterator[Edit]:
    yield from section_numerals.numerals(p.text, model.lex.knows)


def first_names(p: Page, model: WordModel) -> Iterator[Edit]:
    registry = names.load_first_names()
    known = model.members(registry)
    for s, e, parted in names.unglued(p.text, registry, model.lex.knows, known):
        yield Edit(s, e, parted, "name-split", NAME_SPLIT_SCORE)
    strong = {surname for surname, firsts in known.items() if names.known_well(firsts)}
    lower = [m for m in names.LOWER_SLOT.finditer(p.text) if m.group("surname") in strong] if strong else []
    for m in [*names.SLOT.finditer(p.text), *lower]:
        s, e = m.span("first")
        span = span_at(p.spans, s, e)
        if span is not None and span.confidence >= TRUSTED_CONFIDENCE:
            continue
        surname = m.group("surname")
        near = names.near_member(surname, known)  # its surname misread one letter off: ROUALLAGA
        fix = names.reading(m.group("first"), near or surname, known, registry, model.lex.knows,
                            lambda w: model.names[w] >= 2)
        if fix is not None:
            form, score, rule = fix
            yield Edit(s, e, form, rule, score)
        if near is not None and (fix[0] if fix else m.group("first")) in known[near]:
            yield Edit(*m.span("surname"), near, "name-collection", names.STRONG_SCORE)  # the member, first name and surname


# a run of capitals and what OCR reads in their place (signs, lower case), five characters at least
_CAPITALS_RUN = re.compile(r"(?<![\w?|!\[\]])[A-ZÀ-ÖØ-Þa-zß-öø-ÿ?|!\[\]]{5,}(?![\w?|!\[\]])")
DAMAGED_AT_MOST = 2  # letters read as something else in one word in capitals (and at most a quarter of them)
CAPITALS_ZIPF = 3.0  # the word read must be this common: a guess at damage, never a rare word
CAPITALS_MARGIN = 1.0  # ... and this much more common than any other word the letters fit
CAPITALS_SCORE = 0.8


def capitals(p: Page, model: WordModel) -> Iterator[Edit]:
    """A word in capitals that OCR damaged: a sign (?, |, !, [), a lower-case letter among
    capitals, or a Ï where French writes none (UNANIMIÏE). Each damaged place may
    be any letter; the word is read when exactly one common word fits (far more common than any
    other), and written in capitals, its undamaged letters as printed. A word in capitals that
    is whole (an acronym, a name) has no damaged place and is never touched."""
    lex = model.lex
    for m in _CAPITALS_RUN.finditer(p.text):
        word = m.group()
        capital = sum(c.isupper() for c in word)
        if capital < 4 or capital < len(word) - DAMAGED_AT_MOST or lex.knows(word):
            continue
        damaged = [i for i, c in enumerate(word) if _damaged(word, i)]
        if not damaged or len(damaged) > DAMAGED_AT_MOST or 4 * len(damaged) > len(word):
            continue
        form = _capitals_reading(word, damaged, lex)
        if form is not None and form != word:
            yield Edit(m.start(), m.end(), form, "capitals", CAPITALS_SCORE)


def _damaged(word: str, i: int) -> bool:
    """Whether ``word[i]``, in a word in capitals, is no letter printed there: a sign, a lower-case
    letter, or a Ï that follows no vowel (French writes a diaeresis on an i only after a, e, o, u:
    AÏEUL, MAÏS; OCR reads a T so: ACCEPÏE). Accented capitals are letters (LAINÉ, HERVÉ). A
    damaged letter stands between capitals — or opens the word as a look-alike of I (lNSERTION):
    a sign or lower case at its end is punctuation or another word (ATTENTION!, CONSEILde)."""
    c = word[i]
    if c == "Ï":
        return 0 < i < len(word) - 1 and word[i - 1] not in "AEOUÄËÖÜ"
    if c.isupper():
        return False
    if i == 0:
        return c in "l|" and len(word) > 1 and word[1].isupper()
    return i < len(word) - 1 and word[i - 1].isupper() and word[i + 1].isupper()


def _capitals_reading(word: str, damaged: list[int], lex) -> str | None:
    """``word`` with its damaged places read as the one common word that fits, or None."""
    base = skeleton(word)
    if len(base) != len(word):
        return None  # a ligature (Œ): its letters do not line up
    keys = {base}
    for i in damaged:
        keys = {k[:i] + c + k[i + 1:] for k in keys for c in "abcdefghijklmnopqrstuvwxyz"}
    best: dict[str, float] = {}
    for cand in lex.with_skeletons(keys):
        if cand[:1].isupper() or len(skeleton(cand)) != len(word):
            continue  # a name, or a word whose letters do not line up
        key = skeleton(cand)
        best[key] = max(best.get(key, 0.0), lex.freq(cand))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < CAPITALS_ZIPF or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CAPITALS_MARGIN):
        return None
    letters = ranked[0][0].upper()
    return "".join(letters[i] if i in damaged else c for i, c in enumerate(word))


def words(p: Page, model: WordModel) -> Iterator[Edit]:
    text = p.text
    for m in TOKEN.finditer(text):
        word = m.group()
        s, e = m.start(), m.end()
        if model.protected(text, word, s, e, p.spans):
            continue
        initial = bool(_LINE_START.search(text[max(0, s - 4):s])) and not _TITLE.search(text[max(0, s - 8):s])
        in_compound = (s > 0 and text[s - 1] == "-") or (e < len(text) and text[e] == "-")
        if in_compound and _hyphen_split_word(text, s, e, model.lex.knows):
            continue
        fix = model.correct(word, p.mode, initial=initial, accents_only=in_compound,
                            choices=model.ocr_choices(word, s, p.spans))
        if fix is not None:
            yield Edit(s, e, fix.form, fix.rule, fix.score)


FAMILIES = (forced, hyphens, elisions, ordinals, bullets, dialogue, long_s, numerals, first_names, capitals, words)
