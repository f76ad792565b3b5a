"""What a file shows of the graph: the whole graph, or only the entity network.

``Article`` nodes and ``MENTIONED_IN`` edges keep provenance, but in network
analysis they dominate the graph (most edges are mentions) and turn every
article into a star hub.  The views every file writer understands:

    full          everything graphbuild built (the default)
    entities      people, countries and organizations with their relations;
                  no Article nodes, no MENTIONED_IN edges
    co-mentioned  the entities view plus undirected ``CO_MENTIONED`` edges
                  between entities named in the same article (``weight`` =
                  number of shared articles, ``articles`` = their ids); an
                  article naming more than ``CO_MENTION_LIMIT`` entities (a
                  list, a roster) adds none, with a warning

The relations keep their ``articles`` and ``evidence`` lists in every view,
so provenance is never lost.  This module also holds the relation semantics
the writers share: which relation types are symmetric, and when a relation
was seen (its own dates, periods with their precision, and the publication
days of its articles).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from enum import Enum
from itertools import combinations

import networkx as nx

from graphbuild.dates import Period, parse_period
from graphbuild.errors import ExportError
from graphbuild.relation_types import builtin_relation_types, relation_types_of

__all__ = [
    "CO_MENTIONED",
    "CO_MENTION_LIMIT",
    "MENTIONED_IN",
    "VIEWS",
    "UnknownView",
    "View",
    "apply_view",
    "co_mentioned_view",
    "edge_type",
    "entity_view",
    "is_article",
    "publication_dates",
    "seen_dates",
    "seen_periods",
    "symmetric_types",
]


class View(str, Enum):
    """What a file shows; ``View(name)`` is the one place a view name is checked (the CLI's choices, too)."""

    full = "full"
    entities = "entities"
    co_mentioned = "co-mentioned"

    @classmethod
    def _missing_(cls, value: object) -> View:
        raise UnknownView(f"unknown view {value!r}; use one of {', '.join(VIEWS)}")


class UnknownView(ExportError, ValueError):
    """A view name that is none of :class:`View`'s."""

    exit_code = 2


VIEWS = tuple(view.value for view in View)
MENTIONED_IN = "MENTIONED_IN"
CO_MENTIONED = "CO_MENTIONED"
#: The most entities an article may name and still add co-mention edges: n entities make
#: n(n-1)/2 pairs, and one list of 4,620 names would make 10.7 million.
CO_MENTION_LIMIT = 200

log = logging.getLogger("graphbuild.export")


def symmetric_types(graph: nx.MultiDiGraph | None = None) -> frozenset[str]:
    """Relation types whose direction carries no meaning (drawn as undirected edges): the symmetric
    ones the graph was built with (built in, or from a --rules file it records), and CO_MENTIONED."""
    types = relation_types_of(graph) if graph is not None else builtin_relation_types()
    return types.symmetric | {CO_MENTIONED}


def edge_type(key, attrs: dict) -> str:
    """An edge's relation type: its ``type`` attribute, else its key (graphbuild keys edges by type)."""
    return str(attrs.get("type") or key)


def is_article(attrs: dict) -> bool:
    return attrs.get("type") == "Article"


def entity_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without Article nodes (and so without the MENTIONED_IN edges that lead to them)."""
    return graph.subgraph(n for n, attrs in graph.nodes(data=True) if not is_article(attrs)).copy()


def co_mentioned_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The entity view plus a ``CO_MENTIONED`` edge for every pair of entities named in one article.

    Each pair is stored once, from the smaller node id to the larger, like the
    symmetric relations.  Pairs grow with the square of the entities per
    article, so an article naming more than :data:`CO_MENTION_LIMIT` adds none
    (a warning says which).
    """
    view = entity_view(graph)
    entities_by_article: dict[str, set[str]] = defaultdict(set)
    for entity, article, key in graph.edges(keys=True):
        if key == MENTIONED_IN and is_article(graph.nodes[article]):
            entities_by_article[graph.nodes[article].get("article_id", article)].add(entity)
    crowded = sorted(a for a, entities in entities_by_article.items() if len(entities) > CO_MENTION_LIMIT)
    if crowded:
        log.warning(
            "co-mentioned view: %d article(s) name more than %d entities each and add no CO_MENTIONED edges: %s",
            len(crowded),
            CO_MENTION_LIMIT,
            ", ".join(crowded[:5]) + (" …" if len(crowded) > 5 else ""),
        )
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article_id, entities in sorted(entities_by_article.items()):
        if len(entities) <= CO_MENTION_LIMIT:
            for pair in combinations(sorted(entities), 2):
                shared[pair].append(article_id)
    for (a, b), article_ids in sorted(shared.items()):
        view.add_edge(
            a, b, key=CO_MENTIONED, type=CO_MENTIONED, weight=len(article_ids), articles=article_ids, symmetric=True
        )
    return view


def apply_view(graph: nx.MultiDiGraph, view: View | str) -> nx.MultiDiGraph:
    """``graph`` as ``view`` shows it (the graph itself for ``full``); :class:`UnknownView` for another name."""
    view = View(view)
    if view is View.full:
        return graph
    return entity_view(graph) if view is View.entities else co_mentioned_view(graph)


def publication_dates(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Article id (as relations list it) → publication date (ISO text), for the articles that have one."""
    dates = {}
    for node, attrs in graph.nodes(data=True):
        if is_article(attrs) and attrs.get("published"):
            dates[str(attrs.get("article_id", node))] = str(attrs["published"])[:10]
    return dates


def seen_periods(attrs: dict, published: dict[str, str]) -> list[Period]:
    """When a relation was seen: its own dates (with their precision) and the publication days of its
    articles, sorted, distinct.  A date that is not ISO 8601 text is left out."""
    periods = set()
    for text in [*(attrs.get("dates") or ()), *(published[a] for a in attrs.get("articles") or () if a in published)]:
        try:
            periods.add(parse_period(str(text)))
        except ValueError:
            continue
    return sorted(periods)


def seen_dates(attrs: dict, published: dict[str, str]) -> list[str]:
    """:func:`seen_periods` as ISO 8601 text (``2024-05-31``, ``2024-04-11/2024-04-20``)."""
    return [period.iso for period in seen_periods(attrs, published)]
