"""GraphML that every reader opens whole: networkx, igraph, Gephi, yEd — and that the GraphML schema accepts.

On top of the flat attributes of :mod:`graphbuild.export.flat` (lists as
JSON text, no None, no characters XML forbids):

* every edge is directed, source → target, as in the graph; a symmetric
  relation (``MET_WITH``...) is one edge from the smaller node id to the
  larger with the boolean attribute ``symmetric`` true.  GraphML's per-edge
  ``directed="false"`` is not used: networkx refuses files that mix it with
  directed edges, and igraph and Gephi Lite ignore it;
* each edge has a unique, stable ``id`` (``<source>--<TYPE>--<target>``), so
  readers keep parallel edges (two relation types between one pair) apart;
* ids are XML name tokens, as the schema requires: a node id with other
  characters is written with them spelled out (``_x0020_`` for a space) and
  keeps its own id in the attribute ``original_id``;
* key ids are ``d0``, ``d1``... (unique in the file; readers go by
  ``attr.name``), one key per attribute name and element kind;
* nodes carry ``label`` (their name) and edges ``label`` (their type), which
  Gephi shows and filters on.

Gephi desktop merges parallel edges of a GraphML file unless "Don't merge"
is chosen on import: GraphML has no standard place for an edge's type (Gephi
reads a ``label`` attribute on ``<edge>``, which the schema does not allow).
Its own format, GEXF (:mod:`graphbuild.export.gexf`), keeps them apart.

:func:`read` (and ``graphbuild.export.read_graph``) gives back the graph that
was written: ids, edges keyed by relation type, lists decoded, the added
labels removed.  Files of older versions, which marked symmetric edges
``directed="false"``, are read too.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader, GraphMLWriterLxml

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.flat import edge_ids, flat_attributes, node_label, restore_node, unflatten, xml_id, xml_safe
from graphbuild.export.views import apply_view, edge_type

__all__ = ["flatten", "read", "write"]

#: The attribute that keeps a node's own id when its GraphML id had to be spelled differently.
ORIGINAL_ID = "original_id"


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph as written: GraphML ids, flat attributes, labels, edges keyed by their unique id."""
    flat = nx.MultiDiGraph()
    ids = _node_ids(graph)
    for node, attrs in graph.nodes(data=True):
        extra = {ORIGINAL_ID: xml_safe(str(node))} if ids[node] != str(node) else {}
        flat.add_node(
            ids[node], label=node_label(node, attrs), **flat_attributes(attrs, skip=("label", ORIGINAL_ID)), **extra
        )
    for u, v, key, attrs, edge_id in edge_ids(graph, as_id=xml_id):
        flat.add_edge(
            ids[u],
            ids[v],
            key=edge_id,
            label=xml_safe(edge_type(key, attrs)),
            **flat_attributes(attrs, skip=("label",)),
        )
    return flat


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    """Write ``graph`` (as ``view`` shows it) to ``path`` atomically."""
    flat = flatten(apply_view(graph, view))
    with atomic_writer(path, mode="wb") as handle:
        _stream_graphml(flat, handle)


def read(path: Path) -> nx.MultiDiGraph:
    reader = _OlderFilesReader(node_type=str, edge_key_type=str, force_multigraph=True)
    graph = list(reader(path=str(path)))[0]
    own_id = {node: attrs.pop(ORIGINAL_ID, node) for node, attrs in graph.nodes(data=True)}
    back = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        back.add_node(own_id[node], **restore_node(own_id[node], attrs))
    for u, v, edge_id, attrs in graph.edges(keys=True, data=True):
        key = attrs.get("type", edge_id)
        if attrs.get("label") == key:
            del attrs["label"]
        back.add_edge(own_id[u], own_id[v], key=key, **unflatten(attrs))
    return back


def _stream_graphml(flat: nx.MultiDiGraph, handle) -> None:
    """networkx's streaming (lxml) writer; one attribute type per name (the widest its values need)."""
    _Writer(handle, graph=flat, encoding="utf-8", prettyprint=True, infer_numeric_types=True).dump()


class _Writer(GraphMLWriterLxml):
    """networkx's writer, with booleans spelled as GraphML (Java) spells them: "true", not Python's "True"."""

    def add_data(self, name, element_type, value, scope="all", default=None):
        return super().add_data(name, element_type, value.lower() if element_type is bool else value, scope, default)


def _node_ids(graph: nx.MultiDiGraph) -> dict:
    """Each node's GraphML id: its own id where that is a name token, else spelled out (unique in the file)."""
    ids, used = {}, set()
    for node in graph.nodes:
        base = xml_id(str(node))
        node_id, n = base, 1
        while node_id in used:
            n += 1
            node_id = f"{base}.{n}"
        ids[node] = node_id
        used.add(node_id)
    return ids


class _OlderFilesReader(GraphMLReader):
    """networkx's GraphML reader, which also reads the files of older graphbuild versions: they marked
    symmetric edges ``directed="false"`` in a directed graph, which networkx refuses."""

    def add_edge(self, G, edge_element, graphml_keys) -> None:
        edge_element.attrib.pop("directed", None)
        super().add_edge(G, edge_element, graphml_keys)
