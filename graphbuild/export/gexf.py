"""GEXF, Gephi's own format: opens coloured, sized and on a timeline.

``networkx.write_gexf`` cannot take the graph as graphbuild builds it (list
attributes are refused, and the edge attribute ``type`` is GEXF's own
directed/undirected switch), so :func:`write` prepares it first:

* nodes: ``label`` = name, ``viz:color`` by node type (the palette of
  :mod:`graphbuild.export.style`), ``viz:size`` by degree;
* edges: a unique, stable ``id``, ``label`` and ``kind`` = the relation type
  (Gephi keeps parallel edges of different kinds apart), ``weight``, and
  ``type="undirected"`` for symmetric relations;
* time: every edge gets one spell per date it was seen (its own dates and
  the publication dates of its articles), every node the dates of its edges,
  so Gephi's timeline can play the graph; undated elements are always shown;
* lists (aliases, evidence, articles, dates) are JSON text, as in GraphML.

:func:`read` gives back the graph that was written (networkx's reader, which
refuses mixed directed/undirected graphs, is told to ignore the per-edge
direction: it is kept by source → target anyway).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFReader, GEXFWriter

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids, flat_attributes, node_label, restore_node, unflatten, xml_safe
from graphbuild.export.style import color_of, node_size, rgb
from graphbuild.export.views import apply_view, edge_type, publication_dates, seen_dates, symmetric_types

__all__ = ["prepare", "read", "write"]

#: Attributes GEXF keeps in its own XML attributes or elements, not as graph data.
_GEXF_OWN = ("label", "viz", "spells", "id", "type", "weight")


def prepare(graph: nx.MultiDiGraph, *, view: str = "full") -> nx.MultiDiGraph:
    """The graph (as ``view`` shows it) in the shape networkx's GEXF writer needs."""
    published = publication_dates(graph)  # from the full graph: the entity view has no Article nodes
    shown = apply_view(graph, view)
    symmetric = symmetric_types(graph)
    flat = nx.MultiDiGraph()
    node_dates: dict[str, set[str]] = {str(n): set() for n in shown}
    edges = []
    for u, v, key, attrs, edge_id in edge_ids(shown):
        rel_type = xml_safe(edge_type(key, attrs))
        dates = seen_dates(attrs, published)
        node_dates[str(u)].update(dates)
        node_dates[str(v)].update(dates)
        data = {
            "id": edge_id,
            "label": rel_type,
            "type": "undirected" if rel_type in symmetric else "directed",
            **flat_attributes(attrs, skip=_GEXF_OWN),
        }
        if isinstance(attrs.get("weight"), (int, float)):
            data["weight"] = attrs["weight"]
        if dates:
            data["spells"] = [(d, d) for d in dates]
        edges.append((xml_safe(str(u)), xml_safe(str(v)), edge_id, data))
    for node, attrs in shown.nodes(data=True):
        r, g, b = rgb(color_of(attrs.get("type")))
        data = {
            "label": node_label(node, attrs),
            "viz": {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(shown.degree(node), attrs.get("type"))},
            **flat_attributes(attrs, skip=_GEXF_OWN[:4]),
        }
        if node_dates[str(node)]:
            data["spells"] = [(d, d) for d in sorted(node_dates[str(node)])]
        flat.add_node(xml_safe(str(node)), **data)
    for u, v, edge_id, data in edges:
        flat.add_edge(u, v, key=edge_id, **data)
    return flat


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    writer = _KindWriter(graph=prepare(graph, view=view), encoding="utf-8", prettyprint=True, version="1.2draft")
    with atomic_writer(path, mode="wb") as handle:
        writer.write(handle)


def read(path: Path) -> nx.MultiDiGraph:
    with open(path, "rb") as handle:
        graph = _MixedDirectionReader(node_type=str, version="1.2draft")(handle)
    back = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        for name in ("viz", "spells"):
            attrs.pop(name, None)
        back.add_node(node, **restore_node(node, attrs))
    for u, v, attrs in graph.edges(data=True):  # a DiGraph when no two edges share endpoints
        rel_type = attrs.pop("label")
        for name in ("id", "spells", "viz"):
            attrs.pop(name, None)
        if isinstance(attrs.get("weight"), float) and attrs["weight"].is_integer():
            attrs["weight"] = int(attrs["weight"])
        back.add_edge(u, v, key=rel_type, type=rel_type, **unflatten(attrs))
    return back


class _KindWriter(GEXFWriter):
    """networkx's GEXF writer, plus the edge ``kind`` (Gephi's edge type) and without its ``networkx_key`` column."""

    def add_edges(self, G, graph_element) -> None:
        super().add_edges(G, graph_element)
        for edge in graph_element.find("edges"):
            edge.set("kind", edge.get("label"))

    def add_attributes(self, node_or_edge, xml_obj, data, default):
        if node_or_edge == "edge":
            data = {k: v for k, v in data.items() if k != "key"}  # the key is the edge id, written already
        return super().add_attributes(node_or_edge, xml_obj, data, default)


class _MixedDirectionReader(GEXFReader):
    """networkx's GEXF reader without its refusal of graphs that mix directed and undirected edges."""

    def add_edge(self, G, edge_element, edge_attr) -> None:
        edge_element.attrib.pop("type", None)
        super().add_edge(G, edge_element, edge_attr)
