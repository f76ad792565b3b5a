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

Each gives the weaker "syntax" evidence, and only where the person has no
country yet.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Token

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.passes.countries import Countries, country_tokens
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.spans import is_title_word, title_words
from graphbuild.extract.syntax import MODIFIER_DEPS, VERB_POS
from graphbuild.lexicon import MEETING_NOUNS, MEETING_VERBS

#: Titles of those one travels to a country to meet.
_HOST_TITLES = frozenset({"president", "prime", "premier", "king", "queen", "emir", "sultan", "chancellor", "minister"})
_SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman"})
_TRAVEL_VERBS = frozenset({"travel", "fly", "go", "head", "arrive", "visit", "come", "land"})


@mention_passes.register("affiliate_from_context")
def affiliate_from_context(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    in_doc = ByParagraph(found)
    countries = {p: country_tokens(doc, p, in_doc, article) for p, doc in enumerate(article.docs)}
    titles = _titles_with_countries(found, article, countries)
    bodies = [f for f in found if f.type == "Organization" and f.country]
    out = []
    for f in found:
        if f.type == "Person" and f.country is None and not f.implicit:
            code = _same_title(f, titles) or _spokesperson_of(f, bodies) or _travelled_to(f, countries[f.paragraph])
            f = f.with_country(code, "syntax")
        out.append(f)
    return tuple(out)


def _titles_with_countries(found: tuple[Found, ...], article: ArticleContext, countries: dict[int, Countries]) -> dict[str, set[str]]:
    """Title -> the countries unnamed titles give it in the article ("Australia's foreign minister")."""
    named = {(f.paragraph, i) for f in found if f.type == "Person" for i in [*f.tokens, *f.describes]}
    titles: dict[str, set[str]] = defaultdict(set)
    for paragraph, doc in enumerate(article.docs):
        for head in article.tokens[paragraph]:
            if (paragraph, head.i) in named or head.pos_ not in {"NOUN", "PROPN"} or not is_title_word(head) or head.tag_ not in {"NN", "NNP"}:
                continue
            if any(c.dep_ == "appos" for c in head.children) or (head.dep_ == "compound" and head.head.pos_ == "PROPN"):
                continue  # a title with a name: that person's own
            modifiers = [c for c in head.children if c.dep_ in MODIFIER_DEPS]
            codes = {countries[paragraph][c.i].key for c in modifiers if c.i in countries[paragraph]}
            words = [c for c in modifiers if c.i not in countries[paragraph] and c.dep_ != "poss" and is_title_word(c) or c.lower_ in {"foreign", "defence", "defense", "prime", "finance", "trade", "interior"}]
            if len(codes) == 1:
                titles[title_words(" ".join(t.text for t in sorted([*words, head], key=lambda t: t.i)))].update(codes)
    return titles


def _same_title(person: Found, titles: dict[str, set[str]]) -> str | None:
    codes = titles.get(title_words(person.role or ""), set())
    return next(iter(codes)) if len(codes) == 1 else None


def _spokesperson_of(person: Found, bodies: list[Found]) -> str | None:
    """The country of the last body with one named in the same or the sentence before."""
    if not person.role or not _SPOKESPEOPLE & set(person.role.lower().split()):
        return None
    sentence = person.span.sent
    before = [b for b in bodies if (b.paragraph, b.start) < (person.paragraph, person.start)]
    if not before:
        return None
    last = before[-1]
    same_or_previous = last.paragraph == person.paragraph and last.span.sent.end >= sentence.start - 1 or last.paragraph == person.paragraph - 1 and sentence.start == 0
    return last.country if same_or_previous else None


def _travelled_to(person: Found, countries: Countries) -> str | None:
    """"travel to Chile to meet Prime Minister X", "arrived in Chile, where she met President X"."""
    if not person.role or not _HOST_TITLES & set(title_words(person.role).split()):
        return None
    meeting = _meeting_of(person.root)
    t = meeting
    for _ in range(4):
        if t is None:
            return None
        code = _destination(t, countries)
        if code:
            return code
        if t.dep_ == "relcl" and t.head.i in countries and any(c.lower_ == "where" for c in t.children):
            return countries[t.head.i].key
        t = t.head if t.dep_ in {"xcomp", "advcl", "conj", "relcl"} and t.head != t else None
    return None


def _meeting_of(token: Token) -> Token | None:
    """The meeting verb or noun the person is the object of ("to meet X", "talks with X")."""
    t = token
    for _ in range(3):
        t = t.head
        lemma = t.lemma_.lower()
        if t.pos_ in VERB_POS and lemma in MEETING_VERBS or lemma in MEETING_NOUNS:
            return t
        if t.dep_ not in {"pobj", "prep", "dobj"}:
            break
    return None


def _destination(verb: Token, countries: Countries) -> str | None:
    if verb.lemma_.lower() not in _TRAVEL_VERBS:
        return None
    for child in verb.children:
        places = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in {"to", "in"} else [child] if child.dep_ == "dobj" else []
        for place in places:
            if place.i in countries and not countries[place.i].implicit:
                return countries[place.i].key
    return None
