"""The gold's own rules (tests/gold/README.md) and the scoring that reads it."""

from __future__ import annotations

import subprocess

import pytest

from benchmarks.evaluation import RECORD_FIELDS, field_counts, load_gold, pair_records, score_extraction
from tests.conftest import ROOT, SHARED

GOLD = ROOT / "tests" / "gold"


def test_every_gold_file_names_a_real_document_and_how_to_read_it():
    golds = load_gold(GOLD)
    assert {g.split for g in golds} == {"dev", "heldout"}
    assert sum(g.split == "heldout" for g in golds) >= 10
    for g in golds:
        assert (SHARED / g.document).is_file(), g.name
        assert g.read in ("text_layer", "ocr", "ocr_degraded", "ocr_text"), g.name
        for rec in g.data.get("deliberations", []):
            assert set(rec) <= set(RECORD_FIELDS), (g.name, set(rec) - set(RECORD_FIELDS))


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_held_out_gold_was_committed_alone():
    """Each held-out file arrived in a commit that touched nothing but held-out gold."""
    try:
        if _git("rev-parse", "--is-shallow-repository").strip() == "true":
            pytest.skip("shallow clone: the history needed is not here")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    for path in sorted((GOLD / "heldout").glob("*.json")):
        rel = path.relative_to(ROOT).as_posix()
        added = _git("log", "--diff-filter=A", "--format=%H", "--", rel).split()
        if not added:
            pytest.fail(f"{rel} is not committed")
        touched = _git("show", "--name-only", "--format=", added[-1]).split()
        assert touched and all(t.startswith("tests/gold/heldout/") for t in touched), (rel, touched)


def test_cells_empty_on_both_sides_are_not_counted():
    gold = [{"number": "1", "objet": "Tarifs de la cantine", "vote_pour": 12, "vote_contre": None}]
    found = [{"number": "1", "objet": "Tarifs de la cantine", "vote_pour": 12, "vote_contre": None}]
    counts = field_counts(found, gold)
    assert counts["vote_contre"] == [0, 0, 0]
    assert counts["vote_pour"] == [1, 1, 1]
    assert score_extraction({"deliberations": found}, {"deliberations": gold})["deliberations"] == (1.0, 1.0, 1.0)


def test_a_wrong_or_extra_record_costs_precision_and_a_missed_one_recall():
    gold = [{"number": "1", "objet": "Tarifs de la cantine", "vote_pour": 12},
            {"number": "2", "objet": "Vente du terrain communal", "vote_pour": 9}]
    found = [{"number": "2", "objet": "Vente du terrain communal", "vote_pour": 6},  # wrong count
             {"number": None, "objet": ": 49", "vote_pour": 49}]  # a fragment
    pairs = pair_records(found, gold)
    assert [(f and f["objet"], g and g["number"]) for f, g in pairs] == [
        (None, "1"), ("Vente du terrain communal", "2"), (": 49", None)]
    p, r, _ = score_extraction({"deliberations": found}, {"deliberations": gold})["deliberations"]
    assert (p, r) == (0.0, 0.0)
    counts = field_counts(found, gold)
    assert counts["number"] == [1, 1, 2]
    assert counts["vote_pour"] == [0, 2, 2]


def test_every_other_rendering_prints_the_page_otherwise():
    """The renderings of ``benchmarks/extract.py --renderings`` are real prints: each one a
    different image of the same page, each one still a page of text."""
    import numpy as np
    from PIL import Image, ImageDraw

    from benchmarks.evaluation import RENDERINGS, degrade

    page = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(page).text((20, 40), "Pour : 52  Contre : 1 (M. Viguié)", fill=0)
    prints = {}
    for name, how in RENDERINGS.items():
        how = dict(how)
        how.pop("dpi", None)  # the resolution is the rendering's, before degrade
        seed = 7 + how.pop("seed", 0)
        prints[name] = np.asarray(degrade(page, seed=seed, **how), dtype=np.int16)
    assert "office" in prints and len(prints) >= 3
    for name, image in prints.items():
        assert image.mean() > 180, name  # still mostly paper
        assert 0 < (image < 128).mean() < 0.2, name  # with ink on it
    office = prints.pop("office")
    for name, image in prints.items():
        assert image.shape != office.shape or np.abs(image - office).mean() > 1, name
