"""Trigger patterns and the ``--rules`` file: relation types and patterns as data.

A pattern says which word starts an event (its lemmas, and the parts of
speech it may have) and where its two participants stand in the sentence,
by grammatical role::

    {"name": "threatens", "relation": "THREATENED",
     "trigger": {"lemmas": ["threaten"], "pos": ["VERB"]},
     "source": "subject", "target": "object"}

Roles: ``subject`` (the doer; the agent of a passive: "X was threatened by
Y"), ``object`` (the one acted on; the subject of a passive),
``possessor`` ("Y's visit"), ``agent`` ("by Y") and ``prep:WORD`` (the object
of a preposition on the trigger or its object: "signed a deal with Y").  A
side lists one role or several; ``"match": "head"`` takes only the entity
the phrase's head names ("visited Japan"), the default ``actor`` also a
person in apposition or a country modifying a common noun ("Chinese
officials").  Instead of roles a pattern may give a spaCy DependencyMatcher
``dependency_pattern`` whose nodes ``trigger``, ``source`` and ``target`` are
the event and its participants.

The built-in patterns are ``graphbuild/data/relation_patterns.json``; a
rules file (``graphbuild build --rules FILE``) adds relation types and
patterns in the same form.  A rules file is a regular JSON file of at most
10 MB nested at most 100 levels (checked before parsing, see
:mod:`graphbuild.inputs`); its relation types may not take the names of the
edges graphbuild draws itself (:data:`RESERVED_TYPES`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graphbuild.inputs import InputFileError, read_input
from graphbuild.relation_types import RelationSpec, RelationTypes, builtin_relation_types

ROLE_PATTERN = r"^(subject|object|possessor|agent|prep:[a-z]+)$"

#: Edge types graphbuild itself gives (an entity's mentions in an article; the co-mentioned view):
#: a relation type of that name would be read as provenance, not as knowledge.
RESERVED_TYPES = frozenset({"MENTIONED_IN", "CO_MENTIONED"})


class RulesError(ValueError):
    """A rules file that cannot be used; the message is one line naming the file and the problem."""


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(Record):
    """The word that starts an event: any inflection of a lemma ("threatens", "threatened")."""

    lemmas: tuple[str, ...] = Field(min_length=1)
    forms: tuple[str, ...] = Field(default=(), description="Irregular forms the regular inflections miss ('sold', 'flew').")
    pos: tuple[str, ...] = ("VERB",)

    @field_validator("lemmas", "forms")
    @classmethod
    def _lower(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.strip().lower() for w in words if w.strip())


class Side(Record):
    """Where one participant stands."""

    roles: tuple[str, ...] = Field(default=(), description="Grammatical roles tried in order.")
    match: Literal["actor", "head"] = "actor"

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"roles": [value]}
        if isinstance(value, list):
            return {"roles": value}
        return value

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, roles: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for role in roles:
            if not re.match(ROLE_PATTERN, role):
                raise ValueError(f"unknown role {role!r}; use subject, object, possessor, agent or prep:WORD")
        return roles


class Pattern(Record):
    """One trigger pattern for one relation type."""

    name: str = Field(min_length=1)
    relation: str
    trigger: Trigger | None = None
    source: Side = Side(roles=("subject",))
    target: Side = Side(roles=("object",))
    confidence: float = Field(default=0.7, ge=0.0, le=1.0)
    dependency_pattern: tuple[dict[str, Any], ...] | None = Field(
        default=None, description="A spaCy DependencyMatcher pattern with nodes 'trigger', 'source' and 'target'."
    )

    @model_validator(mode="after")
    def _trigger_or_dependency_pattern(self) -> Pattern:
        if (self.trigger is None) == (self.dependency_pattern is None):
            raise ValueError("give either 'trigger' (with roles) or 'dependency_pattern'")
        if self.dependency_pattern is not None:
            ids = {node.get("RIGHT_ID") for node in self.dependency_pattern}
            missing = sorted({"trigger", "source", "target"} - ids)
            if missing:
                raise ValueError(f"dependency_pattern has no node {missing[0]!r} (RIGHT_ID)")
            _check_dependency_pattern(list(self.dependency_pattern))
        return self


def _check_dependency_pattern(pattern: list[dict[str, Any]]) -> None:
    """spaCy's own validation of a DependencyMatcher pattern, as a one-line ValueError."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    try:
        DependencyMatcher(Vocab(), validate=True).add("check", [pattern])
    except ValueError as exc:
        raise ValueError("invalid dependency_pattern: " + " ".join(str(exc).split())[:300]) from None


class RuleSet(Record):
    """Relation types and patterns, as read from a rules file (or the built-in data)."""

    relation_types: tuple[RelationSpec, ...] = ()
    patterns: tuple[Pattern, ...] = ()

    @field_validator("relation_types")
    @classmethod
    def _not_reserved(cls, specs: tuple[RelationSpec, ...]) -> tuple[RelationSpec, ...]:
        for spec in specs:
            if spec.name in RESERVED_TYPES:
                raise ValueError(f"{spec.name} is the name of an edge graphbuild draws itself; give your relation type another name")
        return specs


class Rules:
    """The rules in use: built-in relation types and patterns, plus a user's rule set."""

    def __init__(self, user: RuleSet | None = None):
        builtin = builtin_patterns()
        self.user = user or RuleSet()
        self.types: RelationTypes = builtin_relation_types().extended(self.user.relation_types)
        self.patterns: tuple[Pattern, ...] = builtin.patterns + self.user.patterns
        for pattern in self.patterns:
            if pattern.relation not in self.types:
                raise ValueError(f"pattern {pattern.name!r} is for relation type {pattern.relation}, which is not declared")

    def __reduce__(self):  # pickled for worker processes: only the user's part travels
        return (Rules, (self.user,))


@lru_cache(maxsize=1)
def builtin_patterns() -> RuleSet:
    data = json.loads(resources.files("graphbuild.data").joinpath("relation_patterns.json").read_text("utf-8"))
    return RuleSet(patterns=tuple(Pattern.model_validate(p) for p in data["patterns"]))


def load_rules(path: str | Path) -> Rules:
    """The built-in rules plus those of a JSON rules file; :class:`RulesError` (one line) if it is unusable."""
    path = Path(path)
    try:
        data = json.loads(read_input(path, "rules file", syntax="json"))
    except InputFileError as exc:
        raise RulesError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise RulesError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except ValueError as exc:  # a number too long to read
        raise RulesError(f"{path}: unreadable JSON: {str(exc).split(';')[0]}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: a rules file is a JSON object with 'relation_types' and/or 'patterns'")
    try:
        return Rules(RuleSet.model_validate({k: v for k, v in data.items() if not k.startswith("_")}))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise RulesError(f"{path}: {where}: {error['msg'].removeprefix('Value error, ')}") from None
    except ValueError as exc:
        raise RulesError(f"{path}: {exc}") from None
