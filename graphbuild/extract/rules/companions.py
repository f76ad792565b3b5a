"""Companions: who travels with whom, and the meetings they share.

"X is accompanied by A and B", "X, accompanied by A, met Y", "X's
entourage included A and B", "the delegation led by X included A": A and
B are in X's party (ACCOMPANIED_BY).  The relation type says they share
X's meetings (``"shares": ["MET_WITH"]``), which the resolver applies.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.found import Found
from graphbuild.extract.rules.participants import Participants
from graphbuild.extract.rules.registry import FoundRelation, relation_rules
from graphbuild.extract.syntax import INCLUDING, VERB_POS, agents, children
from graphbuild.lexicon import GROUP_NOUNS, RELATIVE_PRONOUNS

CONFIDENCE = {"companion": 0.8}
_TRIGGER_VERBS = frozenset({"accompany", *INCLUDING})


@relation_rules.register("companions")
class Companions:
    relation = "ACCOMPANIED_BY"
    pos = VERB_POS

    def matches(self, token: Token) -> bool:
        return token.lemma_.lower() in _TRIGGER_VERBS

    def find(self, verb: Token, parts: Participants) -> list[FoundRelation]:
        if verb.lemma_.lower() == "accompany":
            leaders, members = self._accompanied(verb, parts)
        else:
            leaders, members = self._included(verb, parts)
        return [FoundRelation(self.relation, lead, m, verb, CONFIDENCE["companion"]) for lead in leaders for m in members if m.ref != lead.ref]

    @staticmethod
    def _accompanied(verb: Token, parts: Participants) -> tuple[list[Found], list[Found]]:
        if verb.tag_ == "VBN":  # "X is accompanied by A", "X, accompanied by A, ..."
            members = [p for a in agents(verb) for p in parts.people(a)]
            led = children(verb, {"nsubjpass"}) or ([verb.head] if verb.dep_ in {"acl", "advcl", "relcl"} else [])
            if verb.dep_ == "relcl" and all(t.lower_ in RELATIVE_PRONOUNS for t in led):
                led = [verb.head]  # "X, who was accompanied by A, ..."
            if verb.dep_ == "advcl" and not children(verb, {"nsubjpass"}):
                led = children(verb.head, {"nsubj"})
            return [p for t in led for p in parts.people(t)], members
        return [p for t in children(verb, {"dobj"}) for p in parts.people(t)], [p for t in children(verb, {"nsubj"}) for p in parts.people(t)]

    @staticmethod
    def _included(verb: Token, parts: Participants) -> tuple[list[Found], list[Found]]:
        """"X's entourage included A and B", "the delegation, led by X, included A"."""
        groups = [s for s in children(verb, {"nsubj"}) if s.lemma_.lower() in GROUP_NOUNS]
        leaders = [p for g in groups for c in children(g, {"poss"}) for p in parts.people(c)]
        leaders += [p for g in groups for c in children(g, {"acl"}) if c.tag_ == "VBN" for a in agents(c) for p in parts.people(a)]
        return leaders, [p for t in children(verb, {"dobj"}) for p in parts.people(t)]
