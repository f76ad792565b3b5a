"""Relations between entities: mention ids rewritten to entity ids as each relation type's spec says,
the meetings companions share, and one AFFILIATED_WITH edge per person and country, with the
sentences that name it."""

from __future__ import annotations

from collections import defaultdict

from graphbuild.models import Entity, Extraction, Mention, Person, Relation
from graphbuild.relation_types import RelationTypes, country_node_id

#: How sure an affiliation is, by how the person's country was found.
AFFILIATION_CONFIDENCE = {"title": 0.9, "syntax": 0.8, "sentence": 0.5, "side": 0.6}


def rewrite_relations(extractions: list[Extraction], entity_of: dict[str, str], entities: dict[str, Entity], types: RelationTypes) -> list[Relation]:
    out = []
    for extraction in extractions:
        for rel in extraction.relations:
            spec = types.get(rel.type)
            source, target = entity_of.get(rel.source), entity_of.get(rel.target)
            if spec is None or source is None or target is None:
                continue
            source, target = spec.map_endpoint(entities[source]), spec.map_endpoint(entities[target])
            if source is None or target is None or source == target or source not in entities or target not in entities:
                continue
            if entities[source].type not in spec.source or entities[target].type not in spec.target:
                continue
            if spec.symmetric:
                source, target = sorted((source, target))
            out.append(rel.model_copy(update={"source": source, "target": target}))
    return out


def sides_taken(relations: list[Relation], entities: dict[str, Entity], types: RelationTypes) -> list[Relation]:
    """People with no country of their own who are on someone's side (a relation type with
    ``same_side``: the members of a delegation) act for that person's country; the AFFILIATED_WITH
    edges this gives cite the sentence that puts them on that side."""
    out = []
    for rel in relations:
        if not types[rel.type].same_side:
            continue
        leader, member = entities[rel.source], entities[rel.target]
        country = getattr(leader, "country", None)
        country_id = country_node_id(country) if country else None
        if not isinstance(member, Person) or member.country or country_id not in entities:
            continue
        entities[member.id] = member.model_copy(update={"country": country})
        out.append(Relation(type="AFFILIATED_WITH", source=member.id, target=country_id, article_id=rel.article_id,
                            evidence=rel.evidence, evidence_start=rel.evidence_start, evidence_end=rel.evidence_end,
                            confidence=AFFILIATION_CONFIDENCE["side"]))
    return out


def shared_relations(relations: list[Relation], entities: dict[str, Entity], types: RelationTypes) -> list[Relation]:
    """What companions take part in: from ACCOMPANIED_BY(X, A) — a type that ``shares`` MET_WITH — and
    MET_WITH(X, Y) in the same article, MET_WITH(A, Y); not with someone of A's own party or country.
    The evidence is both sentences."""
    by_article: dict[str, list[Relation]] = defaultdict(list)
    for rel in relations:
        by_article[rel.article_id].append(rel)
    out = []
    for rels in by_article.values():
        party: dict[str, set[str]] = defaultdict(set)
        for rel in rels:
            if types[rel.type].shares:
                party[rel.source] |= {rel.source, rel.target}
        for share in (r for r in rels if types[r.type].shares):
            leader, member = share.source, share.target
            for rel in (r for r in rels if r.type in types[share.type].shares):
                others = [b for a, b in ((rel.source, rel.target), (rel.target, rel.source)) if a == leader]
                for other in others:
                    if other in party[leader] or _same_country(entities[member], entities[other]):
                        continue
                    source, target = sorted((member, other)) if types[rel.type].symmetric else (member, other)
                    out.append(rel.model_copy(update={"source": source, "target": target, **_both_sentences(rel, share),
                                                      "confidence": min(rel.confidence, share.confidence)}))
    return out


def _both_sentences(rel: Relation, share: Relation) -> dict:
    """The evidence of a shared meeting: the meeting's sentence and the one that puts the companion with the
    leader, joined by " … "; its offsets span the passage from the first to the last of them."""
    if rel.evidence == share.evidence:
        return {}
    starts = [r.evidence_start for r in (rel, share)]
    ends = [r.evidence_end for r in (rel, share)]
    known = None not in starts and None not in ends
    return {"evidence": f"{rel.evidence} … {share.evidence}",
            "evidence_start": min(starts) if known else None, "evidence_end": max(ends) if known else None}


def _same_country(a: Entity, b: Entity) -> bool:
    country = getattr(a, "country", None)
    return country is not None and country == getattr(b, "country", None)


def affiliations(entities: dict[str, Entity], mentions: dict[str, Mention]) -> list[Relation]:
    """AFFILIATED_WITH person -> country, with the sentences that name the country for them."""
    out = []
    for entity in entities.values():
        if not isinstance(entity, Person) or entity.country is None:
            continue
        country_id = country_node_id(entity.country)
        if country_id not in entities:
            continue
        for mid in entity.mentions:
            m = mentions[mid]
            if m.country == entity.country or (m.country is None and m.country_from):
                confidence = AFFILIATION_CONFIDENCE.get(m.country_evidence or "", 0.5)
                end = m.sentence_start + len(m.sentence) if m.sentence_start is not None else None
                out.append(Relation(type="AFFILIATED_WITH", source=entity.id, target=country_id, article_id=m.article_id,
                                    evidence=m.sentence, evidence_start=m.sentence_start, evidence_end=end,
                                    confidence=confidence))
    return out
