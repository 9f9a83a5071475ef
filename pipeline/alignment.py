"""Tesseract's words placed in the repaired text: each word's characters in the raw page text,
then moved by the corrections (every change the repair makes is one, with both offsets)."""

from __future__ import annotations

Edit = tuple[int, int, int, int]  # start, end in the raw text; clean_start, clean_end in the repaired
UNSURE_CONF = 80  # Tesseract's confidence (0-100) under which a word with digits is a doubtful reading


def page_edits(corrections: list, page_no: int) -> list[Edit]:
    """The corrections of one page (``record.Correction``) that stand, as edits; an overruled one
    left the raw text as it was."""
    return [(c.start, c.end, c.clean_start, c.clean_end) for c in corrections if c.page == page_no and not c.overruled]


def raw_spans(text_raw: str, words: list[str]) -> list[tuple[int, int] | None]:
    """Where each word stands in the raw text (the words are in reading order, as Tesseract wrote
    the text from them); None for one not found."""
    out, pos = [], 0
    for w in words:
        at = text_raw.find(w, pos) if w else -1
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(w)))
        pos = at + len(w)
    return out


def to_clean(start: int, end: int, edits: list[Edit]) -> tuple[int, int]:
    """The span of the repaired text that raw ``[start, end)`` became: a correction overlapping
    the span widens it to the correction's repaired text."""
    def moved(pos: int) -> int:
        return pos + sum((ce - cs) - (e - s) for s, e, cs, ce in edits if e <= pos)

    cs, ce = moved(start), moved(end)
    for s, e, c0, c1 in edits:
        if s < end and start < e:  # the correction overlaps the span
            if s < start:
                cs = min(cs, c0)
            if e > end:
                ce = max(ce, c1)
    return cs, ce


def repaired_words(text_raw: str, text_clean: str, words: list[str], edits: list[Edit]) -> list[str | None]:
    """The repaired text of each word; a word the repair joined to the one before it ("non- ⏎
    formelles" -> "non-formelles") gives '' so that the joined word is said once."""
    out, last = [], None
    for span in raw_spans(text_raw, words):
        if span is None:
            out.append(None)
            continue
        cs, ce = to_clean(*span, edits)
        if last is not None and cs < last[1]:
            out.append("")
            continue
        out.append(text_clean[cs:ce])
        last = (cs, ce)
    return out


def unsure_words(text_raw: str, words: list[tuple[str, float | None]], below: float) -> list[tuple[str, float, tuple[int, int]]]:
    """The words Tesseract read with a confidence under ``below`` (text, confidence), each with
    its span in the raw text."""
    return [(text, conf, span) for (text, conf), span in zip(words, raw_spans(text_raw, [w for w, _ in words]))
            if span is not None and conf is not None and 0 <= conf < below]


def unsure_digits(text_raw: str, words: list[dict], edits: list[Edit]) -> list[tuple[int, int]]:
    """The spans of the repaired text holding a word with digits that Tesseract read with a
    confidence under UNSURE_CONF ("Pour : 5" at 68 where the scan says 51): the readers cannot
    see it in the text, the checks of a record can."""
    return [to_clean(*span, edits) for text, _, span in unsure_words(text_raw, [(w["text"], w["conf"]) for w in words], UNSURE_CONF)
            if any(c.isdigit() for c in text)]
