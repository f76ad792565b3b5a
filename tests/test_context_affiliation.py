"""A country from the rest of the article (the ``affiliate_from_context`` pass): for a person whose
own words give none — the delegation they are in, the same title given a country earlier, the body
a spokesperson speaks for, the country travelled to, the country a state official speaks for, the
only country the article names.  Always the weaker "syntax" evidence.  Real model, invented text."""

from __future__ import annotations

import pytest
from invented_articles import extract, people, resolved


def affiliation(extractor, text: str, person: str) -> tuple[str | None, str | None]:
    """(country, evidence) of a person's first mention."""
    m = people(extract(extractor, text))[person]
    return m.country, m.country_evidence


@pytest.mark.parametrize(
    "text, person, code",
    [
        # a delegation's members act for the country it is named for ...
        (
            "A Chilean delegation comprising Matias Vallecastro and Ines Marambio-Toro arrived in Lima.",
            "Ines Marambio-Toro",
            "CL",
        ),
        # ... or for the one country its members' titles give
        (
            "A delegation comprising Ugandan Energy Minister Okello Byaruhanga and Health Minister Nakato "
            "Ssemwogerere "
            "arrived in Nairobi.",
            "Nakato Ssemwogerere",
            "UG",
        ),
        # the same title given a country earlier in the article
        (
            "Australia's foreign minister is due in Fiji on Friday.\n"
            "Foreign Minister Harriet Coombe-Delaney told a radio station that fisheries were on the agenda.",
            "Harriet Coombe-Delaney",
            "AU",
        ),
        # a spokesperson speaks for the body named just before
        (
            "The Moroccan Defence Ministry published new procurement rules.\n"
            "Spokesperson Col. Driss Benkirane-Alaoui said they would save money.",
            "Driss Benkirane-Alaoui",
            "MA",
        ),
        # the head of government one travels to meet is the host's
        (
            "Norway's trade minister flew to Chile on Friday to confer with Prime Minister Ines Marambio-Toro.",
            "Ines Marambio-Toro",
            "CL",
        ),
        (
            "Estonian Prime Minister Kadri Vahtramae arrived in Chile, where she met President Ines Marambio-Toro.",
            "Ines Marambio-Toro",
            "CL",
        ),
        # ... or met later in the article about the one trip
        (
            "Estonian Prime Minister Kadri Vahtramae arrived in Chile on Monday.\n"
            "She later held talks with Foreign Minister Ines Marambio-Toro.",
            "Ines Marambio-Toro",
            "CL",
        ),
        # a state official announcing what a country does speaks for it
        (
            "Defence Minister Aatos Heinavaara said Finland would send more ammunition to Moldova.",
            "Aatos Heinavaara",
            "FI",
        ),
        (
            "“Finland will send more ammunition to Moldova,” Defence Minister Aatos Heinavaara said.",
            "Aatos Heinavaara",
            "FI",
        ),
        # a state official in what a country's government reports
        (
            "Iceland's foreign ministry announced that Foreign Minister Solveig Hrafnkelsdottir would answer questions today.",
            "Solveig Hrafnkelsdottir",
            "IS",
        ),
        ("Minister Kadri Vahtramae met envoys from Latvia, Estonia's government said.", "Kadri Vahtramae", "EE"),
        # a state official speaking in a story filed from a country
        (
            "OSLO (Reuters) — Prime Minister Henrik Lindqvale said the ferry service would restart.",
            "Henrik Lindqvale",
            "NO",
        ),
        # the only country the article names, before the holder of a state office
        (
            "Portugal will cut fuel taxes, the government said.\nFinance Minister Duarte Sequeira-Lobo said the cut "
            "would cost little.",
            "Duarte Sequeira-Lobo",
            "PT",
        ),
    ],
)
def test_a_country_from_the_context(extractor, text, person, code):
    assert affiliation(extractor, text, person) == (code, "syntax")


@pytest.mark.parametrize(
    "text, person",
    [
        # not a state office
        (
            "Portugal will cut fuel taxes, the government said.\nThe economist Duarte Sequeira-Lobo said the cut would "
            "cost little.",
            "Duarte Sequeira-Lobo",
        ),
        # an envoy is usually the other country's
        (
            "Portugal will cut fuel taxes, the government said.\nAmbassador Duarte Sequeira-Lobo said the cut would "
            "cost little.",
            "Duarte Sequeira-Lobo",
        ),
        # the only country is where the person travels
        (
            "Portugal will cut fuel taxes, the government said.\nFinance Minister Duarte Sequeira-Lobo flew to "
            "Portugal on Monday.",
            "Duarte Sequeira-Lobo",
        ),
        # the only country is named after the person
        (
            "Foreign Minister Duarte Sequeira-Lobo said the cut would cost little.\nPortugal will cut fuel taxes, "
            "the government said.",
            "Duarte Sequeira-Lobo",
        ),
        # the title was given two countries
        (
            "Australia's foreign minister and Fiji's foreign minister are due in Nadi on Friday.\n"
            "Foreign Minister Harriet Coombe-Delaney told a radio station that fisheries were on the agenda.",
            "Harriet Coombe-Delaney",
        ),
        # the official of an alliance one travels to meet
        (
            "Norway's trade minister flew to Ghana to confer with Secretary General Pieter van Hoeven of the "
            "fisheries alliance.",
            "Pieter van Hoeven",
        ),
        # a minister met after trips to two countries: which one is not said
        (
            "Estonian Prime Minister Kadri Vahtramae flew to Chile and then to Peru.\n"
            "She later held talks with Foreign Minister Ines Marambio-Toro.",
            "Ines Marambio-Toro",
        ),
        # the country of the people one meets is not one's own
        ("Lucien Vandermolen dined with Chilean diplomats in Quito.", "Lucien Vandermolen"),
    ],
)
def test_no_country_from_the_context(extractor, text, person):
    assert affiliation(extractor, text, person) == (None, None)


def test_the_persons_own_words_win_over_the_context(extractor):
    text = (
        "Australia's foreign minister is due in Fiji.\nFijian Foreign Minister Josefa Ravuvu-Lomani will greet her in "
        "Suva."
    )
    assert affiliation(extractor, text, "Josefa Ravuvu-Lomani") == ("FJ", "title")


def test_a_delegation_member_gets_the_country_in_the_graph(extractor):
    res = resolved(
        extractor, "A Chilean delegation comprising Matias Vallecastro and Ines Marambio-Toro arrived in Lima."
    )
    affiliated = {(r.source, r.target) for r in res.relations if r.type == "AFFILIATED_WITH"}
    assert affiliated == {("person:matias-vallecastro", "country:cl"), ("person:ines-marambio-toro", "country:cl")}


@pytest.mark.xfail(
    strict=True,
    reason="the guest's title ('the Estonian president') is given to the host she met, before the travelled-to rule",
)
def test_the_host_of_a_guest_with_the_same_title_acts_for_the_country_visited(extractor):
    text = "The Estonian president arrived in Chile, where she met President Ines Marambio-Toro."
    assert affiliation(extractor, text, "Ines Marambio-Toro") == ("CL", "syntax")


@pytest.mark.parametrize(
    "text",
    [
        # a plural noun for people that a country modifies and that lists them
        "Senior Kenyan officials, including Defence Minister Awino Okumbe and army chief Baraka Kiptanui, "
        "attended the talks in Lima with Peruvian Foreign Minister Rosa Huallpa.",
        "Kenyan negotiators such as Awino Okumbe and Baraka Kiptanui met Peruvian Foreign Minister Rosa Huallpa.",
    ],
)
def test_people_a_national_plural_lists_act_for_its_country(extractor, text):
    found = people(extract(extractor, text))
    assert (found["Awino Okumbe"].country, found["Baraka Kiptanui"].country) == ("KE", "KE")


@pytest.mark.xfail(
    strict=True, reason="a delegation of three whose list the parse breaks gives its country to the first member only"
)
def test_every_member_of_a_delegation_of_three(extractor):
    text = (
        "A Kenyan delegation comprising Foreign Minister Mwangi Wafula-Njenga, Defence Minister Awino Okumbe-Kerubo "
        "and Trade Minister Baraka Kiptanui arrived in Kampala."
    )
    found = people(extract(extractor, text))
    assert {name: m.country for name, m in found.items()} == dict.fromkeys(found, "KE")


@pytest.mark.xfail(
    strict=True, reason="where the parser makes 'said' a conj of the reported verb, no reported clause is found"
)
def test_a_state_official_after_the_clause_he_reports(extractor):
    text = "Finland will send more ammunition to Moldova, Defence Minister Aatos Heinavaara said on Monday."
    assert affiliation(extractor, text, "Aatos Heinavaara") == ("FI", "syntax")


def test_a_visitor_in_a_story_filed_from_a_country_keeps_their_own(extractor):
    text = "OSLO (Reuters) — Lithuanian Prime Minister Vaiva Jurgelionyte said the ferry service would restart."
    assert affiliation(extractor, text, "Vaiva Jurgelionyte") == ("LT", "title")


def test_the_host_one_travels_to_hold_talks_with(extractor):
    text = "Norway's trade minister flies to Chile on Friday to hold talks with Prime Minister Ines Marambio-Toro."
    assert affiliation(extractor, text, "Ines Marambio-Toro") == ("CL", "syntax")


@pytest.mark.parametrize(
    "text",
    [
        "Norway's trade minister, Sigrun Vatne, arrived in Santiago on Monday. She was received by President "
        "Tadeo Irarrazabal at the palace.",
        "Norway's trade minister, Sigrun Vatne, landed in Santiago on Monday. Vatne held talks with President "
        "Tadeo Irarrazabal.",
    ],
)
def test_the_host_met_right_after_the_traveller_arrives(extractor, text):
    assert affiliation(extractor, text, "Tadeo Irarrazabal")[0] == "CL"


def test_a_host_met_by_someone_else_than_the_traveller_gets_no_country(extractor):
    text = (
        "Norway's trade minister, Sigrun Vatne, landed in Santiago on Monday. Ivo Brandt held talks with "
        "President Tadeo Irarrazabal."
    )
    assert affiliation(extractor, text, "Tadeo Irarrazabal")[0] is None
