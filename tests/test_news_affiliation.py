"""Whose country: the ways news says which state a person acts for, and what is not that.
Real model, invented text."""

from __future__ import annotations

import pytest

from invented_articles import resolved


def countries(extractor, text: str) -> dict[str, str | None]:
    """Person name -> the country code the resolved graph gives them."""
    resolution = resolved(extractor, text)
    return {e.name: e.country for e in resolution.entities if e.type == "Person"}


@pytest.mark.parametrize(
    "text, person, code",
    [
        ("President Tomas Berg of Chile arrived in Lima on Monday.", "Tomas Berg", "CL"),
        ("The Chilean Foreign Ministry said talks were cancelled between its foreign minister, Tomas Berg, and Peru's top diplomat, Ana Ruiz.", "Tomas Berg", "CL"),
        ("Chilean President Ana Ruiz met reporters with Lea Holm, Ruiz's chief of staff, on Monday.", "Lea Holm", "CL"),
        ("Ruiz met the Chancellor of Austria, Otto Brandt, the President of Chile, Tomas Berg, and the Prime Minister of Peru, Lea Holm.", "Lea Holm", "PE"),
        ("The group included North Dakota's Republican governor, Tom Varga.", "Tom Varga", "US"),
        ("Lawmakers including Rep. Tom Varga, R-Fla., voted against it.", "Tom Varga", "US"),
        # the rest of the article
        ("Chile's foreign minister will travel to Lima on Friday.\nForeign Minister Ana Ruiz said in a statement that trade would be discussed.", "Ana Ruiz", "CL"),
        ("The Chilean Defense Ministry strongly condemned the sale.\nSpokesperson Senior Col. Tomas Berg said the region would suffer.", "Tomas Berg", "CL"),
        ("Norway's foreign minister will travel to Peru on Friday to meet with Prime Minister Tomas Berg.", "Tomas Berg", "PE"),
        # a delegation's members act for its leader's country
        ("Peruvian President Tomas Berg met Chilean President Ana Ruiz in Santiago. Berg is accompanied by Trade Minister Lea Holm.", "Lea Holm", "PE"),
    ],
)
def test_country_of(extractor, text, person, code):
    assert countries(extractor, text)[person] == code


@pytest.mark.parametrize(
    "text, person",
    [
        ("The family of Sarah Mendel, the 4-year-old American dual citizen abducted in May, welcomed her release.", "Sarah Mendel"),
        ("Tomas Berg met Chilean officials in Lima.", "Tomas Berg"),
        ("Norway's foreign minister will travel to Peru to meet with Secretary General Tomas Berg of the alliance.", "Tomas Berg"),
    ],
)
def test_no_country(extractor, text, person):
    assert countries(extractor, text)[person] is None


def test_a_title_before_the_next_name_is_not_the_previous_persons(extractor):
    found = countries(extractor, "Ruiz met the President of the Northern Council, Otto Brandt, the Head of Chilean Diplomacy, Tomas Berg, and others.")
    assert found["Otto Brandt"] is None
