"""GraphML that Gephi opens cleanly.

GraphML attributes are flat scalars: lists (aliases, articles, evidence,
dates) are stored as JSON text and decoded again by :func:`read`; no
attribute is ever None; characters XML 1.0 forbids (control characters)
are removed, so any input text gives a valid file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from graphbuild.export.atomic import atomic_writer
from graphbuild.graph import LIST_ATTRIBUTES

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _flat(value):
    if isinstance(value, (list, tuple, set)):
        return json.dumps([xml_safe(v) if isinstance(v, str) else v for v in value], ensure_ascii=False)
    if isinstance(value, str):
        return xml_safe(value)
    return value


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(xml_safe(str(node)), **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(xml_safe(str(u)), xml_safe(str(v)), key=xml_safe(str(key)), **{k: _flat(val) for k, val in attrs.items() if val is not None})
    return flat


def write(graph: nx.MultiDiGraph, path: Path) -> None:
    with atomic_writer(path, mode="wb") as handle:
        nx.write_graphml(flatten(graph), handle, encoding="utf-8", prettyprint=True, named_key_ids=True)


def read(path: Path) -> nx.MultiDiGraph:
    graph = nx.read_graphml(path, force_multigraph=True)
    graph = graph if graph.is_directed() else graph.to_directed()
    for _, attrs in graph.nodes(data=True):
        _unflatten(attrs)
    for _, _, attrs in graph.edges(data=True):
        _unflatten(attrs)
    return nx.MultiDiGraph(graph)


def _unflatten(attrs: dict) -> None:
    for name in LIST_ATTRIBUTES:
        if isinstance(attrs.get(name), str):
            try:
                attrs[name] = json.loads(attrs[name])
            except ValueError:
                pass
