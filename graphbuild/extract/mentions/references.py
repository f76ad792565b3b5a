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
  four envoys repeated *their* call"), or a subject "they" or an object
  "them" for the people who were the subject of the sentence before ("A
  and B arrived. *They* met C", "C welcomed *them*").  Groups are in
  :mod:`~graphbuild.extract.mentions.plural_references`.
* "I/me/my" inside quotation marks — the quote's speaker, the one person
  who "said" it in the paragraph.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Token

from graphbuild.extract.found import ArticleContext, Found, Ref
from graphbuild.extract.lexical import is_title_word, title_words
from graphbuild.extract.mentions.antecedents import Antecedent, window
from graphbuild.extract.mentions.plural_references import (
    count,
    counted_group,
    everyone_just_named,
    holders_for,
    lone_number,
    names_people,
    of_countries,
    plural_people,
    plural_pronoun,
)
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import SUBJECT_DEPS, clause_of, kids, quoted
from graphbuild.lexicon import (
    FIRST_PERSON_PRONOUNS,
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


@mention_passes.register("resolve_references")
def resolve_references(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    named = sorted(
        (f for f in found if f.type == "Person" and not f.implicit and not f.is_reference),
        key=lambda f: (f.paragraph, f.start),
    )
    taken = {(f.paragraph, i) for f in found for i in [*f.tokens, *f.describes]}
    people = [Antecedent(f.paragraph, f.root, (f.ref,), f) for f in named]  # kept in text order
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
                people.insert(at, Antecedent(paragraph, token, refs, reference))
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
    if lone_number(token):
        return True
    return token.pos_ in {"NOUN", "PROPN"} and names_people(token)


def _resolve(
    token: Token, paragraph: int, people: list[Antecedent], at: int, article: ArticleContext
) -> tuple[Ref, ...]:
    """What ``token`` refers to, given the people named before it (``people[:at]``, in text order)."""
    recent = people[max(0, at - _WINDOW_PEOPLE) : at]
    lower = token.lower_
    if token.pos_ == "PRON" and not lone_number(token):
        if lower in THIRD_PERSON_PRONOUNS:
            return _subject_ahead(token, paragraph, people[at : at + _WINDOW_PEOPLE]) or _singular_pronoun(
                token, paragraph, recent
            )
        if lower in PLURAL_PRONOUNS:
            return plural_pronoun(token, paragraph, recent)
        return ()
    if count(token):
        return counted_group(token, paragraph, recent)
    if plural_people(token):
        return everyone_just_named(token, paragraph, recent)
    countries = of_countries(token, article)
    if countries:
        return holders_for(token, countries, people[:at])
    if token.lemma_.lower() == "counterpart" and token.tag_ in {"NN", "NNP"}:
        return _counterpart(token, people[:at], article)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token))
    if definite and token.pos_ in {"NOUN", "PROPN"} and token.tag_ in {"NN", "NNP"} and is_title_word(token):
        return _description(
            token, (people[i] for i in range(at - 1, max(-1, at - 1 - _DESCRIPTION_LOOKBACK), -1)), article
        )
    return ()


def _subject_ahead(token: Token, paragraph: int, later: list[Antecedent]) -> tuple[Ref, ...]:
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


def _counterpart(token: Token, earlier: list[Antecedent], article: ArticleContext) -> tuple[Ref, ...]:
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


def _singular_pronoun(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    candidates = [p for p in window(token, paragraph, earlier) if len(p.refs) == 1]
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


def _description(token: Token, latest_first: Iterable[Antecedent], article: ArticleContext) -> tuple[Ref, ...]:
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


def _speaker(paragraph: int, quoted: set[int], people: list[Antecedent]) -> tuple[Ref, ...]:
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
