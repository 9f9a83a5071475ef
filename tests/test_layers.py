"""The house's floors, checked: import-linter's contracts (``pyproject.toml``), no import cycle,
and the rooms a newcomer reads first — the stage list, the pool, the repair families, the
city finders — made of functions short enough to hold in one's head."""

from __future__ import annotations

import ast
import subprocess
import sys

import grimp
import pytest

from tests.conftest import ROOT

SHORT = 60  # lines: the longest function of the rooms below
ROOMS = ["pipeline/run/stages.py", "pipeline/run/pool.py", "pipeline/run/local.py", "pipeline/repair/families.py",
         "pipeline/extraction/places.py"]


def test_each_floor_imports_only_the_floors_below_it():
    """The layers, the command line that calls only the front door, the store that imports no
    stage: import-linter's contracts of pyproject.toml, all kept."""
    done = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                           "sys.exit(lint_imports_command())", "--config", "pyproject.toml", "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_import_graph_has_no_cycle():
    graph = grimp.build_graph("pipeline", include_external_packages=False)
    cycles = set()
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.add(" -> ".join((module, *back)))
    assert not cycles


def test_the_front_door_verbs_are_plain_functions():
    """``pipeline.clean`` is the function of api.py, with its signature and docstring, not a
    module made callable; the rooms are nouns, so no room shadows a verb once it is imported."""
    import importlib
    import inspect
    import pkgutil

    import pipeline
    from pipeline import api

    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)

    for verb in pipeline.VERBS:
        assert getattr(pipeline, verb) is getattr(api, verb)
        assert inspect.isfunction(getattr(pipeline, verb)), verb
    assert str(inspect.signature(pipeline.clean)) == "(text: 'str', *, lines: 'bool' = False, old_print: 'bool' = False) -> 'Cleaned'"
    assert not (ROOT / "pipeline" / "_front.py").exists()


@pytest.mark.parametrize("room", ROOMS)
def test_no_function_of_the_rooms_read_first_is_long(room):
    tree = ast.parse((ROOT / room).read_text(encoding="utf-8"))
    long = {node.name: node.end_lineno - node.lineno + 1 for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > SHORT}
    assert not long
