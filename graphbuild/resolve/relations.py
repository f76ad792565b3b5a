"""Relations of one article between cluster keys: mention ids rewritten as each relation type's spec
says, the meetings companions share, and AFFILIATED_WITH edges from a person to the country they act
for in that article, with the sentences that name it.

A relation's endpoints are *encoded cluster keys* (:func:`encode`) until the
graph is made; then they become node ids (:meth:`graphbuild.resolve.Resolver.relations`).
Everything here reads only the article: a person stands for the country
*this article* gives them, so the relations of an article are the same
whichever other articles are read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from graphbuild.models import Extraction, Mention, Relation
from graphbuild.relation_types import RelationTypes
from graphbuild.resolve.entities import ClusterKey

#: How sure an affiliation is, by how the person's country was found.
AFFILIATION_CONFIDENCE = {"title": 0.9, "syntax": 0.8, "sentence": 0.5, "side": 0.6}

_COUNTRY_ID_PREFIX = "country:"


def encode(key: ClusterKey) -> str:
    return f"{key[0]}\t{key[1]}"


def decode(encoded: str) -> ClusterKey:
    etype, _, key = encoded.partition("\t")
    return etype, key


class Endpoint(NamedTuple):
    """What an endpoint policy (graphbuild.relation_types) needs of an entity: its id, type and country."""

    id: str
    type: str
    country: str | None


@dataclass
class ArticleEntities:
    """The article's entities as relations see them: each cluster key's country in this article."""

    entities: dict[ClusterKey, str | None]
    key_of: dict[str, ClusterKey]  # mention id -> cluster key
    mentions: dict[str, Mention]
    borrowed: dict[ClusterKey, str] = field(default_factory=dict)  # countries taken from a delegation's leader

    def country(self, key: ClusterKey) -> str | None:
        return self.entities.get(key) or self.borrowed.get(key)

    def endpoint(self, key: ClusterKey) -> Endpoint:
        return Endpoint(encode(key), key[0], self.country(key))


def article_relations(extraction: Extraction, view: ArticleEntities, types: RelationTypes) -> list[Relation]:
    relations = _rewritten(extraction, view, types)
    relations += _sides_taken(relations, view, types)
    relations += _shared(relations, view, types)
    relations += _affiliations(view)
    return relations


def _node_key(node: str | None) -> ClusterKey | None:
    """An endpoint policy's answer as a cluster key (it answers an encoded key, or a country's node id)."""
    if node is None:
        return None
    if node.startswith(_COUNTRY_ID_PREFIX):
        return "Country", node[len(_COUNTRY_ID_PREFIX) :].upper()
    return decode(node)


def _rewritten(extraction: Extraction, view: ArticleEntities, types: RelationTypes) -> list[Relation]:
    out = []
    for rel in extraction.relations:
        spec = types.get(rel.type)
        source, target = view.key_of.get(rel.source), view.key_of.get(rel.target)
        if spec is None or source is None or target is None:
            continue
        source = _node_key(spec.map_endpoint(view.endpoint(source)))
        target = _node_key(spec.map_endpoint(view.endpoint(target)))
        if source is None or target is None or source == target:
            continue
        if source[0] not in spec.source or target[0] not in spec.target:
            continue
        out.append(rel.model_copy(update={"source": encode(source), "target": encode(target)}))
    return out


def _sides_taken(relations: list[Relation], view: ArticleEntities, types: RelationTypes) -> list[Relation]:
    """People with no country of their own in the article who are on someone's side (a relation type with
    ``same_side``: the members of a delegation) act for that person's country; the AFFILIATED_WITH
    edges this gives cite the sentence that puts them on that side."""
    out = []
    for rel in relations:
        if not types[rel.type].same_side:
            continue
        leader, member = decode(rel.source), decode(rel.target)
        country = view.country(leader)
        if member[0] != "Person" or view.country(member) or not country:
            continue
        view.borrowed[member] = country
        out.append(
            Relation(
                type="AFFILIATED_WITH",
                source=rel.target,
                target=encode(("Country", country)),
                article_id=rel.article_id,
                evidence=rel.evidence,
                evidence_start=rel.evidence_start,
                evidence_end=rel.evidence_end,
                confidence=AFFILIATION_CONFIDENCE["side"],
            )
        )
    return out


def _shared(relations: list[Relation], view: ArticleEntities, types: RelationTypes) -> list[Relation]:
    """What companions take part in: from ACCOMPANIED_BY(X, A) — a type that ``shares`` MET_WITH — and
    MET_WITH(X, Y), MET_WITH(A, Y); not with someone of A's own party or country. The evidence is both
    sentences.  Relations are looked up by type and endpoint, so a long list of companions costs what it holds."""
    shares = [r for r in relations if types[r.type].shares]
    if not shares:
        return []
    party: dict[str, set[str]] = defaultdict(set)
    for rel in shares:
        party[rel.source] |= {rel.source, rel.target}
    by_end: dict[tuple[str, str], list[tuple[Relation, str]]] = defaultdict(list)
    for rel in relations:
        by_end[(rel.type, rel.source)].append((rel, rel.target))
        by_end[(rel.type, rel.target)].append((rel, rel.source))
    out = []
    for share in shares:
        leader, member = share.source, share.target
        for rtype in types[share.type].shares:
            for rel, other in by_end.get((rtype, leader), ()):
                if other in party[leader] or _same_country(view, member, other):
                    continue
                source, target = sorted((member, other)) if types[rel.type].symmetric else (member, other)
                out.append(
                    rel.model_copy(
                        update={
                            "source": source,
                            "target": target,
                            **_both_sentences(rel, share),
                            "confidence": min(rel.confidence, share.confidence),
                        }
                    )
                )
    return out


def _both_sentences(rel: Relation, share: Relation) -> dict:
    """The evidence of a shared meeting: the meeting's sentence and the one that puts the companion with the
    leader, joined by " … "; its offsets span the passage from the first to the last of them."""
    if rel.evidence == share.evidence:
        return {}
    starts = [r.evidence_start for r in (rel, share)]
    ends = [r.evidence_end for r in (rel, share)]
    known = None not in starts and None not in ends
    return {
        "evidence": f"{rel.evidence} … {share.evidence}",
        "evidence_start": min(starts) if known else None,
        "evidence_end": max(ends) if known else None,
    }


def _same_country(view: ArticleEntities, a: str, b: str) -> bool:
    country = view.country(decode(a))
    return country is not None and country == view.country(decode(b))


def _affiliations(view: ArticleEntities) -> list[Relation]:
    """AFFILIATED_WITH person -> the country this article gives them, with the sentences that name it."""
    out = []
    for mention_id, key in view.key_of.items():
        m = view.mentions[mention_id]
        country = view.entities.get(key)
        if key[0] != "Person" or country is None or m.implicit:
            continue
        if m.country == country or (m.country is None and m.country_from):
            confidence = AFFILIATION_CONFIDENCE.get(m.country_evidence or "", 0.5)
            end = m.sentence_start + len(m.sentence) if m.sentence_start is not None else None
            out.append(
                Relation(
                    type="AFFILIATED_WITH",
                    source=encode(key),
                    target=encode(("Country", country)),
                    article_id=m.article_id,
                    evidence=m.sentence,
                    evidence_start=m.sentence_start,
                    evidence_end=end,
                    confidence=confidence,
                )
            )
    return out
