"""One article resolved on its own: each mention's cluster key, what the article says of each entity,
and its relations between cluster keys.

Nothing here looks at another article.  That is what makes the graph of
a corpus the union of the graphs of its articles: an entity's id, and
every relation, is the same whichever other articles are read, and an
update only resolves the articles it adds (:class:`graphbuild.resolve.Resolver`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graphbuild.models import Article, Extraction, Mention
from graphbuild.names import person_key
from graphbuild.relation_types import RelationTypes
from graphbuild.resolve.corrections import ArticleCorrections, Assigned
from graphbuild.resolve.entities import ClusterKey
from graphbuild.resolve.organizations import organization_keys
from graphbuild.resolve.people import person_keys
from graphbuild.resolve.relations import ArticleEntities, article_relations
from graphbuild.resolve.tally import BORROWED_COUNTRY_RANK, Tally

COUNTRY = "country"
ORG_NAMED_LIKE_PERSON = "org-named-like-person"
NAMED_AFTER_ORG = "named-after-org"


@dataclass
class ArticleEntity:
    """What one article says of one entity."""

    tally: Tally = field(default_factory=Tally)
    mention_ids: list[str] = field(default_factory=list)  # its mentions in the text (not demonyms)
    country: str | None = None  # the country it acts for in this article


@dataclass
class ArticleResolution:
    article: Article
    entities: dict[ClusterKey, ArticleEntity]
    relations: list  # graphbuild.models.Relation, endpoints as encoded cluster keys (see relations.encode)
    ignored_found: set[int]  # the ``ignore`` entries of the corrections that named something here


def resolve_article(extraction: Extraction, types: RelationTypes, corrections: ArticleCorrections) -> ArticleResolution:
    article = extraction.article
    mentions = sorted((m for m in extraction.mentions if m.key), key=lambda m: m.start)
    assigned = _cluster_keys(mentions, article.id)
    found: set[int] = set()
    mentions = corrections.apply(mentions, assigned, found)
    entities: dict[ClusterKey, ArticleEntity] = defaultdict(ArticleEntity)
    for m in mentions:
        key, how, _ = assigned[m.id]
        entity = entities[key]
        entity.tally.add_mention(m if m.type == key[0] else m.model_copy(update={"type": key[0]}), how)
        if not m.implicit:
            entity.mention_ids.append(m.id)
    for (etype, _), entity in entities.items():
        if etype == "Person":
            entity.country = entity.tally.best_country()
        elif etype == "Organization":
            entity.country = entity.tally.most_common_country()
    key_of = {m.id: assigned[m.id].key for m in mentions}
    _borrow_countries(mentions, key_of, entities)
    view = ArticleEntities(
        entities={k: e.country for k, e in entities.items()}, key_of=key_of, mentions={m.id: m for m in mentions}
    )
    relations = article_relations(extraction, view, types)
    for key, code in view.borrowed.items():
        entities[key].country = code
        entities[key].tally.add_country(code, BORROWED_COUNTRY_RANK)
    return ArticleResolution(article, dict(entities), relations, found)


def _cluster_keys(mentions: list[Mention], article_id: str) -> dict[str, Assigned]:
    """Mention id -> (cluster key, why), people and organizations read together."""
    people = [m for m in mentions if m.type == "Person"]
    orgs = [m for m in mentions if m.type == "Organization"]
    full_people = {m.key for m in people if len(m.key.split()) >= 2}
    # An ORG span spelled like a person's full name in this article ("Tomas Velder" tagged ORG) is that person.
    as_people = [m for m in orgs if not m.country and person_key(m.name) in full_people]
    people += [m.model_copy(update={"type": "Person", "key": person_key(m.name)}) for m in as_people]
    moved = {m.id for m in as_people}
    orgs = [m for m in orgs if m.id not in moved]
    out: dict[str, Assigned] = {}
    for mention_id, found in person_keys(people).items():
        out[mention_id] = Assigned(("Person", found.key), found.how, found.owner)
    for m in as_people:
        out[m.id] = out[m.id]._replace(how=ORG_NAMED_LIKE_PERSON)
    for mention_id, (key, how) in organization_keys(orgs, article_id).items():
        out[mention_id] = Assigned(("Organization", key), how)
    _fold_people_named_after_organizations(people, orgs, out)
    for m in mentions:
        if m.type == "Country":
            out[m.id] = Assigned(("Country", m.key), COUNTRY)
    return out


def _fold_people_named_after_organizations(
    people: list[Mention], orgs: list[Mention], out: dict[str, Assigned]
) -> None:
    """ "Reuters Next" tagged PERSON in an article that names the organization "Reuters": an alias of it,
    unless something the article says of that person (a role, a country) says it is a person."""
    one_word_orgs = {out[m.id].key[1] for m in orgs if " " not in out[m.id].key[1]}
    by_key: dict[ClusterKey, list[Mention]] = defaultdict(list)
    for m in people:
        by_key[out[m.id].key].append(m)
    for (_, key), members in by_key.items():
        first = key.split()[0]
        if " " in key and first in one_word_orgs and not any(m.role or m.country for m in members):
            for m in members:
                out[m.id] = Assigned(("Organization", first), NAMED_AFTER_ORG)


def _borrow_countries(
    mentions: list[Mention], key_of: dict[str, ClusterKey], entities: dict[ClusterKey, ArticleEntity]
) -> None:
    """A person whose title names only another person ("Biden's National Security Adviser") acts, in this
    article, for that person's country, when the article gives them none of their own."""
    for m in mentions:
        key = key_of[m.id]
        owner = key_of.get(m.country_from or "")
        if owner is None or key[0] != "Person" or entities[key].country:
            continue
        code = entities[owner].country if owner[0] == "Person" else None
        if code:
            entities[key].country = code
            entities[key].tally.add_country(code, BORROWED_COUNTRY_RANK)
