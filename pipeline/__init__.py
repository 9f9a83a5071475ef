"""pipeline: scanned council deliberations in, clean text and tables out.

    import pipeline
    pipeline.ingest("archive/", "out/")     # files -> pages -> repaired text -> tables
    res = pipeline.open("out/")              # res.deliberations, res.sql("SELECT …")
    pipeline.reprocess("out/")               # repair and extraction again, no OCR (overrides.json)

also ``pipeline.ocr(path)``, ``pipeline.clean(text)``, ``pipeline.extract(text)``,
``pipeline.verify(out)``, ``pipeline.query(out, sql)``, ``pipeline.search(out, words)``, ``pipeline.export(out, …)``,
``pipeline.review(out)``: the verbs of ``api.py``, each a plain function. The rooms hold nouns:
``sources`` (files -> pages), ``recognition`` (page images -> text), ``repair`` (OCR damage),
``extraction`` (entities and records), ``store`` (DuckDB, snapshots, files), ``run`` (one
document's stages, in order, over many documents), ``review`` (the review site).
Nothing heavy is imported until it is used.
"""

from pipeline.version import __version__

VERBS = ("ingest", "ocr", "clean", "extract", "open", "reprocess", "verify", "query", "search", "export", "review",
         "read_text")
__all__ = ["__version__", *VERBS]


def __getattr__(name: str):
    if name in VERBS:  # from api.py, on first use: `import pipeline` stays cheap
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
