"""Repair of French OCR text, with an audit of every change.

Each family of damage proposes edits on the raw text; edits never overlap (an earlier family
wins), are applied in one pass, and each becomes a ``Correction`` with its offsets in the raw
and in the repaired text, the rule that made it and a score. The families, in order:

  forced      the user's forced fixes (models/fixes-fr.tsv)
  hyphen      words split at a line end: re-joined, real compounds keep their hyphen
  elision     l' read as I' / I" / ' / I’ + space, doubled apostrophes
  ordinal     4*™ -> 4ème: superscripts read as symbols (the digits are never touched)
  bullet      list bullets read as "e" / "o" at the start of a line
  word        unknown words: candidates from the lexicon ranked by OCR-aware edit cost and
              frequency; changed only when the best explains the damage cheaply and clearly
  glued       two words read as one (lacréation -> la création)
  context     a -> à, ou -> où, la -> là where the neighbouring words decide

What is never changed: tokens with digits or next to digits, acronyms, protected words,
words of the lexicon, capitalised names (only their accents may be repaired), and words
Tesseract read with high confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from pipeline.clean import context
from pipeline.clean.confusion import SHAPES, cost
from pipeline.clean.lexicon import Lexicon, load, skeleton

SPLIT_COST = 0.3  # cost of a missing space, against the edit costs of pipeline/clean/confusion.py
NAME_ZIPF = 3.5  # a name is only re-accented into a name this common (Zipf scale)
TRUSTED_CONFIDENCE = 95.0  # Tesseract word confidence above which a word is left alone
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

_TOKEN = re.compile(r"[^\W\d_]+(?:[\]\[|][^\W\d_]+)*")
_HYPHEN = re.compile(r"([^\W\d_]+)-\n([ \t]*)([^\W\d_]+)([,.;:!?)»]*)([ \t]?)")
_ORDINAL = re.compile(r"(?<![\w])(\d{1,3}) ?([*°'\"^]{0,2}[™®][*°'\"^]?|\*{1,2}(?=\s))")
_BULLET = re.compile(r"(?m)^([ \t]*)([eo¢©»])[ \t]+(?=[^\W\d_])")
_ELISION_I = re.compile(r"(?<![\w'’])([IL1|])([\"'’]{1,2}) ?(?=[^\W\d_])")
_ELISION_SPACE = re.compile(r"(?<![\w])([lLdDjJmMnNsStTcC]|qu|Qu|jusqu|lorsqu|puisqu)([’']) (?=[^\W\d_])")
_DOUBLE_APOS = re.compile(r"(?<=[^\W\d_])([’'])['’]+(?=[^\W\d_])")
_MISSING_L = re.compile(r"(?<![\w'’])(de|à|a|pour|par|sur|dans|vers|avec|sans|sous|entre|que|et|ou|dont) '(?=[^\W\d_])")
_SENTENCE_END = re.compile(r"(^|[.!?:]\s*|\n\s*\n\s*)$")
_LINE_START = re.compile(r"(^|[.!?:]\s*|\n[ \t•*-]*)$")


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

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Edit:
    start: int
    end: int
    after: str
    rule: str
    score: float


class Repairer:
    """Repairs page texts. Holds the lexicon and what the collection has taught it."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or load()
        self.names: Counter = Counter()  # capitalised forms seen in this collection
        self._cache: dict[str, tuple[str, float] | None] = {}

    # -- public -------------------------------------------------------------------------

    def learn(self, text: str) -> None:
        """Remember capitalised words of the collection: a name spelled the same way several
        times is the collection's spelling, and wins over any dictionary guess."""
        for m in _TOKEN.finditer(text):
            w = m.group()
            if w[0].isupper() and not w.isupper() and not self.lex.knows(w):
                self.names[w] += 1

    def repair(self, text: str, page: int = 1, words: list[dict] | None = None,
               lines: bool = False) -> tuple[str, list[Correction]]:
        trusted = _trusted_spans(text, words) if words else []
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

        for e in self._forced(text):
            propose(e)
        if not lines:
            for e in self._hyphens(text):
                propose(e)
        for e in self._elisions(text):
            propose(e)
        for e in self._ordinals(text):
            propose(e)
        for e in self._bullets(text):
            propose(e)
        for e in self._words(text, trusted):
            propose(e)
        # context decides on the repaired neighbours ("visant a accroitre" -> "à accroître"),
        # so that repairing the repaired text changes nothing
        middle, _ = _apply(text, list(edits), page)
        for e in context.edits(middle, self.lex):
            start, end = _to_raw(e[0], edits), _to_raw(e[1], edits)
            propose(_Edit(start, end, e[2], e[3], e[4]))
        return _apply(text, edits, page)

    # -- families -----------------------------------------------------------------------

    def _forced(self, text: str):
        for wrong, right in self.lex.fixes.items():
            for m in re.finditer(r"(?<![\w])" + re.escape(wrong) + r"(?![\w])", text):
                yield _Edit(m.start(), m.end(), right, "forced", 1.0)

    def _hyphens(self, text: str):
        for m in _HYPHEN.finditer(text):
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
            yield _Edit(m.start(), m.end(), f"{word}{punct}\n", "hyphen", score)

    def _elisions(self, text: str):
        for m in _DOUBLE_APOS.finditer(text):
            yield _Edit(m.start(), m.end(), m.group(1), "elision", 0.9)
        for m in _ELISION_I.finditer(text):
            letter, apos = m.group(1), m.group(2)
            if letter == "L" and len(apos) == 1 and not m.group().endswith(" "):
                continue  # L' is already right
            capital = bool(_SENTENCE_END.search(text[max(0, m.start() - 4):m.start()])) or letter == "L"
            mark = apos[0] if apos[0] in "'’" else "'"
            yield _Edit(m.start(), m.end(), ("L" if capital else "l") + mark, "elision", 0.9)
        for m in _ELISION_SPACE.finditer(text):
            yield _Edit(m.start(), m.end(), m.group(1) + m.group(2), "elision", 0.8)
        for m in _MISSING_L.finditer(text):
            yield _Edit(m.end() - 1, m.end(), "l'", "elision", 0.7)

    def _ordinals(self, text: str):
        for m in _ORDINAL.finditer(text):
            n = int(m.group(1))
            suffix = "er" if n == 1 else "ème"
            yield _Edit(m.start(2) - (1 if text[m.start(2) - 1] == " " else 0), m.end(2), suffix, "ordinal", 0.8)

    def _bullets(self, text: str):
        for m in _BULLET.finditer(text):
            yield _Edit(m.start(2), m.end(2), "•", "bullet", 0.8)

    def _words(self, text: str, trusted: list[tuple[int, int, float]]):
        for m in _TOKEN.finditer(text):
            word = m.group()
            s, e = m.start(), m.end()
            if self._protected(text, word, s, e, trusted):
                continue
            initial = bool(_LINE_START.search(text[max(0, s - 4):s]))
            fix = self.correct(word, initial)
            if fix is not None:
                yield _Edit(s, e, fix[0], fix[2], fix[1])

    # -- one word -----------------------------------------------------------------------

    def _protected(self, text: str, word: str, s: int, e: int, trusted) -> bool:
        if len(word) < 2 or word in self.lex.protected:
            return True
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        if before.isdigit() or after.isdigit() or before in "@/\\_#&" or after in "@/\\_":
            return True
        if before in "'’" and s >= 2 and text[s - 2].isalpha() and len(word) > 1:
            pass  # after an elision: l'acces is checked as "acces"
        letters = [c for c in word if c.isalpha()]
        if sum(c.isupper() for c in letters) >= 2 and sum(c.islower() for c in letters) <= 1:
            return True  # acronyms and words in capitals
        if self.lex.knows(word):
            return True
        if word[0].isupper() and self.names[word] >= 2:
            return True  # the collection's own spelling of a name
        for ts, te, conf in trusted:
            if ts <= s < te or s <= ts < e:
                return conf >= TRUSTED_CONFIDENCE
        return False

    def correct(self, word: str, sentence_initial: bool = False) -> tuple[str, float, str] | None:
        """The repair of one unknown word, or None: (new form, score, rule)."""
        key = (word, sentence_initial)
        if key in self._cache:
            return self._cache[key]
        result = self._best(word, sentence_initial)
        if word.islower() and len(word) >= 5:
            # two common words read as one (lamise: la mise) against a one-word repair
            split = self._split(word)
            if split is not None and (result is None or split[3] < result[3]):
                result = split
        result = result[:3] if result else None
        self._cache[key] = result
        return result

    def _best(self, word: str, initial: bool):
        capital = word[0].isupper()
        name_like = capital and not initial
        odd_case = sum(1 for c in word[1:] if c.isupper())
        scored = []
        for cand in self._candidates(word):
            proper = cand[0].isupper()
            z = self.lex.freq(cand)
            if proper and not capital:
                continue  # a lower-case word does not become a name (lamise is not Tamise)
            if name_like or (proper and capital):
                # names: only accents of lower-case letters may change, never the capital,
                # and only into a well-known name (Grece -> Grèce, not Medellin -> Medellín)
                if cand[0] != word[0] or skeleton(cand) != skeleton(word) or z < NAME_ZIPF:
                    continue
            form = _case_like(cand, word)
            c = cost(form.lower(), word.lower()) + 0.1 * odd_case
            scored.append((c - 0.05 * z, c, z, form))
        if not scored:
            return None
        scored.sort()
        best = scored[0]
        limit = 0.55 if len(word) <= 4 or name_like else 0.8
        if best[1] > limit:
            return None
        for other in scored[1:]:
            if other[3].lower() != best[3].lower() and other[0] - best[0] < 0.05:
                return None  # two repairs explain the damage equally well: leave it
        return best[3], round(1.0 - best[1], 3), "word", best[0]

    def _candidates(self, word: str) -> set[str]:
        lex = self.lex
        low = word.lower()
        sk = skeleton(low)
        out = set(lex.same_skeleton(sk))
        n = len(sk)
        variants = set()
        for i in range(n):
            variants.add(sk[:i] + sk[i + 1:])
            for c in LETTERS:
                variants.add(sk[:i] + c + sk[i + 1:])
        for i in range(n + 1):
            for c in LETTERS:
                variants.add(sk[:i] + c + sk[i:])
        for (gold, ocr) in SHAPES:
            if len(ocr) > 1 and ocr in low:
                start = low.find(ocr)
                while start != -1:
                    variants.add(skeleton(low[:start] + gold + low[start + len(ocr):]))
                    start = low.find(ocr, start + 1)
        for v in variants:
            out.update(lex.same_skeleton(v))
        return out

    def _split(self, word: str):
        lex = self.lex
        best = None
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if left in FUNCTION_WORDS and len(right) >= 3 and lex.freq(right) >= 3.0 and right in lex:
                z = lex.freq(right)
            elif right in FUNCTION_WORDS and len(left) >= 4 and lex.freq(left) >= 3.5 and left in lex:
                z = lex.freq(left)
            else:
                continue
            if best is None or z > best[1]:
                best = (f"{left} {right}", z)
        if best is None:
            return None
        return best[0], round(min(1.0, best[1] / 7), 3), "glued", SPLIT_COST - 0.05 * best[1]


def _case_like(cand: str, word: str) -> str:
    if word[0].isupper() and cand[0].islower():
        return cand[0].upper() + cand[1:]
    if word[0].islower() and cand[0].isupper():
        return cand  # a proper noun stays capitalised
    return cand


def _trusted_spans(text: str, words: list[dict]) -> list[tuple[int, int, float]]:
    """Where each Tesseract word sits in the page text, with its confidence."""
    spans, pos = [], 0
    for w in words:
        t = w.get("text", "")
        if not t:
            continue
        i = text.find(t, pos)
        if i < 0 or i - pos > 200:
            continue
        spans.append((i, i + len(t), float(w.get("conf", -1))))
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
