"""Which phrases can be a party to an event, and which parties can stand for a state: a phrase of
people rather than of time, place or topic; a state's own body rather than a rebel group, a party
or a company; the doer a participle's noun borrows."""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.found import Found
from graphbuild.extract.lexical import Words
from graphbuild.extract.roles import doers
from graphbuild.extract.syntax import VERB_POS, kids
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
