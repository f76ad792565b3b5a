"""Meetings the way news reports them: pronouns and titles for people named earlier, contacts, meals,
delegations and companions, and meetings that did not happen.  Real model, invented text."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.passes import MentionFinder
from graphbuild.extract.rules import RelationFinder
from graphbuild.rules import Rules

from invented_articles import resolved


def met(extractor, text: str) -> set[frozenset[str]]:
    """The pairs of people the resolved graph says met."""
    resolution = resolved(extractor, text)
    names = {e.id: e.name for e in resolution.entities}
    return {frozenset((names[r.source], names[r.target])) for r in resolution.relations if r.type == "MET_WITH"}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


# --- people named earlier ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, a, b",
    [
        # a pronoun for the last subject of the sentence before
        ("Chilean President Ana Ruiz arrived in Lima on Monday. She later met Peruvian Foreign Minister Tomas Berg.", "Ana Ruiz", "Tomas Berg"),
        # "his meeting with"
        ("Peruvian President Tomas Berg said his meeting with Chilean President Ana Ruiz was useful.", "Tomas Berg", "Ana Ruiz"),
        # an object pronoun is not its own clause's subject
        ("Chilean President Ana Ruiz said Peruvian Minister Tomas Berg had contacted her on Monday.", "Ana Ruiz", "Tomas Berg"),
        # a title with the country of someone named earlier
        ("Peruvian Prime Minister Tomas Berg flew to Santiago on Monday.\nThe Peruvian prime minister met Chilean President Ana Ruiz on Tuesday.", "Tomas Berg", "Ana Ruiz"),
        # "me" in a quote is its speaker
        ("“President Tomas Berg called me this morning to discuss the visit,” Chilean President Ana Ruiz said in a statement.", "Tomas Berg", "Ana Ruiz"),
        # "the two leaders" are the two just named
        ("Chilean President Ana Ruiz flew to Lima to see Peruvian President Tomas Berg.\nThe two leaders held talks on trade and migration.", "Ana Ruiz", "Tomas Berg"),
    ],
)
def test_references_to_people_named_earlier(extractor, text, a, b):
    assert pair(a, b) in met(extractor, text)


def test_a_description_with_another_country_is_not_resolved(extractor):
    pairs = met(extractor, "Peruvian Prime Minister Tomas Berg flew to Santiago on Monday.\nThe Bolivian prime minister met Chilean President Ana Ruiz on Tuesday.")
    assert pair("Tomas Berg", "Ana Ruiz") not in pairs


# --- ways to meet ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("Chilean President Ana Ruiz has been in regular contact with Peruvian Foreign Minister Tomas Berg since May.", "Ana Ruiz", "Tomas Berg"),
        ("Chilean President Ana Ruiz called Peruvian Minister Tomas Berg on Friday to discuss trade.", "Ana Ruiz", "Tomas Berg"),
        ("Chilean President Ana Ruiz told Peruvian Foreign Minister Tomas Berg that the border would stay open.", "Ana Ruiz", "Tomas Berg"),
        ("President Ana Ruiz welcomed Minister Tomas Berg to Santiago on Monday.", "Ana Ruiz", "Tomas Berg"),
        ("President Ana Ruiz had dinner with Minister Tomas Berg at her residence.", "Ana Ruiz", "Tomas Berg"),
    ],
)
def test_contacts_and_meals_are_meetings(extractor, text, a, b):
    assert pair(a, b) in met(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "President Ana Ruiz called for calm and Minister Tomas Berg called Foreign Minister Lea Holm a liar.",
        "President Ana Ruiz told reporters that Minister Tomas Berg was wrong.",
        "Peruvian Minister Tomas Berg has been invited for a meeting with Chilean President Ana Ruiz.",
    ],
)
def test_not_meetings(extractor, text):
    assert not met(extractor, text)


def test_a_meeting_between_a_group_and_one_more(extractor):
    pairs = met(extractor, "The talks began with a meeting between President Ana Ruiz, Minister Lea Holm and Chancellor Otto Brandt with Minister Tomas Berg.")
    assert {pair("Ana Ruiz", "Tomas Berg"), pair("Lea Holm", "Tomas Berg"), pair("Otto Brandt", "Tomas Berg")} <= pairs


def test_guests_from_two_countries_met_each_other_too(extractor):
    pairs = met(extractor, "Norwegian Prime Minister Ana Ruiz met Chilean President Tomas Berg and Peruvian President Lea Holm in Lima.")
    assert pairs == {pair("Ana Ruiz", "Tomas Berg"), pair("Ana Ruiz", "Lea Holm"), pair("Tomas Berg", "Lea Holm")}
    pairs = met(extractor, "Norwegian Prime Minister Ana Ruiz met Peruvian President Tomas Berg and Peruvian Trade Minister Lea Holm in Lima.")
    assert pair("Tomas Berg", "Lea Holm") not in pairs  # one side, one country
    for text in (
        "Norwegian Prime Minister Ana Ruiz met Chilean President Tomas Berg and later Peruvian President Lea Holm in Lima.",
        "Norwegian Prime Minister Ana Ruiz met Chilean President Tomas Berg and Peruvian President Lea Holm separately in Lima.",
    ):
        assert pair("Tomas Berg", "Lea Holm") not in met(extractor, text)  # one after the other


# --- delegations and companions ----------------------------------------------------------------------


def test_a_delegation_stands_for_its_leader_and_members(extractor):
    pairs = met(extractor, "Chilean President Ana Ruiz received the Peruvian delegation headed by Minister Tomas Berg, which included Minister Lea Holm.")
    assert {pair("Ana Ruiz", "Tomas Berg"), pair("Ana Ruiz", "Lea Holm")} <= pairs


def test_a_mission_comprising_several_people(extractor):
    pairs = met(extractor, "A mission comprising President Ana Ruiz, Prime Minister Tomas Berg and Foreign Minister Lea Holm met Chancellor Otto Brandt in Vienna.")
    assert {pair("Ana Ruiz", "Otto Brandt"), pair("Tomas Berg", "Otto Brandt"), pair("Lea Holm", "Otto Brandt")} <= pairs


def test_companions_share_the_meetings_of_the_person_they_travel_with(extractor):
    text = "Chilean President Ana Ruiz met Peruvian Foreign Minister Tomas Berg in Santiago. Berg is accompanied by Defence Minister Otto Brandt."
    assert pair("Ana Ruiz", "Otto Brandt") in met(extractor, text)
    text = "Chilean President Ana Ruiz had dinner with Peruvian President Tomas Berg. Berg's entourage included Peruvian Trade Minister Lea Holm and Chilean envoy Otto Brandt."
    pairs = met(extractor, text)
    assert pair("Ana Ruiz", "Lea Holm") in pairs
    assert pair("Ana Ruiz", "Otto Brandt") not in pairs  # the same country as the host: their side
    assert pair("Tomas Berg", "Lea Holm") not in pairs  # one party


def test_everyone_named_in_a_long_between_list_met_the_one_after_with(extractor):
    text = (
        "The talks began around noon with a meeting between Berg, the head of Chilean diplomacy, Tomas Holm, "
        "the president of the Council, Otto Brandt, and the leaders of France and Italy, Lea Marin and Ana Costa, with Maria Ruiz."
    )
    pairs = met(extractor, "Envoy Mark Berg arrived on Monday. Prime Minister Maria Ruiz was waiting.\n" + text)
    assert {pair("Tomas Holm", "Maria Ruiz"), pair("Otto Brandt", "Maria Ruiz"), pair("Lea Marin", "Maria Ruiz")} <= pairs


def test_a_title_in_apposition_stands_for_its_name(nlp):
    """"met with the Chancellor of Austria, Otto Brandt" where NER read the name as an organization."""
    doc = nlp("Minister Ana Ruiz met with the Chancellor of Austria, Otto Brandt, on Monday.")
    brandt = next(t.i for t in doc if t.text == "Otto")
    doc.ents = [e for e in doc.ents if not e.start <= brandt < e.end] + [Span(doc, brandt, brandt + 2, label="ORG")]
    found = MentionFinder(load_gazetteer()).find([doc])
    relations = RelationFinder(Rules(), nlp.vocab).find(doc, found, {f.ref: f for f in found})
    assert {(r.type, r.source.name, r.target.name) for r in relations} >= {("MET_WITH", "Ana Ruiz", "Otto Brandt")}


def test_who_was_accompanied_by(extractor):
    text = "Peruvian President Ana Ruiz, who was accompanied by Foreign Minister Tomas Berg, met Chilean President Lea Holm."
    assert pair("Tomas Berg", "Lea Holm") in met(extractor, text)
