"""Exit codes a cron job reads, one per class of error, and the one-line messages beside them;
the page-layer decisions on odd PDFs; symbolic links inside the input folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.sources.pdf import inspect_page
from tests.conftest import ROOT, run_cli, slow_scans, wait_until_reading

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

DELIB = "montpellier/deliberations-2014-04/2014-04-24-0000071216.pdf"


def _cli(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=600, **kw)


def test_missing_tesseract_is_a_usage_error_with_the_fix(tmp_path, shared):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(shared / DELIB, src / "a.pdf")
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = _cli("ingest", str(src), "--out", str(tmp_path / "out"), env={"PATH": str(empty)})
    assert proc.returncode == 2
    assert proc.stderr == ("pipeline: error: tesseract is not installed: run "
                           "`apt-get install tesseract-ocr tesseract-ocr-fra`\n")


def test_an_internal_error_is_one_line_and_its_traceback_comes_with_debug(tmp_path, shared):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(shared / DELIB, src / "a.pdf")
    plain = _cli("ingest", str(src), "--out", str(tmp_path / "out"), env={"PIPELINE_FAULT": "internal-error"})
    assert plain.returncode == 2
    assert plain.stderr == ("pipeline: internal error: RuntimeError: fault injected at internal-error "
                            "(run with --debug for details)\n")
    debug = _cli("--debug", "ingest", str(src), "--out", str(tmp_path / "out"), env={"PIPELINE_FAULT": "internal-error"})
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and "fault injected" in debug.stderr
    late = _cli("ingest", str(src), "--out", str(tmp_path / "out"), "--debug", env={"PIPELINE_FAULT": "internal-error"})
    assert "Traceback (most recent call last)" in late.stderr  # --debug anywhere on the line


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path, shared):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    slow_scans(shared, src, n=3, first_page=5)
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--jobs", "1"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_reading(run, out)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert err.strip().splitlines()[-1] == "pipeline: interrupted"
    assert "Traceback" not in err
    (report,) = (out / "runs").glob("*.json")  # a partial report of what was done
    assert json.loads(report.read_text(encoding="utf-8"))["interrupted"] is True


def test_a_symbolic_link_inside_the_input_folder_is_refused_unless_followed(tmp_path, shared):
    src = tmp_path / "in"
    (src / "2014").mkdir(parents=True)
    shutil.copy(shared / DELIB, src / "2014" / "a.pdf")
    (src / "latest.pdf").symlink_to(src / "2014" / "a.pdf")
    refused = run_cli("ingest", str(src), "--out", str(tmp_path / "out"))
    assert refused.returncode == 1
    assert "latest.pdf: symbolic link not followed (use --follow-links to read it)" in refused.stderr
    with duckdb.connect(str(tmp_path / "out" / "pipeline.duckdb"), read_only=True) as con:
        assert dict(con.execute("SELECT doc_id, status FROM documents").fetchall()) == {
            "2014/a.pdf": "ok", "latest.pdf": "failed"}
    followed = run_cli("ingest", str(src), "--out", str(tmp_path / "out2"), "--follow-links")
    assert followed.returncode == 0, followed.stderr


class _Page:
    """What inspect_page reads of a pdfplumber page, for layouts no shared PDF has."""

    def __init__(self, text: str, images: list | None = None, width: float = 595, height: float = 842):
        self._text, self.images, self.width, self.height = text, images or [], width, height
        self.rects, self.curves, self.lines = [], [], []

    def extract_text(self, **_):
        return self._text

    def extract_words(self, **_):  # the segments of a text layer's first pages (sources/layout.py)
        return [{"text": w, "x0": 10.0 * i, "x1": 10.0 * i + 8, "top": 100.0, "bottom": 110.0}
                for i, w in enumerate(self._text.split()[:20])]


def test_page_layer_decisions():
    page_image = {"x0": 0, "x1": 595, "top": 0, "bottom": 842, "srcsize": (1240, 1754)}
    # a font without a Unicode map: pdfplumber gives (cid:NN) — OCR it
    garbage = inspect_page(_Page("(cid:12)(cid:45)(cid:3)" * 40), 1, force_ocr=False)
    assert garbage.needs_ocr
    # a page-sized scan with a small stamp of text on it — OCR it, at the scan's resolution
    stamp = inspect_page(_Page("Reçu en préfecture le 12/03/2020", [page_image]), 2, force_ocr=False)
    assert stamp.needs_ocr and round(stamp.native_dpi) == 150
    # someone's earlier OCR lying over the scan: read, and marked to be repaired
    layer = inspect_page(_Page("Le Consei1 municipal a adopte la de1iberation suivante. " * 10, [page_image]), 3,
                         force_ocr=False)
    assert not layer.needs_ocr and layer.page.over_image
    # a born-digital page
    born = inspect_page(_Page("Le Conseil municipal a adopté la délibération suivante. " * 10), 4, force_ocr=False)
    assert not born.needs_ocr and not born.page.over_image
    assert inspect_page(_Page(""), 5, force_ocr=False).page.text_raw == ""  # blank: nothing to OCR


def _children(pid: int) -> list[int]:
    """Every live descendant of ``pid``, from /proc."""
    kids, stack = [], [pid]
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    while stack:
        p = stack.pop()
        for child, parent in parents.items():
            if parent == p:
                kids.append(child)
                stack.append(child)
    return kids


@pytest.fixture(scope="module")
def slow_inbox(shared, tmp_path_factory):
    src = tmp_path_factory.mktemp("slow")
    slow_scans(shared, src, n=3, first_page=20)
    return src


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_worker_outlives_a_killed_run_and_a_rerun_gives_the_whole_result(slow_inbox, tmp_path, sig):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(slow_inbox), "--out", str(out), "--jobs", "2"],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_reading(run, out, until=lambda: len(_children(run.pid)) >= 2)  # OCR under way in the workers
    workers = _children(run.pid)
    run.send_signal(sig)  # SIGKILL: the main process gets no chance to stop anything
    assert run.wait(timeout=120) in (-signal.SIGKILL, 128 + signal.SIGTERM)
    deadline = time.monotonic() + 10
    while [w for w in workers if os.path.exists(f"/proc/{w}") and _state(w) != "Z"] and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and _state(w) != "Z"]
    assert alive == [], f"workers still running 10 s after the run was stopped: {alive}"
    if sig == signal.SIGTERM:  # (a rerun after SIGKILL at every point is checked in test_batch.py)
        assert run_cli("ingest", str(slow_inbox), "--out", str(out), "--jobs", "2").returncode == 0
        reference = tmp_path / "reference"
        assert run_cli("ingest", str(slow_inbox), "--out", str(reference), "--jobs", "2").returncode == 0
        assert _stored(out) == _stored(reference)


def _stored(out) -> dict:
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT * EXCLUDE (doc_id) FROM {t} ORDER BY ALL").fetchall()
                for t in ("pages", "words", "corrections", "cities", "dates", "amounts", "deliberations")}


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_an_empty_input_folder_warns_and_names_the_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "minutes.docx").write_bytes(b"PK\x03\x04 not read")
    proc = run_cli("ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "skipped minutes.docx: unsupported file type (.docx" in proc.stderr
    assert "no document to read" in proc.stderr
    (report,) = (tmp_path / "out" / "runs").glob("*.json")
    assert f"run report: {report}" in proc.stderr


# every command, given something it cannot use: (arguments, what the one line says)
FAILING = {
    "ocr": (["ocr", "{tmp}/nothing.pdf"], "nothing.pdf: no such file"),
    "ingest": (["ingest", "{tmp}/no-such-folder", "--out", "{tmp}/out"], "no-such-folder"),
    "reprocess": (["reprocess", "{tmp}/empty"], "no pipeline.duckdb here"),
    "verify": (["verify", "{tmp}/empty"], "no pipeline.duckdb here"),
    "review": (["review", "{tmp}/empty"], "{tmp}/empty"),
    "clean": (["clean", "{tmp}/nothing.txt"], "nothing.txt: no such file"),
    "extract": (["extract", "{tmp}/nothing.txt"], "nothing.txt: no such file"),
    "query": (["query", "{tmp}/empty", "SELECT 1"], "no database here"),
    "export": (["export", "{tmp}/empty", "--format", "csv", "--out", "{tmp}/csv"], "no database here"),
}


@pytest.mark.parametrize("command", sorted(FAILING))
def test_every_command_fails_in_one_line_and_shows_its_traceback_with_debug(tmp_path, command):
    """--debug behaves the same in every command: one line and the exit code without it, the
    traceback with it (the error is mapped once, in cli.main)."""
    (tmp_path / "empty").mkdir()
    args, said = FAILING[command]
    args = [a.format(tmp=tmp_path) for a in args]
    plain = _cli(*args)
    assert plain.returncode == 2, plain.stderr
    assert len(plain.stderr.strip().splitlines()) == 1 and plain.stderr.startswith("pipeline: error: ")
    assert said.format(tmp=tmp_path) in plain.stderr
    debug = _cli(*args, "--debug")
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and said.format(tmp=tmp_path) in debug.stderr
