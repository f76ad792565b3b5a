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

import networkx as nx
from pydantic import BaseModel, Field

from graphbuild.graph import copies_in

__all__ = ["GraphStats", "RankedEntity", "graph_stats", "headline"]


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
    components: int = Field(description="Connected components of the entity network (an entity with no relation is one).")
    largest_component: int = Field(description="Entities in the largest component of the entity network.")
    near_duplicate_articles: int = Field(
        0, description="Articles that copy another one (the same story under another name): counted once in edge weights.")


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """Counts by type, the most-connected entities and the connected components (see the module's docstring)."""
    entities = graph.subgraph(n for n, a in graph.nodes(data=True) if a.get("type") != "Article")
    degree = Counter()
    for u, v in entities.edges():
        degree[u] += 1
        degree[v] += 1
    ranked = sorted(entities.nodes, key=lambda n: (-degree[n], str(n)))[:top]
    components = list(nx.weakly_connected_components(entities)) if entities.number_of_nodes() else []
    return GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        nodes_by_type=dict(sorted(Counter(a.get("type", "?") for _, a in graph.nodes(data=True)).items())),
        edges_by_type=dict(sorted(Counter(a.get("type", "?") for _, _, a in graph.edges(data=True)).items())),
        articles=graph.number_of_nodes() - entities.number_of_nodes(),
        entities=entities.number_of_nodes(),
        relations=entities.number_of_edges(),
        most_connected=[
            RankedEntity(id=str(n), name=str(graph.nodes[n].get("name", n)), type=str(graph.nodes[n].get("type", "?")), degree=degree[n])
            for n in ranked
            if degree[n] > 0
        ],
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        near_duplicate_articles=len(copies_in(graph)),
    )


def headline(stats: GraphStats) -> list[str]:
    """The first lines of the statistics: the entity network, then what the whole graph adds."""
    lines = [f"entity network: {stats.entities:,} entities, {stats.relations:,} relations, {stats.components:,} "
             f"component(s) (largest: {stats.largest_component:,} entities)"]
    if stats.articles:
        lines.append(f"whole graph, with the articles: {stats.nodes:,} nodes ({stats.articles:,} Article), "
                     f"{stats.edges:,} edges ({stats.edges - stats.relations:,} from entities to articles)")
    else:
        lines.append("whole graph: the same (no Article nodes in it)")
    return lines
