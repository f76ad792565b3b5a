"""The last pass: each person's role and the country they act for, from the words around the name.

In order of trust: the title before the name ("US Defence Secretary Lloyd
Austin", "Russia's Defence Minister ..."), an apposition after it ("Ely
Ratner, its assistant secretary"), the title the name is in apposition to
("China's defence minister, Admiral Dong Jun"), a group the person is listed
in ("officials, including X"), and last the only country the clause names.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace

from spacy.tokens import Doc, Token

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.spans import is_title_phrase, is_title_word
from graphbuild.extract.syntax import MODIFIER_DEPS, VERB_POS, clause_of, subtree_without, under_preposition
from graphbuild.lexicon import MEETING_NOUNS, PEOPLE_NOUNS
from graphbuild.models import CountryEvidence
from graphbuild.names import clean_name

#: Prepositions whose object is not the country a title belongs to ("envoy *to* the US").
_FOREIGN_PREPOSITIONS = frozenset({"to", "with", "against", "toward", "towards", "in", "near"})
#: A country under one of these is not the clause's own ("met officials *from* Peru"); "as" is not
#: among them: "confirmed *as* the new Chilean ambassador" names the person's country.
_ADJUNCT_PREPOSITIONS = _FOREIGN_PREPOSITIONS | {"from", "by", "for", "of", "on", "at", "over", "about", "into", "after", "before", "between", "during", "since", "under", "across"}
_POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their", "our"})
#: "Washington policymakers, including X", "X as national security adviser".
_LISTING_WORDS = frozenset({"including", "as"})

Countries = dict[int, Found]  # token index -> the country it names


@mention_passes.register("describe_people")
def describe_people(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    in_doc = ByParagraph(found)
    countries = {p: _country_tokens(doc, p, in_doc, article) for p, doc in enumerate(article.docs)}
    people = {p: {i: f for f in in_doc(p, "Person") for i in f.tokens} for p in range(len(article.docs))}
    return tuple(_described(f, people[f.paragraph], countries[f.paragraph]) if f.type == "Person" else f for f in found)


def _country_tokens(doc: Doc, paragraph: int, in_doc: ByParagraph, article: ArticleContext) -> Countries:
    """Country mentions, country words inside other spans ("US" in "US Treasury Secretary") and
    organizations with a country ("US Defence Department spokesperson"), by token."""
    gaz: Gazetteer = article.gazetteer
    countries = {i: f for f in in_doc(paragraph, "Country") for i in f.tokens}
    for t in doc:
        if t.i not in countries and t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ"}:
            code = gaz.country(t.text) or gaz.demonym(t.text)
            if code:
                countries[t.i] = article.found(paragraph, t.i, t.i + 1, "Country", gaz.name_of(code), code, implicit=True)
    for f in in_doc(paragraph, "Organization"):
        if f.country:
            for i in f.tokens:
                countries.setdefault(i, article.found(paragraph, i, i + 1, "Country", gaz.name_of(f.country), f.country, implicit=True))
    return countries


class _OtherPeople:
    """The tokens of the paragraph's other people's names (a set-like view, built once per paragraph)."""

    def __init__(self, people_tokens: Container[int], person: Found):
        self.people_tokens, self.person = people_tokens, person

    def __contains__(self, i: int) -> bool:
        return i in self.people_tokens and not self.person.start <= i < self.person.end


def _described(person: Found, people: dict[int, Found], countries: Countries) -> Found:
    """``people``: the paragraph's people, by the tokens of their names."""
    doc = person.doc
    other_people = _OtherPeople(people, person)
    root = person.root
    role_parts: list[str] = []
    describes: set[int] = set()

    # 1. The title before the name: "US Defence Secretary Lloyd Austin".
    prefix = _title_prefix(doc, person, other_people)
    start = prefix[0].i if prefix else person.start
    if start >= 2 and doc[start - 1].dep_ == "case":
        if start - 2 in countries:  # "Russia's Defence Minister Andrei Belousov"
            person = person.with_country(countries[start - 2].key, "title")
        owner = people.get(start - 2)
        person = replace(person, possessor=owner.ref if owner else None)
    if prefix:
        role_parts.append(_role_text(prefix, countries))
        describes.update(t.i for t in prefix)
        for t in prefix:
            if t.i in countries:
                person = person.with_country(countries[t.i].key, "title")
    # 2. An apposition after it: "Ely Ratner, its assistant secretary ...".
    for child in root.children:
        if child.dep_ == "appos" and child.i not in other_people and is_title_phrase(child):
            role_parts.append(_role_text(subtree_without(child, other_people), countries))
            describes.add(child.i)
            person = _country_from_phrase(person, child, countries, other_people)
    # 3. The name as apposition of a title: "China's defence minister, Admiral Dong Jun"
    #    (or of a noun inside it: "China's envoy to the US, Xie Feng").
    head = root.head if root.dep_ == "appos" else _comma_title(doc, person, prefix)
    for _ in range(3):
        if head is None or is_title_phrase(head) or head.dep_ not in {"pobj", "prep"}:
            break
        head = head.head
    if head is not None and is_title_phrase(head) and head.i not in other_people:
        phrase = [t for t in subtree_without(head, other_people) if t.i < root.left_edge.i and not under_preposition(t, head, {"to", "with", "in", "for"})]
        role_parts.insert(0, _role_text(phrase, countries))
        describes.add(head.i)
        person = _country_from_phrase(person, head, countries, other_people)
    # 4. "officials, including X" and "the senior U.S. diplomat ... has been X".
    t = root
    for _ in range(4):  # "Washington policymakers, including Director of National Intelligence Avril Haines"
        if t.dep_ == "pobj" and t.head.lower_ in _LISTING_WORDS:
            person = _country_from_modifiers(person, t.head.head, countries, "syntax")
            break
        t = t.head
    complement = _copula_complement(root)
    if complement is not None:
        for subject in (c for c in complement.head.children if c.dep_ in {"nsubj", "nsubjpass"}):
            person = _country_from_modifiers(person, subject, countries, "syntax")
    # 5. The only country the clause names outside other people's titles.
    clause = clause_of(root)
    if person.country is None and clause is not None:
        named = _clause_countries(person, clause, countries, other_people)
        if len(named) == 1:
            person = person.with_country(named.pop(), "sentence")
    role = "; ".join(dict.fromkeys(p for p in role_parts if p))
    return replace(person, role=role or None, describes=frozenset(describes | person.describes))


def _copula_complement(root: Token) -> Token | None:
    """The complement of "be" the name is, or stands in ("the senior U.S. diplomat has been Deputy
    Secretary of State X", however the parser attached the name inside the title)."""
    t = root
    for _ in range(4):
        if t.dep_ == "attr" and t.head.lemma_ == "be":
            return t
        if t.dep_ not in {"pobj", "prep", "compound", "appos", "nmod"} or t.head == t:
            return None
        t = t.head
    return None


def _clause_countries(person: Found, clause: Token, countries: Countries, other_people: _OtherPeople) -> set[str]:
    doc = person.doc
    in_clause = ((i, countries[i]) for i in range(clause.left_edge.i, clause.right_edge.i + 1) if i in countries)
    return {
        f.key
        for i, f in in_clause
        if not f.implicit or doc[i].ent_type_ in {"NORP", "GPE"}
        if i not in other_people
        and doc[i].dep_ in MODIFIER_DEPS  # "a U.S. request", not "visited China"
        and not under_preposition(doc[i], clause, _ADJUNCT_PREPOSITIONS) and not _in_others_title(doc[i], other_people)
        and not _names_other_people(doc[i], person) and clause_of(doc[i]) == clause
    }


def _names_other_people(token: Token, person: Found) -> bool:
    """A country that modifies a word for other people ("met *Chilean* officials", "her *Peruvian*
    counterpart") says which side they are on, not which this person is on."""
    head = token.head
    while head.dep_ == "compound" and head.head != head:
        head = head.head
    if head.left_edge.i <= person.root.i <= head.right_edge.i:
        return False  # the person's own title ("US national security adviser and secretary of state X")
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        return False  # what the subject is named or serves as ("X was confirmed as the new Chilean envoy")
    return head.lemma_.lower() in PEOPLE_NOUNS or head.lower_ in PEOPLE_NOUNS or is_title_word(head)


def _country_from_phrase(person: Found, head: Token, countries: Countries, other_people: _OtherPeople) -> Found:
    """The country a title phrase names: its own modifiers first, then deeper ("director of China's ... office")."""
    person = _country_from_modifiers(person, head, countries, "title")
    if person.country_evidence == "title":
        return person
    for t in subtree_without(head, other_people):
        if t.i in countries and not under_preposition(t, head, _FOREIGN_PREPOSITIONS):
            return person.with_country(countries[t.i].key, "syntax")
    return person


def _country_from_modifiers(person: Found, head: Token, countries: Countries, evidence: CountryEvidence) -> Found:
    for t in [head, *head.children]:
        if t.i in countries and (t is head or t.dep_ in MODIFIER_DEPS | {"npadvmod"}):
            return person.with_country(countries[t.i].key, evidence)
        for grandchild in t.children if t is not head and t.dep_ == "compound" else ():
            if grandchild.i in countries and grandchild.dep_ in {"compound", "amod", "poss"}:
                return person.with_country(countries[grandchild.i].key, evidence)
    return person


def _title_prefix(doc: Doc, person: Found, other_people: _OtherPeople) -> list[Token]:
    """Tokens before the name that form its title ("US Defence Secretary", "Chinese President")."""
    tokens: list[Token] = []
    i = person.start - 1
    left_edge = person.root.left_edge.i
    while i >= left_edge:
        t = doc[i]
        coordinated_title = t.pos_ == "CCONJ" and i > 0 and is_title_word(doc[i - 1])
        if t.i in other_people or not re.fullmatch(r"[\w.'’-]+", t.text) or t.is_punct and t.text not in {"-", "."} or t.pos_ in VERB_POS | {"ADP", "SCONJ", "CCONJ", "PRON"} and t.lower_ != "of" and not coordinated_title:
            break
        if t.dep_ == "case":  # "Biden's National Security Adviser": stop at the possessor
            break
        tokens.insert(0, t)
        if t.pos_ == "DET":
            break
        i -= 1
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ == "of"):
        tokens = tokens[1:]
    if not tokens:
        return []
    return tokens if any(is_title_word(t) for t in tokens) or tokens[-1].ent_type_ in {"NORP", "GPE"} else []


def _role_text(tokens: list[Token], countries: Countries) -> str:
    """A title phrase without articles, possessives and country words: "Defence Secretary"."""
    cut = next((k for k, t in enumerate(tokens) if k and (t.pos_ in VERB_POS or t.tag_ in {"WDT", "WP"} or t.is_punct and t.text not in {"-", "."} or _is_event_phrase(t))), len(tokens))
    words = [t for t in tokens[:cut] if t.pos_ != "DET" and t.dep_ != "case" and t.i not in countries and t.lower_ not in _POSSESSIVE_PRONOUNS]
    while words and (words[-1].is_punct or words[-1].pos_ in {"ADP", "CCONJ"}):
        words = words[:-1]
    while words and (words[0].is_punct or words[0].pos_ in {"ADP", "CCONJ"}):
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip(" ,")
    return clean_name(text) if any(is_title_word(t) for t in words) else ""


def _in_others_title(token: Token, other_people: _OtherPeople) -> bool:
    """A demonym or country inside another person's title ("Russian" in "Russian President Vladimir Putin")."""
    head = token.head
    return head.i in other_people or (head.dep_ == "compound" and head.head.i in other_people)


def _is_event_phrase(token: Token) -> bool:
    """A preposition introducing an event ("for a meeting"): the end of a title phrase."""
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.lemma_.lower() in MEETING_NOUNS for c in token.children)


def _comma_title(doc: Doc, person: Found, prefix: list[Token]) -> Token | None:
    """A title noun right before "<title>, Name" that the parser did not attach as apposition
    ("US Defence Department spokesperson, Lieutenant Colonel Martin Meiners")."""
    start = prefix[0].i if prefix else person.start
    if start >= 2 and doc[start - 1].text == "," and is_title_word(doc[start - 2]) and doc[start - 2].pos_ in {"NOUN", "PROPN"}:
        return doc[start - 2]
    return None
