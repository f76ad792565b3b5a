"""Stage 4 — graph: Resolution → one networkx MultiDiGraph.

Nodes (id → attributes):

* entities: ``type`` (Person, Country, Organization), ``name``, ``aliases``
  (list), and ``role``/``country`` (people), ``iso_code`` (countries),
  ``country`` (organizations) where known;
* articles: ``type`` = Article, ``name`` (title or id) and the metadata the
  reader found (``title``, ``url``, ``author``, ``published``, ``publisher``,
  ``source``).

Edges are keyed by their ``type``; parallel evidence is aggregated, so a
relation seen in three articles is one edge with ``weight`` (number of
distinct evidence sentences), ``articles``, ``evidence`` and ``dates`` (lists),
and the highest ``confidence``.  Symmetric relations (MET_WITH) are stored once,
from the smaller node id to the larger.  ``MENTIONED_IN`` edges link each entity
to the articles that mention it (``weight`` = number of mentions).

Relation types a ``--rules`` file declared are recorded in
``graph.graph["relation_types"]`` (JSON text), so exporters know them too
(:func:`graphbuild.relation_types.relation_types_of`).

No attribute is ever None; the same input gives the same graph, node and
edge order included.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graphbuild.models import Article, Resolution
from graphbuild.relation_types import RelationTypes, record_relation_types

LIST_ATTRIBUTES = ("aliases", "articles", "evidence", "dates")


def article_node_id(article_id: str) -> str:
    return f"article:{article_id}"


def build_graph(resolution: Resolution, types: RelationTypes | None = None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    if types is not None:
        record_relation_types(graph, types)
    for article in sorted(resolution.articles, key=lambda a: a.id):
        graph.add_node(article_node_id(article.id), **_article_attributes(article))
    for entity in resolution.entities:  # sorted by id
        attrs = entity.model_dump(exclude={"id", "mentions"}, exclude_none=True)
        graph.add_node(entity.id, **attrs)

    grouped: dict[tuple[str, str, str], list] = defaultdict(list)
    for rel in resolution.relations:
        grouped[(rel.source, rel.target, rel.type)].append(rel)
    for (source, target, rtype), rels in sorted(grouped.items()):
        evidence = sorted({(r.article_id, r.evidence) for r in rels})
        attrs = {
            "type": rtype,
            "weight": len(evidence),
            "articles": sorted({r.article_id for r in rels}),
            "evidence": list(dict.fromkeys(sentence for _, sentence in evidence)),
            "confidence": max(r.confidence for r in rels),
        }
        dates = sorted({r.date.isoformat() for r in rels if r.date})
        if dates:
            attrs["dates"] = dates
        graph.add_edge(source, target, key=rtype, **attrs)

    mentions_per_article: dict[tuple[str, str], int] = defaultdict(int)
    for entity in resolution.entities:
        for mention_id in entity.mentions:
            article_id = mention_id.rsplit(":", 1)[0]
            mentions_per_article[(entity.id, article_id)] += 1
    for (entity_id, article_id), count in sorted(mentions_per_article.items()):
        graph.add_edge(entity_id, article_node_id(article_id), key="MENTIONED_IN", type="MENTIONED_IN", weight=count, articles=[article_id])
    return graph


def _article_attributes(article: Article) -> dict:
    attrs = article.model_dump(include={"title", "url", "author", "published", "publisher", "source"}, exclude_none=True, mode="json")
    return {"type": "Article", "name": article.title or article.id, "article_id": article.id, **attrs}
