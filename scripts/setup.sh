#!/usr/bin/env bash
# Set up everything pipeline needs on Debian (run as root): system packages when missing,
# then .venv with the pinned Python packages and the project. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-fra fonts-dejavu-core poppler-utils qpdf util-linux)
if [[ "${PIPELINE_BROWSER:-1}" == 1 ]]; then
    APT_PACKAGES+=(chromium)  # the review site's tests drive it with Playwright (no browser download)
fi
if [[ "${PIPELINE_BENCH_TOOLS:-0}" == 1 ]]; then
    APT_PACKAGES+=(ocrmypdf)
fi

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
    for cand in python3.11 python3; do
        if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            PY="$cand"; break
        fi
    done
fi
if [[ -z "$PY" ]]; then
    APT_PACKAGES+=(python3.11 python3.11-venv)
    PY=python3.11
elif ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
    APT_PACKAGES+=(python3-venv)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
    echo "setup: installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv with $PY" >&2
    "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "setup: installing pinned Python packages into .venv" >&2
    log=.venv/setup.log
    if ! { .venv/bin/python -m pip install --disable-pip-version-check -r requirements.lock &&
           .venv/bin/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "setup: installing Python packages failed (full log: $log)" >&2
        exit 2
    fi
    echo "$want" > "$stamp"
fi
# the package's own modules compiled once: every run starts several processes (readers, a
# finisher), and each would compile them again where the environment says not to write
# bytecode (PYTHONDONTWRITEBYTECODE); a module edited since is compiled afresh, as always
.venv/bin/python -m compileall -q -j 0 pipeline >/dev/null || true
