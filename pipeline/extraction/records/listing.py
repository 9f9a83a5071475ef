"""The list of deliberations: what a council publishes within a week of its session (article
L2121-25 of the code général des collectivités territoriales), a title and one entry per decision.

  Liste des délibérations votées                    the title that says what the page is
  Le 16 MAI 2025                                    the session
   Approbation du procès-verbal du 04 avril 2025   an entry: a bullet or a number, then the subject
   Devis prévisionnel honoraires avocat sur …      … whose line may run on to the next
  2025 approuvant le PPRI de la commune de Flaux

Each entry is a record with its subject; the list says the deliberations were examined or voted,
not how, so no vote and no result are read from it.
"""

from __future__ import annotations

import re

from pipeline.extraction.records.common import Deliberation, one_line

TITLE = re.compile(r"(?im)^[ \t]*(?:liste|relev[ée])[ \t]+des[ \t]+d[ée]lib[ée]rations\b")
HEAD = 600  # the title stands in the page's first lines
# an entry's mark: a bullet (any glyph that is neither a letter, a digit nor a quote), or a number
ENTRY = re.compile(r"^[ \t]*(?:[^\w\s«\"“'‘(]|\d{1,3}[ \t]*[.)°-])[ \t]*(?P<subject>[^\W\d_].*)$")


def looks_like(text: str) -> bool:
    """A page titled as a list of deliberations, whose entries are marked."""
    return bool(TITLE.search(text[:HEAD])) and sum(1 for line in text.split("\n") if ENTRY.match(line)) >= 2


def read(text: str) -> list[Deliberation]:
    out: list[Deliberation] = []
    start = TITLE.search(text[:HEAD]).end()
    pos = start
    for line in text[start:].split("\n"):
        m = ENTRY.match(line)
        if m:
            out.append(Deliberation(char_start=pos, char_end=pos + len(line), objet=m.group("subject"), layout="list"))
        elif out and line.strip() and pos - out[-1].char_end <= 1:  # the entry's line runs on
            out[-1].objet = f"{out[-1].objet} {line.strip()}"
            out[-1].char_end = pos + len(line)
        pos += len(line) + 1
    for d in out:
        d.objet = one_line(d.objet)
    return out
