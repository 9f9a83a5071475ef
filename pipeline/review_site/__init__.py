"""``pipeline review OUT_DIR``: a static, offline site in ``OUT_DIR/review/`` where an archivist
sees each night's work and overrules it.

  index.html         every document: status, pages, mean OCR confidence, corrections, records
                     needing review, failures with their errors (sortable, filterable)
  docs/<id>.html     one document: each page's image beside its repaired text; corrections
                     highlighted (the original and the rule on hover or focus), words Tesseract was
                     unsure of marked, cities / dates / amounts with their normalised values; the
                     corrections to reject or protect and the records to correct by hand
  img/<sha>/…jpg     page images, rendered once per version of a file from the original input
  review.css/.js     the only assets: nothing is loaded from the network, no server is needed

Decisions are saved by the page as ``overrides.json`` (a download); put it in ``OUT_DIR`` and
every later ``ingest`` or ``reprocess`` honours it (see ``pipeline/overrides.py``).
Every text from a document is escaped; the script only ever sets ``textContent``.
"""

from pipeline.review_site.site import build

__all__ = ["build"]
