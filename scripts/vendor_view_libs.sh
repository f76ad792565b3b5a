#!/usr/bin/env bash
# Refresh the drawing libraries inlined into graph.html, from the npm registry (maintainers only;
# users never need npm or node). npm checks each package against the registry's integrity hash.
#   sigma.min.js                          sigma's own UMD build (WebGL renderer)
#   graphology.umd.min.js                 graphology's own UMD build (the graph in the page)
#   graphology-layout-forceatlas2.min.js  the ForceAtlas2 layout and its web-worker supervisor,
#                                         bundled with esbuild (the package ships no browser build)
# Then update VENDORED in graphbuild/export/html.py with the versions and checksums printed here.
set -euo pipefail
cd "$(dirname "$0")/.."
sigma=${SIGMA_VERSION:-3.0.3}
graphology=${GRAPHOLOGY_VERSION:-0.26.0}
fa2=${FA2_VERSION:-0.10.1}
esbuild=${ESBUILD_VERSION:-0.28.2}
assets=graphbuild/export/html_assets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "sigma@$sigma" "graphology@$graphology" \
  "graphology-layout-forceatlas2@$fa2" "esbuild@$esbuild" >/dev/null
cat > fa2-entry.js <<'JS'
module.exports = {
  FA2Layout: require("graphology-layout-forceatlas2/worker"),
  inferSettings: require("graphology-layout-forceatlas2").inferSettings,
};
JS
npx esbuild fa2-entry.js --bundle --minify --format=iife --global-name=graphologyLayoutForceAtlas2 \
  --legal-comments=none --log-level=warning --outfile=fa2.min.js
cd - >/dev/null
cp "$work/node_modules/sigma/dist/sigma.min.js" "$assets/sigma.min.js"
cp "$work/node_modules/sigma/LICENSE.txt" "$assets/sigma.LICENSE"
cp "$work/node_modules/graphology/dist/graphology.umd.min.js" "$assets/graphology.umd.min.js"
cp "$work/node_modules/graphology/LICENSE.txt" "$assets/graphology.LICENSE"
cp "$work/fa2.min.js" "$assets/graphology-layout-forceatlas2.min.js"
{ cat "$work/node_modules/graphology-layout-forceatlas2/LICENSE.txt"
  echo; echo "Bundled with it: graphology-utils $(node -p "require('$work/node_modules/graphology-utils/package.json').version") (MIT):"
  echo; cat "$work/node_modules/graphology-utils/LICENSE.txt"; } > "$assets/graphology-layout-forceatlas2.LICENSE"
for file in sigma.min.js graphology.umd.min.js graphology-layout-forceatlas2.min.js; do
  echo "$file: sha256 $(sha256sum "$assets/$file" | cut -d' ' -f1)"
done
echo "versions: sigma $sigma, graphology $graphology, graphology-layout-forceatlas2 $fa2 (bundled with esbuild $esbuild)"
