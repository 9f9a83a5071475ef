"""`ingest --pdf`: each original, searchable. A born-digital Montpellier act is printed to a scan
tilted by 2 degrees (its words' true places are known: the act's own text layer, turned the same
way); the text pdfplumber reads from the output is the repaired text, each word lies over the same
word of the scan, the scan's image is untouched, a born-digital page is copied as it is, and the
ALTO measures the scan, not the straightened image Tesseract read."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
import xml.etree.ElementTree as ET

import pdfplumber
import pikepdf
import pytest
from PIL import Image, ImageFilter

from benchmarks.evaluation import image_pdf, render_pdf_page, word_f1
from tests.conftest import copy_of, run_cli, run_cli_once

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

ACT = "montpellier/deliberations-2014-04/2014-04-24-0000071229.pdf"
DPI, TILT = 150, 2.0


@pytest.fixture(scope="module")
def searchable(shared, tmp_path_factory):
    def inputs(folder: Path) -> None:
        src = folder / "in"
        src.mkdir()
        scan = render_pdf_page(shared / ACT, 1, DPI).rotate(TILT, resample=Image.Resampling.BICUBIC, expand=False,
                                                             fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
        (src / "scan.pdf").write_bytes(image_pdf([scan], DPI))
        scan.save(src / "photo.png", dpi=(DPI, DPI))
        shutil.copy(shared / ACT, src / "born-digital.pdf")
        shutil.copy(shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt", src / "founding.txt")

    folder, proc = run_cli_once(tmp_path_factory, "searchable", "ingest", "{folder}/in", "--out", "{folder}/out", "--jobs", "2",
                                "--pdf", build=inputs)
    assert proc.returncode == 0, proc.stderr
    src, out = folder / "in", copy_of(folder / "out", tmp_path_factory, "searchable")
    with pdfplumber.open(shared / ACT) as pdf:
        page = pdf.pages[0]
        truth = [(w["text"], _turned(page.width, page.height, (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2))
                 for w in page.extract_words()]
    return src, out, truth


def _turned(width: float, height: float, x: float, y: float) -> tuple[float, float]:
    """Where PIL's rotate(TILT) about the centre puts a point (y down, counter-clockwise)."""
    t = math.radians(TILT)
    dx, dy = x - width / 2, y - height / 2
    return width / 2 + math.cos(t) * dx + math.sin(t) * dy, height / 2 - math.sin(t) * dx + math.cos(t) * dy


def _placed(found: list[tuple[str, tuple[float, float]]], truth) -> tuple[int, int]:
    """(words of 4+ letters that the act also prints, those within 4 points of one of its places)."""
    by_text: dict[str, list] = {}
    for text, at in truth:
        by_text.setdefault(text, []).append(at)
    close = n = 0
    for text, at in found:
        if len(text) >= 4 and text in by_text:
            n += 1
            close += min(math.dist(at, t) for t in by_text[text]) < 4.0
    return close, n


@pytest.mark.parametrize("name", ["scan", "photo"])
def test_the_searchable_pdf_holds_the_repaired_words_over_the_scanned_ones(searchable, name):
    _, out, truth = searchable
    with pdfplumber.open(out / "pdf" / f"{name}.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words(use_text_flow=True)  # in the order written: Tesseract's reading order
        assert len(page.images) == 1
    repaired = (out / "text" / f"{name}.txt").read_text(encoding="utf-8")
    assert word_f1(" ".join(w["text"] for w in words), repaired) == 1.0
    close, n = _placed([(w["text"], ((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)) for w in words], truth)
    assert n >= 30 and close >= 0.95 * n, (close, n)


def test_the_scan_is_untouched_and_a_born_digital_page_is_copied_as_it_is(searchable):
    src, out, _ = searchable
    with pikepdf.open(src / "scan.pdf") as before, pikepdf.open(out / "pdf" / "scan.pdf") as after:
        (image_in,) = before.pages[0].get_images().values()
        (image_out,) = after.pages[0].get_images().values()
        assert image_in.read_raw_bytes() == image_out.read_raw_bytes()
    with pikepdf.open(src / "born-digital.pdf") as before, pikepdf.open(out / "pdf" / "born-digital.pdf") as after:
        assert len(before.pages) == len(after.pages)
        assert [p.Contents.read_bytes() if isinstance(p.Contents, pikepdf.Stream) else None for p in before.pages] == \
               [p.Contents.read_bytes() if isinstance(p.Contents, pikepdf.Stream) else None for p in after.pages]
    assert (out / "text" / "founding.txt").exists() and not (out / "pdf" / "founding.pdf").exists()  # text: no pages


def test_the_alto_measures_the_scan_and_numbers_its_page(searchable):
    src, out, truth = searchable
    root = ET.parse(out / "alto" / "scan" / "page-1.xml").getroot()
    ns = {"a": root.tag.split("}")[0].strip("{")}
    page = root.find(".//a:Page", ns)
    width, height = Image.open(src / "photo.png").size
    assert page.get("PHYSICAL_IMG_NR") == "1"
    assert abs(int(page.get("WIDTH")) - width) <= 1 and abs(int(page.get("HEIGHT")) - height) <= 1
    scale = 72 / DPI  # pixels of the scan -> points of the act
    strings = [(s.get("CONTENT"), ((int(s.get("HPOS")) + int(s.get("WIDTH")) / 2) * scale,
                                   (int(s.get("VPOS")) + int(s.get("HEIGHT")) / 2) * scale))
               for s in root.iterfind(".//a:String", ns)]
    close, n = _placed(strings, truth)
    assert n >= 30 and close >= 0.95 * n, (close, n)
    # the spaces between words measure the scan too: each one spans the gap between its words
    spaces = 0
    for line in root.iterfind(".//a:TextLine", ns):
        kids = list(line)
        for before, sp, after in zip(kids, kids[1:], kids[2:]):
            if sp.tag.endswith("SP") and sp.get("HPOS") is not None:
                gap_from = int(before.get("HPOS")) + int(before.get("WIDTH"))
                assert abs(int(sp.get("HPOS")) - gap_from) <= 3
                assert abs(int(sp.get("HPOS")) + int(sp.get("WIDTH")) - int(after.get("HPOS"))) <= 3
                top, height = int(line.get("VPOS")), int(line.get("HEIGHT"))  # the photo is tilted: a line's band
                assert top - height <= int(sp.get("VPOS")) <= top + 2 * height
                spaces += 1
    assert spaces >= 20


def test_reprocess_writes_the_searchable_pdf_again_from_the_stored_geometry(searchable, tmp_path):
    _, out, truth = searchable
    work = tmp_path / "out"
    shutil.copytree(out, work)
    (work / "pdf" / "scan.pdf").write_bytes(b"stale")  # whatever was there is replaced
    proc = run_cli("reprocess", str(work))
    assert proc.returncode == 0, proc.stderr
    with pdfplumber.open(work / "pdf" / "scan.pdf") as pdf:
        words = pdf.pages[0].extract_words(use_text_flow=True)
    assert word_f1(" ".join(w["text"] for w in words), (work / "text" / "scan.txt").read_text(encoding="utf-8")) == 1.0
    close, n = _placed([(w["text"], ((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)) for w in words], truth)
    assert n >= 30 and close >= 0.95 * n, (close, n)


def test_a_photo_the_camera_says_to_turn_keeps_its_pixels_and_gets_its_words(shared, tmp_path):
    """A JPEG stored sideways with EXIF orientation 6: read upright, the output page keeps the JPEG
    as it is and the viewer's turn (/Rotate 90); the words are laid on the page as shown."""
    import pypdfium2 as pdfium

    src = tmp_path / "in"
    src.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = render_pdf_page(shared / ACT, 1, DPI).rotate(90, expand=True).convert("RGB")
    sideways.save(src / "sideways.jpg", quality=92, exif=exif, dpi=(DPI, DPI))
    out = tmp_path / "out"
    assert run_cli("ingest", str(src), "--out", str(out), "--pdf").returncode == 0
    with pikepdf.open(out / "pdf" / "sideways.pdf") as pdf:
        assert int(pdf.pages[0].obj.get("/Rotate", 0)) == 90
        (image,) = pdf.pages[0].get_images().values()
        assert image.read_raw_bytes() == (src / "sideways.jpg").read_bytes()[-len(image.read_raw_bytes()):]
    page = pdfium.PdfDocument(str(out / "pdf" / "sideways.pdf"))[0]
    text = page.get_textpage().get_text_range()
    assert word_f1(text, (out / "text" / "sideways.txt").read_text(encoding="utf-8")) == 1.0
    root = ET.parse(out / "alto" / "sideways" / "page-1.xml").getroot()
    alto_page = root.find(".//{*}Page")
    assert (int(alto_page.get("WIDTH")), int(alto_page.get("HEIGHT"))) == (sideways.height, sideways.width)


def test_pdf_asked_later_is_written_for_documents_already_stored(searchable, tmp_path):
    src, out, _ = searchable
    work = tmp_path / "out"
    shutil.copytree(out, work)
    (work / "pdf" / "scan.pdf").unlink()
    proc = run_cli("ingest", str(src), "--out", str(work))
    assert proc.returncode == 0 and not (work / "pdf" / "scan.pdf").exists()  # without --pdf: nothing to do
    proc = run_cli("ingest", str(src), "--out", str(work), "--pdf")
    assert proc.returncode == 0, proc.stderr
    assert (work / "pdf" / "scan.pdf").exists() and "1 changed, 3 unchanged" in proc.stderr
