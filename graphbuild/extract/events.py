"""Events: the words that open one, looked up in the trigger lexicon.

The lexicon is data — ``graphbuild/data/events.json`` and the patterns of a
``--rules`` file, grouped by sense ("meet", "host", "meeting-noun", "give",
"receive", "back", ...).  A word opens an event of a sense when it is one of
the sense's lemmas in any regular inflection ("hosts", "hosted") or listed
forms ("met"), has one of its parts of speech, and meets its conditions:
no particle that makes it another verb ("called *off*"), a modifier it
requires ("walked *together*", a *joint* briefing), the preposition
it must hang from ("*in* support of").  A sense may instead be opened by a
named entity's root ("$61 billion" for MONEY).  Who takes part is read
afterwards, for every sense alike (:mod:`graphbuild.extract.participants`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from graphbuild.extract.syntax import is_passive, kids
from graphbuild.rules import Pattern

_DOUBLING = re.compile(r"[^aeiou][aeiou][bdgklmnprt]$")


@dataclass(frozen=True)
class Event:
    """A trigger word in a paragraph and the sense of the lexicon it opens."""

    trigger: Token
    pattern: Pattern


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


class TriggerLexicon:
    """The senses of the patterns that have a trigger, indexed by the words that open them."""

    def __init__(self, patterns: Iterable[Pattern]):
        self._hashes: frozenset[int] | None = None
        self.by_word: dict[str, list[Pattern]] = defaultdict(list)
        self.by_entity: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in patterns:
            trigger = pattern.trigger
            if trigger is None:
                continue
            if trigger.entity:
                self.by_entity[trigger.entity].append(pattern)
            for word in set(trigger.forms).union(*(inflections(lemma) for lemma in trigger.lemmas)):
                self.by_word[word].append(pattern)

    def events(self, doc: Doc) -> Iterator[Event]:
        strings = doc.vocab.strings
        # Words are looked up by their string hashes: most tokens open no event, and making a Token
        # object for each would cost more than the lookups.
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA])):
            if lower not in self._hashed_words(strings) and lemma not in self._hashed_words(strings):
                continue
            token = doc[i]
            candidates = self.by_word.get(token.lower_, []) + self.by_word.get(token.lemma_.lower(), [])
            for pattern in dict.fromkeys(candidates):
                if opens(token, pattern):
                    yield Event(token, pattern)
        for ent in doc.ents:
            for pattern in self.by_entity.get(ent.label_, ()):
                if opens(ent.root, pattern, by_entity=True):
                    yield Event(ent.root, pattern)

    def _hashed_words(self, strings) -> frozenset[int]:
        """The hashes of the trigger words, and of their capitalized forms (a lemma keeps the case of
        a proper noun)."""
        if self._hashes is None:
            self._hashes = frozenset(strings.add(form) for word in self.by_word for form in (word, word.capitalize()))
        return self._hashes


def opens(token: Token, pattern: Pattern, by_entity: bool = False) -> bool:
    """Does this word open an event of this sense (part of speech and the sense's conditions)?"""
    trigger = pattern.trigger
    if not by_entity and token.pos_ not in trigger.pos and not _used_as_noun(token, trigger.pos):
        return False
    if trigger.not_particles and any(c.dep_ == "prt" and c.lower_ in trigger.not_particles for c in kids(token)):
        return False
    if trigger.not_infinitive and any(c.tag_ == "TO" for c in kids(token)):
        return False
    if trigger.passive and not is_passive(token):
        return False
    if pattern.requires and not _has_modifier(token, frozenset(pattern.requires)):
        return False
    if pattern.under and not (token.dep_ == "pobj" and token.head.lower_ == pattern.under):
        return False
    return True


#: Where an adjective stands as a noun ("the *bilateral* was productive").
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"})


def _used_as_noun(token: Token, pos: tuple[str, ...]) -> bool:
    return token.pos_ == "ADJ" and "NOUN" in pos and token.dep_ in _NOMINAL_DEPS


def _has_modifier(token: Token, words: frozenset[str]) -> bool:
    """A required word modifies the trigger ("toured *together*", "a *joint* session") or its object
    ("opened the bridge *together*"), or the trigger carries it as a prefix ("*co*-chaired")."""
    if any(word.startswith("co-") for word in words) and token.lower_.startswith("co-"):
        return True
    near = [*kids(token), *(g for c in kids(token) if c.dep_ in {"dobj", "prt", "prep"} for g in kids(c))]
    return any(t.lower_ in words for t in near)
