"""Thematic clusters of a network of cities: theme, number of member cities, pilot cities.

  "• inclusion et équité (52 Villes) piloté par Mantes-la-Jolie (France), Melton (Australie)
  et Wuhan (Chine)." — one list item, possibly over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extraction.places import find_cities

_ITEM_START = re.compile(r"(?m)^[ \t]*(?:[•▪●◦*–-]|\d+[.)/]|[a-z][.)])[ \t]+")
# "(52 Villes) piloté par …": the count of members in brackets, then the pilots. The theme is the
# text before the bracket: read backwards from it (``_theme``), not by a pattern that would try
# every length of theme at every character of the item
_MEMBERS = re.compile(
    r"\(\s*+(?P<n>\d{1,4})\s++(?:villes?|membres?|communes?|collectivités?)\s*+\)"
    r"\s*+(?:,\s*+)?(?:est\s++)?pilot[ée]e?s?\s++(?:par|conjointement par)\s++(?P<pilots>.+)",
    re.I | re.S,
)
THEME_CHARS = (3, 160)  # shortest and longest theme
_NOT_THEME = "()•\n"  # a theme stops at a bracket, a bullet or a line break


@dataclass
class Cluster:
    theme: str
    cities_count: int
    pilots: list[str] = field(default_factory=list)
    pilot_countries: list[str | None] = field(default_factory=list)
    char_start: int = 0
    char_end: int = 0

    def to_json(self) -> dict:
        return {"theme": self.theme, "cities_count": self.cities_count, "pilots": self.pilots,
                "char_start": self.char_start, "char_end": self.char_end}


def _items(text: str):
    """(start, end) of list items and paragraphs: an item runs to the next item or blank line."""
    bounds = sorted({0, len(text)} | {m.start() for m in _ITEM_START.finditer(text)}
                    | {m.end() for m in re.finditer(r"\n[ \t]*\n", text)})
    for s, e in zip(bounds, bounds[1:]):
        if text[s:e].strip():
            yield s, e


def find_clusters(text: str) -> list[Cluster]:
    out = []
    for s, e in _items(text):
        chunk = text[s:e]
        found = _cluster_in(chunk)
        if not found:
            continue
        (theme_start, theme_end), m = found
        raw_theme = chunk[theme_start:theme_end]
        cities = find_cities(m.group("pilots"), use_ner=False)
        if not cities:
            continue
        theme = " ".join(raw_theme.split()).strip(" ,;:-")
        theme = _ITEM_START.sub("", theme).strip()
        end = s + m.start("pilots") + max(c.char_end for c in cities)
        out.append(Cluster(theme, int(m.group("n")), [c.name for c in cities], [c.country_code for c in cities],
                           s + theme_start + (len(raw_theme) - len(raw_theme.lstrip())), end))
    return out


def _cluster_in(chunk: str) -> tuple[tuple[int, int], re.Match] | None:
    """The first "theme (N villes) piloté par …" of ``chunk``: the theme's span and the match of
    the members and pilots. The theme starts as far back as it may (up to 160 characters, not
    across a bracket, a bullet or a line break) and ends where the blanks before the bracket start."""
    shortest, longest = THEME_CHARS
    bracket = chunk.find("(")
    while bracket >= 0:
        m = _MEMBERS.match(chunk, bracket)
        if m:
            blanks = bracket  # the blanks before the bracket, which belong to no theme
            while blanks > 0 and chunk[blanks - 1].isspace():
                blanks -= 1
            newline = chunk.find("\n", blanks, bracket)
            last_end = bracket if newline < 0 else newline  # a theme never runs over a line break
            stop = max(chunk.rfind(c, max(0, blanks - longest), blanks) for c in _NOT_THEME)
            start = max(stop + 1, blanks - longest)
            end = max(start + shortest, blanks)
            if end <= last_end:
                return (start, end), m
        bracket = chunk.find("(", bracket + 1)
    return None
