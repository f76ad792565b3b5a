"""Organizations (graphbuild/extract/mentions/organizations.py): NER's bodies without the titles,
places and people it mixes in, the bodies it missed, and each body's name and country from its own
words.  Real model, invented sentences."""

from __future__ import annotations

import pytest
from invented_articles import (
    extract,
    extract_docs,
    found,
    organizations,
    parsed,
    people,
    resolved,
    with_entity,
    without_passes,
)


def bodies(extractor, text: str) -> dict[str, str | None]:
    """Organization name -> its country."""
    return {name: m.country for name, m in organizations(extract(extractor, text)).items()}


def test_a_title_word_is_no_body(extractor):
    x = extract(extractor, "Treasury Secretary Thaddeus Beckwith and Interior Minister Greta Solheimvik met in Oslo.")
    assert organizations(x) == {}
    assert {p.role for p in people(x).values()} == {"Treasury Secretary", "Interior Minister"}


@pytest.mark.parametrize(
    "text, name, code",
    [
        ("The Kenyan Foreign Ministry summoned the envoy.", "Kenyan Foreign Ministry", "KE"),
        ("Peru's Foreign Ministry issued a travel warning.", "Peru's Foreign Ministry", "PE"),
        ("Chile's Navy denied the report.", "Chile's Navy", "CL"),
        ("Staff at the Norwegian embassy in Quito were evacuated.", "Norwegian embassy", "NO"),  # NER missed it
    ],
)
def test_a_body_takes_its_country_from_its_own_words(extractor, text, name, code):
    assert bodies(extractor, text) == {name: code}


def test_a_body_named_by_an_adjective_and_by_a_possessive_is_one(extractor):
    res = resolved(
        extractor, "The Armenian Defence Ministry denied it.", "Armenia's Defence Ministry repeated the denial."
    )
    assert [(e.country, e.type) for e in res.entities if e.type == "Organization"] == [("AM", "Organization")]


def test_a_country_is_never_read_from_inside_a_word(extractor):
    assert bodies(extractor, "Analysts at Chadwick Defence Group said the deal would hold.") == {
        "Chadwick Defence Group": None
    }


def test_a_liberation_front_is_no_country_s(extractor):
    assert bodies(extractor, "The National Liberation Front said it would resume talks.") == {
        "National Liberation Front": None
    }


@pytest.mark.xfail(
    strict=True,
    reason="a country after 'of' in a body's own name ('Ministry of Defence of Estonia') is not read as its country",
)
def test_a_country_at_the_end_of_a_bodys_name_is_its_country(extractor):
    assert bodies(extractor, "A spokeswoman for the Ministry of Defence of Estonia declined to comment.") == {
        "Ministry of Defence of Estonia": "EE"
    }


# --- bodies NER missed or mislabelled ---------------------------------------------------------------


def test_government_metonyms_are_bodies_of_their_country(extractor):
    assert bodies(extractor, "The State Department praised the vote, and the Pentagon sent observers.") == {
        "Department of State": "US",
        "Department of Defense": "US",
    }


def test_a_capitalized_run_ending_in_a_bodys_head_word_is_a_body(nlp, extractor):
    docs = parsed(nlp, "Engineers of the Coastal Survey Directorate left Mombasa on Monday.")
    with_entity(docs[0], "Coastal", 3, None)  # NER saw nothing there
    assert "Coastal Survey Directorate" in organizations(extract_docs(extractor, docs))
    records = found(docs, without_passes("recover_organizations"))
    assert not [f for f in records if f.type == "Organization"]


def test_a_firm_ner_calls_a_person_is_a_body(nlp, extractor):
    docs = parsed(nlp, "Analysts at Horizon Partners said the deal would hold.")
    with_entity(docs[0], "Horizon", 2, "PERSON")
    x = extract_docs(extractor, docs)
    assert list(organizations(x)) == ["Horizon Partners"] and people(x) == {}


@pytest.mark.parametrize(
    "text, first_word, length",
    [
        ("Flood water reached the river town of Kolvani on Monday.", "Kolvani", 1),
        ("Trucks queued at the Orsk Vadi border crossing for days.", "Orsk", 2),
        ("Work on the Tembari hydropower dam resumed.", "Tembari", 1),
    ],
)
def test_a_name_said_of_a_place_is_no_body_whatever_ner_says(nlp, extractor, text, first_word, length):
    docs = parsed(nlp, text)
    with_entity(docs[0], first_word, length, "ORG")
    assert organizations(extract_docs(extractor, docs)) == {}


def test_a_body_by_its_head_word_stays_a_body_before_a_place_noun(nlp, extractor):
    docs = parsed(nlp, "The Kolvani Port Authority closed the harbour.")
    with_entity(docs[0], "Kolvani", 3, "ORG")
    assert "Kolvani Port Authority" in organizations(extract_docs(extractor, docs))


def test_a_body_ner_runs_into_its_acronym_ends_before_the_parenthesis(nlp, extractor):
    docs = parsed(nlp, "She was invited by the Coastal Relief Agency (CRA) for a briefing.")
    with_entity(docs[0], "Coastal", 5, "ORG")  # "Coastal Relief Agency (CRA"
    assert "Coastal Relief Agency" in organizations(extract_docs(extractor, docs))


def test_an_acronym_the_article_defines_takes_the_bodys_name(extractor):
    x = extract(
        extractor, "The Coastal Relief Agency (CRA) opened two depots.\nThe CRA later shipped tents to the islands."
    )
    assert {m.name for m in x.mentions if m.text == "CRA"} == {"Coastal Relief Agency"}


def test_an_acronym_the_article_defines_names_its_body_everywhere(extractor):
    res = resolved(
        extractor, "The Coastal Relief Agency (CRA) opened two depots.\nThe CRA later shipped tents to the islands."
    )
    councils = [e for e in res.entities if e.type == "Organization"]
    assert [(e.name, "CRA" in e.aliases) for e in councils] == [("Coastal Relief Agency", True)]


def test_a_country_word_in_a_bodys_proper_name_stays_in_it(extractor):
    res = resolved(extractor, "Commanders of the Niger Armed Forces (NAF) met on Monday.\nThe NAF denied the report.")
    forces = [e for e in res.entities if e.type == "Organization"]
    assert [(e.name, e.country) for e in forces] == [("Niger Armed Forces", "NE")]


def test_a_body_only_a_title_case_headline_names_is_dropped(nlp, extractor):
    docs = parsed(
        nlp,
        "Peru Rejects Claim on Secret Fuel Deal",
        "Peru's cabinet rejected on Friday claims that it had agreed to buy fuel from Bolivia.",
    )
    with_entity(docs[0], "Rejects", 2, "ORG")  # NER reads Title Case words as a name
    assert "Rejects Claim" not in organizations(extract_docs(extractor, docs))
    assert "Rejects Claim" in {f.name for f in found(docs, without_passes("drop_headline_guesses"))}


def test_one_mention_per_word(nlp):
    records = found(parsed(nlp, "Staff at the Norwegian embassy in Quito wrote to the Kenyan Foreign Ministry."))
    taken = [i for f in records for i in f.tokens]
    assert len(taken) == len(set(taken))


@pytest.mark.parametrize(
    "text, expected",
    [
        # an event's or a law's head word ends the name, but an institution's head comes first
        (
            "Analysts at the Kestrel Institute for Strategic Dialogue disagreed.",
            {"Kestrel Institute for Strategic Dialogue"},
        ),
        ("Delegates at the annual Halvard Dialogue in Oslo said so.", set()),
        ("Lawmakers passed the Coastal Fisheries Protection Act on Tuesday.", set()),
        # a title's modifier among a body's other words is part of its name, not a title
        ("A report by Tidewater International said the detainees were tortured.", {"Tidewater International"}),
        (
            "Analysts at the Northbridge Endowment for International Peace disagreed.",
            {"Northbridge Endowment for International Peace"},
        ),
    ],
)
def test_events_laws_and_bodies_with_title_words(extractor, text, expected):
    assert set(bodies(extractor, text)) == expected
