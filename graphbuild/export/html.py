"""One HTML file that draws the entity network, offline, in any browser.

The page carries everything it needs: the graph as JSON, the drawing
library and the page's own script, all inline — no CDN, no server, no
request at all.  The drawing is done by Cytoscape.js (MIT), vendored from
the npm registry into ``html_assets/`` (version and checksum below; refresh
with ``scripts/vendor_cytoscape.sh``); its force-directed ``cose`` layout
places the nodes.

What the page shows: entities coloured by type and sized by degree, their
relations (symmetric ones without arrows), a search box that finds a
name or alias, and a side panel that lists, for a clicked relation, its
evidence sentences and the articles (title, link, date) it comes from.

Article nodes are never drawn: the page is always the entity network, and
the articles appear in the panel instead.  ``view="co-mentioned"`` adds the
co-mention edges.  Graphs of more than ``LAYOUT_LIMIT`` entities get a
simple concentric layout, since a force-directed one would take minutes.
"""

from __future__ import annotations

import html
import json
import re
from importlib.resources import files
from pathlib import Path

import networkx as nx

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids
from graphbuild.export.style import color_of, node_size
from graphbuild.export.views import apply_view, edge_type, is_article, publication_dates, seen_dates, symmetric_types

__all__ = ["CYTOSCAPE_SHA256", "CYTOSCAPE_VERSION", "LAYOUT_LIMIT", "page_data", "render", "write"]

CYTOSCAPE_VERSION = "3.34.4"
#: sha256 of ``html_assets/cytoscape.min.js`` (``dist/cytoscape.min.js`` of the npm package; a test checks it).
CYTOSCAPE_SHA256 = "081591ab735b2b6a3b31a3c60f8f3a3e2fee8c92939e0c7820ad1208571b6cd8"
LAYOUT_LIMIT = 1500

_ASSETS = files("graphbuild.export") / "html_assets"
_PLACEHOLDER = re.compile(r"__GRAPHBUILD_(TITLE|DATA|CYTOSCAPE|APP)__")
_NODE_FIELDS = ("role", "country", "iso_code")
_EDGE_FIELDS = ("confidence", "evidence")


def page_data(graph: nx.MultiDiGraph, *, view: str = "entities") -> dict:
    """What the page draws, as plain JSON-ready data."""
    articles = {}
    for node, attrs in graph.nodes(data=True):
        if is_article(attrs):
            article_id = str(attrs.get("article_id", node))
            articles[article_id] = {k: attrs[k] for k in ("title", "url", "published", "publisher") if attrs.get(k)}
            articles[article_id].setdefault("title", str(attrs.get("name") or article_id))
    published = publication_dates(graph)
    shown = apply_view(graph, "co-mentioned" if view == "co-mentioned" else "entities")
    symmetric = symmetric_types(graph)
    nodes, counts = [], {}
    for node, attrs in shown.nodes(data=True):
        node_type = str(attrs.get("type") or "Entity")
        counts[node_type] = counts.get(node_type, 0) + 1
        entry = {"id": str(node), "name": str(attrs.get("name") or node), "type": node_type,
                 "aliases": list(attrs.get("aliases") or []), "color": color_of(node_type),
                 "size": node_size(shown.degree(node), node_type)}
        entry.update({k: attrs[k] for k in _NODE_FIELDS if attrs.get(k)})
        nodes.append(entry)
    edges = []
    for u, v, key, attrs, edge_id in edge_ids(shown):  # the ids of the GraphML and GEXF files
        rel_type = edge_type(key, attrs)
        entry = {"id": edge_id, "source": str(u), "target": str(v), "type": rel_type,
                 "weight": attrs.get("weight", 1), "directed": rel_type not in symmetric,
                 "articles": [str(a) for a in attrs.get("articles") or []], "dates": seen_dates(attrs, published)}
        entry.update({k: attrs[k] for k in _EDGE_FIELDS if attrs.get(k) is not None})
        edges.append(entry)
    legend = [{"type": t, "color": color_of(t), "count": counts[t]} for t in sorted(counts)]
    referenced = {a for e in edges for a in e["articles"]}
    return {"nodes": nodes, "edges": edges, "legend": legend, "layout_limit": LAYOUT_LIMIT,
            "articles": {a: info for a, info in sorted(articles.items()) if a in referenced}}


def render(graph: nx.MultiDiGraph, *, view: str = "entities", title: str = "graphbuild — entity network") -> str:
    """The whole page as text."""
    data = json.dumps(page_data(graph, view=view), ensure_ascii=False, separators=(",", ":"))
    parts = {
        "TITLE": html.escape(title),
        # "<" escaped as \u003c: no text from an article can close the script element
        "DATA": data.replace("<", "\\u003c"),
        "CYTOSCAPE": _script(_asset("cytoscape.min.js")),
        "APP": _script(_asset("view.js")),
    }
    # One pass over the template: text inserted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("view.html"))


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "entities") -> None:
    page = render(graph, view=view)
    with atomic_writer(path) as handle:
        handle.write(page)


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _script(code: str) -> str:
    return code.replace("</script", "<\\/script")
