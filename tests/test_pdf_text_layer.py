"""Reading a born-digital page's text layer (sources/pdf.py): the quicker way the pipeline builds
a page's characters gives exactly the objects pdfplumber builds, on real pages of several
communes (fonts, sizes, colours, positions), and so the same text, lines and tables."""

from __future__ import annotations

import pytest

from pipeline.sources.pdf import inspect, open_pdf, quick
from tests.conftest import SHARED

PAGES = [("montpellier/proces-verbaux-2014/PV_CM_17_02_2014.pdf", (1, 2, 173)),  # a title page, a page of speeches
         ("pierrefonds/CM-24-janvier-2023.pdf", (1, 3)),  # bold headings, a table of amounts
         ("couthenans/CR_conseil_municipal_07_10_2022.pdf", (1,)),
         ("larbresle/CR_CM_2013-07-09.pdf", (1, 2)),
         ("aizac/DE_2020_02.pdf", (1,))]


@pytest.mark.parametrize("path,numbers", PAGES, ids=[p.split("/")[0] for p, _ in PAGES])
def test_the_quick_characters_are_pdfplumber_s_own(path, numbers):
    with open_pdf(SHARED / path) as plain, open_pdf(SHARED / path) as quicker:
        chars = 0
        for n in numbers:
            own, fast = plain.pages[n - 1].objects, quick(quicker.pages[n - 1]).objects
            chars += len(own["char"])
            assert own["char"] == fast["char"]  # every character, every attribute, in the same order
            assert [type(v) for c in own["char"] for v in c.values()] == [type(v) for c in fast["char"] for v in c.values()]
            # the other objects are pdfplumber's own; an image's stream is an object of its file, so not compared
            assert {kind: [{k: v for k, v in o.items() if k != "stream"} for o in objs] for kind, objs in own.items()} == \
                   {kind: [{k: v for k, v in o.items() if k != "stream"} for o in objs] for kind, objs in fast.items()}
        assert chars > 1000


def test_a_document_read_quickly_reads_as_before():
    """``inspect`` (which reads every page quickly) against pdfplumber's own objects page by page:
    the same text, lines with their typography, and ruled tables."""
    from pipeline.sources.pdf import inspect_page

    path = SHARED / "pierrefonds/CM-24-janvier-2023.pdf"
    _, infos = inspect(path)
    with open_pdf(path) as pdf:
        assert all(not info.needs_ocr for info in infos)  # every page read from its text layer
        for info in infos:
            own = inspect_page(pdf.pages[info.page_no - 1], info.page_no, False)
            assert (own.needs_ocr, own.native_dpi) == (info.needs_ocr, info.native_dpi)
            assert own.page.text_raw == info.page.text_raw and own.page.lines == info.page.lines
            assert own.page.tables == info.page.tables
