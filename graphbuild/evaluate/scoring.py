"""Score a graph against a gold file: precision, recall and F1 per entity and relation type.

Every entity node is matched to at most one gold entity of its type by name
(rules in docs/evaluation.md); relation edges are then compared as relations
between gold entities.  Nothing here changes the graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import PurePath

import networkx as nx
from pydantic import BaseModel, Field

from graphbuild.evaluate.gold import Gold, GoldIndex, RelationKey, gold_index, match_key, relation_key
from graphbuild.relation_types import AFFILIATED_WITH, ENTITY_TYPES

#: Always reported; any other relation type the gold file uses is reported after them.
CORE_RELATION_TYPES = ("MET_WITH", "SUPPORTS", AFFILIATED_WITH)


class Score(BaseModel):
    precision: float
    recall: float
    f1: float
    correct: int = Field(description="Predictions that match the gold (true positives).")
    predicted: int
    gold: int


class EntityScore(Score):
    missed: list[str] = Field(description="Gold entities no node matches.")
    spurious: list[str] = Field(description="Nodes that match no gold entity (or several, none of them by name).")


class RelationScore(Score):
    missed: list[str] = Field(description="Gold relations the graph lacks, as 'Source -TYPE-> Target'.")
    spurious: list[str] = Field(description="Relations between gold entities that the gold does not have.")
    refuted: list[str] = Field(description="Spurious relations the gold explicitly rules out (not_relations).")
    unmapped: list[str] = Field(
        description="Edges with an end that matches no gold entity, by node name; each is a false positive."
    )


class SplitEntity(BaseModel):
    gold: str
    nodes: list[str] = Field(description="The nodes that all match this one gold entity (a missed merge).")


class MergedNode(BaseModel):
    node: str
    gold: list[str] = Field(description="The gold entities this one node matches (a wrong merge).")


class Summary(BaseModel):
    entity_f1: float = Field(description="Mean F1 over the entity types.")
    relation_f1: float = Field(description="Mean F1 over the relation types.")
    split: int
    merged: int


class Coverage(BaseModel):
    """Whether the graph and the gold cover the same articles; a mismatch makes the figures unfair."""

    missing_from_graph: list[str] = Field(
        description="Gold articles the graph was not built from: what they say counts as missed."
    )
    not_in_gold: list[str] = Field(
        description="Articles of the graph the gold does not cover: what only they say counts as spurious."
    )


class EvalReport(BaseModel):
    coverage: Coverage
    entities: dict[str, EntityScore]
    relations: dict[str, RelationScore]
    split: list[SplitEntity]
    merged: list[MergedNode]
    summary: Summary


@dataclass
class NodeMatching:
    """Which gold entity each entity node stands for."""

    gold_of: dict[Hashable, str] = field(default_factory=dict)
    nodes_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    spurious: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    merged: list[MergedNode] = field(default_factory=list)


def evaluate(graph: nx.MultiDiGraph, gold: Gold) -> EvalReport:
    """Compare a graph written by graphbuild with a gold file."""
    index = gold_index(gold)
    matching = match_nodes(graph, index)
    entities = {etype: _entity_score(etype, index, matching) for etype in ENTITY_TYPES}
    relations = _relation_scores(graph, index, matching)
    split = [
        SplitEntity(gold=index.name(entity_id), nodes=sorted(nodes))
        for entity_id, nodes in matching.nodes_of.items()
        if len(nodes) > 1
    ]
    return EvalReport(
        coverage=article_coverage(graph, gold),
        entities=entities,
        relations=relations,
        split=sorted(split, key=lambda s: s.gold),
        merged=sorted(matching.merged, key=lambda m: m.node),
        summary=Summary(
            entity_f1=_mean(s.f1 for s in entities.values()),
            relation_f1=_mean(s.f1 for s in relations.values()),
            split=len(split),
            merged=len(matching.merged),
        ),
    )


def article_coverage(graph: nx.MultiDiGraph, gold: Gold) -> Coverage:
    """Gold articles are keyed by article id or by file name (with or without its suffix)."""
    graph_articles = {}
    for _, attrs in graph.nodes(data=True):
        if attrs.get("type") == "Article":
            source = PurePath(str(attrs.get("source") or ""))
            article_id = str(attrs.get("article_id") or "")
            graph_articles[article_id] = {article_id, source.name, source.stem}
    covered = {name for names in graph_articles.values() for name in names}
    return Coverage(
        missing_from_graph=sorted(key for key in gold.articles if key not in covered),
        not_in_gold=sorted(
            article_id for article_id, names in graph_articles.items() if not names & gold.articles.keys()
        ),
    )


def match_nodes(graph: nx.MultiDiGraph, index: GoldIndex) -> NodeMatching:
    """Match each entity node to the gold entity of its type that shares one of its names.

    A node that matches several is a wrong merge; it still counts as the one
    whose match names include the node's own name, if exactly one does.
    Nodes named only by ignored names are left out of the count altogether.
    """
    entities_by_key: dict[str, set[str]] = defaultdict(set)
    for entity_id, keys in index.match_keys.items():
        for key in keys:
            entities_by_key[key].add(entity_id)
    matching = NodeMatching()
    for node, attrs in graph.nodes(data=True):
        etype = attrs.get("type")
        if etype not in ENTITY_TYPES:
            continue  # Article nodes are provenance
        names = _node_names(attrs)
        if names & index.ignore and not any(name in entities_by_key for name in names):
            continue
        matching.predicted[etype] += 1
        label = _label(node, attrs)
        candidates = sorted(
            {e for name in names for e in entities_by_key.get(name, ()) if index.entities[e].type == etype}
        )
        if len(candidates) > 1:
            matching.merged.append(MergedNode(node=label, gold=[index.name(e) for e in candidates]))
            own_name = match_key(str(attrs.get("name") or ""))
            candidates = [e for e in candidates if own_name in index.match_keys[e]]
        if len(candidates) == 1:
            matching.gold_of[node] = candidates[0]
            matching.nodes_of[candidates[0]].append(label)
        else:
            matching.spurious[etype].append(label)
    return matching


def _node_names(attrs: dict) -> set[str]:
    aliases = attrs.get("aliases") or []
    if isinstance(aliases, str):  # a GraphML file whose aliases were not JSON text
        aliases = [aliases]
    return {key for key in map(match_key, [str(attrs.get("name") or ""), *map(str, aliases)]) if key}


def _label(node: Hashable, attrs: dict) -> str:
    return str(attrs.get("name") or node)


def _entity_score(etype: str, index: GoldIndex, matching: NodeMatching) -> EntityScore:
    gold_ids = [e for e, entity in index.entities.items() if entity.type == etype]
    found = [e for e in gold_ids if matching.nodes_of.get(e)]
    return EntityScore(
        **_prf(len(found), matching.predicted[etype], len(gold_ids)),
        missed=sorted(index.name(e) for e in gold_ids if e not in found),
        spurious=sorted(matching.spurious[etype]),
    )


def _relation_scores(graph: nx.MultiDiGraph, index: GoldIndex, matching: NodeMatching) -> dict[str, RelationScore]:
    gold_types = {key[0] for key in index.relations | index.optional | index.refutable}
    relation_types = [*CORE_RELATION_TYPES, *sorted(gold_types - set(CORE_RELATION_TYPES))]
    predicted: set[RelationKey] = set()
    unmapped: dict[str, list[str]] = defaultdict(list)
    for u, v, attrs in graph.edges(data=True):
        rtype = attrs.get("type")
        if rtype not in relation_types:
            continue
        source, target = matching.gold_of.get(u), matching.gold_of.get(v)
        if source is None or target is None:
            unmapped[rtype].append(f"{_label(u, graph.nodes[u])} -{rtype}-> {_label(v, graph.nodes[v])}")
            continue
        if rtype == AFFILIATED_WITH and index.entities[source].type == "Country":
            source, target = target, source  # the gold always says person -> country
        predicted.add(relation_key(rtype, source, target))
    predicted -= index.optional  # implied relations neither help nor hurt

    def text(keys: set[RelationKey]) -> list[str]:
        return sorted(f"{index.name(source)} -{rtype}-> {index.name(target)}" for rtype, source, target in keys)

    scores = {}
    for rtype in relation_types:
        gold = {key for key in index.relations if key[0] == rtype}
        found = {key for key in predicted if key[0] == rtype}
        correct = len(found & gold)
        scores[rtype] = RelationScore(
            **_prf(correct, len(found) + len(unmapped[rtype]), len(gold)),
            missed=text(gold - found),
            spurious=text(found - gold),
            refuted=text(found & index.refutable),
            unmapped=sorted(unmapped[rtype]),
        )
    return scores


def _prf(correct: int, predicted: int, gold: int) -> dict:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "correct": correct,
        "predicted": predicted,
        "gold": gold,
    }


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 3) if values else 0.0


def format_report(report: EvalReport) -> str:
    """The report as plain text: one line of figures per type, then what went wrong, then a summary."""
    lines = [f"{'type':16} {'P':>5} {'R':>5} {'F1':>5}  {'correct':>7} {'gold':>5} {'predicted':>9}"]
    scores: dict[str, EntityScore | RelationScore] = {**report.entities, **report.relations}
    for name, s in scores.items():
        lines.append(
            f"{name:16} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  {s.correct:7} {s.gold:5} {s.predicted:9}"
        )
    for name, s in scores.items():
        for what in ("missed", "spurious", "refuted", "unmapped"):
            items = getattr(s, what, [])
            if items:
                lines.append(f"{name} {what} ({len(items)}): " + "; ".join(items))
    if report.split:
        lines.append(
            f"split ({len(report.split)}): " + "; ".join(f"{s.gold} = {' + '.join(s.nodes)}" for s in report.split)
        )
    if report.merged:
        lines.append(
            f"merged ({len(report.merged)}): " + "; ".join(f"{m.node} = {' + '.join(m.gold)}" for m in report.merged)
        )
    coverage = report.coverage
    if coverage.missing_from_graph:
        lines.append(
            f"warning: {len(coverage.missing_from_graph)} gold article(s) not in the graph, their items count as "
            "missed: " + "; ".join(coverage.missing_from_graph)
        )
    if coverage.not_in_gold:
        lines.append(
            f"warning: {len(coverage.not_in_gold)} article(s) of the graph not in the gold, their items count as "
            "spurious: " + "; ".join(coverage.not_in_gold)
        )
    summary = report.summary
    lines.append(
        f"summary: entity F1 {summary.entity_f1:.3f}, relation F1 {summary.relation_f1:.3f}, {summary.split} "
        f"split, {summary.merged} merged"
    )
    return "\n".join(lines)
