"""Shared fixtures: the real corpus in ../shared, and known French text rendered into scans."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings
from PIL import Image, ImageDraw, ImageFont

# Property tests draw the same examples on every run and every machine: a red run can be rerun.
settings.register_profile("pipeline", derandomize=True, database=None, print_blob=True)
settings.load_profile("pipeline")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

# Known text, written for these tests in the register of council minutes.
KNOWN_PAGES = [
    textwrap.dedent("""\
        CONSEIL MUNICIPAL DE LA COMMUNE DE SAINT-AUBIN
        Séance publique du jeudi 14 mars 2019 à 18h30

        Objet : subvention exceptionnelle à l'association des jardins partagés

        Le Conseil Municipal, après en avoir délibéré, décide d'attribuer une
        subvention de 2 450 euros à l'association, pour l'aménagement d'un
        espace pédagogique près de l'école élémentaire. Les crédits nécessaires
        sont inscrits au budget primitif de l'exercice, chapitre 65, article 6574.
        Monsieur le Maire est autorisé à signer la convention correspondante.

        Votes : 23 pour, 2 contre, 1 abstention. Adopté à la majorité."""),
    textwrap.dedent("""\
        Délibération n° 2019/047 transmise en préfecture le 18 mars 2019

        Vu le Code général des collectivités territoriales, notamment son
        article L. 2121-29 ; considérant l'intérêt communal du projet et
        l'avis favorable de la commission des finances réunie le 5 mars,
        le Conseil approuve la création d'un comité de suivi composé de
        quatre élus et de trois représentants des habitants du quartier.
        Le coût prévisionnel des travaux s'élève à 18 700,50 euros hors taxes.

        Fait et délibéré les jour, mois et an susdits. Pour extrait conforme."""),
]


def render_text(text: str, dpi: int = 300, font_pt: float = 12) -> Image.Image:
    """An A4 page with ``text`` set in a serif font, as a grayscale image at ``dpi``."""
    if not FONT.exists():
        pytest.fail(f"font {FONT} missing: run scripts/setup.sh (installs fonts-dejavu-core)")
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), int(font_pt * dpi / 72))
    y = int(1.0 * dpi)
    step = int(font_pt * 1.6 * dpi / 72)
    for line in text.splitlines():
        draw.text((int(1.0 * dpi), y), line, fill=0, font=font)
        y += step
    return page


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpus is missing at {SHARED}")
    return SHARED


def once(tmp_path_factory, name: str, build) -> Path:
    """A folder that ``build(folder)`` fills once per test session, whichever of pytest-xdist's
    workers asks first (the others wait for it, then take it): the same inputs and runs each
    worker made for itself before, made once. What a test changes it copies first, as before."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's folder, above each worker's own
    folder = root / "once" / name
    folder.parent.mkdir(exist_ok=True)
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        built = folder.parent / f"{name}.built"
        if not built.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            built.touch()
    return folder


def run_cli_once(tmp_path_factory, name: str, *args: str, build=None) -> tuple[Path, subprocess.CompletedProcess]:
    """``once``: ``build(folder)`` (the inputs), then the command ``args`` with "{folder}" in them
    replaced; its exit code and output kept beside the folder for every worker that asks."""
    def made(folder: Path) -> None:
        if build:
            build(folder)
        proc = run_cli(*(a.replace("{folder}", str(folder)) for a in args))
        (folder.parent / f"{name}.proc.json").write_text(json.dumps([proc.args, proc.returncode, proc.stdout, proc.stderr]))
    folder = once(tmp_path_factory, name, made)
    cmd, code, out, err = json.loads((folder.parent / f"{name}.proc.json").read_text())
    return folder, subprocess.CompletedProcess(cmd, code, out, err)


def copy_of(folder: Path, tmp_path_factory, name: str) -> Path:
    """A copy of ``folder`` of this worker's own (an output folder a test may write to)."""
    mine = tmp_path_factory.mktemp(name) / folder.name
    shutil.copytree(folder, mine, symlinks=True)
    return mine


def run_cli(*args: str, timeout: float = 900, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a child process."""
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, env=env,
    )


def slow_scans(shared: Path, folder: Path, n: int = 4, first_page: int = 10) -> None:
    """Born-digital pages printed to poor 150-dpi scans: OCR makes a run last a while."""
    from benchmarks.evaluation import degrade, image_pdf, render_pdf_page

    pdf = shared / "montpellier/proces-verbaux-2014/PV_CM_24_04_2014.pdf"
    for i in range(n):
        page = degrade(render_pdf_page(pdf, first_page + i, 150), seed=i)
        (folder / f"scan-{i}.pdf").write_bytes(image_pdf([page], 150))


def wait_until_reading(proc: subprocess.Popen, out: Path, until=lambda: True, timeout: float = 120) -> None:
    """Until the run holds its output folder and reads pages (its spool exists) and ``until()``."""
    import time

    deadline = time.monotonic() + timeout
    while not ((out / ".spool").exists() and until()):
        assert proc.poll() is None, "the run ended before it was caught reading"
        assert time.monotonic() < deadline, "the run never started reading"
        time.sleep(0.1)


# --- ALTO: every file the tests write is ALTO 4.4, valid against its schema -------------------

ALTO_SCHEMA = SHARED.parent / "docs" / "alto" / "alto-4-4.xsd"
XLINK_SCHEMA = Path(__file__).parent / "schemas" / "xlink.xsd"  # the schema's one import, kept here: no network


def alto_errors(alto: str | bytes | Path) -> list[str]:
    """What makes ``alto`` (a file, or its text) invalid against ../shared/docs/alto/alto-4-4.xsd."""
    from lxml import etree

    schema = _alto_schema()
    source = Path(alto).read_bytes() if isinstance(alto, Path) else alto.encode() if isinstance(alto, str) else alto
    doc = etree.fromstring(source, etree.XMLParser(no_network=True, resolve_entities=False))
    return [] if schema.validate(doc) else [f"{e.line}: {e.message}" for e in schema.error_log]


_SCHEMA = []


def _alto_schema():
    from lxml import etree

    if not _SCHEMA:
        class Local(etree.Resolver):
            def resolve(self, url, pubid, context):
                if url.endswith("/xlink.xsd"):
                    return self.resolve_filename(str(XLINK_SCHEMA), context)
                return None

        parser = etree.XMLParser(no_network=True)
        parser.resolvers.add(Local())
        _SCHEMA.append(etree.XMLSchema(etree.parse(str(ALTO_SCHEMA), parser)))
    return _SCHEMA[0]


@pytest.fixture(scope="session", autouse=True)
def every_alto_the_tests_write_is_valid(tmp_path_factory):
    """After the last test: every ALTO file written under the session's temporary folders (by
    ingest, reprocess, the review site's runs …) validates against ALTO 4.4."""
    yield
    invalid = {}
    base = tmp_path_factory.getbasetemp()
    folders = [base, base.parent / "once"] if os.environ.get("PYTEST_XDIST_WORKER") else [base]  # and what ``once`` built
    for path in (p for folder in folders for p in folder.rglob("alto/*/page-*.xml")):
        errors = alto_errors(path)
        if errors:
            invalid[str(path)] = errors[:2]
    assert not invalid, f"{len(invalid)} ALTO files are not valid ALTO 4.4: {dict(list(invalid.items())[:3])}"
