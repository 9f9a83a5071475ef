#!/usr/bin/env bash
# Set up, then run the main job on the samples in corpus/raw/ into corpus/clean/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
set +e
.venv/bin/pipeline ingest corpus/raw --out corpus/clean "$@"
status=$?
set -e
.venv/bin/pipeline query corpus/clean \
  "SELECT d.source_path, d.kind, d.status, count(p.page_no) AS pages,
          count(*) FILTER (WHERE p.method = 'ocr') AS ocr_pages,
          round(avg(p.ocr_confidence), 1) AS mean_conf
   FROM documents d LEFT JOIN pages p USING (doc_id)
   GROUP BY ALL ORDER BY d.source_path"
exit $status
