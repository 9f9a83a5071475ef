"""The command line: a thin layer over the library. Errors become exit codes here, once."""

from __future__ import annotations

import enum
import logging
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline import errors
from pipeline.version import __version__
from pipeline.errors import ExitCode, Interrupted, PipelineError, UsageError, one_line

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Scanned council deliberations in; clean text and tables out.",
    pretty_exceptions_enable=False,
)
log = logging.getLogger("pipeline")
_debug = False

JOBS_HELP = "Worker processes (pages are spread across them); default: all cores."


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    global _debug
    _debug = debug
    if version:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(int(ExitCode.USAGE))
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, format="%(message)s", stream=sys.stderr)


@app.command()
def ocr(
    file: Path = typer.Argument(..., help="A PDF, image or text file."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=JOBS_HELP),
    force_ocr: bool = typer.Option(False, "--force-ocr", help="OCR every page, even those with a text layer."),
    page_timeout: float = typer.Option(300.0, "--page-timeout", min=1, help="Seconds Tesseract may spend on one page."),
) -> None:
    """Print the text of every page of FILE, pages separated by a form feed.

    Example: pipeline ocr scan.pdf > scan.txt
    """
    import pipeline

    doc = pipeline.ocr(file, jobs=jobs, force_ocr=force_ocr, page_timeout=page_timeout)
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
    text_timeout: float = typer.Option(60.0, "--text-timeout", min=0.001, help="Seconds repair and extraction may take on one document (per 100 pages); past them it fails, the run goes on."),
    max_pixels: Optional[int] = typer.Option(None, "--max-pixels", min=1, help="Refuse images larger than this many pixels (default 200 million)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Send the work to this Dask cluster (tcp://HOST:PORT)."),
    scheduler_timeout: float = typer.Option(20.0, "--scheduler-timeout", min=0.1, help="Seconds to reach the Dask scheduler before giving up (exit 2)."),
    letter_choices: bool = typer.Option(False, "--letter-choices", help="Ask Tesseract for the other letters it weighed, as evidence for the repair (7-8 % more OCR time)."),
    old_print: bool = typer.Option(False, "--old-print", help="The documents are OCR of old printed books or periodicals (legacy OCR): repaired as their transcriptions are set, and so again by reprocess."),
    overrides: Optional[Path] = typer.Option(None, "--overrides", help="The archivist's decisions (default: OUT/overrides.json)."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write pdf/<name>.pdf: each original with its repaired text, searchable."),
) -> None:
    """Process every document of IN_DIR into OUT_DIR. Exit 0: all ok; 1: some failed; 2: usage error.

    Example (nightly, from cron): pipeline ingest /archives/deliberations --out /data/pipeline
    """
    import pipeline

    bar = _ProgressBar() if sys.stderr.isatty() else None

    def progress(doc) -> None:
        if bar:
            bar.advance(doc)
        elif doc.status == "ok":
            log.info("ok      %s (%d pages)", doc.source_path, len(doc.pages))
        else:
            log.info("FAILED  %s: %s", doc.source_path, doc.error)

    try:
        summary = pipeline.ingest(in_dir, out, jobs=jobs, force_ocr=force_ocr, reprocess=reprocess,
                             follow_links=follow_links, page_timeout=page_timeout, text_timeout=text_timeout, max_pixels=max_pixels,
                             scheduler=scheduler, scheduler_timeout=scheduler_timeout, letter_choices=letter_choices,
                             old_print=old_print, overrides=overrides, pdf=pdf, progress=progress,
                             on_plan=bar.start if bar else None, on_pages=bar.pages if bar else None)
    finally:
        if bar:
            bar.stop()
    for failure in summary.failures if bar else []:
        log.info("FAILED  %s: %s", failure["source_path"], failure["error"])
    log.info(
        "%d documents: %d new, %d changed, %d unchanged, %d failed, %d removed; %d files skipped; "
        "%d pages (%d OCR) in %.1f s",
        summary.documents, summary.new, summary.changed, summary.unchanged, summary.failed, summary.removed,
        len(summary.skipped), summary.pages, summary.ocr_pages, summary.seconds,
    )
    log.info("run report: %s", summary.report)
    raise typer.Exit(summary.exit_code)


class Start(str, enum.Enum):
    clean = "clean"
    extract = "extract"


@app.command()
def reprocess(
    out_dir: Path = typer.Argument(..., help="An output folder made by pipeline ingest."),
    start: Start = typer.Option(Start.clean, "--from", help="clean: repair and extraction again; extract: extraction only."),
    overrides: Optional[Path] = typer.Option(None, "--overrides", help="The archivist's decisions (default: OUT_DIR/overrides.json)."),
    text_timeout: float = typer.Option(60.0, "--text-timeout", min=0.001, help="Seconds repair and extraction may take on one document (per 100 pages); past them it fails, the run goes on."),
) -> None:
    """Repair and extract again from the stored pages, without OCR (after the models or the overrides
    changed); list the documents whose result changed. Exit 0: done; 2: usage error.

    Example: pipeline reprocess /data/pipeline --from extract
    """
    import pipeline

    changes = pipeline.reprocess(out_dir, start=start.value, overrides=overrides, text_timeout=text_timeout)
    for problem in changes.problems:
        log.warning("override not applied: %s", problem)
    for doc_id, tables in sorted(changes.changed.items()):
        log.info("changed %s (%s)", doc_id, ", ".join(tables))
    log.info("%d documents reprocessed from %s: %d changed, in %.1f s", changes.documents, start.value,
             len(changes.changed), changes.seconds)
    raise typer.Exit(0)


@app.command()
def verify(
    out_dir: Path = typer.Argument(..., help="An output folder made by pipeline ingest."),
    repair: bool = typer.Option(False, "--repair", help="Mend what differs: publish again, rebuild a damaged database from the snapshot, write text files again, build the search index again …"),
) -> None:
    """Check that the database, the published snapshot readers see, the text, ALTO and PDF files,
    the run reports and the search index agree; list what differs. Exit 0: all agree; 1: differences (left after
    --repair); 2: usage error.

    Example (after a disk filled up): pipeline verify /data/pipeline --repair
    """
    import pipeline

    verdict = pipeline.verify(out_dir, repair=repair)
    for line in verdict.repaired:
        log.info("repaired: %s", line)
    for difference in verdict.differences:
        log.info("%s", difference.line())
    if verdict.agree:
        log.info("%s: database, snapshot, text, ALTO and PDF files and run reports agree (%d documents)",
                 out_dir, verdict.documents)
    else:
        log.info("%s: %d differences%s", out_dir, len(verdict.differences),
                 "" if repair else f" (pipeline verify {out_dir} --repair mends what it can)")
    raise typer.Exit(verdict.exit_code)


@app.command()
def review(
    out_dir: Path = typer.Argument(..., help="An output folder made by pipeline ingest."),
) -> None:
    """Write OUT_DIR/review/: an offline site to review each document (page image beside the repaired
    text, corrections, records) and save the decisions as overrides.json. Exit 0: written; 2: usage error.

    Example: pipeline review /data/pipeline && chromium /data/pipeline/review_site/index.html
    """
    import pipeline

    index = pipeline.review(out_dir)
    log.info("review site: %s", index)
    raise typer.Exit(0)


class _ProgressBar:
    """A progress bar in pages, with the time left, for people at a terminal; cron gets plain log
    lines instead. A document's pages count as they are read; when it ends, what it still owed
    (a failure, or a page count first guessed) is settled."""

    def __init__(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), TextColumn("{task.fields[last]}"), transient=False)
        self.task = None
        self.expected: dict[str, int] = {}
        self.counted: dict[str, int] = {}

    def start(self, todo) -> None:
        self.expected = {doc.doc_id: pages for doc, pages in todo}
        self.progress.start()
        self.task = self.progress.add_task("pages", total=sum(self.expected.values()), last="")

    def pages(self, doc, n: int) -> None:
        if self.task is not None:
            self.counted[doc.doc_id] = self.counted.get(doc.doc_id, 0) + n
            self.progress.update(self.task, advance=n, last=doc.source_path)

    def advance(self, doc) -> None:
        if self.task is not None:
            owed = self.expected.get(doc.doc_id, 0) - self.counted.get(doc.doc_id, 0)
            mark = "" if doc.status == "ok" else " FAILED"
            self.progress.update(self.task, advance=max(0, owed), last=f"{doc.source_path}{mark}")

    def stop(self) -> None:
        self.progress.stop()


@app.command()
def clean(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    lines: bool = typer.Option(False, "--lines", help="Each input line is a segment: exactly one output line per input line."),
    old_print: bool = typer.Option(False, "--old-print", help="OCR of old printed books or periodicals (legacy OCR): repaired as their transcriptions are set (a lone dash joins what it opens, no accent added, no list bullets)."),
    corrections: Optional[Path] = typer.Option(None, "--corrections", help="Write one JSON object per change to this file (JSON Lines)."),
) -> None:
    """Repair the OCR damage of a French text; the repaired text goes to stdout.

    Example: pipeline clean page.txt --corrections changes.jsonl > page.clean.txt
    """
    import json

    import pipeline

    fixed = pipeline.clean(pipeline.read_text(file), lines=lines, old_print=old_print)
    sys.stdout.write(fixed.text)
    sys.stdout.flush()
    if corrections is not None:
        try:
            corrections.write_text("".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in fixed.corrections),
                                   encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{corrections}: cannot write ({one_line(exc)})") from None


@app.command()
def extract(
    file: str = typer.Argument("-", help="A text file, or - for standard input."),
    as_json: bool = typer.Option(True, "--json/--no-json", help="Print one JSON object (the only format)."),
    raw: bool = typer.Option(False, "--raw", help="Extract from the text as given, without repairing it first."),
) -> None:
    """Repair the text, then print the cities, clusters, dates, amounts and deliberations found.

    Example: pipeline extract minutes.txt --json | jq '.deliberations[] | {number, objet, vote_pour}'
    """
    import json

    import pipeline

    found = pipeline.extract(pipeline.read_text(file), repair=not raw)
    sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None) + "\n")


class Format(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


NULL = ""  # how every format but JSON (null) writes a missing value


@app.command()
def query(
    out_dir: Path = typer.Argument(..., help="An output folder of `pipeline ingest`."),
    sql: str = typer.Argument(..., help="SQL over the tables (documents, deliberations, …; current.deliberations "
                                        "leaves out removed documents), a .sql file, or - to read it from stdin."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, markdown, csv or json (one array of row objects)."),
) -> None:
    """Run SQL on the results of OUT_DIR and print the rows. Reads the last published snapshot:
    works while a nightly run writes.

    Example: pipeline query out "SELECT number, objet FROM current.deliberations WHERE vote_contre > 0" -f markdown
    """
    import pipeline

    found = pipeline.query(out_dir, _read_sql(sql))
    _print_rows(found.columns, found.rows, fmt)


@app.command()
def search(
    out_dir: Path = typer.Argument(..., help="An output folder of `pipeline ingest`."),
    words: str = typer.Argument(..., help='What to find: words (all of them), "a phrase", -word to leave out.'),
    records: bool = typer.Option(False, "--records", help="Search the deliberation records (subject, number, "
                                                           "rapporteur) rather than the pages."),
    commune: Optional[str] = typer.Option(None, "--commune", help="Only this commune's documents (any case or accents)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Only sessions on or after this date (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Only sessions on or before this date (YYYY-MM-DD)."),
    layout: Optional[str] = typer.Option(None, "--layout", help="Only documents read as this layout (minutes, single_act, …)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many results."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, markdown, csv or json (one array of row objects)."),
) -> None:
    """Find pages (or records) by their words in the results of OUT_DIR, best first, with a
    snippet marking the words found: any case or accents, French forms of a word alike, a typo
    one letter off still found. Reads the last published snapshot: works while a nightly run writes.

    Example: pipeline search out "subventions -football" --commune Pierrefonds --from 2019-01-01
    """
    import pipeline

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise UsageError(f"{name} {value}: a date is written YYYY-MM-DD")
    found = pipeline.search(out_dir, words, records=records, commune=commune, date_from=date_from, date_to=date_to,
                            layout=layout, limit=limit)
    _print_rows(found.columns, found.rows, fmt)


def _read_sql(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    if arg.endswith(".sql"):
        path = Path(arg)
        if not path.is_file():
            raise UsageError(f"{arg}: no such SQL file")
        return path.read_text(encoding="utf-8")
    return arg


def _print_rows(columns: list[str], rows: list[tuple], fmt: Format) -> None:
    import json

    if fmt is Format.json:
        records = [dict(zip(columns, row)) for row in rows]  # plain values already (api.query)
        sys.stdout.write(json.dumps(records, ensure_ascii=False) + "\n")
        return
    cells = [[_cell(v) for v in row] for row in rows]
    if fmt is Format.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return
    if not rows:
        sys.stdout.write(f"(no rows; columns: {', '.join(columns)})\n")
        return
    from tabulate import tabulate

    table = tabulate(cells, headers=columns, tablefmt="github" if fmt is Format.markdown else "simple",
                     disable_numparse=True, missingval=NULL)
    sys.stdout.write(table + "\n")


def _cell(value) -> str:
    """One spelling per kind of value: integers as integers, exact decimals, ISO dates, lists as
    JSON, a missing value as an empty cell."""
    import json

    if value is None:
        return NULL
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value)


class ExportFormat(str, enum.Enum):
    scdl = "scdl"
    csv = "csv"
    parquet = "parquet"
    json = "json"
    xlsx = "xlsx"


@app.command()
def export(
    out_dir: Path = typer.Argument(..., help="An output folder of `pipeline ingest`."),
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="scdl (one CSV of deliberations), or every table as csv, parquet, json or xlsx."),
    target: Path = typer.Option(..., "--out", "-o", help="The CSV file (scdl), or a folder for the tables."),
    siret: Optional[str] = typer.Option(None, "--siret", help="scdl: the authority's SIRET (14 digits)."),
    collectivite: Optional[str] = typer.Option(None, "--collectivite", help="scdl: the authority's official name (else the one the documents give)."),
    matiere_code: Optional[str] = typer.Option(None, "--matiere-code", help="scdl: ACTES subject code for every row (e.g. 5.2)."),
    matiere_nom: Optional[str] = typer.Option(None, "--matiere-nom", help="scdl: ACTES subject name for every row."),
    config: Optional[Path] = typer.Option(None, "--config", help="scdl: JSON file with siret, collectivite, matiere, pref_id, url."),
) -> None:
    """Export the current results: SCDL Délibérations, or every table. Exit 1 when required SCDL
    values are still missing (listed; their cells are left empty, nothing is invented).

    Example: pipeline export out --format scdl --out deliberations.csv --siret 21340172200017 --matiere-code 5.2
    """
    import pipeline

    done = pipeline.export(out_dir, target, format=fmt.value, config=config, siret=siret, collectivite=collectivite,
                           matiere=(matiere_code, matiere_nom))
    for line in done.lines:
        typer.echo(f"pipeline: {line}", err=True)
    raise typer.Exit(1 if done.missing else 0)


def _stop(signum, _frame) -> None:
    """Ctrl-C (SIGINT) or SIGTERM: stop the run as an error the CLI maps to 130 / 143."""
    errors.stop(signum)


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    args = sys.argv[1:]
    if "--debug" in args[1:]:  # accepted anywhere on the line, not only before the command
        args = ["--debug"] + [a for a in args if a != "--debug"]
    try:
        app(args=args, prog_name="pipeline")
    except Interrupted as exc:
        typer.echo("pipeline: interrupted", err=True)
        sys.exit(exc.exit_code)
    except PipelineError as exc:  # every command's errors, mapped here once
        if _debug:
            raise
        typer.echo(f"pipeline: error: {one_line(exc)}", err=True)
        sys.exit(int(exc.exit_code))
    except Exception as exc:  # a bug: one line for cron, the traceback with --debug
        if errors.stopped():  # a library turned our interruption into its own error
            typer.echo("pipeline: interrupted", err=True)
            sys.exit(errors.stopped().exit_code)
        if _debug:
            raise
        typer.echo(f"pipeline: internal error: {one_line(exc)} (run with --debug for details)", err=True)
        sys.exit(int(ExitCode.USAGE))
