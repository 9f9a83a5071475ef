"""The command line: a thin layer over the library. Errors become exit codes here, once."""

from __future__ import annotations

import enum
import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline import __version__
from pipeline.errors import ExitCode, PipelineError, UsageError, one_line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Scanned council deliberations in; clean text and tables out.",
    pretty_exceptions_enable=False,
)
log = logging.getLogger("pipeline")
_debug = False

JOBS_HELP = "Worker processes (pages are spread across them); default: all cores."


def _fail(exc: BaseException) -> None:
    code = exc.exit_code if isinstance(exc, PipelineError) else ExitCode.SOME_FAILED
    typer.echo(f"pipeline: error: {one_line(exc)}", err=True)
    raise typer.Exit(int(code))


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    global _debug
    _debug = debug
    if version:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit(0)
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, format="%(message)s", stream=sys.stderr)


@app.command()
def ocr(
    file: Path = typer.Argument(..., help="A PDF, image or text file."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    force_ocr: bool = typer.Option(False, "--force-ocr", help="OCR every page, even those with a text layer."),
    page_timeout: float = typer.Option(300.0, "--page-timeout", min=1, help="Seconds Tesseract may spend on one page."),
) -> None:
    """Print the text of every page of FILE, pages separated by a form feed."""
    from pipeline.batch import runner, work
    from pipeline.ingest.discover import kind_of
    from pipeline.ocr import tesseract
    from pipeline.record import Document

    if not file.is_file():
        _fail(UsageError(f"{file}: no such file"))
    try:
        kind = kind_of(file)
        if kind != "text":
            tesseract.check_installed()
    except PipelineError as exc:
        _fail(exc)
    doc = Document(path=file, source_path=file.name, name=file.stem, kind=kind)
    runner.process([doc], work.Options(force_ocr=force_ocr, page_timeout=page_timeout),
                   jobs or runner.default_jobs(), lambda d: None)
    if doc.status != "ok":
        _fail(PipelineError(doc.error or "failed"))
    sys.stdout.write(doc.text_raw)
    sys.stdout.flush()


@app.command()
def ingest(
    in_dir: Path = typer.Argument(..., help="Folder of documents, read recursively."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder: text/, alto/, tables/, runs/, pipeline.duckdb."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    force_ocr: bool = typer.Option(False, "--force-ocr", help="OCR every page, even those with a text layer (implies --reprocess)."),
    reprocess: bool = typer.Option(False, "--reprocess", help="Process unchanged documents again."),
    follow_links: bool = typer.Option(False, "--follow-links", help="Follow symbolic links (they are refused otherwise)."),
    page_timeout: float = typer.Option(300.0, "--page-timeout", min=1, help="Seconds Tesseract may spend on one page."),
    max_pixels: Optional[int] = typer.Option(None, "--max-pixels", min=1, help="Refuse images larger than this many pixels (default 200 million)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Send the work to this Dask cluster (tcp://HOST:PORT)."),
) -> None:
    """Process every document of IN_DIR into OUT_DIR. Exit 0: all ok; 1: some failed; 2: usage error."""
    from pipeline.batch.ingest import ingest as run_ingest

    bar = _ProgressBar() if sys.stderr.isatty() else None

    def progress(doc) -> None:
        if bar:
            bar.advance(doc)
        elif doc.status == "ok":
            log.info("ok      %s (%d pages)", doc.source_path, len(doc.pages))
        else:
            log.info("FAILED  %s: %s", doc.source_path, doc.error)

    try:
        summary = run_ingest(in_dir, out, jobs=jobs, force_ocr=force_ocr, reprocess=reprocess,
                             follow_links=follow_links, page_timeout=page_timeout, max_pixels=max_pixels,
                             scheduler=scheduler, progress=progress, on_plan=bar.start if bar else None)
    except PipelineError as exc:
        if _debug:
            raise
        _fail(exc)
    finally:
        if bar:
            bar.stop()
    for failure in summary.failures if bar else []:
        log.info("FAILED  %s: %s", failure["source_path"], failure["error"])
    log.info(
        "%d documents: %d new, %d changed, %d unchanged, %d failed, %d removed; %d pages (%d OCR) in %.1f s",
        summary.documents, summary.new, summary.changed, summary.unchanged, summary.failed, summary.removed,
        summary.pages, summary.ocr_pages, summary.seconds,
    )
    raise typer.Exit(summary.exit_code)


class _ProgressBar:
    """A progress bar for people at a terminal; cron gets plain log lines instead."""

    def __init__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), TextColumn("{task.fields[last]}"), transient=False)
        self.task = None

    def start(self, todo) -> None:
        self.progress.start()
        self.task = self.progress.add_task("documents", total=len(todo), last="")

    def advance(self, doc) -> None:
        if self.task is not None:
            mark = "" if doc.status == "ok" else " FAILED"
            self.progress.update(self.task, advance=1, last=f"{doc.source_path}{mark}")

    def stop(self) -> None:
        self.progress.stop()


def _read_text(file: str) -> str:
    """A text file or standard input, in any common encoding, with Unix line ends."""
    from pipeline.ingest.textfile import decode

    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise UsageError(f"{file}: no such file")
        data = path.read_bytes()
    return decode(data, file).replace("\r\n", "\n").replace("\r", "\n")


@app.command()
def clean(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    lines: bool = typer.Option(False, "--lines", help="Each input line is a segment: exactly one output line per input line."),
    corrections: Optional[Path] = typer.Option(None, "--corrections", help="Write one JSON object per change to this file (JSON Lines)."),
) -> None:
    """Repair the OCR damage of a French text; the repaired text goes to stdout."""
    import json

    from pipeline.clean import repair_text, repairer

    try:
        text = _read_text(file)
        repaired, changes = repair_text(text, lines=lines, repairer=repairer())
    except PipelineError as exc:
        _fail(exc)
    sys.stdout.write(repaired)
    sys.stdout.flush()
    if corrections is not None:
        from pipeline.store.files import write_text

        write_text(corrections, "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in changes))


@app.command()
def extract(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    as_json: bool = typer.Option(True, "--json/--no-json", help="Print one JSON object (the only format)."),
    raw: bool = typer.Option(False, "--raw", help="Extract from the text as given, without repairing it first."),
) -> None:
    """Repair the text, then print the cities, clusters, dates, amounts and deliberations found."""
    import json

    from pipeline.clean import repair_text, repairer
    from pipeline.extract import extract_text

    try:
        text = _read_text(file)
        if not raw:
            text, _ = repair_text(text, repairer=repairer())
        found = extract_text(text)
    except PipelineError as exc:
        _fail(exc)
    sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None) + "\n")


class Format(str, enum.Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    out_dir: Path = typer.Argument(..., help="An output folder of `pipeline ingest`."),
    sql: str = typer.Argument(..., help="SQL over the tables documents, pages, words, …"),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, csv or json (one array of row objects)."),
) -> None:
    """Run SQL on the database of OUT_DIR and print the rows."""
    import duckdb

    from pipeline.store.db import connect

    try:
        con = connect(out_dir, read_only=True)
    except PipelineError as exc:
        _fail(exc)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        _fail(UsageError(f"SQL error: {exc}"))
    finally:
        con.close()
    if fmt is Format.json:
        import json

        records = [{c: _plain(v) for c, v in zip(columns, row)} for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        import csv
        import json

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else json.dumps(_plain(v), ensure_ascii=False)
                             if isinstance(v, (list, dict)) else _plain(v) for v in row])
    else:
        import pandas as pd

        frame = pd.DataFrame([[_plain(v) for v in row] for row in rows], columns=columns)
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            sys.stdout.write(frame.to_string(index=False) + "\n")


def _plain(value):
    """JSON- and CSV-friendly values: ISO dates, exact decimals as strings, lists kept."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):  # exact: 1700, 12800.50, 0.25
        if value == value.to_integral_value():
            return format(value.quantize(Decimal(1)), "f")
        text = format(value, "f").rstrip("0")
        return text + "0" * max(0, 2 - len(text.split(".")[1]))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("pipeline: interrupted", err=True)
        sys.exit(130)
    except PipelineError as exc:
        typer.echo(f"pipeline: error: {one_line(exc)}", err=True)
        sys.exit(int(exc.exit_code))
    except Exception as exc:  # a bug: one line for cron, the traceback with --debug
        if _debug:
            raise
        typer.echo(f"pipeline: internal error: {one_line(exc)} (run with --debug for details)", err=True)
        sys.exit(int(ExitCode.USAGE))
