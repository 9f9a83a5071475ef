"""The review site in a real headless browser (Debian's Chromium driven by Playwright): open the
index, open a document, hover a correction and see the original, reject it, save the overrides,
and the next run honours them. A page whose text holds markup shows it as text and runs nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from benchmarks.evaluation import degrade
from tests.conftest import ROOT, once, render_text, run_cli

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = ROOT / ".cache" / "test-artefacts"  # git-ignored
FOUNDING = "mantes-la-jolie/deliberation-2019-unesco-learning-cities.ocr.txt"
HOSTILE = ('Le Conseil Municipal décide. <script>window.__ran = 1; alert("x")</script> '
           '<img src=x onerror="window.__ran = 2"> <a href="javascript:window.__ran=3">lien</a>\n'
           "Subvention de 1 500 euros le 12 mars 2014 pour la commune de Lattes.")


@pytest.fixture(scope="module")
def site(shared, tmp_path_factory):
    """Three documents ingested and their review site written, once for the session (read only:
    the test that saves overrides copies the output folder first)."""
    def build(root: Path) -> None:
        src = root / "in"
        src.mkdir()
        shutil.copy(shared / FOUNDING, src / "founding.ocr.txt")
        (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
        degrade(render_text("Le Conseil Municipal de la commune, après en avoir délibéré,\n"
                            "décide d'attribuer une subvention de 1 500 euros.", dpi=200), seed=3).save(src / "scan.png")
        proc = run_cli("ingest", str(src), "--out", str(root / "out"), "--jobs", "2")
        assert proc.returncode == 0, proc.stderr
        proc = run_cli("review", str(root / "out"))
        assert proc.returncode == 0, proc.stderr

    root = once(tmp_path_factory, "review-site", build)
    return root / "in", root / "out"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def _page(browser, errors: list):
    page = browser.new_context(accept_downloads=True).new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: errors.append(f"network: {r.url}") if not r.url.startswith(("file:", "blob:", "data:")) else None)
    return page


def test_review_a_correction_reject_it_and_the_next_run_honours_it(site, browser, tmp_path):
    src, out = site
    errors: list = []
    page = _page(browser, errors)
    page.goto((out / "review" / "index.html").as_uri())
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 3
    # sort by corrections, descending: the founding OCR text has the most
    page.get_by_role("button", name="Corrections").click()
    page.get_by_role("button", name="Corrections").click()
    assert rows.first.locator("td").first.inner_text() == "founding.ocr.txt"
    page.fill("#filter", "scan")
    assert [r.is_visible() for r in rows.all()].count(True) == 1
    page.fill("#filter", "")
    page.get_by_role("link", name="founding.ocr.txt").click()

    mark = page.locator("pre.text span.corr[tabindex]").first
    before, after = page.locator(".corrections li").first.get_attribute("data-before"), mark.inner_text()
    mark.hover()
    tip = page.locator("#tip")
    assert tip.is_visible() and f'read "{before}"' in tip.inner_text() and "rule" in tip.inner_text()
    page.keyboard.press("Escape")
    page.locator(".corrections li").first.get_by_role("button", name="Reject").click()
    assert mark.inner_text() == before  # the page shows the text as read
    assert "1 decision not saved yet." in page.locator("#pending").inner_text()
    subject = page.locator('.records input[data-field="objet"]').first  # a record corrected by hand
    subject.fill("Adhésion au réseau mondial des villes apprenantes de l'UNESCO")
    subject.press("Tab")
    assert "2 decisions not saved yet." in page.locator("#pending").inner_text()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "review-document.png"))  # kept for a person to look at
    with page.expect_download() as download:
        page.get_by_role("button", name="Save overrides.json").click()
    saved = tmp_path / "overrides.json"
    download.value.save_as(saved)
    decided = json.loads(saved.read_text(encoding="utf-8"))
    assert decided["reject"] == [{"before": before, "after": after, "doc_id": "founding.ocr.txt"}]
    assert decided["records"] == [{"doc_id": "founding.ocr.txt", "number": None, "field": "objet", "by": "review",
                                   "value": "Adhésion au réseau mondial des villes apprenantes de l'UNESCO"}]
    assert errors == []

    work = tmp_path / "out"
    shutil.copytree(out, work)
    shutil.copy(saved, work / "overrides.json")
    proc = run_cli("ingest", str(src), "--out", str(work), "--reprocess")
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(work / "pipeline.duckdb"), read_only=True) as con:
        overruled = con.execute("SELECT before, after FROM corrections WHERE overruled").fetchall()
        kept = con.execute("SELECT count(*) FROM corrections WHERE NOT overruled AND before = ? AND after = ?",
                           [before, after]).fetchone()[0]
        by_hand = con.execute("SELECT objet, set_by_hand FROM deliberations WHERE doc_id = 'founding.ocr.txt'").fetchall()
    assert (before, after) in overruled and kept == 0
    assert by_hand == [("Adhésion au réseau mondial des villes apprenantes de l'UNESCO", ["objet"])]


def test_the_search_box_finds_a_word_on_every_document_and_opens_its_page(site, browser):
    """Offline (the site opened as files, no request but to files): a word finds the pages of every
    document that hold it, in any case, without its accents and in another of its forms; two words narrow to the pages holding both; a hit opens
    the document at its page."""
    _, out = site
    errors: list = []
    page = _page(browser, errors)
    page.goto((out / "review" / "index.html").as_uri())
    page.fill("#search", "subvention")
    hits = page.locator("#hits a")
    names = [h.inner_text() for h in hits.all()]
    assert {n.split(" — ")[0] for n in names} == {"hostile.txt", "scan.png"}, names
    assert page.locator("#search-count").inner_text() == f"{len(names)} pages"
    page.fill("#search", "Subventions")  # another form of the word: its pages, by the stem `pipeline search` uses
    assert sorted(h.inner_text() for h in hits.all()) == sorted(names)
    page.fill("#search", "subventionner")
    assert page.locator("#search-count").inner_text() == "0 pages"  # another word: no page holds it
    page.fill("#search", "decide")  # typed without its accent: "décide"
    assert {h.inner_text().split(" — ")[0] for h in hits.all()} >= {"hostile.txt", "scan.png"}
    page.fill("#search", "SUBVENTION lattes")  # any case; every word on the page
    assert [h.inner_text() for h in hits.all()] == ["hostile.txt — page 1"]
    page.fill("#search", "apprenantes unesco")
    assert [h.inner_text() for h in hits.all()] == ["founding.ocr.txt — page 1"]
    hits.first.click()
    assert page.url.endswith("#page-1") and page.locator("h1").inner_text() == "founding.ocr.txt"
    assert "UNESCO" in page.locator("#page-1 pre.text").inner_text()
    assert errors == []


def test_markup_in_a_document_is_shown_as_text_and_runs_nothing(site, browser):
    _, out = site
    errors: list = []
    page = _page(browser, errors)
    page.goto((out / "review" / "index.html").as_uri())
    page.get_by_role("link", name="hostile.txt").click()
    text = page.locator("pre.text").first.inner_text()
    assert '<script>window.__ran = 1; alert("x")</script>' in text and '="javascript:window.__ran=3"' in text
    assert page.evaluate("window.__ran") is None
    assert page.locator("pre.text script, pre.text img, pre.text a").count() == 0
    assert errors == []


def test_a_scan_is_shown_beside_its_text_with_its_marks(site, browser):
    _, out = site
    page = _page(browser, [])
    page.goto((out / "review" / "index.html").as_uri())
    page.get_by_role("link", name="scan.png").click()
    image = page.locator("figure img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 400")
    amount = page.locator("pre.text span.amount").first
    amount.hover()
    assert "amount: 1500 EUR" in page.locator("#tip").inner_text()


def test_unsure_words_are_placed_in_the_repaired_text():
    from pipeline.review_site.site import _unsure_words

    raw = "Le Consei1 a decide le 3 mars, Mme DUPONT."
    clean = "Le Consei1 a décidé le 3 mars, Mme DUPONT."
    words = [("Le", 96), ("Consei1", 41), ("a", 90), ("decide", 30), ("le", 95), ("3", 20), ("mars,", 88),
             ("Mme", 93), ("DUPONT.", 52)]
    corrections = [(13, 19, 13, 19, "decide", "décidé", "word", 0.9, False)]
    spans = _unsure_words(words, raw, clean, corrections)
    # "decide" was corrected: it is shown as a correction, not as an unsure word
    assert [clean[s["start"]:s["end"]] for s in spans] == ["Consei1", "3", "DUPONT."]
    assert spans[0]["tip"].startswith("OCR confidence 41")
