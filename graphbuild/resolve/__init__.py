"""Stage 3 — resolve: Extractions → one entity per real-world thing.

    resolution = resolve(extractions, types=rules.types)

Mentions are grouped into clusters by normalized keys — ISO codes for
countries, name keys for organizations (British/American spellings and
"X Department"/"Department of X" folded together, acronyms joined to the
name they abbreviate) and people (:mod:`graphbuild.resolve.people`) — and
each cluster becomes an entity (:mod:`graphbuild.resolve.entities`).

Relations are rewritten from mention ids to entity ids as their relation
type says (:mod:`graphbuild.resolve.relations`): a person or organization
that "supports" a country stands for its own country, a meeting needs two
people; each person gets one AFFILIATED_WITH edge to the country the best
evidence names.

An analyst's corrections file (``resolve(..., corrections=)``) is applied on
the way (:mod:`graphbuild.resolve.corrections`): ignored names never become
mentions, ``same``/``different`` override the merges, and an entity's type,
name, country and role are set as it is made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graphbuild.corrections import Corrections
from graphbuild.models import Entity, Extraction, Mention, Relation, Resolution
from graphbuild.relation_types import RelationTypes, builtin_relation_types, country_node_id
from graphbuild.resolve.clusters import ClusterKey, Clusters
from graphbuild.resolve.corrections import AppliedCorrections, Describe
from graphbuild.resolve.entities import make_entity
from graphbuild.resolve.organizations import attach_countryless_bodies, merge_acronyms, organization_key
from graphbuild.resolve.people import (
    fold_organizations_named_like_people,
    fold_people_named_after_organizations,
    inherit_countries,
    merge_person_keys,
    owners_by_word,
    people_in_article,
)
from graphbuild.resolve.relations import affiliations, rewrite_relations, shared_relations, sides_taken

__all__ = ["resolve"]


def resolve(extractions: Iterable[Extraction], types: RelationTypes | None = None, corrections: Corrections | None = None) -> Resolution:
    extractions = list(extractions)
    applied = AppliedCorrections(corrections)
    clusters = Clusters()
    unresolved_single = []
    for extraction in extractions:
        for mention, full_key in people_in_article(extraction.mentions):
            if full_key is None:
                unresolved_single.append(mention)
            else:
                clusters.add(mention, ("Person", full_key))
        for mention in extraction.mentions:
            if mention.type == "Country":
                clusters.add(mention, ("Country", mention.key))
            elif mention.type == "Organization":
                clusters.add(mention, ("Organization", organization_key(mention)))
    unresolved_single = applied.drop_ignored(clusters, unresolved_single)

    fold_people_named_after_organizations(clusters)
    fold_organizations_named_like_people(clusters)
    attach_countryless_bodies(clusters)
    person_keys = merge_person_keys(k for (t, k) in clusters if t == "Person")
    owners = owners_by_word(person_keys.values())  # an index, not a scan of all keys per lone name
    for mention in unresolved_single:
        found = owners.get(mention.key, ())
        clusters.add(mention, ("Person", next(iter(found)) if len(found) == 1 else mention.key))
    canonical = {"Person": person_keys, "Organization": merge_acronyms(clusters)}

    groups = applied.regroup(_groups(clusters, canonical), clusters)
    entities, entity_of_mention = _entities(groups, applied.describe)
    by_id = {e.id: e for e in entities}
    mentions = {m.id: m for x in extractions for m in x.mentions}
    inherit_countries(by_id, entity_of_mention, mentions)
    types = types or builtin_relation_types()
    relations = rewrite_relations(extractions, entity_of_mention, by_id, types)
    relations += sides_taken(relations, by_id, types)
    relations += shared_relations(relations, by_id, types)
    relations += affiliations(by_id, mentions)
    relations += applied.affiliations(by_id, relations, mentions)
    by_id = _without_unnamed_countries(by_id, relations)
    return Resolution(
        articles=[x.article for x in extractions],
        entities=sorted(by_id.values(), key=lambda e: e.id),
        relations=sorted(relations, key=lambda r: (r.type, r.source, r.target, r.article_id, r.evidence)),
    )


def _without_unnamed_countries(entities: dict[str, Entity], relations: list[Relation]) -> dict[str, Entity]:
    """A country only ever named by a demonym ("Palestinian prisoners") is no node of its own, unless
    a relation or someone's country needs it ("Kenyan President X" -> Kenya)."""
    needed = {r.source for r in relations} | {r.target for r in relations}
    needed |= {country_node_id(code) for e in entities.values() if (code := getattr(e, "country", None))}
    return {i: e for i, e in entities.items() if not (e.type == "Country" and not e.mentions and i not in needed)}


def _groups(clusters: Clusters, canonical: dict[str, dict[str, str]]) -> dict[ClusterKey, list[Mention]]:
    """The mentions of each entity: clusters whose keys were merged are one group."""
    groups: dict[ClusterKey, list[Mention]] = defaultdict(list)
    for (etype, key), mentions in sorted(clusters.items()):
        groups[(etype, canonical.get(etype, {}).get(key, key))].extend(mentions)
    return groups


def _entities(groups: dict[ClusterKey, list[Mention]], describe: Describe) -> tuple[list[Entity], dict[str, str]]:
    """One entity per group, and each mention's entity id."""
    entities: list[Entity] = []
    entity_of_mention: dict[str, str] = {}
    used_ids: set[str] = set()
    for (etype, key), group in sorted(groups.items()):
        mentions = sorted(group, key=lambda m: (m.article_id, m.start))
        entity = describe(etype, key, make_entity(etype, key, mentions, used_ids))
        entities.append(entity)
        entity_of_mention.update((m.id, entity.id) for m in mentions)
    return entities, entity_of_mention
