"""What reading a page's layout costs (issue #26 on scans, measured as issue #27 asks): the page
read as before — one Tesseract run, a second one as a block of lines where margin notes were
written apart — against the page read as now: a margin panel behind a rule read apart from the
text (``recognition/columns.py``), and the lines Tesseract took for pictures read again
(``recognition/page.py``), and the same with each line's underline looked for on the image
(``recognition/typography.py``). The ways alternate page by page, in a rotating order, so that a
busy moment of the machine falls on each. Pages: Flaux's real copier scans (a ruled panel, underlined
titles), Montpellier's real 96-dpi report (a margin of rapporteurs, no rule), born-digital minutes
of Pierrefonds printed to a degraded scan. Each page on one core, as the pipeline runs it.

    .venv/bin/python benchmarks/ocr_layout.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

from benchmarks.evaluation import degrade, render_pdf_page  # noqa: E402
from pipeline.recognition import columns, page as page_ocr, preprocess, tesseract, typography  # noqa: E402
from pipeline.recognition.render import render  # noqa: E402
from pipeline.sources.pdf import inspect  # noqa: E402


def pages() -> list[tuple[object, int, str]]:
    """The prepared pages: (image, working dpi, what it is)."""
    out = []
    scans = [(SHARED / "flaux" / name, n, "Flaux copier scan") for name in
             ("PV_du_31_mars_2023-tampon.pdf", "compte_rendu_du_25_mars_2022_(1).pdf", "COMPTE_RENDU_DU_15_OCTOBRE.pdf")
             for n in (1, 2, 3)]
    scans += [(SHARED / "montpellier/comptes-rendus-2011/CR_CM_20_06_2011.pdf", n, "Montpellier 96-dpi report") for n in (2, 3, 4)]
    for pdf, no, kind in scans:
        _, infos = inspect(pdf, force_ocr=True, first=no, last=no)
        image, native = render(pdf, no, infos[0].native_dpi)
        out.append((image, native, kind))
    minutes = SHARED / "pierrefonds" / "compte-rendu-09-10-2018.pdf"
    out += [(degrade(render_pdf_page(minutes, no, 150), seed=no), 150, "Pierrefonds printed, 150 dpi") for no in (1, 2, 3)]
    prepared = []
    for image, native, kind in out:
        work, dpi, _ = preprocess.prepare(image, native)
        prepared.append((work, dpi, kind))
    return prepared


def before(work, dpi: int) -> tesseract.OCRResult:
    """The reading before: one run, and the second one where lines were written apart."""
    from pipeline.recognition import lines

    result = tesseract.run(work, dpi)
    if lines.read_again(result.words, work.width):
        again = tesseract.run(work, dpi, psm=page_ocr.MARGIN_PSM)
        if page_ocr._good_words(again) >= page_ocr.MARGIN_KEEP * page_ocr._good_words(result):
            result = again
    return result


def now(work, dpi: int) -> tesseract.OCRResult:
    return page_ocr._read(work, dpi, tesseract.DEFAULT_PSM, 300, False)


UNDERLINES: dict[str, list[float]] = {}  # per kind of page: the seconds the underlines alone took


def underlined(work, dpi: int, kind: str) -> list:
    """The reading now, and its lines' underlines (``typography.underlined_lines``, as ``ocr_image``)."""
    reading = now(work, dpi).reading
    start = time.perf_counter()
    found = typography.underlined_lines(work, reading, dpi)
    UNDERLINES.setdefault(kind, []).append(time.perf_counter() - start)
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    prepared = pages()
    ways = {"before (one reading, a second for written-apart lines)": lambda work, dpi, kind: before(work, dpi),
            "now (a ruled panel apart, pictures read again)": lambda work, dpi, kind: now(work, dpi),
            "now, and the lines' underlines looked for": underlined}
    times: dict[str, dict[str, list[float]]] = {w: {} for w in ways}
    for r in range(args.rounds):
        for i, (work, dpi, kind) in enumerate(prepared):
            order = list(ways.items())
            order = order[(i + r) % len(order):] + order[:(i + r) % len(order)]
            for name, way in order:
                start = time.perf_counter()
                way(work, dpi, kind)
                times[name].setdefault(kind, []).append(time.perf_counter() - start)
    kinds = list(dict.fromkeys(kind for _, _, kind in prepared))
    panels = {kind: sum(columns.margin_rule(w) is not None for w, _, k in prepared if k == kind) for kind in kinds}
    print(f"seconds per page, median of {args.rounds} rounds, one core each")
    print(f"{'':58}" + "".join(f"{k:>30}" for k in kinds))
    for name in ways:
        print(f"{name:58}" + "".join(f"{statistics.median(times[name][k]):>30.2f}" for k in kinds))
    first, second, _ = ways
    for k in kinds:
        ratio = statistics.median(times[second][k]) / statistics.median(times[first][k])
        lines = statistics.median(UNDERLINES[k]) / statistics.median(times[second][k])
        print(f"{k}: {ratio:.2f}x the time before; pages with a ruled panel: "
              f"{panels[k]}/{sum(1 for *_, kind in prepared if kind == k)}; the underlines alone: {100 * lines:.1f} % of the reading now")


if __name__ == "__main__":
    main()
