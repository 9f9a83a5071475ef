"""A scan's underlined lines (recognition/typography.py), found on real scans and on born-digital
pages printed to degraded scans, read by the real Tesseract; and how the readers take them
(extraction/layout.set_apart, records._apart)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.evaluation import DEGRADED_DPI, degrade, render_pdf_page
from pipeline.extraction.layout import set_apart
from pipeline.extraction.records import _apart
from pipeline.recognition.page import ocr_image
from pipeline.record import Segment
from pipeline.run.stages import Options, ocr_pdf_page
from pipeline.sources.pdf import inspect, open_pdf
from pipeline.sources.layout import segments_of_page
from tests.conftest import SHARED


def _underlined(page) -> dict[str, bool]:
    return {" ".join(s[0].split()): s[7] for s in page.lines}


def _line(read: dict[str, bool], start: str) -> bool:
    (hit,) = [flag for text, flag in read.items() if text.startswith(start)]
    return hit


def test_a_real_scans_underlined_titles_are_found_and_its_text_is_not():
    """Flaux, a copier scan whose items' titles are bold and underlined (the rule dithered into
    dots, the page a little askew): every title of page 2 is seen underlined, no line of text."""
    path = SHARED / "flaux" / "PV_du_31_mars_2023-tampon.pdf"
    _, infos = inspect(path, force_ocr=True, first=2, last=2)
    (page,), _ = ocr_pdf_page(path, 2, infos[0].native_dpi, Options())
    read = _underlined(page)
    for title in ("Ouverture de la séance", "Nomination du secr", "M 14 - approbation du compte de gestion",
                  "M 14 - affectation de résultat"):
        assert _line(read, title), title
    for text in ("Le quorum est atteint", "Monsieur le Maire demande", "Personne ne prenant la parole",
                 "La présentation du compte de gestion"):
        assert not _line(read, text), text
    assert all(s[5] is None and s[6] is None for s in page.lines)  # no font, no letter size: a scan's


def test_an_underlined_title_read_with_letters_lost_is_read_again_without_its_rule():
    """Flaux's copier scans: the dithered rule under a title takes the feet of its letters away,
    and Tesseract reads "inati nie:" for "Nomination du secrétaire", "d'alim ion £ ble" for
    "… d'alimentation en eau potable". Read again with the rule painted white, such a line keeps
    the new reading (more letters, read surely), with its words placed on the page; a line read
    whole ("Ouverture de la séance") and a table's ruled rows ("Montant 35 000 €") stay as read."""
    path = SHARED / "flaux" / "20210519_-_compte_rendu_19_Mai_2021.pdf"
    _, infos = inspect(path, force_ocr=True, first=1, last=2)
    first, second = (ocr_pdf_page(path, n, infos[n - 1].native_dpi, Options())[0][0] for n in (1, 2))
    assert "Nomination du secrétaire" in first.text_raw.splitlines() and "inati nie" not in first.text_raw
    assert "Ouverture de la séance" in first.text_raw.splitlines()
    assert any(line.endswith("d'alimentation en eau potable") for line in second.text_raw.splitlines())
    (line,) = [s for s in first.lines if s[0] == "Nomination du secrétaire"]
    assert line[7]  # the line read again is still seen underlined
    (k,) = [k for k, w in enumerate(first.words) if w["text"] == "Nomination"]
    words = first.words[k:k + 3]
    assert [w["text"] for w in words] == ["Nomination", "du", "secrétaire"]
    assert all(0 < w["left"] < first.width and 0 < w["top"] < first.height for w in words)  # placed on the page,
    assert words[0]["left"] < words[1]["left"] < words[2]["left"]  # in order along one line
    assert max(w["top"] for w in words) - min(w["top"] for w in words) < words[0]["height"]
    path = SHARED / "flaux" / "compte_rendu_du_11_mars_2021.pdf"
    _, infos = inspect(path, force_ocr=True, first=4, last=4)
    (table,), _ = ocr_pdf_page(path, 4, infos[0].native_dpi, Options())
    assert "Montant 35 000 €" in table.text_raw and "Frais de dossier 0.20 %" in table.text_raw


def test_a_frames_border_under_a_line_is_no_underline():
    """Flaux frames its pages: the frame's bottom border passes under the page's last line,
    askew, starting far left of it; that line is no title. The titles above are underlined."""
    path = SHARED / "flaux" / "compte_rendu_conseil_municipal_26_novembre_2021.pdf"
    _, infos = inspect(path, force_ocr=True, first=1, last=1)
    (page,), _ = ocr_pdf_page(path, 1, infos[0].native_dpi, Options())
    read = _underlined(page)
    assert _line(read, "Nomination du secr") and _line(read, "Convention constitutive d'un groupement")
    assert not _line(read, "conditions particulières") and not _line(read, "Le quorum est atteint")


def test_a_born_digital_pages_underlined_headings_survive_a_degraded_print():
    """Couthenans' minutes underline their title and some headings (the text layer draws four
    rules on page 1): printed and scanned on an office scanner (tilted, blurred, JPEG), each line
    ruled is seen underlined; a heading set in bold alone ("Fonctionnement recettes :") and the
    sentences of the text are not."""
    path = SHARED / "couthenans" / "CR_reunion_20210409.pdf"
    with open_pdf(path) as pdf:
        rules = [r for r in list(pdf.pages[0].rects) + list(pdf.pages[0].lines) if r["height"] < 2 and r["width"] > 20]
    assert len(rules) == 4  # the title, "Synthèse :", "Quelques précisions :", "Fonctionnement dépenses :"
    image = degrade(render_pdf_page(path, 1, DEGRADED_DPI), angle=0.6, seed=1)
    read = _underlined(ocr_image(image, 1, DEGRADED_DPI))
    for heading in ("CR du conseil municipal", "Quelques précisions", "Fonctionnement dépenses"):
        assert _line(read, heading), heading
    for text in ("Fonctionnement recettes", "Le budget doit être", "Rappel de certains principes",
                 "Le budget assainissement de fonctionnement", "Yves présente le budget"):
        assert not _line(read, text), text
    assert sum(read.values()) == 3  # "Synthèse :" OCR does not read at all


def test_a_scans_lines_are_set_apart_when_underlined_and_unknown_otherwise():
    """On a scan only a rule seen says something: an underlined line is set apart, any other is
    not known (None, never False: a rule the scan lost does not make a heading plain text)."""
    scan = [Segment("Nomination du secrétaire", 60, 200, 100, 112, None, None, True),
            Segment("Le quorum est atteint", 60, 400, 120, 132, None, None, False)]
    (apart,) = set_apart([scan])
    assert apart == {"nominationdusecrétaire": [True], "lequorumestatteint": [None]}
    ruled = [Segment(f"Case {k}", 60, 200, 20 * k, 20 * k + 12, None, None, True) for k in range(12)] + scan
    assert set_apart([ruled]) == [{}]  # most lines ruled: a form's grid, no title's mark


def test_a_text_layers_typography_is_read_as_before_beside_a_scanned_page():
    """A document of a text-layer page and a scanned one: each page read its own way, the text
    layer's bold and plain lines as before, and on it a line the repair could not have changed
    is matched exactly (no scan's nearest line)."""
    with open_pdf(SHARED / "couthenans" / "CR_reunion_20210409.pdf") as pdf:
        layer = [Segment(*s) for s in segments_of_page(pdf.pages[0])]
    alone = set_apart([layer])[0]
    scan = [Segment("Vote à main levée", 60, 200, 100, 112, None, None, True)]
    both = set_apart([layer, scan])
    assert both[0] == alone and both[1] == {"voteàmainlevée": [True]}
    assert any(flags == [True] for flags in alone.values()) and any(flags == [False] for flags in alone.values())
    assert _apart(["Quelques precisions"], [alone]) == [None]  # "Quelques précisions :" is set apart; no guess here


@pytest.mark.parametrize("repaired, expected", [
    ("Nomination du secrétaire", True),  # the repair mended a letter OCR misread: the line is still its own
    ("Le Conseil approuve le budget", None),  # another line: nothing known
    ("Le quorum est atteinte", None),  # near a line not underlined: nothing known either
])
def test_a_line_the_repair_changed_keeps_the_flag_measured_on_what_ocr_read(repaired, expected):
    typography = [{"nominationdusectétaire": [True], "lequorumestatteint": [None]}]
    assert _apart([f"Ouverture\n{repaired}\nLe quorum est atteint"], typography)[:2] == [None, expected]


def test_an_underlined_line_tesseract_wrote_as_two_is_read_again_as_one():
    """Flaux, 28 April 2022: Tesseract wrote an underlined title as two lines of two blocks, the
    end first ("compte rendu du Conseil Municipal du 25 mats 2022", then "Approbation du co").
    Read again without its rule, the line takes its pieces on the same row, under the same rule,
    and they are dropped: one line, once. The same on a Couthenans title printed here and split
    the same way, one piece read with doubt or both; a line on its row beyond its rule (a margin's
    words) is left as it was."""
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.recognition import hocr, page as page_ocr, tesseract
    from tests.conftest import FONT

    path = SHARED / "flaux" / "Compte_rendu_du_28_avril_2022.pdf"
    _, infos = inspect(path, force_ocr=True, first=1, last=1)
    (page,), _ = ocr_pdf_page(path, 1, infos[0].native_dpi, Options())
    lines = [line.strip() for line in page.text_raw.splitlines() if line.strip()]
    assert [line for line in lines if line.startswith("Approbation du co")] == \
        [line for line in lines if line.startswith("Approbation du compte rendu du Conseil Municipal du")]
    assert len([line for line in lines if "compte rendu du Conseil Municipal du" in line]) == 1

    title = "Convention de mise à disposition de personnel avec la commune"
    image = Image.new("L", (2400, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 50)
    draw.text((80, 100), "Nombre de membres", fill=0, font=font)
    draw.text((700, 100), title, fill=0, font=font)
    box = draw.textbbox((700, 100), title, font=font)
    draw.line([(700, box[3] + 4), (box[2], box[3] + 4)], fill=0, width=5)
    draw.text((700, 300), "Le Conseil Municipal approuve la convention.", fill=0, font=font)
    read = tesseract.run(image, 300, psm=6)
    pieces = tesseract.parts(read)
    (at,) = [(p, n) for p, (par, _) in enumerate(pieces) for n, line in enumerate(par.lines)
             if "disposition" in " ".join(pieces[p][1][k]["text"] for k in line.words)]
    par, words = pieces[at[0]]
    line = par.lines[at[1]]
    ours = [k for k in line.words if words[k]["left"] >= 690]
    margin = [k for k in line.words if words[k]["left"] < 690]
    cut = len(ours) // 2
    head, tail = ours[:cut], ours[cut:]
    for k in head:
        words[k]["conf"] = 40.0  # read with doubt, as under a rule
    def piece(ks):
        ws = [words[k] for k in ks]
        box = (min(w["left"] for w in ws), min(w["top"] for w in ws),
               max(w["left"] + w["width"] for w in ws), max(w["top"] + w["height"] for w in ws))
        return hocr.Paragraph(box, [hocr.Line(box, ks)]), words
    split = [piece(tail), piece(margin), piece(head)] + [p for i, p in enumerate(pieces) if i != at[0]]
    before = tesseract.composed(split)
    assert before.text.splitlines()[0] != title
    after = page_ocr._ruled_read(image, before, 300, None, False, {})
    lines = [line for line in after.text.splitlines() if line.strip()]
    assert title in lines and "Nombre de membres" in lines
    assert sum(line.count("disposition") for line in lines) == 1
    for k in tail:  # both pieces read with doubt: the first one read again takes the other, once
        words[k]["conf"] = 40.0
    after = page_ocr._ruled_read(image, tesseract.composed(split), 300, None, False, {})
    lines = [line for line in after.text.splitlines() if line.strip()]
    assert title in lines and sum(line.count("disposition") for line in lines) == 1
