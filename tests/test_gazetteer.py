"""The gazetteer (graphbuild/extract/gazetteer.py): country names, official names, abbreviations,
capitals and seats of government, demonyms and first-level regions, built from countryinfo and
pycountry plus data/metonyms.json."""

from __future__ import annotations

import pytest

from graphbuild.extract.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    "text, code",
    [
        ("U.S.", "US"),
        ("US", "US"),
        ("United States", "US"),
        ("the United States", "US"),
        ("America", "US"),
        ("PRC", "CN"),
        ("People's Republic of China", "CN"),
        ("Beijing", "CN"),
        ("the Kremlin", "RU"),
        ("Kremlin", "RU"),
        ("Moscow", "RU"),
        ("Britain", "GB"),
        ("U.K.", "GB"),
        ("Tokyo", "JP"),
        ("Seoul", "KR"),
        ("North Korea", "KP"),
        ("Bosnia and Herzegovina", "BA"),
        ("DRC", "CD"),
        ("Canberra", "AU"),
        ("Montevideo", "UY"),
    ],
)
def test_country_names_abbreviations_capitals_and_seats_of_government(text, code):
    assert load_gazetteer().country(text) == code


@pytest.mark.parametrize(
    "text", ["San Francisco", "New York", "Shanghai", "Texas", "Europe", "Liberation", "PM", "Col"]
)
def test_cities_regions_and_look_alikes_are_not_countries(text):
    assert load_gazetteer().country(text) is None


@pytest.mark.parametrize(
    "text, code",
    [
        ("Chinese", "CN"),
        ("Russian", "RU"),
        ("Iranian", "IR"),
        ("Ukrainian", "UA"),
        ("Philippine", "PH"),
        ("Ghanaian", "GH"),
        ("Emirati", "AE"),
        ("Kazakh", "KZ"),
        ("U.S.", "US"),
    ],
)
def test_demonyms(text, code):
    gaz = load_gazetteer()
    assert gaz.demonym(text) == code
    if text != "U.S.":
        assert gaz.country(text) is None, "an adjective of nationality names no country"


def test_a_word_that_starts_like_a_country_is_no_demonym():
    assert load_gazetteer().demonym("Liberation") is None
    assert load_gazetteer().demonym("Liberian") == "LR"


@pytest.mark.parametrize("text, code", [("North Dakota", "US"), ("Queensland", "AU"), ("Ontario", "CA")])
def test_first_level_regions_belong_to_their_country(text, code):
    gaz = load_gazetteer()
    assert gaz.region(text) == code
    assert gaz.country(text) is None, "a region is no country of its own"


def test_every_country_has_a_short_common_name():
    gaz = load_gazetteer()
    assert {gaz.name_of(code) for code in ("US", "GB", "KR", "RU")} == {
        "United States",
        "United Kingdom",
        "South Korea",
        "Russia",
    }
