#!/usr/bin/env bash
# Set up, then run the main job on the samples in corpus/raw/ into corpus/clean/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/pipeline ingest corpus/raw --out corpus/clean --pdf "$@"
status=$?
set -e
.venv/bin/pipeline query corpus/clean \
  "SELECT d.source_path, d.status,
          (SELECT count(*) FROM pages p WHERE p.doc_id = d.doc_id) AS pages,
          (SELECT count(*) FROM pages p WHERE p.doc_id = d.doc_id AND p.method = 'ocr') AS ocr_pages,
          (SELECT round(avg(ocr_confidence), 1) FROM pages p WHERE p.doc_id = d.doc_id) AS ocr_conf,
          (SELECT count(*) FROM corrections c WHERE c.doc_id = d.doc_id) AS repairs,
          (SELECT count(*) FROM cities c WHERE c.doc_id = d.doc_id) AS cities,
          (SELECT count(*) FROM dates c WHERE c.doc_id = d.doc_id) AS dates,
          (SELECT count(*) FROM amounts c WHERE c.doc_id = d.doc_id) AS amounts,
          (SELECT count(*) FROM deliberations c WHERE c.doc_id = d.doc_id) AS deliberations
   FROM documents d ORDER BY d.source_path"
.venv/bin/pipeline review corpus/clean
echo "Results in corpus/clean/: text/, alto/, pdf/ (searchable), review/index.html (open it in a browser), tables/*.parquet, published/ (try: .venv/bin/pipeline query corpus/clean \"SELECT number, objet, vote_pour, result FROM current.deliberations\" -f markdown; in Python: pipeline.open(\"corpus/clean\"))"
exit $status
