"""References to people named earlier: "he", "the president", "the two leaders", a quote's "me".

Conservative on purpose: a reference is resolved only where news English
makes it plain.

* "he/she/his/her/him" — the last person named as a subject in the same or
  the previous sentence (else the last person named there); an object
  pronoun never stands for its own clause's subject ("X said Y had called
  *him*" is X).
* "the president", "the Malian PM", "the agency director" — the last
  person earlier in the article whose role has that title, and whose
  country and title words fit the description's.
* "the two leaders", "both men" — the people named in the sentences just
  before, if there are exactly that many.
* "they/their" — the group that is the subject of their own clause ("the
  four envoys repeated *their* call").
* "I/me/my" inside quotation marks — the quote's speaker, the one person
  who "said" it in the paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from graphbuild.extract.coordination import listed_with
from graphbuild.extract.found import ArticleContext, Found, Ref
from graphbuild.extract.lexical import is_title_word, title_words
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import SUBJECT_DEPS, clause_of, kids, quoted
from graphbuild.lexicon import (
    FIRST_PERSON_PRONOUNS,
    NUMBER_WORDS,
    PEOPLE_NOUNS,
    PLURAL_PRONOUNS,
    SPEECH_VERBS,
    THIRD_PERSON_PRONOUNS,
    TITLE_FAMILIES,
)

#: More people than two sentences ever name: how far back a pronoun or group looks.
_WINDOW_PEOPLE = 40
#: How many people back "the president" looks for whom it names: far enough for any story, and a
#: bound on the work in a book-length text.
_DESCRIPTION_LOOKBACK = 300
_PERSON_PRONOUNS = THIRD_PERSON_PRONOUNS | PLURAL_PRONOUNS
_PERSON_LEMMAS = PEOPLE_NOUNS | {"man", "woman"}


@dataclass(frozen=True)
class _Person:
    """A named person, or a reference already resolved, at one place in the article."""

    paragraph: int
    token: Token
    refs: tuple[Ref, ...]
    found: Found

    @cached_property  # Token.sent walks the parse; the windows ask for it again and again
    def sentence(self) -> tuple[int, int]:
        return (self.paragraph, self.token.sent.start)

    @property
    def is_subject(self) -> bool:
        return self.token.dep_ in SUBJECT_DEPS


@mention_passes.register("resolve_references")
def resolve_references(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    named = sorted(
        (f for f in found if f.type == "Person" and not f.implicit and not f.is_reference),
        key=lambda f: (f.paragraph, f.start),
    )
    taken = {(f.paragraph, i) for f in found for i in [*f.tokens, *f.describes]}
    people = [_Person(f.paragraph, f.root, (f.ref,), f) for f in named]  # kept in text order
    positions = [(p.paragraph, p.token.i) for p in people]
    first_named: dict[Ref, Found] = {}
    for f in named:
        first_named.setdefault(f.ref, f)
    references: list[Found] = []
    for paragraph, doc in enumerate(article.docs):
        in_quotes = quoted(article.tokens[paragraph])
        for token in article.tokens[paragraph]:
            if (paragraph, token.i) in taken or not _may_refer(token):
                continue
            position = (paragraph, token.i)
            at = bisect_left(positions, position)
            refs = _resolve(token, paragraph, people, at, article)
            if refs:
                reference = _reference(article, paragraph, token, refs, first_named)
                references.append(reference)
                people.insert(at, _Person(paragraph, token, refs, reference))
                positions.insert(at, position)
        # A quote's "I" and "me" once the paragraph's own references ("..., he said") are known.
        here = people[bisect_left(positions, (paragraph, 0)) : bisect_left(positions, (paragraph + 1, 0))]
        speaker = _speaker(paragraph, in_quotes, here)
        for i in sorted(in_quotes):
            token = doc[i]
            if speaker and token.lower_ in FIRST_PERSON_PRONOUNS and (paragraph, i) not in taken:
                references.append(_reference(article, paragraph, token, speaker, first_named))
    return found + tuple(references)


def _may_refer(token: Token) -> bool:
    """A pronoun for people, a number standing alone for people ("the pair talked"), or a noun that may
    be a title or a group of people."""
    if token.pos_ == "PRON":
        return token.lower_ in _PERSON_PRONOUNS or token.lower_ == "both"
    if _lone_number(token):
        return True
    return token.pos_ in {"NOUN", "PROPN"} and _names_people(token)


def _names_people(token: Token) -> bool:
    """A title ("the president") or a noun for people ("the leaders", "both men", "the delegation")."""
    return is_title_word(token) or token.lemma_.lower() in _PERSON_LEMMAS or token.lower_ in PEOPLE_NOUNS


def _resolve(token: Token, paragraph: int, people: list[_Person], at: int, article: ArticleContext) -> tuple[Ref, ...]:
    """What ``token`` refers to, given the people named before it (``people[:at]``, in text order)."""
    recent = people[max(0, at - _WINDOW_PEOPLE) : at]
    lower = token.lower_
    if token.pos_ == "PRON" and not _lone_number(token):
        if lower in THIRD_PERSON_PRONOUNS:
            return _subject_ahead(token, paragraph, people[at : at + _WINDOW_PEOPLE]) or _singular_pronoun(
                token, paragraph, recent
            )
        if lower in PLURAL_PRONOUNS:
            return _plural_pronoun(token, paragraph, recent)
        return ()
    if _count(token):
        return _group(token, paragraph, recent)
    if _plural_people(token):
        return _everyone_just_named(token, paragraph, recent)
    countries = _of_countries(token, article)
    if countries:
        return _holders_for(token, countries, people[:at])
    if token.lemma_.lower() == "counterpart" and token.tag_ in {"NN", "NNP"}:
        return _counterpart(token, people[:at], article)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token))
    if definite and token.pos_ in {"NOUN", "PROPN"} and token.tag_ in {"NN", "NNP"} and is_title_word(token):
        return _description(
            token, (people[i] for i in range(at - 1, max(-1, at - 1 - _DESCRIPTION_LOOKBACK), -1)), article
        )
    return ()


def _window(token: Token, paragraph: int, earlier: list[_Person], sentences_before: int = 1) -> list[_Person]:
    """The people named in the same sentence before the token and in the sentences before it that
    name people (the previous paragraph's last one, at the start of a paragraph)."""
    own = (paragraph, token.sent.start)
    sentences = sorted({p.sentence for p in earlier} | {own})
    here = sentences.index(own)
    allowed = set(sentences[max(0, here - sentences_before) : here + 1])
    return [p for p in earlier if p.sentence in allowed]


def _subject_ahead(token: Token, paragraph: int, later: list[_Person]) -> tuple[Ref, ...]:
    """ "During *his* talks with Y, X said ...": a possessive in a phrase put before its clause's subject
    stands for that subject, when the subject names a person."""
    if token.dep_ != "poss":
        return ()
    below = token
    for verb in token.ancestors:
        subjects = [c for c in kids(verb) if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            fronted = below.dep_ in {"prep", "advcl", "npadvmod"} and below.i < subject.i and token.i < subject.i
            person = next((p for p in later if p.paragraph == paragraph and p.token.i == subject.i), None)
            return person.refs if fronted and person is not None and len(person.refs) == 1 else ()
        below = verb
    return ()


def _counterpart(token: Token, earlier: list[_Person], article: ArticleContext) -> tuple[Ref, ...]:
    """ "X met his Nigerian counterpart": the one person named earlier who acts for that country — of
    those, the one holding the possessor's title if several do."""
    words = token.doc._.words
    codes = {
        words.places[c.i].code for c in kids(token) if c.dep_ in {"amod", "compound", "nmod"} and c.i in words.places
    }
    if len(codes) != 1:
        return ()
    code = codes.pop()
    holders = {p.refs: p for p in earlier if len(p.refs) == 1 and p.found.country == code and not p.found.is_reference}
    if len(holders) > 1:
        owner = next(
            (p for p in reversed(earlier) if any(c.dep_ == "poss" and c.i == p.token.i for c in kids(token))), None
        )
        named = next((p.found for p in earlier if owner is not None and p.refs == owner.refs and p.found.role), None)
        title = title_words(named.role or "") if named is not None else ""
        holders = {refs: p for refs, p in holders.items() if title and title_words(p.found.role or "") == title}
    return next(iter(holders)) if len(holders) == 1 else ()


def _singular_pronoun(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    candidates = [p for p in _window(token, paragraph, earlier) if len(p.refs) == 1]
    if token.dep_ != "poss":  # "Y had called *him*": not Y; "Y, who met *her*": not Y either
        own_clause = clause_of(token)
        described = own_clause.head if own_clause is not None and own_clause.dep_ == "relcl" else None
        local = {p.token.i for p in candidates if p.is_subject and clause_of(p.token) == own_clause}
        if described is not None:
            local.add(described.i)
        candidates = [p for p in candidates if not (p.paragraph == paragraph and p.token.i in local)]
    own = (paragraph, token.sent.start)
    for group in ([p for p in candidates if p.sentence == own], [p for p in candidates if p.sentence != own]):
        subjects = [p for p in group if p.is_subject]  # the sentence's own people first, its subject first
        chosen = (subjects or group)[-1:]
        if chosen:
            return chosen[0].refs
    return ()


def _plural_pronoun(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    """ "their"/"they" for the group that is the subject of the pronoun's own clause."""
    clause = clause_of(token)
    for p in reversed(earlier):
        if p.paragraph == paragraph and p.is_subject and clause_of(p.token) == clause:
            group = [
                q.refs
                for q in earlier
                if q.paragraph == paragraph and (q.token == p.token or q.token in p.token.conjuncts)
            ]
            refs = tuple(dict.fromkeys(r for refs in group for r in refs))
            if len(refs) >= 2:
                return tuple(dict.fromkeys(refs + _list_just_before(token, paragraph, earlier)))
            return ()
    return _list_just_before(token, paragraph, earlier) or _subjects_before(token, paragraph, earlier)


def _subjects_before(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    """ "A and B arrived on Monday. *They* met C": a "they" that is its clause's subject stands for
    the people who were the subject of the sentence just before (two or more of them)."""
    if token.lower_ != "they" or token.dep_ not in SUBJECT_DEPS:
        return ()
    before = [p for p in _window(token, paragraph, earlier) if p.sentence != (paragraph, token.sent.start)]
    subjects = [p for p in before if p.is_subject and p.sentence == before[-1].sentence] if before else []
    if len(subjects) != 1:
        return ()
    head = subjects[0]
    group = [p for p in before if p.sentence == head.sentence and (p is head or p.token in head.token.conjuncts)]
    refs = tuple(dict.fromkeys(r for p in group for r in p.refs))
    if len(refs) == 1:  # a list the parse broke ("President A and President B arrived")
        by_token = {i: p.found for p in before if p.sentence == head.sentence for i in p.found.tokens}
        refs += tuple(f.ref for f in listed_with(head.found, by_token, head.token.doc._.words))
    return tuple(dict.fromkeys(refs)) if len(set(refs)) >= 2 else ()


def _list_just_before(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    """ "signed by ministers A (Fiji), B (Tonga) and C at the close of *their* meeting", where the parse
    broke the list: the list of people that ends last before the pronoun in its sentence."""
    here = [p for p in earlier if p.paragraph == paragraph and p.sentence == (paragraph, token.sent.start)]
    if token.dep_ != "poss" or not here or len(here[-1].refs) != 1:
        return ()
    last = here[-1].found
    by_token = {i: p.found for p in here for i in p.found.tokens}
    listed = [last, *listed_with(last, by_token, token.doc._.words)]
    return tuple(sorted({f.ref for f in listed})) if len(listed) >= 2 else ()


def _lone_number(token: Token) -> bool:
    """ "the two", "both", "the three" standing for people just named ("the pair then talked")."""
    return (
        token.lower_ in NUMBER_WORDS
        and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
        and (token.lower_ == "both" or any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token)))
    )


def _count(token: Token) -> int:
    """How many people "the two leaders", "both men" or "the two" are (0 for anything else)."""
    if _lone_number(token):
        return NUMBER_WORDS[token.lower_]
    if token.tag_ not in {"NNS", "NNPS"} or not _names_people(token):
        return 0
    numbers = [
        NUMBER_WORDS[c.lower_]
        for c in kids(token)
        if c.dep_ in {"nummod", "det", "predet", "quantmod"} and c.lower_ in NUMBER_WORDS
    ]
    return numbers[0] if len(numbers) == 1 else 0


def _group(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    """The people just named, if there are exactly as many as the phrase says."""
    wanted = _count(token)
    window = _window(token, paragraph, earlier)
    titled = [p for p in window if p.found.role]  # "the four envoys" were named with their titles
    own = [p for p in window if p.sentence == (paragraph, token.sent.start)]  # "..., where the two talked"
    for people in (own, window, titled):
        refs = tuple(dict.fromkeys(r for p in people for r in p.refs))
        if len({p.found.key for p in people}) == wanted == len(refs):
            return refs
    return ()


def _of_countries(token: Token, article: ArticleContext) -> set[str]:
    """The countries "the leaders of A, B and C" or "the trade ministers of A and B" name."""
    if token.tag_ not in {"NNS", "NNPS"} or not _names_people(token):
        return set()
    words = token.doc._.words
    codes = set()
    for prep in (c for c in kids(token) if c.dep_ == "prep" and c.lower_ == "of"):
        for g in (g for g in kids(prep) if g.dep_ == "pobj"):
            codes |= {words.places[t.i].code for t in [g, *g.conjuncts] if t.i in words.places}
    return codes if len(codes) >= 2 else set()


def _holders_for(token: Token, countries: set[str], earlier: list[_Person]) -> tuple[Ref, ...]:
    """The people named earlier who hold that title for those countries, one for each."""
    title = title_words(token.lemma_)
    titles = TITLE_FAMILIES.get(title, (title,))
    chosen: dict[str, tuple[Ref, ...]] = {}
    for p in reversed(earlier):
        role = title_words(p.found.role or "")
        if len(p.refs) == 1 and p.found.country in countries and role and any(t in role for t in titles):
            chosen.setdefault(p.found.country, p.refs)
    if len(chosen) < 2:
        return ()
    return tuple(dict.fromkeys(r for refs in chosen.values() for r in refs))


def _plural_people(token: Token) -> bool:
    """ "the leaders", "the ministers": a plural title or noun for people, with "the" and nothing else
    that says who they are."""
    return (
        token.tag_ in {"NNS", "NNPS"}
        and _names_people(token)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token))
        and not any(
            c.dep_ in {"amod", "compound", "poss", "nmod", "prep", "relcl", "acl", "appos"} for c in kids(token)
        )
    )


#: How many people "the leaders" may stand for: more, and the phrase is about a crowd.
_MOST_IN_A_GROUP = 4


def _everyone_just_named(token: Token, paragraph: int, earlier: list[_Person]) -> tuple[Ref, ...]:
    """ "The leaders also held a call": the people named in the sentences just before, if two to four
    (a surname used again is the same person)."""
    people: list[tuple[set[str], tuple[Ref, ...]]] = []
    for p in _window(token, paragraph, earlier, sentences_before=3):
        words = set(p.found.key.split())
        if len(p.refs) == 1 and words and not any(words & seen for seen, _ in people):
            people.append((words, p.refs))
    if not 2 <= len(people) <= _MOST_IN_A_GROUP:
        return ()
    return tuple(dict.fromkeys(r for _, refs in people for r in refs))


def _description(token: Token, latest_first: Iterable[_Person], article: ArticleContext) -> tuple[Ref, ...]:
    """ "the president", "the Malian PM": the last person named with that title (and country)."""
    gaz = article.gazetteer
    title = title_words(token.lemma_)
    country = None
    required: list[str] = []
    for child in kids(token):
        if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.text[:1].isupper():
            code = gaz.country(child.text) or gaz.demonym(child.text)
            if code:
                country = code
            elif child.pos_ == "PROPN":
                required.append(child.text.lower())  # "the agency's RSF commander"
    titles = TITLE_FAMILIES.get(title, (title,))  # "the leader" may be the president
    for p in latest_first:
        role = title_words(p.found.role or "")
        if (
            len(p.refs) != 1
            or not role
            or titles
            and not any(t in role for t in titles)
            or not titles
            and country is None
        ):
            continue
        if country is not None and p.found.country != country:
            continue
        if all(word in role for word in required):
            return p.refs
    return ()


def _speaker(paragraph: int, quoted: set[int], people: list[_Person]) -> tuple[Ref, ...]:
    """The one person who says the paragraph's quotes ("..., she said")."""
    if not quoted:
        return ()
    speakers = [
        p
        for p in people
        if p.paragraph == paragraph
        and p.token.i not in quoted
        and p.is_subject
        and p.token.head.lemma_.lower() in SPEECH_VERBS
        and p.token.head.i not in quoted
    ]
    if len({p.found.key.split()[-1] for p in speakers if p.found.key}) != 1:  # "X said ... 'me', X said": one person
        return ()
    return speakers[-1].refs


def _reference(
    article: ArticleContext, paragraph: int, token: Token, refs: tuple[Ref, ...], first_named: dict[Ref, Found]
) -> Found:
    first = first_named[refs[0]]
    return article.found(
        paragraph, token.i, token.i + 1, "Person", first.name, first.key, implicit=True, antecedents=refs
    )
