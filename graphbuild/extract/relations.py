"""Read relations off the dependency parse.

Each rule starts from a trigger word (a verb or noun of meeting, support,
visiting, criticism or sanctions), finds the participants through
grammatical relations (subject, object, "with"/"between"/"for" phrases,
possessives), and checks the words governing the trigger for refusal,
failure, plans or negation, so "China rejected a meeting requested by X
with Y" is not a meeting and "X is expected to meet Y" is only planned.

Participants are mentions (``Found``); a title noun that an apposition ties
to a person ("met China's minister of public security, Wang Xiaohong")
stands for that person.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Doc, Token

from graphbuild.extract.lexicon import (
    ORG_HEADS,
    CRITICISM_VERBS,
    DISCUSSION_VERBS,
    MEETING_COMPOUND_MODIFIERS,
    MEETING_COMPOUND_NOUNS,
    MEETING_NOUNS,
    MEETING_VERBS,
    MODAL_FUTURE,
    NOT_SUPPORT_WORDS,
    PLAN_MODIFIERS,
    PLAN_WORDS,
    REFUSAL_MODIFIERS,
    REFUSAL_WORDS,
    RELATIVE_PRONOUNS,
    SANCTION_VERBS,
    SUPPLY_NOUNS,
    SUPPLY_VERBS,
    SUPPORT_NOUNS,
    SUPPORT_VERBS,
    VISIT_NOUNS,
    VISIT_VERBS,
)
from graphbuild.extract.mentions import Found

_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


@dataclass(frozen=True)
class FoundRelation:
    type: str
    source: Found
    target: Found
    trigger: Token
    confidence: float


class RelationFinder:
    """Finds relations in one paragraph Doc, given the mentions found in it."""

    def __init__(self, doc: Doc, mentions: list[Found]):
        self.doc = doc
        self.by_token: dict[int, Found] = {}
        for m in mentions:
            if m.doc is not doc:
                continue
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)
            for i in m.describes:
                self.by_token.setdefault(i, m)

    def find(self) -> list[FoundRelation]:
        out: list[FoundRelation] = []
        for token in self.doc:
            lemma = token.lemma_.lower()
            if token.pos_ in {"VERB", "AUX"}:
                if lemma in MEETING_VERBS or lemma in DISCUSSION_VERBS:
                    out += self._meeting_verb(token, lemma)
                if lemma in SUPPORT_VERBS:
                    out += self._support_verb(token)
                if lemma in CRITICISM_VERBS:
                    out += self._simple_verb(token, "CRITICIZED")
                if lemma in SANCTION_VERBS:
                    out += self._simple_verb(token, "SANCTIONED")
                if lemma in VISIT_VERBS:
                    out += self._visit_verb(token, lemma)
            elif token.pos_ in {"NOUN", "PROPN"}:
                if self._is_meeting_noun(token):
                    out += self._meeting_noun(token)
                if lemma in SUPPORT_NOUNS or ((lemma in SUPPLY_NOUNS or token.lower_ in SUPPLY_NOUNS) and token.head.lemma_.lower() in SUPPLY_VERBS):
                    out += self._support_noun(token)
                if lemma in VISIT_NOUNS:
                    out += self._visit_noun(token)
            if token.ent_type_ == "MONEY" and token.dep_ != "compound" and token.i == _ent_root(token).i:
                out += self._money_for(token)
        return _dedupe(out)

    # -- who is who ---------------------------------------------------------------

    def mention(self, token: Token) -> Found | None:
        return self.by_token.get(token.i)

    def people(self, token: Token | None) -> list[Found]:
        """The persons a noun phrase names, with its conjuncts ("Blinken and Sullivan")."""
        if token is None:
            return []
        out = []
        for t in [token, *token.conjuncts]:
            m = self.mention(t)
            if m is not None and (m.type == "Person" or _may_be_person(m)) and m not in out:
                out.append(m)
        return out

    def actor(self, token: Token | None) -> Found | None:
        """The country (or person, or organization with a country) a noun phrase stands for.

        "Kim's sister, Kim Yo Jong" is Kim Yo Jong, not Kim: a person in a possessive
        does not stand for the phrase, a country does ("China's foreign ministry").
        """
        if token is None:
            return None
        m = self.mention(token)
        if m is not None:
            return m
        for child in token.children:
            if child.dep_ == "appos" and getattr(self.mention(child), "type", None) == "Person":
                return self.mention(child)
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                m = self.mention(child)
                if m is not None and (m.type != "Person" or child.dep_ != "poss"):
                    return m
        return None

    def possessive_pronoun_owner(self, noun: Token) -> Found | None | bool:
        """Who "its"/"their" before a noun refers to: the last country or organization named earlier in
        the sentence; False when the noun has no such pronoun."""
        if not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in noun.children):
            return False
        earlier = [self.mention(t) for t in noun.sent if t.i < noun.i and self.mention(t) is not None]
        earlier = [m for m in earlier if m.type in {"Country", "Organization"}]
        return earlier[-1] if earlier else None

    def subject_of(self, token: Token) -> list[Token]:
        """Subjects of the clause a token belongs to, looking through relative clauses and xcomp chains."""
        t = token
        while True:
            subjects = [c for c in t.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                subj = subjects[0]
                if subj.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                    return [t.head]
                return [subj]
            if t.dep_ == "relcl":
                return [t.head]
            if t.head == t:
                return []
            t = t.head

    def agent_of(self, verb: Token) -> list[Token]:
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]

    # -- meetings -----------------------------------------------------------------

    def _is_meeting_noun(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma == "visit":
            return False  # handled as a visit; a visit to a person is a meeting there
        if lemma in MEETING_COMPOUND_NOUNS or lemma == "call":
            return any(c.lower_ in MEETING_COMPOUND_MODIFIERS for c in token.children if c.dep_ in {"compound", "amod", "nmod"}) or (lemma == "call" and token.lower_ in {"call", "calls"})
        return lemma in MEETING_NOUNS or token.lower_ in MEETING_NOUNS

    def _meeting_verb(self, verb: Token, lemma: str) -> list[FoundRelation]:
        subjects = [p for s in self.subject_of(verb) for p in self.people(s)]
        if verb.dep_ == "xcomp" and not subjects:
            subjects = [p for c in verb.head.children if c.dep_ in {"dobj", "nsubj"} for p in self.people(c)]
        if verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:
            subjects = [p for a in self.agent_of(verb) for p in self.people(a)]
        has_object_phrase = any(c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in {"with", "to"}) for c in verb.children)
        objects = []
        for child in verb.children:
            if child.dep_ in _OBJECT_DEPS:
                objects += self.people(child)
            elif child.dep_ == "prep" and child.lower_ in {"with", "to"}:
                objects += [p for g in child.children if g.dep_ == "pobj" for p in self.people(g)]
            elif child.dep_ == "agent" and verb.tag_ == "VBN":
                objects += [p for g in child.children for p in self.people(g)]
        if lemma in DISCUSSION_VERBS and not objects and len(subjects) < 2:
            return []
        if lemma == "visit" and not objects:
            return []
        if has_object_phrase and not objects and lemma not in DISCUSSION_VERBS:
            return []  # "X and Y met with their counterparts": the other side is not named
        return self._meetings(verb, subjects, objects, 0.9)

    def _meeting_noun(self, noun: Token) -> list[FoundRelation]:
        with_people = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"with", "to"} for g in c.children if g.dep_ == "pobj" for p in self.people(g)]
        between = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"between", "among"} for g in c.children if g.dep_ == "pobj" for p in self.people(g)]
        owners = [p for c in noun.children if c.dep_ == "poss" for p in self.people(c)]
        if between:
            return self._meetings(noun, between, [], 0.85)
        if any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
            return self._meetings(noun, self._nearest_pair(noun), [], 0.6)
        if owners:
            return self._meetings(noun, owners, with_people, 0.85)
        # The noun hangs from a verb: "held talks with", "told Putin in a meeting",
        # "requested the phone call with", "a meeting requested by X with Y".
        verb = _governing_verb(noun)
        if verb is None:
            return []
        for acl in (c for c in noun.children if c.dep_ == "acl"):
            agents = [p for a in self.agent_of(acl) for p in self.people(a)]
            others = [p for c in acl.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children for p in self.people(g)]
            if agents:
                return self._meetings(noun, agents, others + with_people, 0.75)
        subjects = [p for s in self.subject_of(verb) for p in self.people(s)]
        if verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in verb.children):
            objects = [p for a in self.agent_of(verb) for p in self.people(a)]
        else:
            objects = [p for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i != noun.i for p in self.people(c)]
        objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children for p in self.people(g)]
        if with_people:
            return self._meetings(noun, subjects, with_people, 0.75)
        if objects and noun.dep_ in {"pobj", "dobj"}:
            return self._meetings(noun, subjects, objects, 0.7)
        if len(subjects) >= 2 and noun.dep_ == "dobj" and not any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
            return self._meetings(noun, subjects, [], 0.7)  # "X and Y held talks"
        return []

    def _nearest_pair(self, noun: Token) -> list[Found]:
        """The coordinated people "their" refers to: the closest "X and Y" before it."""
        best: list[Found] = []
        for t in noun.sent:
            if t.i >= noun.i:
                break
            if t.lower_ != "and" or t.i == 0:
                continue
            left = self.mention(self.doc[t.i - 1])
            right = next((self.mention(u) for u in self.doc[t.i + 1 : noun.i] if getattr(self.mention(u), "type", None) == "Person"), None)
            if left is not None and right is not None and left.type == right.type == "Person":
                best = [left, right]
        return best

    def _meetings(self, trigger: Token, side_a: list[Found], side_b: list[Found], confidence: float) -> list[FoundRelation]:
        pairs = [(a, b) for a in side_a for b in side_b] if side_b else list(combinations(side_a, 2))
        pairs = [(a, b) for a, b in pairs if a is not b and a.key != b.key]
        if not pairs:
            return []
        kind = meeting_status(trigger)
        return [FoundRelation(kind, a, b, trigger, confidence) for a, b in pairs]

    # -- support --------------------------------------------------------------------

    def _support_noun(self, noun: Token) -> list[FoundRelation]:
        if _is_denied(noun, NOT_SUPPORT_WORDS):
            return []
        source = None
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i < noun.i:
                source = self.mention(child) or source
        owner = self.possessive_pronoun_owner(noun)  # "thanked Tokyo for its support"
        if owner is not False:
            if owner is None:
                return []
            source = owner
        # "China's backing of Russia": with the backer named before the noun, "of" names the backed.
        target_preps = {"for", "to", "of"} if source is not None else {"for", "to"}
        if source is None:
            source = self._clause_actor(noun)
        targets = [self._target(g) for c in noun.children if c.dep_ == "prep" and c.lower_ in target_preps for g in c.children if g.dep_ == "pobj"]
        if noun.head.lemma_.lower() in SUPPLY_VERBS:  # "provide arms to X"
            targets += [self._target(g) for c in noun.head.children if c.dep_ in {"prep", "dative"} and c.lower_ in {"for", "to"} for g in c.children if g.dep_ == "pobj"]
        return [FoundRelation("SUPPORTS", source, t, noun, 0.8) for t in targets if source is not None and t is not None]

    def _support_verb(self, verb: Token) -> list[FoundRelation]:
        if _is_denied(verb, NOT_SUPPORT_WORDS):
            return []
        sources = [self.actor(s) for s in self.subject_of(verb)]
        if verb.dep_ == "amod" or (verb.tag_ == "VBN" and verb.dep_ == "acl"):  # "Chinese-backed", "backed by"
            return []
        targets = [self._target(c) for c in verb.children if c.dep_ in {"dobj"}]
        return [FoundRelation("SUPPORTS", s, t, verb, 0.75) for s in sources if s is not None for t in targets if t is not None]

    def _money_for(self, money: Token) -> list[FoundRelation]:
        """"$61 billion for Ukraine", "$2 billion in weapons for Israel": money earmarked for a country,
        granted by the clause's actor."""
        holders = [money] + [g for c in money.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        targets = [self._target(g) for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
        targets = [t for t in targets if t is not None and t.type == "Country"]
        if not targets or _is_denied(money, NOT_SUPPORT_WORDS):
            return []
        source = self._clause_actor(money)
        return [FoundRelation("SUPPORTS", source, t, money, 0.7) for t in targets if source is not None]

    def _target(self, token: Token) -> Found | None:
        """Who is backed: "Russia", "Russia's war", "the Russian defense industrial base", "Putin's invasion"."""
        m = self.mention(token)
        if m is not None and m.type in {"Country", "Person"}:
            return m
        for child in token.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                m = self.mention(child)
                if m is not None and m.type in {"Country", "Person"}:
                    return m
        return None

    def _clause_actor(self, token: Token) -> Found | None:
        """The actor of the nearest clause above a token whose subject names one (skipping "that", "which")."""
        t = token
        while t.head != t:
            t = t.head
            if t.pos_ not in {"VERB", "AUX"}:
                continue
            for subj in (c for c in t.children if c.dep_ in _SUBJECT_DEPS):
                actor = self.actor(subj)
                if actor is not None:
                    return actor
            if t.tag_ == "VBN":
                for agent in self.agent_of(t):
                    actor = self.actor(agent)
                    if actor is not None:
                        return actor
        return None

    # -- other events -----------------------------------------------------------------

    def _simple_verb(self, verb: Token, kind: str) -> list[FoundRelation]:
        """Subject-verb-object events: "Biden has criticized China", "Li was sanctioned by the US"."""
        if _is_denied(verb, NOT_SUPPORT_WORDS):
            return []
        if verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in verb.children):
            sources = [self.actor(a) for a in self.agent_of(verb)]
            targets = [self.mention(c) for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            sources = [self.actor(s) for s in self.subject_of(verb)]
            targets = [self.actor(c) for c in verb.children if c.dep_ == "dobj"]
        return [FoundRelation(kind, s, t, verb, 0.75) for s in sources if s is not None for t in targets if t is not None and t is not s]

    def _visit_verb(self, verb: Token, lemma: str) -> list[FoundRelation]:
        if _negated(verb) or meeting_status(verb) != "MET_WITH":
            return []
        visitors = [p for s in self.subject_of(verb) for p in self.people(s)]
        places = [self.mention(c) for c in verb.children if c.dep_ == "dobj" and lemma == "visit"]
        places += [self.mention(g) for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "to"} for g in c.children if g.dep_ == "pobj"]
        return [FoundRelation("VISITED", v, p, verb, 0.8) for v in visitors for p in places if p is not None and p.type == "Country" and not p.implicit]

    def _visit_noun(self, noun: Token) -> list[FoundRelation]:
        """"Pelosi's visit to Taiwan", and "visits to Moscow by Wang Yi"."""
        visitors = [p for c in noun.children if c.dep_ == "poss" for p in self.people(c)]
        visitors += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children for p in self.people(g)]
        places = [self.mention(g) for c in noun.children if c.dep_ == "prep" and c.lower_ in {"to", "in"} for g in c.children if g.dep_ == "pobj"]
        if meeting_status(noun) != "MET_WITH":
            return []
        return [FoundRelation("VISITED", v, p, noun, 0.75) for v in visitors for p in places if p is not None and p.type == "Country" and not p.implicit]


# --- status of an event ------------------------------------------------------------------


#: Dependencies through which a governing word speaks about the trigger:
#: "rejected a meeting" (dobj), "attempts to talk" (acl), "expected to meet" (xcomp).
#: A trigger inside a prepositional phrase ("a follow-up to X's call") is not governed.
_GOVERNED_THROUGH = frozenset({"xcomp", "ccomp", "acl", "dobj", "nsubjpass", "pcomp", "advcl"})


def meeting_status(trigger: Token) -> str:
    """MET_WITH, or MEETING_REFUSED / MEETING_PLANNED when the words governing the trigger say so.

    A refusal anywhere in the chain wins over a plan: "a planned meeting was cancelled" was refused.
    """
    planned = False
    t = trigger
    while True:
        modifiers = {c.lower_ for c in t.children if c.dep_ in {"amod", "advmod", "compound"}}
        if (t is not trigger and _is_word(t, REFUSAL_WORDS)) or modifiers & REFUSAL_MODIFIERS or _negated(t):
            return "MEETING_REFUSED"
        if (t is not trigger and _is_word(t, PLAN_WORDS)) or modifiers & PLAN_MODIFIERS:
            planned = True
        if any(c.dep_ == "aux" and c.lower_ in MODAL_FUTURE for c in t.children) or any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            planned = True
        if t.dep_ not in _GOVERNED_THROUGH or t.head == t:
            return "MEETING_PLANNED" if planned else "MET_WITH"
        t = t.head


def _is_word(token: Token, words: frozenset[str]) -> bool:
    """Lemma or inflected form in words (the small model lemmatizes "hopes" as "hop")."""
    lower = token.lower_
    return token.lemma_.lower() in words or lower in words or any(lower.endswith(end) and lower[: -len(end)] in words for end in ("s", "ed", "d", "ing"))


def _may_be_person(m: Found) -> bool:
    """An ORG span shaped like a personal name ("Olaf Scholz"): kept as a candidate; the resolver
    decides, and a meeting whose side stays an organization is dropped there."""
    span = m.span
    return m.type == "Organization" and 2 <= len(span) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in span) and not any(t.lower_ in ORG_HEADS for t in span)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _is_denied(trigger: Token, words: frozenset[str]) -> bool:
    """The trigger or a word governing it denies or doubts the event ("steered clear of providing arms", "if it provided aid")."""
    for t in [trigger, *trigger.ancestors]:
        if _negated(t) or (t is not trigger and _is_word(t, words)) or any(c.lower_ in words for c in t.children if c.dep_ in {"acomp", "amod"}):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in t.children):
            return True
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"xcomp", "pcomp", "acl", "advcl", "relcl", "conj", "ccomp"}:
            return False
    return False


def _governing_verb(token: Token) -> Token | None:
    for t in token.ancestors:
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def _ent_root(token: Token) -> Token:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.root
    return token


def _dedupe(relations: list[FoundRelation]) -> list[FoundRelation]:
    seen: set[tuple] = set()
    out = []
    for r in relations:
        key = (r.type, id(r.source), id(r.target))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
