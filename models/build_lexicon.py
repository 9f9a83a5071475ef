"""Build ``models/lexicon-fr.tsv.gz``: the French words the OCR repair trusts, with frequencies.

Sources (build time only; nothing is downloaded when the pipeline runs):
  * wfrench (Debian package ``wfrench``, ``/usr/share/dict/french``): 346k inflected French
    word forms. GPL-2+.
  * Grammalecte's Hunspell dictionary, "classique" variant (Debian ``hunspell-fr-classical``),
    expanded with ``unmunch`` (Debian ``hunspell-tools``): adds œ spellings and proper nouns.
    MPL-2.0. (unmunch expands only part of its affix rules; wfrench supplies the inflections.)
  * wordfreq 3.1.1 (PyPI), French "large" list: Zipf frequency of each word. The numbers are
    used as weights only; wordfreq's list itself is *not* a validity source because it holds
    common misspellings ("deja", "apres", "francaise"). Data CC BY-SA 4.0, code Apache-2.0.
  * ``models/domain-fr.txt``: vocabulary of French local government written for this project.

Output: one ``word<TAB>zipf`` line per word form, sorted, gzip'd (deterministic: mtime 0).

    apt-get install wfrench hunspell-fr-classical hunspell-tools
    .venv/bin/pip install wordfreq==3.1.1
    .venv/bin/python models/build_lexicon.py
"""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
WFRENCH = Path("/usr/share/dict/french")
HUNSPELL = Path("/usr/share/hunspell/fr")
OUT = HERE / "lexicon-fr.tsv.gz"
WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s.strip())


def read_domain() -> set[str]:
    words = set()
    for line in (HERE / "domain-fr.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(nfc(line))
    return words


def main() -> None:
    from wordfreq import zipf_frequency

    words: set[str] = set()
    words |= {nfc(w) for w in WFRENCH.read_text(encoding="utf-8").splitlines()}
    expanded = subprocess.run(
        ["unmunch", f"{HUNSPELL}.dic", f"{HUNSPELL}.aff"], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    words |= {nfc(w) for w in expanded.splitlines()}
    words |= read_domain()
    words = {w for w in words if WORD.match(w) and len(w) <= 40}
    buf = io.StringIO()
    for w in sorted(words):
        buf.write(f"{w}\t{zipf_frequency(w, 'fr', wordlist='large'):.2f}\n")
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"{OUT.name}: {len(words):,} word forms")


if __name__ == "__main__":
    main()
