"""Did the event happen?  One policy for every relation rule.

The words that govern a trigger say whether the event is asserted or only
planned ("is expected to meet", "a possible meeting", "will send"),
hypothetical ("ready to support", "if it sends arms"), refused ("rejected a
meeting requested by ...", "denied that they met", "steered clear of
providing arms") or negated ("did not meet", "no meeting").  What a status
does to a relation is the relation type's business (``RelationSpec.status``:
a refused MET_WITH becomes MEETING_REFUSED, a planned SUPPORTS stays
SUPPORTS, a hypothetical one is dropped).

The policy is a registered function, so another can be swapped in::

    @status_policies.register("my_policy")
    def my_policy(trigger: Token) -> EventStatus: ...
"""

from __future__ import annotations

from collections.abc import Iterator

import catalogue
from spacy.tokens import Token

from graphbuild.extract.syntax import VERB_POS, is_word, negated
from graphbuild.lexicon import (
    CONDITIONAL_MARKERS,
    FUTURE_MODALS,
    HYPOTHETICAL_WORDS,
    PLAN_MODIFIERS,
    PLAN_WORDS,
    REFUSAL_MODIFIERS,
    REFUSAL_PHRASAL_VERBS,
    REFUSAL_WORDS,
)
from graphbuild.relation_types import EventStatus

status_policies = catalogue.create("graphbuild", "status_policies", entry_points=False)

DEFAULT_STATUS_POLICY = "governing_words"

#: A verb speaks about the event below it through these: "expected *to meet*" (xcomp), "denied
#: *that they met*" (ccomp), "attempts *to talk*" (acl), "flew to Paris *to meet*" (advcl),
#: "refrained from *sending*" (pcomp).  Not through a relative clause, a coordinated verb, or an
#: adverbial clause with its own conjunction ("*after* they met", "*when* they met").
_VERB_GOVERNED_THROUGH = frozenset({"xcomp", "ccomp", "acl", "advcl", "pcomp"})
#: A noun or other word is governed by what it hangs from, except as the subject of its own
#: clause ("the talks were useful") or as the head of a relative clause.
_NOT_GOVERNED_THROUGH = frozenset({"nsubj", "csubj", "relcl", "ROOT", "punct", "cc", "det"})
#: Prepositions on a verb that take its complement ("refrained *from*", "hoped *for*",
#: "objected *to*"), unlike adjuncts of time or place ("met *after* the talks").
_COMPLEMENT_PREPOSITIONS = frozenset({"of", "from", "about", "for", "against", "to"})
_MODIFIER_DEPS = frozenset({"amod", "advmod", "compound"})


@status_policies.register(DEFAULT_STATUS_POLICY)
def governing_words(trigger: Token) -> EventStatus:
    """The status the words governing trigger give the event; a refusal anywhere wins over a plan
    ("a planned meeting was cancelled" was refused)."""
    planned = hypothetical = False
    for t in governing_chain(trigger):
        is_trigger = t is trigger
        modifiers = {c.lower_ for c in t.children if c.dep_ in _MODIFIER_DEPS}
        if negated(t):
            return "negated"
        if (not is_trigger and (is_word(t, REFUSAL_WORDS) or _phrasal(t) in REFUSAL_PHRASAL_VERBS)) or modifiers & REFUSAL_MODIFIERS:
            return "refused"
        if (not is_trigger and is_word(t, HYPOTHETICAL_WORDS)) or _has_child(t, {"acomp", "amod"}, HYPOTHETICAL_WORDS) or _is_conditional(t):
            hypothetical = True
        if (not is_trigger and is_word(t, PLAN_WORDS)) or modifiers & PLAN_MODIFIERS or _has_child(t, {"aux"}, FUTURE_MODALS):
            planned = True
    if planned and _told_in_the_past(trigger):
        planned = False  # "invited for a meeting in which the envoy *urged* ...": it took place
    return "hypothetical" if hypothetical else "planned" if planned else "asserted"


def governing_chain(trigger: Token) -> Iterator[Token]:
    """The trigger and the words above it that speak about it, nearest first."""
    t = trigger
    while True:
        yield t
        if t.head == t or not _governed_by_head(t):
            return
        t = t.head


def _governed_by_head(t: Token) -> bool:
    if t.pos_ in VERB_POS:
        return t.dep_ in _VERB_GOVERNED_THROUGH and not (t.dep_ == "advcl" and any(c.dep_ == "mark" for c in t.children))
    if t.dep_ == "prep" and t.head.pos_ in VERB_POS:
        return t.lower_ in _COMPLEMENT_PREPOSITIONS
    if t.dep_ == "conj":
        return True  # "rejected talks and *a meeting*"
    return t.dep_ not in _NOT_GOVERNED_THROUGH


def _phrasal(t: Token) -> str:
    """"call off" for "called off": the lemma and its particle."""
    particle = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
    return f"{t.lemma_.lower()} {particle}" if particle else ""


def _told_in_the_past(trigger: Token) -> bool:
    """An event noun a past-tense relative clause tells about ("a meeting in which X urged Y")."""
    return any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in trigger.children)


def _is_conditional(t: Token) -> bool:
    """"*if* it sends arms" (a conditional clause), or "would send arms *if asked*" (a condition on it)."""
    return _has_child(t, {"mark"}, CONDITIONAL_MARKERS) or any(_has_child(c, {"mark"}, CONDITIONAL_MARKERS) for c in t.children if c.dep_ == "advcl")


def _has_child(t: Token, deps: set[str], words: frozenset[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for c in t.children)
