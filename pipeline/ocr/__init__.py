"""Page images -> text: preprocessing (resolution, orientation, skew) and Tesseract."""

from pipeline._front import make_callable  # noqa: E402

make_callable(__name__)  # pipeline.ocr(...) runs api.ocr
