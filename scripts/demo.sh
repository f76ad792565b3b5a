#!/usr/bin/env bash
# Install everything, then build the graph of the sample articles in seeds/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/graphbuild build seeds -o graph.graphml -o graph.json
