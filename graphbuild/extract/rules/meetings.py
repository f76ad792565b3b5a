"""Meetings: who met, talked or spoke with whom, from meeting verbs and meeting nouns.

These need more than two roles — "X and Y met" pairs the subjects, "talks
between X and Y" the objects of "between", "X held talks with Y" reads the
noun's verb — so they are rules in code.  Whether the meeting happened is
decided afterwards, once for every rule (:mod:`graphbuild.extract.status`).
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Token

from graphbuild.extract.found import Found
from graphbuild.extract.rules.participants import Participants, may_be_person
from graphbuild.extract.rules.registry import FoundRelation, relation_rules
from graphbuild.extract.syntax import NOUN_POS, OBJECT_DEPS, VERB_POS, agents, children, governing_verb, has_prep, prep_objects, subjects
from graphbuild.lexicon import CONTACT_VERBS, DISCUSSION_VERBS, SEQUENCE_ADVERBS, MEETING_COMPOUND_MODIFIERS, MEETING_COMPOUND_NOUNS, MEETING_NOUNS, MEETING_VERBS

#: How sure each construction is that the two people met.
CONFIDENCE = {
    "verb": 0.9,  # "X met Y", "X spoke with Y"
    "between": 0.85,  # "talks between X and Y"
    "possessor": 0.85,  # "X's phone call with Y"
    "participle_agent": 0.75,  # "a meeting requested by X with Y"
    "noun_with": 0.75,  # "X held talks with Y"
    "noun_and_verb_object": 0.7,  # "X told Y in a meeting"
    "coordinated_subjects": 0.7,  # "X and Y held talks"
    "their": 0.6,  # "X and Y ... their meeting"
    "same_side_other_country": 0.6,  # "X hosted the French president and the Polish prime minister"
    "contact": 0.8,  # "X called Y", "X told Y that ..."
}
#: What a meeting verb's lemma is: met, spoke with, or contacted (called, told, wrote to).
_TRIGGER_VERBS = MEETING_VERBS | CONTACT_VERBS
_WITH = ("with", "to")
_BETWEEN = ("between", "among")


def meetings(trigger: Token, side_a: list[Found], side_b: list[Found], confidence: float) -> list[FoundRelation]:
    """Every person of side_a with every person of side_b; with no side_b, every pair of side_a.

    People on one side who act for different countries were at the meeting together: "X hosted
    the French president and the Polish prime minister" is a meeting of all three."""
    pairs = [(a, b) for a in side_a for b in side_b] if side_b else list(combinations(side_a, 2))
    found = [FoundRelation("MET_WITH", a, b, trigger, confidence) for a, b in pairs if a is not b and a.key != b.key]
    if side_b and not _one_after_another(trigger, side_b):
        together = [(a, b) for side in (side_a, side_b) for a, b in combinations(side, 2) if a.country and b.country and a.country != b.country]
        found += [FoundRelation("MET_WITH", a, b, trigger, CONFIDENCE["same_side_other_country"]) for a, b in together]
    return found


@relation_rules.register("meeting_verb")
class MeetingVerb:
    """"X met Y", "X spoke with Y", "X was received by Y", "X and Y discussed trade"."""

    relation = "MET_WITH"
    pos = VERB_POS

    def matches(self, token: Token) -> bool:
        return token.lemma_.lower() in _TRIGGER_VERBS

    def find(self, verb: Token, parts: Participants) -> list[FoundRelation]:
        lemma = verb.lemma_.lower()
        if lemma in CONTACT_VERBS:
            return self._contact(verb, parts)
        doers = [p for s in subjects(verb) for p in parts.people(s)]
        if verb.dep_ == "xcomp" and not doers:  # "asked Y to meet X"
            doers = [p for c in children(verb.head, {"dobj", "nsubj"}) for p in parts.people(c)]
        if verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:  # "a delegation received by Y"
            doers = [p for a in agents(verb) for p in parts.people(a)]
        object_tokens = children(verb, OBJECT_DEPS) + prep_objects(verb, _WITH)
        if verb.tag_ == "VBN":
            object_tokens += agents(verb)
        others = [p for t in object_tokens for p in parts.people(t)]
        has_object_phrase = bool(children(verb, OBJECT_DEPS)) or has_prep(verb, _WITH)
        if lemma in DISCUSSION_VERBS:
            if not others and len(doers) < 2:
                return []  # "X discussed trade": one person alone
        elif has_object_phrase and not others:
            return []  # "X and Y met with their counterparts": the other side is not named
        if lemma == "visit" and not others:
            return []  # a visit to a place, not a person
        return meetings(verb, doers, others, CONFIDENCE["verb"])


    def _contact(self, verb: Token, parts: Participants) -> list[FoundRelation]:
        """"X called Y", "X told Y that ...", "Y was welcomed by X": a person object is required, and
        "X called Y a liar" (an object complement) is no call."""
        if verb.lemma_.lower() == "call" and (children(verb, {"prt"}) or children(verb, {"dobj"}) and children(verb, {"oprd", "xcomp"})):
            return []  # "called off", "called X a liar"
        if verb.tag_ == "VBN" and children(verb, {"nsubjpass"}):
            doers = [p for a in agents(verb) for p in parts.people(a)]
            others = [p for c in children(verb, {"nsubjpass"}) for p in parts.people(c)]
        else:
            doers = [p for s in subjects(verb) for p in parts.people(s)]
            others = [p for c in children(verb, {"dobj", "dative", "oprd"}) for p in parts.people(c)]
        return meetings(verb, doers, others, CONFIDENCE["contact"]) if others else []


@relation_rules.register("meeting_noun")
class MeetingNoun:
    """"talks between X and Y", "X's call with Y", "X held talks with Y", "their meeting"."""

    relation = "MET_WITH"
    pos = NOUN_POS

    def matches(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma == "visit":
            return False  # a visit is a VISITED pattern; a visit to a person is a meeting verb's
        if lemma in MEETING_COMPOUND_NOUNS or lemma == "call":  # "video link", "phone call", "calls"
            modifiers = {c.lower_ for c in children(token, {"compound", "amod", "nmod"})}
            return bool(modifiers & MEETING_COMPOUND_MODIFIERS) or (lemma == "call" and token.lower_ in {"call", "calls"})
        return lemma in MEETING_NOUNS or token.lower_ in MEETING_NOUNS

    def find(self, noun: Token, parts: Participants) -> list[FoundRelation]:
        with_people = [p for g in prep_objects(noun, _WITH) for p in parts.people(g)]
        between = [p for g in prep_objects(noun, _BETWEEN) for p in parts.people(g)]
        owners = [p for c in children(noun, {"poss"}) for p in parts.people(c)]
        if between:  # "a meeting between A, B and C with D": all of them, however the list was parsed
            listed, with_people = _between_and_with(noun, parts, with_people)
            return meetings(noun, listed, [], CONFIDENCE["between"]) + meetings(noun, listed, with_people, CONFIDENCE["between"])
        if any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
            return meetings(noun, _nearest_pair(noun, parts), [], CONFIDENCE["their"])
        if owners:
            return meetings(noun, owners, with_people, CONFIDENCE["possessor"])
        verb = governing_verb(noun)
        if verb is None:
            return []
        for participle in children(noun, {"acl"}):  # "a meeting requested by X with Y"
            requesters = [p for a in agents(participle) for p in parts.people(a)]
            if requesters:
                others = [p for g in prep_objects(participle, ("with",)) for p in parts.people(g)]
                return meetings(noun, requesters, others + with_people, CONFIDENCE["participle_agent"])
        doers = [p for s in subjects(verb) for p in parts.people(s)]
        if verb.tag_ == "VBN" and children(verb, {"nsubjpass"}):
            objects = [p for a in agents(verb) for p in parts.people(a)]
        else:
            objects = [p for c in children(verb, OBJECT_DEPS) if c.i != noun.i for p in parts.people(c)]
        objects += [p for g in prep_objects(verb, ("with",)) for p in parts.people(g)]
        if with_people:
            return meetings(noun, doers, with_people, CONFIDENCE["noun_with"])
        if objects and noun.dep_ in {"pobj", "dobj"}:
            return meetings(noun, doers, objects, CONFIDENCE["noun_and_verb_object"])
        if len(doers) >= 2 and noun.dep_ == "dobj" and not has_prep(noun, ("with",)):
            return meetings(noun, doers, [], CONFIDENCE["coordinated_subjects"])
        return []


def _one_after_another(trigger: Token, people: list[Found]) -> bool:
    """"met A and later B", "met them separately": the people met were not together."""
    in_phrases = (t for p in people for t in p.root.subtree if p.root.left_edge.i <= t.i <= p.root.i)
    return any(t.dep_ == "advmod" and t.lower_ in SEQUENCE_ADVERBS for t in [*trigger.children, *in_phrases])


def _between_and_with(noun: Token, parts: Participants, with_people: list[Found]) -> tuple[list[Found], list[Found]]:
    """Everyone named inside "between ..." (a list of names and titles, "the leaders of A and B, X and
    Y", that defeats the parser), and apart from them whoever a "with" inside it names."""
    listed: list[Found] = []
    others = list(with_people)
    for phrase in prep_objects(noun, _BETWEEN):
        for t in phrase.subtree:
            people = [m for m in parts.named(parts.mention(t)) if m.type == "Person" or may_be_person(m)]
            target = others if any(a.dep_ == "prep" and a.lower_ == "with" and a.i > phrase.i for a in t.ancestors) else listed
            target += [m for m in people if m not in listed and m not in others]
    return listed, others


def _nearest_pair(noun: Token, parts: Participants) -> list[Found]:
    """The coordinated people "their" refers to: the closest "X and Y" before it."""
    best: list[Found] = []
    doc = noun.doc
    for t in noun.sent:
        if t.i >= noun.i:
            break
        if t.lower_ != "and" or t.i == 0:
            continue
        left = parts.mention(doc[t.i - 1])
        right = next((parts.mention(u) for u in doc[t.i + 1 : noun.i] if getattr(parts.mention(u), "type", None) == "Person"), None)
        if left is not None and right is not None and left.type == right.type == "Person":
            best = [left, right]
    return best
