"""People who stand for others in an event (the participant collector, coordination.py): companions
("accompanied by", "along with", "together with", "joined by", "travelled with"), groups that stand
for their listed members (a delegation comprising, headed by ... which included, members of ...
including), and lists the parser loses.  Companions take part in the event and are ACCOMPANIED_BY
the person they are with.  Real model, invented sentences."""

from __future__ import annotations

import pytest
from invented_articles import extract, met, people, relations, resolved

LUKUMAY = "President Amani Lukumay"
KELLERBRAND = "Chancellor Matthias Kellerbrand"


def met_and_accompanied(extractor, text: str) -> set:
    return relations(extract(extractor, text), "MET_WITH", "ACCOMPANIED_BY")


# --- companions --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"{LUKUMAY}, accompanied by Foreign Minister Rehema Mtalai, met {KELLERBRAND} in Vienna.",
        f"{LUKUMAY}, along with Foreign Minister Rehema Mtalai, met {KELLERBRAND} in Vienna.",
        f"{LUKUMAY}, together with Foreign Minister Rehema Mtalai, held talks with {KELLERBRAND}.",
        f"{LUKUMAY}, who was accompanied by Foreign Minister Rehema Mtalai, met {KELLERBRAND}.",
    ],
)
def test_a_companion_meets_the_other_side(extractor, text):
    assert met_and_accompanied(extractor, text) == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Rehema Mtalai", "Matthias Kellerbrand"),
        ("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai"),
    }


def test_every_companion_of_a_list_the_parser_made_one_name_meets_the_other_side(extractor):
    text = (
        f"{LUKUMAY}, who was accompanied by Foreign Minister Jane Wambui and Defence Minister Juma Kiwelu, "
        f"met with {KELLERBRAND}."
    )
    assert relations(extract(extractor, text), "MET_WITH") == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Jane Wambui", "Matthias Kellerbrand"),
        met("Juma Kiwelu", "Matthias Kellerbrand"),
    }


def test_the_companions_of_one_named_by_a_pronoun(extractor):
    text = f"{LUKUMAY} arrived in Vienna on Monday. He was accompanied by Foreign Minister Rehema Mtalai."
    assert relations(extract(extractor, text), "ACCOMPANIED_BY") == {
        ("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai")
    }


def test_one_who_joins_a_person_meets_them_and_the_other_side(extractor):
    text = f"{LUKUMAY}, joined by Foreign Minister Rehema Mtalai, met {KELLERBRAND}."
    assert met_and_accompanied(extractor, text) == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Rehema Mtalai", "Matthias Kellerbrand"),
        met("Amani Lukumay", "Rehema Mtalai"),  # the joined-by sense: those who join someone meet them
        ("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai"),
    }


def test_a_companion_of_a_trip_is_accompanying_without_an_event(extractor):
    x = extract(extractor, f"{LUKUMAY} travelled to Vienna with Foreign Minister Rehema Mtalai on Monday.")
    assert relations(x, "ACCOMPANIED_BY") == {("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai")}


def test_a_companion_named_in_a_sentence_of_its_own(extractor):
    x = extract(
        extractor, f"{LUKUMAY} met {KELLERBRAND} in Vienna. Lukumay is accompanied by Foreign Minister Rehema Mtalai."
    )
    assert relations(x, "ACCOMPANIED_BY") == {("ACCOMPANIED_BY", "Lukumay", "Rehema Mtalai")}


def test_a_companion_acts_for_the_country_of_the_person_she_accompanies(extractor):
    res = resolved(
        extractor, f"Tanzanian {LUKUMAY} flew to Vienna. Lukumay is accompanied by Foreign Minister Rehema Mtalai."
    )
    assert {(r.source, r.target) for r in res.relations if r.type == "AFFILIATED_WITH"} >= {
        ("person:rehema-mtalai", "country:tz")
    }


@pytest.mark.xfail(
    strict=True,
    reason="ACCOMPANIED_BY declares no 'shares': a companion named in another sentence gets none of the meetings",
)
def test_a_companion_named_in_another_sentence_shares_the_meetings(extractor):
    res = resolved(
        extractor, f"{LUKUMAY} met {KELLERBRAND} in Vienna. Lukumay is accompanied by Foreign Minister Rehema Mtalai."
    )
    pairs = {frozenset((r.source, r.target)) for r in res.relations if r.type == "MET_WITH"}
    assert frozenset(("person:rehema-mtalai", "person:matthias-kellerbrand")) in pairs


@pytest.mark.xfail(
    strict=True, reason="the only country of the article, named before a minister, goes to a companion on a trip there"
)
def test_a_companion_on_a_trip_does_not_act_for_the_country_visited(extractor):
    x = extract(extractor, f"{LUKUMAY} travelled to Vienna with Foreign Minister Rehema Mtalai on Monday.")
    assert next(m for m in x.mentions if m.name == "Rehema Mtalai").country is None


@pytest.mark.xfail(strict=True, reason="'with X at her side' is read as a meeting of the two, not as X accompanying")
def test_a_companion_at_ones_side(extractor):
    text = f"{LUKUMAY} met {KELLERBRAND} with Foreign Minister Rehema Mtalai at her side."
    assert met_and_accompanied(extractor, text) == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Rehema Mtalai", "Matthias Kellerbrand"),
        ("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai"),
    }


# --- groups and their members ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"A delegation comprising Tanzanian Foreign Minister Rehema Mtalai and Trade Minister Baraka Kiptanui met "
        f"{KELLERBRAND}.",
        f"Members of the Tanzanian delegation, including Rehema Mtalai and Baraka Kiptanui, met {KELLERBRAND}.",
        f"Tanzanian negotiators such as Rehema Mtalai and Baraka Kiptanui met {KELLERBRAND}.",
        # any plural noun that lists people stands for them, even where the parse broke the list
        f"Mediators including Tanzanian Prime Minister Rehema Mtalai and Ugandan intelligence chief Baraka "
        f"Kiptanui met with {KELLERBRAND} in Vienna.",
    ],
)
def test_a_group_stands_for_its_listed_members(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {
        met("Rehema Mtalai", "Matthias Kellerbrand"),
        met("Baraka Kiptanui", "Matthias Kellerbrand"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # the names a copula counts among the group that met
        (
            "Presidents Amani Lukumay, Rehema Mtalai and Baraka Kiptanui were among the leaders who met in Arusha.",
            {
                met("Amani Lukumay", "Rehema Mtalai"),
                met("Amani Lukumay", "Baraka Kiptanui"),
                met("Rehema Mtalai", "Baraka Kiptanui"),
            },
        ),
        (
            "Among those who met in Arusha were Presidents Amani Lukumay, Rehema Mtalai and Baraka Kiptanui.",
            {
                met("Amani Lukumay", "Rehema Mtalai"),
                met("Amani Lukumay", "Baraka Kiptanui"),
                met("Rehema Mtalai", "Baraka Kiptanui"),
            },
        ),
        # a plural title in apposition with a list, after a colon
        (
            "The three ministers met in Lima: Tanzanian Minister Amani Lukumay, Kenyan Minister Rehema Mtalai and "
            "Ugandan Minister Baraka Kiptanui.",
            {
                met("Amani Lukumay", "Rehema Mtalai"),
                met("Amani Lukumay", "Baraka Kiptanui"),
                met("Rehema Mtalai", "Baraka Kiptanui"),
            },
        ),
        # names in parentheses after the countries a plural noun lists
        (
            "The leaders of Tanzania (Amani Lukumay), Kenya (Zawadi Kiprotich) and Uganda (Baraka Kiptanui) met in Arusha.",
            {
                met("Amani Lukumay", "Zawadi Kiprotich"),
                met("Amani Lukumay", "Baraka Kiptanui"),
                met("Zawadi Kiprotich", "Baraka Kiptanui"),
            },
        ),
        # a list set off by dashes after a plural noun
        (
            f"{KELLERBRAND} met his counterparts from Kenya and Uganda - Presidents Rehema Mtalai and Baraka Kiptanui - in Vienna.",
            {met("Matthias Kellerbrand", "Rehema Mtalai"), met("Matthias Kellerbrand", "Baraka Kiptanui")},
        ),
    ],
)
def test_a_group_named_by_a_copula_or_dashes_stands_for_its_names(extractor, text, expected):
    x = extract(extractor, text)
    assert relations(x, "MET_WITH") == expected
    assert not relations(x, "ACCOMPANIED_BY")  # one's counterparts are the other side, not one's party


def test_a_delegation_stands_for_its_leader_and_members_who_accompany_the_leader(extractor):
    text = (
        f"Austrian {KELLERBRAND} received the Tanzanian delegation headed by {LUKUMAY}, "
        "which included Foreign Minister Rehema Mtalai."
    )
    found = met_and_accompanied(extractor, text)
    assert {
        met("Matthias Kellerbrand", "Amani Lukumay"),
        met("Matthias Kellerbrand", "Rehema Mtalai"),
        ("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai"),
    } <= found


def test_an_entourage_accompanies_the_person_whose_it_is(extractor):
    text = f"{KELLERBRAND} had dinner with {LUKUMAY}. Lukumay's entourage included Trade Minister Baraka Kiptanui."
    assert relations(extract(extractor, text), "ACCOMPANIED_BY") == {("ACCOMPANIED_BY", "Lukumay", "Baraka Kiptanui")}


@pytest.mark.xfail(strict=True, reason="the leaders of two delegations are made to accompany each other")
def test_the_leaders_of_two_delegations_do_not_accompany_each_other(extractor):
    text = "The Tanzanian and Austrian delegations, led by Rehema Mtalai and Anselm Grasbeck, held talks in Vienna."
    assert relations(extract(extractor, text), "ACCOMPANIED_BY") == set()


# --- lists the parser loses --------------------------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="the middle one of three titled names the parser makes an apposition is left out of the delegation",
)
def test_a_list_of_titled_names_is_read_off_the_words(extractor):
    text = (
        "A delegation comprising Kenyan Foreign Minister Mwangi Wafula-Njenga, Defence Minister Awino Okumbe-Kerubo "
        f"and Trade Minister Baraka Kiptanui met {KELLERBRAND} in Vienna."
    )
    assert relations(extract(extractor, text), "MET_WITH") == {
        met(name, "Matthias Kellerbrand") for name in ("Mwangi Wafula-Njenga", "Awino Okumbe-Kerubo", "Baraka Kiptanui")
    }


def test_a_list_of_names_with_their_countries(extractor):
    text = "Prime Ministers Dragan Vukomirovic of Croatia and Blagoja Tasevski of Albania met President Rehema Mtalai."
    assert relations(extract(extractor, text), "MET_WITH") == {
        met("Dragan Vukomirovic", "Rehema Mtalai"),
        met("Blagoja Tasevski", "Rehema Mtalai"),
    }


def test_a_mission_of_three_listed_with_their_countries(extractor):
    text = (
        "A mission made up of President Viliami Tupoumalo of Tonga, President Ioane Tuilagi-Fono of Samoa and "
        "President Kaitu Tebano of Kiribati met Prime Minister Harriet Coombe-Delaney of Australia."
    )
    assert relations(extract(extractor, text), "MET_WITH") == {
        met(name, "Harriet Coombe-Delaney") for name in ("Viliami Tupoumalo", "Ioane Tuilagi-Fono", "Kaitu Tebano")
    }


def test_people_of_two_clauses_are_not_one_list(extractor):
    text = f"{LUKUMAY} met {KELLERBRAND}, and Foreign Minister Rehema Mtalai met Envoy Anselm Grasbeck."
    assert relations(extract(extractor, text), "MET_WITH") == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Rehema Mtalai", "Anselm Grasbeck"),
    }


def test_one_who_leads_a_delegation_is_of_it(extractor):
    text = "Juma Kiwelu headed the Tanzanian delegation that met Chancellor Matthias Kellerbrand in Vienna."
    x = extract(extractor, text)
    assert relations(x, "MET_WITH") == {met("Juma Kiwelu", "Matthias Kellerbrand")}
    assert people(x)["Juma Kiwelu"].country == "TZ"
