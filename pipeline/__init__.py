"""pipeline: scanned council deliberations in, clean text and tables out.

Stages, one folder each: ``ingest`` (files -> pages), ``ocr`` (page images -> text),
``clean`` (repair of OCR artefacts), ``extract`` (entities), ``store`` (DuckDB, Parquet,
text and ALTO files), ``batch`` (the orchestrator that runs them over a folder).
"""

__version__ = "0.1.0"
