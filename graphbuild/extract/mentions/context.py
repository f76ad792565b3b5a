"""Countries for people whose own words give none, from the rest of the article.

* "Australia's foreign minister will travel ..." and later "Foreign Minister
  X said": the same title, so the same country (if the article gives that
  title only one country).
* "Spokesperson X said" right after "the Chilean Defence Ministry
  condemned ...": a spokesperson with no body named speaks for the one
  the sentence before named.
* "will travel to Chile to meet Prime Minister X", "arrived in Chile, where
  she met President X": a head of state, head of government or minister one
  travels to meet acts for the country travelled to.
* "Portugal will cut taxes, the government said. Finance Minister X said
  ...": a holder of a state office in an article that names one country only
  acts for it (not an envoy, who is usually the other country's, and not
  where the person travels to that country).

Each gives the weaker "syntax" evidence, and only where the person has no
country yet.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Token

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.lexical import TITLE, Words
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import MODIFIER_DEPS, VERB_POS
from graphbuild.lexicon import HOST_TITLES, SPOKESPEOPLE, STATE_OFFICES, TRAVEL_VERBS
from graphbuild.extract.spans import title_words


@mention_passes.register("affiliate_from_context")
def affiliate_from_context(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    titles = _titles_with_countries(found, article)
    bodies = [f for f in found if f.type == "Organization" and f.country]
    only = _only_country(found)
    out = []
    for f in found:
        if f.type == "Person" and f.country is None and not f.implicit:
            words = article.words[f.paragraph]
            code = _same_title(f, titles) or _spokesperson_of(f, bodies) or _travelled_to(f, words) or _sole_country(f, only, words)
            f = f.with_country(code, "syntax")
        out.append(f)
    return tuple(out)


def _titles_with_countries(found: tuple[Found, ...], article: ArticleContext) -> dict[str, set[str]]:
    """Title -> the countries titles without a name give it in the article ("Australia's foreign minister")."""
    named = {(f.paragraph, i) for f in found if f.type == "Person" for i in [*f.tokens, *f.describes]}
    titles: dict[str, set[str]] = defaultdict(set)
    for paragraph, words in enumerate(article.words):
        for head in article.tokens[paragraph]:
            if words.classes[head.i] != TITLE or (paragraph, head.i) in named or head.tag_ not in {"NN", "NNP"}:
                continue
            if any(c.dep_ == "appos" for c in head.children) or (head.dep_ == "compound" and head.head.pos_ == "PROPN"):
                continue  # a title with a name: that person's own
            modifiers = [c for c in head.children if c.dep_ in MODIFIER_DEPS]
            codes = {words.places[c.i].code for c in modifiers if c.i in words.places}
            title = [c for c in modifiers if c.i not in words.places and c.dep_ != "poss" and words.classes[c.i]] + [head]
            if len(codes) == 1:
                titles[title_words(" ".join(t.text for t in sorted(title, key=lambda t: t.i)))].update(codes)
    return titles


def _same_title(person: Found, titles: dict[str, set[str]]) -> str | None:
    codes = titles.get(title_words(person.role or ""), set())
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
    same_or_previous = last.paragraph == person.paragraph and last.span.sent.end >= sentence.start - 1 or last.paragraph == person.paragraph - 1 and sentence.start == 0
    return last.country if same_or_previous else None


def _travelled_to(person: Found, words: Words) -> str | None:
    """"travel to Chile to meet Prime Minister X", "arrived in Chile, where she met President X"."""
    if not person.role or not HOST_TITLES & set(title_words(person.role).split()) or person.root.dep_ not in {"dobj", "pobj", "conj", "appos"}:
        return None
    t = _verb_of_object(person.root)
    for _ in range(4):
        if t is None:
            return None
        code = _destination(t, words)
        if code:
            return code
        if t.dep_ == "relcl" and t.head.i in words.places and any(c.lower_ == "where" for c in t.children):
            return words.places[t.head.i].code
        t = t.head if t.dep_ in {"xcomp", "advcl", "conj", "relcl"} and t.head != t else None
    return None


def _verb_of_object(token: Token) -> Token | None:
    """The verb the person is the object of, directly or through a preposition ("to meet X", "talks with X")."""
    t = token
    for _ in range(3):
        t = t.head
        if t.pos_ in VERB_POS:
            return t
        if t.dep_ not in {"pobj", "prep", "dobj"}:
            break
    return None


def _destination(verb: Token, words: Words) -> str | None:
    if verb.lemma_.lower() not in TRAVEL_VERBS:
        return None
    for child in verb.children:
        places = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in {"to", "in"} else [child] if child.dep_ == "dobj" else []
        for place in places:
            if place.i in words.places and words.places[place.i].kind != "demonym":
                return words.places[place.i].code
    return None


def _only_country(found: tuple[Found, ...]) -> str | None:
    """The one country the article names, if it names exactly one (demonyms included)."""
    codes = {f.key for f in found if f.type == "Country"}
    return codes.pop() if len(codes) == 1 else None


def _sole_country(person: Found, only: str | None, words: Words) -> str | None:
    """The article's one country, for a holder of a state office who does not travel there."""
    if only is None or not person.role or not STATE_OFFICES & set(title_words(person.role).split()):
        return None
    clause = person.root.head
    while clause.pos_ not in VERB_POS and clause.head != clause:
        clause = clause.head
    if clause.lemma_.lower() in TRAVEL_VERBS and person.root.dep_ in {"nsubj", "nsubjpass"}:
        return None
    return only
