"""When an event happened: the date phrase that modifies the event, not another phrase of its sentence.

    event_date(trigger, published) -> Period | None

``trigger`` is the token a relation rule matched ("met", "talks", "visit");
``published`` the article's publication date, the anchor of relative phrases.

Which phrase dates the event
    The date phrases of the sentence are spaCy's DATE entities, plus years,
    months and weekdays after a preposition that the model did not tag
    ("in 2023").  A phrase dates the event when, going up the parse from the
    phrase through its prepositions, the first word reached is the event:

    * the trigger itself ("met *on Wednesday*", "the talks *on Monday*",
      "*Wednesday's* meeting");
    * for a noun trigger, the verb it is the object or subject of ("held
      talks *on Monday*", "the meeting took place *in June*"), or a verb
      that describes it ("the talks, held *on Monday*", "the meeting, which
      took place *on Friday*");
    * failing those, a name the event governs, or a noun at the end of a
      chain of prepositional phrases from the event, where the parser hung
      the phrase on the wrong word ("met Varga *on Wednesday*" read as Varga's
      Wednesday, "met on the sidelines of the summit *on Tuesday*").

    A phrase hung on another noun ("the start of the war *in mid-April*")
    or another verb ("said *on Tuesday* that they had met") dates something
    else, and so does a phrase after "since", "until", "before" or "after"
    (a bound, not the date).  Of several phrases that date the event, the
    one on the trigger wins, then the most precise.

Tense
    The event's tense — of the trigger, or of the verb a noun trigger
    depends on — tells :func:`graphbuild.dates.resolve_date` which year a
    year-less date is in and rules out dates after publication for a past
    event ("met on September 19-20" in an October article is this
    September; "met in 2025" in a 2024 article is undated).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spacy.tokens import Span, Token

from graphbuild.dates import Period, Tense, resolve_date, usable_anchor
from graphbuild.extract.syntax import kids

__all__ = ["event_date", "event_tense"]

#: Prepositions after which a date bounds the event instead of dating it.
_BOUNDS = frozenset({"since", "until", "till", "before", "after", "prior", "ahead", "by"})
#: The dependencies by which a noun trigger is the thing a verb does ("held talks", "talks were held").
_VERB_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
_MONTH_AND_DAY_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_TEMPORAL_PREPOSITIONS = frozenset({"in", "on", "during", "at", "from", "between"})
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
#: Times of day a date phrase may hang on ("Friday evening"): the phrase dates what the time of day hangs on.
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midday", "midnight"})


def event_date(trigger: Token, published: date | None) -> Period | None:
    """The period the sentence gives for the event ``trigger`` names, relative to ``published``."""
    if not usable_anchor(published):
        return None
    tense = event_tense(trigger)
    heads = _event_heads(trigger)
    found: list[tuple[int, int, Period]] = []
    for phrase in _date_phrases(trigger.sent):
        rank = _attachment_rank(phrase, trigger, heads)
        if rank is None:
            continue
        period = resolve_date(phrase.text, published, tense)
        if period is not None:
            found.append((rank, (period.end - period.start).days, period))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], item[1]))[2]


def event_tense(trigger: Token) -> Tense | None:
    """ "past" (met, had met, was held), "future" (will meet, is to meet) or None (meets, a bare noun)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
    if verb is None:
        return None
    auxiliaries = [c for c in kids(verb) if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries):
        return "future"
    planned = verb.head.lemma_ in ("be", "plan", "expect", "schedule", "set") and verb.head.tag_ != "VBD"
    if verb.dep_ == "xcomp" and planned:
        return "future"  # "is to meet", "plans to meet", "is set to meet"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"  # "has met": done by publication
    return None


def _event_heads(trigger: Token) -> tuple[Token, ...]:
    """The trigger, and for a noun the verb it is the object or subject of and the verbs that describe it."""
    if trigger.pos_ in ("VERB", "AUX"):
        return (trigger,)
    verb = _governing_verb(trigger)
    describing = [c for c in kids(trigger) if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")]
    return (trigger, *([verb] if verb is not None else []), *describing)


def _governing_verb(noun: Token) -> Token | None:
    if noun.dep_ in _VERB_ARGUMENTS and noun.head.pos_ in ("VERB", "AUX") and noun.head != noun:
        return noun.head
    return None


def _attachment_rank(phrase: Span, trigger: Token, heads: tuple[Token, ...]) -> int | None:
    """0: the phrase hangs on the trigger; 1: on a verb of a noun trigger; 2: on a name the event governs,
    or after a preposition on a noun that prepositional phrases tie to the event (misparses); None: it
    dates something else."""
    anchor, bounded = _anchor(phrase)
    if bounded or anchor is None:
        return None
    if anchor == trigger:
        return 0
    if anchor in heads:
        return 1
    if anchor.pos_ == "PROPN" and any(_governed_by(anchor, head) for head in heads):
        return 2
    if phrase.root.dep_ == "pobj" and anchor.pos_ in ("NOUN", "PROPN") and _prepositions_lead_to(anchor, heads):
        return 2
    return None


def _anchor(phrase: Span) -> tuple[Token | None, bool]:
    """The first word outside the phrase, its prepositions and a time of day ("Friday *evening*") that the
    phrase hangs on, and whether a preposition of bound ("since", "until") was passed on the way."""
    token, bounded = phrase.root, False
    while token.head != token:
        token = token.head
        if phrase.start <= token.i < phrase.end or token.ent_type_ == "TIME" or token.lower_ in _TIMES_OF_DAY:
            continue
        if token.pos_ in ("ADP", "SCONJ") or token.dep_ == "prep":
            bounded = bounded or token.lower_ in _BOUNDS
            continue
        return token, bounded
    return None, bounded


def _governed_by(token: Token, head: Token) -> bool:
    """True if ``token`` is an argument of ``head``: its object, or the object of one of its prepositions."""
    if token.head == head:
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head == head


def _prepositions_lead_to(noun: Token, heads: tuple[Token, ...]) -> bool:
    """True if ``noun`` is the object of a preposition on one of ``heads``, or of one on such an object and so
    on ("on the sidelines of the summit"), with no preposition of bound ("since", "after") on the way."""
    token = noun
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ not in _BOUNDS:
        token = token.head.head
        if token in heads:
            return True
    return False


def _date_phrases(sentence: Span) -> Iterator[Span]:
    """spaCy's DATE entities of the sentence, and the year, month and weekday phrases it did not tag."""
    tagged: set[int] = set()
    for ent in sentence.ents:
        if ent.label_ == "DATE":
            tagged.update(range(ent.start, ent.end))
            yield ent
    for token in sentence:
        if token.i in tagged or token.dep_ != "pobj" or token.head.lower_ not in _TEMPORAL_PREPOSITIONS:
            continue
        if _is_year(token) or token.lower_ in _MONTH_AND_DAY_WORDS:
            subtree = list(token.subtree)
            yield token.doc[subtree[0].i : subtree[-1].i + 1]


def _is_year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text.isdigit() and 1000 <= int(token.text) <= 2999
