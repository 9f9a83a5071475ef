#!/usr/bin/env bash
# Set up, then run the whole test suite (real Tesseract, spaCy model, DuckDB, shared corpus): every
# test on both cores (pytest-xdist), then the tests that measure time alone, so that the other
# worker's load never decides them. Arguments go to both runs (-k …, a file; a -m of yours replaces
# the script's); a run with nothing to collect is no failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit $?
status=0
.venv/bin/python -m pytest -q -n 2 --dist worksteal -m "not timing" "$@" || { code=$?; [ "$code" -eq 5 ] || status=$code; }
[ "$status" -le 1 ] || exit "$status"  # interrupted, an internal or a usage error: no second run
.venv/bin/python -m pytest -q -m timing "$@" || { code=$?; [ "$code" -eq 5 ] || status=$code; }
exit $status
