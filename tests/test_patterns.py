"""No pattern of the repair or the extraction may take more than linear time on any text.

A pattern that backtracks catastrophically turned 18 KB of a city's session report (its
attendance list: long runs of capitalised names and commas) into a minute of extraction. Here
every regular expression the package compiles at module level is run over adversarial text —
2,000 capitalised names separated by commas, long runs of digits, blanks, line breaks, dots,
hyphens, capitals, number words, and each of them after the words the patterns look for
("Monsieur", "le Maire,", "Pour :", "€" …) — at two sizes: twice the text may not take much more
than twice the time, nor any text cost much more a kilobyte than a baseline measured in the same
run on the same machine (for a pattern, one that matches every character of the same text; for a
reader, a larger multiple of the same), so that a slow or busy machine moves the limit with the
measure, and a reader that gets slower everywhere is still caught. The readers that use the
patterns are run the same way. A pattern searched only through a function that bounds where it
looks (``amounts.amount_matches``, which searches ``amounts._SCAN``) is run through that function.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import signal
import time

import pytest

import pipeline
from pipeline.extraction import amounts
from tests.conftest import SHARED

pytestmark = pytest.mark.timing  # every test here measures time: run alone (scripts/test.sh)

PATTERN_TIMES = 10.0  # the most one pattern may cost on a text, in times a pattern that matches its every character
READER_TIMES = 100.0  # ... and one reader, which runs dozens of patterns and Python around them
GROWTH = 3.0  # twice the text: at most this many times the time (linear is 2, quadratic 4)
NOISE = 0.01  # below this many seconds on the larger text, timings are too small to compare
STUCK = 30.0  # seconds after which a run counts as stuck (the test fails instead of hanging); a busy machine
# can make a 4 KB text take seconds, and the limits and the growth judge that — a pattern that backtracks takes minutes

FOUNDING_EXAMPLE = SHARED / "mantes-la-jolie" / "deliberation-2019-unesco-learning-cities.ocr.txt"

NAMES = ["Jean-Pierre MOURE", "Mme Hélène MANDROU", "Anne Marie DE LA GRANGE", "Sophie BONIFACE-PASCAL",
         "SAINT JEAN DE VEDAS", "Paris"]
ANCHORS = ["", "Monsieur ", "le Maire,\n", "Pour : ", "1. ", "€ ", "communes de ", "(", "Objet : ",
           "Point ", "Adopté à ", "L'an 2019"]  # a word announcing an item's number; a vote phrase that may wrap;
# the session's formula, its year in figures
RUNS = [" ", "\n", ".", "-", "1 ", "0 1 ", "1234567890", "AB-", "ABC ", "Ab ", "mille cent ", "Jean DUPONT, "]


def adversarial(kb: int) -> dict[str, str]:
    """Texts of about ``kb`` kilobytes each, by name."""
    size = kb * 1000
    texts = {}
    for name in NAMES:  # an attendance list: about 2,000 names at 64 KB
        texts[f"names:{name}"] = "Présents : " + ", ".join([name] * (size // (len(name) + 2))) + ".\n"
    texts["names:mixed"] = ", ".join(NAMES[i % len(NAMES)] for i in range(size // 18)) + " et"
    for anchor in ANCHORS:
        for run in RUNS:
            texts[f"{anchor!r}+{run!r}"] = anchor + run * (size // len(run))
            texts[f"({anchor!r}+{run!r})*"] = (anchor + run * 4) * (size // (len(anchor) + 4 * len(run)))
        texts[f"{anchor!r}+spaces+x"] = anchor + " " * size + "x"  # a run of spaces that no end of line closes
    # a line of thousands of votes, each after the decision formula
    texts["formula votes"] = "1. Tarifs\n" + "Le conseil, après en avoir délibéré, par 1 voix pour ; " * (size // 56)
    return texts


def module_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern of the package's modules, at module level or in a list or a dict there."""
    found: dict[int, tuple[str, re.Pattern]] = {}

    def visit(name: str, value, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(id(value), (name, value))
        elif depth < 2 and isinstance(value, (list, tuple, dict)):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                visit(f"{name}[{key!r}]", item, depth + 1)

    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            visit(f"{info.name}.{attr}", value)
    return dict(found.values())


class Stuck(Exception):
    pass


def _stuck(signum, frame):
    raise Stuck()


def cost(run, text: str, repeat: int = 1) -> float:
    """Seconds ``run(text)`` takes (the best of ``repeat``), the garbage collector held off while
    it runs, as ``timeit`` does (a collection of what other tests left is no cost of the pattern);
    ``inf`` past STUCK."""
    best = float("inf")
    previous = signal.signal(signal.SIGALRM, _stuck)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            running, elapsed = False, None
            try:
                signal.setitimer(signal.ITIMER_REAL, STUCK)
                t0 = time.perf_counter()
                running = True
                run(text)
                elapsed = time.perf_counter() - t0
                signal.setitimer(signal.ITIMER_REAL, 0)
            except Stuck:
                signal.setitimer(signal.ITIMER_REAL, 0)
                if running and elapsed is None:
                    return float("inf")
                # the alarm came before the run began or as it ended (a signal is handled between two steps
                # of Python, after a long step of C): no run was stuck; a time measured counts
            if elapsed is not None:
                best = min(best, elapsed)
    finally:
        signal.signal(signal.SIGALRM, previous)
        if collecting:
            gc.enable()
    return best


def per_kb(seconds: float, text: str) -> float:
    return seconds * 1000 / (len(text) / 1000)


EVERY_CHARACTER = re.compile(r"(?s).")


_BASELINES: dict[str, float] = {}


def baseline(text: str) -> float:
    """What a pattern matching every character of ``text`` costs a kilobyte of it (ms), on this
    machine at this moment (measured once a text): the unit of every limit here."""
    if text not in _BASELINES:
        _BASELINES[text] = per_kb(cost(_finditer(EVERY_CHARACTER), text, repeat=3), text)
    return _BASELINES[text]


def _slower_now(text: str) -> float:
    """How much slower the baseline on ``text`` runs now than when it was first measured (1 when
    not slower): a limit never falls below its first measure."""
    first = baseline(text)
    return max(1.0, per_kb(cost(_finditer(EVERY_CHARACTER), text, repeat=3), text) / first)


def pattern_limit(text: str) -> float:
    return PATTERN_TIMES * baseline(text)


def reader_limit(text: str) -> float:
    return READER_TIMES * baseline(text)


def too_slow(run, small: dict[str, str], large: dict[str, str], limit) -> list[str]:
    """The texts on which ``run`` costs more a kilobyte than ``limit(text)`` (ms), or grows faster
    than linearly."""
    slow = []
    for key, text in large.items():
        t_large = cost(run, text)
        if t_large < NOISE and per_kb(t_large, text) <= limit(text):
            continue  # too quick for its growth to be measured, and within the limit
        found = _verdict(run, text, small[key], limit, t_large, repeat=2)
        for repeat in (3, 5):  # measured again, with more runs, before it is believed: a busy moment of the machine is
            # no quadratic pattern — and its limit with it, where the baseline is slower now than when first measured
            if found:
                t_large = min(t_large, cost(run, text, repeat=repeat))
                found = _verdict(run, text, small[key], lambda t: limit(t) * _slower_now(t), t_large, repeat=repeat)
        if found:
            slow.append(f"{key}: {found}")
    return slow


def _verdict(run, text: str, small: str, limit, t_large: float, repeat: int) -> str | None:
    """What is wrong with ``run``'s time ``t_large`` on ``text`` (the cost a kilobyte over
    ``limit(text)``, or the growth from ``small``, half as long, timed ``repeat`` times), or None."""
    if t_large == float("inf"):
        return f"stuck for more than {STUCK:.0f} s"
    t_small = cost(run, small, repeat=repeat)
    growth = t_large / max(t_small, 1e-4)
    most = limit(text)
    if per_kb(t_large, text) > most or growth > GROWTH:
        return f"{per_kb(t_large, text):.2f} ms/KB (limit {most:.2f}), x{growth:.1f} for twice the text"
    return None


def _finditer(pattern: re.Pattern):
    if pattern is amounts.AMOUNT or pattern is amounts._SCAN:
        return lambda text: sum(1 for _ in amounts.amount_matches(text))
    return lambda text: sum(1 for _ in pattern.finditer(text))


PATTERNS = module_patterns()


def test_the_package_compiles_the_patterns_this_test_reads():
    names = set(PATTERNS)
    assert len(names) > 100
    for expected in ("pipeline.extraction.places._LIST", "pipeline.extraction.amounts.AMOUNT",
                     "pipeline.extraction.records.single_act.SIGNATORY", "pipeline.repair.names.SLOT"):
        assert expected in names


def test_the_attendance_list_that_took_a_minute_is_read_at_once():
    """The list of names of a session report, the case that was seen: 2,000 names."""
    from pipeline.extraction.places import find_cities

    names = ", ".join(NAMES[i % 4] for i in range(2000)) + ".\n"
    assert cost(lambda text: find_cities(text, use_ner=False), "Présents : " + names) < 2.0


@pytest.mark.slow
def test_every_pattern_is_linear_on_adversarial_text():
    small, large = adversarial(8), adversarial(16)
    slow = {}
    for name, pattern in sorted(PATTERNS.items()):
        found = too_slow(_finditer(pattern), small, large, pattern_limit)
        if found:
            slow[name] = found
    assert not slow, slow


@pytest.mark.slow
def test_every_reader_is_linear_on_adversarial_text():
    from pipeline.repair import repair_text, repairer
    from pipeline.extraction import extract_text

    small, large = adversarial(4), adversarial(8)
    rep = repairer()
    readers = {"extraction": lambda text: extract_text(text, use_ner=False),
               "repair": lambda text: repair_text(text, repairer=rep)}
    slow = {}
    for name, run in readers.items():
        run(FOUNDING_EXAMPLE.read_text(encoding="utf-8"))  # warm: the first call loads what the reader keeps
        slow[name] = too_slow(run, small, large, reader_limit)
    assert not any(slow.values()), slow


def test_a_timer_stops_a_pattern_that_backtracks():
    """What the document budget relies on (``batch/budget.py``): Python's regular-expression engine
    checks for signals, so a run that backtracks catastrophically is stopped by the timer."""
    from pipeline.run.budget import Budget, OverBudget

    names = ", ".join(["Anne Marie DE LA GRANGE"] * 40) + "."
    t0 = time.monotonic()
    with pytest.raises(OverBudget, match=r"^extraction took longer than 0.5 s \(--text-timeout\)$"):
        with Budget(0.5) as budget:
            budget.stage = "extraction"
            re.fullmatch(r"(?:[A-Z][a-z]*(?: [A-Z]+)*,? ?)*", names)
    assert time.monotonic() - t0 < 3


def test_the_measure_still_finds_a_quadratic_pattern():
    """The measure is taken twice before a pattern is called slow (a busy moment of the machine is
    no quadratic pattern); a pattern that really grows with the square of the text is still found:
    ``\\w*\\d`` over letters scans to the end from every place."""
    quadratic = _finditer(re.compile(r"\w*\d"))
    found = too_slow(quadratic, {"letters": "a" * 2000}, {"letters": "a" * 4000}, pattern_limit)
    assert len(found) == 1 and found[0].startswith("letters: ")


def test_the_measure_finds_a_linear_pattern_that_costs_too_much_a_character():
    """Linear is not enough: a pattern that looks 300 characters ahead from every place grows
    linearly but costs hundreds of steps a character, more than the limit allows on any machine."""
    far = _finditer(re.compile(r"(?=[a-z]{0,300}\d)"))
    found = too_slow(far, {"letters": "a" * 20000}, {"letters": "a" * 40000}, pattern_limit)
    assert len(found) == 1, found
    cost_, limit, growth = map(float, re.search(r"([\d.]+) ms/KB \(limit ([\d.]+)\), x([\d.]+)", found[0]).groups())
    assert cost_ > limit and growth <= GROWTH  # found for its cost, not its growth
