"""The graph as flat XML formats (GraphML, GEXF) need it, and back.

* attributes are scalars: lists (aliases, articles, evidence, dates) become
  JSON text — ``evidence`` one JSON array of ``{"article", "sentence",
  "start", "end"}`` objects — decoded again by :func:`unflatten`; None is
  never written;
* characters XML 1.0 forbids (control characters, lone surrogates) are
  removed, so any input text gives a valid file;
* every edge gets a unique, stable id (:func:`edge_ids`): graphbuild keys
  edges by relation type, and importers such as Gephi's keep only the first
  edge of each id;
* GraphML ids must be XML name tokens (:func:`xml_id`): an id with other
  characters (an article file named "my story (2).txt") is written with
  them spelled out as ``_xHHHH_``;
* nodes get a display ``label`` (their name) and edges a ``label`` (their
  relation type), the attributes viewers show by default.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator

import networkx as nx

from graphbuild.graph import LIST_ATTRIBUTES

__all__ = ["edge_ids", "flat_attributes", "flat_value", "node_label", "restore_node", "unflatten", "xml_id", "xml_safe"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


#: Letters, as every XML parser's name rules allow them (those of XML 1.0 before its 5th edition included).
_NAME_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})


def xml_id(text: str) -> str:
    """``text`` as an XML name token (xs:NMTOKEN, the type of GraphML ids): other characters spelled out."""
    return "".join(ch if _name_char(ch) else f"_x{ord(ch):04X}_" for ch in xml_safe(text))


def _name_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "-._:"
    return ord(ch) < 0x10000 and unicodedata.category(ch) in _NAME_LETTERS


def flat_value(value):
    if isinstance(value, (list, tuple, set, dict)):
        return json.dumps(_xml_safe_json(value), ensure_ascii=False)
    if isinstance(value, str):
        return xml_safe(value)
    return value


def _xml_safe_json(value):
    """``value`` with the characters XML forbids removed from every string inside it."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {xml_safe(str(k)): _xml_safe_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_xml_safe_json(v) for v in value]
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


def edge_ids(
    graph: nx.MultiDiGraph, as_id: Callable[[str], str] = xml_safe
) -> Iterator[tuple[str, str, str, dict, str]]:
    """``(u, v, key, attrs, edge id)`` for every edge, ids unique within the file.

    The id is ``<source>--<key>--<target>`` (made a valid id of the format by
    ``as_id``): stable when the corpus grows (so a re-import into Gephi
    matches edges up) and readable.  Should two edges still collide (ids
    containing ``--``), the later one gets ``.2``, ``.3``...
    """
    used: set[str] = set()
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        base = as_id(f"{u}--{key}--{v}")
        edge_id, n = base, 1
        while edge_id in used:
            n += 1
            edge_id = f"{base}.{n}"
        used.add(edge_id)
        yield u, v, key, attrs, edge_id
