"""Stage 4 — graph: Resolution → one networkx MultiDiGraph.

Nodes (id → attributes):

* entities: ``type`` (Person, Country, Organization), ``name``, ``aliases``
  (list), and ``role``/``country`` (people), ``iso_code`` (countries),
  ``country`` (organizations) where known;
* articles: ``type`` = Article, ``name`` (title or id) and the metadata the
  reader found (``title``, ``url``, ``author``, ``published``, ``publisher``,
  ``source``); a near-duplicate of another article (the same story under
  another name, :mod:`graphbuild.duplicates`) also has ``duplicate_of``,
  the id of the article it copies.

Edges are keyed by their ``type``; parallel evidence is aggregated, so a
relation seen in three articles is one edge with

* ``evidence``: one item per sentence that says so, ``{"article": id,
  "sentence": text, "start": n, "end": m}`` — ``start``/``end`` are the
  character offsets of the sentence in the article's text (left out where
  unknown: a country set in a corrections file, graphs of older versions);
* ``articles``: the ids of those articles, sorted;
* ``weight``: how many sentences say so, each story counted once
  (:func:`story_weight`: a story and its near-duplicate copies give as many
  as the one of them that gives the most);
* ``dates`` (where known): when it happened, ISO 8601 periods with their
  precision (``2024-04-11/2024-04-20``, ``2024-09``; :mod:`graphbuild.dates`);
* ``confidence``: the highest;
* ``symmetric``: true for relation types whose direction means nothing
  (``MET_WITH``...): such an edge is stored once, from the smaller node id
  to the larger, and every file format writes it that way — a directed edge
  with ``symmetric`` true — so that every reader gets it the same.

``MENTIONED_IN`` edges link each entity to the articles that mention it
(``weight`` = number of mentions).

Relation types a ``--rules`` file declared are recorded in
``graph.graph["relation_types"]`` (JSON text), so exporters know them too
(:func:`graphbuild.relation_types.relation_types_of`).

No attribute is ever None; the same input gives the same graph, node and
edge order included.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import groupby

import networkx as nx

from graphbuild.dates import parse_period
from graphbuild.duplicates import find_copies
from graphbuild.models import Article, Entity, Relation, Resolution
from graphbuild.relation_types import RelationTypes, builtin_relation_types, record_relation_types

LIST_ATTRIBUTES = ("aliases", "articles", "evidence", "dates")


def article_node_id(article_id: str) -> str:
    return f"article:{article_id}"


def build_graph(resolution: Resolution, types: RelationTypes | None = None) -> nx.MultiDiGraph:
    counts = mention_counts(resolution.entities)
    return assemble_graph(resolution.articles, resolution.entities, resolution.relations, counts, types)


def mention_counts(entities: Iterable[Entity]) -> Iterator[tuple[str, str, int]]:
    """(entity id, article id, mentions) from the mention ids of resolved entities ("<article id>:<start>")."""
    for entity in entities:
        for article_id, n in Counter(mention_id.rsplit(":", 1)[0] for mention_id in entity.mentions).items():
            yield entity.id, article_id, n


def assemble_graph(
    articles: Iterable[Article],
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    mentions: Iterable[tuple[str, str, int]],
    types: RelationTypes | None = None,
) -> nx.MultiDiGraph:
    """The graph of these parts, in any order."""
    articles = sorted(articles, key=lambda a: a.id)
    relations = sorted(relations, key=lambda r: (r.source, r.target, r.type))
    mentions = sorted(mentions)
    return GraphParts(
        lambda: articles, sorted(entities, key=lambda e: e.id), lambda: relations, lambda: mentions, types
    ).graph()


Node = tuple[str, dict]
Edge = tuple[str, str, str, dict]


class GraphParts:
    """A graph as the records it is made of, read in the order the graph keeps them: its nodes (articles by
    id, then entities by id) and its edges (by source node, each source's relation edges by target and type,
    then its MENTIONED_IN edges by article), each edge made from its run of relations as they come.

    ``articles`` must give articles sorted by id, ``entities`` be sorted by id, ``relations`` give relations
    sorted by (source, target, type) and ``mentions`` (entity id, article id, count) sorted by entity and
    article; ``articles``, ``relations`` and ``mentions`` are functions, so the records can be read
    more than once (a file written from them, statistics counted) without a networkx graph in memory:
    a resolver streams them from its store (:meth:`graphbuild.resolve.Resolver.finish`).
    """

    def __init__(
        self,
        articles: Callable[[], Iterable[Article]],
        entities: Sequence[Entity],
        relations: Callable[[], Iterable[Relation]],
        mentions: Callable[[], Iterable[tuple[str, str, int]]],
        types: RelationTypes | None = None,
    ):
        self._articles, self.entities, self._relations, self._mentions = articles, entities, relations, mentions
        self.symmetric = (types or builtin_relation_types()).symmetric
        self.copies = find_copies(self._articles())
        holder = nx.MultiDiGraph()
        if types is not None:
            record_relation_types(holder, types)
        self.attributes: dict = holder.graph

    def nodes(self) -> Iterator[Node]:
        for article in self._articles():
            yield article_node_id(article.id), _article_attributes(article, self.copies.get(article.id))
        for entity in self.entities:
            yield entity.id, entity.model_dump(exclude={"id", "mentions"}, exclude_none=True)

    def edges(self) -> Iterator[Edge]:
        runs = groupby(self._relations(), key=lambda r: (r.source, r.target, r.type))
        relation_edges = (
            (source, 0, target, rtype, _relation_attributes(rtype, list(run), self.copies, rtype in self.symmetric))
            for (source, target, rtype), run in runs
        )
        mention_edges = (
            (
                entity_id,
                1,
                article_node_id(article_id),
                "MENTIONED_IN",
                {"type": "MENTIONED_IN", "weight": count, "articles": [article_id], "symmetric": False},
            )
            for entity_id, article_id, count in self._mentions()
        )
        for source, _, target, key, attrs in heapq.merge(relation_edges, mention_edges, key=lambda e: e[:2]):
            yield source, target, key, attrs

    def graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.graph.update(self.attributes)
        for node, attrs in self.nodes():
            graph.add_node(node, **attrs)
        for source, target, key, attrs in self.edges():
            graph.add_edge(source, target, key=key, **attrs)
        return graph


def copies_in(graph: nx.MultiDiGraph) -> dict[str, str]:
    """``{copy id: original id}``: the near-duplicate articles of a built graph (Article nodes' ``duplicate_of``)."""
    return {
        str(attrs.get("article_id", node)): str(attrs["duplicate_of"])
        for node, attrs in graph.nodes(data=True)
        if attrs.get("type") == "Article" and attrs.get("duplicate_of")
    }


def evidence_item(article_id: str, sentence: str, start: int | None = None, end: int | None = None) -> dict:
    """One item of an edge's ``evidence``: the article, the sentence, and its offsets where known."""
    item: dict = {"article": article_id, "sentence": sentence}
    if start is not None and end is not None:
        item.update(start=start, end=end)
    return item


def story_weight(evidence: Iterable[Mapping], copies: Mapping[str, str]) -> int:
    """How many sentences say so, each story once: per story (an article and its near-duplicate
    ``copies``), the distinct sentences of the article of it that gives the most."""
    sentences: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in evidence:
        article = item["article"]
        sentences[copies.get(article, article)][article].add(item["sentence"])
    return sum(max(len(said) for said in story.values()) for story in sentences.values())


def _relation_attributes(rtype: str, rels: list[Relation], copies: Mapping[str, str], symmetric: bool) -> dict:
    unknown = _offset(None)  # sorts an item without offsets first
    items = sorted({(r.article_id, _offset(r.evidence_start), r.evidence, _offset(r.evidence_end)) for r in rels})
    evidence = [
        evidence_item(article, sentence, *(None if o == unknown else o for o in (start, end)))
        for article, start, sentence, end in items
    ]
    attrs = {
        "type": rtype,
        "weight": story_weight(evidence, copies),
        "articles": sorted({r.article_id for r in rels}),
        "evidence": evidence,
        "confidence": max(r.confidence for r in rels),
        "symmetric": symmetric,
    }
    dates = sorted({r.date for r in rels if r.date}, key=lambda text: parse_period(text))
    if dates:
        attrs["dates"] = dates
    return attrs


def _offset(value: int | None) -> int:
    return -1 if value is None else value


def _article_attributes(article: Article, duplicate_of: str | None) -> dict:
    attrs = article.model_dump(
        include={"title", "url", "author", "published", "publisher", "source"}, exclude_none=True, mode="json"
    )
    if duplicate_of is not None:
        attrs["duplicate_of"] = duplicate_of
    return {"type": "Article", "name": article.title or article.id, "article_id": article.id, **attrs}
