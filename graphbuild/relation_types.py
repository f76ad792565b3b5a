"""Relation types, declared once.

A :class:`RelationSpec` says what a relation type joins, whether its
direction means anything, how the resolver maps its participants to nodes,
and what it becomes when the sentence says the event did not (yet) happen.
The built-in types are data (``graphbuild/data/relation_types.json``); a
``--rules`` file adds more in the same form (:mod:`graphbuild.rules`).
Models, extraction rules, the resolver and the exporters all read the
:class:`RelationTypes` in use; no other module lists relation types.

Endpoint policies are registered functions (``endpoint_policies``), so a new
way of mapping participants is one decorated function:

    @endpoint_policies.register("country")
    def as_country(entity) -> str | None: ...
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

import catalogue
from pydantic import BaseModel, ConfigDict, Field, field_validator

EntityType = Literal["Person", "Country", "Organization"]
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)

#: What the words around an event say about it (see graphbuild.extract.status).
EventStatus = Literal[
    "asserted", "planned", "proposed", "hypothetical", "refused", "cancelled", "denied", "disputed", "negated"
]

#: Relation type names: upper snake case, as Neo4j relationship types are written.
RELATION_NAME_PATTERN = r"^[A-Z][A-Z0-9_]*$"

endpoint_policies = catalogue.create("graphbuild", "endpoint_policies", entry_points=False)


def registered(registry: catalogue.Registry, name: str, what: str) -> str:
    """``name`` when ``registry`` has a function of that name; else a ValueError that lists the registered ones."""
    if name not in registry.get_all():
        raise ValueError(f"unknown {what} {name!r}; registered: {', '.join(sorted(registry.get_all()))}")
    return name


#: The relation type of a person's country, the one type the stages create themselves (the resolver adds one
#: per person and country; the evaluation reads it): spelled here, declared in relation_types.json like the others,
#: and checked to be declared when the built-in types are loaded.
AFFILIATED_WITH = "AFFILIATED_WITH"


def country_node_id(code: str) -> str:
    """The node id of the country with this ISO code: every stage that points at a country spells it so."""
    return f"country:{code.lower()}"


@endpoint_policies.register("entity")
def as_entity(entity: Any) -> str | None:
    """The participant itself."""
    return entity.id


@endpoint_policies.register("country")
def as_country(entity: Any) -> str | None:
    """A country as itself; a person or organization as the country it acts for (None if unknown)."""
    if entity.type == "Country":
        return entity.id
    code = getattr(entity, "country", None)
    return country_node_id(code) if code else None


class RelationSpec(BaseModel):
    """One relation type."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=RELATION_NAME_PATTERN, description="UPPER_SNAKE_CASE, e.g. SIGNED_AGREEMENT_WITH.")
    description: str = ""
    symmetric: bool = Field(
        default=False, description="Direction carries no meaning (stored from the smaller node id)."
    )
    source: tuple[EntityType, ...] = ENTITY_TYPES
    target: tuple[EntityType, ...] = ENTITY_TYPES
    endpoints: str = Field(default="entity", description="Registered endpoint policy: 'entity' or 'country'.")
    status: dict[EventStatus, str] = Field(
        default_factory=dict,
        description="The relation type an event becomes when not asserted (planned, proposed, hypothetical, "
        "refused, cancelled, denied, disputed, negated); unlisted statuses drop it.",
    )
    shares: tuple[str, ...] = Field(
        default=(),
        description="Relation types of the source the target takes part in, within one article (a companion shares "
        "the meetings of the person they travel with).",
    )
    same_side: bool = Field(
        default=False,
        description="The target acts for the source's country when nothing else says which (a member of a delegation).",
    )

    @field_validator("endpoints")
    @classmethod
    def _known_policy(cls, value: str) -> str:
        return registered(endpoint_policies, value, "endpoints policy")

    def type_for(self, status: EventStatus) -> str | None:
        """The relation type an event with this status is recorded as, or None to drop it."""
        return self.name if status == "asserted" else self.status.get(status)

    def map_endpoint(self, entity: Any) -> str | None:
        return endpoint_policies.get(self.endpoints)(entity)


class RelationTypes(Mapping[str, RelationSpec]):
    """The relation types in use: the built-in ones plus those of a rules file."""

    def __init__(self, specs: Iterable[RelationSpec]):
        self._specs: dict[str, RelationSpec] = {}
        for spec in specs:
            if spec.name in self._specs:
                raise ValueError(f"relation type {spec.name} is declared twice")
            self._specs[spec.name] = spec
        for spec in self._specs.values():
            unknown = sorted((set(spec.status.values()) | set(spec.shares)) - set(self._specs))
            if unknown:
                raise ValueError(f"relation type {spec.name}: names undeclared type {unknown[0]}")

    def __getitem__(self, name: str) -> RelationSpec:
        return self._specs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(name for name, spec in self._specs.items() if spec.symmetric)

    def extended(self, specs: Iterable[RelationSpec]) -> RelationTypes:
        return RelationTypes([*self._specs.values(), *specs])


@lru_cache(maxsize=1)
def builtin_relation_types() -> RelationTypes:
    data = json.loads(resources.files("graphbuild.data").joinpath("relation_types.json").read_text("utf-8"))
    types = RelationTypes(RelationSpec.model_validate(spec) for spec in data["relation_types"])
    if AFFILIATED_WITH not in types:
        raise ValueError(f"relation_types.json must declare {AFFILIATED_WITH}: the resolver creates it")
    return types


#: The graph attribute that records the relation types a rules file declared.
GRAPH_ATTRIBUTE = "relation_types"


def record_relation_types(graph: Any, types: RelationTypes) -> None:
    """Record in graph.graph the relation types that are not built in (nothing when all are)."""
    builtin = builtin_relation_types()
    added = [spec.model_dump(mode="json", exclude_defaults=True) for name, spec in types.items() if name not in builtin]
    if added:
        graph.graph[GRAPH_ATTRIBUTE] = json.dumps(added, ensure_ascii=False, sort_keys=True)


def relation_types_of(graph: Any) -> RelationTypes:
    """The relation types a graph was built with: the built-in ones and those it records."""
    recorded = graph.graph.get(GRAPH_ATTRIBUTE)
    if not isinstance(recorded, str):
        return builtin_relation_types()
    return builtin_relation_types().extended(RelationSpec.model_validate(spec) for spec in json.loads(recorded))
