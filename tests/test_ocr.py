"""OCR stage: known French text rendered into degraded scans, read back by real Tesseract."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from benchmarks.evaluation import cer, degrade, image_pdf, word_f1
from pipeline.recognition import hocr, preprocess, tesseract
from pipeline.recognition.page import ocr_image
from tests.conftest import KNOWN_PAGES, alto_errors, render_text, run_cli


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    """The known pages at 150 dpi, tilted, blurred, noisy, JPEG: an image-only PDF."""
    pages = [degrade(render_text(t, dpi=150), angle=a, seed=i)
             for i, (t, a) in enumerate(zip(KNOWN_PAGES, (0.7, -1.8)))]
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    path.write_bytes(image_pdf(pages, dpi=150))
    return path


def test_ocr_command_reads_degraded_scan_page_by_page(scanned_pdf):
    proc = run_cli("ocr", str(scanned_pdf), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    pages = proc.stdout.split("\f")
    assert len(pages) == 2
    for got, truth in zip(pages, KNOWN_PAGES):
        assert word_f1(got, truth) >= 0.97, got
        assert cer(got, truth) <= 0.03, got
    # details that matter downstream, compared by meaning, not Tesseract's exact spacing
    from pipeline.extraction.amounts import find_amounts

    assert {a.value for a in find_amounts(pages[0])} == {"2450"}
    assert {a.value for a in find_amounts(pages[1])} == {"18700.50"}
    assert re.search(r"2019\s*/\s*047", pages[1])


def test_low_resolution_scan_is_upsampled_and_reads_at_least_as_well_as_native(scanned_pdf):
    """A 150-dpi scan is read at the working resolution chosen for it (200 dpi) and upsampling
    never costs accuracy here. On this one clean page both readings are perfect, so the gain that
    chose the resolutions is measured where it shows, over many degraded pages
    (benchmarks/resolution.py), not claimed by this test."""
    from pipeline.recognition.render import render

    image, dpi = render(scanned_pdf, 1, 150)
    assert dpi == 150
    native = tesseract.run(image, dpi).text
    page = ocr_image(image, 1, dpi)
    assert page.dpi == 200 and page.native_dpi == 150
    assert page.width > image.width * 1.3
    assert cer(page.text_raw, KNOWN_PAGES[0]) <= cer(native, KNOWN_PAGES[0])
    assert word_f1(page.text_raw, KNOWN_PAGES[0]) >= word_f1(native, KNOWN_PAGES[0])


def test_words_carry_tesseracts_second_choices_of_letters(scanned_pdf):
    """lstm_choice_mode: for doubtful letters, the other characters the recognizer weighed."""
    from pipeline.recognition.render import render

    image, dpi = render(scanned_pdf, 2, 150)
    words = tesseract.run(image, dpi, choices=True).words
    assert not any(w.get("alts") for w in tesseract.run(image, dpi).words)  # asked for only
    with_alts = [w for w in words if w.get("alts")]
    assert len(with_alts) >= 5
    for w in with_alts:
        for pos, ch, conf in w["alts"]:
            assert 0 <= pos < len(w["text"]) and ch != w["text"][pos]
            assert hocr.MIN_CHOICE_CONF <= conf <= 100


def test_one_run_gives_text_words_with_confidences_and_alto():
    page = ocr_image(render_text(KNOWN_PAGES[0], dpi=300), 1, 300)
    assert page.method == "ocr"
    assert page.ocr_confidence is not None and page.ocr_confidence > 85
    assert len(page.words) >= 80
    assert word_f1(" ".join(w["text"] for w in page.words), KNOWN_PAGES[0]) >= 0.95
    assert all(w["width"] > 0 and w["height"] > 0 and 0 <= w["conf"] <= 100 for w in page.words)
    import xml.etree.ElementTree as ET

    # the ALTO kept is ALTO 4.4, valid, written from the hOCR: the same words as the page's rows
    assert "ns-v4#" in page.alto and alto_errors(page.alto) == []
    strings = [e.get("CONTENT") for e in ET.fromstring(page.alto.encode()).iter() if e.tag.endswith("String")]
    assert strings == [w["text"] for w in page.words]


@pytest.mark.parametrize("path, page_no", [("montpellier/comptes-rendus-2011/CR_CM_20_06_2011.pdf", 2),
                                           ("flaux/PV_du_16_decembre_2022.pdf", 1)])
def test_the_one_hocr_output_gives_what_tesseract_s_text_and_tsv_give(shared, tmp_path, path, page_no):
    """Tesseract asked for its hOCR only (issue #27, decision 2): on real scans (Montpellier's
    96-dpi report, a Flaux copier scan), the text is Tesseract's own text output and the words
    are its TSV's words — same text, same boxes, same blocks and line numbers — with their
    confidences as whole numbers (the hOCR's x_wconf: the TSV's, cut)."""
    import csv
    import io
    import os
    import subprocess

    from pipeline.recognition.render import render

    image, native = render(shared / path, page_no, None)
    work, dpi, _ = preprocess.prepare(image, native)
    result = tesseract.run(work, dpi)
    src = tmp_path / "page.pnm"
    work.save(src)
    subprocess.run(["tesseract", str(src), str(tmp_path / "out"), "-l", tesseract.LANG, "--psm", str(tesseract.DEFAULT_PSM),
                    "--dpi", str(dpi), "-c", "tessedit_create_tsv=1", "txt"], check=True, capture_output=True,
                   env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    assert result.text == tesseract.tidy_text((tmp_path / "out.txt").read_text(encoding="utf-8"))
    rows = [r for r in csv.DictReader(io.StringIO((tmp_path / "out.tsv").read_text(encoding="utf-8")), delimiter="\t",
                                      quoting=csv.QUOTE_NONE) if r["level"] == "5" and r["text"].strip()]
    assert len(rows) == len(result.words) > 150
    for w, r in zip(result.words, rows):
        assert (w["text"], w["left"], w["top"], w["width"], w["height"], w["block"], w["line"]) == (
            r["text"], int(r["left"]), int(r["top"]), int(r["width"]), int(r["height"]), int(r["block_num"]), int(r["line_num"]))
        assert w["conf"] == int(float(r["conf"]))


def test_page_scanned_sideways_is_turned_upright():
    upright = render_text(KNOWN_PAGES[1], dpi=200)
    sideways = upright.rotate(90, expand=True)
    page = ocr_image(sideways, 1, 200)
    assert page.rotation in (90, 270)
    assert word_f1(page.text_raw, KNOWN_PAGES[1]) >= 0.95


@pytest.mark.parametrize("angle", [-3.0, -1.2, 2.0, 4.5])
def test_skew_is_measured(angle):
    image = render_text(KNOWN_PAGES[0], dpi=100).rotate(angle, expand=True, fillcolor=255)
    assert preprocess.estimate_skew(image) == pytest.approx(-angle, abs=0.25)


def test_blank_page_has_no_skew_and_no_text():
    blank = Image.new("L", (800, 1100), 255)
    assert preprocess.estimate_skew(blank) == 0.0
    page = ocr_image(blank, 1, 100)
    assert page.text_raw.strip() == ""


def test_resolution_is_read_or_inferred():
    img = Image.new("L", (1240, 1754), 255)
    assert preprocess.guess_dpi(img) == pytest.approx(150, rel=0.01)  # A4 width, no metadata
    img.info["dpi"] = (200, 200)
    assert preprocess.guess_dpi(img) == 200
    img.info["dpi"] = (72, 72)  # what tools write when they know nothing
    assert preprocess.guess_dpi(img) == pytest.approx(150, rel=0.01)
    # the working resolution (benchmarks/resolution.py): 96-dpi scans at 300, 150 and 200 at 200, finer as they are
    assert [preprocess.target_dpi(d) for d in (96, 150, 200, 300, 600)] == [300, 200, 200, 300, 400]


def test_missing_language_is_a_clear_error(monkeypatch):
    with pytest.raises(tesseract.MissingDependency, match="tesseract-ocr-xyz"):
        tesseract.check_installed.__wrapped__("xyz")


def test_margin_notes_written_apart_are_read_again_on_their_lines(shared):
    """Page 2 of the scanned report CR 2011-07-25 (development), printed to a degraded office
    scan: Tesseract's psm 4 takes the rapporteurs' margin for a column of its own and drops most
    of it; the second reading (psm 6) puts each rapporteur and number back on its item's line."""
    from benchmarks.evaluation import DEGRADED_DPI, office_tilt, render_pdf_page
    from pipeline.recognition import lines

    path = shared / "montpellier/comptes-rendus-2011/CR_CM_25_07_2011.pdf"
    image = degrade(render_pdf_page(path, 2, DEGRADED_DPI), angle=office_tilt(path.name), seed=2)
    work, dpi, _ = preprocess.prepare(image, DEGRADED_DPI, [])
    first = tesseract.run(work, dpi, psm=tesseract.DEFAULT_PSM)
    assert lines.read_again(first.words, work.width)  # the damage is still there
    assert not re.search(r"Régine\s+3\s+Convention", first.text)
    page = ocr_image(image, 2, DEGRADED_DPI)
    assert re.search(r"Régine\s+3\s+Convention pour la mise en place", page.text_raw)
    assert re.search(r"Serge\s+5\s+Travaux et maintenance", page.text_raw)
    # a page of prose has no margin notes and is read once
    prose = render_text(KNOWN_PAGES[0])
    words = tesseract.run(prose.convert("L"), 300, psm=tesseract.DEFAULT_PSM).words
    assert not lines.read_again(words, prose.width)


def test_a_line_tesseract_cut_at_a_gap_is_read_again_whole(shared):
    """Page 12 of the report CR 2011-02-07 (development), printed to a degraded office scan:
    psm 4 cuts the justified line "Création de la commission de délé|gation de service public"
    at a wide gap and writes its end after the item's vote; the second reading keeps it whole."""
    from benchmarks.evaluation import DEGRADED_DPI, office_tilt, render_pdf_page
    from pipeline.recognition import lines

    path = shared / "montpellier/comptes-rendus-2011/CR_CM_07_02_2011.pdf"
    image = degrade(render_pdf_page(path, 12, DEGRADED_DPI), angle=office_tilt(path.name), seed=12)
    work, dpi, _ = preprocess.prepare(image, DEGRADED_DPI, [])
    first = tesseract.run(work, dpi, psm=tesseract.DEFAULT_PSM)
    assert lines.read_again(first.words, work.width)
    assert not re.search(r"commission de délégation de service public", first.text)
    page = ocr_image(image, 12, DEGRADED_DPI)
    assert re.search(r"94\. Création de la commission de délégation de service public - Conditions", page.text_raw)
    # one margin note beside its line is no reason: the act's number by its attendance list
    act = shared / "montpellier/deliberations-2014-04/2014-04-24-0000071269.pdf"
    work, dpi, _ = preprocess.prepare(degrade(render_pdf_page(act, 1, DEGRADED_DPI), angle=office_tilt(act.name), seed=1),
                                      DEGRADED_DPI, [])
    assert not lines.read_again(tesseract.run(work, dpi, psm=tesseract.DEFAULT_PSM).words, work.width)


PANEL = ["Nombre de membres", "en exercice : 15", "présents : 12", "votants : 14", "",
         "Date de la convocation :", "2 octobre 2018", "", "Objet :"]


def _register_page(body: list[str], dpi: int = 200, table: bool = False) -> Image.Image:
    """An A4 page laid out as a register of deliberations: the panel of PANEL in the left margin,
    a rule from the page's top to its foot, ``body`` to its right; ``table``: horizontal rules
    drawn across the rule, as a table's rows are."""
    from PIL import ImageDraw, ImageFont

    from tests.conftest import FONT

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    small, font = (ImageFont.truetype(str(FONT), int(pt * dpi / 72)) for pt in (8, 9))
    rule = int(0.27 * width)
    draw.line([(rule, int(0.04 * height)), (rule, int(0.96 * height))], fill=0, width=3)
    y = int(0.3 * height)
    for line in PANEL:
        draw.text((int(0.05 * width), y), line, fill=0, font=small)
        y += int(12 * dpi / 72)
    y = int(0.08 * height)
    for line in body:
        draw.text((rule + int(0.03 * width), y), line, fill=0, font=font)
        if table:
            draw.line([(int(0.05 * width), y - 6), (int(0.95 * width), y - 6)], fill=0, width=2)
        y += int(9 * 1.6 * dpi / 72)
    return page


@pytest.mark.slow
def test_a_margin_panel_ruled_off_is_read_apart_from_the_text(shared):
    """A register prints its panel (members in office, date of the convocation, "Objet") in the
    left margin behind a rule. Read as one column of lines, each line of the text took the
    panel's words level with it ("Nombre de membres Vote : à l'unanimité") and items' titles were
    lost in them. Found by its rule, the panel is read apart, before the text: on a real Flaux
    scan, and on Pierrefonds' minutes printed as a register and scanned."""
    from rapidfuzz import fuzz

    from pipeline.recognition import columns
    from pipeline.recognition.render import render

    # drawn at 150 dpi, its colour background's resolution, as ingest drew it when this test was
    # written (it now draws the page at its ink's 300 dpi: test_a_copiers_compact_pdf_…)
    image, native = render(shared / "flaux/PV_du_31_mars_2023-tampon.pdf", 3, 150)
    work, dpi, _ = preprocess.prepare(image, native, [])
    assert columns.margin_rule(work) is not None
    page = ocr_image(image, 3, native)
    lines = [line.strip() for line in page.text_raw.splitlines() if line.strip()]
    assert "Nombre de membres" in lines and "Date de la convocation :" in lines
    assert not [line for line in lines if re.search(r"membres|convocation", line) and re.search(r"Vote|M \d\d", line)]
    assert "M 57 - budget primitif 2023" in lines and "M 49 - approbation du compte de gestion" in lines
    assert lines.count("Vote : à l'unanimité") >= 3
    assert lines.index("Date de la convocation :") < lines.index("M 57 - budget primitif 2023")  # the panel first
    assert alto_errors(page.alto) == []

    text = _text_of(shared / "pierrefonds/compte-rendu-09-10-2018.pdf")
    body = [line[:70] for line in text.splitlines() if len(line) > 20][:30]
    register = degrade(_register_page(body), angle=0.3, seed=1)
    page = ocr_image(register, 1, 200)
    lines = [line.strip() for line in page.text_raw.splitlines() if line.strip()]
    assert lines[:4] == PANEL[:4]
    whole = sum(1 for want in body if any(fuzz.ratio(want, got) >= 90 for got in lines))
    assert whole >= 0.9 * len(body)
    assert not [line for line in lines if re.search(r"exercice|convocation|votants", line) and line not in PANEL]


def _scan(path, page_no: int):
    """A scanned page as ingest renders it: at its scan's resolution."""
    from pipeline.recognition.render import render
    from pipeline.sources.pdf import inspect

    _, infos = inspect(path, force_ocr=True, first=page_no, last=page_no)
    return render(path, page_no, infos[0].native_dpi)


def _text_of(path) -> str:
    from pipeline.sources.pdf import open_pdf, text_of

    with open_pdf(path) as pdf:
        return "\n".join(text_of(p) for p in pdf.pages)


def test_a_rule_with_no_panel_beside_it_splits_no_page(shared):
    """No rule, no split: a council report's margin of rapporteurs and numbers (Montpellier) is
    read with its lines as before; a table's column rule, crossed by its rows' rules, is no
    panel's (Pierrefonds' lines in a ruled table)."""
    from pipeline.recognition import columns
    from pipeline.recognition.render import render

    image, native = render(shared / "montpellier/comptes-rendus-2011/CR_CM_07_02_2011.pdf", 2, None)
    assert columns.margin_rule(preprocess.prepare(image, native, [])[0]) is None
    body = [line[:70] for line in _text_of(shared / "pierrefonds/compte-rendu-09-10-2018.pdf").splitlines() if len(line) > 20][:30]
    assert columns.margin_rule(_register_page(body)) is not None
    assert columns.margin_rule(_register_page(body, table=True)) is None


@pytest.mark.slow
def test_lines_tesseract_takes_for_pictures_are_read_again(shared):
    """Tesseract's layout analysis takes underlined titles of a copier scan for pictures and
    leaves them unread (Flaux, 25 March 2022, page 3: three items' titles). Each picture the
    height of a line or two is read again as text and takes its place between the paragraphs."""
    from pipeline.recognition import columns
    from pipeline.recognition.render import render

    image, native = _scan(shared / "flaux/compte_rendu_du_25_mars_2022_(1).pdf", 3)
    work, dpi, _ = preprocess.prepare(image, native, [])
    rule = columns.margin_rule(work)
    first = tesseract.run(columns.panel_and_text(work, rule)[2], dpi)
    assert first.reading.pictures and "budget primitif 2022" not in first.text
    page = ocr_image(image, 3, native)
    lines = [line.strip() for line in page.text_raw.splitlines()]
    at = next(i for i, line in enumerate(lines) if "budget primitif 2022" in line)
    assert re.match(r"M\W?49\b", lines[at])
    assert any("Le Maire présente au Conseil Municipal le budget annexe 2022" in line for line in lines[at + 1:at + 4])
    assert alto_errors(page.alto) == []
    # page 2: a title read unsure under its underline, and sure without it, above its exposé
    image, native = _scan(shared / "flaux/compte_rendu_du_25_mars_2022_(1).pdf", 2)
    lines = [line.strip() for line in ocr_image(image, 2, native).text_raw.splitlines() if line.strip()]
    at = next(i for i, line in enumerate(lines) if "affectations suivantes" in line)
    assert re.search(r"affectation de résultat de fonctionnement$", lines[at - 1])


def test_the_stamp_laid_over_a_scanned_page_is_read_apart_from_it(shared):
    """Flaux, 31 March 2023: the prefecture's transmission stamp is an annotation the sending
    platform laid over the scan, across an item's title. Drawn into the page, OCR read the two as
    one line ("Ta ue cit: g … = ux d 1impo 10on des taxes locale Reçu en préfecture le …"). The
    page is read without it — the title whole, on a line of its own — and the stamp alone, its
    lines after the page's text, where the readers of a prefecture's stamp find them."""
    from pipeline.recognition.render import render, render_apart
    from pipeline.run.stages import Options, ocr_pdf_page

    path = shared / "flaux/PV_du_31_mars_2023-tampon.pdf"
    image, dpi, laid = render_apart(path, 3, 150)
    assert len(laid) == 1 and laid[0].width < image.width / 2
    import pypdfium2 as pdfium

    assert render(path, 3, 150)[0].tobytes() == image.tobytes()  # the page, drawn without it …
    doc = pdfium.PdfDocument(str(path))
    assert doc[2].render(scale=150 / 72, grayscale=True).to_pil().tobytes() != image.tobytes()  # … as pdfium draws it with it
    doc.close()
    (page,), _ = ocr_pdf_page(path, 3, 150, Options())
    lines = page.text_raw.splitlines()
    title = next(line for line in lines if "imposition des taxes" in line)
    assert "préfecture" not in title and "Taux" in title
    stamp = page.text_raw[page.text_raw.index("Taxe foncière"):]
    assert "Envoyé en préfecture le 19/06/2023" in stamp and "030-213001100-20230609-PV31032023-DE" in stamp


def test_a_note_typed_over_a_scanned_page_is_read_apart_from_it(tmp_path):
    """A note laid over a scan as an annotation (a typed note, with its white box), across a line
    of known French text: the line is read whole from the page under it, the note apart."""
    import pikepdf

    text = KNOWN_PAGES[0]
    path = tmp_path / "note.pdf"
    path.write_bytes(image_pdf([render_text(text, dpi=150)], dpi=150))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        width, height = float(page.mediabox[2]), float(page.mediabox[3])
        rect = [width * 0.45, height - 150, width * 0.95, height - 95]  # over the first lines' right half
        look = pikepdf.Stream(pdf, b"1 1 1 rg 0 0 %.1f 55 re f 0 g BT /Helv 12 Tf 6 30 Td (Note du secretariat : voir annexe) Tj ET"
                              % (rect[2] - rect[0]))
        look.Type, look.Subtype, look.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, rect[2] - rect[0], 55]
        look.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
        note = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FreeText, Rect=rect,
                                                    Contents=pikepdf.String("Note"), DA=pikepdf.String("/Helv 12 Tf 0 g"),
                                                    AP=pikepdf.Dictionary(N=look)))
        page.Annots = pdf.make_indirect(pikepdf.Array([note]))
        pdf.save(path)
    from pipeline.run.stages import Options, ocr_pdf_page

    (page,), _ = ocr_pdf_page(path, 1, 150, Options())
    body, note = page.text_raw.rsplit("\n\n", 1)
    assert "secretariat" in note and "secretariat" not in body
    assert word_f1(text, body) >= 0.9


def test_a_copiers_compact_pdf_is_drawn_at_the_resolution_of_its_ink(shared, tmp_path):
    """A copier's compact PDF (mixed raster content) lays the page's ink as 1-bit image masks at
    the scan's resolution (300 dpi) over the paper, reduced to a 150-dpi colour picture. Drawn at
    the picture's resolution (the largest image's), Flaux's bold, underlined, coloured titles came
    out as "P sur À ix et la Qualité du Service public (RP Assainissement"; drawn at the masks',
    they are read whole. The same layout made here of Pierrefonds' minutes is drawn at 300 dpi
    and read right; a scan of one image keeps its own resolution."""
    import pdfplumber

    from benchmarks.evaluation import compact_pdf
    from pipeline.run.stages import Options, ocr_pdf_page
    from pipeline.sources.pdf import inspect

    path = shared / "flaux/20210519_-_compte_rendu_19_Mai_2021.pdf"
    with pdfplumber.open(path) as pdf:
        picture = max(pdf.pages[1].images, key=lambda im: im["width"] * im["height"])
        assert round(picture["srcsize"][0] / (picture["width"] / 72)) == 150 and not picture.get("imagemask")
    _, infos = inspect(path, force_ocr=True, first=2, last=2)
    assert round(infos[0].native_dpi) == 300
    (page,), _ = ocr_pdf_page(path, 2, infos[0].native_dpi, Options())
    lines = [line.strip() for line in page.text_raw.splitlines()]
    assert "Rapports sur le Prix et la Qualité du Service public (RPQS) Assainissement" in lines
    assert "Assainissement eaux usées et Eau potable" in lines

    body = [line[:80] for line in _text_of(shared / "pierrefonds/compte-rendu-09-10-2018.pdf").splitlines()
            if len(line) > 20][:30]
    made = tmp_path / "compact.pdf"
    made.write_bytes(compact_pdf(_register_page(body, dpi=300), 300))
    _, infos = inspect(made, force_ocr=True)
    assert round(infos[0].native_dpi) == 300
    (page,), _ = ocr_pdf_page(made, 1, infos[0].native_dpi, Options())
    assert page.dpi == 300 and word_f1(page.text_raw, "\n".join(PANEL + body)) >= 0.97
    one = tmp_path / "one.pdf"
    one.write_bytes(image_pdf([render_text(KNOWN_PAGES[0], dpi=150)], dpi=150))
    _, infos = inspect(one, force_ocr=True)
    assert round(infos[0].native_dpi) == 150
