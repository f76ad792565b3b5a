"""Countries: every place the gazetteer knows that is not part of a person's name.

A country's name, a capital standing for its government ("Beijing said"),
a seat of government ("the Kremlin") or an abbreviation ("U.S.") is a
mention of the country; a demonym ("Kenyan") is an *implicit* one: it
attaches to its country and becomes a node only where a relation or
someone's country needs it.
"""

from __future__ import annotations

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.mentions.registry import mention_passes


@mention_passes.register("places")
def places(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    out = list(found)
    gaz = article.gazetteer
    for paragraph, words in enumerate(article.words):
        for place in sorted(set(words.places.values()), key=lambda p: p.start):
            if place.kind != "region" and all(words.is_place(i) for i in range(place.start, place.end)):
                fields = {"implicit": True} if place.kind == "demonym" else {}
                out.append(
                    article.found(
                        paragraph, place.start, place.end, "Country", gaz.name_of(place.code), place.code, **fields
                    )
                )
    return tuple(out)


@mention_passes.register("drop_places_in_names")
def drop_places_in_names(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Country mentions whose words a person's name took ("President *Georgia* Mavrelis")."""
    return tuple(
        f for f in found if f.type != "Country" or all(article.words[f.paragraph].is_place(i) for i in f.tokens)
    )
