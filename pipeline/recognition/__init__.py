"""Page images -> text: Tesseract, called from one place (``tesseract.py``), and what is done to a page before and after."""
