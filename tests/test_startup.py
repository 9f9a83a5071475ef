"""What makes a run start quickly without changing what it finds: spaCy's model loaded only for
a text where it could add a city (places.could_tag), and the models' derived data kept between
runs in the user's cache (derived.py). Their time is measured in benchmarks/startup.py."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pipeline import derived
from pipeline.extraction import places
from tests.conftest import SHARED

# --- the tagger only where it could add a city ------------------------------------------------


def _texts() -> list[tuple[str, str]]:
    from benchmarks.evaluation import Gold, gold_text

    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((SHARED / "not-deliberations").iterdir())]
    out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((SHARED / "mantes-la-jolie").iterdir())]
    for path in ("larbresle/CR_CM_2013-07-09.pdf", "aizac/DE_2020_02.pdf", "pierrefonds/20250403-PV.pdf",
                 "couthenans/CR_conseil_municipal_07_10_2022.pdf"):
        out.append((path, gold_text(Gold("x", "dev", path, "text_layer", None, {}), SHARED)))
    return out


@pytest.mark.slow
def test_the_tagger_is_left_out_only_where_it_would_add_nothing(monkeypatch):
    """On real documents (minutes of four communes, texts that are not minutes, the founding
    example), the cities found are the same whether or not the tagger is asked on every text;
    and some texts do without it."""
    without = 0
    for name, text in _texts():
        monkeypatch.setattr(places, "could_tag", lambda text: True)
        always = [(c.name, c.char_start, c.source) for c in places.find_cities(text)]
        monkeypatch.undo()
        gated = [(c.name, c.char_start, c.source) for c in places.find_cities(text)]
        assert gated == always, name
        without += not places.could_tag(text)
    assert without >= 1


@pytest.mark.parametrize("text, could", [
    ("Le conseil municipal de Flaux approuve le budget.", False),   # a small commune: the tagger alone never takes it
    ("Monsieur DUPONT, Madame MARTIN : présents.", False),          # names in capitals
    ("Le congrès se tiendra à Montpellier en mai.", True),          # a city the tagger could add
    ("Jumelage avec Les Sables d'Olonne", True),                   # a name of several words, an apostrophe inside
])
def test_could_tag(text, could):
    assert places.could_tag(text) is could


# --- derived data kept between runs -----------------------------------------------------------

CALLS = []


def _count_lines(path: Path) -> int:
    CALLS.append(path)
    return len(path.read_text().splitlines())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PIPELINE_CACHE", str(folder))
    CALLS.clear()
    return folder


def test_a_derived_value_is_built_once_then_read(cache, tmp_path):
    source = tmp_path / "model.txt"
    source.write_text("a\nb\n")
    assert derived.derived(source, _count_lines) == 2
    assert derived.derived(source, _count_lines) == 2
    assert len(CALLS) == 1 and len(list(cache.glob("*.pickle"))) == 1
    source.write_text("a\nb\nc\n")  # a new model: its own entry, the old one gone
    assert derived.derived(source, _count_lines) == 3
    assert len(CALLS) == 2 and len(list(cache.glob("*.pickle"))) == 1


def test_a_damaged_or_unwritable_cache_costs_only_time(cache, tmp_path, monkeypatch):
    source = tmp_path / "model.txt"
    source.write_text("a\nb\n")
    derived.derived(source, _count_lines)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert derived.derived(source, _count_lines) == 2 and len(CALLS) == 2
    assert pickle.loads(entry.read_bytes()) == 2  # written again whole
    monkeypatch.setenv("PIPELINE_CACHE", str(source / "cache"))  # under a file: nothing can be written there
    assert derived.derived(source, _count_lines) == 2 and len(CALLS) == 3
    monkeypatch.setenv("PIPELINE_CACHE", "off")
    assert derived.derived(source, _count_lines) == 2 and len(CALLS) == 4


@pytest.mark.slow
def test_the_models_read_from_the_cache_are_the_models_built(cache):
    """The lexicon and the gazetteer as the cache gives them equal those built from their files."""
    from pipeline.repair import lexicon

    built_words = lexicon._words(lexicon.MODELS / lexicon.LEXICON)
    derived.derived(lexicon.MODELS / lexicon.LEXICON, lexicon._words)
    assert derived.derived(lexicon.MODELS / lexicon.LEXICON, lexicon._words) == built_words
    path = Path(places.MODELS) / "gazetteer-cities.tsv.gz"
    built = places._read_gazetteer(path)
    derived.derived(path, places._read_gazetteer)
    assert derived.derived(path, places._read_gazetteer) == built
