#!/usr/bin/env bash
# Install everything, then build the graph of the sample articles in seeds/:
# graph.graphml, graph.json, graph.gexf and graph.html, in OUTPUT_FOLDER (default: here).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.}
mkdir -p "$out"
bash scripts/setup.sh
.venv/bin/graphbuild build seeds -o "$out/graph.graphml" -o "$out/graph.json" -o "$out/graph.gexf" -o "$out/graph.html"
opener=xdg-open
[ "$(uname)" = Darwin ] && opener=open
cat <<TEXT

How to open the graph:
  $out/graph.html     in any web browser, offline:  $opener $out/graph.html
  $out/graph.gexf     in Gephi (https://gephi.org): File > Open, then Layout > ForceAtlas 2
  $out/graph.graphml  in Gephi, yEd or Cytoscape
  $out/graph.json     in Python:  from graphbuild import read_graph, tables; g = read_graph("$out/graph.json")
TEXT
