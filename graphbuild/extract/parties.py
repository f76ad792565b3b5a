"""Which phrases can be a party to an event, and which parties can stand for a state: a phrase of
people rather than of time, place or topic; a state's own body rather than a rebel group, a party
or a company; the doer a participle's noun borrows; and the name right before or after a verb the
parse left without a subject or an object."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from graphbuild.extract.coordination import is_group
from graphbuild.extract.found import Found
from graphbuild.extract.lexical import Words
from graphbuild.extract.roles import doers
from graphbuild.extract.syntax import VERB_POS, is_passive, kids
from graphbuild.lexicon import AGENT_SUFFIXES, GROUP_NOUNS, NON_STATE_WORDS, PARTY_NOUNS, PEOPLE_NOUNS, STATE_BODIES


def names_a_party(token: Token, words: Words) -> bool:
    """Does a phrase name someone who could take part ("met *reporters*", "met *him*", "talks with
    *the Omani side*"), unlike a phrase of time, place or topic ("on Monday", "in Quito", "on trade")?"""
    if token.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"} or token.i in words.places:
        return False
    lemma = token.lemma_.lower()
    return (
        token.pos_ in {"PROPN", "PRON"}
        or token.ent_type_ in {"PERSON", "ORG", "NORP"}
        or words.classes[token.i] in ("TITLE", "NAME", "ORG")
        or lemma in PEOPLE_NOUNS
        or lemma in GROUP_NOUNS
        or lemma in PARTY_NOUNS
        or token.tag_ == "NNS"
        or token.pos_ == "NOUN"
        and lemma.endswith(AGENT_SUFFIXES)
    )  # "spoke with mediators"


def is_state_actor(m: Found) -> bool:
    """Can this mention stand for a state?  A country or a person can; a body only if it is a state's
    own (an army, a ministry, a central bank) and nothing in its name makes it a rebel group, a party
    or a company ("the Northern Liberation Front of X", "a rebel group")."""
    if m.type != "Organization":
        return True
    words = set(m.name.lower().replace("-", " ").split())
    if words & NON_STATE_WORDS or any(c.dep_ == "appos" and c.lemma_.lower() in NON_STATE_WORDS for c in kids(m.root)):
        return False
    return bool(words & STATE_BODIES) and m.country is not None


def outer_doers(verb: Token) -> list[Token]:
    """Who does what a participle's noun is the object of: "X signed a bill *providing* aid for Y"."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return []
    outer = verb.head.head
    return doers(outer) if verb.head.dep_ == "dobj" and outer.pos_ in VERB_POS else []


def non_state(noun: Token) -> bool:
    """A noun for people or bodies outside the state ("rebels", "the *opposition* leader")."""
    return noun.lower_ in NON_STATE_WORDS or any(
        c.dep_ in {"amod", "compound"} and c.lower_ in NON_STATE_WORDS for c in kids(noun)
    )


def name_before(by_token: Mapping[int, Found], verb: Token) -> list[Token]:
    """Where the parse gives a verb no subject, the name that ends right before it ("... - A, B
    and C - held talks"): the last name of a list standing in front of its verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_punct or doc[i].pos_ in {"ADV", "AUX", "PART"}):
        i -= 1
    m = by_token.get(i) if i >= 0 else None
    return [m.root] if m is not None and m.type == "Person" and i in m.tokens else []


def name_after(by_token: Mapping[int, Found], verb: Token) -> list[Token]:
    """Where the parse gives a verb no object, the person or group that comes next, past the
    phrases of place and time ("welcomed *in the capital* the team led by X")."""
    if verb.pos_ not in VERB_POS or is_passive(verb) or verb.dep_ in {"amod", "acl"}:
        return []
    for t in verb.doc[verb.i + 1 : min(verb.i + 12, verb.sent.end)]:
        if t.pos_ in VERB_POS or t.dep_ == "mark" or t.text in {";", ":"}:
            return []
        if t.dep_ == "cc" and t.head.pos_ in VERB_POS:  # "met A, *and* B met C": the next clause's subject
            return []
        m = by_token.get(t.i)
        named_here = m is not None and m.type == "Person" and t.i == m.root.i
        if (named_here or is_group(t)) and t.dep_ not in {"pobj", "poss"}:
            return [t]
    return []
