"""GEXF 1.3, Gephi's own format: opens coloured, sized, on a timeline, with every relation apart.

``networkx.write_gexf`` cannot take the graph as graphbuild builds it (list
attributes are refused, and the edge attribute ``type`` is GEXF's own
directed/undirected switch), so :func:`write` prepares it first:

* nodes: ``label`` = name, ``viz:color`` by node type (the palette of
  :mod:`graphbuild.export.style`), ``viz:size`` by degree;
* edges: a unique, stable ``id``, ``label`` and ``kind`` = the relation type
  (GEXF 1.3's edge kind: Gephi keeps parallel edges of different kinds
  apart), ``weight``; every edge is directed, source → target, and a
  symmetric relation carries ``symmetric`` true (see
  :mod:`graphbuild.export.graphml`: networkx refuses undirected edges in a
  directed graph);
* time: every edge gets one spell per period it was seen (its own dates,
  with their precision — ``mid-April`` is the 11th to the 20th — and the
  publication days of its articles; overlapping periods joined), every node
  the spells of its edges, so Gephi's timeline can play the graph; undated
  elements are always shown;
* lists (aliases, evidence, articles, dates) are JSON text, as in GraphML.

The file declares GEXF 1.3 (namespace ``http://gexf.net/1.3``) and uses
nothing a 1.3 reader does not know.  :func:`read` gives back the graph that
was written.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFReader, GEXFWriter

from graphbuild.dates import Period, merge_periods
from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids, flat_attributes, node_label, restore_node, unflatten, xml_safe
from graphbuild.export.style import color_of, node_size, rgb
from graphbuild.export.views import apply_view, edge_type, publication_dates, seen_periods

__all__ = ["VERSION", "prepare", "read", "write"]

VERSION = "1.3"
#: Attributes GEXF keeps in its own XML attributes or elements, not as graph data.
_GEXF_OWN = ("label", "viz", "spells", "id", "type", "weight")


def prepare(graph: nx.MultiDiGraph, *, view: str = "full") -> nx.MultiDiGraph:
    """The graph (as ``view`` shows it) in the shape networkx's GEXF writer needs."""
    published = publication_dates(graph)  # from the full graph: the entity view has no Article nodes
    shown = apply_view(graph, view)
    flat = nx.MultiDiGraph()
    node_periods: dict[str, list[Period]] = {str(n): [] for n in shown}
    edges = []
    for u, v, key, attrs, edge_id in edge_ids(shown):
        periods = seen_periods(attrs, published)
        node_periods[str(u)].extend(periods)
        node_periods[str(v)].extend(periods)
        data = {"id": edge_id, "label": xml_safe(edge_type(key, attrs)), **flat_attributes(attrs, skip=_GEXF_OWN)}
        if isinstance(attrs.get("weight"), (int, float)):
            data["weight"] = attrs["weight"]
        if periods:
            data["spells"] = _spells(periods)
        edges.append((xml_safe(str(u)), xml_safe(str(v)), edge_id, data))
    for node, attrs in shown.nodes(data=True):
        r, g, b = rgb(color_of(attrs.get("type")))
        data = {
            "label": node_label(node, attrs),
            "viz": {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": node_size(shown.degree(node), attrs.get("type")),
            },
            **flat_attributes(attrs, skip=_GEXF_OWN[:4]),
        }
        if node_periods[str(node)]:
            data["spells"] = _spells(node_periods[str(node)])
        flat.add_node(xml_safe(str(node)), **data)
    for u, v, edge_id, data in edges:
        flat.add_edge(u, v, key=edge_id, **data)
    return flat


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    writer = _KindWriter(graph=prepare(graph, view=view), encoding="utf-8", prettyprint=True, version=VERSION)
    with atomic_writer(path, mode="wb") as handle:
        writer.write(handle)


def read(path: Path) -> nx.MultiDiGraph:
    with open(path, "rb") as handle:
        graph = _OlderFilesReader(node_type=str, version=VERSION)(handle)
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


def _spells(periods: list[Period]) -> list[tuple[str, str]]:
    return [(p.start.isoformat(), p.end.isoformat()) for p in merge_periods(periods)]


class _KindWriter(GEXFWriter):
    """networkx's GEXF writer, plus the edge ``kind`` (Gephi's edge type) and without its ``networkx_key`` column;
    and what 1.3 requires that networkx 3.6 writes wrong: the XML Schema instance namespace (it drops the
    "www."), and no ``name`` on ``<graph>`` (GEXF 1.3 has none)."""

    def write(self, fh) -> None:
        self.xml.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        self.graph_element.attrib.pop("name", None)
        super().write(fh)

    def add_edges(self, G, graph_element) -> None:
        super().add_edges(G, graph_element)
        for edge in graph_element.find("edges"):
            edge.set("kind", edge.get("label"))

    def add_attributes(self, node_or_edge, xml_obj, data, default):
        if node_or_edge == "edge":
            data = {k: v for k, v in data.items() if k != "key"}  # the key is the edge id, written already
        return super().add_attributes(node_or_edge, xml_obj, data, default)


class _OlderFilesReader(GEXFReader):
    """networkx's GEXF reader, which also reads the files of older graphbuild versions (GEXF 1.2 with
    symmetric edges marked undirected in a directed graph, which networkx refuses)."""

    def add_edge(self, G, edge_element, edge_attr) -> None:
        edge_element.attrib.pop("type", None)
        super().add_edge(G, edge_element, edge_attr)
