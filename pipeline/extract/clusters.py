"""Thematic clusters of a network of cities: theme, number of member cities, pilot cities.

  "• inclusion et équité (52 Villes) piloté par Mantes-la-Jolie (France), Melton (Australie)
  et Wuhan (Chine)." — one list item, possibly over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.places import find_cities

_ITEM_START = re.compile(r"(?m)^[ \t]*(?:[•▪●◦*–-]|\d+[.)/]|[a-z][.)])[ \t]+")
_CLUSTER = re.compile(
    r"(?P<theme>[^()•\n]{3,160}?)\s*\(\s*(?P<n>\d{1,4})\s+(?:villes?|membres?|communes?|collectivités?)\s*\)"
    r"\s*,?\s*(?:est\s+)?pilot[ée]e?s?\s+(?:par|conjointement par)\s+(?P<pilots>.+)",
    re.I | re.S,
)


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
        m = _CLUSTER.search(chunk)
        if not m:
            continue
        pilots_text = m.group("pilots")
        cities = find_cities(pilots_text, use_ner=False)
        if not cities:
            continue
        theme = " ".join(m.group("theme").split()).strip(" ,;:-")
        theme = _ITEM_START.sub("", theme).strip()
        end = s + m.start("pilots") + max(c.char_end for c in cities)
        out.append(Cluster(theme, int(m.group("n")), [c.name for c in cities], [c.country_code for c in cities],
                           s + m.start("theme") + (len(m.group("theme")) - len(m.group("theme").lstrip())), end))
    return out
