"""Files -> pages: find input documents, read text layers, hand image pages to OCR."""
