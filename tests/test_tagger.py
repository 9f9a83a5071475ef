"""spaCy's French model loads with its tokenizer's long pattern compiled in a compact form that
matches exactly the same strings (pipeline/extraction/tagger.py)."""

from __future__ import annotations

import gzip
import importlib
import re
from pathlib import Path

import pytest

from pipeline.extraction import tagger
from pipeline.repair.lexicon import MODELS

JOINED = re.compile(r"[-'’–—‐‑]")  # what the pattern is about: hyphens and elisions


def _original() -> re.Pattern:
    """The pattern as the model stores it (spaCy's module holds the compact one once the model is
    loaded here), compiled as it is."""
    import srsly

    (stored,) = Path(importlib.import_module(tagger.MODEL).__file__).parent.glob(f"{tagger.MODEL}-*/tokenizer")
    return re.compile(srsly.msgpack_loads(stored.read_bytes())["token_match"])


@pytest.mark.slow
def test_the_compact_pattern_matches_what_the_french_tokenizer_pattern_matches():
    original = _original()
    compact = re.compile(tagger.compact(original.pattern))
    words = set()
    for model in ("lexicon-fr.tsv.gz", "gazetteer-cities.tsv.gz"):  # French words and the world's places
        with gzip.open(MODELS / model, "rt", encoding="utf-8") as f:
            words |= {w for w in (line.split("\t", 1)[0] for line in f) if JOINED.search(w)}
    words |= {w + "\n" for w in sorted(words)[::20]}  # "$" also matches before a final line break
    kept = 0
    for w in words:
        a, b = original.match(w), compact.match(w)
        assert (a and a.span()) == (b and b.span()), w
        kept += a is not None
    assert len(words) > 50_000 and kept > 15_000  # both kinds met: words kept whole and words split


def test_the_model_loads_with_the_compact_pattern_and_keeps_french_words_whole():
    nlp = tagger.nlp()
    loaded = nlp.tokenizer.token_match.__self__.pattern
    original = _original().pattern
    assert loaded == tagger.compact(original) and len(loaded) * 10 < len(original)
    doc = nlp("Réunis à Saint-Jean-de-Védas, sous l'abat-jour, pendant l'entr'acte, le conseil a voté.")
    tokens = [t.text for t in doc]
    assert {"Saint-Jean-de-Védas", "abat-jour", "entr'acte", "l'", "voté"} <= set(tokens)
    assert "Saint-Jean-de-Védas" in {e.text for e in doc.ents}


def test_a_pattern_of_another_shape_is_compiled_as_it_is():
    assert tagger.compact(r"(?i)(?:^ab[-]cd$)|(?:^e|f$)") is None  # a branch inside an alternative
    assert tagger.compact(r"(?:^(ab)[-]\1$)") is None  # a capturing group: its number would move
    assert tagger.compact(r"^abc$") is None  # no alternation of groups
    assert tagger.compact(r"(?i)(?:^a[-]x$)|(?:^b[-]x$)") == r"(?i)(?:^a[-]x$)|(?:^b[-]x$)"  # no long class: unchanged
