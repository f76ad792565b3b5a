"""References to several people: "they"/"their", "the two leaders", "both men", "the leaders",
"the foreign ministers of A and B" — each stands for a group only where the text just named one."""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.coordination import listed_with
from graphbuild.extract.found import ArticleContext, Found, Ref
from graphbuild.extract.lexical import is_title_word, title_words
from graphbuild.extract.mentions.antecedents import Antecedent, window
from graphbuild.extract.syntax import SUBJECT_DEPS, clause_of, kids
from graphbuild.lexicon import NUMBER_WORDS, PEOPLE_NOUNS, TITLE_FAMILIES

_PERSON_LEMMAS = PEOPLE_NOUNS | {"man", "woman"}


def names_people(token: Token) -> bool:
    """A title ("the president") or a noun for people ("the leaders", "both men", "the delegation")."""
    return is_title_word(token) or token.lemma_.lower() in _PERSON_LEMMAS or token.lower_ in PEOPLE_NOUNS


def plural_pronoun(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """ "their"/"they" for the group that is the subject of the pronoun's own clause ("them" never is)."""
    if token.lower_ == "them":
        return _subjects_before(token, paragraph, earlier)
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


def _subjects_before(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """ "A and B arrived on Monday. *They* met C", "C welcomed *them*": a "they" that is its clause's
    subject, or a "them" that is an object, stands for the people who were the subject of the sentence
    just before (two or more of them)."""
    subject = token.lower_ == "they" and token.dep_ in SUBJECT_DEPS
    if not (subject or token.lower_ == "them" and token.dep_ in {"dobj", "pobj", "dative"}):
        return ()
    return _subject_group(token, paragraph, earlier)


def _subject_group(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """The two or more people who were the subject of the sentence before the token's."""
    before = [p for p in window(token, paragraph, earlier) if p.sentence != (paragraph, token.sent.start)]
    subjects = [p for p in before if p.is_subject and p.sentence == before[-1].sentence] if before else []
    if len(subjects) != 1:
        return ()
    head = subjects[0]
    group = [p for p in before if p.sentence == head.sentence and (p is head or p.token in head.token.conjuncts)]
    refs = tuple(dict.fromkeys(r for p in group for r in p.refs))
    if len(refs) == 1:  # a list the parse broke ("President A and President B arrived")
        refs += tuple(f.ref for f in _with_its_list(head, [p for p in before if p.sentence == head.sentence]))
    return tuple(dict.fromkeys(refs)) if len(set(refs)) >= 2 else ()


def _with_its_list(person: Antecedent, sentence: list[Antecedent]) -> list[Found]:
    """A person named by name, and the people of its sentence named in one list with it (read off the
    words, where the parse broke the list)."""
    by_token = {i: p.found for p in sentence for i in p.found.tokens}
    return [person.found, *listed_with(person.found, by_token, person.token.doc._.words)]


def _list_just_before(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """ "signed by ministers A (Fiji), B (Tonga) and C at the close of *their* meeting", where the parse
    broke the list: the list of people that ends last before the pronoun in its sentence."""
    here = [p for p in earlier if p.paragraph == paragraph and p.sentence == (paragraph, token.sent.start)]
    if token.dep_ != "poss" or not here or len(here[-1].refs) != 1:
        return ()
    listed = _with_its_list(here[-1], here)
    return tuple(sorted({f.ref for f in listed})) if len(listed) >= 2 else ()


def lone_number(token: Token) -> bool:
    """ "the two", "both", "the three" standing for people just named ("the pair then talked")."""
    return (
        token.lower_ in NUMBER_WORDS
        and token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
        and (token.lower_ == "both" or any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token)))
    )


def count(token: Token) -> int:
    """How many people "the two leaders", "both men" or "the two" are (0 for anything else)."""
    if lone_number(token):
        return NUMBER_WORDS[token.lower_]
    if token.tag_ not in {"NNS", "NNPS"} or not names_people(token):
        return 0
    numbers = [
        NUMBER_WORDS[c.lower_]
        for c in kids(token)
        if c.dep_ in {"nummod", "det", "predet", "quantmod"} and c.lower_ in NUMBER_WORDS
    ]
    return numbers[0] if len(numbers) == 1 else 0


def counted_group(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """The people just named, if there are exactly as many as the phrase says."""
    wanted = count(token)
    nearby = window(token, paragraph, earlier)
    titled = [p for p in nearby if p.found.role]  # "the four envoys" were named with their titles
    own = [p for p in nearby if p.sentence == (paragraph, token.sent.start)]  # "..., where the two talked"
    for people in (own, nearby, titled):
        refs = tuple(dict.fromkeys(r for p in people for r in p.refs))
        if len({p.found.key for p in people}) == wanted == len(refs):
            return refs
    subjects = _subject_group(token, paragraph, earlier) if token.dep_ in SUBJECT_DEPS else ()
    return subjects if len(subjects) == wanted else ()  # "A and B met C. *The two men* then ..."


def of_countries(token: Token, article: ArticleContext) -> set[str]:
    """The countries "the leaders of A, B and C" or "the trade ministers of A and B" name."""
    if token.tag_ not in {"NNS", "NNPS"} or not names_people(token):
        return set()
    words = token.doc._.words
    codes = set()
    for prep in (c for c in kids(token) if c.dep_ == "prep" and c.lower_ == "of"):
        for g in (g for g in kids(prep) if g.dep_ == "pobj"):
            codes |= {words.places[t.i].code for t in [g, *g.conjuncts] if t.i in words.places}
    return codes if len(codes) >= 2 else set()


def holders_for(token: Token, countries: set[str], earlier: list[Antecedent]) -> tuple[Ref, ...]:
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


def plural_people(token: Token) -> bool:
    """ "the leaders", "the ministers": a plural title or noun for people, with "the" and nothing else
    that says who they are."""
    return (
        token.tag_ in {"NNS", "NNPS"}
        and names_people(token)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token))
        and not any(
            c.dep_ in {"amod", "compound", "poss", "nmod", "prep", "relcl", "acl", "appos"} for c in kids(token)
        )
    )


#: How many people "the leaders" may stand for: more, and the phrase is about a crowd.
_MOST_IN_A_GROUP = 4


def everyone_just_named(token: Token, paragraph: int, earlier: list[Antecedent]) -> tuple[Ref, ...]:
    """ "The leaders also held a call": the people named in the sentences just before, if two to four
    (a surname used again is the same person)."""
    people: list[tuple[set[str], tuple[Ref, ...]]] = []
    for p in window(token, paragraph, earlier, sentences_before=3):
        words = set(p.found.key.split())
        if len(p.refs) == 1 and words and not any(words & seen for seen, _ in people):
            people.append((words, p.refs))
    if not 2 <= len(people) <= _MOST_IN_A_GROUP:
        return ()
    return tuple(dict.fromkeys(r for _, refs in people for r in refs))
