"""``pipeline.clean(text)`` and ``pipeline.clean.repair`` both: a stage folder that can be called.

The front-door functions (``api.py``) bear the names of the stage folders — ``ingest``, ``ocr``,
``clean``, ``extract`` — and Python binds ``pipeline.clean`` to the folder as soon as anything
imports from it. So each of those folders' modules is given a class whose call runs the function
of the same name; everything else about the module stays as it is.
"""

from __future__ import annotations

import sys
import types


def make_callable(module_name: str) -> None:
    module = sys.modules[module_name]
    function = module_name.rsplit(".", 1)[-1]

    class Stage(types.ModuleType):
        def __call__(self, *args, **kwargs):
            from pipeline import api

            return getattr(api, function)(*args, **kwargs)

    module.__class__ = Stage
