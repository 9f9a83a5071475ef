"""What Tesseract's hOCR says of a page: the one output the pipeline asks it for.

From it come the page's plain text (laid out as Tesseract's own text output: words of a line
joined by a space, a line break after each line, a blank line after each paragraph), its words
with their boxes and confidences (as Tesseract's TSV gives them, the confidence a whole number),
the lines and paragraphs the ALTO is written from (``alto.py``), and, when Tesseract was asked
for them (``lstm_choice_mode=2``), the other characters it weighed at each position of a word.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

XHTML = "{http://www.w3.org/1999/xhtml}"
# the kinds of line Tesseract writes (psm 4 marks headers and floating text apart from lines)
LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"}
_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_WCONF = re.compile(r"x_wconf (\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) -?\d+")
_SYSTEM = re.compile(r"<meta name='ocr-system' content='([^']*)'")
MIN_CHOICE_CONF = 5.0  # alternatives the recognizer gave less than this are noise


@dataclass
class Line:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 on the image Tesseract read
    words: list[int] = field(default_factory=list)  # indexes into Reading.words
    slope: float = 0.0  # of its baseline, as Tesseract measured it (pixels down per pixel right)


@dataclass
class Paragraph:
    box: tuple[int, int, int, int]
    lines: list[Line] = field(default_factory=list)


@dataclass
class Reading:
    text: str
    words: list[dict]
    paragraphs: list[Paragraph]
    software: str = "tesseract"
    # the blocks Tesseract's layout analysis took for pictures: (how many paragraphs come before
    # it, its box). An underlined title is often one (``page.py`` reads those again)
    pictures: list[tuple[int, tuple[int, int, int, int]]] = field(default_factory=list)


def rebuilt(parts: list[tuple[Paragraph, list[dict]]], software: str = "tesseract") -> Reading:
    """A reading made of paragraphs, each with the words its lines index: the words numbered
    again in that order, the text written as ``read`` writes it."""
    words: list[dict] = []
    paragraphs: list[Paragraph] = []
    for par, its_words in parts:
        lines = []
        for line in par.lines:
            lines.append(Line(line.box, list(range(len(words), len(words) + len(line.words))), line.slope))
            words += [its_words[k] for k in line.words]
        paragraphs.append(Paragraph(par.box, lines))
    return Reading(_written(paragraphs, words), words, paragraphs, software)


def _written(paragraphs: list[Paragraph], words: list[dict]) -> str:
    """The text of a reading, as Tesseract's own text output lays it out: the words of a line
    joined by a space, a line break after each line, a blank line after each paragraph."""
    return "".join("".join(" ".join(words[k]["text"] for k in line.words) + "\n" for line in par.lines) + "\n"
                   for par in paragraphs)


def read(hocr: str) -> Reading:
    """The text, words and paragraphs of one page's hOCR. A word keeps its text exactly as
    Tesseract wrote it (" Vœu" with its leading blank, as in its TSV and its text); ``block`` is
    the number of its block and ``line`` of its line within its paragraph, as the TSV numbers them."""
    root = ET.fromstring(hocr)
    words: list[dict] = []
    paragraphs: list[Paragraph] = []
    pictures: list[tuple[int, tuple[int, int, int, int]]] = []
    for block in root.iter(XHTML + "div"):
        if block.get("class") == "ocr_photo":
            pictures.append((len(paragraphs), _box(block)))
        if block.get("class") != "ocr_carea":
            continue
        number = int(block.get("id", "block_1_1").rsplit("_", 1)[1])
        for par in block.iter(XHTML + "p"):
            paragraph = Paragraph(_box(par))
            for line_no, line in enumerate((e for e in par if e.get("class") in LINE_CLASSES), start=1):
                baseline = _BASELINE.search(line.get("title", ""))
                row = Line(_box(line), slope=float(baseline.group(1)) if baseline else 0.0)
                for w in line:
                    content = (w.text or "").split("\n", 1)[0]  # with choices, their spans follow on the next line
                    if w.get("class") != "ocrx_word" or not content.strip():
                        continue
                    x0, y0, x1, y1 = _box(w)
                    conf = _WCONF.search(w.get("title", ""))
                    row.words.append(len(words))
                    words.append({"text": content, "conf": float(conf.group(1)) if conf else -1.0, "left": x0, "top": y0,
                                  "width": x1 - x0, "height": y1 - y0, "block": number, "line": line_no})
                paragraph.lines.append(row)
            paragraphs.append(paragraph)
    system = _SYSTEM.search(hocr)
    return Reading(_written(paragraphs, words), words, paragraphs, system.group(1) if system else "tesseract", pictures)


def _box(element) -> tuple[int, int, int, int]:
    m = _BBOX.search(element.get("title", ""))
    return tuple(int(v) for v in m.groups()) if m else (0, 0, 0, 0)


_HOCR_WORD = re.compile(r"<span class='ocrx_word'[^>]*title='bbox (\d+) (\d+) \d+ \d+[^']*'>([^<\n]*)")
_HOCR_CHOICE = re.compile(r"id='(lstm_choices|choice)_[^']*'(?: title='x_confs ([\d.]+)')?>([^<]*)")


def choices(hocr: str) -> dict[tuple[int, int], tuple[str, list[list[tuple[str, float]]]]]:
    """Per word (keyed by the top-left corner of its box): its text and, for each character
    position, the characters the recognizer considered with their confidences, best first."""
    out = {}
    starts = list(_HOCR_WORD.finditer(hocr))
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(hocr)
        groups: list[list[tuple[str, float]]] = []
        for c in _HOCR_CHOICE.finditer(hocr, m.end(), end):
            if c.group(1) == "lstm_choices":
                groups.append([])
            elif groups:
                groups[-1].append((html.unescape(c.group(3)), float(c.group(2) or 0)))
        out[(int(m.group(1)), int(m.group(2)))] = (html.unescape(m.group(3)).strip(), groups)
    return out


def attach_choices(words: list[dict], found_choices: dict) -> None:
    """Give each word its alternatives as ``alts``: [[position, character, confidence], ...].

    Tesseract's choice groups can be shifted by a leading blank group; they are used only when
    their best characters spell the word exactly, so a position always means the same letter.
    """
    for w in words:
        found = found_choices.get((w["left"], w["top"]))
        if not found or found[0] != w["text"]:
            continue
        groups = [g for g in found[1] if g and not g[0][0].isspace()]
        if len(groups) != len(w["text"]) or any(g[0][0] != ch for g, ch in zip(groups, w["text"])):
            continue
        alts = [[pos, ch, round(conf, 1)] for pos, g in enumerate(groups) for ch, conf in g[1:]
                if conf >= MIN_CHOICE_CONF and ch.strip()]
        if alts:
            w["alts"] = alts
