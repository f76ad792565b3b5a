"""Countries for people whose own words give none, from the rest of the article.

* "Norway's trade minister is due in Hanoi ..." and later "Trade Minister
  X said": the same title, so the same country (if the article gives that
  title only one country).
* "Spokesperson X said" right after "the Chilean Defence Ministry
  condemned ...": a spokesperson with no body named speaks for the one
  the sentence before named.
* "flew to Oman to see Sultan X", "landed in Fiji, where
  she met Prime Minister X": a head of state, head of government or minister one
  travels to meet acts for the country travelled to.
* "X flew to Oman on Monday. ... He held talks with Foreign Minister Y":
  a head of state or government or a minister met after the article's one
  trip acts for the country it went to.
* "Greece will raise pensions, the cabinet said. Labour Minister X said
  ...": a holder of a state office in an article that names one country only
  acts for it (not an envoy, who is usually the other country's, and not
  where the person travels to that country).

Each gives the weaker "syntax" evidence, and only where the person has no
country yet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from graphbuild.extract.coordination import group_country, group_members, group_nouns, plural_people
from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.lexical import TITLE, Words, title_words
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import MODIFIER_DEPS, VERB_POS, kids
from graphbuild.lexicon import (
    HOST_TITLES,
    REPORTING_VERBS,
    SPEECH_VERBS,
    SPOKESPEOPLE,
    STATE_BODIES,
    STATE_OFFICES,
    TITLE_FAMILIES,
    TRAVEL_VERBS,
)
from graphbuild.rules import builtin_patterns


@mention_passes.register("affiliate_from_context")
def affiliate_from_context(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    titles = _titles_with_countries(found, article)
    bodies = [f for f in found if f.type == "Organization" and f.country]
    only = _only_country(found)
    groups = _group_countries(found, article)
    countries = {f.key for f in found if f.type == "Country"}
    trip = _only_trip(article)
    out = []
    for f in found:
        if f.type == "Person" and f.country is None and not f.implicit:
            words = article.words[f.paragraph]
            code = (
                groups.get(f.ref)
                or _same_title(f, titles)
                or _spokesperson_of(f, bodies)
                or _speaks_for(f, words)
                or _travelled_to(f, words)
                or _met_on_the_trip(f, trip)
                or _reported_by(f, words, bodies)
                or _sole_country(f, only, words)
                or _filed_from(f, article.dateline_country)
                or _opposite_number(f, found, countries, article.dateline_country)
                or _listed_after(f, found)
            )
            f = f.with_country(code, "syntax")
        out.append(f)
    return tuple(out)


def _group_countries(found: tuple[Found, ...], article: ArticleContext) -> dict:
    """The members of a delegation act for its country: the one it is named for ("an Omani team
    made up of A and B", "Omani officials, including A and B"), else the one country its members'
    titles give ("a delegation made up of Omani Energy Minister A, Finance Minister B and ...")."""
    countries = {}
    for paragraph, words in enumerate(article.words):
        by_token = {i: f for f in found if f.paragraph == paragraph for i in f.tokens}
        for group in [*group_nouns(words.doc), *plural_people(words)]:
            members = group_members(group, lambda t, here=by_token: [here[t.i]] if t.i in here else [], by_token, words)
            code = group_country(group, words)
            if code is None:
                codes = {m.country for m in members if m.country}
                code = codes.pop() if len(codes) == 1 else None
            countries.update((m.ref, code) for m in members if code and m.country is None)
    return countries


def _titles_with_countries(found: tuple[Found, ...], article: ArticleContext) -> dict[str, set[str]]:
    """Title -> the countries titles without a name give it in the article ("Australia's foreign minister")."""
    named = {(f.paragraph, i) for f in found if f.type == "Person" for i in [*f.tokens, *f.describes]}
    titles: dict[str, set[str]] = defaultdict(set)
    for paragraph, words in enumerate(article.words):
        for head in article.tokens[paragraph]:
            if words.classes[head.i] != TITLE or (paragraph, head.i) in named or head.tag_ not in {"NN", "NNP"}:
                continue
            if any(c.dep_ == "appos" for c in kids(head)) or (head.dep_ == "compound" and head.head.pos_ == "PROPN"):
                continue  # a title with a name: that person's own
            modifiers = [c for c in kids(head) if c.dep_ in MODIFIER_DEPS]
            codes = {words.places[c.i].code for c in modifiers if c.i in words.places}
            title = [c for c in modifiers if c.i not in words.places and c.dep_ != "poss" and words.classes[c.i]] + [
                head
            ]
            if len(codes) == 1:
                titles[title_words(" ".join(t.text for t in sorted(title, key=lambda t: t.i)))].update(codes)
    return titles


def _same_title(person: Found, titles: dict[str, set[str]]) -> str | None:
    title = title_words(person.role or "")
    if title in TITLE_FAMILIES:  # "leader", "official": too many hold one to say whose
        return None
    codes = titles.get(title, set())
    return next(iter(codes)) if len(codes) == 1 else None


def _spokesperson_of(person: Found, bodies: list[Found]) -> str | None:
    """The country of the last body with one named in the same or the sentence before."""
    if not person.role or not SPOKESPEOPLE & set(person.role.lower().split()):
        return None
    sentence = person.span.sent
    before = [b for b in bodies if (b.paragraph, b.start) < (person.paragraph, person.start)]
    if not before:
        return None
    last = before[-1]
    same_or_previous = (
        last.paragraph == person.paragraph
        and last.span.sent.end >= sentence.start - 1
        or last.paragraph == person.paragraph - 1
        and sentence.start == 0
    )
    return last.country if same_or_previous else None


def _speaks_for(person: Found, words: Words) -> str | None:
    """A state official announcing what a country does speaks for it: "Finland will send more
    ammunition, Defence Minister X said"."""
    if not person.role or not STATE_OFFICES & set(title_words(person.role).split()) or person.root.dep_ != "nsubj":
        return None
    verb = person.root.head
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    for clause in (c for c in kids(verb) if c.dep_ == "ccomp"):
        for subject in (c for c in kids(clause) if c.dep_ in {"nsubj", "nsubjpass"}):
            place = (
                subject.i
                if subject.i in words.places
                else next(
                    (c.i for c in kids(subject) if c.dep_ in {"poss", "amod", "compound"} and c.i in words.places), None
                )
            )
            if place is not None:
                return words.places[place].code
    return None


def _reported_by(person: Found, words: Words, bodies: list[Found]) -> str | None:
    """A state official in what a country's government reports acts for it: "The Chilean interior
    ministry said Minister X had ...", "Minister X met Y, Kenya's government said"."""
    if not person.role or not STATE_OFFICES & set(title_words(person.role).split()):
        return None
    clause = person.root
    while clause.dep_ != "ccomp" and clause.head != clause:
        clause = clause.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in SPEECH_VERBS | REPORTING_VERBS:
        return None
    for subject in (c for c in kids(verb) if c.dep_ == "nsubj"):
        if subject.i in words.places:
            return words.places[subject.i].code
        if subject.lemma_.lower() in STATE_BODIES:
            place = next((c.i for c in kids(subject) if c.dep_ in MODIFIER_DEPS and c.i in words.places), None)
            if place is not None:
                return words.places[place].code
        body = next((b for b in bodies if b.paragraph == person.paragraph and b.start <= subject.i < b.end), None)
        if body is not None:
            return body.country
    return None


def _travelled_to(person: Found, words: Words) -> str | None:
    """ "flew to Oman to see Sultan X", "landed in Fiji, where she met Prime Minister X"."""
    if not person.role or not HOST_TITLES & set(title_words(person.role).split()):
        return None
    t = _meeting_of(person.root)
    for _ in range(4):
        if t is None:
            return None
        code = _destination(t, words) or next(
            (
                c
                for s in kids(t)
                if s.dep_ in {"nsubj", "nsubjpass"}
                for r in kids(s)
                if r.dep_ == "relcl"
                for c in [_destination(r, words)]
                if c
            ),
            None,
        )
        if code:  # "X, who landed in Suva on Friday, then saw Prime Minister Y"
            return code
        if t.dep_ == "relcl" and t.head.i in words.places and any(c.lower_ == "where" for c in kids(t)):
            return words.places[t.head.i].code
        if t.dep_ not in {"xcomp", "advcl", "conj", "relcl", "dobj"} or t.head == t:
            return _arrived_just_before(t, words)
        t = t.head  # "flew to X and *held talks* with Y"
    return None


@dataclass(frozen=True)
class _Trip:
    country: str
    told_at: tuple[int, int]  # paragraph, token
    travellers: frozenset[str]  # the words of the traveller's phrase


def _only_trip(article: ArticleContext) -> _Trip | None:
    """The one country the article's people travel to, if there is exactly one: where the first journey
    there is told, and who made it."""
    trips = [
        (paragraph, t, code)
        for paragraph, words in enumerate(article.words)
        for t in article.tokens[paragraph]
        for code in _destinations(t, words)
    ]
    if len({code for *_, code in trips}) != 1:
        return None
    paragraph, verb, code = trips[0]
    travellers = frozenset(w.text for s in kids(verb) if s.dep_ == "nsubj" for w in s.subtree)
    return _Trip(code, (paragraph, verb.i), travellers)


def _met_on_the_trip(person: Found, trip: _Trip | None) -> str | None:
    """A head of state or government or a minister the traveller meets after the article's one journey
    is the host's: "X flew to Oman on Monday. ... She held talks with Foreign Minister Y"."""
    if trip is None or (person.paragraph, person.root.i) <= trip.told_at or not person.role:
        return None
    meeting = _meeting_of(person.root)
    if meeting is None or not HOST_TITLES & set(title_words(person.role).split()):
        return None
    verb = next((t for t in [meeting, *meeting.ancestors] if t.pos_ in VERB_POS), meeting)
    doer = next((c for c in kids(verb) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    by_traveller = doer is not None and (doer.lower_ in {"he", "she"} or doer.text in trip.travellers)
    return trip.country if by_traveller else None


def _arrived_just_before(verb: Token, words: Words) -> str | None:
    """ "X arrived in Lima on Monday. *She* was received by President Y": the sentence before the
    meeting's says where its doer travelled, and the meeting's doer is that traveller ("she", or a
    name the traveller's phrase holds)."""
    sentence = verb.sent
    if sentence.start == 0:
        return None
    before = verb.doc[sentence.start - 1].sent.root
    doer = next((c for c in kids(verb) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    traveller = next((c for c in kids(before) if c.dep_ == "nsubj"), None)
    if doer is None or traveller is None:
        return None
    same = doer.pos_ == "PRON" and doer.lower_ in {"he", "she"} or doer.text in {t.text for t in traveller.subtree}
    places = set(_destinations(before, words))
    return places.pop() if same and len(places) == 1 else None  # "flew to A and then to B": not said which


def _meeting_of(token: Token) -> Token | None:
    """The meeting verb or noun the person is the other side of ("to meet X", "talks with X")."""
    if token.dep_ not in {"dobj", "pobj"}:
        return None
    t = token
    for _ in range(3):
        t = t.head
        if t.lemma_.lower() in meeting_words():
            return t
        if t.dep_ not in {"pobj", "prep", "dobj", "agent"}:  # "was received *by* X" too
            break
    return None


@lru_cache(maxsize=1)
def meeting_words() -> frozenset[str]:
    """The lemmas that open a meeting in the trigger lexicon."""
    return frozenset(
        lemma
        for p in builtin_patterns().patterns
        if p.relation == "MET_WITH" and p.trigger and not p.requires
        for lemma in p.trigger.lemmas
    )


def _destination(verb: Token, words: Words) -> str | None:
    return next(iter(_destinations(verb, words)), None)


def _destinations(verb: Token, words: Words) -> list[str]:
    """The countries a verb of travel goes to: "flew to A and then *to B*", "visited A"."""
    if verb.lemma_.lower() not in TRAVEL_VERBS:
        return []
    preps = [c for c in kids(verb) if c.dep_ in {"prep", "conj"} and c.lower_ in {"to", "in"}]
    preps += [c for p in preps for c in p.conjuncts if c.lower_ in {"to", "in"}]
    places = [g for p in preps for g in kids(p) if g.dep_ == "pobj"] + [c for c in kids(verb) if c.dep_ == "dobj"]
    places = sorted(p for place in places for p in [place, *place.conjuncts])
    return [words.places[p.i].code for p in places if p.i in words.places and words.places[p.i].kind != "demonym"]


def _only_country(found: tuple[Found, ...]) -> tuple[str, tuple[int, int]] | None:
    """The one country the article names, if it names exactly one (demonyms included), and where it
    first does."""
    countries = sorted((f.paragraph, f.start, f.key) for f in found if f.type == "Country")
    if len({key for *_, key in countries}) != 1:
        return None
    paragraph, start, key = countries[0]
    return key, (paragraph, start)


def _opposite_number(
    person: Found, found: tuple[Found, ...], countries: set[str], dateline_country: str | None
) -> str | None:
    """ "President X and Chinese President Y": of two holders of one title named together, the one left
    unmarked is the other side's — the country the story is filed from, or the article's one other."""
    if not person.role:
        return None
    others = _countries_listed_with(person, found, {t.i for t in person.root.conjuncts}, same_title=True)
    if len(others) != 1:
        return None
    other = others.pop()
    if dateline_country is not None:
        return dateline_country if dateline_country != other else None
    rest = countries - {other}
    return rest.pop() if len(rest) == 1 else None


def _listed_after(person: Found, found: tuple[Found, ...]) -> str | None:
    """ "Belgian Foreign Minister A and Development Minister B": a different office named after a
    marked one in the same list is held for the same country (the same office would be the other
    side's, above)."""
    if not person.role or not STATE_OFFICES & set(title_words(person.role).split()):
        return None
    listed = {t.i for t in person.root.conjuncts if t.i < person.root.i}
    before = _countries_listed_with(person, found, listed, same_title=False)
    return before.pop() if len(before) == 1 else None


def _filed_from(person: Found, dateline_country: str | None) -> str | None:
    """A holder of a state office with no other country who speaks in a story filed from a country acts
    for it (a visitor is named with their own country: "OSLO - Prime Minister X said", X is Norway's)."""
    if dateline_country is None or not person.role or not STATE_OFFICES & set(title_words(person.role).split()):
        return None
    speaks = person.root.dep_ == "nsubj" and person.root.head.lemma_.lower() in SPEECH_VERBS
    return dateline_country if speaks else None


def _sole_country(person: Found, only: tuple[str, tuple[int, int]] | None, words: Words) -> str | None:
    """The article's one country, named before the person, for a holder of a state office who does
    not travel there ("Greece will raise pensions, the cabinet said. Labour Minister X said ...")."""
    if (
        only is None
        or only[1] > (person.paragraph, person.start)
        or not person.role
        or not STATE_OFFICES & set(title_words(person.role).split())
    ):
        return None
    clause = person.root.head
    while clause.pos_ not in VERB_POS and clause.head != clause:
        clause = clause.head
    if clause.lemma_.lower() in TRAVEL_VERBS and person.root.dep_ in {"nsubj", "nsubjpass"}:
        return None
    return only[0]


def _countries_listed_with(person: Found, found: tuple[Found, ...], listed: set[int], *, same_title: bool) -> set[str]:
    """The countries of the titled people of the person's paragraph whose names stand at ``listed``, holding
    the person's own office (``same_title``) or another one."""
    title = title_words(person.role or "")
    return {
        f.country
        for f in found
        if f.type == "Person"
        and f.paragraph == person.paragraph
        and f.country
        and f.role
        and f.root.i in listed
        and (title_words(f.role) == title) == same_title
    }
