"""Helpers for tests that read graphbuild's files with other readers than graphbuild's own."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def plain_graphml(path: Path) -> nx.MultiDiGraph:
    """The file as networkx's own GraphML reader sees it, with its default arguments (a graph without
    parallel edges comes back as a DiGraph; as a MultiDiGraph here, for tests that index edges by key)."""
    graph = nx.read_graphml(path)
    return graph if graph.is_multigraph() else nx.MultiDiGraph(graph)
