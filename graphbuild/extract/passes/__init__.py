"""Find the people, countries and organizations an article mentions, as ordered, named passes.

spaCy's NER proposes spans; the passes fix what a small statistical model
gets wrong in news text, using the whole article as context.  Each pass is a
registered function (``mention_passes``) from the mentions found so far to
the new list, so one can be tested alone, switched off or reordered::

    MentionFinder(gazetteer, passes=[p for p in DEFAULT_PASSES if p != "recover_people"])

======================  ==============================================================
``ner_spans``            NER spans, typed with the gazetteer (countries, metonyms, demonyms)
``carve_titled_names``   a name swallowed by a long ORG span ("Director ... Avril Haines")
``relabel_names``        names NER labelled ORG ("Ratner"; "Olaf Scholz" after a title)
``drop_spurious``        roles, events and fragments labelled ORG; names run together
``drop_headline_guesses`` organizations only a Title Case headline names
``recover_people``       names the article uses elsewhere, names after a title
``recover_organizations`` "State Department", "the Chinese embassy"
``fix_person_labels``    PERSON spans that are organizations ("Bloomberg and Reuters")
``drop_overlaps``        one mention per token: the longer span wins
``normalize_organizations`` names without articles and country words; their country
``describe_people``      each person's role and country, from the words around the name
``affiliate_from_context`` a country from the rest of the article (same title, spokesperson, host)
``resolve_references``   "he", "the president", "the two leaders", a quote's "me"
======================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.passes import affiliation, describe, ner, organizations, people, references  # noqa: F401 - they register the passes
from graphbuild.extract.passes.registry import MentionPass, mention_passes

__all__ = ["DEFAULT_PASSES", "MentionFinder", "MentionPass", "mention_passes"]

DEFAULT_PASSES: tuple[str, ...] = (
    "ner_spans",
    "carve_titled_names",
    "relabel_names",
    "drop_spurious",
    "drop_headline_guesses",
    "recover_people",
    "recover_organizations",
    "fix_person_labels",
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
        return tuple(sorted(found, key=lambda f: (f.doc.user_data.get("offset", 0), f.start, f.end)))
