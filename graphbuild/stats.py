"""Graph statistics for ``graphbuild stats`` and the end of ``graphbuild build``.

Two graphs are counted, and every figure says which one it is about:

* the **entity network** — people, countries and organizations and the
  relations between them, without ``Article`` nodes and ``MENTIONED_IN``
  edges (provenance, not knowledge): ``entities``, ``relations``,
  ``components``, ``largest_component`` and ``most_connected``;
* the **whole graph**, as the file holds it, articles included: ``nodes``,
  ``edges``, ``nodes_by_type`` and ``edges_by_type``.

A file written with ``--view entities`` has no articles: both are the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import networkx as nx
from pydantic import BaseModel, Field

__all__ = ["GraphStats", "RankedEntity", "graph_stats", "headline", "record_stats"]


class RankedEntity(BaseModel):
    id: str
    name: str
    type: str
    degree: int = Field(description="Relations in the entity network.")


class GraphStats(BaseModel):
    nodes: int = Field(description="Nodes of the whole graph, Article nodes included.")
    edges: int = Field(description="Edges of the whole graph, MENTIONED_IN edges included.")
    nodes_by_type: dict[str, int] = Field(description="Nodes of the whole graph by type.")
    edges_by_type: dict[str, int] = Field(description="Edges of the whole graph by type.")
    articles: int = Field(description="Article nodes.")
    entities: int = Field(description="Nodes of the entity network (every node but the articles).")
    relations: int = Field(description="Edges of the entity network (every edge between two entities).")
    most_connected: list[RankedEntity] = Field(description="Entities with the most relations in the entity network.")
    components: int = Field(
        description="Connected components of the entity network (an entity with no relation is one)."
    )
    largest_component: int = Field(description="Entities in the largest component of the entity network.")
    near_duplicate_articles: int = Field(
        0,
        description="Articles that copy another one (the same story under another name): counted once in edge weights.",
    )


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """Counts by type, the most-connected entities and the connected components (see the module's docstring)."""
    return record_stats(graph.nodes(data=True), graph.edges(data=True), top)


def record_stats(nodes: Iterable[tuple[str, Mapping]], edges: Iterable[tuple], top: int = 10) -> GraphStats:
    """:func:`graph_stats` of a graph given as its nodes ``(id, attributes)`` and then its edges ``(source,
    target, ..., attributes)``, each read once (a graph too large to hold as networkx, streamed)."""
    shown: dict[str, tuple[str, str]] = {}  # entity id -> (type, name)
    nodes_by_type: Counter = Counter()
    copies = 0
    for node, attrs in nodes:
        nodes_by_type[attrs.get("type", "?")] += 1
        if attrs.get("type") != "Article":
            shown[node] = (str(attrs.get("type", "?")), str(attrs.get("name", node)))
        elif attrs.get("duplicate_of"):
            copies += 1
    parent = {node: node for node in shown}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = node = parent[parent[node]]
        return node

    degree: Counter = Counter()
    edges_by_type: Counter = Counter()
    for source, target, *_, attrs in edges:
        edges_by_type[attrs.get("type", "?")] += 1
        if source in shown and target in shown:
            degree[source] += 1
            degree[target] += 1
            parent[root(source)] = root(target)
    sizes = Counter(root(node) for node in shown)
    ranked = sorted(shown, key=lambda n: (-degree[n], str(n)))[:top]
    return GraphStats(
        nodes=sum(nodes_by_type.values()),
        edges=sum(edges_by_type.values()),
        nodes_by_type=dict(sorted(nodes_by_type.items())),
        edges_by_type=dict(sorted(edges_by_type.items())),
        articles=sum(nodes_by_type.values()) - len(shown),
        entities=len(shown),
        relations=sum(degree.values()) // 2,
        most_connected=[
            RankedEntity(id=str(n), name=shown[n][1], type=shown[n][0], degree=degree[n])
            for n in ranked
            if degree[n] > 0
        ],
        components=len(sizes),
        largest_component=max(sizes.values(), default=0),
        near_duplicate_articles=copies,
    )


def headline(stats: GraphStats) -> list[str]:
    """The first lines of the statistics: the entity network, then what the whole graph adds."""
    lines = [
        f"entity network: {stats.entities:,} entities, {stats.relations:,} relations, {stats.components:,} "
        f"component(s) (largest: {stats.largest_component:,} entities)"
    ]
    if stats.articles:
        lines.append(
            f"whole graph, with the articles: {stats.nodes:,} nodes ({stats.articles:,} Article), "
            f"{stats.edges:,} edges ({stats.edges - stats.relations:,} from entities to articles)"
        )
    else:
        lines.append("whole graph: the same (no Article nodes in it)")
    return lines
