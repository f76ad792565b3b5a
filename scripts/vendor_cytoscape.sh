#!/usr/bin/env bash
# Refresh the Cytoscape.js copy inlined into graph.html from the npm registry (maintainers only;
# users never need npm). Then update CYTOSCAPE_VERSION / CYTOSCAPE_SHA256 in graphbuild/export/html.py.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-3.34.4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cytoscape@$version" >/dev/null)  # npm checks the registry's integrity hash
tar -xzf "$work/cytoscape-$version.tgz" -C "$work"
cp "$work/package/dist/cytoscape.min.js" graphbuild/export/html_assets/cytoscape.min.js
cp "$work/package/LICENSE" graphbuild/export/html_assets/cytoscape.LICENSE
echo "cytoscape $version: sha256 $(sha256sum graphbuild/export/html_assets/cytoscape.min.js | cut -d' ' -f1)"
