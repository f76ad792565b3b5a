"""Graph statistics for ``graphbuild stats`` and the end of ``graphbuild build``."""

from __future__ import annotations

from collections import Counter

import networkx as nx
from pydantic import BaseModel, Field

from graphbuild.graph import copies_in


class RankedEntity(BaseModel):
    id: str
    name: str
    type: str
    degree: int


class GraphStats(BaseModel):
    nodes: int
    edges: int
    nodes_by_type: dict[str, int]
    edges_by_type: dict[str, int]
    most_connected: list[RankedEntity]
    components: int
    largest_component: int
    near_duplicate_articles: int = Field(
        0, description="Articles that copy another one (the same story under another name): counted once in edge weights.")


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """Counts by type, the most-connected entities and the connected components of the entity graph.

    Article nodes and MENTIONED_IN edges are provenance, not knowledge, so
    degree and components are computed without them.
    """
    entities = graph.subgraph(n for n, a in graph.nodes(data=True) if a.get("type") != "Article")
    degree = Counter()
    for u, v, attrs in entities.edges(data=True):
        degree[u] += 1
        degree[v] += 1
    ranked = sorted(entities.nodes, key=lambda n: (-degree[n], str(n)))[:top]
    components = list(nx.weakly_connected_components(entities)) if entities.number_of_nodes() else []
    return GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        nodes_by_type=dict(sorted(Counter(a.get("type", "?") for _, a in graph.nodes(data=True)).items())),
        edges_by_type=dict(sorted(Counter(a.get("type", "?") for _, _, a in graph.edges(data=True)).items())),
        most_connected=[
            RankedEntity(id=str(n), name=str(graph.nodes[n].get("name", n)), type=str(graph.nodes[n].get("type", "?")), degree=degree[n])
            for n in ranked
            if degree[n] > 0
        ],
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        near_duplicate_articles=len(copies_in(graph)),
    )
