// graphbuild's HTML view: the entity network drawn by sigma.js (WebGL) from a graphology graph, laid out by
// ForceAtlas2 in a web worker (the page stays responsive while it runs), with filters, a search, and a side
// panel with the evidence behind each relation. All text from the graph is inserted with textContent, never
// as HTML. The page tells tests and scripts where it is through data-* attributes of <body>:
// data-rendered ("true" once laid out and drawn, "error" if it cannot draw), data-frames (frames drawn so far),
// data-visible-nodes and data-visible-edges (what the filters let through).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const body = document.body;
  const $ = (id) => document.getElementById(id);
  const started = performance.now();
  let renderer = null;

  const DASHES = { solid: [0, 0], dashed: [7, 5], dotted: [2, 4] };
  const FADED_NODE = "#dfe2e6";
  const FADED_EDGE = "#eef0f2";
  const LABELLED_HUBS = Math.min(20, Math.max(5, Math.round(data.nodes.length / 8)));
  const styles = new Map(data.relation_styles.map((s) => [s.type, s]));
  const nodeColors = new Map(data.node_types.map((t) => [t.type, t.color]));

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    return node;
  }

  // --- the graph ----------------------------------------------------------------------------------------
  // Node attribute `type` and edge attribute `type` choose sigma's drawing program, so the entity type is
  // `kind` and the relation type `relation`.
  const graph = new graphology.MultiGraph();
  const small = data.nodes.length <= 1000;
  data.nodes.forEach((n) => graph.addNode(n.id, {
    label: n.name, kind: n.type, color: nodeColors.get(n.type) || "#8E6FBF", x: 0, y: 0, size: 1, info: n,
  }));
  // Thousands of edges drawn opaque hide one another; see-through they show where the graph is dense.
  const edgeAlpha = data.edges.length > 2000 ? "66" : "";
  data.edges.forEach((e) => {
    const style = styles.get(e.type) || { color: "#9aa0a6", dash: "solid" };
    graph.addEdgeWithKey(e.id, e.source, e.target, {
      relation: e.type, type: e.directed ? "arrow" : "line", color: style.color + edgeAlpha, dash: DASHES[style.dash],
      size: (small ? 2.5 : 1.2) + Math.min(3, Math.log2(Math.max(1, e.weight || 1))), info: e,
    });
  });
  const topNodes = new Set(data.nodes.slice().sort((a, b) => b.degree - a.degree || (a.name < b.name ? -1 : 1))
    .filter((n) => n.degree > 0).slice(0, LABELLED_HUBS).map((n) => n.id));

  function resize(measure) {
    const max = Math.max(1, ...data.nodes.map((n) => n[measure]));
    const [smallest, largest] = small ? [3, 15] : [1.5, 9];
    graph.updateEachNodeAttributes((node, attrs) => {
      attrs.size = smallest + (largest - smallest) * Math.sqrt(attrs.info[measure] / max);
      return attrs;
    }, { attributes: ["size"] });
  }
  resize("degree");

  // --- what is shown: filters, selection and search ------------------------------------------------------
  const state = {
    hiddenRelations: new Set(), hiddenKinds: new Set(), from: "", to: "", undated: true, isolated: false,
    selectedNode: null, selectedEdge: null, matches: null,
  };
  let visibleNodes = new Set();
  let visibleEdges = new Set();
  let focus = null; // {nodes: Set, edges: Set} while something is selected or searched

  function inDateRange(info) {
    if (!info.when.length) return state.undated;
    return info.when.some(([first, last]) => (!state.to || first <= state.to) && (!state.from || last >= state.from));
  }

  function edgePasses(edge, attrs, source, target) {
    return !state.hiddenRelations.has(attrs.relation) && !state.hiddenKinds.has(graph.getNodeAttribute(source, "kind"))
      && !state.hiddenKinds.has(graph.getNodeAttribute(target, "kind")) && inDateRange(attrs.info);
  }

  function applyFilters() {
    computeVisibility();
    if (renderer) renderer.refresh();
  }

  function computeVisibility() {
    visibleEdges = new Set();
    const relations = new Map();
    graph.forEachEdge((edge, attrs, source, target) => {
      if (!edgePasses(edge, attrs, source, target)) return;
      visibleEdges.add(edge);
      relations.set(source, (relations.get(source) || 0) + 1);
      relations.set(target, (relations.get(target) || 0) + 1);
    });
    visibleNodes = new Set();
    let isolated = 0;
    graph.forEachNode((node, attrs) => {
      if (state.hiddenKinds.has(attrs.kind)) return;
      if (!relations.get(node)) isolated += 1;
      if (state.isolated || relations.get(node)) visibleNodes.add(node);
    });
    $("isolated-count").textContent = String(isolated);
    updateFocus();
    const status = "Showing " + visibleNodes.size + " of " + graph.order + " entities and " + visibleEdges.size
      + " of " + graph.size + " relations";
    $("status").textContent = status;
    body.dataset.visibleNodes = String(visibleNodes.size);
    body.dataset.visibleEdges = String(visibleEdges.size);
  }

  function updateFocus() {
    const centre = state.selectedNode ? [state.selectedNode] : state.matches ? [...state.matches] : null;
    if (state.selectedEdge && graph.hasEdge(state.selectedEdge)) {
      focus = { nodes: new Set(graph.extremities(state.selectedEdge)), edges: new Set([state.selectedEdge]) };
    } else if (centre) {
      focus = { nodes: new Set(centre), edges: new Set() };
      centre.forEach((node) => graph.forEachEdge(node, (edge, attrs, source, target) => {
        if (!visibleEdges.has(edge)) return;
        focus.edges.add(edge);
        focus.nodes.add(source);
        focus.nodes.add(target);
      }));
    } else {
      focus = null;
    }
  }

  function nodeReducer(node, attrs) {
    // what is searched for or selected shows even when it has no visible relation
    if (!visibleNodes.has(node) && !(focus && focus.nodes.has(node))) return Object.assign(attrs, { hidden: true });
    if (focus && !focus.nodes.has(node)) return Object.assign(attrs, { color: FADED_NODE, zIndex: 0 });
    if (focus) return Object.assign(attrs, { forceLabel: focus.nodes.size <= 40 || node === state.selectedNode, zIndex: 1,
      highlighted: node === state.selectedNode || (state.matches !== null && state.matches.has(node)) });
    return Object.assign(attrs, { forceLabel: topNodes.has(node), zIndex: topNodes.has(node) ? 1 : 0 });
  }

  function edgeReducer(edge, attrs) {
    if (!visibleEdges.has(edge)) return Object.assign(attrs, { hidden: true });
    if (focus && !focus.edges.has(edge)) return Object.assign(attrs, { color: FADED_EDGE, zIndex: 0 });
    if (focus && edge === state.selectedEdge) return Object.assign(attrs, { size: attrs.size + 2, zIndex: 1 });
    return Object.assign(attrs, { zIndex: focus ? 1 : 0 });
  }

  // --- drawing ------------------------------------------------------------------------------------------
  // Positions and filters are ready before sigma draws its first frame (a frame of a big graph is costly).
  const layout = window.graphbuildLayout(graph);
  const startingBox = layout.place();
  computeVisibility();
  let frames = 0;
  try {
    renderer = new Sigma(graph, $("graph"), {
      nodeReducer, edgeReducer, zIndex: true, enableEdgeEvents: true,
      // Past a few thousand edges, a drag draws only the nodes (measured: bench/bench_view.py): panning stays fluid
      // even where WebGL runs in software, and the edges come back when the drag ends.
      hideEdgesOnMove: data.edges.length > 5000, hideLabelsOnMove: data.edges.length > 5000,
      edgeProgramClasses: window.graphbuildEdgePrograms,
      // only the labelled hubs (and what is selected) show labels at the opening zoom; others appear zoomed in
      labelRenderedSizeThreshold: small ? 16 : 10, labelDensity: 0.5, labelFont: "system-ui, sans-serif", labelSize: 12,
      labelWeight: "600", minEdgeThickness: small ? 1.2 : 0.8, defaultEdgeType: "line", stagePadding: 24,
    });
  } catch (error) {
    const message = el("div", "This view needs WebGL, which this browser does not offer (" + error.message + "). "
      + "Open the .gexf or .graphml file in Gephi instead.", "message");
    $("graph").appendChild(message);
    body.dataset.rendered = "error";
    body.dataset.error = String(error.message);
    return;
  }
  renderer.setCustomBBox(startingBox);
  renderer.scheduleRefresh();
  let renderCost = 0;
  let renderStart = 0;
  renderer.on("beforeRender", () => { renderStart = performance.now(); });
  renderer.on("afterRender", () => {
    renderCost = performance.now() - renderStart;  // the last frame's cost, which paces the layout's updates
    frames += 1;
    body.dataset.frames = String(frames);
    if (frames === 1) body.dataset.firstFrameMs = String(Math.round(performance.now() - started));
  });

  // --- the controls ---------------------------------------------------------------------------------------
  function dashSample(style) {
    const picture = svg("svg", { width: 26, height: 10, "aria-hidden": "true" });
    const dash = DASHES[style.dash];
    picture.appendChild(svg("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: style.color, "stroke-width": 2.5,
      "stroke-dasharray": dash[0] ? dash.join(" ") : "none" }));
    return picture;
  }

  function checkbox(container, value, text, count, picture, onChange, className) {
    const label = el("label", null, className);
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = value;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, picture, el("span", text), el("span", count, "count"));
    container.appendChild(label);
    return label;
  }

  // "refused, cancelled or negated"
  const wordList = (words) => words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
  data.relation_styles.forEach((style) => {
    const label = checkbox($("relation-types"), style.type, style.type, style.count, dashSample(style), (on) => {
      if (on) state.hiddenRelations.delete(style.type); else state.hiddenRelations.add(style.type);
      applyFilters();
    }, style.variant_of ? "variant" : "");
    label.title = (style.description ? style.description + "\n" : "") + (style.variant_of
      ? "What " + style.variant_of + " becomes when the event was " + wordList(style.statuses) + " (" + style.dash + ")." : "");
  });
  data.node_types.forEach((type) => {
    const swatch = el("span", null, "swatch");
    swatch.style.background = type.color;
    checkbox($("node-types"), type.type, type.type, type.count, swatch, (on) => {
      if (on) state.hiddenKinds.delete(type.type); else state.hiddenKinds.add(type.type);
      applyFilters();
    });
  });
  $("show-isolated").addEventListener("change", (event) => {
    state.isolated = event.target.checked;
    renderer.setCustomBBox(layout.frame(state.isolated));
    applyFilters();
  });

  const spans = data.edges.flatMap((e) => e.when);
  const firstDay = spans.reduce((m, s) => (!m || s[0] < m ? s[0] : m), "");
  const lastDay = spans.reduce((m, s) => (!m || s[1] > m ? s[1] : m), "");
  $("undated-count").textContent = String(data.edges.filter((e) => !e.when.length).length);
  [$("date-from"), $("date-to")].forEach((input) => {
    input.min = firstDay;
    input.max = lastDay;
    input.disabled = !firstDay;
  });
  if (!firstDay) $("date-note").textContent = "No relation has a date (neither from its sentence nor its article).";
  function resetDates() {
    $("date-from").value = firstDay;
    $("date-to").value = lastDay;
    state.from = state.to = "";
  }
  resetDates();
  $("date-from").addEventListener("input", (event) => { state.from = event.target.value; applyFilters(); });
  $("date-to").addEventListener("input", (event) => { state.to = event.target.value; applyFilters(); });
  $("date-reset").addEventListener("click", () => { resetDates(); applyFilters(); });
  $("show-undated").addEventListener("change", (event) => { state.undated = event.target.checked; applyFilters(); });
  document.querySelectorAll("input[name=size-by]").forEach((input) => input.addEventListener("change", () => {
    resize(input.value);
    body.dataset.sizeBy = input.value;
  }));

  if (data.dropped.nodes || data.dropped.edges) {
    $("notice").textContent = "Too large to draw whole: showing the " + data.nodes.length + " most connected of "
      + data.totals.nodes + " entities and " + data.edges.length + " of " + data.totals.edges
      + " relations (open the .gexf file in Gephi for all).";
  } else if (data.dropped.evidence) {
    $("notice").textContent = data.dropped.evidence + " evidence sentences beyond " + data.limits.evidence
      + " per relation are left out (they are in graph.json).";
  }

  // --- search -------------------------------------------------------------------------------------------
  const names = $("names");
  data.nodes.forEach((n) => { const option = el("option"); option.value = n.name; names.appendChild(option); });

  function search(query) {
    const q = query.trim().toLowerCase();
    state.matches = null;
    if (q) {
      state.matches = new Set(graph.filterNodes((node, attrs) => !state.hiddenKinds.has(attrs.kind)
        && [attrs.info.name].concat(attrs.info.aliases).some((s) => s.toLowerCase().includes(q))));
    }
    $("search-result").textContent = q ? state.matches.size + " match" + (state.matches.size === 1 ? "" : "es") : "";
    state.selectedNode = state.selectedEdge = null;
    applyFilters();
    if (state.matches && state.matches.size) showFocus();
    return state.matches ? [...state.matches] : [];
  }

  // Moves the camera onto what is selected or found, with the entities it is linked to.
  function showFocus() {
    const points = [...focus.nodes].map((node) => renderer.getNodeDisplayData(node)).filter(Boolean);
    if (!points.length) return;
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    renderer.getCamera().animate({
      x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2,
      ratio: Math.min(1, Math.max(0.3, extent * 1.3)),
    }, { duration: 300 });
  }

  $("search").addEventListener("input", (event) => search(event.target.value));
  $("search").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const found = search(event.target.value);
    if (found.length) selectNode(found[0]);
  });

  // --- selection and the panel ----------------------------------------------------------------------------
  const panel = window.graphbuildPanel(data, graph, { el, svg, styles, DASHES, isVisible: (edge) => visibleEdges.has(edge),
    selectNode: (node) => selectNode(node, true), selectEdge });

  function selectNode(node, move) {
    state.selectedNode = node;
    state.selectedEdge = null;
    applyFilters();
    panel.showNode(node);
    body.dataset.selected = node;
    if (move) showFocus();
  }

  function selectEdge(edge) {
    state.selectedEdge = edge;
    state.selectedNode = null;
    applyFilters();
    panel.showEdge(edge);
    body.dataset.selected = edge;
  }

  renderer.on("clickNode", ({ node }) => selectNode(node));
  renderer.on("clickEdge", ({ edge }) => selectEdge(edge));
  renderer.on("clickStage", () => {
    if (!state.selectedNode && !state.selectedEdge) return;
    state.selectedNode = state.selectedEdge = null;
    applyFilters();
    panel.clear();
    body.dataset.selected = "";
  });
  renderer.on("enterNode", () => { $("graph").style.cursor = "pointer"; });
  renderer.on("leaveNode", () => { $("graph").style.cursor = ""; });
  renderer.on("enterEdge", () => { $("graph").style.cursor = "pointer"; });
  renderer.on("leaveEdge", () => { $("graph").style.cursor = ""; });

  // Links into the page: #search=<text>, #node=<node id>, #edge=<edge id>.
  function followHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("search=")) {
      $("search").value = hash.slice(7);
      const found = search($("search").value);
      if (found.length) selectNode(found[0]);
    } else if (hash.startsWith("node=") && graph.hasNode(hash.slice(5))) {
      selectNode(hash.slice(5), true);
    } else if (hash.startsWith("edge=") && graph.hasEdge(hash.slice(5))) {
      selectEdge(hash.slice(5));
    }
  }
  window.addEventListener("hashchange", followHash);

  // For tests and scripts: where a node is drawn, in page coordinates.
  window.graphbuildView = {
    graph, renderer,
    nodePosition(node) {
      const attrs = renderer.getNodeDisplayData(node);
      const point = renderer.framedGraphToViewport(attrs);
      const box = $("graph").getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
  };

  layout.run((box) => renderer.setCustomBBox(box), (iterations) => {
    applyFilters();
    followHash();
    body.dataset.layoutIterations = String(iterations);
    body.dataset.layoutMs = String(Math.round(performance.now() - started));
    // The signal tests wait for: set once a frame with the final positions has been drawn and shown.
    renderer.once("afterRender", () => requestAnimationFrame(() => requestAnimationFrame(() => {
      body.dataset.rendered = "true";
    })));
    renderer.refresh();
  });
})();
