"""Did the event happen?  One status policy for every event, with the scope of each word.

The words that govern a trigger say what became of its event:

=============  ============================================================
asserted       it happened ("met", "held talks", "delivered")
planned        only planned or expected ("will meet", "is set to sit down with")
proposed       only proposed or asked for ("asked for talks")
hypothetical   only possible or conditional ("could send if asked", "would
               have met had ...", "a possible meeting", "is considering")
refused        refused or blocked ("would not see him", "vetoed the loan")
cancelled      called off or put off ("the summit was postponed")
denied         denied ("denied that they talked", "rejected reports that")
disputed       claimed by one side only ("claimed that", "charged with
               arming", "an alleged meeting", "the report was made up")
negated        it did not happen ("did not see", "failed to", "has yet to",
               "left without meeting", "no contact")
=============  ============================================================

*Scope*: a word speaks only about the events below it in the parse.  The
chain from a trigger upwards runs through infinitives, that-clauses,
participles and complements ("expected *to meet*", "denied *that they
met*"), but stops at a relative clause ("X, who met Y, will see her
again"), an adverbial clause with its own conjunction or a time phrase
("*since* her talks with Y"), and a coordinated verb with a subject of its
own ("did not see Y in Rome, but they talked on Friday").  A coordinated verb
without one shares the modals and negation of its first verb, not that
verb's meaning ("declined to ship rifles but *promised* grain").

:func:`revisions` then reads what later sentences say about an event told
earlier ("... but her office said the conversation never happened", "later
admitted that the talks went ahead").

What a status does to a relation is the relation type's business
(``RelationSpec.status``: a refused MET_WITH becomes MEETING_REFUSED, a
planned SUPPORTS stays SUPPORTS, a hypothetical one is dropped).  The policy
is a registered function, so another can be chosen by name::

    @status_policies.register("my_policy")
    def my_policy(trigger: Token) -> EventStatus: ...
"""

from __future__ import annotations

from collections.abc import Iterator

import catalogue
from spacy.tokens import Doc, Token

from graphbuild.extract.syntax import VERB_POS, is_word, kids, negated
from graphbuild.lexicon import (
    BLOCKING_PREPOSITIONS,
    CANCEL_WORDS,
    CLAIM_MODIFIERS,
    CLAIM_NOUNS,
    CLAIM_VERBS,
    COMPLEMENT_PREPOSITIONS,
    CONDITIONAL_MARKERS,
    CONFIRM_WORDS,
    DENIAL_WORDS,
    EVENT_REFERENCES,
    FALSE_WORDS,
    FUTURE_MODALS,
    FUTURE_TIME_WORDS,
    HAPPEN_VERBS,
    HYPOTHETICAL_MODIFIERS,
    HYPOTHETICAL_WORDS,
    NEGATIVE_PREPOSITIONS,
    NEGATIVE_WORDS,
    PLAN_MODIFIERS,
    PLAN_WORDS,
    POSSIBILITY_MODALS,
    PROPOSAL_WORDS,
    REFUSAL_MODIFIERS,
    REFUSAL_PHRASAL_VERBS,
    REFUSAL_WORDS,
)
from graphbuild.relation_types import EventStatus

status_policies = catalogue.create("graphbuild", "status_policies", entry_points=True)

DEFAULT_STATUS_POLICY = "governing_words"

#: A verb speaks about the event below it through these: "expected *to meet*" (xcomp), "denied
#: *that they met*" (ccomp), "attempts *to talk*" (acl), "flew to Paris *to meet*" (advcl),
#: "refrained from *sending*" (pcomp).
_VERB_GOVERNED_THROUGH = frozenset({"xcomp", "ccomp", "acl", "advcl", "pcomp", "acomp", "oprd"})
#: A noun or other word is governed by what it hangs from, except as the subject of its own clause
#: ("the talks were useful") or as the head of a relative clause.
_NOT_GOVERNED_THROUGH = frozenset({"nsubj", "csubj", "relcl", "ROOT", "punct", "cc", "det", "appos", "parataxis"})
#: Prepositions on a verb that take its complement ("refrained *from*", "hoped *for*", "objected
#: *to*", "charged *with*"), unlike adjuncts of place ("met *in* Quito").
_MODIFIER_DEPS = frozenset({"amod", "advmod", "compound", "npadvmod"})
#: Strongest first: when one chain holds several, the first of these it holds wins.
_RANK: tuple[EventStatus, ...] = ("disputed", "hypothetical", "proposed", "planned", "asserted")


@status_policies.register(DEFAULT_STATUS_POLICY)
def governing_words(trigger: Token) -> EventStatus:
    """The status the words governing a trigger give its event.  The nearest refusal, denial or
    negation decides at once; claims, conditions, proposals and plans add up, the strongest wins."""
    found: set[EventStatus] = set()
    for t, whole in governing_chain(trigger):
        decided = _decisive(t, whole and t is not trigger, found)
        if decided is not None:
            return decided
        found |= _gradual(t, whole and t is not trigger)
    place = _place_of_clause(trigger)
    if place is not None and (status := governing_words(place)) != "asserted":
        return status  # "they would meet *at the summit*": who was there for it is as sure as the clause
    if _dated_ahead(trigger):
        found.add("planned")  # "X is meeting Y on Friday", "X meets Y next week"
    if "planned" in found and _told_in_the_past(trigger):
        found.discard("planned")  # "invited for a meeting in which the envoy *urged* ...": it took place
    return next(status for status in _RANK if status in found or status == "asserted")


def _decisive(t: Token, lexical: bool, found: set[EventStatus]) -> EventStatus | None:
    """Refused, cancelled, denied or negated, if this word says so."""
    phrasal = _phrasal(t)
    if phrasal == "rule out":  # "did not rule out lending": possible; "ruled out lending": refused
        return "hypothetical" if negated(t) else "refused"
    if negated(t) or any(c.dep_ == "advmod" and c.lower_ in {"never", "yet"} for c in kids(t)) and t.lemma_ == "have":
        return "negated" if "disputed" not in found else "denied"
    modifiers = {c.lower_ for c in kids(t) if c.dep_ in _MODIFIER_DEPS}
    if modifiers & REFUSAL_MODIFIERS:
        return "cancelled"
    if t.dep_ in {"pcomp", "pobj"} and t.head.lower_ in NEGATIVE_PREPOSITIONS:
        return "negated"
    if not lexical:
        return None
    lemma = t.lemma_.lower()
    if lemma in DENIAL_WORDS:
        return "denied"
    if lemma in CANCEL_WORDS:
        return "cancelled"
    if lemma in REFUSAL_WORDS or phrasal in REFUSAL_PHRASAL_VERBS:
        return "refused"
    if lemma in NEGATIVE_WORDS or t.lower_ in NEGATIVE_WORDS:
        return "negated"
    return None


def _gradual(t: Token, lexical: bool) -> set[EventStatus]:
    """Disputed, hypothetical, proposed or planned, as far as this word goes."""
    found: set[EventStatus] = set()
    modifiers = {c.lower_ for c in kids(t) if c.dep_ in _MODIFIER_DEPS}
    if modifiers & CLAIM_MODIFIERS:
        found.add("disputed")
    if modifiers & HYPOTHETICAL_MODIFIERS or _is_conditional(t):
        found.add("hypothetical")
    if modifiers & PLAN_MODIFIERS:
        found.add("planned")
    auxiliaries = {c.lower_ for c in kids(t) if c.dep_ == "aux"}
    if auxiliaries & POSSIBILITY_MODALS:
        found.add("hypothetical")
    if auxiliaries & FUTURE_MODALS:
        found.add("hypothetical" if "have" in auxiliaries else "planned")  # "would have talked (had ...)"
    if t.dep_ == "xcomp" and t.head.lemma_ == "be" and any(c.lower_ == "to" for c in kids(t)):
        found.add("planned")  # "X is to fly in for talks"
    if lexical:
        lemma, lower = t.lemma_.lower(), t.lower_
        claims = CLAIM_VERBS if t.pos_ in VERB_POS else CLAIM_NOUNS if t.pos_ == "NOUN" else frozenset()
        for status, words in (
            ("disputed", claims),
            ("hypothetical", HYPOTHETICAL_WORDS),
            ("proposed", PROPOSAL_WORDS),
            ("planned", PLAN_WORDS),
        ):
            if lemma in words or lower in words:
                found.add(status)
    return found


def governing_chain(trigger: Token) -> Iterator[tuple[Token, bool]]:
    """The trigger and the words above it that speak about it, nearest first, each with whether its
    own meaning counts (not for the first verb of a coordination, whose modals alone are shared)."""
    t = trigger
    whole = True
    while True:
        yield t, whole
        if t.head == t or not _governed_by_head(t):
            return
        # the first verb of a coordination, and the main clause of an adverbial one ("Meeting in Lima,
        # they agreed to ..."), share their modals and negation, not their meaning
        whole = not (t.dep_ in {"conj", "advcl"} and t.pos_ in VERB_POS)
        t = t.head


def _place_of_clause(noun: Token) -> Token | None:
    """The verb of the clause an event noun is the place or occasion of ("spoke *at the summit*")."""
    if noun.pos_ in VERB_POS or noun.dep_ != "pobj" or noun.head.lower_ not in {"at", "on", "in"}:
        return None
    verb = noun.head.head
    return verb if verb.pos_ in VERB_POS and verb is not noun else None


def _temporal_clause(verb: Token) -> bool:
    """An adverbial clause that only says when: "after they met", and "when they met" in the past
    (what the main clause says of its own event does not reach it); "if they meet" is a condition."""
    markers = [c for c in kids(verb) if c.dep_ == "mark" or c.dep_ == "advmod" and c.tag_ == "WRB"]
    if any(c.lower_ not in CONDITIONAL_MARKERS for c in markers if c.dep_ == "mark"):
        return True
    return any(c.lower_ in {"when", "once"} for c in markers) and verb.tag_ == "VBD"


def _governed_by_head(t: Token) -> bool:
    if t.dep_ == "prep" and t.lower_ in BLOCKING_PREPOSITIONS:
        return False  # "... since her talks with Y": a time phrase is an event of its own
    if t.pos_ in VERB_POS:
        if t.dep_ == "conj":
            return not any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids(t))  # "... but they talked later"
        return t.dep_ in _VERB_GOVERNED_THROUGH and not (t.dep_ == "advcl" and _temporal_clause(t))
    if t.dep_ == "prep" and t.head.pos_ in VERB_POS:  # "was not *in* touch with Y": a state predicated
        return t.lower_ in COMPLEMENT_PREPOSITIONS or t.lower_ == "in" and t.head.lemma_ in {"be", "remain", "stay"}
    if t.dep_ == "conj":
        return True  # "rejected talks and *a meeting*"
    return t.dep_ not in _NOT_GOVERNED_THROUGH


def _dated_ahead(trigger: Token) -> bool:
    """An event in the present tense with a date phrase of its own: the progressive with any date
    ("is meeting Y on Friday"), the simple present with a future one ("meets Y next week")."""
    verb = trigger if trigger.pos_ in VERB_POS else trigger.head if trigger.head.pos_ in VERB_POS else None
    if verb is None or verb.tag_ not in {"VBG", "VBZ", "VBP"}:
        return False
    progressive = verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in {"is", "are", "am"} for c in kids(verb))
    if verb.tag_ == "VBG" and not progressive:
        return False  # a gerund has the tense of its clause: "met A before *meeting* B later in the day"
    dates = [
        t
        for t in verb.subtree
        if t.ent_type_ == "DATE" and t.head.i in {verb.i, *(c.i for c in kids(verb))} | {t.i for t in kids(verb)}
    ]
    if not dates:
        return False
    return progressive or any(
        t.lower_ in FUTURE_TIME_WORDS for d in dates for t in d.sent if t.ent_type_ == "DATE" and abs(t.i - d.i) <= 3
    )


def _phrasal(t: Token) -> str:
    """ "call off" for "called off": the lemma and its particle."""
    particle = next((c.lower_ for c in kids(t) if c.dep_ == "prt"), None)
    return f"{t.lemma_.lower()} {particle}" if particle else ""


def _told_in_the_past(trigger: Token) -> bool:
    """An event noun a past-tense relative clause tells about ("a meeting in which X urged Y")."""
    return any(c.dep_ == "relcl" and c.tag_ == "VBD" for c in kids(trigger))


def _is_conditional(t: Token) -> bool:
    """ "*if* it sends arms" (a conditional clause), "would send arms *if asked*" (a condition on it),
    "had the storm not closed the airport" (a condition by inversion)."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS - {"once", "when"} for c in kids(t)):
        return True
    for clause in (c for c in kids(t) if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKERS - {"once", "when"} for m in kids(clause)):
            return True
        first = clause.left_edge
        if first.lower_ == "had" and first.dep_ in {"aux", "auxpass"}:
            return True
    return False


def revisions(doc: Doc) -> list[tuple[Token, EventStatus]]:
    """What the paragraph says, after the fact, about an event it told: "the call never took place at all",
    "the conversation never happened", "called the report made up" (disputed); "confirmed the talks went
    ahead" (asserted)."""
    out: list[tuple[Token, EventStatus]] = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in EVENT_REFERENCES:
            continue
        verb = noun.head
        if noun.dep_ in {"nsubj", "nsubjpass"} and verb.lemma_.lower() in HAPPEN_VERBS:
            denied = (
                negated(verb)
                or negated(noun)
                or any(is_word(t, DENIAL_WORDS) for t, _ in governing_chain(verb) if t is not verb)
            )
            confirmed = any(is_word(t, CONFIRM_WORDS) for t, _ in governing_chain(verb) if t is not verb)
            if denied or confirmed:
                out.append((noun, "disputed" if denied else "asserted"))
        elif any(
            c.lower_ in FALSE_WORDS
            for c in [*kids(verb), *kids(noun)]
            if c.dep_ in {"oprd", "acomp", "amod", "attr", "xcomp"}
        ):
            out.append((noun, "disputed"))  # "called the report made up", "the claims were false"
    return out


def revised(trigger: Token, status: EventStatus, later: list[tuple[Token, EventStatus]]) -> EventStatus:
    """An event's status as revised by what the same or the next sentence says of it afterwards."""
    doc, sentence = trigger.doc, trigger.sent
    following = doc[sentence.end].sent if sentence.end < len(doc) else None
    for noun, revision in later:
        if noun.i >= trigger.i and (noun.sent == sentence or noun.sent == following):  # itself: "no talks took place"
            status = revision
    return status
