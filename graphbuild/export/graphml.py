"""GraphML that Gephi (and yEd) open with every edge.

On top of the flat attributes of :mod:`graphbuild.export.flat` (lists as
JSON text, no None, no characters XML forbids):

* each edge has a unique, stable ``id`` (``<source>--<TYPE>--<target>``);
* nodes carry ``label`` (their name) and edges ``label`` (their type), which
  Gephi shows and filters on;
* symmetric relations (``MET_WITH``...) are written with ``directed="false"``,
  GraphML's per-edge direction, so Gephi draws them without arrows.

networkx's own ``read_graphml`` refuses files that mix directed and undirected
edges; :func:`read` (and ``graphbuild.export.read_graph``) reads them and
gives back the graph that was written: edges keyed by relation type again,
lists decoded, the added labels removed.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader, GraphMLWriterLxml

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids, flat_attributes, node_label, restore_node, unflatten, xml_safe
from graphbuild.export.views import apply_view, edge_type, symmetric_types

__all__ = ["flatten", "read", "write"]


def flatten(graph: nx.MultiDiGraph, *, undirected_symmetric: bool = True) -> tuple[nx.MultiDiGraph, set[str]]:
    """The graph as written: flat attributes, labels, edges keyed by their unique id.

    Returns it with the ids of the edges to write as undirected.
    """
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(xml_safe(str(node)), label=node_label(node, attrs), **flat_attributes(attrs, skip=("label",)))
    symmetric = symmetric_types(graph) if undirected_symmetric else frozenset()
    undirected = set()
    for u, v, key, attrs, edge_id in edge_ids(graph):
        rel_type = edge_type(key, attrs)
        flat.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=edge_id, label=xml_safe(rel_type),
                      **flat_attributes(attrs, skip=("label",)))
        if rel_type in symmetric:
            undirected.add(edge_id)
    return flat, undirected


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full", undirected_symmetric: bool = True) -> None:
    """Write ``graph`` (as ``view`` shows it) to ``path`` atomically.

    ``undirected_symmetric=False`` writes every edge directed, a file plain
    ``networkx.read_graphml`` accepts.
    """
    flat, undirected = flatten(apply_view(graph, view), undirected_symmetric=undirected_symmetric)
    with atomic_writer(path, mode="wb") as handle:
        _stream_graphml(flat, handle, undirected)


def read(path: Path) -> nx.MultiDiGraph:
    reader = _MixedDirectionReader(node_type=str, edge_key_type=str, force_multigraph=True)
    graph = list(reader(path=str(path)))[0]
    back = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        back.add_node(node, **restore_node(node, attrs))
    for u, v, edge_id, attrs in graph.edges(keys=True, data=True):
        key = attrs.get("type", edge_id)
        if attrs.get("label") == key:
            del attrs["label"]
        back.add_edge(u, v, key=key, **unflatten(attrs))
    return back


def _stream_graphml(flat: nx.MultiDiGraph, handle, undirected: set[str]) -> None:
    _MixedDirectionWriter(handle, flat, undirected, encoding="utf-8", prettyprint=True, named_key_ids=True).dump()


class _MixedDirectionWriter(GraphMLWriterLxml):
    """networkx's streaming (lxml) GraphML writer, plus ``directed="false"`` on the edges in ``undirected``."""

    def __init__(self, path, graph: nx.MultiDiGraph, undirected: set[str], **options) -> None:
        self._undirected = undirected  # before super().__init__, which writes the graph
        super().__init__(path, graph=graph, **options)

    def add_edges(self, G, graph_element) -> None:
        super().add_edges(G, _MarkUndirected(graph_element, self._undirected))


class _MarkUndirected:
    """Stands in for the writer's output element: marks each listed edge before it is written."""

    def __init__(self, target, undirected: set[str]) -> None:
        self._target = target
        self._undirected = undirected

    def append(self, element) -> None:
        if element.get("id") in self._undirected:
            element.set("directed", "false")
        self._target.append(element)


class _MixedDirectionReader(GraphMLReader):
    """networkx's GraphML reader, which refuses mixed graphs: direction is read from source → target instead."""

    def add_edge(self, G, edge_element, graphml_keys) -> None:
        edge_element.attrib.pop("directed", None)
        super().add_edge(G, edge_element, graphml_keys)
