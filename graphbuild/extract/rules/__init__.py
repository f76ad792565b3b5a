"""Read relations off the dependency parse.

Each rule starts from a trigger word, finds the participants through
grammatical relations (:mod:`graphbuild.extract.syntax`), and returns
candidate relations; then one shared policy (:mod:`graphbuild.extract.status`)
reads the words governing the trigger, and the relation type's spec says
what a refused, planned or negated event becomes ("China rejected a meeting
requested by X with Y" is MEETING_REFUSED, "X is expected to meet Y"
MEETING_PLANNED).

Rules come from two places: code rules registered in ``relation_rules``
(meetings, support nouns, money "for" a country) and data patterns
(:mod:`graphbuild.rules`: the built-in ones and those of a --rules file).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphbuild.extract.found import Found, Ref
from graphbuild.extract.rules import companions, meetings, support  # noqa: F401 - they register the rules
from graphbuild.extract.rules.participants import Participants
from graphbuild.extract.rules.patterns import DependencyPatterns, PatternRule
from graphbuild.extract.rules.registry import FoundRelation, RelationRule, relation_rules
from graphbuild.extract.status import DEFAULT_STATUS_POLICY, status_policies
from graphbuild.rules import Rules

__all__ = ["DEFAULT_RULES", "FoundRelation", "RelationFinder", "RelationRule", "relation_rules"]

DEFAULT_RULES: tuple[str, ...] = ("meeting_verb", "meeting_noun", "support_noun", "dependence", "money_for", "companions")


class RelationFinder:
    """Finds the relations in one paragraph Doc, given the article's mentions."""

    def __init__(self, rules: Rules, vocab: Vocab, code_rules: Sequence[str] = DEFAULT_RULES, status_policy: str = DEFAULT_STATUS_POLICY):
        self.types = rules.types
        self.rules: list[RelationRule] = [relation_rules.get(name)() for name in code_rules]
        # Patterns are looked up by their trigger words: most tokens trigger none of them.
        self.patterns_by_word: dict[str, list[PatternRule]] = defaultdict(list)
        for pattern in rules.patterns:
            if pattern.trigger is not None:
                rule = PatternRule(pattern, rules.types[pattern.relation])
                for word in rule.lemmas | rule.forms:
                    self.patterns_by_word[word].append(rule)
        self.dependency_patterns = DependencyPatterns(rules.patterns, rules.types, vocab)
        self.status = status_policies.get(status_policy)

    def find(self, doc: Doc, mentions: Iterable[Found], by_ref: Mapping[Ref, Found]) -> list[FoundRelation]:
        """Relations in one paragraph, from its own mentions; ``by_ref`` holds the article's (a "he"
        here may stand for a person named in the paragraph before)."""
        parts = Participants(doc, mentions, by_ref)
        candidates: list[FoundRelation] = []
        for token in doc:
            pos = token.pos_
            for rule in self.rules:
                if (rule.pos is None or pos in rule.pos) and rule.matches(token):
                    candidates += rule.find(token, parts)
            patterns = self.patterns_by_word.get(token.lemma_.lower(), []) + self.patterns_by_word.get(token.lower_, [])
            for rule in dict.fromkeys(patterns):
                if rule.matches(token):
                    candidates += rule.find(token, parts)
        candidates += self.dependency_patterns.find(doc, parts)
        return _dedupe(self._with_status(candidates))

    def _with_status(self, candidates: list[FoundRelation]) -> list[FoundRelation]:
        """Each candidate as the type its event's status makes it (dropped when the type says so)."""
        statuses: dict[int, str] = {}
        out = []
        for rel in candidates:
            if rel.trigger.i not in statuses:
                statuses[rel.trigger.i] = self.status(rel.trigger)
            kind = self.types[rel.type].type_for(statuses[rel.trigger.i])
            if kind is not None:
                out.append(replace(rel, type=kind))
        return out


def _dedupe(relations: list[FoundRelation]) -> list[FoundRelation]:
    seen: set[tuple] = set()
    out = []
    for r in relations:
        key = (r.type, r.source.ref, r.target.ref)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
