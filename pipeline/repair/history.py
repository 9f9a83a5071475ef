"""Spellings of earlier centuries, which are not damage, and the long s of old print, which is.

  avoit, enfans, poëte, moy, estre, bontez, auoir, faict   the period's own spellings: kept
  eft, ejl, fuis, font                                       the long s (ſ) read as f or j, or its
                                                            ligature ſt as jl, fl, fi, ji: est, suis, sont
"""

from __future__ import annotations

import itertools
import re

from pipeline.repair.lexicon import Lexicon, skeleton

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
OLD_IMPERFECT_MIN = 5  # letters a word needs before oi -> ai explains it: foit is soit with a long s, not an old fait
OLD_ENDING = re.compile(r"oi(?:t|s|ent)$")  # avoit, avois, avoient: the imperfect spelled before 1835

LONG_S_EVIDENCE = 2  # unknown words a long-s reading explains, in one text, before it is believed
LONG_S_DENSITY = 0.01  # ... and at least this share of its words (a whole collection: the share alone)
LONG_S_MARGIN = 0.7  # a real word (font) is read as its long-s twin (sont) this much more common
LONG_S_SPOTS = 5  # places of a word read both ways, at most
LONG_S_ZIPF = 2.5  # an unknown word becomes its long-s reading when that is at least this common ...
LONG_S_EVIDENCE_ZIPF = 3.5  # ... and counts as evidence of long-s print when at least this common
PERIOD_ZIPF = 3.0  # a reading that is the period's own spelling (estoit, vostre) counts as this common ...
PERIOD_SEEN = 3  # ... as does a reading the collection itself writes this often
# what OCR shows for the long s (ſ) and its ligatures, and what the print may have had
_LONG_S_READINGS = {
    "f": ("s",), "j": ("s",), "ff": ("ss", "sf"), "jj": ("ss",), "fj": ("ss",), "jf": ("ss",),
    "fi": ("si", "st"), "ji": ("si", "st"), "jl": ("st",), "fl": ("st",), "jî": ("st",), "fî": ("st",),
    "ft": ("st",),
}
LONG_S_SHOWN = re.compile("|".join(sorted(_LONG_S_READINGS, key=len, reverse=True)))


def historical_form(word: str, lex: Lexicon) -> bool:
    """True when a change of spelling history, not OCR, explains ``word`` (avoit, enfans)."""
    low = word.lower()
    for pattern, repl, accent in _HISTORICAL:
        if len(low) < OLD_IMPERFECT_MIN and repl == "ai":
            continue
        if accent and low != skeleton(low):
            continue  # the s stood where today's accent stands: a word with accents is no such spelling (ést)
        if pattern.search(low):
            modern = pattern.sub(repl, low)
            if lex.knows(modern) or (accent and lex.same_skeleton(skeleton(modern))):
                return True
    return False


def _readings(low: str):
    """Every other reading of ``low`` with the long s where OCR may show one: (reading, the
    letters read at each place)."""
    spots = list(LONG_S_SHOWN.finditer(low))[:LONG_S_SPOTS]
    options = [(spot.group(),) + _LONG_S_READINGS[spot.group()] for spot in spots]
    for choice in itertools.product(*options):
        out, pos = [], 0
        for spot, reading in zip(spots, choice):
            out.append(low[pos:spot.start()])
            out.append(reading)
            pos = spot.end()
        out.append(low[pos:])
        cand = "".join(out)
        if cand != low:
            yield cand, choice


def long_s_twins(word: str, other: str) -> bool:
    """``other`` is ``word`` with a long s read back (foit, soit)."""
    low = word.lower()
    return bool(LONG_S_SHOWN.search(low)) and any(c == other.lower() for c, _ in _readings(low))


def long_s_reading(word: str, lex: Lexicon, evidence: bool = False, seen=None) -> str | None:
    """The word with the long s of its print restored (ejl -> est, fuis -> suis), or None.

    Every place where OCR may show a long s (f, j) or its ligature with t (jl, fl, fi…) is
    read both ways; the most common resulting word wins. A word of the dictionary only gives
    way to a much more common twin (font -> sont, not fort -> sort). ``evidence``: only
    unknown words that become common words count as a sign of long-s print, and only those
    are read outside long-s print; a short one (fas, jes) only through the ligature
    (ejl -> est), which no other damage explains. ``seen``: how often the collection writes a
    word (lower case); a reading it writes often is the period's own word (estoit, vostre).
    """
    low = word.lower()
    if len(low) < 2 or len(low) > 24 or not LONG_S_SHOWN.search(low):
        return None
    known = lex.knows(word)
    if evidence and (known or len(low) < 3):
        return None
    if known and low in lex.protected:
        return None
    best, best_z = None, (lex.freq(low) + LONG_S_MARGIN) if known else (LONG_S_EVIDENCE_ZIPF if evidence else LONG_S_ZIPF)
    for cand, choice in _readings(low):
        if evidence and len(low) < 5 and all(len(r) < 2 for r in choice):
            continue
        z = lex.freq(cand)
        if not z and not evidence and (len(cand) > 4 and historical_form(cand, lex)
                                       or seen is not None and seen[cand] >= PERIOD_SEEN):
            z = PERIOD_ZIPF  # the period's own spelling (estoit, vostre, maistre)
        if z >= best_z and (best is None or z > best_z or len(cand) < len(best)):
            best, best_z = cand, z
    if best is None:
        return None
    if word[0].isupper():
        best = best.upper() if word.isupper() and len(word) > 1 else best[0].upper() + best[1:]
    return best
