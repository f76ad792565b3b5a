// The layout of graphbuild's HTML view: ForceAtlas2 (graphology) in a web worker, for a fixed number of
// iterations from seeded starting positions, so the page answers while a big graph settles and the picture is
// the same every time. Entities without a relation sit in a grid under the network.
// Exposes window.graphbuildLayout(graph) -> { place(), frame(showLoose), run(onProgress, done) }.
window.graphbuildLayout = function (graph) {
  "use strict";
  let showLoose = false;

  function seededRandom(seed) {
    return () => {  // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const linked = graph.filterNodes((node) => graph.neighbors(node).some((other) => other !== node));
  const linkedSet = new Set(linked);
  const loose = graph.filterNodes((node) => !linkedSet.has(node)).sort((a, b) =>
    (graph.getNodeAttribute(a, "kind") + graph.getNodeAttribute(a, "label"))
      .localeCompare(graph.getNodeAttribute(b, "kind") + graph.getNodeAttribute(b, "label")));
  const looseIndex = new Map(loose.map((node, i) => [node, i]));

  function iterationsFor(order, size) {
    if (order <= 300) return 800;
    return Math.max(150, Math.min(600, Math.round(300000 / (order + size))));
  }

  function boundingBox(nodes) {
    const box = { x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
    nodes.forEach((node) => {
      const { x, y } = graph.getNodeAttributes(node);
      box.x = [Math.min(box.x[0], x), Math.max(box.x[1], x)];
      box.y = [Math.min(box.y[0], y), Math.max(box.y[1], y)];
    });
    return Number.isFinite(box.x[0]) ? box : null;
  }

  // The box the camera frames: the network, and the grid of loose entities while they are shown.
  // Graph updates go through updateEachNodeAttributes: one event for all nodes (sigma re-indexes on each event).
  function frame(looseShown) {
    showLoose = looseShown;
    const box = boundingBox(linked);
    if (loose.length) {
      const width = box ? Math.max(box.x[1] - box.x[0], 1) : Math.sqrt(loose.length) * 10;
      const columns = Math.ceil(Math.sqrt(loose.length * 3));
      const step = width / Math.max(columns - 1, 1);
      const top = box ? box.y[0] - step * 2 : 0;
      const left = box ? box.x[0] : 0;
      graph.updateEachNodeAttributes((node, attrs) => {
        const i = looseIndex.get(node);
        if (i === undefined) return attrs;
        attrs.x = left + (i % columns) * step;
        attrs.y = top - Math.floor(i / columns) * step;
        return attrs;
      }, { attributes: ["x", "y"] });
    }
    const framed = showLoose || !box ? boundingBox(graph.nodes()) : box;
    if (framed) framed.x[1] += (framed.x[1] - framed.x[0]) * 0.12;  // room for the labels of the rightmost nodes
    return framed;
  }

  // Start with the hubs in the middle and the rest around them, by rank: the layout converges in fewer steps.
  const layoutGraph = new graphology.Graph({ type: "undirected" });
  const random = seededRandom(17);
  const radius = Math.sqrt(linked.length) * 10;
  linked.slice().sort((a, b) => graph.getNodeAttribute(b, "info").degree - graph.getNodeAttribute(a, "info").degree)
    .forEach((node, rank) => {
      const angle = random() * 2 * Math.PI, distance = radius * Math.sqrt((rank + random()) / linked.length);
      layoutGraph.addNode(node, { x: distance * Math.cos(angle), y: distance * Math.sin(angle) });
    });
  graph.forEachEdge((edge, attrs, source, target) => {
    if (source === target) return;
    layoutGraph.updateEdge(source, target, (a) => ({ weight: (a.weight || 0) + 1 }));
  });

  // Copies the layout's positions into the drawn graph; returns the box to frame.
  function place() {
    graph.updateEachNodeAttributes((node, attrs) => {
      if (!layoutGraph.hasNode(node)) return attrs;
      const { x, y } = layoutGraph.getNodeAttributes(node);
      return Object.assign(attrs, { x, y });
    }, { attributes: ["x", "y"] });
    return frame(showLoose);
  }

  // Runs the layout; onProgress(box) after each update of the positions, done(iterations) at the end.
  function run(onProgress, done) {
    if (!layoutGraph.order) return done(0);
    const iterations = iterationsFor(layoutGraph.order, layoutGraph.size);
    // LinLog spreads the tight groups news makes (everyone at one summit met everyone) so their labels can be read
    const settings = Object.assign(graphologyLayoutForceAtlas2.inferSettings(layoutGraph),
      { linLogMode: true, edgeWeightInfluence: 0.5 });
    const layout = new graphologyLayoutForceAtlas2.FA2Layout(layoutGraph, { settings });
    // Show the layout's progress, but keep drawing to a small share of the time: the worker waits for the main
    // thread between iterations, and where WebGL runs in software a frame of 20,000 edges holds it up for a second.
    // So the next picture comes after five times what the last one cost (measured on the iteration after it).
    let count = 0;
    let previous = performance.now();
    let nextCopy = previous + 100;
    let copiedAt = -1;
    layoutGraph.on("eachNodeAttributesUpdated", () => {
      count += 1;
      const now = performance.now();
      if (copiedAt === count - 1) nextCopy = now + Math.max(100, 5 * (now - previous));
      previous = now;
      if (count < iterations && now >= nextCopy && copiedAt !== count - 1) {
        onProgress(place());
        copiedAt = count;
      }
      if (count === iterations) {
        onProgress(place());
        layout.stop();  // not kill(): the supervisor still reads its buffers after this event
        setTimeout(() => layout.kill(), 0);
        done(iterations);
      }
    });
    layout.start();
  }

  return { place, frame, run };
};
