"""Furniture: the lines of a document that belong to no item — running headers and footers
repeated on most pages ("Commune de Pierrefonds - Conseil Municipal du 3 avril 2025 – Page 2 / 10"),
page numbers ("Page 1 sur 19", "- 3 -", "2/10"), the separators some minutes draw ("_________"), and
the prefecture's transmission stamp ("Reçu en préfecture le …").

Found, not listed: a line whose shape (its digits and spaces set aside; its digits kept where it
has few letters, "CM - 11.04.2016") comes back on at least half of the pages, and on two at least,
is a page's furniture — unless it says what the council
decided: "Vote : à l'unanimité" closes item after item, page after page, and is no furniture.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

REPEATED = 0.5  # a line on at least this share of the pages (and on two) is furniture
PAGE_NUMBER = re.compile(r"(?i)^[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]*)?\d{1,3}(?:[ \t]*(?:/|sur|de)[ \t]*\d{1,3})?(?:[ \t]*[-–—])?[ \t]*$")
RULE = re.compile(r"^[ \t]*[_\-–—=*.·•]{3,}[ \t]*$")
# the stamp of the transmission to the prefecture (@CTES), printed on every page of an act:
# "Envoyé en préfecture le 05/10/2023", "Reçu en préfecture le …", "ID : 030-213001100-20230922-…",
# "Publié le 12/10/2023", "Affiché le 09.03.22"
STAMP = re.compile(r"(?i)\b(?:envoy[ée]|re[çc]u)[ .]+en[ \t]+pr[ée]fecture[ \t]+le\b|\bID[ \t]*:[ \t]*\d{3}-\d{6,}"
                   r"|\b(?:publi|affich)[ée][ \t]+le(?:[ \t]+\S{1,4}[/.][ \t]?\S{1,4}(?:[/.]\d{2,4})?)?[ \t]*$")

# the stamp printed over a line of the text, after its own words ("M 49 - affectation de résultat
# de fonctionner] as, en préfecture le 19/06/2023", "jeudi 24 avril 2014 Envoi Préfecture :
# 25/04/2014"): the stamp's words from its label before "(en) préfecture le" or "préfecture :" (its
# "Reçu", as OCR read it) or its ACTES id on
STAMP_TAIL = re.compile(r"(?im)(?:^|(?<=[ \t]))(?:\S{1,10}+[ \t]++)?(?:en[ \t]++)?pr[ée]fecture[ \t]*+(?:le\b|:[ \t]*+\d).*+$"
                        r"|(?:^|(?<=[ \t]))[\[(|{]?ID[ \t]*+:[ \t]*+\d{3}-\d{6,}.*+$")  # possessive: linear on long blanks
OWN_WORDS = 3  # words of its own before the stamp that keep a line in the text


def before_stamp(line: str) -> str:
    """A line without the stamp printed over its end; the line itself when it has none."""
    m = STAMP_TAIL.search(line)
    return line[:m.start()].rstrip(" \t|[]{}:;,.") if m else line


def _stamp(line: str) -> bool:
    """A line of the stamp: its words, and fewer than OWN_WORDS words of the text before them."""
    return bool(STAMP.search(line)) and len(before_stamp(line).split()) < OWN_WORDS


def shape(line: str) -> str:
    """What stays of a line from page to page: letters, case and accents folded, digits and
    spaces set aside ("Page 2 / 10" and "Page 3 / 10" have one shape)."""
    folded = unicodedata.normalize("NFD", line.lower())
    return "".join(c for c in folded if c.isalpha())


def furniture_lines(lines, pages: list[str] | None, decisive: set[int] = frozenset(),
                    numbered: set[int] = frozenset()) -> set[int]:
    """The indexes of ``lines`` (records with ``text``) that are furniture; ``decisive``: the
    indexes of the lines that hold a vote, never furniture however often they come back;
    ``numbered``: the lines that open an item (its number, its "Objet :"), which come back as often
    as the agenda announces their item ("7. Festival « Les Petites Bouilles »" in the agenda and as
    the heading), or as items share their title's first line, and are no running header for it."""
    out = {i for i, ln in enumerate(lines) if PAGE_NUMBER.match(ln.text) or RULE.match(ln.text) or _stamp(ln.text)}
    if not pages or len(pages) < 2:
        return out - set(decisive)
    shapes = [{_key(ln) for ln in page.split("\n") if len(_key(ln)) >= 6} for page in pages]
    repeated = _repeated(shapes, max(2, REPEATED * len(pages)))
    out |= {i for i, ln in enumerate(lines)
            if len(_key(ln.text)) >= 6 and _key(ln.text) in repeated and i not in numbered}
    return out - set(decisive)


def folded(text: str) -> str:
    """A line's letters and digits, case and accents folded: "M 14 - …" is not "M 49 - …"."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if c.isalnum())


def _key(line: str) -> str:
    """What is compared from page to page: the line's shape, or, for a line of few letters, its
    letters and digits ("CM - 11.04.2016", the session's date heading each page)."""
    letters = shape(line)
    return letters if len(letters) >= 6 or len(letters) < 2 else folded(line)


FUZZY = 85  # shapes this alike (rapidfuzz ratio) are one line OCR read two ways ("Nombre de membres", "Noïnbre de membres")
OCR_RUN = 3  # ... where no run of letters longer than this differs: OCR misreads a letter or two here and
# there, it does not print one word for another ("Vidéoprotection : Autorisation à donner …" and
# "Espaces verts : Autorisation à donner …", two items' titles, are two lines)
FUZZY_PAGES = 30  # beyond this many pages, lines are compared exactly (a long text layer needs no fuzz)


def _repeated(shapes: list[set[str]], least: float) -> set[str]:
    """The shapes found on at least ``least`` pages: exactly, or, on a short scanned document,
    give or take what OCR changes from one page to the next."""
    seen: Counter = Counter(s for page in shapes for s in page)
    repeated = {s for s, n in seen.items() if n >= least}
    if len(shapes) > FUZZY_PAGES:
        return repeated
    for s in [s for s, n in seen.items() if n < least and len(s) >= 8]:
        if sum(1 for page in shapes if alike(s, page)) >= least:
            repeated.add(s)
    return repeated


def alike(mine: str, shapes: set[str]) -> bool:
    """Whether the shape ``mine`` is one of ``shapes``, give or take what OCR changes in a line."""
    from rapidfuzz import fuzz

    return mine in shapes or any(fuzz.ratio(mine, t) >= FUZZY and _misread(mine, t)
                                 for t in shapes if abs(len(t) - len(mine)) <= 4)


def _misread(mine: str, theirs: str) -> bool:
    """Two shapes differ only as OCR makes them differ: no run of more than OCR_RUN letters, the
    edits side by side (or a letter apart) taken as one run ("sportive" / "culturelle" is one)."""
    from rapidfuzz.distance import Levenshtein

    run = None  # the run being measured: where it starts in each shape
    for op in Levenshtein.opcodes(mine, theirs):
        if op.tag == "equal" and op.src_end - op.src_start > 1:
            run = None
            continue
        if run is None:
            run = (op.src_start, op.dest_start)
        if max(op.src_end - run[0], op.dest_end - run[1]) > OCR_RUN:
            return False
    return True
