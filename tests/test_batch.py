"""Nightly batch guarantees: every bad file is one clear failed row, a killed run simply runs
again, reruns do only new work, one run at a time, and the same work on a Dask cluster."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import duckdb
import pytest

import pipeline
from pipeline import faults
from benchmarks.evaluation import degrade, image_pdf
from tests.conftest import KNOWN_PAGES, ROOT, once, render_text, run_cli, run_cli_once

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

DELIB = "montpellier/deliberations-2014-04/2014-04-24-0000071216.pdf"


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height pixels (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def _protect(src: Path, dst: Path, password: str) -> None:
    """A password-protected copy, encrypted by qpdf (Debian package, installed by setup)."""
    done = subprocess.run(["qpdf", "--encrypt", password, password, "256", "--", str(src), str(dst)],
                          capture_output=True)
    assert done.returncode in (0, 3) and dst.exists(), done.stderr  # 3: done, with warnings


@pytest.fixture(scope="module")
def bad_inbox(tmp_path_factory, shared):
    d = tmp_path_factory.mktemp("bad")
    good = d / "good.pdf"
    shutil.copy(shared / DELIB, good)
    (d / "notes.txt").write_bytes("Délibération adoptée à l'unanimité, coût : 1 500 €\n".encode("cp1252"))
    (d / "empty.pdf").write_bytes(b"")
    (d / "truncated.pdf").write_bytes((shared / DELIB).read_bytes()[:3000])
    (d / "letter.pdf").write_text("Bonjour, ceci est un courrier en texte brut.\n", encoding="utf-8")
    (d / "noise.png").write_bytes(os.urandom(4096))
    (d / "bomb.png").write_bytes(_png_header_only(40_000, 40_000))
    _protect(shared / DELIB, d / "locked.pdf", "secret")
    outside = tmp_path_factory.mktemp("elsewhere") / "private.txt"
    outside.write_text("ne doit pas entrer dans la base\n", encoding="utf-8")
    (d / "leak.txt").symlink_to(outside)
    return d


def test_every_bad_file_is_one_clear_failure(bad_inbox, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("ingest", str(bad_inbox), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        rows = dict(con.execute("SELECT source_path, coalesce(error, 'OK') FROM documents").fetchall())
        leaked = con.execute("SELECT count(*) FROM pages WHERE text_raw LIKE '%ne doit pas%'").fetchone()[0]
    assert rows["good.pdf"] == "OK" and rows["notes.txt"] == "OK"
    expected = {
        "empty.pdf": "empty file (0 bytes)",
        "truncated.pdf": "not a readable PDF",
        "letter.pdf": "not a PDF",
        "noise.png": "not a readable image",
        "bomb.png": "exceeds the limit of 200,000,000 pixels",
        "locked.pdf": "password-protected",
        "leak.txt": "outside the input folder",
    }
    for name, words in expected.items():
        assert words in rows[name], (name, rows[name])
        assert "\n" not in rows[name]
    assert leaked == 0
    text = (out / "text" / "notes.txt").read_text(encoding="utf-8")
    assert "adoptée à l'unanimité" in text and "1 500 €" in text


def test_pixel_limit_is_configurable(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    render_text(KNOWN_PAGES[0], dpi=100).save(src / "page.png")
    proc = run_cli("ingest", str(src), "--out", str(tmp_path / "out"), "--max-pixels", "100000")
    assert proc.returncode == 1 and "exceeds the limit of 100,000 pixels" in proc.stderr


def test_unreadable_file_is_reported(tmp_path):
    """Root reads every file whatever its mode; without the capabilities that let it
    (dac_override, dac_read_search) it meets permission bits like any user."""
    if not shutil.which("setpriv"):
        pytest.fail("setpriv (util-linux) is needed to drop root's file-access capabilities")
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("texte lisible\n", encoding="utf-8")
    secret = src / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 private")
    secret.chmod(0o000)
    out = tmp_path / "out"
    proc = subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-m",
                           "pipeline", "ingest", str(src), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "secret.pdf: permission denied (file is not readable)" in proc.stderr
    assert "ok      ok.txt" in proc.stderr and "Traceback" not in proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert dict(con.execute("SELECT source_path, status FROM documents").fetchall()) == {
            "ok.txt": "ok", "secret.pdf": "failed"}


def test_special_files_are_refused_not_read(tmp_path):
    """A FIFO in the archive would block a reader forever: it is reported, never opened."""
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "pipe.txt")
    (src / "ok.txt").write_text("texte\n", encoding="utf-8")
    proc = run_cli("ingest", str(src), "--out", str(tmp_path / "out"), timeout=120)
    assert proc.returncode == 1
    assert "pipe.txt: not a regular file" in proc.stderr


def test_hanging_tesseract_is_stopped_by_the_page_timeout(tmp_path, shared):
    """Fault injection: a Tesseract that never answers on page images."""
    fake = tmp_path / "bin"
    fake.mkdir()
    real = shutil.which("tesseract")
    (fake / "tesseract").write_text(
        "#!/bin/sh\ncase \"$2\" in -|--*|'') ;; *) exec sleep 600 ;; esac\n"
        f"case \"$1\" in --*) exec {real} \"$@\" ;; esac\nexec sleep 600\n")
    (fake / "tesseract").chmod(0o755)
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.pdf").write_bytes(image_pdf([degrade(render_text(KNOWN_PAGES[0], dpi=150))], 150))
    (src / "text.txt").write_text("une page de texte\n", encoding="utf-8")
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(tmp_path / "out"),
                           "--page-timeout", "3"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "scan.pdf: Tesseract did not finish within 3 s" in proc.stderr.replace("FAILED  ", "")
    assert "ok      text.txt" in proc.stderr


def test_latin1_and_cp1252_text_is_decoded(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes("Procès-verbal : l’élu a reçu 2 000 € — œuvre\n".encode("cp1252"))
    (src / "b.txt").write_bytes("Séance du 3 février, délibéré à l'unanimité\n".encode("latin-1"))
    out = tmp_path / "out"
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    assert (out / "text" / "a.raw.txt").read_text(encoding="utf-8") == "Procès-verbal : l’élu a reçu 2 000 € — œuvre\n"
    assert (out / "text" / "b.raw.txt").read_text(encoding="utf-8") == "Séance du 3 février, délibéré à l'unanimité\n"


def _tables(out: Path) -> dict:
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        return {
            "documents": con.execute("SELECT doc_id, source_path, sha256, kind, n_pages, status, error "
                                     "FROM documents ORDER BY doc_id").fetchall(),
            "pages": con.execute("SELECT * EXCLUDE (ocr_confidence), round(ocr_confidence, 2) FROM pages ORDER BY ALL").fetchall(),
            "words": con.execute("SELECT * FROM words ORDER BY ALL").fetchall(),
            "corrections": con.execute("SELECT * FROM corrections ORDER BY ALL").fetchall(),
        }


@pytest.fixture(scope="module")
def killable_inbox(tmp_path_factory, shared):
    """A night's inbox of four documents, one of each kind — a one-page scanned PDF, a page image,
    a born-digital act, a text file — built once for the session (tests copy it to change it)."""
    def build(folder: Path) -> None:
        d = folder / "nightly"
        d.mkdir()
        scan, page = (degrade(render_text(t, dpi=150), seed=i) for i, t in enumerate(KNOWN_PAGES))
        (d / "scan.pdf").write_bytes(image_pdf([scan], 150))
        shutil.copy(shared / DELIB, d / "delib.pdf")
        shutil.copy(shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt", d / "mantes.txt")
        page.save(d / "page.png", dpi=(150, 150))

    return once(tmp_path_factory, "killable-inbox", build) / "nightly"


@pytest.fixture(scope="module")
def reference_run(killable_inbox, tmp_path_factory):
    """The inbox ingested with nothing in the way, once for the session (read only)."""
    folder, proc = run_cli_once(tmp_path_factory, "killable-reference", "ingest", str(killable_inbox),
                                "--out", "{folder}/out", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    return folder / "out"


def _files_of(out: Path) -> dict:
    return {sub: sorted(p.relative_to(out) for p in (out / sub).rglob("*") if p.is_file()) for sub in ("text", "alto")}


@pytest.mark.parametrize("point", faults.POINTS)
def test_a_kill_at_each_named_point_then_a_rerun_gives_the_uninterrupted_result(
        killable_inbox, reference_run, tmp_path, point):
    """Deterministic crash tests: the run kills itself (SIGKILL) at the named point, on the second
    document there (the first for the workers); the kill is proven to have happened there, the
    state it left is the partial one that point implies, and a rerun gives the reference tables."""
    out, log = tmp_path / "out", tmp_path / "fault.log"
    nth = "1" if point == "workers-busy" else "2"
    env = dict(os.environ, PIPELINE_FAULT=f"{point}:{nth}", PIPELINE_FAULT_LOG=str(log))
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(killable_inbox), "--out", str(out),
                              "--jobs", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert child.wait(timeout=600) == -signal.SIGKILL
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # its workers, which a killed parent leaves behind
        except ProcessLookupError:
            pass
    assert log.read_text(encoding="utf-8") == point
    assert not (out / "runs").exists() or not list((out / "runs").iterdir())  # no report: the run never ended
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        stored = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY processed_at").fetchall()]
    written = {p.name.split(".")[0] for p in (out / "text").glob("*.raw.txt")} if (out / "text").exists() else set()
    if point == "after-files":  # the second document's files are there, its rows are not
        assert len(stored) == 1 and len(written) == 2
    elif point == "in-transaction":  # its rows were inserted, then lost with the uncommitted transaction
        assert len(stored) == 1 and len(written) == 2
    elif point == "after-commit":  # committed, but no snapshot published it yet
        assert len(stored) == 2
        with pipeline.open(out) as res:
            assert len(res.documents) == 0  # the snapshot of the run's start: empty
    else:  # workers-busy: the run died with documents still unread
        assert len(stored) < 4
    again = run_cli("ingest", str(killable_inbox), "--out", str(out), "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert _tables(out) == _tables(reference_run)
    assert _files_of(out) == _files_of(reference_run)
    assert (out / "text" / "scan.txt").read_bytes() == (reference_run / "text" / "scan.txt").read_bytes()
    assert not [p for p in out.rglob("*") if p.name.endswith((".tmp", ".old"))]
    with pipeline.open(out) as res:
        assert len(res.documents) == 4


def test_a_worker_that_dies_fails_its_document_only(killable_inbox, tmp_path):
    """A worker killed while reading one file (as the OOM killer would): the pool is started
    again, what was in flight is read again one unit at a time, the file that kills its worker a
    second time fails with a clear line, and every other document is stored."""
    env = dict(os.environ, PIPELINE_FAULT="in-worker:page.png")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(killable_inbox), "--out",
                           str(tmp_path / "out"), "--jobs", "2"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert "page.png: a worker process died while reading this document" in proc.stderr.replace("FAILED  ", "")
    with duckdb.connect(str(tmp_path / "out" / "pipeline.duckdb"), read_only=True) as con:
        status = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    assert status == {"page.png": "failed", "scan.pdf": "ok", "delib.pdf": "ok", "mantes.txt": "ok"}


def test_a_failed_rerun_keeps_the_last_good_rows(tmp_path, shared):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(shared / DELIB, src / "delib.pdf")
    assert run_cli("ingest", str(src), "--out", str(out)).returncode == 0
    (src / "delib.pdf").write_bytes((shared / DELIB).read_bytes()[:3000])  # the file is damaged overnight
    again = run_cli("ingest", str(src), "--out", str(out))
    assert again.returncode == 1 and "delib.pdf: not a readable PDF" in again.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT status FROM documents").fetchone()[0] == "failed"
        assert con.execute("SELECT number FROM deliberations").fetchall() == [("2014/155",)]
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 2


def test_incremental_reruns(killable_inbox, reference_run, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(killable_inbox, src)
    out = tmp_path / "out"
    shutil.copytree(reference_run, out)
    # same content, new folder and times: recognised by hash, nothing redone
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0 and "0 new, 0 changed, 4 unchanged" in proc.stderr
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0 and "0 new, 0 changed, 4 unchanged" in proc.stderr
    # removed: marked, kept; changed: replaced, not duplicated
    (src / "page.png").unlink()
    (src / "mantes.txt").write_text("La deuxieme version.\n", encoding="utf-8")
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0 and "1 changed, 2 unchanged, 0 failed, 1 removed" in proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        removed = dict(con.execute("SELECT doc_id, removed_at IS NOT NULL FROM documents").fetchall())
        mantes = con.execute("SELECT text_clean FROM pages WHERE doc_id = 'mantes.txt'").fetchall()
        assert con.execute("SELECT count(*) FROM pages WHERE doc_id = 'page.png'").fetchone()[0] == 1
    assert removed == {"scan.pdf": False, "delib.pdf": False, "mantes.txt": False, "page.png": True}
    assert mantes == [("La deuxième version.\n",)]
    # a file that comes back is current again
    shutil.copy(killable_inbox / "page.png", src / "page.png")
    proc = run_cli("ingest", str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT removed_at FROM documents WHERE doc_id = 'page.png'").fetchone()[0] is None


def test_two_runs_cannot_share_an_output_folder(killable_inbox, tmp_path):
    """The lock itself (lock.py), held by another real process: no polling, no timing."""
    from pipeline.store.lock import OutputLock
    from pipeline.errors import UsageError

    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom pipeline.store.lock import OutputLock\n"
                               f"lock = OutputLock({str(out)!r}).__enter__()\nprint('held', flush=True)\ntime.sleep(600)"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(UsageError, match=f"another run \\(pid {holder.pid}\\)"):
            with OutputLock(out):
                pass
        second = run_cli("ingest", str(killable_inbox), "--out", str(out))
        assert second.returncode == 2 and "another run" in second.stderr
    finally:
        holder.kill()
        holder.wait()
    with OutputLock(out):  # the lock went with its holder
        pass
    third = run_cli("ingest", str(killable_inbox), "--out", str(out))
    assert third.returncode == 0, third.stderr


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A real scheduler and two workers on loopback, started for these tests. The scheduler
    binds a port of its own choosing (port 0) and says which in its scheduler file."""
    import json

    dask = str(Path(sys.executable).with_name("dask"))
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    info = tmp_path_factory.mktemp("dask") / "scheduler.json"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    try:
        for _ in range(1200):
            if info.exists() and info.stat().st_size:
                break
            assert procs[0].poll() is None, "the scheduler died"
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard",
                                           "--host", "127.0.0.1"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_dask_cluster_gives_the_tables_of_a_local_run(dask_cluster, killable_inbox, reference_run, bad_inbox, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("ingest", str(killable_inbox), "--out", str(out), "--scheduler", dask_cluster)
    assert proc.returncode == 0, proc.stderr
    assert _tables(out) == _tables(reference_run)
    # failures on workers come back as the same one-line errors
    bad = run_cli("ingest", str(bad_inbox), "--out", str(tmp_path / "bad"), "--scheduler", dask_cluster)
    assert bad.returncode == 1
    assert "truncated.pdf: not a readable PDF" in bad.stderr and "Traceback" not in bad.stderr


def test_unreachable_scheduler_is_a_usage_error(tmp_path, killable_inbox):
    with socket.socket() as taken:  # a port held, not listening, for the whole test: nobody answers there
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        proc = run_cli("ingest", str(killable_inbox), "--out", str(tmp_path / "o"), "--scheduler",
                       f"tcp://127.0.0.1:{port}", "--scheduler-timeout", "2")
    assert proc.returncode == 2 and "cannot reach the Dask scheduler" in proc.stderr


def test_stages_up_to_extract_run_on_the_workers_and_a_bug_there_fails_one_document(killable_inbox, tmp_path):
    """run/stages.py: read, ocr, repair and extract run on the workers; the main process only
    stores, and never loads the lexicon or the spaCy model (it stays free to feed many workers).
    A bug met while repairing one document fails that document in one line; the others are stored
    with their records."""
    code = ("import sys, pipeline; s = pipeline.ingest(sys.argv[1], sys.argv[2], jobs=2); "
            "lex = sys.modules.get('pipeline.repair.lexicon'); "
            "print(s.failed, 'spacy' in sys.modules, bool(lex and lex.load.cache_info().currsize), s.main_cpu_seconds > 0)")
    env = dict(os.environ, PIPELINE_FAULT="in-finish:mantes.txt")
    proc = subprocess.run([sys.executable, "-c", code, str(killable_inbox), str(tmp_path / "out")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["1", "False", "False", "True"]
    with duckdb.connect(str(tmp_path / "out" / "pipeline.duckdb"), read_only=True) as con:
        status = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
        error = con.execute("SELECT error FROM documents WHERE doc_id = 'mantes.txt'").fetchone()[0]
        records = con.execute("SELECT count(*) FROM deliberations WHERE doc_id = 'delib.pdf'").fetchone()[0]
        repaired = con.execute("SELECT count(*) FROM pages WHERE doc_id = 'scan.pdf' AND text_clean IS NOT NULL").fetchone()[0]
    assert status == {"mantes.txt": "failed", "scan.pdf": "ok", "delib.pdf": "ok", "page.png": "ok"}
    assert error == "internal error: RuntimeError: fault injected at in-finish"
    assert records >= 1 and repaired == 1  # the scan's one page


def test_a_document_past_its_text_budget_fails_alone_and_the_run_goes_on(tmp_path, shared):
    """A pattern that backtracks catastrophically on one document's text (injected: a real one, on
    a list of names, which would run for hours) is stopped by the document's time budget: that
    document fails with a one-line error naming the stage, the other is stored with its records."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt", inbox / "mantes.txt")
    shutil.copy(shared / DELIB, inbox / "delib.pdf")
    env = dict(os.environ, PIPELINE_FAULT="backtracking:mantes.txt")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(inbox), "--out", str(tmp_path / "out"),
                           "--jobs", "1", "--text-timeout", "3"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert time.monotonic() - t0 < 120
    with duckdb.connect(str(tmp_path / "out" / "pipeline.duckdb"), read_only=True) as con:
        rows = dict(con.execute("SELECT doc_id, coalesce(error, status) FROM documents").fetchall())
        records = con.execute("SELECT count(*) FROM deliberations WHERE doc_id = 'delib.pdf'").fetchone()[0]
    assert rows == {"mantes.txt": "extraction took longer than 3 s (--text-timeout)", "delib.pdf": "ok"}
    assert records == 1
    assert "FAILED  mantes.txt: extraction took longer than 3 s (--text-timeout)" in proc.stderr
