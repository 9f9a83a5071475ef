"""Errors that carry their exit code; the CLI maps them in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses are a stable interface: cron jobs read them."""

    OK = 0
    SOME_FAILED = 1  # a batch ran, but at least one document failed
    USAGE = 2  # bad arguments, configuration or environment
    INTERRUPTED = 130  # Ctrl-C; 143 for SIGTERM (128 + the signal's number)


class PipelineError(Exception):
    """Base class. ``str(err)`` is a one-line message a person understands."""

    exit_code = ExitCode.SOME_FAILED


class UsageError(PipelineError):
    exit_code = ExitCode.USAGE


class Interrupted(PipelineError):
    """The run was asked to stop (Ctrl-C, SIGTERM): exit 128 + the signal's number."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


_STOPPED: list[int] = []  # the signal that asked the run to stop, once one did


def stop(signum: int) -> None:
    """Ctrl-C or SIGTERM: remember it, then stop as an ``Interrupted`` error. A library that turns
    the exception into its own ("Query interrupted") is recognised by ``stopped()`` later."""
    _STOPPED.append(signum)
    raise Interrupted("interrupted", 128 + signum)


def stopped() -> Interrupted | None:
    """The interruption under way, if a stop signal arrived."""
    return Interrupted("interrupted", 128 + _STOPPED[0]) if _STOPPED else None


class MissingDependency(PipelineError):
    """A program or model the pipeline needs is not installed."""

    exit_code = ExitCode.USAGE


class DocumentError(PipelineError):
    """One input document cannot be processed; the batch goes on without it."""


class UnsupportedFile(DocumentError):
    pass


class OCRError(DocumentError):
    pass


def one_line(exc: BaseException) -> str:
    """A single-line description of any exception, for the ``error`` column and logs."""
    if isinstance(exc, PipelineError):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.split())[:500]
