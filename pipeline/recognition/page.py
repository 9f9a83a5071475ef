"""OCR of one page image, with orientation recovery for pages scanned sideways, a margin panel
read apart from the text it is ruled off from (columns.py), a second reading for pages where
Tesseract wrote printed lines apart (lines.py), and the lines it took for pictures read again."""

from __future__ import annotations

import statistics

import numpy as np
from PIL import Image

from pipeline import geometry
from pipeline.errors import OCRError
from pipeline.recognition import alto, columns, lines, preprocess, tesseract, typography
from pipeline.record import OCR, Page

# A page whose mean word confidence falls below this, or with almost no words, is checked
# for orientation (one extra cheap Tesseract OSD run); upright pages pay nothing.
LOW_CONFIDENCE = 60.0
FEW_WORDS = 8
# A page where Tesseract wrote a printed line as two (a margin note apart, lines.py) is read again
# as one block of lines, which keeps each note on its line; that reading is kept unless it finds
# fewer words of at least GOOD_WORD confidence than MARGIN_KEEP of the first one's.
MARGIN_PSM = 6
GOOD_WORD = 50.0
MARGIN_KEEP = 0.95
# A block Tesseract took for a picture, no taller than this many lines of the page's text, is read
# again as text (an underlined title), and kept when read with this mean word confidence
PICTURE_LINES = 2.5
PICTURE_CONF = 60.0
# An underlined line (typography.py) Tesseract read with letters lost — the rule takes their feet
# away: "inati nie:" for "Nomination du secrétaire" — is read again with its rule taken away, the
# page's underlined lines stacked in one image (one Tesseract run); the new reading replaces the
# line's when it holds at least RULED_GAIN times its letters, read with RULED_CONF mean confidence
RULED_GAIN = 1.2
RULED_CONF = 60.0
RULED_DOUBT = 90.0  # only a line with a word read with less confidence than this is read again
RULED_REACH = 3.0  # letter heights either side of the words where the rule, and the letters OCR lost, may run
RULED_GAP = 1.5  # letter heights of white between two lines stacked
PIECE_SIZE = 1.3  # a piece of a line has letters of its size, within this ratio
RULED_KEEP = 0.9  # share of a piece's letters the line read again must hold to take its place
RULED_SLACK = 1.0  # letter heights: a line read again covers a piece of it on its row that ends this near its ends
RULED_TALL = 3.0  # a line's cut taller than this many of its letter heights holds more than a line


def ocr_image(
    image: Image.Image,
    page_no: int,
    native_dpi: float | None = None,
    *,
    timeout: float | None = 300,
    psm: int = tesseract.DEFAULT_PSM,
    choices: bool = False,
) -> Page:
    """One page image read: prepared (``preprocess.prepare``), OCR'd, read again where its margin
    notes or its orientation call for it. ``choices``: Tesseract's letter choices too
    (``tesseract.run``)."""
    native = native_dpi or preprocess.guess_dpi(image)
    steps: list = []  # what was done to the image, to place the words back on it (geometry.py)
    work, dpi, skew = preprocess.prepare(image, native, steps)
    result = _read(work, dpi, psm, timeout, choices)
    rotation = 0
    conf = result.mean_confidence
    if conf is None or conf < LOW_CONFIDENCE or len(result.words) < FEW_WORDS:
        angle, osd_conf = tesseract.detect_orientation(work, timeout=timeout)
        if angle and osd_conf >= 1.0:
            turned = work.rotate(-angle, expand=True, fillcolor=255)
            more = [geometry.rotate_step(-angle, work.size, turned.size)]
            size = turned.size
            turned, extra_skew = preprocess.deskew(turned)
            if extra_skew:
                more.append(geometry.rotate_step(extra_skew, size, turned.size))
            second = tesseract.run(turned, dpi, psm=psm, timeout=timeout, choices=choices)  # as read before: once
            if (second.mean_confidence or 0) > (conf or 0) and len(second.words) >= len(result.words) // 2:
                result, rotation, skew, work = second, angle, extra_skew, turned
                steps += more
    seen: dict = {}  # the rules found under the page's lines (typography.ruled_lines), looked for once
    result = _ruled_read(work, result, dpi, timeout, choices, seen)  # the page upright: its underlined lines read again
    page = Page(
        page_no=page_no,
        method=OCR,
        text_raw=result.text,
        ocr_confidence=result.mean_confidence,
        width=work.width,
        height=work.height,
        dpi=float(dpi),
        native_dpi=round(float(native), 1),
        words=result.words,
        rotation=rotation,
        skew=skew,
        source_size=_upright_size(image),
        transform=steps,
    )
    page.alto = alto.write(result.reading, page) if result.reading else None  # measured on the scan
    page.lines = typography.underlined_lines(work, result.reading, dpi, seen) if result.reading else None  # its titles' rules
    return page


def read_overlay(image: Image.Image, dpi: float, timeout: float | None = 300) -> str:
    """The text of what a PDF lays over its page (a stamp, a typed note: ``render.render_apart``),
    read as one block of lines; the page's own reading leaves it out. Nothing when Tesseract
    fails on it: the page, read, is not lost for its stamp."""
    work, work_dpi, _ = preprocess.prepare(image, dpi, [])
    try:
        return tesseract.run(work, work_dpi, psm=MARGIN_PSM, timeout=timeout).text.strip()
    except OCRError:
        return ""


def _read(image: Image.Image, dpi: int, psm: int, timeout: float | None, choices: bool) -> tesseract.OCRResult:
    """The page read; a margin panel behind a rule (``columns.py``) read apart, before the text."""
    rule = columns.margin_rule(image) if psm != MARGIN_PSM else None
    if rule is None:
        return _lines_kept(image, dpi, psm, timeout, choices)
    panel, offset, text = columns.panel_and_text(image, rule)
    first = _lines_kept(panel, dpi, psm, timeout, choices)
    second = _lines_kept(text, dpi, psm, timeout, choices)
    return tesseract.composed(tesseract.parts(first, offset) + tesseract.parts(second, blocks=tesseract.last_block(first)),
                              second.reading.software if second.reading else "tesseract")


def _lines_kept(image: Image.Image, dpi: int, psm: int, timeout: float | None, choices: bool) -> tesseract.OCRResult:
    """One Tesseract reading, and a second one as one block of lines where the first wrote
    printed lines apart (``lines.read_again``), kept unless it reads fewer good words."""
    result = tesseract.run(image, dpi, psm=psm, timeout=timeout, choices=choices)
    if psm != MARGIN_PSM and lines.read_again(result.words, image.width):
        again = tesseract.run(image, dpi, psm=MARGIN_PSM, timeout=timeout, choices=choices)
        if _good_words(again) >= MARGIN_KEEP * _good_words(result):
            return again
    return _pictures_read(image, result, dpi, timeout, choices)


def _pictures_read(image: Image.Image, result: tesseract.OCRResult, dpi: int, timeout: float | None,
                   choices: bool) -> tesseract.OCRResult:
    """Tesseract's layout analysis takes an underlined line (an item's title, often) for a
    picture and leaves it unread. A picture no taller than PICTURE_LINES lines of the page is read
    as a block of text (and once more with its underline taken away, when that reading is
    unsure); what it reads with a mean confidence of PICTURE_CONF or more takes the picture's place
    among the paragraphs."""
    reading = result.reading
    if reading is None or not reading.pictures or not result.words:
        return result
    line = statistics.median(w["height"] for w in result.words)
    pad = max(2, round(line / 4))
    found = []
    for at, (x0, y0, x1, y1) in reading.pictures:
        if y1 - y0 > PICTURE_LINES * line or x1 - x0 < 2 * line:
            continue
        corner = (max(0, x0 - pad), max(0, y0 - pad))
        crop = image.crop((*corner, min(image.width, x1 + pad), min(image.height, y1 + pad)))
        again = tesseract.run(crop, dpi, psm=MARGIN_PSM, timeout=timeout, choices=choices)
        if (again.mean_confidence or 0) < PICTURE_CONF:  # its underline may be what hides it
            bare = tesseract.run(preprocess.without_underlines(crop, round(2 * line)), dpi, psm=MARGIN_PSM,
                                 timeout=timeout, choices=choices)
            again = max(again, bare, key=lambda r: r.mean_confidence or 0)
        if again.words and (again.mean_confidence or 0) >= PICTURE_CONF:
            found.append((at, corner, again))
    if not found:
        return result
    pieces = tesseract.parts(result)
    blocks = tesseract.last_block(result)
    for n, (at, corner, again) in enumerate(reversed(found), start=1):  # from the last: each ``at`` stays true
        pieces[at:at] = tesseract.parts(again, corner, blocks + n)
    return tesseract.composed(pieces, reading.software)


def _ruled_read(image: Image.Image, result: tesseract.OCRResult, dpi: int, timeout: float | None,
                choices: bool, seen: dict | None = None) -> tesseract.OCRResult:
    """Every underlined line read again, its rule taken away (RULED_GAIN, RULED_CONF): each line
    cut out from where its rule starts to where it ends (its words, if they run further), the rule's
    dark runs painted white (``preprocess.without_underlines``), the lines stacked one under the
    other and read as one block; each gets back the line read in its band nearest its own letters
    (the cut may hold the feet or the tops of its neighbours' letters, read as lines of their own).
    Only a line with a word read with doubt (RULED_DOUBT) is read again. The lines Tesseract wrote
    apart on its row, under its rule, are cut with it (``_same_row``); the new reading takes their
    place where it covers them and holds the line's letters and RULED_KEEP of theirs. ``seen``:
    the rules found under the page's lines (``typography.ruled_lines``); a line read anew is
    still underlined."""
    reading = result.reading
    if reading is None or not result.words:
        return result
    gray = image.convert("L")
    cuts = []
    seen = {} if seen is None else seen
    pieced: set = set()  # the lines a cut above took as pieces of its own: cut with it, not again
    for place, words, (x0, top, x1, bottom), ruled in typography.ruled_lines(gray, reading, seen):
        if ruled and min(w["conf"] for w in words) < RULED_DOUBT and tuple(place) not in pieced:
            height = statistics.median(w["height"] for w in words)
            row = _same_row(reading, place, words, (x0, x1), RULED_REACH * height)
            cut = _ruled_cut(gray, min([x0] + [b[0] for _, _, b in row]), top, max([x1] + [b[2] for _, _, b in row]),
                             bottom, height)  # with the line's pieces Tesseract wrote apart …
            if cut is not None and row:  # … those the same rule runs under
                slack = RULED_SLACK * height
                under = [piece for piece in row if cut[2][0] - slack <= piece[2][0] and piece[2][2] <= cut[2][1] + slack]
                if len(under) < len(row):  # a piece beyond the rule: cut again without it
                    row = under
                    cut = _ruled_cut(gray, min([x0] + [b[0] for _, _, b in row]), top,
                                     max([x1] + [b[2] for _, _, b in row]), bottom, height)
            # a line with something tall in it (a stroke read as a word) is no title's; the stack holds a page at most
            if cut is not None and cut[1].height <= RULED_TALL * height \
                    and sum(c[5].height for c in cuts) + cut[1].height <= image.height:
                cuts.append((place, words, height, row, *cut[:2]))
                pieced |= {tuple(at) for at, _, _ in row}
    if not cuts:
        return result
    gap = round(RULED_GAP * max(c[2] for c in cuts))
    stack = Image.new("L", (max(c[5].width for c in cuts) + 2 * gap, sum(c[5].height + gap for c in cuts) + gap), 255)
    bands, y = [], gap
    for *_, corner, cut in cuts:
        stack.paste(cut, (gap, y))
        bands.append((y, corner))
        y += cut.height + gap
    try:
        again = tesseract.run(stack, dpi, psm=MARGIN_PSM, timeout=timeout, choices=choices)
    except OCRError:  # a second reading, not the page's: the first stands
        return result
    pieces = tesseract.parts(result)
    dropped: set[tuple[int, int]] = set()  # lines found to be pieces of an underlined line read again
    rewritten: set[tuple[int, int]] = set()  # lines read again: never dropped as another's piece
    others = [(w["left"], w["top"], w["left"] + w["width"], w["top"] + w["height"]) for w in reading.words]
    changed = False
    read_lines = [[again.words[k] for k in line.words] for par in again.reading.paragraphs for line in par.lines] \
        if again.reading else []
    for (place, words, letter, row, corner, cut), (y0, (cx, cy)) in zip(cuts, bands):
        middle = y0 + statistics.mean(w["top"] + w["height"] / 2 for w in words) - cy  # of its letters, in the stack
        inside = [ws for ws in read_lines if ws and y0 - gap / 2 <= statistics.mean(w["top"] + w["height"] / 2 for w in ws)
                  < y0 + cut.height + gap / 2]  # the lines read in its band: its own, and what the cut took of its neighbours'
        mine = list(min(inside, key=lambda ws: abs(statistics.mean(w["top"] + w["height"] / 2 for w in ws) - middle),
                        default=[]))
        own = {id(w) for w in words}
        # Tesseract may write one printed line as two, in two blocks ("compte rendu du … 2022", then
        # "Approbation du co" under the same rule): a line on this one's row, next to it, is a piece
        # of it (``_same_row``). Where the line read again covers a piece, and keeps nearly all its
        # letters, the piece's words are read here, and the piece is dropped
        mine = _trimmed(mine)
        reach = (min((w["left"] - gap + cx for w in mine), default=0),
                 max((w["left"] - gap + cx + w["width"] for w in mine), default=0))
        covered = [(at, line_words) for at, line_words, (x0, _, x1, _) in row
                   if reach[0] <= x0 + RULED_SLACK * letter and x1 - RULED_SLACK * letter <= reach[1]]
        taken = {id(reading.words[k]) for _, line_words in covered for k in line_words}
        foreign = [box for w, box in zip(reading.words, others) if id(w) not in own and id(w) not in taken]
        mine = _trimmed([w for w in mine if not _covers(foreign, (w["left"] - gap + cx, w["top"] - y0 + cy,
                                                                 w["left"] - gap + cx + w["width"], w["top"] - y0 + cy + w["height"]))])
        theirs = sum(_letters([reading.words[k] for k in ks]) for _, ks in covered)  # the pieces' letters, kept
        gained = (RULED_KEEP * theirs + _letters(words)) if covered else RULED_GAIN * _letters(words)
        if not mine or _letters(mine) < gained or statistics.mean(w["conf"] for w in mine) < RULED_CONF:
            continue
        rewritten.add(tuple(place))
        dropped.update(tuple(at) for at, _ in covered)
        par, its_words = pieces[place[0]]
        line = par.lines[place[1]]
        first = its_words[line.words[0]]
        moved = [dict(w, left=w["left"] - gap + cx, top=w["top"] - y0 + cy, block=first["block"], line=first["line"])
                 for w in mine]
        line.words = list(range(len(its_words), len(its_words) + len(moved)))
        its_words.extend(moved)
        line.box = _box_of(moved)
        par.box = (min(par.box[0], line.box[0]), min(par.box[1], line.box[1]),
                   max(par.box[2], line.box[2]), max(par.box[3], line.box[3]))
        height = statistics.median(w["height"] for w in moved)
        box = _box_of([w for w in moved if w["height"] >= 0.5 * height] or moved)  # its letters'
        seen[(max(0, box[0]), box[1], min(image.width, box[2]), box[3], line.slope)] = True  # its rule is still under it
        changed = True
    if not changed:
        return result
    dropped -= rewritten
    if dropped:
        kept = []
        for pi, (par, its_words) in enumerate(pieces):
            par.lines = [line for li, line in enumerate(par.lines) if (pi, li) not in dropped]
            if par.lines:
                kept.append((par, its_words))
        pieces = kept
    return tesseract.composed(pieces, reading.software)


def _same_row(reading, place: tuple[int, int], words: list[dict], across: tuple[int, int], near: float) -> list:
    """The other lines of ``reading`` that are pieces of line ``place`` (whose ``words`` are given,
    across x ``across``): on its row (the middle of their words within half a letter's height of
    its words', their letters of its size within PIECE_SIZE) and next to it (no more than ``near``
    pixels apart, or overlapping it), and so on from piece to piece. Each as ((paragraph, line),
    word indexes, box)."""
    middle = statistics.median(w["top"] + w["height"] / 2 for w in words)
    letter = statistics.median(w["height"] for w in words)
    on_row = []
    for pi, par in enumerate(reading.paragraphs):
        for li, line in enumerate(par.lines):
            if (pi, li) == tuple(place) or not line.words:
                continue
            ws = [reading.words[k] for k in line.words]
            if abs(statistics.median(w["top"] + w["height"] / 2 for w in ws) - middle) <= letter / 2 \
                    and 1 / PIECE_SIZE <= statistics.median(w["height"] for w in ws) / letter <= PIECE_SIZE:
                on_row.append(((pi, li), list(line.words), _box_of(ws)))
    out, (x0, x1) = [], across
    grew = True
    while grew:
        grew = False
        for piece in on_row:
            box = piece[2]
            if piece not in out and box[0] <= x1 + near and box[2] >= x0 - near:
                out.append(piece)
                x0, x1, grew = min(x0, box[0]), max(x1, box[2]), True
    return out


def _letters(words: list[dict]) -> int:
    return sum(c.isalpha() for w in words for c in w["text"])


def _trimmed(words: list[dict]) -> list[dict]:
    """``words`` without a stroke of the frame or the rule's end (no letter, no digit) at either end."""
    while words and not any(c.isalnum() for c in words[0]["text"]):
        words = words[1:]
    while words and not any(c.isalnum() for c in words[-1]["text"]):
        words = words[:-1]
    return words


def _box_of(words: list[dict]) -> tuple[int, int, int, int]:
    """The box around ``words``: x0, y0, x1, y1."""
    return (min(w["left"] for w in words), min(w["top"] for w in words),
            max(w["left"] + w["width"] for w in words), max(w["top"] + w["height"] for w in words))


def _covers(boxes: list, box: tuple) -> bool:
    """Whether half of ``box`` or more lies on one of ``boxes``: a word another line of the page
    already has (the cut of an underlined line reached into a neighbour's)."""
    area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
    return any(max(0, min(b[2], box[2]) - max(b[0], box[0])) * max(0, min(b[3], box[3]) - max(b[1], box[1])) >= area / 2
               for b in boxes)


def _ruled_cut(gray: Image.Image, x0: int, top: int, x1: int, bottom: int, height: float):
    """The corner and the image of an underlined line with its rule taken away: from where the
    rule starts to where it ends, within RULED_REACH letter heights of its words, and where the
    rule starts and ends on the page; or None when no rule is left to take away."""
    reach = round(RULED_REACH * height)
    box = (max(0, x0 - reach), max(0, round(top - 0.25 * height)), min(gray.width, x1 + reach),
           min(gray.height, round(bottom + 0.35 * height)))
    piece = gray.crop(box)
    bare = preprocess.without_underlines(piece, round(2 * height))
    rule = np.flatnonzero((np.asarray(bare) != np.asarray(piece)).any(axis=0))
    if rule.size == 0:
        return None
    left = max(0, min(int(rule[0]), x0 - box[0]) - round(0.3 * height))
    right = min(piece.width, max(int(rule[-1]) + 1, x1 - box[0]) + round(0.3 * height))
    return (box[0] + left, box[1]), bare.crop((left, 0, right, piece.height)), (box[0] + int(rule[0]), box[0] + int(rule[-1]) + 1)


def _good_words(result) -> int:
    return sum(1 for w in result.words if w["conf"] >= GOOD_WORD)


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The page's size as it is shown: a photo whose camera said to turn it a quarter turn
    (EXIF orientation 5-8) is shown with its sides swapped; the word boxes measure that page."""
    exif = image.getexif()
    if exif and exif.get(0x0112, 1) in (5, 6, 7, 8):
        return image.height, image.width
    return image.width, image.height
