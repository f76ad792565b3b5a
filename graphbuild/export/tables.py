"""The graph as two pandas tables, for notebooks: one row per node, one row per edge.

    from graphbuild import read_graph, tables
    nodes, edges = tables(read_graph("graph.json"))          # the entity network
    nodes, edges = tables(graph, view="full")                # with Article nodes and MENTIONED_IN edges

``nodes``: ``id``, ``type``, ``name``, then every other node attribute
(``aliases`` stays a list; missing values are NaN).  ``edges``: ``source``,
``target``, ``type``, ``source_name``, ``target_name``, ``weight``, then
the other edge attributes (``articles``, ``evidence``, ``dates`` as lists).
pandas is an optional extra: ``pip install 'graphbuild[pandas]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import networkx as nx

from graphbuild.export.views import apply_view, edge_type

if TYPE_CHECKING:
    import pandas

__all__ = ["Tables", "tables"]


class Tables(NamedTuple):
    nodes: pandas.DataFrame
    edges: pandas.DataFrame


def tables(graph: nx.MultiDiGraph, *, view: str = "entities") -> Tables:
    """``(nodes, edges)`` DataFrames of ``graph`` as ``view`` shows it (default: the entity network)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("graphbuild.tables needs pandas: pip install 'graphbuild[pandas]'") from None
    shown = apply_view(graph, view)
    node_rows = [
        {"id": str(node), "type": attrs.get("type"), "name": attrs.get("name", str(node)), **attrs}
        for node, attrs in shown.nodes(data=True)
    ]
    edge_rows = [
        {
            "source": str(u),
            "target": str(v),
            "type": edge_type(key, attrs),
            "source_name": shown.nodes[u].get("name", str(u)),
            "target_name": shown.nodes[v].get("name", str(v)),
            "weight": attrs.get("weight", 1),
            **{k: a for k, a in attrs.items() if k not in ("type", "weight")},
        }
        for u, v, key, attrs in shown.edges(keys=True, data=True)
    ]
    nodes = pd.DataFrame(node_rows, columns=_columns(node_rows, ["id", "type", "name"]))
    edges = pd.DataFrame(
        edge_rows, columns=_columns(edge_rows, ["source", "target", "type", "source_name", "target_name", "weight"])
    )
    return Tables(nodes, edges)


def _columns(rows: list[dict], first: list[str]) -> list[str]:
    """The ``first`` columns, then every other key in the order it first appears."""
    return list(dict.fromkeys(first + [key for row in rows for key in row]))
