"""Edits on a page's raw text, applied in one pass, each becoming a ``Correction`` that keeps its
offsets in the raw and in the repaired text; and where Tesseract's words sit in the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.record import Correction


@dataclass
class Edit:
    """One change a family proposes: ``text[start:end]`` becomes ``after``."""

    start: int
    end: int
    after: str
    rule: str
    score: float


class Span(NamedTuple):
    """Where one of Tesseract's words sits in the page text, and how sure it was of it."""

    start: int
    end: int
    confidence: float
    word: dict  # the word as Tesseract gave it: text, conf, box, and the other letters it weighed (alts)


def trusted_spans(text: str, words: list[dict]) -> list[Span]:
    """Where each Tesseract word sits in the page text, with its confidence and the word."""
    spans, pos = [], 0
    for w in words:
        t = w.get("text", "")
        if not t:
            continue
        i = text.find(t, pos)
        if i < 0 or i - pos > 200:
            continue
        spans.append(Span(i, i + len(t), float(w.get("conf", -1)), w))
        pos = i + len(t)
    return spans


def span_at(spans: list[Span], start: int, end: int) -> Span | None:
    """The Tesseract word overlapping text[start:end], if any."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for span in spans[max(0, i):i + 2]:
        if span.start < end and start < span.end:
            return span
    return None


def to_raw(pos: int, edits: list[Edit]) -> int:
    """Map an offset of the text with ``edits`` applied back to the raw text."""
    shift = 0
    for e in sorted(edits, key=lambda e: e.start):
        clean_end = e.start + shift + len(e.after)
        if clean_end > pos:
            break
        shift += len(e.after) - (e.end - e.start)
    return pos - shift


def apply(text: str, edits: list[Edit], page: int) -> tuple[str, list[Correction]]:
    """``text`` with ``edits`` (which never overlap) made, and the corrections they are."""
    edits.sort(key=lambda e: e.start)
    out, corrections, pos, shift = [], [], 0, 0
    for e in edits:
        out.append(text[pos:e.start])
        clean_start = e.start + shift
        out.append(e.after)
        corrections.append(Correction(page, e.start, e.end, clean_start, clean_start + len(e.after),
                                      text[e.start:e.end], e.after, e.rule, e.score))
        shift += len(e.after) - (e.end - e.start)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), corrections
