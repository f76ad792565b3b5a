"""Relations: each event's participants, paired as the relation type says, typed by its status.

For every event the trigger lexicon finds (:mod:`graphbuild.extract.events`):

1. the sense's *theme* must hold ("sent *arms*", not "sent a letter");
2. the participant collector (:mod:`graphbuild.extract.participants`) fills
   the source and target sides;
3. pairs come from the relation type's declaration: every source with every
   target; for a symmetric type with no target named, every pair of sources
   ("X and Y met", "talks between X, Y and Z"); and for a joint event
   ("four-way talks", "walked together") every pair on each side too —
   but never people met one after another ("saw A on Friday and B on
   Sunday", "in two separate phone calls");
4. the status policy (:mod:`graphbuild.extract.status`) says what became of
   the event, and the relation type what that status makes of it.

Companions met on the way become ACCOMPANIED_BY, and a person's body from
the descriptor grammar MEMBER_OF.  Patterns given as spaCy DependencyMatcher
patterns (``dependency_pattern`` in a ``--rules`` file) run beside them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import combinations

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from graphbuild.extract.coordination import group_nouns
from graphbuild.extract.events import Event, TriggerLexicon
from graphbuild.extract.found import Found, Ref
from graphbuild.extract.lexical import Words
from graphbuild.extract.participants import Participants
from graphbuild.extract.status import (
    DEFAULT_STATUS_POLICY,
    revised,
    revisions,
    status_policies,
)
from graphbuild.extract.syntax import kids
from graphbuild.lexicon import (
    APART_WORDS,
    JOINT_WORDS,
    NOT_SUPPORT_THINGS,
    SEQUENCE_WORDS,
    THEME_CLASSES,
)
from graphbuild.relation_types import RelationSpec, RelationTypes
from graphbuild.rules import Pattern, Rules, Theme

#: How sure a companionship or a membership the grammar found is.
_COMPANION_CONFIDENCE = 0.8
_MEMBER_CONFIDENCE = 0.8


@dataclass(frozen=True)
class FoundRelation:
    type: str
    source: Found
    target: Found
    trigger: Token
    confidence: float


class RelationFinder:
    """Finds the relations in one paragraph Doc, given the article's mentions."""

    def __init__(self, rules: Rules, vocab: Vocab, status_policy: str = DEFAULT_STATUS_POLICY):
        self.types = rules.types
        self.lexicon = TriggerLexicon(rules.patterns)
        self.dependency_patterns = DependencyPatterns(rules.patterns, rules.types, vocab)
        self.status = status_policies.get(status_policy)

    def find(
        self, doc: Doc, words: Words, mentions: Iterable[Found], by_ref: Mapping[Ref, Found]
    ) -> list[FoundRelation]:
        """Relations in one paragraph, from its own mentions; ``by_ref`` holds the article's (a "he"
        here may stand for a person named in the paragraph before)."""
        mentions = list(mentions)
        parts = Participants(doc, words, mentions, by_ref)
        events: list[FoundRelation] = []
        for event in self.lexicon.events(doc):
            events += self._event_relations(event, parts)
        events += self.dependency_patterns.find(doc, parts)
        for person in mentions:  # companions that no event asked about ("X flew to Quito with A", "he was joined by A")
            if person.type == "Person" and (leaders := parts.named(person)):
                parts.companions(person.root, leaders)
        for group in group_nouns(doc):  # "X's entourage included A and B"
            parts.members(group)
        typed = self._with_status(events)
        return _dedupe(typed + _companions(parts) + _memberships(mentions, by_ref), self.types.symmetric)

    def _event_relations(self, event: Event, parts: Participants) -> list[FoundRelation]:
        pattern, trigger = event.pattern, event.trigger
        spec = self.types[pattern.relation]
        if pattern.theme is not None and not _theme_holds(trigger, pattern.theme, parts):
            return []
        sources, _ = parts.side(trigger, pattern.source, pattern)
        targets, target_named = parts.side(trigger, pattern.target, pattern)
        pairs = [(s, t) for s in sources for t in targets]
        if spec.symmetric:
            near = _words_of([trigger, *_near(trigger)])
            apart = pattern.apart or bool(near & APART_WORDS)  # "A and B met separately"
            together = (pattern.joint or bool(near & JOINT_WORDS)) and not apart
            if (not target_named or together) and not apart:
                pairs += list(combinations(sources, 2))
            if together and not near & SEQUENCE_WORDS:  # "hosted A and then B": not one group
                pairs += list(combinations(targets, 2))
        return [FoundRelation(spec.name, s, t, trigger, pattern.confidence) for s, t in pairs if _fits(s, t, spec)]

    def _with_status(self, candidates: list[FoundRelation]) -> list[FoundRelation]:
        """Each candidate as the type its event's status makes it (dropped when the type says so); what
        a later sentence says of the event ("no such call took place") has the last word."""
        statuses: dict[int, str] = {}
        later = revisions(candidates[0].trigger.doc) if candidates else []
        out = []
        for rel in candidates:
            if rel.trigger.i not in statuses:
                statuses[rel.trigger.i] = revised(rel.trigger, self.status(rel.trigger), later)
            kind = self.types[rel.type].type_for(statuses[rel.trigger.i])
            if kind is not None:
                out.append(replace(rel, type=kind))
        return out


def _fits(source: Found, target: Found, spec: RelationSpec) -> bool:
    """Two different participants the relation type can join (a person or body stands for its country
    where the type maps endpoints to countries)."""
    if source.ref == target.ref or source.key == target.key and source.type == target.type:
        return False
    if spec.endpoints != "entity":
        return True
    return source.type in spec.source and target.type in spec.target


def _theme_holds(trigger: Token, theme: Theme, parts: Participants) -> bool:
    """The event is about what the sense needs ("shipped *rifles*", "a 90 million *credit*")."""
    for role in theme.roles:
        tokens = [trigger] if role == "trigger" else parts.role(trigger, role, None)
        for token in tokens:
            if any(is_theme_word(t, theme.words) for t in [token, *token.conjuncts]):
                return True
    return False


def is_theme_word(token: Token, words: str) -> bool:
    """A noun of the word class; for support, also an amount of money or a counted thing ("12
    armoured carriers") that is not a letter or a speech, and "crates *of medicine*"."""
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in NOT_SUPPORT_THINGS or lower in NOT_SUPPORT_THINGS:
        return False
    nouns = THEME_CLASSES[words]
    if lemma in nouns or lower in nouns:
        return True
    if any(c.dep_ in {"compound", "amod"} and c.lower_ in nouns for c in kids(token)):
        return True
    if words != "support_things":
        return False
    if token.ent_type_ == "MONEY" or any(
        c.dep_ == "nummod" or c.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"} for c in kids(token)
    ):
        return True
    return any(
        g.lemma_.lower() in nouns
        for p in kids(token)
        if p.dep_ == "prep" and p.lower_ in {"of", "in"}
        for g in kids(p)
        if g.dep_ == "pobj"
    )


def _near(trigger: Token) -> list[Token]:
    """The words that say how an event went: the trigger's modifiers, those of the verb it hangs from,
    and the nouns of phrases on either ("*in two separate phone calls*", "at a *summit* of five")."""
    heads = [trigger] + ([trigger.head] if trigger.head != trigger else [])
    near = [c for h in heads for c in kids(h)]
    near += [g for c in list(near) if c.dep_ == "prep" for g in kids(c) if g.dep_ == "pobj"]
    near += [m for g in list(near) for m in kids(g) if m.dep_ in {"amod", "compound"}]
    return near


def _words_of(tokens: list[Token]) -> set[str]:
    """The tokens' words, with hyphenated ones joined back ("three" "-" "way": "three-way")."""
    words = {t.lower_ for t in tokens}
    for t in tokens:
        doc = t.doc
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
            words.add(f"{t.lower_}-{doc[t.i + 2].lower_}")
    return words


def _companions(parts: Participants) -> list[FoundRelation]:
    return [
        FoundRelation("ACCOMPANIED_BY", lead, member, token, _COMPANION_CONFIDENCE)
        for lead, member, token in parts.companions_seen.values()
    ]


def _memberships(mentions: list[Found], by_ref: Mapping[Ref, Found]) -> list[FoundRelation]:
    """A person and the body the descriptor grammar found they act for ("CIA Director X")."""
    return [
        FoundRelation("MEMBER_OF", m, by_ref[m.organization], m.root, _MEMBER_CONFIDENCE)
        for m in mentions
        if m.type == "Person" and m.organization is not None and m.organization in by_ref and not m.is_reference
    ]


def _dedupe(relations: list[FoundRelation], symmetric: frozenset[str]) -> list[FoundRelation]:
    """Each relation once: the first found, and for a symmetric type in either direction."""
    seen: set[tuple] = set()
    out = []
    for r in relations:
        key = (
            (r.type, *sorted((r.source.ref, r.target.ref)))
            if r.type in symmetric
            else (r.type, r.source.ref, r.target.ref)
        )
        if key not in seen:
            seen.add(key)
            out.append(r)
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
            node = {spec["RIGHT_ID"]: doc[i] for spec, i in zip(pattern.dependency_pattern, token_ids, strict=True)}
            spec = self.types[pattern.relation]
            sources = parts.stands_for(node["source"], pattern.source.match)
            targets = parts.stands_for(node["target"], pattern.target.match)
            out += [
                FoundRelation(spec.name, s, t, node["trigger"], pattern.confidence)
                for s in sources
                for t in targets
                if _fits(s, t, spec)
            ]
        return out
