"""Lists of names, read off the words where the parse is lost.

"A team made up of Omani Energy Minister A, Finance Minister B and Labour
Minister C visited ..." is one list of three people, but a parser often
makes it something else (A a modifier of C, B an apposition).  A list is
read here from the words alone: names separated by commas or "and", with
only titles, places and articles between them — and never a name that is
the subject or object of another clause ("A met B, and C met D").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from graphbuild.extract.found import Found
from graphbuild.extract.lexical import (
    DEMONYM,
    HONORIFIC,
    PLACE,
    TITLE,
    TITLE_MOD,
    Words,
)
from graphbuild.extract.syntax import children, kids, listed_members
from graphbuild.lexicon import GROUP_NOUNS, MEMBER_VERBS, PEOPLE_NOUNS

_BETWEEN_NAMES = frozenset({TITLE, TITLE_MOD, HONORIFIC, DEMONYM, PLACE})
_SEPARATORS = frozenset({",", "and", "&"})
#: What may stand between two names of one list besides titles: "A *of* Malta and B", "A *(*Samoa*)*, B".
_INSIDE_LIST = frozenset({".", "of", "(", ")"})


def listed_with(person: Found, by_token: Mapping[int, Found], words: Words) -> list[Found]:
    """The other people of the list a person is named in, nearest first on each side."""
    out: list[Found] = []
    for step in (-1, 1):
        edge = person.start - 1 if step < 0 else person.end
        while True:
            neighbour = _next_in_list(edge, step, by_token, words)
            if neighbour is None or neighbour.type != "Person" or not _same_clause(neighbour, person):
                break
            out.append(neighbour)
            edge = neighbour.start - 1 if step < 0 else neighbour.end
    return out


def _next_in_list(i: int, step: int, by_token: Mapping[int, Found], words: Words) -> Found | None:
    """The next mention from token i on, if a separator and only title words stand between."""
    doc = words.doc
    separated = False
    while 0 <= i < len(doc):
        m = by_token.get(i)
        if m is not None and i in m.tokens and m.type == "Person":
            return m if separated else None
        t = doc[i]
        if t.lower_ in _SEPARATORS:
            separated = True
        elif not (
            words.classes[i] in _BETWEEN_NAMES
            or t.dep_ == "case"
            or t.pos_ == "DET"
            or t.text in _INSIDE_LIST
            or i in by_token
        ):
            return None
        i += step
    return None


def _same_clause(a: Found, b: Found) -> bool:
    """In one noun phrase, however the parser split it: both hang, through coordination, apposition
    and modifiers, from one word, or from one head in the same role ("A met B, and C met D": C is not
    in B's list; "after talks with A and B, C said": C is not in theirs)."""
    anchor_a, anchor_b = _anchor(a.root), _anchor(b.root)
    if anchor_a == anchor_b or anchor_a.dep_ == anchor_b.dep_ and anchor_a.head == anchor_b.head:
        return True
    first, second = sorted((a, b), key=lambda f: f.start)
    return _crosses(second.root, first.start)  # an apposition reaching back over a name: a broken parse


def _crosses(token: Token, before: int) -> bool:
    """Does the chain of links inside the phrase from token up hang on a word before ``before``?"""
    while token.dep_ in _INSIDE_PHRASE and token.head != token:
        if token.dep_ == "appos" and token.head.i < before:
            return True
        token = token.head
    return False


#: Links that stay inside one noun phrase of names.
_INSIDE_PHRASE = frozenset({"conj", "appos", "nmod", "compound", "npadvmod"})


def _anchor(token):
    while token.dep_ in _INSIDE_PHRASE and token.head != token:
        token = token.head
    return token


def is_group(token: Token) -> bool:
    return token.lemma_.lower() in _GROUP_LEMMAS


_GROUP_LEMMAS = GROUP_NOUNS | {"member"}


def group_nouns(doc: Doc) -> list[Token]:
    """The paragraph's nouns for groups of people, found by their lemma's hash (no Token made for the rest)."""
    wanted = {doc.vocab.strings.add(w) for w in _GROUP_LEMMAS}
    return [doc[i] for i, lemma in enumerate(doc.to_array([LEMMA])) if lemma in wanted]


def plural_people(words: Words) -> list[Token]:
    """The paragraph's plural nouns for people that a country modifies: "Kenyan officials", "Peru's
    negotiators" (they may list their members: "..., including X and Y")."""
    return [
        t
        for t in words.tokens
        if t.tag_ in {"NNS", "NNPS"}
        and (t.lower_ in PEOPLE_NOUNS or words.classes[t.i] == TITLE)
        and group_country(t, words) is not None
    ]


def names_closing_a_phrase(title: Token, by_token: Mapping[int, Found]) -> list[Found]:
    """ "the heads of the delegations from A and B, X and Y": the people named after a comma that ends a
    plural title's phrase, which the parser lists with a place inside it."""
    comma = next((t.i for t in title.subtree if t.i > title.i and t.text == ","), None)
    if comma is None:
        return []
    return [
        m
        for t in title.subtree
        if t.i > comma and (m := by_token.get(t.i)) is not None and m.type == "Person" and t.i == m.root.i
        if _inside_the_phrase(t, title)
    ]


def _inside_the_phrase(token: Token, top: Token) -> bool:
    """Is ``token`` part of ``top``'s noun phrase, not of a clause inside it ("the leaders, who met X")?"""
    while token != top:
        if token.dep_ not in {"conj", "appos", "pobj", "prep", "compound", "nmod", "punct", "cc"}:
            return False
        token = token.head
    return True


def _in_parentheses(group: Token, by_token: Mapping[int, Found]) -> list[Found]:
    """ "the leaders of Kenya (X), Uganda (Y) and Peru (Z) met": the names in parentheses after a
    plural noun, up to its verb."""
    doc, found = group.doc, []
    for i in range(group.i + 1, group.sent.end - 1):
        if doc[i].pos_ in {"VERB", "AUX"}:
            break
        m = by_token.get(i + 1)
        if doc[i].text == "(" and m is not None and m.type == "Person" and m.start == i + 1:
            found.append(m)
    return found if len(found) >= 2 else []


def _between_dashes(group: Token, by_token: Mapping[int, Found]) -> list[Found]:
    """ "his counterparts from A and B - X and Y - met": the first name of a list set off by a dash
    after a plural noun, before any verb (the parser often joins such a list to the countries before
    it); "the ministers met in Lima: X, Y and Z", after a colon further on in its sentence."""
    doc = group.doc
    end = min(group.sent.end, group.i + _DASH_REACH)
    dash = next((i for i in range(group.i + 1, end) if doc[i].text in _DASHES | {":"}), None)
    if dash is None or doc[dash].text != ":" and any(doc[i].pos_ in {"VERB", "AUX"} for i in range(group.i + 1, dash)):
        return []
    first = by_token.get(dash + 1)
    return [first] if first is not None and first.type == "Person" else []


#: How far after a plural noun the dash that opens its list of names may be.
_DASH_REACH = 12
_DASHES = frozenset({"-", "–", "—", "--"})


def _counted_among(group: Token) -> list[Token]:
    """ "X and Y were *among* the leaders who met", "*Among* those who met were X and Y": the names the
    copula says are among the group."""
    if not (group.dep_ == "pobj" and group.head.lower_ == "among" and group.head.head.lemma_ == "be"):
        return []
    return [c for c in kids(group.head.head) if c.dep_ in {"nsubj", "attr"} and c.i != group.head.i]


def group_members(
    group: Token, people_at: Callable[[Token], list[Found]], by_token: Mapping[int, Found], words: Words
) -> list[Found]:
    """The people a group is named as: "a delegation comprising X and Y", "led by X and including Y",
    "members of the delegation, including X", "the delegations of X and Y" — and, where the parse
    lost the list, the names right after the group's verb of membership."""
    if not is_group(group):  # "leaders including X and Y", "mediators such as X": people a plural noun lists
        if group.tag_ not in {"NNS", "NNPS"} and group.lower_ not in {"those", "these"}:
            return []
        heads = [t for h in [*listed_members(group), *_counted_among(group)] for t in [h, *h.conjuncts]]
        listed = [m for t in heads for m in people_at(t) if m.type == "Person"]
        if not listed and group.tag_ in {"NNS", "NNPS"}:
            listed = _in_parentheses(group, by_token) or _between_dashes(group, by_token)
        if len(listed) == 1:  # a list the parse broke: the names beside the one it kept
            listed += listed_with(listed[0], by_token, words)
        return list(dict.fromkeys(listed))
    heads = listed_members(group)
    of_phrases = [g for of in children(group, {"prep"}) if of.lower_ == "of" for g in children(of, {"pobj"})]
    if group.lemma_.lower() == "member":  # "members of the delegation, including X" lists them on either noun
        heads += [h for g in of_phrases for h in listed_members(g)]
    else:  # "the delegations of X and Y"
        heads += of_phrases
    if group.dep_ == "dobj" and group.head.lemma_.lower() in {"lead", "head"}:  # "X led the delegation"
        heads += children(group.head, {"nsubj"})
    found = [m for h in heads for t in [h, *h.conjuncts] for m in people_at(t) if m.type == "Person"]
    if not found:
        doc = group.doc
        first = next(
            (
                by_token[t.i]
                for t in doc[group.i + 1 : group.i + 8]
                if getattr(by_token.get(t.i), "type", None) == "Person"
            ),
            None,
        )
        if first is not None and any(t.lemma_.lower() in MEMBER_VERBS for t in doc[group.i + 1 : first.start]):
            found = [first, *listed_with(first, by_token, words)]
    return list(dict.fromkeys(found))


def group_country(group: Token, words: Words) -> str | None:
    """The country a group is from: "an *Omani* team", "*Kenya's* mission", "a delegation *from
    Peru*", "members of the *Omani* team"."""
    nouns = [group] + [
        g for of in children(group, {"prep"}) if of.lower_ == "of" for g in children(of, {"pobj"}) if is_group(g)
    ]
    for noun in nouns:
        for child in kids(noun):
            if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i in words.places:
                return words.places[child.i].code
            if child.dep_ == "prep" and child.lower_ == "from":
                for g in children(child, {"pobj"}):
                    if g.i in words.places:
                        return words.places[g.i].code
    return None
