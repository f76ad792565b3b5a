"""One HTML file that draws the entity network, offline, in any browser with WebGL.

The page carries everything it needs: the graph as JSON, the drawing
libraries and the page's own script, all inline — no CDN, no server, no
request at all.  Drawing is done by sigma.js (WebGL) on a graphology graph,
and the ForceAtlas2 layout of graphology runs in a web worker, so the page
stays responsive while a large graph is laid out (all MIT; vendored from the
npm registry into ``html_assets/`` with their licences — versions and
checksums in :data:`VENDORED`; refresh with ``scripts/vendor_view_libs.sh``).

What the page shows (``html_assets/view.js``): entities coloured by type and
sized by degree or by weight; relation types by colour and dash with a legend
built from the relation-type declarations (:func:`graphbuild.export.style.relation_styles`),
each switchable; a date range; a search that finds names and aliases; labels
on the most connected entities; isolated entities on request; and a side
panel with a selected entity's role, country, aliases, the entities it is
linked to with the evidence sentence of each article and links to the
articles, and a timeline of its dated relations.

Article nodes are never drawn: the page is always the entity network, and
the articles appear in the panel instead.  ``view="co-mentioned"`` adds the
co-mention edges.  The page draws at most :data:`MAX_NODES` entities (the
most connected) and :data:`MAX_EDGES` relations (the heaviest among them),
with at most :data:`MAX_EVIDENCE` sentences per relation; what it leaves
out is counted in the page's header and in a warning.
"""

from __future__ import annotations

import html
import json
import logging
import re
from calendar import monthrange
from collections import Counter
from importlib.resources import files
from pathlib import Path

import networkx as nx

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids
from graphbuild.export.style import color_of, relation_styles
from graphbuild.export.views import apply_view, edge_type, is_article, symmetric_types
from graphbuild.relation_types import relation_types_of

__all__ = ["MAX_EDGES", "MAX_EVIDENCE", "MAX_NODES", "VENDORED", "day_span", "page_data", "render", "write"]

log = logging.getLogger("graphbuild.export.html")

#: The vendored libraries: file in ``html_assets/`` → (npm package and version, sha256 of the file; a test checks it).
VENDORED: dict[str, tuple[str, str]] = {
    "graphology.umd.min.js": ("graphology 0.26.0", "dc337efa23903f61e064c8e7e7f93a429e6855dccfc2458802b4ed30c621c087"),
    "sigma.min.js": ("sigma 3.0.3", "58e30383ab428f832068d9d16a5215c65ba12430d438ed091c5703f398de9e16"),
    "graphology-layout-forceatlas2.min.js": (
        "graphology-layout-forceatlas2 0.10.1",
        "bda9c8476b01fbd984ca3926de37f3af98fa74faf17f1f477765d3dc30c2f23a",
    ),
}
#: Beyond these the page leaves entities and relations out (measured in bench/bench_view.py: 5,000 entities and
#: 20,000 relations open, lay out and pan smoothly in Chromium on a 2-core machine).
MAX_NODES = 5000
MAX_EDGES = 20000
#: Evidence sentences kept per relation; the others stay in graph.json and the other files.
MAX_EVIDENCE = 10

_ASSETS = files("graphbuild.export") / "html_assets"
_PLACEHOLDER = re.compile(r"__GRAPHBUILD_([A-Z0-9_]+)__")
_SCRIPTS = {
    "GRAPHOLOGY": "graphology.umd.min.js",
    "SIGMA": "sigma.min.js",
    "FA2": "graphology-layout-forceatlas2.min.js",
    "EDGES": "edge-program.js",
    "LAYOUT": "layout.js",
    "PANEL": "panel.js",
    "APP": "view.js",
}
_NODE_FIELDS = ("role", "country", "iso_code")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def page_data(graph: nx.MultiDiGraph, *, view: str = "entities") -> dict:
    """What the page draws, as plain JSON-ready data."""
    shown = apply_view(graph, "co-mentioned" if view == "co-mentioned" else "entities")
    kept = shown.subgraph(_most_connected(shown, MAX_NODES))
    articles, article_index = _articles(graph)
    edges = _edge_entries(graph, kept, articles, article_index)
    nodes = _node_entries(kept, edges)
    counts = Counter(e["type"] for e in edges)
    node_counts = Counter(n["type"] for n in nodes)
    dropped = {
        "nodes": shown.number_of_nodes() - len(nodes),
        "edges": shown.number_of_edges() - len(edges),
        "evidence": sum(e.get("evidence_more", 0) for e in edges),
    }
    if dropped["nodes"] or dropped["edges"]:
        log.warning(
            "the HTML view shows the %s most connected of %s entities and %s of %s relations; "
            "open the .gexf or .graphml file in Gephi for the whole graph",
            f"{len(nodes):,}",
            f"{shown.number_of_nodes():,}",
            f"{len(edges):,}",
            f"{shown.number_of_edges():,}",
        )
    return {
        "nodes": nodes,
        "edges": edges,
        "articles": articles,
        "relation_styles": [
            {
                "type": s.type,
                "color": s.color,
                "dash": s.dash,
                "description": s.description,
                "variant_of": s.variant_of,
                "statuses": list(s.statuses),
                "count": counts[s.type],
            }
            for s in relation_styles(relation_types_of(graph), counts)
            if counts[s.type]
        ],
        "node_types": [{"type": t, "color": color_of(t), "count": node_counts[t]} for t in sorted(node_counts)],
        "limits": {"nodes": MAX_NODES, "edges": MAX_EDGES, "evidence": MAX_EVIDENCE},
        "dropped": dropped,
        "totals": {"nodes": shown.number_of_nodes(), "edges": shown.number_of_edges()},
    }


def _edge_entries(
    graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, articles: list[dict], article_index: dict
) -> list[dict]:
    """The relations the page draws: the :data:`MAX_EDGES` heaviest between the kept entities, in graph order."""
    heaviest = sorted(kept.edges(keys=True, data=True), key=lambda e: -float(e[3].get("weight", 1) or 1))[:MAX_EDGES]
    chosen = {(u, v, k) for u, v, k, _ in heaviest}
    symmetric = symmetric_types(graph)
    entries = []
    for u, v, key, attrs, edge_id in edge_ids(kept):  # the ids of the GraphML and GEXF files
        if (u, v, key) not in chosen:
            continue
        rel_type = edge_type(key, attrs)
        evidence = _evidence_items(attrs, article_index)
        entry = {
            "id": edge_id,
            "source": str(u),
            "target": str(v),
            "type": rel_type,
            "weight": attrs.get("weight", 1),
            "directed": not attrs.get("symmetric", rel_type in symmetric),
            "evidence": evidence[:MAX_EVIDENCE],
            "articles": sorted({article_index[a] for a in map(str, attrs.get("articles") or ()) if a in article_index}),
        }
        entry.update(_when(attrs, entry["articles"], articles))
        if len(evidence) > MAX_EVIDENCE:
            entry["evidence_more"] = len(evidence) - MAX_EVIDENCE
        if attrs.get("confidence") is not None:
            entry["confidence"] = attrs["confidence"]
        entries.append(entry)
    return entries


def _node_entries(kept: nx.MultiDiGraph, edges: list[dict]) -> list[dict]:
    """The entities the page draws, with their relations (``degree``) and evidence (``strength``) among ``edges``."""
    degree, strength = Counter(), Counter()
    for edge in edges:
        for node in (edge["source"], edge["target"]):
            degree[node] += 1
            strength[node] += float(edge["weight"] or 1)
    entries = []
    for node, attrs in kept.nodes(data=True):
        entry = {
            "id": str(node),
            "name": str(attrs.get("name") or node),
            "type": str(attrs.get("type") or "Entity"),
            "aliases": [str(a) for a in attrs.get("aliases") or ()],
            "degree": degree[str(node)],
            "strength": strength[str(node)],
        }
        entry.update({k: str(attrs[k]) for k in _NODE_FIELDS if attrs.get(k)})
        entries.append(entry)
    return entries


def render(graph: nx.MultiDiGraph, *, view: str = "entities", title: str = "graphbuild — entity network") -> str:
    """The whole page as text."""
    data = json.dumps(page_data(graph, view=view), ensure_ascii=False, separators=(",", ":"))
    parts = {name: _script(_asset(asset)) for name, asset in _SCRIPTS.items()}
    parts["TITLE"] = html.escape(title)
    # "<" escaped as \u003c: no text from an article can close the script element
    parts["DATA"] = data.replace("<", "\\u003c")
    # One pass over the template: text inserted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("view.html"))


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "entities") -> None:
    page = render(graph, view=view)
    with atomic_writer(path) as handle:
        handle.write(page)


def day_span(text: str) -> tuple[str, str] | None:
    """The first and last day a date covers: ``2024-03-04`` one day, ``2024-03`` a month, ``2024`` a year,
    ``2024-03-19/2024-03-20`` an interval (ISO 8601); None for text that is not a date."""
    start_text, _, end_text = text.partition("/")
    start, end = _day_bounds(start_text.strip()), _day_bounds((end_text or start_text).strip())
    if start is None or end is None:
        return None
    return start[0], end[1]


def _day_bounds(text: str) -> tuple[str, str] | None:
    match = _PARTIAL_DATE.match(text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if not month:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        return None
    if not day:
        return f"{year}-{month}-01", f"{year}-{month}-{monthrange(int(year), int(month))[1]:02d}"
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}"


def _when(attrs: dict, article_indices: list[int], articles: list[dict]) -> dict:
    """When a relation happened, as day spans: the dates its sentences give, else its articles' publication dates."""
    spans = sorted({span for d in attrs.get("dates") or () if (span := day_span(_date_text(d)))})
    if spans:
        return {"when": [list(span) for span in spans], "dated_by": "sentence"}
    published = sorted({p for i in article_indices if (p := articles[i].get("published")) and day_span(p)})
    return {"when": [[p, p] for p in published], "dated_by": "publication"} if published else {"when": []}


def _date_text(date) -> str:
    """A date as ISO text: ``2024-03``, or ``{"start": ..., "end": ...}`` as the interval ``start/end``."""
    if isinstance(date, dict):
        start = date.get("start") or date.get("date") or ""
        return f"{start}/{date.get('end') or start}"
    return str(date)


def _most_connected(graph: nx.MultiDiGraph, limit: int) -> list:
    """All nodes in graph order, or the ``limit`` with the most relations (ties by id) in graph order."""
    if graph.number_of_nodes() <= limit:
        return list(graph.nodes)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
    chosen = set(ranked[:limit])
    return [n for n in graph.nodes if n in chosen]


def _articles(graph: nx.MultiDiGraph) -> tuple[list[dict], dict[str, int]]:
    """The articles as the panel lists them (title, http link, date, publisher), and their index by article id."""
    articles, index = [], {}
    for node, attrs in graph.nodes(data=True):
        if not is_article(attrs):
            continue
        article_id = str(attrs.get("article_id", node))
        entry = {"id": article_id, "title": str(attrs.get("title") or attrs.get("name") or article_id)}
        url = str(attrs.get("url") or "")
        if re.match(r"https?://", url, re.I):
            entry["url"] = url
        entry.update(
            {
                k: str(attrs[k])[:10] if k == "published" else str(attrs[k])
                for k in ("published", "publisher")
                if attrs.get(k)
            }
        )
        index[article_id] = len(articles)
        articles.append(entry)
    return articles, index


def _evidence_items(attrs: dict, article_index: dict[str, int]) -> list[list]:
    """``[article index, sentence]`` for each evidence sentence of an edge (index -1: which article is unknown).

    Evidence items that name their article (``{"article": ..., "sentence": ...}``) keep it; plain sentences
    belong to the edge's article when it has only one, and to no known article otherwise.
    """
    articles = [str(a) for a in attrs.get("articles") or ()]
    only = article_index.get(articles[0], -1) if len(articles) == 1 else -1
    items = []
    for item in attrs.get("evidence") or ():
        if isinstance(item, dict):
            article = str(item.get("article") or item.get("article_id") or "")
            sentence = item.get("sentence") or item.get("text") or ""
            items.append([article_index.get(article, -1), str(sentence)])
        else:
            items.append([only, str(item)])
    return items


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _script(code: str) -> str:
    return code.replace("</script", "<\\/script")
