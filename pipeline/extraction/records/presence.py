"""Who is in the room: the vote totals of a session report, and of minutes, follow the members
present.

Between two items the report says who leaves and who comes back, with their proxies:

  "Messieurs ROUMEGAS (avec la procuration de M.MAJDOUL) et VIGUIE sortent de la séance."  -3
  "Madame BLANPIED (avec la procuration de Mme FARGIER) revient en séance."                +2
  "Madame COUVERT donne sa procuration à Mme BENEZECH et sort définitivement de la séance."  0

So the votes cast (for + against + abstentions) of an item equal those of the item before unless
such a line stands between them, and then they move by at most two per member named (one's own
vote and one proxy). An item whose total breaks that on both sides — from the item before and to
the item after — has a count OCR misread (46 read as 40): ``validate.py`` sends it to review.
An item where members "ne prennent pas part au vote", or next to such a note, is left out of the
chain.
"""

from __future__ import annotations

import re

# "sort de la séance", "sortent de séance", "quitte la séance", "sort de la salle" (before the
# compte administratif, the mayor must) (votes go down); "arrivent en séance",
# "revient en séance", "rejoint la séance", "entrent en séance", "réintègre la séance" (up)
LEAVE = r"sort(?:ent)?|quitte(?:nt)?"
COME = r"arrive(?:nt)?|entre(?:nt)?|revien(?:nen)?t|rejoin(?:t|gnent)|rentre(?:nt)?|réintègre(?:nt)?"
MOVEMENT = re.compile(rf"\b(?:(?P<leave>{LEAVE})|(?P<come>{COME}))\b[^.]{{0,40}}?\b(?:s[ée]ance|salle)\b", re.I)  # over a line break too
# a capitalised word of a movement line ("BECCARIA", "Troadec-Robert", "Jacques"): each may be a
# member, and each proxy one more vote; counting first names too only widens the bound
NAME_WORD = re.compile(r"(?<![\w'’])[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[A-ZÀ-ÖØ-Þ][\w'’]*)*")
NOT_NAMES = {"Monsieur", "Madame", "Messieurs", "Mesdames", "Mme", "Mmes", "Mlle", "M", "MM", "Le", "La", "Les", "De",
             "Du", "Des", "Maire", "Adjoint", "Adjointe", "Conseil", "UMP", "NI", "PS", "PC", "EELV", "FN", "UDI", "LR",
             "DVD", "DVG", "MODEM", "PRG", "NPPV"}
PROXY = re.compile(r"procuration", re.I)
OUT_OF_VOTE = re.compile(r"ne\s+pren(?:d|nent)\s+pas\s+part\s+(?:au\s+)?vote|ne\s+participe(?:nt)?\s+pas\s+au\s+vote|\bNPPV\b", re.I)


def total(d) -> int | None:
    counts = [v for v in (d.vote_pour, d.vote_contre, d.vote_abstention) if v is not None]
    return sum(counts) if counts else None


def bounds(text: str) -> tuple[int, int]:
    """How far the votes cast may move over a stretch of text: (lowest, highest) change, two
    votes per member said to leave or to come back."""
    low = high = 0
    for part in re.split(r"\n\s*\n|\.[ \t]*\n", text):
        m = MOVEMENT.search(part)
        if not m:
            continue
        votes = 2 * max(1, len([w for w in NAME_WORD.findall(part) if w not in NOT_NAMES]) + len(PROXY.findall(part)))
        if m.group("leave"):
            low -= votes
        else:
            high += votes
    return low, high


def consistent(text: str, before, after) -> bool:
    """Whether ``after``'s total can follow ``before``'s over ``text``, the stretch between them:
    from the one vote to the other, over ``after``'s exposé ("- Approbation du compte administratif
    ⏎ Madame le maire quitte la séance. ⏎ … Vote : Pour : 14")."""
    low, high = bounds(text[before.char_end:max(after.char_start, after.char_end)])
    return low <= total(after) - total(before) <= high


def broken_chain(records: list, text: str) -> set[int]:
    """Indexes of the records whose vote total breaks the chain: on both sides, or on its only
    side when the neighbour is not itself the odd one."""
    def out_of_vote(i: int) -> bool:
        # the note may stand inside the item or between it and a neighbour, before or after its
        # vote ("… administrateurs de la SERM ne prennent pas part au vote." after "Adopté"): either
        # neighbour of such a note leaves the chain
        start = records[i - 1].char_end if i else records[i].char_start
        end = records[i + 1].char_start if i + 1 < len(records) else records[i].char_end
        return bool(OUT_OF_VOTE.search(text[min(start, records[i].char_start):max(end, records[i].char_end)]))

    # a total is the members present only where the votes for are counted: "3 abstentions" beside
    # "adopté à l'unanimité" counts only those who abstained
    chain = [i for i, d in enumerate(records) if d.vote_pour is not None and not out_of_vote(i)]
    link = [consistent(text, records[a], records[b]) for a, b in zip(chain, chain[1:])]  # link[k]: chain[k] -> chain[k+1]
    out = set()
    for k, i in enumerate(chain):
        left = link[k - 1] if k else None
        right = link[k] if k < len(link) else None
        if left is False and right is False:
            out.add(i)
        elif left is None and right is False and (k + 1 >= len(link) or link[k + 1]):
            out.add(i)  # the first item, whose next one agrees with the rest
        elif right is None and left is False and (k < 2 or link[k - 2]):
            out.add(i)  # the last item, likewise
    return out
