"""Each person's role and the country they act for, from the words around the name.

In order of trust: the title before the name ("US Defence Secretary Lloyd
Austin", "Russia's Defence Minister ...", "President X of Egypt", "Rep. X,
R-Fla."), an apposition after it ("Ely Ratner, its assistant secretary",
"X, Y's chief of staff"), the title the name is in apposition to ("China's
defence minister, Admiral Dong Jun", "the Prime Minister of Italy, X"), a
group the person is listed in ("officials, including X"), and last the only
country the clause names, unless it names the other side ("met Chilean
officials") or a nationality ("an American citizen").  A state, province or
region counts for its country ("North Dakota's governor").
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.passes.countries import Countries, country_tokens
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.passes.titles import comma_title, role_text, title_before_comma, title_prefix
from graphbuild.extract.spans import is_title_phrase, is_title_word
from graphbuild.extract.syntax import GROUP_POSSESSIVES, MODIFIER_DEPS, clause_of, subtree_without, under_preposition
from graphbuild.lexicon import PEOPLE_NOUNS, PRIVATE_PERSON_NOUNS
from graphbuild.models import CountryEvidence

#: Prepositions whose object is not the country a title belongs to ("envoy *to* the US").
_FOREIGN_PREPOSITIONS = frozenset({"to", "with", "against", "toward", "towards", "in", "near", "between"})
#: A country under one of these is not the clause's own ("met officials *from* Peru"); "as" is not
#: among them: "confirmed *as* the new Chilean ambassador" names the person's country.
_ADJUNCT_PREPOSITIONS = _FOREIGN_PREPOSITIONS | {"from", "by", "for", "of", "on", "at", "over", "about", "into", "after", "before", "between", "during", "since", "under", "across"}
#: "Washington policymakers, including X", "X as national security adviser".
_LISTING_WORDS = frozenset({"including", "as"})
#: What a title's own prepositional phrase does not belong to its role ("envoy *to the US*").
_OUTSIDE_ROLE_PREPOSITIONS = frozenset({"to", "with", "in", "for"})
#: How a country word may hang on a title's head ("US envoy").
_COUNTRY_MODIFIER_DEPS = MODIFIER_DEPS | {"npadvmod"}


@mention_passes.register("describe_people")
def describe_people(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    in_doc = ByParagraph(found)
    countries = {p: country_tokens(doc, p, in_doc, article) for p, doc in enumerate(article.docs)}
    people = {p: {i: f for f in in_doc(p, "Person") for i in f.tokens} for p in range(len(article.docs))}
    return tuple(_described(f, people[f.paragraph], countries[f.paragraph]) if f.type == "Person" else f for f in found)


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
    prefix = title_prefix(doc, person, other_people)
    start = prefix[0].i if prefix else person.start
    if start >= 2 and doc[start - 1].dep_ == "case":
        if start - 2 in countries:  # "Russia's Defence Minister Andrei Belousov"
            person = person.with_country(countries[start - 2].key, "title")
        owner = people.get(start - 2)
        person = replace(person, possessor=owner.ref if owner else None)
    if prefix:
        role_parts.append(role_text(prefix, countries))
        describes.update(t.i for t in prefix)
        person = _with_title_country(person, prefix, countries)
    for of in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):  # "President X of Egypt"
        for country in (g for g in of.children if g.dep_ == "pobj" and g.i in countries):
            person = person.with_country(countries[country.i].key, "title")
    if _party_and_state(doc, person.end):  # "Rep. X, R-Fla.": a US legislator
        person = person.with_country("US", "title")
    # 2. An apposition after it: "Ely Ratner, its assistant secretary ...", "X, Y's chief of staff".
    for child in root.children:
        if child.dep_ == "appos" and child.i not in other_people and is_title_phrase(child) and not _titles_the_next_name(child, other_people):
            role_parts.append(role_text(subtree_without(child, other_people), countries))
            describes.add(child.i)
            person = _country_from_phrase(person, child, countries, other_people)
            owner = next((people[c.i] for c in child.children if c.dep_ == "poss" and c.i in people), None)
            if owner is not None and person.possessor is None:
                person = replace(person, possessor=owner.ref)
    # 3. The name as apposition of a title: "China's defence minister, Admiral Dong Jun"
    #    (or of a noun inside it: "China's envoy to the US, Xie Feng").
    head = root.head if root.dep_ == "appos" else comma_title(doc, person, prefix)
    for _ in range(3):
        if head is None or is_title_phrase(head) or head.dep_ not in {"pobj", "prep"}:
            break
        head = head.head
    before_comma = title_before_comma(doc, person, prefix, other_people)
    if before_comma:  # "..., the Prime Minister of Italy, X": read off the words, however parsed
        role_parts.insert(0, role_text(before_comma, countries))
        describes.update(t.i for t in before_comma)
        person = _with_title_country(person, before_comma, countries)
    elif head is not None and is_title_phrase(head) and head.i not in other_people:
        phrase = [t for t in subtree_without(head, other_people) if t.i < root.left_edge.i and not under_preposition(t, head, _OUTSIDE_ROLE_PREPOSITIONS)]
        role_parts.insert(0, role_text(phrase, countries))
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


def _titles_the_next_name(title: Token, other_people: _OtherPeople) -> bool:
    """"A, the head of X, B": a title right before another name, or holding one, is that name's,
    however parsed."""
    after = title.right_edge.i + 1
    doc = title.doc
    if after < len(doc) and doc[after].text == ",":
        after += 1
    return after in other_people or any(t.i in other_people and t.dep_ in {"appos", "conj"} for t in title.subtree)


_PARTY_LETTERS = frozenset({"R", "D", "I"})


def _party_and_state(doc: Doc, end: int) -> bool:
    """", R-Fla." / ", D-Calif." right after a name: the US way of tagging a legislator."""
    return end + 3 < len(doc) and doc[end].text == "," and doc[end + 1].text in _PARTY_LETTERS and doc[end + 2].text == "-" and doc[end + 3].text[:1].isupper()


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
    counterpart") says which side they are on, not which this person is on; one that modifies a
    private person ("an *American* citizen") is a nationality, not a state they act for."""
    head = token.head
    while head.dep_ == "compound" and head.head != head:
        head = head.head
    word = head.lemma_.lower()
    if word in PRIVATE_PERSON_NOUNS or head.lower_ in PRIVATE_PERSON_NOUNS:
        return True
    if head.left_edge.i <= person.root.i <= head.right_edge.i:
        return False  # the person's own title ("US national security adviser and secretary of state X")
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        return False  # what the subject is named or serves as ("X was confirmed as the new Chilean envoy")
    return word in PEOPLE_NOUNS or head.lower_ in PEOPLE_NOUNS or is_title_word(head)


def _country_from_phrase(person: Found, head: Token, countries: Countries, other_people: _OtherPeople) -> Found:
    """The country a title phrase names: its own modifiers first ("its foreign minister": the last
    country or body with a country named before), then deeper ("director of China's ... office")."""
    person = _country_from_modifiers(person, head, countries, "title")
    if any(c.dep_ == "poss" and c.lower_ in GROUP_POSSESSIVES for c in head.children):
        before = [i for i in range(head.sent.start, head.i) if i in countries]
        if before:
            person = person.with_country(countries[before[-1]].key, "title")
    if person.country_evidence == "title":
        return person
    for t in subtree_without(head, other_people):
        if t.i in countries and not under_preposition(t, head, _FOREIGN_PREPOSITIONS):
            return person.with_country(countries[t.i].key, "syntax")
    return person


def _with_title_country(person: Found, title: Iterable[Token], countries: Countries) -> Found:
    """The person with the country their title's words name ("US Defence Secretary"; the last one counts)."""
    for t in title:
        if t.i in countries:
            person = person.with_country(countries[t.i].key, "title")
    return person


def _country_from_modifiers(person: Found, head: Token, countries: Countries, evidence: CountryEvidence) -> Found:
    for t in [head, *head.children]:
        if t.i in countries and (t is head or t.dep_ in _COUNTRY_MODIFIER_DEPS):
            return person.with_country(countries[t.i].key, evidence)
        for grandchild in t.children if t is not head and t.dep_ == "compound" else ():
            if grandchild.i in countries and grandchild.dep_ in {"compound", "amod", "poss"}:
                return person.with_country(countries[grandchild.i].key, evidence)
    return person


def _in_others_title(token: Token, other_people: _OtherPeople) -> bool:
    """A demonym or country inside another person's title ("Russian" in "Russian President Vladimir Putin")."""
    head = token.head
    return head.i in other_people or (head.dep_ == "compound" and head.head.i in other_people)


