"""The state a graph carries so that ``--update`` can add articles without reading the old ones.

Resolution is global (a surname in a new article may name a person an old
article introduced; a new spelling may join two old entities), so new
articles cannot simply be added to the old graph.  Instead every graph
records the extractions it was built from — mentions and relations, *not*
the article texts — and an update resolves old + new extractions together
and rebuilds the graph (:func:`graphbuild.pipeline.build_graph_from_sources`
with ``update=``).  The result is the graph a full rebuild from all articles
would give, byte for byte.

Where the state lives
    ``graph.graph["graphbuild"]``: one JSON string (graph attributes must be
    scalars), compact: per article its metadata (with the fingerprint that
    finds near-duplicates of it, :mod:`graphbuild.duplicates`), its distinct sentences once,
    and mentions/relations with sentences given by index, as rows of field
    values (names stored once).  Extractions are stored sorted by article
    id.  The model the graph was built with is recorded, and so are the
    user's rules (``--rules``) and corrections (``--corrections``) when there
    were any, and the source root (the folder the ids of file articles are
    paths in, see :mod:`graphbuild.read`), so that an update names a file as
    the first build did.  The node-link JSON
    output keeps it under ``"graph"``; GraphML output does not carry graph
    attributes (Gephi would show the blob), so **only a .json graph can be
    updated**.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

import networkx as nx
from pydantic import ValidationError

from graphbuild.corrections import Corrections
from graphbuild.inputs import MAX_NESTING, json_nesting
from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.rules import RuleSet

STATE_ATTRIBUTE = "graphbuild"
STATE_VERSION = 1

#: Mentions and relations are stored as rows of these fields (the names are stored once, in the
#: state, so a state stays readable when fields are added); the article id, the mention id
#: when it is the usual "<article id>:<start>", and the sentences (indexes into the
#: article's distinct sentences) are not repeated per row.
_MENTION_FIELDS = tuple(f for f in Mention.model_fields if f not in {"article_id"})
_RELATION_FIELDS = tuple(f for f in Relation.model_fields if f not in {"article_id"})


class UpdateError(ValueError):
    """The graph given to --update cannot be updated (no state, other model, other rules, other format)."""


class GraphState(NamedTuple):
    model: str
    extractions: list[Extraction]
    rules: RuleSet
    corrections: Corrections = Corrections()
    #: The absolute source root; None in graphs written before ids were paths in it.
    root: str | None = None


def dump_state(
    extractions: Iterable[Extraction], model: str, rules: RuleSet | None = None, corrections: Corrections | None = None, root: str | None = None
) -> str:
    state = {
        "version": STATE_VERSION,
        "model": model,
        "mention_fields": list(_MENTION_FIELDS),
        "relation_fields": list(_RELATION_FIELDS),
        "extractions": [_dump_extraction(x) for x in sorted(extractions, key=lambda x: x.article.id)],
    }
    if rules is not None and rules != RuleSet():
        state["rules"] = rules.model_dump(mode="json", exclude_defaults=True)
    if corrections is not None and not corrections.is_empty():
        state["corrections"] = corrections.model_dump(mode="json", exclude_defaults=True)
    if root is not None:
        state["root"] = root
    return json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_state(text: str) -> GraphState:
    """The model, extractions (article texts are ""), user rules and corrections recorded by :func:`dump_state`.

    Every record is validated with its model, and every reference checked (a sentence index, a
    relation's mentions): a damaged or hand-edited state is one :class:`UpdateError`, not a graph
    quietly built from it."""
    if json_nesting(text, stop_at=MAX_NESTING) > MAX_NESTING:
        raise UpdateError(f"the graph's recorded extractions are nested more than {MAX_NESTING} levels deep; rebuild the graph")
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            version = data.get("version") if isinstance(data, dict) else None
            raise UpdateError(f"graph state version {version!r} is not supported (expected {STATE_VERSION}); rebuild the graph")
        mention_fields, relation_fields = data["mention_fields"], data["relation_fields"]
        extractions = [_load_extraction(r, mention_fields, relation_fields) for r in data["extractions"]]
        rules, corrections = RuleSet.model_validate(data.get("rules", {})), Corrections.model_validate(data.get("corrections", {}))
        root = _text(data["root"]) if "root" in data else None
        return GraphState(_text(data["model"]), extractions, rules, corrections, root)
    except UpdateError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
        raise UpdateError(f"the graph's recorded extractions are damaged ({' '.join(str(detail).split())[:200]}); rebuild the graph (hand edits belong in a corrections file)") from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _sentence(sentences: list[str], index: object) -> str:
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(sentences):
        raise IndexError(f"sentence index {index!r} out of range")
    return _text(sentences[index])


def attach_state(
    graph: nx.MultiDiGraph, extractions: Iterable[Extraction], model: str, rules: RuleSet | None = None, corrections: Corrections | None = None,
    root: str | None = None,
) -> None:
    graph.graph[STATE_ATTRIBUTE] = dump_state(extractions, model, rules, corrections, root)


def state_of(graph: nx.MultiDiGraph) -> GraphState:
    text = graph.graph.get(STATE_ATTRIBUTE)
    if not isinstance(text, str):
        raise UpdateError("the graph carries no extractions to update from (was it written by an older graphbuild, or as GraphML?); rebuild it")
    return load_state(text)


def _dump_extraction(x: Extraction) -> dict:
    sentences: dict[str, int] = {}
    aid = x.article.id
    mentions = []
    for m in x.mentions:
        row = m.model_dump(mode="json", include=set(_MENTION_FIELDS))
        row["sentence"] = sentences.setdefault(m.sentence, len(sentences))
        if row["id"] == f"{aid}:{m.start}":
            row["id"] = None
        mentions.append(_trim([row[f] for f in _MENTION_FIELDS]))
    relations = []
    for r in x.relations:
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
        d["sentence"] = _sentence(sentences, d["sentence"])
        d.setdefault("id", f"{aid}:{d['start']}")
        mentions.append(Mention.model_validate({**d, "article_id": aid}))
    ids = {m.id for m in mentions}
    relations = []
    for row in record["relations"]:
        d = {f: v for f, v in zip(relation_fields, row) if v is not None}
        d["evidence"] = _sentence(sentences, d["evidence"])
        relation = Relation.model_validate({**d, "article_id": aid})
        if relation.source not in ids or relation.target not in ids:
            raise KeyError(f"a relation of article {aid!r} points at a mention it does not have")
        relations.append(relation)
    return Extraction(article=article, mentions=mentions, relations=relations)
