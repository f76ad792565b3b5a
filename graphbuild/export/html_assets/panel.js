// The side panel of graphbuild's HTML view: who a selected entity is, what it is linked to and on what
// evidence (each sentence under the article that said it, with a link to the article), a timeline of its
// dated relations; or, for a selected relation, its evidence and articles. Text goes in as textContent only.
window.graphbuildPanel = function (data, graph, tools) {
  "use strict";
  const { el, svg, styles, DASHES } = tools;
  const panel = document.getElementById("panel");
  const GROUPS = [["Person", "People"], ["Organization", "Organizations"], ["Country", "Countries"]];
  const DAY = 86400000;

  function start(title) {
    panel.textContent = "";
    panel.appendChild(el("h2", title));
  }

  function link(text, onClick, className) {
    const a = el("a", text, className);
    a.href = "#";
    a.addEventListener("click", (event) => { event.preventDefault(); onClick(); });
    return a;
  }

  function articleSource(index) {
    const article = data.articles[index];
    const line = el("div", null, "source");
    line.appendChild(document.createTextNode("— "));
    if (article.url) {
      const a = el("a", article.title);
      a.href = article.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.appendChild(a);
    } else {
      line.appendChild(document.createTextNode(article.title));
    }
    const meta = [article.publisher, article.published].filter(Boolean).join(", ");
    if (meta) line.appendChild(document.createTextNode(", " + meta));
    return line;
  }

  // Each sentence under the article it came from; sentences whose article is unknown, then the edge's articles.
  function evidence(info, container) {
    const byArticle = new Map();
    info.evidence.forEach(([index, sentence]) => {
      if (!byArticle.has(index)) byArticle.set(index, []);
      byArticle.get(index).push(sentence);
    });
    byArticle.forEach((sentences, index) => {
      if (index < 0) return;
      sentences.forEach((sentence) => container.appendChild(el("blockquote", sentence)));
      container.appendChild(articleSource(index));
    });
    (byArticle.get(-1) || []).forEach((sentence) => container.appendChild(el("blockquote", sentence)));
    const unshown = info.articles.filter((index) => !byArticle.has(index));
    if (unshown.length) {
      container.appendChild(el("div", byArticle.has(-1) ? "From these articles:" : "Also in:", "source"));
      unshown.forEach((index) => container.appendChild(articleSource(index)));
    }
    if (info.evidence_more) {
      container.appendChild(el("p", "… and " + info.evidence_more + " more sentences (in graph.json).", "meta"));
    }
  }

  function dashSample(type) {
    const style = styles.get(type) || { color: "#9aa0a6", dash: "solid" };
    const picture = svg("svg", { width: 22, height: 8, "aria-hidden": "true" });
    const dash = DASHES[style.dash];
    picture.appendChild(svg("line", { x1: 1, y1: 4, x2: 21, y2: 4, stroke: style.color, "stroke-width": 2.5,
      "stroke-dasharray": dash[0] ? dash.join(" ") : "none" }));
    return picture;
  }

  function dateText(info) {
    if (!info.when.length) return "undated";
    const days = info.when.map(([a, b]) => (a === b ? a : a + " – " + b)).join(", ");
    return (info.dated_by === "sentence" ? "dated " : "reported ") + days;
  }

  // One row per relation type, a mark per dated relation (hollow: dated by its article's publication only).
  function timeline(node) {
    const marks = [];
    graph.forEachEdge(node, (edge, attrs, source, target) => {
      const other = source === node ? target : source;
      attrs.info.when.forEach(([first, last]) => marks.push({
        edge, type: attrs.relation, other: graph.getNodeAttribute(other, "label"), first, last,
        day: (Date.parse(first) + Date.parse(last)) / 2 / DAY, sentence: attrs.info.dated_by === "sentence",
      }));
    });
    if (!marks.length) return null;
    const types = [...new Set(marks.map((m) => m.type))];
    let low = Math.min(...marks.map((m) => m.day)), high = Math.max(...marks.map((m) => m.day));
    if (high - low < 30) { low -= 15; high += 15; }
    const width = 320, left = 8, right = 8, row = 14, top = 6, height = top + types.length * row + 18;
    const x = (day) => left + (width - left - right) * (day - low) / (high - low);
    const picture = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": marks.length + " dated relations" });
    types.forEach((type, i) => {
      const y = top + i * row + row / 2;
      picture.appendChild(svg("line", { x1: left, y1: y, x2: width - right, y2: y, stroke: "#eee" }));
    });
    marks.forEach((mark) => {
      const style = styles.get(mark.type) || { color: "#9aa0a6" };
      const dot = svg("circle", { cx: x(mark.day).toFixed(1), cy: top + types.indexOf(mark.type) * row + row / 2, r: 4,
        fill: mark.sentence ? style.color : "#fff", stroke: style.color, "stroke-width": 1.5, "data-edge": mark.edge });
      const title = svg("title");
      title.textContent = mark.type + " " + mark.other + ", " + (mark.first === mark.last ? mark.first : mark.first
        + " – " + mark.last) + (mark.sentence ? "" : " (publication date)");
      dot.appendChild(title);
      dot.style.cursor = "pointer";
      dot.addEventListener("click", () => tools.selectEdge(mark.edge));
      picture.appendChild(dot);
    });
    const axis = height - 4;
    [[low, "start"], [high, "end"]].forEach(([day, anchor]) => {
      const label = svg("text", { x: anchor === "start" ? left : width - right, y: axis, "font-size": 10,
        "text-anchor": anchor, fill: "#666" });
      label.textContent = new Date(day * DAY).toISOString().slice(0, 10);
      picture.appendChild(label);
    });
    const legend = el("div", types.join(" · "), "meta");
    const box = el("div");
    box.id = "timeline";
    box.append(picture, legend);
    return box;
  }

  function showNode(node) {
    const attrs = graph.getNodeAttributes(node);
    const info = attrs.info;
    start(info.name);
    panel.appendChild(el("p", [info.type, info.role, info.country].filter(Boolean).join(" · "), "meta"));
    if (info.aliases.length) panel.appendChild(el("p", "Also known as: " + info.aliases.join(", "), "meta"));
    const when = timeline(node);
    if (when) {
      panel.appendChild(el("h3", "When"));
      panel.appendChild(when);
    }
    const byOther = new Map();
    graph.forEachEdge(node, (edge, edgeAttrs, source, target) => {
      const other = source === node ? target : source;
      if (!byOther.has(other)) byOther.set(other, []);
      byOther.get(other).push(edge);
    });
    panel.appendChild(el("h3", "Linked to (" + byOther.size + ")"));
    if (!byOther.size) panel.appendChild(el("p", "No relation in these articles.", "hint"));
    const kinds = GROUPS.map(([kind]) => kind);
    const groups = GROUPS.concat([...new Set([...byOther.keys()].map((o) => graph.getNodeAttribute(o, "kind")))]
      .filter((kind) => !kinds.includes(kind)).map((kind) => [kind, kind]));
    groups.forEach(([kind, heading]) => {
      const others = [...byOther.keys()].filter((o) => graph.getNodeAttribute(o, "kind") === kind)
        .sort((a, b) => byOther.get(b).length - byOther.get(a).length
          || graph.getNodeAttribute(a, "label").localeCompare(graph.getNodeAttribute(b, "label")));
      if (!others.length) return;
      const section = el("section");
      section.className = "linked";
      section.dataset.kind = kind;
      section.appendChild(el("h3", heading + " (" + others.length + ")"));
      others.forEach((other) => section.appendChild(neighbour(node, other, byOther.get(other))));
      panel.appendChild(section);
    });
  }

  function neighbour(node, other, edges) {
    const box = el("div", null, "neighbour");
    const heading = el("h4");
    const otherInfo = graph.getNodeAttribute(other, "info");
    heading.appendChild(link(otherInfo.name, () => tools.selectNode(other)));
    const facts = [otherInfo.role, otherInfo.country].filter(Boolean).join(" · ");
    if (facts) heading.appendChild(el("span", " " + facts, "meta"));
    box.appendChild(heading);
    edges.forEach((edge) => {
      const attrs = graph.getEdgeAttributes(edge);
      const line = el("div", null, "meta");
      const outgoing = graph.source(edge) === node;
      const arrow = attrs.info.directed ? (outgoing ? " → " : " ← ") : " — ";
      line.append(dashSample(attrs.relation), document.createTextNode(" "),
        link(attrs.relation, () => tools.selectEdge(edge), "relation"),
        document.createTextNode(arrow + otherInfo.name + " · " + dateText(attrs.info)
          + (tools.isVisible(edge) ? "" : " · hidden by the filters")));
      box.appendChild(line);
      evidence(attrs.info, box);
    });
    return box;
  }

  function showEdge(edge) {
    const attrs = graph.getEdgeAttributes(edge);
    const info = attrs.info;
    const [source, target] = graph.extremities(edge);
    start(graph.getNodeAttribute(source, "label") + (info.directed ? " → " : " — ") + graph.getNodeAttribute(target, "label"));
    const style = styles.get(info.type);
    const facts = el("p", null, "meta");
    facts.append(dashSample(info.type), document.createTextNode(" " + info.type + " · weight " + info.weight
      + (info.confidence !== undefined ? " · confidence " + info.confidence : "")));
    panel.appendChild(facts);
    if (style && style.description) panel.appendChild(el("p", style.description, "meta"));
    panel.appendChild(el("p", dateText(info), "meta"));
    panel.appendChild(el("h3", "Evidence (" + (info.evidence.length + (info.evidence_more || 0)) + ") and articles ("
      + info.articles.length + ")"));
    evidence(info, panel);
    const ends = el("p", null, "meta");
    ends.append(link(graph.getNodeAttribute(source, "label"), () => tools.selectNode(source)), document.createTextNode(" · "),
      link(graph.getNodeAttribute(target, "label"), () => tools.selectNode(target)));
    panel.appendChild(ends);
  }

  function clear() {
    panel.textContent = "";
    panel.appendChild(el("p", "Click an entity or a relation to see who it is, the sentences and articles behind "
      + "its relations, and when they happened.", "hint"));
  }

  return { showNode, showEdge, clear };
};
