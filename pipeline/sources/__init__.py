"""Files -> pages: what each kind of input file holds (PDF text layers and page images, images, text files)."""
