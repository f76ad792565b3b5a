"""One node per person, body and country across invented articles: what the resolver makes of the
mentions the extraction hands it (countries named only by a demonym, bodies named with and without
their country, government metonyms)."""

from __future__ import annotations

import pytest
from invented_articles import extract, resolved


def nodes(resolution, etype: str) -> dict[str, object]:
    return {e.name: e for e in resolution.entities if e.type == etype}


def test_every_country_has_its_own_foreign_ministry(extractor):
    res = resolved(
        extractor,
        "The Chilean Foreign Ministry recalled its envoy in May.",
        "Peru's Foreign Ministry opened a consulate in Tacna.",
    )
    ministries = [e for e in res.entities if e.type == "Organization" and "Foreign Ministry" in e.name]
    assert sorted((e.name, e.country) for e in ministries) == [
        ("Chilean Foreign Ministry", "CL"),
        ("Peru's Foreign Ministry", "PE"),
    ]


def test_a_body_named_without_its_country_is_the_one_the_article_knows(extractor):
    res = resolved(
        extractor,
        "The Chilean Foreign Ministry recalled its envoy.\nLater the Foreign Ministry published the letter.",
    )
    assert [e.country for e in res.entities if e.type == "Organization"] == ["CL"]


def test_a_metonym_and_the_bodys_name_are_one_body(extractor):
    res = resolved(extractor, "The Pentagon announced new drills.\nThe US Department of Defense then cancelled them.")
    assert [(e.type, e.country) for e in res.entities if e.type == "Organization"] == [("Organization", "US")]


def test_a_demonym_is_no_mention_of_its_country(extractor):
    x = extract(extractor, "Canadian Prime Minister Liesel Obermayr phoned Mexican President Evaristo Bastida.")
    demonyms = [m for m in x.mentions if m.text in {"Canadian", "Mexican"}]
    assert [(m.type, m.implicit) for m in demonyms] == [("Country", True), ("Country", True)]
    canada = nodes(resolved(extractor, x.article.text), "Country")["Canada"]
    assert canada.mentions == []


def test_a_country_named_only_by_a_demonym_is_a_node_only_where_needed(extractor):
    assert "Bhutan" not in nodes(
        resolved(extractor, "Several Bhutanese pilgrims reached the shrine on Sunday."), "Country"
    )
    assert "Kenya" in nodes(
        resolved(extractor, "Kenyan President Nyambura Kamotho arrived on Sunday."), "Country"
    )  # her country


@pytest.mark.xfail(
    strict=True, reason="resolver: no country node is made for a country the article never names, so no AFFILIATED_WITH"
)
@pytest.mark.parametrize(
    "text", ["Secretary of State Dwight Harlowe arrived in Oslo.", "Rep. Dwight Harlowe, R-Fla., opposed the bill."]
)
def test_a_country_known_only_from_an_office_is_affiliated(extractor, text):
    res = resolved(extractor, text)
    assert ("person:dwight-harlowe", "country:us") in {
        (r.source, r.target) for r in res.relations if r.type == "AFFILIATED_WITH"
    }
