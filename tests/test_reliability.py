"""A full or failing disk never loses what readers see.

After any run — failed, killed — and its rerun, the published snapshot equals the database, table
by table (``pipeline verify``), and the rerun reaches the tables and files of a run nothing
stopped. Every kind of write is failed in turn (``faults.WRITES``: no space left, or an
input/output error), as SQLite's tests fail every write; a real full disk is a small tmpfs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import pipeline
from pipeline import faults
from pipeline.store import integrity
from tests.conftest import KNOWN_PAGES, ROOT, once, render_text, run_cli

pytestmark = pytest.mark.slow  # runs the pipeline on real documents: left out of the quick loop (README)

COUTHENANS = ["CR_conseil_municipal_07_10_2022.pdf", "CR_conseil_municipal_28_10_2022.pdf"]  # development minutes (tests/gold/README.md)
PIERREFONDS = ["compte-rendu-23-08-2017.pdf", "compte-rendu-30-06-2017.pdf", "compte-rendu-09-07-2016.pdf",
               "compte-rendu-23-02-2017.pdf", "compte-rendu-10-03-2016.pdf", "compte-rendu-15-12-2016.pdf",
               "compte-rendu-13-10-2016.pdf", "compte-rendu-14-12-2015.pdf", "compte-rendu-02-02-2016.pdf",
               "compte-rendu-15-10-2015.pdf"]


def _ingest(inbox: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(inbox), "--out", str(out), "--jobs", "2",
                           *extra], cwd=ROOT, env=dict(os.environ, **(env or {})), capture_output=True, text=True,
                          timeout=600)


def _tables(out: Path) -> dict:
    """Every table of the database, less what differs between two runs of the same work (when)."""
    from pipeline import schema

    volatile = {"documents": "processed_at, mtime, size_bytes"}
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT * EXCLUDE ({volatile[t]}) FROM {t} ORDER BY ALL" if t in volatile
                               else f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in schema.TABLES}


def _files(out: Path) -> dict:
    return {sub: sorted((p.relative_to(out).as_posix(), p.read_bytes() if sub == "text" else None)
                        for p in (out / sub).rglob("*") if p.is_file())
            for sub in ("text", "alto", "pdf")}


def _published(out: Path) -> dict:
    """What a reader sees: documents and their deliberations."""
    with pipeline.open(out) as res:
        return {"documents": sorted(res.sql("SELECT doc_id, status FROM documents").itertuples(index=False)),
                "deliberations": len(res.sql("SELECT * FROM deliberations"))}


def assert_whole_snapshot(out: Path) -> None:
    """What readers see is a whole snapshot: every document it holds is there with all its rows as
    the database held them when it was published — those the database has written since (a run
    that failed before publishing them) aside, which the next publish takes."""
    from pipeline.store import snapshots

    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        stored = integrity.digests(con)
        lagging = snapshots.lagging(con, out / snapshots.FOLDER, snapshots.current(out))
    reader = snapshots.reader(out)
    try:
        published = integrity.digests(reader)
    finally:
        reader.close()
    for table, docs in published.items():
        for doc_id, digest in docs.items():
            assert doc_id in lagging or stored[table].get(doc_id) == digest, (table, doc_id)


def _two_nights(folder: Path, shared: Path, minutes: int) -> tuple[Path, Path]:
    """Two inboxes under ``folder``: ``first`` two Couthenans minutes; ``second`` those and
    ``minutes`` of Pierrefonds'."""
    first, second = folder / "first", folder / "second"
    first.mkdir()
    second.mkdir()
    for name in COUTHENANS:
        shutil.copy(shared / "couthenans" / name, first / name)
        shutil.copy(shared / "couthenans" / name, second / name)
    for name in PIERREFONDS[:minutes]:
        shutil.copy(shared / "pierrefonds" / name, second / name)
    return first, second


@pytest.fixture(scope="module")
def inboxes(tmp_path_factory, shared):
    """``first``: two minutes; ``second``: those, three more minutes, a text file and a scanned page."""
    def build(folder: Path) -> None:
        _, second = _two_nights(folder, shared, 3)
        shutil.copy(shared / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt", second / "mantes.txt")
        render_text(KNOWN_PAGES[0], dpi=150).save(second / "scan.png", dpi=(150, 150))

    folder = once(tmp_path_factory, "reliability-inboxes", build)
    return folder / "first", folder / "second"


@pytest.fixture(scope="module")
def stored_before(inboxes, tmp_path_factory):
    """The output folder after the first night: two documents published (tests copy it first)."""
    def build(folder: Path) -> None:
        assert _ingest(inboxes[0], folder / "out", "--pdf").returncode == 0

    return once(tmp_path_factory, "reliability-before", build) / "out"


@pytest.fixture(scope="module")
def uninterrupted(inboxes, stored_before, tmp_path_factory):
    """The second night with nothing in its way (read only)."""
    def build(folder: Path) -> None:
        shutil.copytree(stored_before, folder / "out")
        proc = _ingest(inboxes[1], folder / "out", "--pdf")
        assert proc.returncode == 0, proc.stderr

    return once(tmp_path_factory, "reliability-uninterrupted", build) / "out"


# (point, the time the run gets there, errno): every kind of write fails with no space left; the
# commonest with an input/output error as well
FAILURES = [(point, "2" if point in ("text-file", "db-transaction", "table-copy") else "1", "ENOSPC")
            for point in faults.WRITES]
FAILURES += [("db-transaction", "3", "EIO"), ("publish-part", "4", "EIO")]


@pytest.mark.parametrize("point,nth,errno_name", FAILURES, ids=[f"{p}-{e}" for p, _, e in FAILURES])
def test_a_write_that_fails_stops_the_run_in_one_line_and_a_rerun_gives_the_uninterrupted_result(
        inboxes, stored_before, uninterrupted, tmp_path, point, nth, errno_name):
    out = tmp_path / "out"
    shutil.copytree(stored_before, out)
    failed = _ingest(inboxes[1], out, "--pdf", env={"PIPELINE_FAULT": f"{point}:{nth}", "PIPELINE_FAULT_ERRNO": errno_name})
    assert failed.returncode == 2, failed.stderr
    said = failed.stderr.strip().splitlines()[-1]
    if errno_name == "ENOSPC":
        assert said.startswith(f"pipeline: error: {out}: no space left on its disk ("), said
        assert "free at least" in said and "what was stored is kept" in said
    else:
        assert said.startswith(f"pipeline: error: {out}: the disk failed to write "), said
    assert "internal error" not in failed.stderr and "Traceback" not in failed.stderr
    assert_whole_snapshot(out)
    assert not [p for p in out.rglob("*") if p.name.endswith((".tmp", ".old")) or p.name.startswith("tmp_")]
    again = _ingest(inboxes[1], out, "--pdf")
    assert again.returncode == 0, again.stderr
    assert integrity.verify(out).agree
    assert _tables(out) == _tables(uninterrupted)
    assert _files(out) == _files(uninterrupted)
    assert _published(out) == _published(uninterrupted)


def test_a_run_killed_between_a_snapshots_parts_and_its_manifest_leaves_the_last_one(
        inboxes, stored_before, uninterrupted, tmp_path):
    out, log = tmp_path / "out", tmp_path / "fault.log"
    shutil.copytree(stored_before, out)
    seen_before = _published(out)
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(inboxes[1]), "--out", str(out), "--pdf",
                              "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PIPELINE_FAULT="parts-written:1", PIPELINE_FAULT_LOG=str(log)),
                             start_new_session=True)
    try:
        assert child.wait(timeout=600) == -signal.SIGKILL
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert log.read_text(encoding="utf-8") == "parts-written"
    assert _published(out) == seen_before  # the new parts are written, but no reader is sent to them
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 7  # committed, not published
    assert not integrity.verify(out).agree
    again = _ingest(inboxes[1], out, "--pdf")
    assert again.returncode == 0, again.stderr
    assert integrity.verify(out).agree
    assert _tables(out) == _tables(uninterrupted)
    assert _published(out) == _published(uninterrupted)


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs (run as root, as CI does)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here ({done.stderr.strip()}): needs root and CAP_SYS_ADMIN")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_disk_that_fills_up_mid_run_then_a_rerun_publishes_every_document(
        small_disk, tmp_path, shared):
    """The night the issue describes: two documents stored, then a run of nine with about
    400 KB of room; space is freed; the rerun stores and publishes all nine — the documents the
    failed run committed but never published among them."""
    first, second = _two_nights(tmp_path, shared, 7)
    out = small_disk / "out"
    assert _ingest(first, out).returncode == 0
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    with open(filler, "wb") as f:
        f.truncate(0)
        os.posix_fallocate(f.fileno(), 0, free - 400 * 1024)
    full = _ingest(second, out)
    assert full.returncode == 2, full.stderr
    assert full.stderr.strip().splitlines()[-1].startswith(f"pipeline: error: {out}: no space left on its disk (")
    assert len(_published(out)["documents"]) >= 2  # readers still see a whole snapshot
    filler.unlink()
    again = _ingest(second, out)
    assert again.returncode == 0, again.stderr
    assert integrity.verify(out).agree
    reference = tmp_path / "reference"
    assert _ingest(second, reference).returncode == 0
    assert _tables(out) == _tables(reference)
    assert _published(out) == _published(reference)
    assert len(_published(out)["documents"]) == 9


def test_a_document_a_later_run_flags_across_documents_is_published_flagged(tmp_path, shared):
    """A session of one item with no number (Pierrefonds, 23 August 2017), stored alone; a later run
    brings numbered minutes into its folder, and the check across documents sends its record to
    review although that run does not read it again: readers see the record as the database holds
    it (its row was published unflagged, and the snapshot never took the change)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(shared / "pierrefonds" / "compte-rendu-23-08-2017.pdf", inbox)
    out = tmp_path / "out"
    assert _ingest(inbox, out).returncode == 0
    for name in ("compte-rendu-28-06-2016.pdf", "compte-rendu-12-12-2017.pdf"):
        shutil.copy(shared / "pierrefonds" / name, inbox)
    assert _ingest(inbox, out).returncode == 0
    assert integrity.verify(out).agree
    with pipeline.open(out) as res:
        (flagged,) = res.sql("SELECT needs_review FROM deliberations WHERE doc_id = 'compte-rendu-23-08-2017.pdf'").itertuples(
            index=False)
    assert flagged == (True,)

def test_verify_finds_a_damaged_snapshot_and_repair_mends_it(stored_before, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(stored_before, out)
    assert run_cli("verify", str(out)).returncode == 0
    # a part of the snapshot lost, a text file changed, a stray file, an unreadable run report
    manifest = pipeline.store.snapshots.current(out)
    (out / "published" / manifest["tables"]["deliberations"][-1]).unlink()
    text = sorted((out / "text").glob("*.txt"))[0]
    text.write_text("abîmé", encoding="utf-8")
    (out / "text" / "stray.txt").write_text("?", encoding="utf-8")
    report = sorted((out / "runs").glob("*.json"))[0]
    report.write_text("{", encoding="utf-8")
    found = run_cli("verify", str(out))
    assert found.returncode == 1
    lines = found.stderr.splitlines()
    assert any(line.startswith("snapshot: a part cannot be read") for line in lines)
    assert any(line.startswith("text: 1 documents' text files are missing or differ") for line in lines)
    assert any(line.startswith("text: 1 text files belong to no document") for line in lines)
    assert any(line.startswith("runs: 1 run reports cannot be read") for line in lines)
    mended = run_cli("verify", str(out), "--repair")
    assert mended.returncode == 0, mended.stderr
    assert "repaired: published the database again, whole" in mended.stderr
    assert run_cli("verify", str(out)).returncode == 0
    assert _published(out) == _published(stored_before)
    assert text.read_bytes() == (stored_before / "text" / text.name).read_bytes()


def test_a_damaged_database_is_named_and_rebuilt_from_the_snapshot(stored_before, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(stored_before, out)
    db = out / "pipeline.duckdb"
    db.write_bytes(db.read_bytes()[:5000])  # cut short
    proc = run_cli("ingest", str(tmp_path), "--out", str(out))
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(f"run `pipeline verify {out} --repair` to rebuild it from the published snapshot")
    assert f"{db}: not a DuckDB database, or a damaged one (" in proc.stderr
    mended = run_cli("verify", str(out), "--repair")
    assert mended.returncode == 0, mended.stderr
    assert "repaired: rebuilt pipeline.duckdb from the published snapshot" in mended.stderr
    assert _tables(out) == _tables(stored_before)
    assert list(out.glob("pipeline.duckdb.damaged-*"))  # kept, never deleted


def test_a_read_only_output_folder_is_said_so(stored_before, small_disk, tmp_path, inboxes):
    out = small_disk / "out"
    shutil.copytree(stored_before, out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        proc = _ingest(inboxes[1], out)
        assert proc.returncode == 2
        assert proc.stderr.strip().splitlines()[-1] == (
            f"pipeline: error: {out}: the output folder is on a read-only file system: mount it read-write and run again")
        assert run_cli("verify", str(out)).returncode == 0  # checking needs no write
        assert run_cli("query", str(out), "SELECT count(*) FROM pages").returncode == 0  # reading neither
        searched = run_cli("search", str(out), "conseil")  # the index's library takes a lock file even to read
        assert searched.returncode == 2 and searched.stderr.strip().splitlines()[-1] == (
            f"pipeline: error: {out}: the search index cannot be opened on a read-only file system (its library "
            "takes a lock file even to read): mount it read-write, or search a copy of the folder")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)


def test_an_input_folder_that_becomes_unreadable_stops_the_run_without_failing_its_documents(tmp_path, shared):
    """The archive's disk is unmounted mid-run (here: the folder moved away): the run stops with
    one line saying so (exit 2), stores no document as failed for it, and the next run reads the
    documents it left."""
    from tests.conftest import slow_scans, wait_until_reading

    src, out = tmp_path / "archive", tmp_path / "out"
    src.mkdir()
    slow_scans(shared, src, n=4, first_page=30)
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--jobs", "1"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until_reading(child, out)
    os.rename(src, tmp_path / "elsewhere")
    _, err = child.communicate(timeout=600)
    assert child.returncode == 2, err
    assert err.strip().splitlines()[-1] == (
        f"pipeline: error: {src}: the input folder became unreadable during the run (unmounted, moved or its "
        "permissions changed): the documents not read yet are left for the next run")
    with duckdb.connect(str(out / "pipeline.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0] == 0
    os.rename(tmp_path / "elsewhere", src)
    again = _ingest(src, out)
    assert again.returncode == 0, again.stderr
    assert len(_published(out)["documents"]) == 4
    assert integrity.verify(out).agree
