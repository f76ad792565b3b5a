// graphbuild's HTML view: draws the entity network with Cytoscape.js (inlined above),
// offers a name search and shows the evidence behind a relation on click.
// All text from the graph is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var panel = document.getElementById("panel");

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(item); });
    return ul;
  }

  // --- the graph ----------------------------------------------------------------------------
  var elements = [];
  data.nodes.forEach(function (n) { elements.push({ group: "nodes", data: n }); });
  data.edges.forEach(function (e) { elements.push({ group: "edges", data: e }); });
  var maxWeight = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.weight || 1; })));

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
          "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
          "label": "data(name)", "font-size": 10, "color": "#222", "text-valign": "bottom", "text-margin-y": 2,
          "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7 } },
      { selector: "edge", style: {
          "width": "mapData(weight, 1, " + maxWeight + ", 1, 6)", "line-color": "#9aa0a6", "opacity": 0.75,
          "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#9aa0a6",
          "arrow-scale": 0.8 } },
      { selector: "edge[!directed]", style: { "target-arrow-shape": "none" } },
      { selector: "edge[type = 'MENTIONED_IN'], edge[type = 'CO_MENTIONED']", style: { "width": 1, "opacity": 0.35 } },
      { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0 } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111", "line-color": "#111",
                                         "target-arrow-color": "#111", "opacity": 1 } }
    ],
    layout: data.nodes.length <= data.layout_limit
      ? { name: "cose", animate: false, nodeDimensionsIncludeLabels: true, randomize: true, numIter: 1500,
          idealEdgeLength: function () { return 70; }, nodeRepulsion: function () { return 9000; }, componentSpacing: 70 }
      : { name: "concentric", animate: false, concentric: function (n) { return n.degree(); }, levelWidth: function () { return 2; } }
  });

  // --- legend and search --------------------------------------------------------------------
  var legend = document.getElementById("legend");
  data.legend.forEach(function (entry) {
    var item = el("span");
    var swatch = el("span", null, "swatch");
    swatch.style.background = entry.color;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(entry.type + " (" + entry.count + ")"));
    legend.appendChild(item);
  });
  var names = document.getElementById("names");
  data.nodes.forEach(function (n) { var option = el("option"); option.value = n.name; names.appendChild(option); });

  var search = document.getElementById("search");
  var searchResult = document.getElementById("search-result");

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return cy.collection();
    return cy.nodes().filter(function (n) {
      return [n.data("name")].concat(n.data("aliases") || []).some(function (s) { return String(s).toLowerCase().indexOf(q) >= 0; });
    });
  }

  function highlight(query) {
    cy.elements().removeClass("faded");
    var found = matches(query);
    if (!query.trim()) { searchResult.textContent = ""; return found; }
    searchResult.textContent = found.length + " match" + (found.length === 1 ? "" : "es");
    if (found.length) {
      cy.elements().not(found.closedNeighborhood()).addClass("faded");
      cy.fit(found.closedNeighborhood(), 60);
    }
    return found;
  }

  search.addEventListener("input", function () { highlight(search.value); });
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var found = highlight(search.value);
    if (found.length) { cy.elements().unselect(); found[0].select(); showNode(found[0]); }
  });

  // --- the panel ----------------------------------------------------------------------------
  function clearPanel(title) {
    panel.textContent = "";
    panel.appendChild(el("h2", title));
  }

  function articleItem(id) {
    var a = data.articles[id] || { title: id };
    var item = el("li");
    if (a.url && /^https?:\/\//i.test(a.url)) {
      var link = el("a", a.title || id);
      link.href = a.url; link.target = "_blank"; link.rel = "noopener noreferrer";
      item.appendChild(link);
    } else {
      item.appendChild(document.createTextNode(a.title || id));
    }
    var meta = [a.publisher, a.published].filter(Boolean).join(", ");
    if (meta) item.appendChild(el("span", " — " + meta, "meta"));
    return item;
  }

  function showEdge(edge) {
    var d = edge.data();
    clearPanel(cy.getElementById(d.source).data("name") + (d.directed ? " → " : " — ") + cy.getElementById(d.target).data("name"));
    panel.appendChild(el("p", d.type + " · weight " + d.weight + (d.confidence !== undefined ? " · confidence " + d.confidence : ""), "meta"));
    if (d.dates && d.dates.length) panel.appendChild(el("p", "Dates: " + d.dates.join(", "), "meta"));
    if (d.evidence && d.evidence.length) {
      panel.appendChild(el("h3", "Evidence (" + d.evidence.length + ")"));
      d.evidence.forEach(function (item) {  // {article, sentence, start, end}: which article says it
        var quote = el("blockquote", typeof item === "string" ? item : item.sentence);
        if (item.article) quote.appendChild(el("cite", (data.articles[item.article] || { title: item.article }).title, "meta"));
        panel.appendChild(quote);
      });
    }
    panel.appendChild(el("h3", "Articles (" + (d.articles || []).length + ")"));
    panel.appendChild(list((d.articles || []).map(articleItem)));
  }

  function showNode(node) {
    var d = node.data();
    clearPanel(d.name);
    var facts = [d.type, d.role, d.country].filter(Boolean).join(" · ");
    panel.appendChild(el("p", facts, "meta"));
    if (d.aliases && d.aliases.length) panel.appendChild(el("p", "Also: " + d.aliases.join(", "), "meta"));
    panel.appendChild(el("h3", "Relations (" + node.connectedEdges().length + ")"));
    panel.appendChild(list(node.connectedEdges().map(function (e) {
      var other = e.source().id() === node.id() ? e.target() : e.source();
      var item = el("li");
      var link = el("a", e.data("type") + " " + other.data("name"));
      link.href = "#";
      link.addEventListener("click", function (event) { event.preventDefault(); cy.elements().unselect(); e.select(); showEdge(e); });
      item.appendChild(link);
      return item;
    })));
  }

  cy.on("tap", "edge", function (event) { showEdge(event.target); });
  cy.on("tap", "node", function (event) { showNode(event.target); });

  // Links into the page: #search=<name> runs a search, #edge=<edge id> opens a relation.
  function followHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("search=") === 0) {
      search.value = hash.slice(7);
      var found = highlight(search.value);
      if (found.length) { cy.elements().unselect(); found[0].select(); showNode(found[0]); }
    } else if (hash.indexOf("edge=") === 0) {
      var edge = cy.getElementById(hash.slice(5));
      if (edge.length) { cy.elements().unselect(); edge.select(); showEdge(edge); }
    }
  }
  window.addEventListener("hashchange", followHash);

  // Mark the page as drawn once the layout ran and a frame was painted (the tests read this).
  cy.one("render", function () {
    document.body.dataset.nodes = String(cy.nodes().length);
    document.body.dataset.edges = String(cy.edges().length);
    document.body.dataset.rendered = "true";
  });
  // Fit the drawing to the window until the reader zooms or drags (the window may still be settling).
  var container = document.getElementById("graph");
  var touched = false;
  container.addEventListener("wheel", function () { touched = true; }, { passive: true });
  cy.on("tapstart", function () { touched = true; });
  var fittedSize = "";
  function refit() {
    // Only on a real change: resizing the canvas clears it until the next frame is drawn.
    var size = container.clientWidth + "x" + container.clientHeight;
    if (size === fittedSize) return;
    fittedSize = size;
    cy.resize();
    if (!touched) cy.fit(undefined, 30);
    cy.forceRender();
  }
  if (window.ResizeObserver) new ResizeObserver(refit).observe(container);
  refit();
  followHash();
})();
