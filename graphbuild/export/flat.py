"""The graph as flat XML formats (GraphML, GEXF) need it, and back.

* attributes are scalars: lists (aliases, articles, evidence, dates) become
  JSON text, decoded again by :func:`unflatten`; None is never written;
* characters XML 1.0 forbids (control characters, lone surrogates) are
  removed, so any input text gives a valid file;
* every edge gets a unique, stable id (:func:`edge_ids`): graphbuild keys
  edges by relation type, and importers such as Gephi's keep only the first
  edge of each id;
* nodes get a display ``label`` (their name) and edges a ``label`` (their
  relation type), the attributes viewers show by default.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import networkx as nx

from graphbuild.graph import LIST_ATTRIBUTES

__all__ = ["edge_ids", "flat_attributes", "flat_value", "node_label", "restore_node", "unflatten", "xml_safe"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def flat_value(value):
    if isinstance(value, (list, tuple, set)):
        return json.dumps([xml_safe(v) if isinstance(v, str) else v for v in value], ensure_ascii=False)
    if isinstance(value, str):
        return xml_safe(value)
    return value


def flat_attributes(attrs: dict, skip: tuple[str, ...] = ()) -> dict:
    return {name: flat_value(value) for name, value in attrs.items() if value is not None and name not in skip}


def unflatten(attrs: dict) -> dict:
    """Decode the list attributes written as JSON text (in place; returns ``attrs``)."""
    for name in LIST_ATTRIBUTES:
        if isinstance(attrs.get(name), str):
            try:
                attrs[name] = json.loads(attrs[name])
            except ValueError:
                pass
    return attrs


def node_label(node, attrs: dict) -> str:
    """What a viewer should print on the node: its name, else its id."""
    return xml_safe(str(attrs.get("name") or node))


def restore_node(node, attrs: dict) -> dict:
    """A node's attributes as they were before flattening: no generated label, lists decoded (in place)."""
    if attrs.get("label") == node_label(node, attrs):
        del attrs["label"]
    return unflatten(attrs)


def edge_ids(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict, str]]:
    """``(u, v, key, attrs, edge id)`` for every edge, ids unique within the file.

    The id is ``<source>--<key>--<target>``: stable when the corpus grows (so
    a re-import into Gephi matches edges up) and readable.  Should two edges
    still collide (ids containing ``--``), the later one gets ``.2``, ``.3``...
    """
    used: set[str] = set()
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        base = xml_safe(f"{u}--{key}--{v}")
        edge_id, n = base, 1
        while edge_id in used:
            n += 1
            edge_id = f"{base}.{n}"
        used.add(edge_id)
        yield u, v, key, attrs, edge_id
