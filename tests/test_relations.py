"""Relations from events (graphbuild/extract/relations.py): the pairs each relation type's
declaration makes of an event's participants — symmetric or directed, joint or one after another —
the theme an event must be about, and the memberships and companionships the mentions carry.
Real model, invented sentences."""

from __future__ import annotations

import pytest
from invented_articles import extract, met, relations, resolved, supports

LUKUMAY = "President Amani Lukumay"
KELLERBRAND = "Chancellor Matthias Kellerbrand"
COOMBE = "Prime Minister Harriet Coombe-Delaney"
THREE = {
    met("Amani Lukumay", "Matthias Kellerbrand"),
    met("Amani Lukumay", "Harriet Coombe-Delaney"),
    met("Matthias Kellerbrand", "Harriet Coombe-Delaney"),
}


def meets(extractor, text: str) -> set:
    return relations(extract(extractor, text), "MET_WITH")


# --- symmetric: pairs --------------------------------------------------------------------------------------


def test_a_symmetric_type_pairs_its_subjects_when_no_other_side_is_named(extractor):
    assert meets(extractor, f"{LUKUMAY} and {KELLERBRAND} met in Arusha.") == {
        met("Amani Lukumay", "Matthias Kellerbrand")
    }


def test_a_symmetric_relation_is_one_pair_in_the_graph(extractor):
    res = resolved(extractor, f"{LUKUMAY} and {KELLERBRAND} met in Arusha.")
    assert [r.type for r in res.relations if r.type == "MET_WITH"] == ["MET_WITH"]


@pytest.mark.parametrize(
    "text",
    [
        f"Trilateral talks between {LUKUMAY}, {KELLERBRAND} and {COOMBE} ended on Monday.",
        f"{LUKUMAY} hosted {KELLERBRAND} and {COOMBE} in Arusha.",  # a host's guests meet each other
        f"{LUKUMAY}, {KELLERBRAND} and {COOMBE} toured the port together.",
        f"{LUKUMAY}, {KELLERBRAND} and {COOMBE} exchanged views on the drought.",  # only talking exchanges views
        f"{LUKUMAY} held trilateral talks with {KELLERBRAND} and {COOMBE}.",  # a joint word pairs the other side too
        pytest.param(
            f"{LUKUMAY} held three-way talks with {KELLERBRAND} and {COOMBE}.",
            marks=pytest.mark.xfail(strict=True, reason="'three-way' (three tokens) is not read as a joint word"),
        ),
    ],
)
def test_a_joint_event_pairs_everyone(extractor, text):
    assert meets(extractor, text) == THREE


@pytest.mark.parametrize(
    "text",
    [
        f"{LUKUMAY} met {KELLERBRAND} on Monday and {COOMBE} on Thursday.",
        f"{LUKUMAY} met {KELLERBRAND} in Vienna and {COOMBE} in Canberra.",
        f"{LUKUMAY} spoke with {KELLERBRAND} and {COOMBE} in separate calls.",
        f"{LUKUMAY} hosted {KELLERBRAND} and {COOMBE} separately in Arusha.",  # a host's guests, apart
    ],
)
def test_people_met_one_after_another_never_met_one_another(extractor, text):
    assert meets(extractor, text) == {
        met("Amani Lukumay", "Matthias Kellerbrand"),
        met("Amani Lukumay", "Harriet Coombe-Delaney"),
    }


def test_being_in_one_place_is_no_meeting(extractor):
    assert meets(extractor, f"{LUKUMAY} and {KELLERBRAND} both attended the summit in Geneva.") == set()


def test_exchanging_letters_is_no_meeting(extractor):
    assert meets(extractor, f"{LUKUMAY} and {KELLERBRAND} exchanged letters on the drought.") == set()


def test_a_person_never_meets_himself(extractor):
    text = (
        "Tallinn denied that Vahtramae had criticized Petranic, and Minister Kadri Vahtramae met Minister Ivo "
        "Petranic on Monday."
    )
    assert meets(extractor, text) == {met("Kadri Vahtramae", "Ivo Petranic")}


# --- directed: who gives, who gets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Norway sent arms to Ghana.",
        "Ghana received 12 patrol boats from Norway.",  # the receiver first: still from Norway
        "Ghana bought fighter jets from Norway.",  # an arms sale seen from the buyer
        "Norway backs Ghana's bid to join the council.",
        "Norway approved $45 million for Ghana.",
    ],
)
def test_support_goes_from_the_giver_to_the_receiver(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway sold Kenya 24 fighter jets.",  # the parser makes the receiver a modifier of the counted thing
        "Norway sold Fiji 24 fighter jets.",
        "Norway's donation of ambulances to Kenya arrived on Monday.",  # "to" hung on the thing given
    ],
)
def test_the_receiver_where_the_parser_hangs_it_on_the_thing(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:ke" if "Kenya" in text else "country:fj")}


def test_a_name_before_a_count_with_no_giving_verb_is_no_receiver(extractor):
    assert supports(extractor, "Norway counted Ghana 24 fighter jets at the air show.") == set()


@pytest.mark.parametrize(
    "verb", ["continued", "will maintain", "vowed to sustain", "doubled", "resumed", "will expand"]
)
def test_a_verb_that_carries_on_support_makes_its_subject_the_giver(extractor, verb):
    assert supports(extractor, f"Norway {verb} its military aid to Ghana.") == {("country:no", "country:gh")}


@pytest.mark.parametrize(
    "text", ["Ghana has benefited from Norwegian financing.", "Ghana benefited from Norway's loans."]
)
def test_one_who_benefits_from_support_receives_it(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


def test_each_others_stands_for_every_doer_each_to_the_other(extractor):
    assert supports(extractor, "Norway and Ghana pledged to back each other's bids for the council.") == {
        ("country:no", "country:gh"),
        ("country:gh", "country:no"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Ghana's Norwegian-backed government fell on Monday.",
        "The Norwegian-financed railway in Ghana opened on Monday.",
    ],
)
def test_the_country_before_the_hyphen_of_backed_supports(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


def test_its_stands_for_the_doer_of_its_clause(extractor):
    assert supports(extractor, "Norway reaffirmed its support for Ghana.") == {("country:no", "country:gh")}


@pytest.mark.xfail(
    strict=True, reason="'its' after 'praised Norway for' is not resolved to Norway when the clause's doer is a person"
)
def test_its_stands_for_the_country_named_just_before(extractor):
    assert supports(extractor, "Minister Rehema Mtalai praised Norway for its steady backing of Ghana.") == {
        ("country:no", "country:gh")
    }


def test_a_persons_possessive_does_not_stand_for_the_phrase(extractor):
    x = extract(extractor, "Amani Lukumay's brother, Juma Lukumay, criticised Kenya in a statement.")
    assert relations(x, "CRITICIZED") == {("CRITICIZED", "Juma Lukumay", "Kenya")}


def test_their_stands_for_the_group_that_is_the_subject(extractor):
    text = (
        "Norwegian President Amani Lukumay hosted Danish President Ines Marambio-Toro and Finnish President Aatos "
        "Heinavaara.\n"
        "Speaking together afterwards, the three leaders renewed their backing for Moldova."
    )
    assert supports(extractor, text) == {
        ("country:no", "country:md"),
        ("country:dk", "country:md"),
        ("country:fi", "country:md"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Bolivia rebuilt its air force using Brazil's military assistance and its own savings.",
            ("country:br", "country:bo"),
        ),
        ("Laos, which depends on Vietnam for its security, stayed silent.", ("country:vn", "country:la")),
        ("Mali has received Senegalese armoured vehicles.", ("country:sn", "country:ml")),
        ("Arms sales from Finland to Ghana doubled last year.", ("country:fi", "country:gh")),
        ("The aid from Finland to Ghana rose again.", ("country:fi", "country:gh")),
        ("Ghana relies on Finnish-supplied patrol boats.", ("country:fi", "country:gh")),
        # the supplier after "by", and the thing among others the receiver relies on
        ("Ghana used rifles donated by Finland.", ("country:fi", "country:gh")),
        # the giver after "of" where a verb of getting says who gets it
        ("Ghana's government, which enjoys the support of Finland, denied the claims.", ("country:fi", "country:gh")),
        ("Ghana won the backing of Finland for its bid.", ("country:fi", "country:gh")),
        ("Ghana has the backing of Finland.", ("country:fi", "country:gh")),
        ("Ghana's main backers, including Finland, stayed silent.", ("country:fi", "country:gh")),
        ("Ghana relies on old boats, including two patrol boats supplied by Finland.", ("country:fi", "country:gh")),
    ],
)
def test_support_read_from_the_receivers_side(extractor, text, expected):
    assert supports(extractor, text) == {expected}


@pytest.mark.xfail(
    strict=True, reason="a loan 'to modernise' a state body: the infinitive's object is not read as the beneficiary"
)
def test_a_loan_to_modernise_a_state_body(extractor):
    assert supports(extractor, "Japan signed a loan to modernise Ghana's navy.") == {("country:jp", "country:gh")}


@pytest.mark.parametrize(
    "text",
    [
        "Nordic countries such as Finland and Estonia sent rifles to Moldova.",
        "Donors including Finland and Estonia pledged aid to Moldova.",
        "Countries like Finland and Estonia shipped rifles to Moldova.",
    ],
)
def test_the_countries_a_plural_noun_lists_give(extractor, text):
    assert supports(extractor, text) == {("country:fi", "country:md"), ("country:ee", "country:md")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway deployed troops to Ghana to support the government in Accra.",  # the place hung from the verb
        "Norway has provided Ghana with air cover for two years.",
    ],
)
def test_more_ways_of_backing_a_state(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


def test_every_giver_of_a_group_supports(extractor):
    assert supports(extractor, "Sweden and Estonia will ship mine-clearing vehicles to Moldova.") == {
        ("country:se", "country:md"),
        ("country:ee", "country:md"),
    }


def test_a_person_gives_for_the_country_they_act_for(extractor):
    assert supports(extractor, "Norway's defence minister, Aatos Heinavaara, sent rifles to the Ghanaian army.") == {
        ("country:no", "country:gh")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Finland sent a letter to Ghana.",  # not a thing of support
        "Denmark dispatched a negotiator to Ghana.",
        "Norway exported salmon to Ghana.",  # trade
        "Exports of salmon from Norway to Ghana rose.",
        "Mali has received Senegalese tourists.",
        "Ghana welcomed Finland-backed talks.",
        "Ghana used Finnish-supplied data in its report.",
        "Norway backed the resolution in Accra.",  # a resolution is no state body
        "Norway sent Ghana a cover letter.",
        "Ghana bought salmon from Norway.",
        "Ghana repaid Norway a loan of 40 million euros.",  # repayment
        "Uruguay, which relies on Argentina for most of its wheat imports, opened a new port.",  # not security
        "Ghana insisted it had never obtained Norwegian rifles.",
        "Reporters wondered whether Norway might ship rifles to Ghana.",
    ],
)
def test_an_event_must_be_about_support(extractor, text):
    assert supports(extractor, text) == set()


# --- support for whom: a state's body, not a rebel group or a firm ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Norway trained Ghana's coast guard.",
        "Norway sent a shipment of rifles to Ghana's army and to the Northern Liberation Front.",
    ],
)
def test_support_for_a_state_body_is_support_for_its_country(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


@pytest.mark.xfail(
    strict=True,
    reason="resolver: no country node is made for a body's country named only by a demonym, so it is dropped",
)
def test_support_for_a_state_body_named_by_a_demonym(extractor):
    assert supports(extractor, "Norway trained the Ghanaian Armed Forces.") == {("country:no", "country:gh")}


def test_a_body_with_a_country_that_is_no_state_body_gets_no_support(extractor):
    assert relations(extract(extractor, "Norway armed the Ghanaian Liberation Army."), "SUPPORTS") == set()


def test_support_for_an_opposition_party_is_no_support_for_the_country(extractor):
    assert supports(extractor, "Norway funded Ghana's main opposition party, the Ghana Renewal Party.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Norway armed the rebels of the Northern Liberation Front in Ghana.",
        "Norway backed the rebel Northern Liberation Front in Ghana.",
        "Norway funded Zenith Holdings, a private company in Ghana.",
        "Rebels in Ghana used Norwegian-supplied rifles.",  # not "in Ghana": the rebels get them
        "Rebels in Ghana used rifles supplied by Norway.",
    ],
)
def test_support_for_a_rebel_group_or_a_firm_is_no_support_for_the_country(extractor, text):
    assert supports(extractor, text) == set()


# --- memberships, companions, other types --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Estonian Foreign Ministry spokeswoman Ingrid Marvell declined to comment.",
        "Ingrid Marvell, a spokeswoman for the Estonian Foreign Ministry, declined to comment.",
        "Estonian Navy chief Adm. Ingrid Marvell declined to comment.",
    ],
)
def test_a_person_is_a_member_of_the_body_their_title_names(extractor, text):
    (membership,) = relations(extract(extractor, text), "MEMBER_OF")
    assert membership[:2] == ("MEMBER_OF", "Ingrid Marvell") and membership[2].startswith("Estonian")


def test_an_acronym_before_a_title_is_the_persons_body(extractor):
    x = extract(extractor, "NATO Secretary General Pieter van Hoeven met Polish President Zofia Wrzesniak in Warsaw.")
    # the acronym of a well-known international body is named by its full name (graphbuild/data/metonyms.json)
    assert relations(x, "MEMBER_OF") == {("MEMBER_OF", "Pieter van Hoeven", "North Atlantic Treaty Organization")}
    assert {m.text for m in x.mentions if m.type == "Organization"} == {"NATO"}
    assert relations(x, "MET_WITH") == {met("Pieter van Hoeven", "Zofia Wrzesniak")}


def test_a_companion_is_accompanying_the_leader(extractor):
    x = extract(extractor, f"{LUKUMAY}, accompanied by Foreign Minister Rehema Mtalai, met {KELLERBRAND} in Vienna.")
    assert relations(x, "ACCOMPANIED_BY") == {("ACCOMPANIED_BY", "Amani Lukumay", "Rehema Mtalai")}


def test_other_types_from_the_lexicon(extractor):
    x = extract(
        extractor, "Norway criticized Ghana over the fishing dispute, and Finland sanctioned Ghana's central bank."
    )
    assert relations(x, "CRITICIZED", "SANCTIONED") == {
        ("CRITICIZED", "Norway", "Ghana"),
        ("SANCTIONED", "Finland", "Ghana"),
    }


@pytest.mark.xfail(
    strict=True,
    reason="'X called for restraint and M called K a coward': X gets a meeting with M and a planned one with K",
)
def test_calling_someone_names_is_no_contact(extractor):
    text = (
        "President Amani Lukumay called for restraint and Minister Rehema Mtalai called Foreign Minister Baraka "
        "Kiptanui a coward."
    )
    assert relations(extract(extractor, text), "MET_WITH", "MEETING_PLANNED", "MEETING_REFUSED") == set()


def test_a_relation_carries_its_sentence(extractor):
    text = f"The weather was fine. {LUKUMAY} and {KELLERBRAND} met in Arusha. Both left on Friday."
    (relation,) = [r for r in extract(extractor, text).relations if r.type == "MET_WITH"]
    assert relation.evidence == f"{LUKUMAY} and {KELLERBRAND} met in Arusha."
