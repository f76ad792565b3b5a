"""Rules from data: trigger patterns (graphbuild/data/relation_patterns.json and --rules files).

A :class:`PatternRule` matches a trigger word in any regular inflection and
reads the two participants off grammatical roles, with the active/passive
alternation built in ("Y was sanctioned by X" is "X sanctioned Y").  A
pattern given as a spaCy ``dependency_pattern`` runs through spaCy's
``DependencyMatcher`` instead (:class:`DependencyPatterns`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from graphbuild.extract.found import Found
from graphbuild.extract.rules.participants import Participants, may_be_person
from graphbuild.extract.rules.registry import FoundRelation
from graphbuild.extract.syntax import agents, children, is_passive, prep_objects, subjects
from graphbuild.relation_types import RelationSpec, RelationTypes
from graphbuild.rules import Pattern, Side

_DOUBLING = re.compile(r"[^aeiou][aeiou][bdgklmnprt]$")


def inflections(lemma: str) -> set[str]:
    """The regular inflections of an English verb or noun ("threaten" -> threatens, threatened, threatening)."""
    stems = {lemma}
    if _DOUBLING.search(lemma):
        stems.add(lemma + lemma[-1])  # ban -> bann(ed)
    forms = {lemma}
    for stem in stems:
        if stem.endswith("e"):
            forms |= {stem + "s", stem + "d", stem[:-1] + "ing"}
        elif re.search(r"[^aeiou]y$", stem):
            forms |= {stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
        elif re.search(r"(s|x|z|ch|sh)$", stem):
            forms |= {stem + "es", stem + "ed", stem + "ing"}
        else:
            forms |= {stem + "s", stem + "ed", stem + "ing"}
    return forms


class PatternRule:
    """One trigger pattern with participants by role."""

    def __init__(self, pattern: Pattern, spec: RelationSpec):
        assert pattern.trigger is not None
        self.name = pattern.name
        self.relation = pattern.relation
        self.pattern = pattern
        self.spec = spec
        self.lemmas = frozenset(pattern.trigger.lemmas)
        self.forms = frozenset(pattern.trigger.forms).union(*(inflections(lemma) for lemma in self.lemmas))
        self.pos = frozenset(pattern.trigger.pos)

    def matches(self, token: Token) -> bool:
        return token.pos_ in self.pos and (token.lemma_.lower() in self.lemmas or token.lower_ in self.forms)

    def find(self, trigger: Token, parts: Participants) -> list[FoundRelation]:
        sources = participants(self.pattern.source, [t for role in self.pattern.source.roles for t in role_tokens(trigger, role)], parts)
        targets = participants(self.pattern.target, [t for role in self.pattern.target.roles for t in role_tokens(trigger, role)], parts)
        return relations(self.spec, sources, targets, trigger, self.pattern.confidence)


def relations(spec: RelationSpec, sources: list[Found], targets: list[Found], trigger: Token, confidence: float) -> list[FoundRelation]:
    """Every source with every target, where the relation type can join them."""
    return [
        FoundRelation(spec.name, s, t, trigger, confidence)
        for s in sources
        if fits(s, spec.source, spec)
        for t in targets
        if fits(t, spec.target, spec) and s.ref != t.ref
    ]


def fits(m: Found, types: tuple[str, ...], spec: RelationSpec) -> bool:
    """Can the resolver make this mention an endpoint of the relation type?  A person or organization
    stands for its country where the type maps endpoints to countries; an ORG span shaped like a
    personal name may still turn out a person."""
    return spec.endpoints != "entity" or m.type in types or ("Person" in types and may_be_person(m))


def role_tokens(trigger: Token, role: str) -> list[Token]:
    """The heads of the phrases that fill a grammatical role of the trigger."""
    passive = is_passive(trigger)
    participle = passive and trigger.dep_ in {"acl", "relcl"} and not children(trigger, {"nsubjpass"})
    if role == "subject":
        if trigger.dep_ == "amod":  # "Chinese-backed": a participle used as an adjective has no subject
            return []
        return agents(trigger) if passive else subjects(trigger)
    if role == "object":
        if participle:  # "the envoy *received* by the king": the noun it describes
            return [trigger.head]
        return children(trigger, {"nsubjpass"}) if passive else children(trigger, {"dobj"})
    if role == "possessor":
        return children(trigger, {"poss"})
    if role == "agent":
        return agents(trigger)
    preposition = role.split(":", 1)[1]
    return prep_objects(trigger, (preposition,)) + [g for o in children(trigger, {"dobj"}) for g in prep_objects(o, (preposition,))]


def participants(side: Side, tokens: Iterable[Token], parts: Participants) -> list[Found]:
    """The mentions the role tokens stand for, by the side's match mode, conjuncts included."""
    out: list[Found] = []
    for token in tokens:
        if side.match == "head":
            found = parts.heads(token)
        else:
            found = [a for u in [token, *token.conjuncts] if (a := parts.actor(u)) is not None]
        out += [m for m in found if m not in out]
    return out


class DependencyPatterns:
    """The patterns given as spaCy DependencyMatcher patterns, matched in one pass per Doc."""

    def __init__(self, patterns: Iterable[Pattern], types: RelationTypes, vocab: Vocab):
        self.types = types
        self.patterns = {p.name: p for p in patterns if p.dependency_pattern is not None}
        self.matcher = DependencyMatcher(vocab, validate=True)
        for name, pattern in self.patterns.items():
            self.matcher.add(name, [list(pattern.dependency_pattern)])

    def find(self, doc: Doc, parts: Participants) -> list[FoundRelation]:
        if not self.patterns:
            return []
        out = []
        for match_id, token_ids in self.matcher(doc):
            pattern = self.patterns[doc.vocab.strings[match_id]]
            node = {spec["RIGHT_ID"]: doc[i] for spec, i in zip(pattern.dependency_pattern, token_ids)}
            sources = participants(pattern.source, [node["source"]], parts)
            targets = participants(pattern.target, [node["target"]], parts)
            out += relations(self.types[pattern.relation], sources, targets, node["trigger"], pattern.confidence)
        return out
