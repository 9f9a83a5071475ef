"""Cities and their country: the patterns minutes use, spaCy's NER as a candidate source, and
the GeoNames gazetteer of ``models/`` to confirm and to give the ISO country code.

  "Melton (Australie)", "Hambourg (Allemagne) & Shangai (Chine)", "En France, … : Clermont-Ferrand,
  Evry-Courcouronnes, Montpellier et Mantes-la-Jolie". Not cities: "Maire", "UNESCO", "Conseil".

Small French communes come from where minutes put them: lists ("VILLENEUVE-LES-MAGUELONE, JACOU,
LAVERUNE, PEROLS et PIGNAN", in capitals too; over a line break; "villes d'Angers, Brest et de
Dijon"; "… ou Tours") and a place preposition ("à Trémoins", "commune
d'Héricourt", "syndicat de Champagney"), "les communes de Chagey et Luze". A name confirmed once — or the council's own commune — is a city at every mention.
A list of something else (first names, districts) makes none of its items a city. The tagger's
own proposals are weighed: a foreign town must be big enough to be named bare (Washington, not
Estelle, Louisiana) and not a French word (la France du Rugby).
Names written in capitals take the gazetteer's spelling (MONTPELLIER -> Montpellier), so that
case and accent variants are one name.
"""

from __future__ import annotations

import bisect
import gzip
import importlib.metadata
import re
import threading
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.derived import derived, no_gc
from pipeline.extraction.tagger import MODEL, nlp
from pipeline.repair.lexicon import MODELS
from pipeline.repair.lexicon import shared as shared_lexicon

NOT_PLACES = {
    "Maire", "Conseil", "Conseil Municipal", "Ville", "Villes", "Commune", "Etat", "État", "République",
    "Préfecture", "Préfet", "Monsieur", "Madame", "Président", "Mairie", "Assemblée", "Métropole", "Région",
    "Département", "Agglomération", "Unesco", "UNESCO", "UIL", "Europe", "Union", "Salle", "Hôtel", "Centre",
    "Saint", "Sainte", "Article", "Code", "Loi", "Budget", "Direction", "Service", "Secrétariat", "Vu",
}
# Each name is read whole (an atomic group): a list of names cannot be cut into pieces in
# exponentially many ways when what follows it does not match (a long attendance list)
_NAME = r"(?>[A-ZÀ-ÖØ-Þ][\w'’.]*+(?:[ -](?:[a-zà-ÿ]{1,3}[ -])?[A-ZÀ-ÖØ-Þ][\w'’.]*+){0,3})"


@dataclass
class City:
    name: str
    country: str | None
    country_code: str | None
    char_start: int
    char_end: int
    source: str  # pattern, list or ner

    def to_json(self) -> dict:
        return {"name": self.name, "country": self.country, "country_code": self.country_code,
                "char_start": self.char_start, "char_end": self.char_end}


def _fold(s: str) -> str:
    if s.isascii():  # most names: nothing to take off
        return s.lower()
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


_LOADING = threading.Lock()


def gazetteer() -> dict[str, dict[str, int]]:
    """folded name -> {country code: population}."""
    with _LOADING:
        return _load_gazetteer()


@lru_cache(maxsize=1)
def _load_gazetteer() -> dict[str, dict[str, int]]:
    # kept between runs in the user's cache (derived.py)
    out, spelled, variants = derived(Path(MODELS) / "gazetteer-cities.tsv.gz", _read_gazetteer)
    _SPELLED.update(spelled)
    _VARIANTS.update(variants)
    return out


def _read_gazetteer(path: Path) -> tuple[dict[str, dict[str, int]], dict[str, str], dict[str, str]]:
    """Folded name -> {country: population}; folded name -> its spelling; a French commune's
    ``variant_key`` -> its spelling."""
    out: dict[str, dict[str, int]] = {}
    spelled: dict[str, str] = {}
    variants: dict[str, str] = {}
    rows = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    with no_gc():  # 250,000 new dictionaries: the collector would walk them again and again
        for line in rows:
            name, cc, pop = line.split("\t")
            key = _fold(name)
            d = out.setdefault(key, {})
            d[cc] = max(d.get(cc, 0), int(pop))
            if cc == "FR" and _accents(name) > _accents(spelled.get(key, "")):
                spelled[key] = name
            spelled.setdefault(key, name)
        for key, name in spelled.items():
            if "FR" in out[key]:
                variants.setdefault(variant_key(name), name)
    return out, spelled, variants


_SPELLED: dict[str, str] = {}  # folded name -> the gazetteer's spelling (with its accents)
_VARIANTS: dict[str, str] = {}  # variant_key of a French commune -> its spelling


def variant_key(name: str) -> str:
    """One key for the ways a commune's name is written: "St Jean de Védas", "Saint Jean de
    Védas", "SAINT-JEAN-DE-VEDAS", "St-Jean-de-Védas" -> "saint-jean-de-vedas"."""
    words = [w for w in re.split(r"[\s\-‐–]+", _fold(name).replace("’", "'")) if w]
    return "-".join({"st": "saint", "ste": "sainte", "st.": "saint", "ste.": "sainte"}.get(w, w) for w in words)


def _canonical(name: str) -> str | None:
    """The gazetteer's spelling of a French commune written another way, or None."""
    gazetteer()
    return _VARIANTS.get(variant_key(name))


_FRENCH_MARKS = set("éèêëàâäîïôöûùüÿçœæÉÈÊËÀÂÄÎÏÔÖÛÙÜŸÇŒÆ")


def _accents(name: str) -> int:
    """French accents of a spelling; one with a letter French does not use (Carròs) never wins."""
    if name.isascii():
        return 0
    if any(ord(c) > 127 and c.isalpha() and c not in _FRENCH_MARKS for c in name):
        return -1
    return sum(1 for c in name if c in _FRENCH_MARKS)


def display(name: str) -> str:
    """A name in the gazetteer's spelling when written in capitals or another way ("St Jean de
    Védas" -> Saint-Jean-de-Védas); other names as written."""
    gaz = gazetteer()
    if not name.isupper():
        return name if _fold(name) in gaz else (_canonical(name) or name)
    return _SPELLED.get(_fold(name)) or _canonical(name) or name.title()


class Countries(NamedTuple):
    by_name: dict[str, str]  # folded French name -> ISO code
    shown: dict[str, str]  # ISO code -> the name to display


@lru_cache(maxsize=1)
def countries() -> Countries:
    """The countries' French names (``models/countries-fr.tsv``)."""
    by_name, shown = {}, {}
    for line in (Path(MODELS) / "countries-fr.tsv").read_text(encoding="utf-8").splitlines():
        name, cc = line.split("\t")
        by_name[_fold(name)] = cc
        if cc not in shown or ("," not in name and len(name) < len(shown[cc])) or "," in shown[cc]:
            shown[cc] = name
    return Countries(by_name, shown)


def country_code(name: str) -> str | None:
    return countries().by_name.get(_fold(name.strip()))


def lookup(name: str, country: str | None = None) -> Hit | None:
    """The country and population of a known city, in ``country`` if given."""
    entry = gazetteer().get(_fold(name))
    if not entry and country in (None, "FR"):
        entry = gazetteer().get(_fold(_canonical(name) or ""))
    if not entry:
        return None
    if country:
        return Hit(country, entry[country]) if country in entry else None
    cc = max(entry, key=lambda c: (c == "FR", entry[c]))
    return Hit(cc, entry[cc])


def _best_suffix(words: str, country: str | None) -> tuple[str, int] | None:
    """The longest tail of a capitalised word run that the gazetteer knows: 'piloté par Villa
    Maria' -> ('Villa Maria', its offset in ``words``)."""
    for m in re.finditer(r"\S+", words):
        cand = words[m.start():].strip(" ,;:&")
        if cand and cand not in NOT_PLACES and lookup(cand, country):
            return cand, m.start()
    return None


_IN_PARENS = re.compile(rf"(?P<city>{_NAME})\s*(?:-\s*)?\(\s*(?P<country>[A-ZÀ-ÖØ-Þ][\w'’ -]{{2,40}}?)\s*\)")
_COMMUNE_OF = re.compile(rf"\b(?:[Cc]ommune|[Vv]ille|[Vv]illage|[Mm]airie|habitants)\s+(?:de|d['’]|à)\s*(?P<name>{_NAME})")
_ITEM_WORDS = (r"[A-ZÀ-ÖØ-Þ][\w'’]*+(?:[ -](?:(?:les|lès|le|la|sur|en|de|du|LES|LE|LA|SUR|EN|DE|DU)[ -])?"
               r"[A-ZÀ-ÖØ-Þ][\w'’]*+){0,3}")
_ITEM = rf"(?>{_ITEM_WORDS})"
# an item of a list ends where a word does: "…, Nampcel, Rethondes, St Crépin-aux-⏎Bois" ends at "St"
_LIST_ITEM = rf"(?>{_ITEM_WORDS}(?![\w'’-]))"
# a list runs over one line break and may repeat its preposition: "villes d’Angers, Brest,⏎Dijon
# et de Vénissieux", "Rennes, Metz, ou Limoges". Each stretch of blanks is read by one possessive
# run: two runs side by side (" \t*, \t* \n? \t*") could share a blank in two ways, and a list
# of n names failed in 2^n ways
_COMMA = r"[ \t]*+,[ \t]*+(?:\n[ \t]*+)?(?:(?:de|à)[ \t]++|d['’])?"
_LAST = r"[ \t]*+(?:,[ \t]*+)?(?:\n[ \t]*+)?(?:et|ou|&)[ \t]++(?:(?:de|à)[ \t]++|d['’])?"
_LIST = re.compile(rf"(?:(?<![\w'’-])|(?<=\b[dD]['’]))(?P<list>{_LIST_ITEM}(?:{_COMMA}{_LIST_ITEM}){{1,}}{_LAST}{_LIST_ITEM}"
                   rf"|{_LIST_ITEM}(?:{_COMMA}{_LIST_ITEM}){{2,}})(?![\w'’-])")
_AT_PLACE = re.compile(rf"(?:\b(?:à|de|commune\s+de|commune\s+d['’]|entrée\s+de|mairie\s+de|vers)\s+|\bd['’])(?P<name>{_ITEM})")
# "les communes de Chagey et Luze": a list of two is enough when the text says they are communes
_COMMUNES = re.compile(rf"\b[Cc]ommunes\s+(?:de\s+|d['’]|voisines\s+(?:de\s+|d['’])?)?(?P<list>{_ITEM}(?:{_COMMA}{_ITEM})*"
                       rf"{_LAST}{_ITEM})")
# "entre Baillargues et Saint Jean de Védas", "de Vendargues à Montpellier": two places a stretch joins
_BETWEEN = re.compile(rf"\b(?:entre|de|depuis)\s+(?P<a>{_ITEM})\s+(?:et|à|jusqu['’]à)\s+(?:la\s+sortie\s+de\s+)?(?P<b>{_ITEM})")
# "contournement Nîmes-Montpellier", "ligne Montpellier-Perpignan": big cities a link joins
_PAIR = re.compile(r"(?<![\w'’-])(?P<a>[A-ZÀ-ÖØ-Þ][\w'’]+)-(?P<b>[A-ZÀ-ÖØ-Þ][\w'’]+)(?![\w'’-])")
PAIR_POPULATION = 50_000  # each city of a pair at least this big: "Languedoc-Roussillon" is no pair
# an address: "34970 LATTES", "06516 CARROS CEDEX", "34070 MONTPELLIER", "38700 LA TRONCHE pour le lot 2"
_POSTCODE = re.compile(r"(?<![\w,.])(?:0[1-9]|[1-8]\d|9[0-5]|97)[ \u00a0]?\d{3}[ \t]+(?P<words>[A-ZÀ-ÖØ-Þ][^\n,;:()]{0,60})")
_ADDRESS_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*|(?:le|la|les|lès|sur|sous|de|du|des|en|aux|d['’]|l['’])", re.I)
_PERSON = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+[ ]+[A-ZÀ-ÖØ-Þ]{2,}")
_EN_PAYS = re.compile(r"\b(?:En|en|Au|au|Aux|aux)\s+(?P<country>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’-]+)?)\s*,"
                      r"[^:\n]{0,200}?:\s*(?P<list>[^.\n]+(?:\n[^.\n]+)?)")


class Hit(NamedTuple):
    """A name the gazetteer knows: in which country, and how many people live there."""

    country: str  # ISO code
    population: int


@dataclass
class Found:
    """The cities found so far, whose spans never overlap (the first finder to claim a span keeps
    it), and the lists whose items are mostly not places (first names, districts)."""

    country_names: dict[str, str]
    cities: dict[tuple[int, int], City] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)  # the spans' starts, sorted, to bisect
    ends: dict[int, int] = field(default_factory=dict)  # start -> end
    not_places: list[tuple[int, int]] = field(default_factory=list)

    def add(self, name: str, cc: str | None, start: int, source: str) -> None:
        end = start + len(name)
        i = bisect.bisect_left(self.starts, end)  # the spans that start before end: only the last may reach past start
        if i and self.ends[self.starts[i - 1]] > start:
            return
        self.starts.insert(i, start)
        self.ends[start] = end
        self.cities[(start, end)] = City(name, self.country_names.get(cc) if cc else None, cc, start, end, source)


def find_cities(text: str, use_ner: bool = True, own: str | None = None) -> list[City]:
    """Every mention of a city in ``text``: what each finder of ``FINDERS`` claims, in order (and,
    with ``use_ner``, what spaCy's tagger proposes), then every other mention of a name found, or
    of ``own``, the council's own commune."""
    found = Found(countries().shown)
    for finder in FINDERS:
        finder(text, found)
    if use_ner and could_tag(text):
        tagged(text, found)
    _every_mention(text, found, own)
    for c in found.cities.values():
        c.name = display(c.name)
    return sorted(found.cities.values(), key=lambda c: c.char_start)


def in_parentheses(text: str, found: Found) -> None:
    """"Melton (Australie)": a place the text says which country it is in."""
    for m in _IN_PARENS.finditer(text):
        cc = country_code(m.group("country"))
        if not cc:
            continue
        city = m.group("city")
        best = _best_suffix(city, cc)
        if best:
            name, offset = best
            found.add(name, cc, m.start("city") + offset, "pattern")
        else:  # a place the gazetteer lacks, but the text says which country it is in
            last = re.search(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*$", city)
            if last and last.group() not in NOT_PLACES:
                found.add(last.group(), cc, m.start("city") + last.start(), "pattern")


def after_a_country(text: str, found: Found) -> None:
    """"En France, … : Clermont-Ferrand, Evry-Courcouronnes, Montpellier et Mantes-la-Jolie"."""
    for m in _EN_PAYS.finditer(text):
        cc = country_code(m.group("country"))
        if not cc:
            continue
        base = m.start("list")
        for item in re.finditer(r"[^,]+", m.group("list")):
            for piece in re.split(r"\s+(?:et|&)\s+", item.group()):
                name = piece.strip()
                if not name or not name[0].isupper():
                    continue
                offset = base + item.start() + item.group().find(piece) + (len(piece) - len(piece.lstrip()))
                if lookup(name, cc) or re.fullmatch(_NAME, name):
                    found.add(name, cc, offset, "list")


def commune_of(text: str, found: Found) -> None:
    """"la commune de Couthenans": small places the tagger misses."""
    for m in _COMMUNE_OF.finditer(text):
        name = m.group("name")
        if name not in NOT_PLACES and lookup(name, "FR"):
            found.add(name, "FR", m.start("name"), "pattern")


def communes_listed(text: str, found: Found) -> None:
    """"les communes de Chagey et Luze": two are enough when the text says they are communes."""
    for m in _COMMUNES.finditer(text):
        for i in re.finditer(_ITEM, m.group("list")):
            if i.group() not in NOT_PLACES and not _PERSON.match(i.group()) and lookup(i.group(), "FR"):
                found.add(i.group(), "FR", m.start("list") + i.start(), "list")


LIST_PLACES = 0.6  # a list is of communes when this share of its items are
LIST_NOT_PLACES = 0.4  # ... and of something else when fewer than this share look like places


def lists(text: str, found: Found) -> None:
    """"VILLENEUVE-LES-MAGUELONE, JACOU, LAVERUNE, PEROLS et PIGNAN"; a list of districts or of
    first names is remembered as none of places (``Found.not_places``)."""
    for m in _LIST.finditer(text):
        items = [(i.start(), i.group()) for i in re.finditer(_ITEM, m.group("list"))]
        items = [(s0, name) for s0, name in items if name not in ("et",)]
        hits = [(s0, name) for s0, name in items
                if name not in NOT_PLACES and not _PERSON.match(name) and lookup(name, "FR")]
        if _DISTRICTS.search(text[max(0, m.start() - 30):m.start()]):
            found.not_places.append((m.start("list"), m.end("list")))
        elif len(items) >= 2 and len(hits) >= LIST_PLACES * len(items):
            for s0, name in hits:
                found.add(name, "FR", m.start("list") + s0, "list")
        elif len(items) >= 3 and sum(map(_place_like, (n for _, n in items))) < LIST_NOT_PLACES * len(items):
            found.not_places.append((m.start("list"), m.end("list")))  # "Adama, Maïram, Renate, Guy": first names


def addresses(text: str, found: Found) -> None:
    """"34070 MONTPELLIER", "38700 LA TRONCHE pour le lot 2": the town of a postcode."""
    for m in _POSTCODE.finditer(text):
        name = _town_of_address(m.group("words"))
        if name:
            found.add(name, "FR", m.start("words"), "pattern")


def stretches(text: str, found: Found) -> None:
    """"entre Baillargues et Saint Jean de Védas", "de Vendargues à Montpellier"."""
    for m in _BETWEEN.finditer(text):
        names = [(m.group(g), m.start(g)) for g in ("a", "b")]
        if all(_french_place(text, n, s0) for n, s0 in names):
            for n, s0 in names:
                found.add(n, "FR", s0, "pattern")


def linked_pairs(text: str, found: Found) -> None:
    """"contournement Nîmes-Montpellier": two big cities a link joins."""
    for m in _PAIR.finditer(text):
        if lookup(m.group()) or _STREET.search(text[max(0, m.start() - 40):m.start()]):
            continue  # a compound name (Saint-Brès), or a street's name (rue Paris-Lyon)
        hits = [lookup(m.group(g)) for g in ("a", "b")]
        if all(h and h.population >= PAIR_POPULATION and m.group(g) not in NOT_PLACES for h, g in zip(hits, "ab")):
            for g, h in zip("ab", hits):
                found.add(m.group(g), h.country, m.start(g), "pattern")


def after_a_preposition(text: str, found: Found) -> None:
    """"à Trémoins", "commune d'Héricourt"."""
    for m in _AT_PLACE.finditer(text):
        name = m.group("name")
        if _french_place(text, name, m.start()):
            found.add(name, "FR", m.start("name"), "pattern")


def tagged(text: str, found: Found) -> None:
    """What spaCy's tagger proposes, weighed (``_known_enough``): not inside a longer name, not in
    a list of something else."""
    for name, s in _ner_places(text):
        if name in NOT_PLACES or _fold(name) in countries().by_name:
            continue
        if not name[:1].isupper() or name.isupper():
            continue  # surnames are written in capitals in council minutes (PEREZ is not in Argentina)
        if re.match(r"(?:La|Le|Les|L['’])\s", name) and name.split(None, 1)[-1] in NOT_PLACES:
            continue
        hit = lookup(name)
        if (hit and _known_enough(name, hit) and not _inside_name(text, s)
                and not any(a <= s < b for a, b in found.not_places)):
            found.add(name, hit.country, s, "ner")


NAME_WORD = re.compile(r"[^\W\d_][\w-]*")  # a word of a name; an apostrophe parts two ("L'Haÿ-les-Roses")
NAME_WORDS = 6  # the longest name the tagger could propose, in words ("Les Sables d'Olonne": 4)


@lru_cache(maxsize=2)  # asked by the finisher before the extraction (stages._tagger_for), then by find_cities
def could_tag(text: str) -> bool:
    """Whether spaCy's tagger could add a city to ``text``: only if some run of a few words on one
    line, opening with a capital and not all in capitals, is a city ``tagged`` would take (known
    enough). When none is, the model is not even loaded (it takes seconds to load)."""
    for line in text.splitlines():
        words = list(NAME_WORD.finditer(line))
        for i, first in enumerate(words):
            if not first.group()[:1].isupper():
                continue
            for last in words[i:i + NAME_WORDS]:
                name = line[first.start():last.end()]
                if name.isupper() or name in NOT_PLACES:
                    continue
                hit = lookup(name)
                if hit and _known_enough(name, hit):
                    return True
    return False


FINDERS = (in_parentheses, after_a_country, commune_of, communes_listed, lists, addresses, stretches, linked_pairs,
           after_a_preposition)


FOREIGN_BARE = 100_000  # a foreign city named without its country: one a French reader knows


def _known_enough(name: str, hit: Hit) -> bool:
    """Whether a name the NER alone proposes is taken: a French commune of 5,000 people that is not
    a common word; a foreign city big enough to be named bare (Washington, Bombay), and never one
    that is a French word (la France du Rugby) or a first name's namesake (Estelle, Louisiana)."""
    cc, population = hit.country, hit.population
    if cc == "FR":
        return population >= 5000 and not _common_word(name, population)
    return population >= FOREIGN_BARE and not _french_word(name)


def _place_like(name: str) -> bool:
    """A list item the gazetteer knows as a French commune or as a foreign city named bare."""
    if name in NOT_PLACES or _PERSON.match(name):
        return False
    hit = lookup(name)
    return bool(hit and (hit.country == "FR" or _known_enough(name, hit)))


def _every_mention(text: str, found: Found, own: str | None) -> None:
    """A name confirmed once is a city wherever the text names it again, in any case."""
    names = {(c.name, c.country_code) for c in found.cities.values()}
    if own:
        names.add((own, "FR"))
    for name, cc in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text, re.I):
            if m.group()[0].isupper():
                found.add(m.group(), cc, m.start(), "mention")


# "les quartiers Figuerolles, Gambetta et Mosson": a list of districts (or streets) names no commune
_DISTRICTS = re.compile(r"\b(?:quartiers?|rues?|avenues?|places?|secteurs?|îlots?|lieux?-dits?|résidences?)\s*:?\s*$", re.I)
# "avenue de la Justice de Castelnau", "route de Nîmes": a street named after a place is not a mention of it
_STREET = re.compile(r"\b(?:rue|avenue|av\.|boulevard|bd|route|chemin|allée|place|impasse|quai|cours|esplanade)\b[^\n,;.]{0,30}$", re.I)


def _town_of_address(words: str) -> str | None:
    """The longest run of a postcode's following words that is a French commune: "LA TRONCHE pour
    le lot 2" -> "LA TRONCHE", "NOISY LE GRAND CEDEX" -> "NOISY LE GRAND"."""
    run = []
    for w in re.finditer(r"\S+", words):
        if not _ADDRESS_WORD.fullmatch(w.group()) or len(run) >= 6:
            break
        run.append(w)
    for n in range(len(run), 0, -1):
        name = words[run[0].start():run[n - 1].end()]
        hit = lookup(name, "FR")
        if hit and name not in NOT_PLACES and (name.isupper() or not _common_word(name, hit.population)):
            return name  # in capitals, as addresses write towns, LATTES is the town
    return None


def _french_place(text: str, name: str, pos: int) -> bool:
    """A French commune of the gazetteer, neither a person, a word nor a street's name."""
    hit = lookup(name, "FR")
    return bool(hit and name not in NOT_PLACES and not name.isupper() and not _PERSON.match(name)
                and not _common_word(name, hit.population) and not _title_before(text, pos)
                and not _STREET.search(text[max(0, pos - 40):pos]))


def _inside_name(text: str, pos: int) -> bool:
    """The word before is a capitalised word of the same name: "Région Languedoc Roussillon",
    "GEORGE V Languedoc Roussillon" are not mentions of Roussillon."""
    window = text[max(0, pos - 40):pos]
    before = re.search(r"([\w'’.]+)[ \t]+(?:-[ \t]+)?$", window)
    if not (before and before.group(1)[:1].isupper() and before.group(1) not in NOT_PLACES):
        return False
    # "Après Rennes et Paris": a word capitalised only because it opens the sentence
    opens = re.search(r"(?:^|[.!?:;]\s+|\n\s*)$", window[:before.start(1)])
    return not (opens and before.group(1)[1:].islower() and _french_word(before.group(1)))


def _title_before(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:M\.|Mme|Mr|Monsieur|Madame|Mlle)\s*$", text[max(0, pos - 12):pos]))


_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[ -][A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’.-]*){0,2}")


def _common_word(name: str, population: int) -> bool:
    """A French word that is also some town (Marché, Save, Lot): only a big city wins."""
    return population < 100_000 and _french_word(name)


def _french_word(name: str) -> bool:
    """One word, and a common one of the French lexicon (Après, Rugby, Marché; not Estelle)."""
    if " " in name or "-" in name:
        return False
    return shared_lexicon().freq(name.lower()) >= 3.0


def _worth_tagging(line: str) -> bool:
    """NER candidates count only if the gazetteer knows them: a line without any known
    capitalised name cannot give one, and is not sent to the (slow) tagger."""
    gaz = gazetteer()
    for m in _CAPITALISED.finditer(line):
        words = m.group().replace("-", " - ").split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 5) + 1):
                if _fold(" ".join(words[i:j]).replace(" - ", "-")) in gaz:
                    return True
    return False


# lines spaCy tagged before, and the lines tagged or reused now (see ``tagging``)
_TAGGED: ContextVar[tuple[dict, dict] | None] = ContextVar("tagged", default=None)


@lru_cache(maxsize=1)  # asked twice a document (stages.py): the installed model does not change in a run
def model_version() -> str:
    """The tagger's name and version: lines it tagged are reused only by the same model."""
    return f"{MODEL} {importlib.metadata.version(MODEL)}"


@contextmanager
def tagging(known: dict[str, list]):
    """Within it, a line worth tagging that ``known`` holds (its text, without the line break ->
    its places, ``[name, start]``, as the tagger gave them) is not sent to the tagger again: a
    ``reprocess`` whose text did not change needs no spaCy at all. Yields the lines of this
    extraction with their places, tagged now or reused, for the document to keep."""
    used: dict[str, list] = {}
    token = _TAGGED.set((known, used))
    try:
        yield used
    finally:
        _TAGGED.reset(token)


def untagged(text: str, known: dict[str, list]) -> bool:
    """Whether some line of ``text`` worth tagging is not in ``known``: the tagger would be asked."""
    return any(line.strip() and _worth_tagging(line) and line.rstrip("\n\f") not in known
               for line in re.split(r"(?<=[\n\f])", text))


def _ner_places(text: str):
    known, used = _TAGGED.get() or ({}, None)
    lines, offsets, found, pos = [], [], [], 0
    for line in re.split(r"(?<=[\n\f])", text):
        if line.strip() and _worth_tagging(line):
            key = line.rstrip("\n\f")
            if key in known:
                found += [(name, pos + start) for name, start in known[key]]
                if used is not None:
                    used[key] = known[key]
            else:
                lines.append(line)
                offsets.append(pos)
        pos += len(line)
    if lines:
        for line, offset, doc in zip(lines, offsets, nlp().pipe(lines, batch_size=64)):
            places = [[ent.text.strip(), ent.start_char + (len(ent.text) - len(ent.text.lstrip()))]
                      for ent in doc.ents if ent.label_ in ("LOC", "GPE")]
            found += [(name, offset + start) for name, start in places]
            if used is not None:
                used[line.rstrip("\n\f")] = places
    yield from sorted(found, key=lambda f: f[1])
