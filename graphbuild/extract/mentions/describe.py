"""Each person's role, country and body, read off the words around the name by one grammar.

The grammar is data (``graphbuild/data/descriptors.json``): spaCy Matcher
patterns over the word classes of :mod:`graphbuild.extract.lexical`, each
token labelled with the *slot* it fills — the name, its title, the country
or body the person acts for.  One pattern per way news writes it::

    Omani Energy Minister X            X, Oman's energy minister
    The Foreign Minister of Kenya, X   President X of Kenya      X (Kenya)
    its trade secretary, X             the nation's envoy, X

Where several patterns cover a name, the earliest in the file with the most
informative slots wins.  A relative clause or copula that gives a title
("X, who was named Nepal's health minister", "X is Oman's envoy") is read
from the parse (:func:`_clause_title`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.lexical import (
    DEMONYM,
    HONORIFIC,
    NAME,
    PLACE,
    TITLE,
    TITLE_MOD,
    Words,
    title_words,
)
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import kids
from graphbuild.lexicon import (
    GROUP_NOUNS,
    LEADING_VERBS,
    NATIONAL_TITLES,
    NATIONAL_TITLES_BEFORE_FOR,
    NON_STATE_WORDS,
    OFFICE_VERBS,
    OTHER_SIDE_TITLES,
    STATE_BODIES,
)
from graphbuild.names import clean_name

#: Slots that carry information; a match with more of them describes a name better.
_INFORMATIVE = ("country", "country=US", "org", "owner", "owner_person", "this_country", "countries", "title")


@dataclass(frozen=True)
class Descriptor:
    """What one match of the grammar says about the names in it."""

    pattern: int  # its rank in the file
    slots: dict[str, tuple[int, ...]]  # slot -> token indexes

    def tokens(self, slot: str) -> tuple[int, ...]:
        return self.slots.get(slot, ())

    @property
    def weight(self) -> tuple[int, int]:
        return (sum(1 for s in _INFORMATIVE if s in self.slots), -self.pattern)


class Grammar:
    """The descriptor patterns, compiled for one vocabulary.

    The patterns are written over ``Token._.word``; they run over a copy of the paragraph whose
    tags are the word classes, so that spaCy's Matcher reads them natively (an extension
    attribute costs a Python call per token and pattern state: half the extraction's time)."""

    def __init__(self, vocab: Vocab, patterns: Iterable[dict]):
        self.matcher = Matcher(vocab, validate=True)
        self.slots: dict[int, list[str]] = {}
        self.rank: dict[int, int] = {}
        for rank, pattern in enumerate(patterns):
            tokens = [_native(t) for t in pattern["tokens"]]
            key = vocab.strings.add(pattern["name"])
            self.matcher.add(pattern["name"], [tokens], greedy="LONGEST")
            self.slots[key] = [t["slot"] for t in pattern["tokens"]]
            self.rank[key] = rank

    def descriptors(self, doc: Doc) -> list[Descriptor]:
        """The matches around the paragraph's names (the rest of it describes no one)."""
        words = doc._.words
        out = []
        for start, end in _around_names(words.classes, words.tokens):
            tokens = words.tokens[start:end]
            tagged = Doc(
                doc.vocab,
                words=[t.text for t in tokens],
                spaces=[bool(t.whitespace_) for t in tokens],
                tags=[c or _NO_CLASS for c in words.classes[start:end]],
                pos=[t.pos_ for t in tokens],
            )
            for key, first, _end, alignments in self.matcher(tagged, with_alignments=True):
                slots: dict[str, list[int]] = {}
                for offset, element in enumerate(alignments):
                    slots.setdefault(self.slots[key][element], []).append(start + first + offset)
                out.append(Descriptor(self.rank[key], {s: tuple(v) for s, v in slots.items()}))
        return out


#: How far before and after a name its description may reach (the longest pattern, with room).
_REACH = 16


#: The classes one of which every pattern reads besides the name: a name with none near has no description.
_CLUES = frozenset({TITLE, HONORIFIC, PLACE, DEMONYM})
_PARTY_TAGS = frozenset({"R", "D", "I"})


def _around_names(classes: list[str], tokens: list[Token]) -> list[tuple[int, int]]:
    """Windows of the paragraph around its names that have a title, a place or a US party tag
    ("R-Ohio") within reach, overlapping ones joined."""
    clues = [i for i, word in enumerate(classes) if word in _CLUES or tokens[i].text in _PARTY_TAGS]
    windows: list[list[int]] = []
    for i, word in enumerate(classes):
        if word != NAME:
            continue
        nearest = bisect_left(clues, i - _REACH)
        if nearest == len(clues) or clues[nearest] > i + _REACH:
            continue
        start, end = max(0, i - _REACH), min(len(classes), i + _REACH + 1)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(s, e) for s, e in windows]


#: The tag of a word with no class in the copy the grammar runs over.
_NO_CLASS = "_"


def _native(token: dict) -> dict:
    """A pattern token over ``_.word`` as one over the copy's tags ("" is the tag of no class)."""
    out = {k: v for k, v in token.items() if k not in {"slot", "_"}}
    word = token.get("_", {}).get("word")
    if word is not None:
        out["TAG"] = {"IN": [w or _NO_CLASS for w in word["IN"]]} if isinstance(word, dict) else word or _NO_CLASS
    return out


@lru_cache(maxsize=4)
def grammar(vocab: Vocab) -> Grammar:
    data = json.loads(resources.files("graphbuild.data").joinpath("descriptors.json").read_text("utf-8"))
    return Grammar(vocab, data["patterns"])


@mention_passes.register("describe_people")
def describe_people(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    in_doc = ByParagraph(found)
    described: dict = {}
    for paragraph, doc in enumerate(article.docs):
        here = in_doc(paragraph)
        by_token = {i: f for f in here for i in f.tokens}
        people = [f for f in here if f.type == "Person"]
        best = _best_descriptors(grammar(doc.vocab).descriptors(doc), people)
        for person in people:
            reading = _Reading(person, article, by_token, found)
            for descriptor in best.get(person.ref, ()):
                reading.read(descriptor)
            if person.ref not in best:
                reading.read_clause()
            elif reading.person.country is None:  # "the envoy, X, who represents Kenya"
                reading.read_led()
            described[person.ref] = reading.result()
    return tuple(described.get(f.ref, f) for f in found)


def _best_descriptors(descriptors: list[Descriptor], people: list[Found]) -> dict:
    """For each person, the matches whose name slot is exactly their name, or whose list of names (a
    respectively-list) holds it, most informative first."""
    best: dict = {}
    for d in descriptors:
        for person in people:
            tokens = set(person.tokens)
            if "name" in d.slots and set(d.tokens("name")) != tokens:
                continue
            if "name" not in d.slots and not tokens <= set(d.tokens("names")):
                continue
            best.setdefault(person.ref, []).append(d)
    return {ref: sorted(ds, key=lambda d: d.weight, reverse=True) for ref, ds in best.items()}


class _Reading:
    """One person's description, built up from the matches that cover their name."""

    def __init__(self, person: Found, article: ArticleContext, by_token: dict[int, Found], found: tuple[Found, ...]):
        self.person = person
        self.article = article
        self.words: Words = article.words[person.paragraph]
        self.by_token = by_token
        self.found = found
        self.role: list[Token] = []
        self.describes: set[int] = set()

    def read(self, d: Descriptor) -> None:
        doc = self.person.doc
        if not self.role:  # the first run of title words: "its envoy, Lt. Gen. X" holds the office of envoy
            title, org = d.tokens("title"), set(d.tokens("org"))
            run = [i for k, i in enumerate(title) if all(j in org for j in range(title[0] + k, i))]
            self.role = [doc[i] for i in range(run[0], run[-1] + 1)] if run else []
        self.describes.update(i for i in d.tokens("title") if self.words.classes[i] == TITLE)
        if "countries" in d.slots:
            self._respectively(d)
        for slot in (s for s in d.slots if s.startswith("country=")):  # "R-Fla.": a US legislator
            self.person = self.person.with_country(slot.split("=", 1)[1], "title")
        for i in d.tokens("country"):
            self.person = (
                self.person.with_country(self.words.places[i].code, "title") if i in self.words.places else self.person
            )
        for i in d.tokens("org"):
            org = self.by_token.get(i)
            if org is not None and org.type == "Organization":
                self.person = replace(self.person, organization=org.ref)
                self.person = self.person.with_country(org.country, "title")
        owners = {owner.ref for owner in map(self._owner, d.tokens("owner_person")) if owner is not None}
        if len(owners) == 1 and not self._across_sides(d):  # "Y's adviser X": X acts for Y's country, whatever it is
            self.person = replace(self.person, possessor=owners.pop())
        for i in d.tokens("owner") + d.tokens("this_country"):
            self.person = self.person.with_country(self._country_before(doc[i]), "title")

    def _owner(self, i: int) -> Found | None:
        """The person a possessive names: the name itself, or for "his"/"her" the last person named
        before it in this sentence or the one before."""
        found = self.by_token.get(i)
        if found is not None:
            return found if found.type == "Person" else None
        token = self.person.doc[i]
        if token.pos_ != "PRON":
            return None
        earliest = token.sent.start if token.i > token.sent.start else (token.nbor(-1).sent.start if token.i > 0 else 0)
        before = [
            f
            for f in self.found
            if f.paragraph == self.person.paragraph and f.type == "Person" and earliest <= f.start < i
        ]
        return max(before, key=lambda f: f.start) if before else None

    def _across_sides(self, d: Descriptor) -> bool:
        """ "Y's counterpart X", "her host X": the title says X is on the other side."""
        return any(self.person.doc[i].lower_ in OTHER_SIDE_TITLES for i in d.tokens("title"))

    def _respectively(self, d: Descriptor) -> None:
        """ "The trade ministers of A, B and C, X, Y and Z, ...": the n-th name acts for the n-th country."""
        codes = list(dict.fromkeys(self.words.places[i].code for i in d.tokens("countries") if i in self.words.places))
        names = sorted({self.by_token[i].ref for i in d.tokens("names") if i in self.by_token})
        if len(codes) == len(names) and self.person.ref in names:
            self.person = self.person.with_country(codes[names.index(self.person.ref)], "title")

    def _country_before(self, token: Token) -> str | None:
        """The country "its" or "the country's" stands for: the last country (or body with one)
        named before it, in its paragraph or the ones before."""
        best = None
        for f in self.found:
            if (f.paragraph, f.start) >= (self.person.paragraph, token.i):
                continue
            code = f.key if f.type == "Country" and not f.implicit else f.country if f.type == "Organization" else None
            if code and (best is None or (f.paragraph, f.start) > best[0]):
                best = ((f.paragraph, f.start), code)
        return best[1] if best else None

    def read_clause(self) -> None:
        title = _clause_title(self.person.root)
        if title is None:
            self.read_led()
            return
        self.role = [
            t
            for t in title.subtree
            if t.i <= title.i and t.pos_ not in {"DET", "PRON"} and t.dep_ != "case" and not self.words.is_place(t.i)
        ]
        for t in title.subtree:
            if self.words.is_place(t.i) and t.dep_ in {"poss", "amod", "compound", "pobj"} and not _under_to(t, title):
                self.person = self.person.with_country(self.words.places[t.i].code, "title")
            elif t.i in self.by_token and self.by_token[t.i].type == "Organization":
                org = self.by_token[t.i]
                self.person = replace(self.person, organization=org.ref).with_country(org.country, "title")

    def read_led(self) -> None:
        """ "X, who heads Kenya's foreign ministry", "X, who represents Kenya", "X, speaking for the
        Kenyan government": X acts for the country whose body, delegation or self X leads or speaks for."""
        for led in _led_by(self.person.root):
            if self.words.is_place(led.i):
                self.person = self.person.with_country(self.words.places[led.i].code, "title")
                return
            if led.lemma_.lower() not in STATE_BODIES | GROUP_NOUNS or led.lower_ in NON_STATE_WORDS:
                continue
            for t in led.subtree:
                org = self.by_token.get(t.i)
                if self.words.is_place(t.i) and t.dep_ in {"poss", "amod", "compound"}:
                    self.person = self.person.with_country(self.words.places[t.i].code, "title")
                elif org is not None and org.type == "Organization" and org.country:
                    self.person = replace(self.person, organization=org.ref).with_country(org.country, "title")

    def _title_phrase(self) -> str:
        """The role with the two words before it and the title words (and a "for" phrase) after it: the
        office's full name where the role keeps only its head ("then-House Speaker", "the assistant
        secretary of state for Asian affairs")."""
        doc, classes = self.person.doc, self.words.classes
        start, end = self.role[0].i, self.role[-1].i + 1
        while end < len(doc) and classes[end] in (TITLE, TITLE_MOD):
            end += 1
        if end < len(doc) and doc[end].lower_ == "for":  # "Secretary of State for Wales" is not the US office
            end = min(end + 2, doc[end].sent.end)
        start = max(start - 2, doc[start].sent.start)
        return "".join(t.text_with_ws for t in doc[start:end])

    def result(self) -> Found:
        role = clean_name("".join(t.text_with_ws for t in self.role)) if self.role else None
        if role and self.person.country is None:  # "Secretary of State X": an office one country has
            self.person = self.person.with_country(national_title(self._title_phrase()), "syntax")
        return replace(
            self.person, role=role or self.person.role, describes=frozenset(self.describes | self.person.describes)
        )


def national_title(role: str) -> str | None:
    """The country an office belongs to by its name alone ("Secretary of State" -> US), if any."""
    words = title_words(role)
    return next((code for pattern, code in _national_title_patterns() if pattern.search(words)), None)


@lru_cache(maxsize=1)
def _national_title_patterns() -> list[tuple[re.Pattern, str]]:
    """The national titles as patterns, longest first (so "assistant secretary of state" wins over
    "secretary of state"); "for" after one makes it a regional office, except for those open to it."""
    titles = sorted(NATIONAL_TITLES.items(), key=lambda item: -len(item[0]))
    return [
        (re.compile(rf"\b{re.escape(title)}\b{'' if title in NATIONAL_TITLES_BEFORE_FOR else '(?! for)'}"), code)
        for title, code in titles
    ]


def _clause_title(root: Token) -> Token | None:
    """The title a relative clause or copula gives the person: "X, who was named Nepal's health
    minister", "X, who speaks for Norway's Health Ministry", "X is Oman's envoy"."""
    described = [root, *(c for c in kids(root) if c.dep_ == "appos")]  # "X, a former economist who became ..."
    verbs = [c for d in described for c in kids(d) if c.dep_ == "relcl" and c.lemma_ in OFFICE_VERBS]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        verbs.append(root.head)
    for verb in verbs:
        for child in kids(verb):
            heads = (
                [child]
                if child.dep_ in {"attr", "oprd", "dobj"}
                else [g for g in kids(child) if g.dep_ == "pobj"]
                if child.dep_ == "prep" and child.lower_ in {"as", "for"}
                else []
            )
            for head in heads:
                if any(t._.word == TITLE for t in head.subtree) or child.lower_ == "for" and verb.lemma_ == "speak":
                    return head
    return None


def _led_by(root: Token) -> list[Token]:
    """What a relative clause or participle says the person leads, represents or speaks for."""
    described = [root, *(c for c in kids(root) if c.dep_ == "appos")]
    if root.dep_ == "appos":  # "the envoy, X, who represents ...": the clause may hang on the title
        described.append(root.head)
    verbs = [
        c
        for d in described
        for c in kids(d)
        if (c.dep_ == "relcl" or c.dep_ == "acl" and c.tag_ == "VBG") and c.lemma_ in LEADING_VERBS
    ]
    if root.dep_ == "nsubj":  # "X, speaking for the Kenyan government, said": the participle hangs on the verb
        verbs += [c for c in kids(root.head) if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_ in LEADING_VERBS]
    out = []
    for verb in verbs:
        for child in kids(verb):
            if child.dep_ == "dobj":
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ == "for":
                out += [g for g in kids(child) if g.dep_ == "pobj"]
    return out


def _under_to(token: Token, head: Token) -> bool:
    """Below a "to" on the way up to head: the host country of an envoy ("ambassador *to* Oman")."""
    t = token
    while t != head and t.head != t:
        if t.dep_ == "pobj" and t.head.lower_ in {"to", "in", "with"}:
            return True
        t = t.head
    return False
