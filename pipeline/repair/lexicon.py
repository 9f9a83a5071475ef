"""The French lexicon of ``models/``: which word forms exist and how frequent they are.

Also the user's own lists: protected words (never changed) and forced fixes (always applied),
plain text files an archivist can edit (``models/protected-fr.txt``, ``models/fixes-fr.tsv``).
"""

from __future__ import annotations

import threading
import gzip
import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.derived import derived, no_gc
from pipeline.errors import UsageError


def _models() -> Path:
    """PIPELINE_MODELS if set; else the models shipped inside the installed package
    (``pipeline/models/``), or the checkout's ``models/`` when run from the source tree."""
    if os.environ.get("PIPELINE_MODELS"):
        return Path(os.environ["PIPELINE_MODELS"])
    package = Path(__file__).resolve().parents[1]
    shipped = package / "models"
    return shipped if (shipped / LEXICON).exists() else package.parent / "models"


LEXICON = "lexicon-fr.tsv.gz"
MODELS = _models()
PROTECTED = "protected-fr.txt"
FIXES = "fixes-fr.tsv"

_SKELETON = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# the accented Latin letters, precomputed: one C-level translate for almost every word
_LATIN = {c: _strip_marks(c) for c in map(chr, range(0xC0, 0x250)) if _strip_marks(c) != c}
_FAST = str.maketrans({**_LATIN, "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def skeleton(word: str) -> str:
    """Lower case, no diacritics, ligatures spelled out: what survives accent damage."""
    fast = word.lower().translate(_FAST)
    if fast.isascii():
        return fast
    return _strip_marks(word.lower().translate(_SKELETON))


@dataclass
class Lexicon:
    zipf: dict[str, float]
    protected: set[str] = field(default_factory=set)
    fixes: dict[str, str] = field(default_factory=dict)
    _by_skeleton: dict[str, list[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.zipf

    def knows(self, word: str) -> bool:
        """A word form of the dictionary, as written or in lower case (``Villes``)."""
        return word in self.zipf or word.lower() in self.zipf

    def freq(self, word: str) -> float:
        return self.zipf.get(word, self.zipf.get(word.lower(), 0.0))

    def _index(self) -> dict[str, list[str]]:
        if self._by_skeleton is None:
            self._by_skeleton = skeleton_index(self.zipf)
        return self._by_skeleton

    def with_skeletons(self, keys: set[str]) -> set[str]:
        """Every word of the lexicon whose skeleton is one of ``keys``."""
        index = self._index()
        out = {w for k in keys if k in index for w in index[k]}
        out.update(k for k in keys if k in self.zipf and skeleton(k) == k)
        return out

    def same_skeleton(self, key: str) -> list[str]:
        """Every word of the lexicon whose skeleton is ``key``."""
        found = self._index().get(key, [])
        if key in self.zipf and skeleton(key) == key:
            return [key, *found]
        return found


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(unicodedata.normalize("NFC", line))
    return out


def skeleton_index(zipf: dict[str, float]) -> dict[str, list[str]]:
    """Skeleton -> the words that have it, for the words that are not their own skeleton
    (accented, capitalised): most words are plain lower-case ASCII and need no entry."""
    index: dict[str, list[str]] = {}
    with no_gc():
        for w in [w for w in zipf if not (w.isascii() and w.islower())]:
            key = skeleton(w)
            if key != w:
                index.setdefault(key, []).append(w)
    return index


def _words(path: Path) -> tuple[dict[str, float], dict[str, list[str]]]:
    """The lexicon file's words with their frequency, and their skeleton index."""
    zipf: dict[str, float] = {}
    with no_gc():  # 380,000 new objects: the collector would walk them again and again
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").split("\n"):
            if line:
                word, _, z = line.partition("\t")
                zipf[word] = float(z or 0)
    return zipf, skeleton_index(zipf)


@lru_cache(maxsize=4)
def load(models: Path = MODELS) -> Lexicon:
    path = Path(models) / LEXICON
    if not path.exists():
        raise UsageError(f"{path}: lexicon missing (build it with models/build_lexicon.py)")
    zipf, index = derived(path, _words)  # kept between runs in the user's cache (derived.py)
    protected = {w.strip() for w in _read_lines(Path(models) / PROTECTED)}
    fixes = {}
    for line in _read_lines(Path(models) / FIXES):
        wrong, _, right = line.partition("\t")
        if wrong.strip() and right.strip():
            fixes[wrong.strip()] = right.strip()
    return Lexicon(zipf=zipf, protected=protected, fixes=fixes, _by_skeleton=index)


_LOADING = threading.Lock()


def shared() -> Lexicon:
    """The lexicon every repair and extraction of this process shares, loaded once (even when a
    warm-up thread asks at the same time)."""
    with _LOADING:
        return _load_shared()


@lru_cache(maxsize=1)
def _load_shared() -> Lexicon:
    lex = load()
    lex.same_skeleton("")  # build the candidate index now, not on the first unknown word
    return lex
