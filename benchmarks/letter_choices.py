"""Do Tesseract's letter choices earn their time? (issue #27, decision 1)

Born-digital pages of four development communes (Pierrefonds, L'Arbresle, Couthenans, Montpellier)
are rendered at 150 dpi and degraded two ways, like an office scan and like a poor one (the
settings of benchmarks/resolution.py). Each scan is prepared as ingest prepares it, then read by
Tesseract twice on the same image: with the letter choices (``lstm_choice_mode=2``: the other
characters the recognizer considered, the repair's evidence) and without. Both readings are
repaired as ingest repairs them (the page's words and confidences given, with or without their
``alts``) and scored against the page's own text layer by word F1; Tesseract's CPU time is taken
on the same runs. The rule: the choices stay on by default only if they gain >= 0.3 points of
word F1 on the poor scans. A last column answers a question of decision 2 (one Tesseract output,
hOCR): hOCR gives each word's confidence as a whole number (``x_wconf 93`` where the TSV says
93.089172); the reading without choices is repaired again with its confidences so cut, and the
pages whose repaired text differs are counted.

    .venv/bin/python benchmarks/letter_choices.py [--jobs 2] [--pages 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"
SOURCE_DPI = 150
QUALITY = {"office": {}, "poor": {"blur": 1.0, "noise": 18.0, "jpeg_quality": 35}}
GAIN = 0.003  # word F1: the choices stay on by default above this gain on poor scans
COMMUNES = {  # development documents only (tests/gold/README.md): never a held-out commune
    "Pierrefonds": ["pierrefonds/20250403-PV.pdf", "pierrefonds/CM-05-decembre-2023.pdf"],
    "L'Arbresle": ["larbresle/CR_CM_2013-07-09.pdf"],
    "Couthenans": ["couthenans/CR_conseil_municipal_07_10_2022.pdf", "couthenans/CR_conseil_municipal_24_02_2023.pdf"],
    "Montpellier": ["montpellier/deliberations-2014-04/" + p.name
                    for p in sorted((SHARED / "montpellier" / "deliberations-2014-04").glob("*.pdf"))[:3]],
}


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def read(task: tuple) -> tuple:
    """One page, one rendering: (commune, quality, F1 raw, F1 repaired with choices, F1 repaired
    without, Tesseract CPU with, without)."""
    from benchmarks.evaluation import degrade, office_tilt, render_pdf_page, word_f1
    from pipeline.recognition import preprocess, tesseract
    from pipeline.repair import repairer
    from pipeline.sources.pdf import open_pdf, text_of

    commune, path, page_no, quality = task
    with open_pdf(SHARED / path) as pdf:
        truth = text_of(pdf.pages[page_no - 1])
    scan = degrade(render_pdf_page(SHARED / path, page_no, SOURCE_DPI),
                   angle=office_tilt(f"{Path(path).name}-{page_no}"), seed=page_no, **QUALITY[quality])
    work, dpi, _ = preprocess.prepare(scan, SOURCE_DPI, [])
    t = _cpu()
    with_choices = tesseract.run(work, dpi, choices=True)
    t_with = _cpu() - t
    t = _cpu()
    without = tesseract.run(work, dpi, choices=False)
    t_without = _cpu() - t
    rep = repairer()
    fixed_with = rep.repair(with_choices.text, words=with_choices.words)[0]
    fixed_without = rep.repair(without.text, words=without.words)[0]
    whole = [dict(w, conf=float(int(w["conf"]))) for w in without.words]  # as hOCR's x_wconf gives them
    fixed_whole = rep.repair(without.text, words=whole)[0]
    return (commune, quality, word_f1(without.text, truth), word_f1(fixed_with, truth), word_f1(fixed_without, truth),
            t_with, t_without, with_choices.text == without.text, fixed_whole != fixed_without)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", type=int, default=3, help="pages per document at most")
    args = ap.parse_args()
    from pipeline.sources.pdf import open_pdf

    tasks = []
    for commune, paths in COMMUNES.items():
        for path in paths:
            with open_pdf(SHARED / path) as pdf:
                n = min(args.pages, len(pdf.pages))
            tasks += [(commune, path, no, q) for no in range(1, n + 1) for q in QUALITY]
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(read, tasks))
    print(f"Letter choices: {len(tasks) // len(QUALITY)} pages of {len(COMMUNES)} communes at {SOURCE_DPI} dpi, "
          "word F1 against the text layer (mean over pages)")
    print(f"{'scans':22} {'pages':>5} {'as read':>8} {'repaired, choices':>18} {'repaired, none':>15} "
          f"{'gain':>7} {'Tesseract CPU with / without':>29} {'same text':>9} {'whole confidences change':>24}")
    gains = {}
    for label, keep in ([(f"{c}, {q}", lambda r, c=c, q=q: r[0] == c and r[1] == q) for c in COMMUNES for q in QUALITY]
                        + [(f"all, {q}", lambda r, q=q: r[1] == q) for q in QUALITY]):
        chosen = [r for r in rows if keep(r)]
        if not chosen:
            continue
        raw, with_, without = (statistics.mean(r[i] for r in chosen) for i in (2, 3, 4))
        cpu_with, cpu_without = sum(r[5] for r in chosen), sum(r[6] for r in chosen)
        gains[label] = with_ - without
        print(f"{label:22} {len(chosen):5} {raw:8.4f} {with_:18.4f} {without:15.4f} {(with_ - without) * 100:+6.2f}pt "
              f"{cpu_with:13.1f} s / {cpu_without:5.1f} s ({cpu_with / max(cpu_without, 1e-9):.2f}x) "
              f"{sum(r[7] for r in chosen):>5}/{len(chosen)} {sum(r[8] for r in chosen):>18}/{len(chosen)} pages")
    poor = gains.get("all, poor", 0.0)
    print(f"\nGain on poor scans: {poor * 100:+.2f} points of word F1 (rule: >= {GAIN * 100:.1f} to stay on by default) -> "
          + ("keep the choices on by default" if poor >= GAIN else "make them an option (--letter-choices)"))


if __name__ == "__main__":
    main()
