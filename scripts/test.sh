#!/usr/bin/env bash
# Install everything, lint, then run the whole test suite (it starts its own Bolt server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The HTML view is tested in a real browser: Debian's chromium, installed here when we may
# (root with apt); elsewhere that test is skipped with the reason (on CI it fails instead).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing chromium for the HTML view test" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
    || echo "test: could not install chromium" >&2
fi
# The linter and the formatter first: a finding fails the run before the slow tests start
# (configured in pyproject.toml; fix with .venv/bin/ruff check --fix and .venv/bin/ruff format).
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
