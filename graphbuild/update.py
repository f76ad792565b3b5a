"""Incremental builds: add new articles to a graph without reading the old ones again.

    graphbuild build NEW... --update graph.json -o graph.json

Resolution is global (a surname in a new article may name a person an old
article introduced; a new spelling may join two old entities), so new
articles cannot simply be added to the old graph.  Instead every graph
records the extractions it was built from — mentions and relations, *not*
the article texts — and an update resolves old + new extractions together
and rebuilds the graph.  The result is the graph a full rebuild from all
articles would give, byte for byte (``tests/test_incremental.py``), at the
cost of resolution and graph building only: no old article is parsed again.

Where the state lives
    ``graph.graph["graphbuild"]``: one JSON string (graph attributes must be
    scalars), compact: per article its metadata, its distinct sentences once,
    and mentions/relations with sentences given by index, as rows of field values (names stored once).  Extractions are stored sorted by article id, and the pipeline
    resolves them in that order, so the order articles were read in never
    matters.  The node-link JSON output keeps it under ``"graph"``; GraphML
    output does not carry graph attributes (Gephi would show the blob), so
    **only a .json graph can be updated**.

Rules
    * The update must use the model the graph was built with (checked).
    * Article ids must be unique across runs.  A new article whose id is
      already in the graph *replaces* the old one (an updated story), with a
      warning; a full rebuild would instead have given the two files
      distinct ids (``<stem>-<hash>``), which an update cannot reproduce.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Callable, Iterable, Sequence

import networkx as nx

from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.read import ReadOptions, ReadReport, iter_articles

STATE_ATTRIBUTE = "graphbuild"
STATE_VERSION = 1

log = logging.getLogger("graphbuild.update")


class UpdateError(ValueError):
    """The graph given to --update cannot be updated (no state, other model, other format)."""


# --- state: extractions <-> one JSON string --------------------------------------------------


def dump_state(extractions: Iterable[Extraction], model: str) -> str:
    records = [_dump_extraction(x) for x in sorted(extractions, key=lambda x: x.article.id)]
    return json.dumps(
        {"version": STATE_VERSION, "model": model, "mention_fields": list(_MENTION_FIELDS), "relation_fields": list(_RELATION_FIELDS), "extractions": records},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def load_state(text: str) -> tuple[str, list[Extraction]]:
    """(model, extractions) from :func:`dump_state`'s text; article texts are ""."""
    data = json.loads(text)
    if data.get("version") != STATE_VERSION:
        raise UpdateError(f"graph state version {data.get('version')!r} is not supported (expected {STATE_VERSION}); rebuild the graph")
    mention_fields, relation_fields = data["mention_fields"], data["relation_fields"]
    return data["model"], [_load_extraction(r, mention_fields, relation_fields) for r in data["extractions"]]


def attach_state(graph: nx.MultiDiGraph, extractions: Iterable[Extraction], model: str) -> None:
    graph.graph[STATE_ATTRIBUTE] = dump_state(extractions, model)


def state_of(graph: nx.MultiDiGraph) -> tuple[str, list[Extraction]]:
    text = graph.graph.get(STATE_ATTRIBUTE)
    if not isinstance(text, str):
        raise UpdateError("the graph carries no extractions to update from (was it written by an older graphbuild, or as GraphML?); rebuild it")
    return load_state(text)


#: Mentions and relations are stored as rows of these fields (the names are stored once, in the
#: state, so a state stays readable when fields are added); the article id, the mention id
#: when it is the usual "<article id>:<start>", and the sentences (indexes into the
#: article's distinct sentences) are not repeated per row.
_MENTION_FIELDS = tuple(f for f in Mention.model_fields if f not in {"article_id"})
_RELATION_FIELDS = tuple(f for f in Relation.model_fields if f not in {"article_id"})


def _dump_extraction(x: Extraction) -> dict:
    sentences: dict[str, int] = {}
    aid = x.article.id
    mentions = []
    for m in x.mentions:
        assert m.article_id == aid
        row = m.model_dump(mode="json", include=set(_MENTION_FIELDS))
        row["sentence"] = sentences.setdefault(m.sentence, len(sentences))
        if row["id"] == f"{aid}:{m.start}":
            row["id"] = None
        mentions.append(_trim([row[f] for f in _MENTION_FIELDS]))
    relations = []
    for r in x.relations:
        assert r.article_id == aid
        row = r.model_dump(mode="json", include=set(_RELATION_FIELDS))
        row["evidence"] = sentences.setdefault(r.evidence, len(sentences))
        relations.append(_trim([row[f] for f in _RELATION_FIELDS]))
    return {
        "article": x.article.model_dump(mode="json", exclude_none=True, exclude={"text"}),
        "sentences": list(sentences),
        "mentions": mentions,
        "relations": relations,
    }


def _trim(row: list) -> list:
    """Trailing nulls left out (the optional fields come last)."""
    while row and row[-1] is None:
        row.pop()
    return row


def _load_extraction(record: dict, mention_fields: list[str], relation_fields: list[str]) -> Extraction:
    article = Article.model_validate({**record["article"], "text": ""})
    aid, sentences = article.id, record["sentences"]
    mentions = []
    for row in record["mentions"]:
        d = {f: v for f, v in zip(mention_fields, row) if v is not None}
        d["sentence"] = sentences[d["sentence"]]
        d.setdefault("id", f"{aid}:{d['start']}")
        mentions.append(Mention.model_validate({**d, "article_id": aid}))
    relations = []
    for row in record["relations"]:
        d = {f: v for f, v in zip(relation_fields, row) if v is not None}
        d["evidence"] = sentences[d["evidence"]]
        relations.append(Relation.model_validate({**d, "article_id": aid}))
    return Extraction(article=article, mentions=mentions, relations=relations)


# --- the update ------------------------------------------------------------------------------


def merge_extractions(old: list[Extraction], new: list[Extraction]) -> list[Extraction]:
    """Old and new together; a new article replaces an old one with the same id."""
    new_ids = {x.article.id for x in new}
    replaced = sorted(x.article.id for x in old if x.article.id in new_ids)
    if replaced:
        log.warning("%d article(s) already in the graph are replaced by the new version: %s", len(replaced), ", ".join(replaced[:5]) + (" …" if len(replaced) > 5 else ""))
    return [x for x in old if x.article.id not in new_ids] + new


def update_graph_from_articles(
    previous: nx.MultiDiGraph,
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    on_article: Callable[[Extraction], None] | None = None,
    workers: int = 1,
) -> nx.MultiDiGraph:
    from graphbuild.pipeline import extract_all, graph_from_extractions

    old_model, old = state_of(previous)
    if old_model != model:
        raise UpdateError(f"the graph was built with model {old_model!r}, not {model!r}; update it with --model {old_model}")
    new = extract_all(articles, model, on_article, workers)
    return graph_from_extractions(merge_extractions(old, new), model)


def read_updatable_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph to update, from a .json file written by ``graphbuild build``."""
    from graphbuild.export import node_link

    path = Path(path)
    if path.suffix.lower() != ".json":
        raise UpdateError(f"{path}: only a node-link .json graph can be updated (GraphML does not carry the extractions)")
    return node_link.read(path)


def update_graph_from_sources(
    previous: str | Path | nx.MultiDiGraph,
    sources: Sequence[str | Path],
    model: str = DEFAULT_MODEL,
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    workers: int = 1,
) -> nx.MultiDiGraph:
    graph = previous if isinstance(previous, nx.MultiDiGraph) else read_updatable_graph(previous)
    articles = iter_articles(sources, options=options, report=report)
    return update_graph_from_articles(graph, articles, model, on_article, workers)
