"""networkx node-link JSON, as ``networkx.node_link_graph(json.load(f))`` reads it with its default arguments.

Edges are listed under ``edges`` (networkx 3.6's default; graphs of older
graphbuild versions used ``links``, which :func:`read` still reads).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphbuild.export.atomic import atomic_writer
from graphbuild.export.views import apply_view
from graphbuild.inputs import InputFileError, read_input

EDGES = "edges"


def to_data(graph: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(graph, edges=EDGES)


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    # json.dump streams chunks to the file: the whole text is never held in memory.
    with atomic_writer(path) as handle:
        json.dump(to_data(apply_view(graph, view)), handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")


def read(path: Path) -> nx.MultiDiGraph:
    """The graph in a node-link JSON file; :class:`InputFileError` (one line naming the file) if there is none.

    The file's size and nesting are checked before it is parsed (:func:`graphbuild.inputs.read_input`).
    """
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
    edges = "links" if "links" in data and EDGES not in data else EDGES
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as error:
        raise InputFileError(f"{path}: not a readable node-link graph ({type(error).__name__}: {error})") from None
    return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
