"""Who takes part in an event (graphbuild/extract/participants.py and roles.py): one collector for
every trigger, from the grammar — subjects borrowed by participles, infinitives, relative clauses
and coordinated verbs; passive agents wherever the by-phrase hangs; objects; prepositions on the
trigger, on its object, or hung by the parser on a name or a time noun; the verb a noun trigger
hangs from and the clause it stands in; "whose" and "each other".  Real model, invented sentences;
companions and groups are in test_companions_and_groups.py."""

from __future__ import annotations

import pytest
from invented_articles import extract, extract_docs, meetings, met, parsed, relations, supports, with_entity

LUKUMAY = "President Amani Lukumay"
KELLERBRAND = "Chancellor Matthias Kellerbrand"
PAIR = met("Amani Lukumay", "Matthias Kellerbrand")


def meeting_pairs(extractor, text: str) -> set:
    """The meetings of a text, whatever their status (borrowing a doer does not depend on it)."""
    return meetings(extract(extractor, text))


# --- borrowed subjects ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a participle takes the main clause's subject
        f"Meeting {KELLERBRAND} on Tuesday, {LUKUMAY} said trade would grow.",
        f"Having spoken to {KELLERBRAND} by phone, {LUKUMAY} left for Dodoma.",
        # an infinitive its controller
        f"{LUKUMAY} travelled to Vienna to meet {KELLERBRAND}.",
        # a relative clause the noun it describes
        f"{LUKUMAY}, who met {KELLERBRAND} on Monday, said trade would grow.",
        # a coordinated verb the first verb's
        f"{LUKUMAY} arrived in Vienna and met {KELLERBRAND}.",
        # a raising passive the one it is said of
        f"{LUKUMAY} is expected to meet {KELLERBRAND} on Friday.",
    ],
)
def test_a_verb_without_a_subject_borrows_one(extractor, text):
    assert {pair[1:] for pair in meeting_pairs(extractor, text)} == {PAIR[1:]}


def test_an_infinitive_after_an_object_takes_the_object_as_its_doer(extractor):
    pairs = meeting_pairs(extractor, f"{LUKUMAY} asked {KELLERBRAND} to meet her envoy, Rehema Mtalai.")
    assert {pair[1:] for pair in pairs} == {met("Matthias Kellerbrand", "Rehema Mtalai")[1:]}


# --- passives ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"{KELLERBRAND} was received by {LUKUMAY} at the palace.",
        f"A breakfast hosted by {LUKUMAY} for {KELLERBRAND} ran long.",  # "for" hung from the name by the parser
        # a passive coordinated with a verb of its own takes that verb's subject as the one acted on
        f"{KELLERBRAND} arrived in Dodoma and was welcomed by {LUKUMAY}.",
        f"{KELLERBRAND} landed in Dodoma and was received by {LUKUMAY} at the palace.",
        # a guest at a meal the host gives
        f"{KELLERBRAND} attended a dinner hosted by {LUKUMAY}.",
        # a relative clause: the one acted on is the noun it describes
        f"{KELLERBRAND}, who was also received by {LUKUMAY}, thanked Tanzania for its support.",
        f"{KELLERBRAND}, whom {LUKUMAY} received on Monday, thanked Tanzania.",
    ],
)
def test_the_doer_of_a_passive_is_its_by_phrase(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


@pytest.mark.parametrize(
    "text",
    [
        "Ghana has been equipped with radar stations by Norway.",  # the by-phrase hung from the thing supplied
        "Patrol boats supplied by Norway to Ghana arrived on Monday.",  # a participle describing its object
        "Ghana was criticised by Chile and was backed by Norway.",  # a passive coordinated with a passive
        # a passive that keeps its object: the subject is the one given to
        "Ghana was given two patrol boats by Norway.",
    ],
)
def test_a_passive_support_goes_from_the_by_phrase(extractor, text):
    assert supports(extractor, text) == {("country:no", "country:gh")}


def test_a_granted_audience_is_a_meeting_with_the_one_granted_it(extractor):
    x = extract(extractor, f"{KELLERBRAND} had been granted an audience by King Letsie Mothibeli.")
    assert relations(x, "MET_WITH") == {met("Matthias Kellerbrand", "Letsie Mothibeli")}


# --- objects and prepositions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"{LUKUMAY} held talks with {KELLERBRAND}.",  # a preposition on the verb's object
        f"{LUKUMAY} hosted a dinner for {KELLERBRAND}.",
        f"{LUKUMAY} pulled {KELLERBRAND} aside for a talk.",  # the purpose of a verb of the sense
        f"It was the first meeting in five years between {LUKUMAY} and {KELLERBRAND}.",  # "between" hung on "years"
    ],
)
def test_the_other_side_stands_where_the_parser_put_it(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


def test_a_with_phrase_after_as_well_as_is_the_events(extractor):
    text = f"{LUKUMAY} met with Premier Tevita Lolohea, as well as with {KELLERBRAND}."
    assert relations(extract(extractor, text), "MET_WITH") == {
        PAIR,
        met("Amani Lukumay", "Tevita Lolohea"),
    }


def test_the_subject_of_the_next_clause_is_no_object(extractor):
    text = f"In Vienna, {LUKUMAY} met with {KELLERBRAND}, and Premier Tevita Lolohea met with Mayor Ilse Gruber."
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR, met("Tevita Lolohea", "Ilse Gruber")}


def test_those_who_visit_a_country_together_do_not_meet_each_other(extractor):
    text = f"{LUKUMAY} and Premier Tevita Lolohea visited Austria on Monday."
    assert relations(extract(extractor, text), "MET_WITH") == set()


@pytest.mark.parametrize(
    "text",
    [
        f"{LUKUMAY} used the occasion to meet with {KELLERBRAND}.",
        f"{LUKUMAY} took the opportunity to meet {KELLERBRAND} on the sidelines.",
    ],
)
def test_the_one_who_takes_an_occasion_does_what_it_is_for(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


def test_the_one_asked_does_what_they_are_asked_to(extractor):
    text = f"{LUKUMAY} asked {KELLERBRAND} to meet Premier Tevita Lolohea."
    assert met("Matthias Kellerbrand", "Tevita Lolohea", "MEETING_PLANNED") in meeting_pairs(extractor, text)


def test_names_closing_a_plural_titles_phrase_are_its_people(extractor):
    text = (
        f"{LUKUMAY} also met with the heads of the delegations from Uganda and Rwanda, Juma Kiwelu and "
        "Kagiso Mothibe, at the end of the summit."
    )
    assert relations(extract(extractor, text), "MET_WITH") == {
        met("Amani Lukumay", "Juma Kiwelu"),
        met("Amani Lukumay", "Kagiso Mothibe"),
    }


def test_a_clause_inside_a_plural_titles_phrase_keeps_its_own_people(extractor):
    text = f"{LUKUMAY} met the ministers, who had spoken to Okello Mugisha, at the end of the summit."
    assert relations(extract(extractor, text), "MET_WITH") == set()


def test_a_conference_is_a_meeting_only_by_video_or_phone(extractor):
    assert relations(extract(extractor, f"{LUKUMAY} held a video conference with {KELLERBRAND}."), "MET_WITH") == {PAIR}
    assert relations(extract(extractor, f"{LUKUMAY} attended a conference with {KELLERBRAND}."), "MET_WITH") == set()


def test_the_one_an_audience_is_granted_to(extractor):
    assert relations(extract(extractor, f"{LUKUMAY} granted an audience to {KELLERBRAND}."), "MET_WITH") == {PAIR}


def test_a_support_reaches_the_country_of_its_recipient_phrase(extractor):
    assert supports(extractor, "Norway deposited $2 billion in Ghana's central bank.") == {("country:no", "country:gh")}


# --- a noun's doer: its verb, the clause it stands in ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"After talks with {KELLERBRAND}, {LUKUMAY} said trade would grow.",
        f"After talks with {KELLERBRAND}, {LUKUMAY} told reporters that trade would grow.",
        f"{LUKUMAY} met reporters after talks with {KELLERBRAND}.",
        f"{LUKUMAY}'s phone call with {KELLERBRAND} lasted an hour.",
        # a noun that counts the events stands for them
        f"{LUKUMAY} held a series of meetings with {KELLERBRAND} in Vienna.",
        f"{LUKUMAY} held a new round of talks with {KELLERBRAND}.",
    ],
)
def test_a_meeting_noun_takes_its_doer_from_the_clause(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


def test_a_person_the_clause_speaks_to_during_talks_is_the_other_side(extractor):
    assert relations(
        extract(extractor, f"During talks in Vienna, {LUKUMAY} told {KELLERBRAND} that trade would grow."), "MET_WITH"
    ) == {PAIR}
    assert relations(extract(extractor, f"{LUKUMAY} told {KELLERBRAND} that trade would grow."), "MET_WITH") == set()


def test_a_title_in_apposition_stands_for_its_name(nlp, extractor):
    """ "sat down with the Prime Minister of Slovakia, X": the title heads the phrase; NER made the name a body."""
    docs = parsed(
        nlp, "Minister Rehema Mtalai sat down with the Prime Minister of Slovakia, Matthias Kellerbrand, on Monday."
    )
    with_entity(docs[0], "Matthias", 2, "ORG")
    assert relations(extract_docs(extractor, docs), "MET_WITH") == {met("Rehema Mtalai", "Matthias Kellerbrand")}


@pytest.mark.parametrize(
    "text",
    [
        "The two ministers - Evaristo Bastida and Paulo Ferreirinha - held talks in Quito.",
        "Both ministers - Ecuador's Evaristo Bastida and Peru's Paulo Ferreirinha - held talks in Quito on Monday.",
    ],
)
@pytest.mark.xfail(
    strict=True, reason="regressed on the lead's latest commits: a list in dashes before 'held talks' gets no pairs"
)
def test_a_list_before_its_verb_is_its_subject_where_the_parse_gives_none(extractor, text):
    assert relations(extract(extractor, text), "MET_WITH") == {met("Evaristo Bastida", "Paulo Ferreirinha")}


# --- whose, each other -------------------------------------------------------------------------------------------


def test_whose_stands_for_the_noun_its_clause_describes(extractor):
    text = f"{LUKUMAY}, whose talks with {KELLERBRAND} ran late, missed the dinner."
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


def test_each_other_stands_for_the_subjects(extractor):
    text = f"{LUKUMAY} and {KELLERBRAND} called each other on Monday."
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


# --- a filled role that names no one ----------------------------------------------------------------------------


def test_a_phrase_that_names_no_one_still_fills_the_role(extractor):
    """ "met reporters": the other side is there and is nobody, so the subjects did not meet one another."""
    text = f"{LUKUMAY} and {KELLERBRAND} met reporters in Vienna."
    assert relations(extract(extractor, text), "MET_WITH") == set()


def test_a_meeting_between_two_that_took_place(extractor):
    text = f"The first meeting since 2019 between {LUKUMAY} and {KELLERBRAND} took place in Vienna."
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}


@pytest.mark.xfail(
    strict=True,
    reason="regressed on the lead's latest commits: a plural topic ('talks on fisheries') fills the other side",
)
def test_talks_on_a_topic_between_the_subjects(extractor):
    text = f"{LUKUMAY} and {KELLERBRAND} held talks on fisheries in Vienna."
    assert relations(extract(extractor, text), "MET_WITH") == {PAIR}
