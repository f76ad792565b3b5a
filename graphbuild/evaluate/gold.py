"""The gold file: what a careful reader takes from each article (format in docs/evaluation.md).

:func:`load_gold` reads and checks a gold file; :func:`gold_index` turns it
into the sets the scorer compares a graph with: the names each gold entity
can be matched by, and the gold, optional and refutable relations.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graphbuild.errors import ConfigError, validation_message
from graphbuild.inputs import InputFileError, read_input
from graphbuild.relation_types import AFFILIATED_WITH, EntityType, builtin_relation_types

#: A relation as the scorer compares it: (type, source id, target id), the ends
#: of a symmetric relation in sorted order.
RelationKey = tuple[str, str, str]


class GoldFileError(ConfigError, ValueError):
    """A gold file that cannot be read or is inconsistent; the message is one line naming the file."""


class GoldRecord(BaseModel):
    # A misspelt field ("alias", "optinal") must be an error, not a silently ignored key.
    model_config = ConfigDict(extra="forbid")


class GoldEntity(GoldRecord):
    type: EntityType
    name: str = Field(min_length=1)
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names the articles use: surname alone, titles dropped, typos as printed.",
    )
    country: str | None = Field(
        default=None,
        description="Id of the Country entity a person acts for: a gold AFFILIATED_WITH. Not scored for other types.",
    )
    role: str | None = None
    note: str | None = None


class GoldRelation(GoldRecord):
    type: str = Field(pattern=r"^[A-Z][A-Z_]*$", description="Relation type as graphbuild writes it, e.g. MET_WITH.")
    source: str
    target: str
    optional: bool = Field(default=False, description="Implied rather than stated: neither rewarded nor penalised.")
    evidence: str | None = None
    why: str | None = None
    note: str | None = None


class GoldArticle(GoldRecord):
    entities: list[str] = Field(description="Ids of the entities the article mentions.")
    relations: list[GoldRelation] = Field(default_factory=list)
    not_relations: list[GoldRelation] = Field(
        default_factory=list, description="Relations a naive reading gets wrong; predicting one is a refuted relation."
    )
    note: str | None = None


class Gold(GoldRecord):
    entities: dict[str, GoldEntity]
    articles: dict[str, GoldArticle]
    ignore: list[str] = Field(
        default_factory=list, description="Names that are neither wanted nor penalised (cities, regions, events)."
    )


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold file; any problem is a :class:`GoldFileError` naming the file.

    Size (100 MB), kind of file and nesting (100 levels) are checked before parsing (:mod:`graphbuild.inputs`)."""
    path = Path(path)
    try:
        data = json.loads(read_input(path, "gold file", syntax="json"), object_pairs_hook=_refuse_duplicate_keys)
    except InputFileError as exc:
        raise GoldFileError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise GoldFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except _DuplicateKey as exc:
        raise GoldFileError(f"{path}: key {exc} appears twice in one object") from None
    except ValueError as exc:  # a number too long to read
        raise GoldFileError(f"{path}: unreadable JSON: {str(exc).split(';')[0]}") from None
    try:
        gold = Gold.model_validate(data)
    except ValidationError as exc:
        raise GoldFileError(f"{path}: {validation_message(exc)}") from None
    problem = _inconsistency(gold)
    if problem:
        raise GoldFileError(f"{path}: {problem}")
    return gold


class _DuplicateKey(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    # json.loads keeps the last of two equal keys: two entities with one id would silently become one.
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(repr(key))
        seen[key] = value
    return seen


def _inconsistency(gold: Gold) -> str | None:
    """The first id that points at nothing (or at the wrong kind of entity), as one line."""
    for entity_id, entity in gold.entities.items():
        if entity.country is not None:
            country = gold.entities.get(entity.country)
            if country is None or country.type != "Country":
                return f"entities.{entity_id}.country: {entity.country!r} is not the id of a Country entity"
    for article_id, article in gold.articles.items():
        for entity_id in article.entities:
            if entity_id not in gold.entities:
                return f"articles.{article_id}.entities: {entity_id!r} is not an entity id"
        for field in ("relations", "not_relations"):
            for number, relation in enumerate(getattr(article, field)):
                for end in (relation.source, relation.target):
                    if end not in article.entities:
                        return f"articles.{article_id}.{field}.{number}: {end!r} is not among the article's entities"
    return None


def match_key(name: str) -> str:
    """The form names are compared in: ASCII, lower case, no leading "the", no possessive "'s", punctuation as
    spaces."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def relation_key(relation_type: str, source: str, target: str) -> RelationKey:
    if relation_type in builtin_relation_types().symmetric:
        source, target = sorted((source, target))
    return (relation_type, source, target)


@dataclass(frozen=True)
class GoldIndex:
    """A gold file as the scorer needs it; only entities some article mentions are in scope."""

    entities: dict[str, GoldEntity]
    match_keys: dict[str, frozenset[str]]
    relations: frozenset[RelationKey]
    optional: frozenset[RelationKey]
    refutable: frozenset[RelationKey]
    ignore: frozenset[str]

    def name(self, entity_id: str) -> str:
        return self.entities[entity_id].name


def gold_index(gold: Gold) -> GoldIndex:
    in_scope = {entity_id for article in gold.articles.values() for entity_id in article.entities}
    entities = {entity_id: gold.entities[entity_id] for entity_id in sorted(in_scope)}
    stated, optional, refutable = set(), set(), set()
    for article in gold.articles.values():
        for relation in article.relations:
            (optional if relation.optional else stated).add(
                relation_key(relation.type, relation.source, relation.target)
            )
        refutable.update(relation_key(r.type, r.source, r.target) for r in article.not_relations)
    # A person who acts for a country is affiliated with it, in every article that mentions them.
    stated.update(
        relation_key(AFFILIATED_WITH, entity_id, e.country)
        for entity_id, e in entities.items()
        if e.country and e.type == "Person"
    )
    return GoldIndex(
        entities=entities,
        match_keys=_match_keys(entities),
        relations=frozenset(stated),
        optional=frozenset(optional - stated),  # stated once is stated: optional elsewhere changes nothing
        refutable=frozenset(refutable),
        ignore=frozenset(filter(None, map(match_key, gold.ignore))),
    )


def _match_keys(entities: dict[str, GoldEntity]) -> dict[str, frozenset[str]]:
    """Each entity's name and aliases, minus single-word aliases another entity shares ("Li", "Kim")."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity_id, entity in entities.items():
        for name in (entity.name, *entity.aliases):
            owners[match_key(name)].add(entity_id)
    keys = {}
    for entity_id, entity in entities.items():
        names = {match_key(entity.name)}
        for alias in entity.aliases:
            key = match_key(alias)
            if " " in key or owners[key] == {entity_id}:
                names.add(key)
        keys[entity_id] = frozenset(filter(None, names))
    return keys
