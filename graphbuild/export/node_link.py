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

EDGES = "edges"


def to_data(graph: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(graph, edges=EDGES)


def write(graph: nx.MultiDiGraph, path: Path, *, view: str = "full") -> None:
    # json.dump streams chunks to the file: the whole text is never held in memory.
    with atomic_writer(path) as handle:
        json.dump(to_data(apply_view(graph, view)), handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")


def read(path: Path) -> nx.MultiDiGraph:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    edges = "links" if "links" in data and EDGES not in data else EDGES
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
