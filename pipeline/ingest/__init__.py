"""Files -> pages: find input documents, read text layers, hand image pages to OCR."""

from pipeline._front import make_callable  # noqa: E402

make_callable(__name__)  # pipeline.ingest(...) runs api.ingest
