"""networkx node-link JSON, as ``networkx.node_link_graph(json.load(f))`` reads it with its default arguments.

Edges are listed under ``edges`` (networkx 3.6's default; graphs of older
graphbuild versions used ``links``, which :func:`read` still reads).

The file is written item by item, never as one copy of the graph in memory:
the text is exactly what ``json.dump(nx.node_link_data(graph), f, indent=1,
sort_keys=True)`` writes, and :func:`write_records` writes it from nodes and
edges as they come (a graph's records streamed from the resolver's store,
:class:`graphbuild.graph.GraphParts`), so a corpus too large for a networkx
graph in memory still gets its ``graph.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

import networkx as nx

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.views import apply_view
from graphbuild.inputs import InputFileError, read_input

EDGES = "edges"


def to_data(graph: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(graph, edges=EDGES)


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    graph = apply_view(graph, view)
    write_records(path, graph.graph, graph.nodes(data=True), graph.edges(keys=True, data=True))


def write_records(
    path: Path,
    attributes: Mapping,
    nodes: Iterable[tuple[str, Mapping]],
    edges: Iterable[tuple[str, str, str, Mapping]],
) -> None:
    """The node-link JSON of a directed multigraph given as its nodes ``(id, attributes)`` and edges
    ``(source, target, key, attributes)``, in the order the file lists them (its top-level keys sorted)."""
    parts = {
        "directed": lambda handle: handle.write("true"),
        EDGES: lambda handle: _write_list(
            handle, ({**attrs, "source": u, "target": v, "key": k} for u, v, k, attrs in edges)
        ),
        "graph": lambda handle: handle.write(_dumped(attributes, 1)),
        "multigraph": lambda handle: handle.write("true"),
        "nodes": lambda handle: _write_list(handle, ({**attrs, "id": node} for node, attrs in nodes)),
    }
    with atomic_writer(path) as handle:
        for n, name in enumerate(sorted(parts)):
            handle.write(("{\n " if n == 0 else ",\n ") + json.dumps(name) + ": ")
            parts[name](handle)
        handle.write("\n}\n")


def _write_list(handle: IO[str], items: Iterable[Mapping]) -> None:
    """A list at depth 1 of the document, one item at a time (as ``json.dump`` with ``indent=1`` writes it)."""
    first = True
    for item in items:
        handle.write(("[\n  " if first else ",\n  ") + _dumped(item, 2))
        first = False
    handle.write("[]" if first else "\n ]")


def _dumped(value, depth: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)


def read_data(path: Path) -> dict:
    """The parsed node-link object of a JSON graph file (checked before it is parsed); :class:`InputFileError`
    (one line naming the file) if the file is not one."""
    text = read_input(path, "graph", syntax="json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(
            f"{path}: not a readable graph: not valid JSON (line {error.lineno} column {error.colno}: "
            f"{error.msg}); was the file cut short?"
        ) from None
    except ValueError as error:  # a number too long to read
        raise InputFileError(f"{path}: not a readable graph: {str(error).split(';')[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise InputFileError(
            f"{path}: not a readable graph: node-link JSON is an object with a list of 'nodes' and of '{EDGES}'"
        )
    return data


def read(path: Path) -> nx.MultiDiGraph:
    """The graph in a node-link JSON file; :class:`InputFileError` (one line naming the file) if there is none.

    The file's size and nesting are checked before it is parsed (:func:`graphbuild.inputs.read_input`).
    """
    data = read_data(path)
    edges = "links" if "links" in data and EDGES not in data else EDGES
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as error:
        raise InputFileError(f"{path}: not a readable node-link graph ({type(error).__name__}: {error})") from None
    return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
