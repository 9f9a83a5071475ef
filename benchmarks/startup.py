"""Start-up: the wall time of one small job, where loading is the whole cost (issue #27, 6).

Targets: `pipeline ingest` of one small text file <= 2.5 s, `pipeline extract` of a page <= 1.5 s.
Each command runs --runs times (the median is printed), in one run beside its baselines: Python
starting and importing the command line, and the same command with the models' cache turned off
(``PIPELINE_CACHE=off``: every model built from its file, as before ``derived.py``). Pages are real:
a Pierrefonds page whose names need no tagger, an L'Arbresle page naming a city the tagger could
add (spaCy's French model loads); and the model's load alone, beside the same load as spaCy
does it, its tokenizer's long pattern compiled as written (``tagger.py``).

    .venv/bin/python benchmarks/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"
PIPELINE = [sys.executable, "-m", "pipeline"]


def wall(cmd: list[str], env: dict | None = None, before=None) -> float:
    if before:
        before()
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from pipeline.extraction import places, tagger
    from pipeline.sources.pdf import open_pdf, text_of

    work = Path(tempfile.mkdtemp(prefix="startup-"))
    try:
        inbox = work / "inbox"
        inbox.mkdir()
        (inbox / "note.txt").write_text("Le conseil municipal, réuni le 12 mars 2021, approuve à l'unanimité "
                                        "le budget primitif de 12 000 euros.\n", encoding="utf-8")
        pages = {}
        for name, path, index in (("no tagger", "pierrefonds/20250403-PV.pdf", 1),
                                  ("tagger", "larbresle/CR_CM_2013-07-09.pdf", 4)):
            with open_pdf(SHARED / path) as pdf:
                text = text_of(pdf.pages[index])
            pages[name] = work / f"{name.replace(' ', '-')}.txt"
            pages[name].write_text(text, encoding="utf-8")
            assert places.could_tag(text) == (name == "tagger"), name
        out = work / "out"

        def fresh_out() -> None:
            shutil.rmtree(out, ignore_errors=True)

        wall(PIPELINE + ["extract", str(pages["no tagger"])])  # the models' cache filled once
        rows = [
            ("python, importing the command line (baseline)", [sys.executable, "-c", "import pipeline.cli"], None, None, None),
            ("ingest one small text file", PIPELINE + ["ingest", str(inbox), "--out", str(out)], None, fresh_out, 2.5),
            ("  the same, models' cache off (baseline)", PIPELINE + ["ingest", str(inbox), "--out", str(out)],
             {"PIPELINE_CACHE": "off"}, fresh_out, None),
            ("extract a page (no city for the tagger)", PIPELINE + ["extract", str(pages["no tagger"])], None, None, 1.5),
            ("  the same, models' cache off (baseline)", PIPELINE + ["extract", str(pages["no tagger"])],
             {"PIPELINE_CACHE": "off"}, None, None),
            ("extract a page naming a city (spaCy loads)", PIPELINE + ["extract", str(pages["tagger"])], None, None, 1.5),
            ("spaCy's French model loaded (extraction/tagger.py)",
             [sys.executable, "-c", "from pipeline.extraction import tagger; tagger.nlp()"], None, None, None),
            ("  the same, its tokenizer's pattern as spaCy compiles it (baseline)",
             [sys.executable, "-c", f"import spacy; spacy.load({tagger.MODEL!r}, exclude={tagger.UNUSED!r})"], None, None, None),
        ]
        print(f"{'command':50} {'median s':>9} {'runs':>20} {'target':>7}")
        for label, cmd, env, before, target in rows:
            times = [wall(cmd, env, before) for _ in range(args.runs)]
            verdict = "" if target is None else ("ok" if statistics.median(times) <= target else "MISSED")
            print(f"{label:50} {statistics.median(times):9.2f} {' '.join(f'{t:.2f}' for t in times):>20} "
                  f"{'' if target is None else f'<= {target}':>7} {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
