"""pipeline: scanned council deliberations in, clean text and tables out.

    import pipeline
    pipeline.ingest("archive/", "out/")     # files -> pages -> repaired text -> tables
    res = pipeline.open("out/")              # res.deliberations, res.sql("SELECT …")
    pipeline.reprocess("out/")               # repair and extraction again, no OCR (overrides.json)

also ``pipeline.ocr(path)``, ``pipeline.clean(text)``, ``pipeline.extract(text)`` (see ``api.py``).
Stages, one folder each: ``ingest`` (files -> pages), ``ocr`` (page images -> text),
``clean`` (repair of OCR artefacts), ``extract`` (entities), ``store`` (DuckDB, Parquet,
text and ALTO files), ``batch`` (the orchestrator that runs them over a folder).
Nothing heavy is imported until it is used.
"""

__version__ = "0.1.0"
__all__ = ["__version__", "clean", "extract", "ingest", "ocr", "open", "reprocess", "verify"]


def __getattr__(name: str):
    if name in ("ingest", "ocr", "clean", "extract"):
        import importlib

        return importlib.import_module(f"pipeline.{name}")  # a stage folder you can call (_front.py)
    if name == "open":
        from pipeline.api import open as open_results

        return open_results
    if name == "reprocess":
        from pipeline.api import reprocess

        return reprocess
    if name == "verify":
        from pipeline.api import verify

        return verify
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
