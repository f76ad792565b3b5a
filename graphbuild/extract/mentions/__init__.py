"""Find the people, countries and organizations an article mentions, as ordered, named passes.

Word classes (:mod:`graphbuild.extract.lexical`) come first, spaCy's NER
second: a title before a run of capitalized words is a name whatever NER
said, a demonym before a title is a country, not part of a name.  Each pass
is a registered function (``mention_passes``) from the mentions found so far
to the new list, so one can be tested alone, switched off or reordered, and
a plugin can add one (entry point group ``graphbuild_mention_passes``)::

    MentionFinder(gazetteer, passes=[p for p in DEFAULT_PASSES if p != "known_names"])

=========================  ==============================================================
``places``                  countries, capitals, abbreviations and demonyms (the gazetteer)
``people``                  names after titles and honorifics, and NER's PERSON spans, cleaned
``known_names``             words of a name the article gives in full, wherever they stand
``drop_places_in_names``    a place a name took ("President Georgia Mavrelis") is no country
``organizations``           NER's bodies without people, titles and places
``drop_headline_guesses``   organizations only a Title Case headline names
``recover_organizations``   "State Department", "the Omani embassy", defined acronyms
``drop_overlaps``           one mention per token: the longer span wins
``normalize_organizations`` names without articles; their country from their own words
``describe_people``         each person's role, country and body: the descriptor grammar
``affiliate_from_context``  a country from the rest of the article (same title, host, only country)
``resolve_references``      "he", "the president", "the two leaders", a quote's "me"
=========================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.mentions import (  # noqa: F401 - they register the passes
    context,
    describe,
    organizations,
    people,
    places,
    references,
)
from graphbuild.extract.mentions.registry import MentionPass, mention_passes

__all__ = ["DEFAULT_PASSES", "MentionFinder", "MentionPass", "mention_passes"]

DEFAULT_PASSES: tuple[str, ...] = (
    "places",
    "people",
    "known_names",
    "drop_places_in_names",
    "organizations",
    "drop_headline_guesses",
    "recover_organizations",
    "drop_overlaps",
    "normalize_organizations",
    "describe_people",
    "affiliate_from_context",
    "resolve_references",
)


class MentionFinder:
    """Runs the passes over the paragraphs (Docs) of one article."""

    def __init__(self, gazetteer: Gazetteer, passes: Sequence[str] = DEFAULT_PASSES):
        self.gazetteer = gazetteer
        self.passes: list[tuple[str, MentionPass]] = [(name, mention_passes.get(name)) for name in passes]

    def find(self, docs: Sequence[Doc]) -> tuple[Found, ...]:
        article = ArticleContext(tuple(docs), self.gazetteer)
        found: tuple[Found, ...] = ()
        for _, run in self.passes:
            found = run(found, article)
        return tuple(sorted(found, key=lambda f: (f.paragraph, f.start, f.end)))


@mention_passes.register("drop_overlaps")
def drop_overlaps(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Where spans overlap, the longer (then earlier-found) one wins."""
    kept: list[Found] = []
    taken: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        cells = {(f.paragraph, i) for i in f.tokens}
        if cells & taken:
            continue
        kept.append(f)
        taken |= cells
    return tuple(kept)
