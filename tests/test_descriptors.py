"""The descriptor grammar (graphbuild/data/descriptors.json, run by extract/mentions/describe.py):
each person's role and the country or body they act for, read off the words around the name.  One
test per pattern of the grammar, then the clause titles and national offices it falls back on.
Real model, invented sentences."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from invented_articles import country_of, extract, people, relations


def described(extractor, text: str, person: str) -> tuple[str | None, str | None, str | None]:
    """(role, country, evidence) the extraction gives a person."""
    m = people(extract(extractor, text))[person]
    return m.role, m.country, m.country_evidence


# Each pattern of the grammar, by its name in descriptors.json: (text, person, role, country).
BY_PATTERN = {
    "title-before-name": [
        (
            "Zambian Foreign Minister Chanda Mwelwa-Kabwe arrived in Lusaka.",
            "Chanda Mwelwa-Kabwe",
            "Foreign Minister",
            "ZM",
        ),
        (
            "Ghana's Deputy President Kwabena Asare-Bempong arrived in Tamale.",
            "Kwabena Asare-Bempong",
            "Deputy President",
            "GH",
        ),
        ("U.S. Sen. Thaddeus Beckwith arrived in Accra.", "Thaddeus Beckwith", "Sen.", "US"),
        (
            "Philippine Navy chief Adm. Renato Lacsamana-Ferrer arrived in Cebu.",
            "Renato Lacsamana-Ferrer",
            "chief Adm.",
            "PH",
        ),
    ],
    "owner-title-comma-name": [
        (
            "Uruguay said its foreign minister, Evaristo Bastida, would travel to Brasilia.",
            "Evaristo Bastida",
            "foreign minister",
            "UY",
        ),
        (  # no comma, and the body's words before the title
            "Uruguay sent its navy chief Evaristo Bastida to Brasilia.",
            "Evaristo Bastida",
            "chief",
            "UY",
        ),
    ],
    "this-country-title-comma-name": [
        (
            "Lithuania condemned the attack, and the country's attorney general, Vaiva Jurgelionyte, opened an "
            "inquiry.",
            "Vaiva Jurgelionyte",
            "attorney general",
            "LT",
        ),
    ],
    "title-of-country-comma-name": [
        (
            "The Foreign Minister of Malawi, Chikondi Banda-Phiri, arrived in Lilongwe.",
            "Chikondi Banda-Phiri",
            "Foreign Minister",
            "MW",
        ),
        (
            "Vietnam's special envoy for Pacific affairs, Tran Vu Hieu-Lam, landed in Suva.",
            "Tran Vu Hieu-Lam",
            "special envoy for Pacific affairs",
            "VN",
        ),
        (
            "The Latvian prime minister, Solveig Hrafnkelsdottir, arrived in Bergen.",
            "Solveig Hrafnkelsdottir",
            "prime minister",
            "LV",
        ),
    ],
    "name-comma-title": [
        ("Orla Brennick, Ireland's finance minister, arrived in Cork.", "Orla Brennick", "finance minister", "IE"),
        (
            "Farida Osmanova, the Uzbek envoy to Peru, arrived in Lima.",
            "Farida Osmanova",
            "envoy",
            "UZ",
        ),  # the sending state
        (
            "Ingrid Marvell, a spokeswoman for the Estonian Foreign Ministry, declined to comment.",
            "Ingrid Marvell",
            "spokeswoman",
            "EE",
        ),
    ],
    "name-comma-born-title": [
        (
            "Abdirahman Warsame-Lind, a Somali-born Swedish diplomat, arrived in Leeds.",
            "Abdirahman Warsame-Lind",
            "diplomat",
            "SE",
        ),
    ],
    "name-comma-this-country-title": [
        (
            "Bolivia protested, and Eduardo Carrasquilla, the country's interior minister, flew to Sucre.",
            "Eduardo Carrasquilla",
            "interior minister",
            "BO",
        ),
    ],
    "name-comma-member-of-parliament": [
        (
            "Callum Rennard, a British member of parliament, arrived in Turku.",
            "Callum Rennard",
            "member of parliament",
            "GB",
        ),
    ],
    "us-legislator": [
        ("Rep. Dwight Harlowe, R-Fla., opposed the bill.", "Dwight Harlowe", "Rep.", "US"),
        ("Sen. Marcy Vantreese (D-Calif.) voted for it.", "Marcy Vantreese", "Sen.", "US"),
    ],
    "name-of-country": [
        ("President Rehema Mtalai of Tanzania flew home to Dodoma.", "Rehema Mtalai", "President", "TZ"),
        (
            "Prime Ministers Dragan Vukomirovic of Montenegro and Blagoja Tasevski of Bulgaria talked.",
            "Blagoja Tasevski",
            None,
            "BG",
        ),
    ],
    "name-in-parentheses-country": [
        (
            "Foreign ministers Viliami Tupoumalo (Tonga), Ioane Tuilagi-Fono (Samoa) and Kaitu Tebano (Kiribati) "
            "arrived in "
            "Suva.",
            "Ioane Tuilagi-Fono",
            None,
            "WS",
        ),
    ],
    "country-possessive-name": [
        (
            "Rwanda's Celestin Habyakare, the minister for trade, arrived in Kigali.",
            "Celestin Habyakare",
            "minister",
            "RW",
        ),
    ],
    "respectively": [
        (
            "The presidents of Benin, Togo and Niger, Rukayat Adebisi, Komlan Amegavi and Issoufou Kandagi, signed the "
            "pact.",
            "Komlan Amegavi",
            "presidents",
            "TG",
        ),
    ],
    "respectively-demonyms": [
        (
            "Beninese and Togolese presidents Rukayat Adebisi and Komlan Amegavi signed the pact.",
            "Rukayat Adebisi",
            "presidents",
            "BJ",
        ),
        (
            "The Beninese, Togolese and Nigerien trade ministers, Rukayat Adebisi, Komlan Amegavi and Issoufou "
            "Kandagi, signed the pact.",
            "Komlan Amegavi",
            "trade ministers",
            "TG",
        ),
    ],
    "title-to-host-comma-name": [  # the sending state, never the host
        (
            "Bolivia's ambassador to Ghana, Rosario Villacorta, arrived in Accra.",
            "Rosario Villacorta",
            "ambassador",
            "BO",
        ),
        ("The Sudanese envoy to Chile, Marta Kovalenkova, arrived in Santiago.", "Marta Kovalenkova", "envoy", "SD"),
    ],
}
#: Patterns read through the resolved graph: the person's country is another person's.
THROUGH_A_PERSON = {
    "person-possessive-title-name",
    "name-comma-person-possessive-title",
    "pronoun-title-comma-name",
    "name-comma-owner-pick-for-title",
    "name-comma-pronoun-pick-for-title",
    "name-comma-title-to-person",
}


def test_every_pattern_of_the_grammar_is_tested():
    data = json.loads(resources.files("graphbuild.data").joinpath("descriptors.json").read_text("utf-8"))
    assert {p["name"] for p in data["patterns"]} == set(BY_PATTERN) | THROUGH_A_PERSON


@pytest.mark.parametrize(
    "text, person, role, code",
    [pytest.param(*case, id=f"{name}-{n}") for name, cases in BY_PATTERN.items() for n, case in enumerate(cases)],
)
def test_a_pattern_gives_the_role_and_country(extractor, text, person, role, code):
    assert described(extractor, text, person) == (role, code, "title")


@pytest.mark.parametrize(
    "text, person, role, code",
    [
        (  # person-possessive-title-name
            "President Ilse Marwick of Austria flew to Oslo on Monday.\n"
            "Marwick's National Security Adviser Anselm Grasbeck said the visit would last three days.",
            "Anselm Grasbeck",
            "National Security Adviser",
            "AT",
        ),
        (  # name-comma-person-possessive-title
            "Slovak Chancellor Matthias Kellerbrand arrived with Rosalind Achterberg, Kellerbrand's chief of staff.",
            "Rosalind Achterberg",
            "chief of staff",
            "SK",
        ),
        (  # pronoun-title-comma-name
            "Austrian Chancellor Matthias Kellerbrand flew to Oslo on Monday. Her deputy, Liesel Obermayr, stayed in "
            "Vienna.",
            "Liesel Obermayr",
            "deputy",
            "AT",
        ),
        (  # name-comma-owner-pick-for-title
            "Slovak Chancellor Matthias Kellerbrand met Rosalind Achterberg, Kellerbrand's pick for finance minister.",
            "Rosalind Achterberg",
            "finance minister",
            "SK",
        ),
        (  # name-comma-pronoun-pick-for-title
            "Slovak Chancellor Matthias Kellerbrand named Rosalind Achterberg, his choice for finance minister.",
            "Rosalind Achterberg",
            "finance minister",
            "SK",
        ),
        (  # name-comma-title-to-person
            "Rosalind Achterberg, a senior adviser to Slovak Chancellor Matthias Kellerbrand, met bankers.",
            "Rosalind Achterberg",
            "senior adviser",
            "SK",
        ),
    ],
)
def test_a_title_a_person_owns_acts_for_that_persons_country(extractor, text, person, role, code):
    """ "Y's adviser X", "X, Y's chief of staff", "her deputy, X": the country is Y's, whatever it is."""
    assert people(extract(extractor, text))[person].role == role
    assert country_of(extractor, text)[person] == code


@pytest.mark.xfail(
    strict=True, reason="a respectively-list between dashes loses the first name, which is after a dash, not a title"
)
def test_a_respectively_list_between_dashes(extractor):
    text = (
        "The foreign ministers of Peru, Ecuador and Bolivia - Mateus Quintanova, Evaristo Bastida and Paulo "
        "Ferreirinha - met."
    )
    assert [(p.name, p.country) for p in people(extract(extractor, text)).values()] == [
        ("Mateus Quintanova", "PE"),
        ("Evaristo Bastida", "EC"),
        ("Paulo Ferreirinha", "BO"),
    ]


@pytest.mark.xfail(strict=True, reason="a title after 'was confirmed as' is not read as the subject's")
def test_a_title_the_subject_is_confirmed_as(extractor):
    text = (
        "Once a fisheries negotiator, Matias Vallecastro was appointed as the new Chilean consul in Mendoza in April."
    )
    assert described(extractor, text, "Matias Vallecastro")[1] == "CL"


@pytest.mark.xfail(
    strict=True,
    reason="in a list of 'title of X, name' pairs, a country in the next pair's title is given to the name before it",
)
def test_a_title_before_the_next_name_is_not_the_previous_persons(extractor):
    text = (
        "Lukumay received the Chair of the River Basin Commission, Anselm Grasbeck, the Director of Uruguayan Customs, "
        "Ines Marambio-Toro."
    )
    assert described(extractor, text, "Anselm Grasbeck")[1] is None


def test_a_private_persons_nationality_is_no_affiliation(extractor):
    text = "Sigrid Lindqvale, a Danish hiker, was rescued from the flooded valley on Sunday."
    assert described(extractor, text, "Sigrid Lindqvale") == (None, None, None)


def test_the_body_in_a_description_is_the_persons_body(extractor):
    x = extract(extractor, "Ingrid Marvell, a spokeswoman for the Estonian Foreign Ministry, declined to comment.")
    assert relations(x, "MEMBER_OF") == {("MEMBER_OF", "Ingrid Marvell", "Estonian Foreign Ministry")}


def test_a_country_of_the_people_someone_met_is_not_theirs(extractor):
    assert described(extractor, "Lucien Vandermolen dined with Chilean diplomats in Quito.", "Lucien Vandermolen") == (
        None,
        None,
        None,
    )


# --- clauses and offices ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, person, role, code",
    [
        (
            "Kestutis Vaitkevicius, who became Lithuania's energy minister last spring, landed in Seoul.",
            "Kestutis Vaitkevicius",
            "energy minister",
            "LT",
        ),
        ("Jurgen Pallesen is Denmark's envoy to the talks.", "Jurgen Pallesen", "envoy", "DK"),
    ],
)
def test_a_relative_clause_or_copula_gives_the_title(extractor, text, person, role, code):
    assert described(extractor, text, person) == (role, code, "title")


@pytest.mark.parametrize(
    "text, person, code",
    [
        ("Secretary of State Dwight Harlowe arrived in Oslo.", "Dwight Harlowe", "US"),
        ("Taoiseach Eamon Kilbride arrived in Oslo.", "Eamon Kilbride", "IE"),
        ("Talks followed then-House Speaker Wilma Trask's trip to Oslo.", "Wilma Trask", "US"),
        (
            "Dwight Harlowe, the assistant secretary of state for Asian affairs, arrived in Oslo.",
            "Dwight Harlowe",
            "US",
        ),
    ],
)
def test_an_office_only_one_country_has_gives_that_country(extractor, text, person, code):
    assert described(extractor, text, person)[1:] == (code, "syntax")


def test_a_regions_office_acts_for_the_regions_country(extractor):
    assert (
        described(extractor, "Queensland Premier Dwight Harlowe met reporters in Brisbane.", "Dwight Harlowe")[1]
        == "AU"
    )


def test_an_office_of_that_name_for_a_region_is_not_the_national_one(extractor):
    assert (
        described(
            extractor, "The Secretary of State for Wales, Gwilym Prydderch, arrived in Oslo.", "Gwilym Prydderch"
        )[1]
        != "US"
    )


def test_a_title_in_a_relative_clause_is_not_the_described_persons(extractor):
    text = "Rosalind Achterberg, whom Slovak Chancellor Matthias Kellerbrand tapped for the job, met bankers."
    assert described(extractor, text, "Rosalind Achterberg")[0] != "Chancellor"


@pytest.mark.parametrize(
    "text",
    [
        "Rosalind Achterberg, who heads Slovakia's foreign ministry, met bankers.",
        "Rosalind Achterberg, who leads the Slovak delegation, met bankers.",
        "Rosalind Achterberg, who represents Slovakia at the talks, met bankers.",
        "Rosalind Achterberg, speaking for the Slovak government, said the talks went well.",
        "Rosalind Achterberg, who was appointed Slovakia's finance minister in May, met bankers.",
        # a title without a country before the name does not stop the clause after it from giving one
        "The envoy, Rosalind Achterberg, who represents Slovakia at the talks, met bankers.",
    ],
)
def test_what_a_person_leads_or_speaks_for_gives_the_country(extractor, text):
    assert described(extractor, text, "Rosalind Achterberg")[1] == "SK"


@pytest.mark.parametrize(
    "text",
    [
        "Rosalind Achterberg, who leads the Slovak opposition, met bankers.",
        "Rosalind Achterberg, who heads a Slovak charity, met bankers.",
    ],
)
def test_leading_what_is_not_the_state_gives_no_country(extractor, text):
    assert described(extractor, text, "Rosalind Achterberg")[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "Baraka Kiptanui, a senior Kenyan official, said the talks were useful.",
        "Kenyan official Baraka Kiptanui said the border was calm.",
    ],
)
def test_an_official_holds_an_office(extractor, text):
    assert described(extractor, text, "Baraka Kiptanui") == ("official", "KE", "title")


def test_an_official_visit_names_no_office(extractor):
    assert people(extract(extractor, "The official visit of Baraka Kiptanui ended."))["Baraka Kiptanui"].role is None
