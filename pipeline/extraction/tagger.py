"""spaCy's French model, loaded for its named entities only, and loaded quickly.

Most of what ``spacy.load("fr_core_news_sm")`` costs is compiling one regular expression: the
French tokenizer's ``token_match``, which keeps hyphenated and elided words whole (``abat-jour``,
``entr'acte``, ``Saint-Jean-de-Védas``). It is 1.45 MB of pattern: 266 alternatives, each
anchored at both ends, that spell out the same two classes of letters (3,000 characters each)
482 times; compiling it takes 2.3 s of a 2.5 s load (explosion/spaCy#2679), in every process that
tags a line.

While the model loads, that pattern is compiled in an equivalent form: the alternatives that
end alike share their end, ``^abat-[…][…]*$|^aéro-[…][…]*$`` becoming ``(?:^abat-|^aéro-)[…][…]*$``
(concatenation distributes over alternation), which names each class of letters 28 times instead
of 482. It matches exactly the same strings — ``tests/test_tagger.py`` compares the two on every
hyphenated or elided word of the lexicon and of the gazetteer — and compiles about twelve times
faster (0.46 s against 5.7 s on the slow machine of 2026-12-06).
Any other pattern, or one this rewriting does not recognise, is compiled as it is.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import lru_cache

MODEL = "fr_core_news_sm"
UNUSED = ["lemmatizer", "morphologizer", "parser", "attribute_ruler", "senter"]  # only the named entities are used
LONG_PATTERN = 100_000  # characters: only the tokenizer's token_match is this long
LONG_CLASS = 200  # a class of letters spelled out, "[a-z\uFF41-\uFF5A\u00DF-…]"

_LOADING = threading.Lock()
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")


@lru_cache(maxsize=1)
def _load():
    import spacy

    with _compact_long_patterns():  # the unused components are not even loaded (a disabled one is)
        return spacy.load(MODEL, exclude=UNUSED)


def nlp():
    """The model, loaded once per process even when a warm-up thread asks at the same time."""
    with _LOADING:
        return _load()


def compact(pattern: str) -> str | None:
    """``pattern``, an alternation ``(?flags)(?:^…$)|(?:^…$)|…``, with the alternatives that end
    alike (from their first long class of letters on) sharing that end; None when ``pattern`` is
    not of that shape and must be compiled as it is."""
    flags = re.match(r"\(\?[a-zA-Z]+\)", pattern)
    body = pattern[flags.end():] if flags else pattern
    if not (body.startswith("(?:") and body.endswith(")")):
        return None
    alternatives = body[3:-1].split(")|(?:")
    ends: dict[tuple[str, int], list[str]] = {}  # (the end, or one alternative with no long class alone)
    for i, alt in enumerate(alternatives):
        if not _one_branch(alt):
            return None
        long = next((m for m in _CLASS.finditer(alt) if len(m.group()) > LONG_CLASS), None)
        key = (alt[long.start():], -1) if long else ("", i)
        ends.setdefault(key, []).append(alt[:long.start()] if long else alt)
    groups = [f"(?:{'|'.join(heads)}){end}" if len(heads) > 1 else heads[0] + end for (end, _), heads in ends.items()]
    return (flags.group() if flags else "") + "|".join(f"(?:{g})" for g in groups)


def _one_branch(alt: str) -> bool:
    """No ``|`` outside brackets and groups, balanced groups, no capturing group (a
    back-reference's number would change): what makes splitting and regrouping safe."""
    depth, i = 0, 0
    while i < len(alt):
        c = alt[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            m = _CLASS.match(alt, i)
            if not m:
                return False
            i = m.end()
            continue
        if c == "(":
            if not alt.startswith("(?", i) or alt.startswith("(?P", i):
                return False
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return False
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0


@contextmanager
def _compact_long_patterns():
    """While the model loads, ``re.compile`` of a pattern this long compiles its compact form."""
    original = re.compile

    def compile(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > LONG_PATTERN:
            shorter = compact(pattern)
            if shorter is not None:
                return original(shorter, flags)
        return original(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original
