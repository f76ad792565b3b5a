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

The built-in patterns are the trigger lexicon, ``graphbuild/data/events.json``; a
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

import catalogue
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graphbuild.errors import ConfigError, validation_message
from graphbuild.inputs import InputFileError, read_input
from graphbuild.relation_types import RelationSpec, RelationTypes, builtin_relation_types

#: Where a participant stands (graphbuild/extract/participants.py reads each): the doer, the one acted
#: on, "X's", "by X", the indirect object, a country modifying a noun ("Canadian aid"), the doer of the
#: verb a noun hangs from ("X held *talks*") and its other arguments, the noun a participle describes
#: ("Y's X-backed *government*"), the country before the hyphen of such a participle, the subject of
#: the clause a phrase stands in, who a descriptive noun is about ("X is *one of Y's backers*"), the
#: doer of a verb of getting or using that governs a noun ("X, *using* Y's assistance"), and
#: the object of a preposition on the trigger ("prep:with") or of a trigger that is a preposition
#: itself ("pobj": "spoke *alongside* Y").
ROLES = (
    "subject object possessor agent dative modifier governor governor-other described hyphen-prefix object-modifier "
    "clause-subject referent receiver pobj"
).split()
ROLE_PATTERN = rf"^({'|'.join(ROLES)}|prep:[a-z]+)$"
THEME_ROLE_PATTERN = r"^(trigger|object|modifier|described|prep:[a-z]+)$"

#: Edge types graphbuild itself gives (an entity's mentions in an article; the co-mentioned view):
#: a relation type of that name would be read as provenance, not as knowledge.
RESERVED_TYPES = frozenset({"MENTIONED_IN", "CO_MENTIONED"})


class RulesError(ConfigError, ValueError):
    """A rules file that cannot be used; the message is one line naming the file and the problem."""


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(Record):
    """The word that starts an event: any inflection of a lemma ("threatens", "threatened"), or any
    word of a named entity of one label ("MONEY": "$61 billion for Ukraine")."""

    lemmas: tuple[str, ...] = ()
    forms: tuple[str, ...] = Field(
        default=(), description="Irregular forms the regular inflections miss ('sold', 'flew')."
    )
    pos: tuple[str, ...] = ("VERB",)
    entity: str | None = Field(default=None, description="A spaCy entity label whose root word is the trigger.")
    not_particles: tuple[str, ...] = Field(
        default=(), description="Particles that make the verb another one ('call off')."
    )
    passive: bool = Field(
        default=False, description="Only the passive voice opens the event ('X was joined by Y in Doha')."
    )
    not_infinitive: bool = Field(
        default=False,
        description="A 'to' infinitive is the purpose of another event ('met Y to discuss trade'), not one of its own.",
    )

    @model_validator(mode="after")
    def _lemmas_or_entity(self) -> Trigger:
        if not self.lemmas and not self.forms and self.entity is None:
            raise ValueError("a trigger needs lemmas, forms or an entity label")
        return self

    @field_validator("lemmas", "forms")
    @classmethod
    def _lower(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.strip().lower() for w in words if w.strip())


class Side(Record):
    """Where one participant stands."""

    roles: tuple[str, ...] = Field(default=(), description="Grammatical roles tried in order.")
    match: Literal["actor", "head", "person", "beneficiary"] = Field(
        default="actor",
        description="actor: the entity the phrase names or a country modifying it; head: only what its head names; "
        "person: people only, with the groups, companions and references that stand for them; beneficiary: "
        "an actor, or the country a state body, a project or a bid belongs to ('Romania's air force', "
        "'a centre in Benin').",
    )

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
                raise ValueError(f"unknown role {role!r}; use {', '.join(ROLES)} or prep:WORD")
        return roles


class Theme(Record):
    """What the event must be about: "sent *arms*", not "sent a letter"."""

    roles: tuple[str, ...] = Field(
        min_length=1,
        description='Where the theme stands: trigger (a noun trigger itself), object, modifier ("*arms* sales"), '
        'described ("X-supplied *rifles*") or prep:WORD.',
    )
    words: str = Field(description="A word class of graphbuild/data/words.json (e.g. support_things).")

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, roles: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for role in roles:
            if not re.match(THEME_ROLE_PATTERN, role):
                raise ValueError(f"unknown theme role {role!r}; use trigger, object, modifier, described or prep:WORD")
        return roles

    @field_validator("words")
    @classmethod
    def _known_class(cls, words: str) -> str:
        from graphbuild.lexicon import THEME_CLASSES

        if words not in THEME_CLASSES:
            raise ValueError(f"unknown word class {words!r}; known: {', '.join(sorted(THEME_CLASSES))}")
        return words


class Pattern(Record):
    """One trigger pattern for one relation type."""

    name: str = Field(min_length=1)
    relation: str
    about: str = Field(default="", description="Examples of the construction, for readers.")
    trigger: Trigger | None = None
    source: Side = Side(roles=("subject",))
    target: Side = Side(roles=("object",))
    confidence: float = Field(default=0.7, ge=0.0, le=1.0)
    theme: Theme | None = Field(default=None, description="What the event must be about ('sent *arms*').")
    requires: tuple[str, ...] = Field(
        default=(), description="Words one of which must modify the trigger ('together', 'joint')."
    )
    joint: bool = Field(
        default=False, description="Everyone named on one side took part together: every pair (a three-way call)."
    )
    apart: bool = Field(
        default=False, description="The doers act each on their own: 'visits by A and B' do not pair A with B."
    )
    governors: tuple[str, ...] = Field(
        default=(),
        description="Verbs through which a noun trigger takes its doer ('*held* talks', '*hosted* a dinner').",
    )
    under: str | None = Field(default=None, description="A preposition the trigger must hang from ('in support of').")
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


class ExtractionChoice(Record):
    """Which extraction mechanisms run, by the names they are registered under (nothing given: the
    built-in choice). Checked against the registries when an extractor is made."""

    passes: tuple[str, ...] | None = Field(
        default=None, description="The mention passes, in order (see graphbuild.extract.mentions)."
    )
    status_policy: str | None = Field(default=None, description="The status policy (see graphbuild.extract.status).")


class RuleSet(Record):
    """Relation types and patterns, as read from a rules file (or the built-in data), and which
    extraction mechanisms run."""

    relation_types: tuple[RelationSpec, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    extraction: ExtractionChoice = ExtractionChoice()

    @field_validator("relation_types")
    @classmethod
    def _not_reserved(cls, specs: tuple[RelationSpec, ...]) -> tuple[RelationSpec, ...]:
        for spec in specs:
            if spec.name in RESERVED_TYPES:
                raise ValueError(
                    f"{spec.name} is the name of an edge graphbuild draws itself; give your relation type another name"
                )
        return specs


#: Rule sets plugins contribute: a package registers a function returning a :class:`RuleSet` in the
#: entry point group ``graphbuild_rule_sets`` (or here with ``@rule_sets.register("name")``), and
#: every build uses its relation types and trigger senses beside the built-in ones.
rule_sets = catalogue.create("graphbuild", "rule_sets", entry_points=True)


class Rules:
    """The rules in use: built-in relation types and patterns, those of registered plugins, plus a
    user's rule set."""

    def __init__(self, user: RuleSet | None = None):
        builtin = builtin_patterns()
        plugins = [make() for _, make in sorted(rule_sets.get_all().items())]
        self.user = user or RuleSet()
        added = [spec for ruleset in [*plugins, self.user] for spec in ruleset.relation_types]
        self.types: RelationTypes = builtin_relation_types().extended(added)
        self.patterns: tuple[Pattern, ...] = (
            builtin.patterns + tuple(p for r in plugins for p in r.patterns) + self.user.patterns
        )
        for pattern in self.patterns:
            if pattern.relation not in self.types:
                raise ValueError(
                    f"pattern {pattern.name!r} is for relation type {pattern.relation}, which is not declared"
                )

    def __reduce__(self):  # pickled for worker processes: only the user's part travels
        return (Rules, (self.user,))


@lru_cache(maxsize=1)
def builtin_patterns() -> RuleSet:
    data = json.loads(resources.files("graphbuild.data").joinpath("events.json").read_text("utf-8"))
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
        rules = Rules(RuleSet.model_validate({k: v for k, v in data.items() if not k.startswith("_")}))
    except ValidationError as exc:
        raise RulesError(f"{path}: {validation_message(exc)}") from None
    except ValueError as exc:
        raise RulesError(f"{path}: {exc}") from None
    return rules
