#!/usr/bin/env bash
# Install everything, then run the whole test suite (it starts its own Bolt server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
