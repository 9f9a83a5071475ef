"""Page images -> text: preprocessing (resolution, orientation, skew) and Tesseract."""
