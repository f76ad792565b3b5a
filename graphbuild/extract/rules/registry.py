"""The registry of relation rules written in code, and what every rule returns.

A rule is a class with a ``relation`` (the relation type it finds, before
the event's status is applied), ``matches(token)`` (is this a trigger?) and
``find(trigger, participants)``::

    @relation_rules.register("my_rule")
    class MyRule:
        relation = "MET_WITH"
        pos = frozenset({"VERB"})
        def matches(self, token) -> bool: ...
        def find(self, trigger, participants) -> list[FoundRelation]: ...

Rules that are a trigger word and two grammatical roles are data instead
(``graphbuild/data/relation_patterns.json``, see :mod:`graphbuild.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import catalogue
from spacy.tokens import Token

from graphbuild.extract.found import Found
from graphbuild.extract.rules.participants import Participants

relation_rules = catalogue.create("graphbuild", "relation_rules", entry_points=False)


@dataclass(frozen=True)
class FoundRelation:
    type: str
    source: Found
    target: Found
    trigger: Token
    confidence: float


class RelationRule(Protocol):
    relation: str
    #: The parts of speech a trigger can have (None: any), checked by the finder before
    #: ``matches``, which need not check them again.
    pos: frozenset[str] | None

    def matches(self, token: Token) -> bool: ...

    def find(self, trigger: Token, participants: Participants) -> list[FoundRelation]: ...
