"""Stage 5 — export: one module per output format, like networkx.readwrite.

    graphml    GraphML for Gephi and yEd (flat attributes, lists as JSON text)
    node_link  networkx node-link JSON
    neo4j      a Neo4j (Bolt) database, batched and idempotent

``write_graph(graph, path)`` picks the file format from the suffix;
``read_graph(path)`` reads either back.  Files are written atomically: a
temporary file in the same folder, renamed over the target when complete.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

FILE_FORMATS = (".graphml", ".json")


class UnsupportedFormat(ValueError):
    pass


def _module(path: Path):
    from graphbuild.export import graphml, node_link

    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return graphml
    if suffix == ".json":
        return node_link
    raise UnsupportedFormat(f"{path}: unknown output format {suffix or '(no suffix)'!r}; use .graphml or .json")


def write_graph(graph: nx.MultiDiGraph, path: str | Path) -> None:
    _module(Path(path)).write(graph, Path(path))


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    return _module(Path(path)).read(Path(path))
