"""The status policy (graphbuild/extract/status.py): did the event happen — asserted, planned,
proposed, hypothetical, refused, cancelled, denied, disputed or negated — read from the words that
govern its trigger, each only as far as its scope reaches; then what the relation type makes of the
status.  Real model, invented sentences."""

from __future__ import annotations

import pytest
from invented_articles import extract, meetings, met, supports

from graphbuild.extract.status import governing_words

ESTONIAN = "Minister Kadri Vahtramae"
CROAT = "Minister Ivo Petranic"


def relations_of(extractor, text: str, kind: str) -> set:
    return {r for r in meetings(extract(extractor, text)) if r[0] == kind}


def status(nlp, sentence: str, word: str, occurrence: int = 0) -> str:
    """The status of the event a word opens."""
    token = [t for t in nlp(sentence) if t.text == word][occurrence]
    return governing_words(token)


# --- one case per status -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, word, expected",
    [
        (f"{ESTONIAN} met {CROAT} in Tallinn.", "met", "asserted"),
        (f"{ESTONIAN} will meet {CROAT} in June.", "meet", "planned"),
        (f"{ESTONIAN} is due to hold fresh talks with {CROAT}.", "talks", "planned"),
        (f"{ESTONIAN} requested a meeting with {CROAT}.", "meeting", "proposed"),
        (f"{ESTONIAN} could meet {CROAT} if the truce holds.", "meet", "hypothetical"),
        (f"{ESTONIAN} would have met {CROAT} had the ferry not been cancelled.", "met", "hypothetical"),
        ("A possible meeting between Vahtramae and Petranic was discussed.", "meeting", "hypothetical"),
        ("Officials asked whether Vahtramae would meet Petranic.", "meet", "hypothetical"),
        (f"{ESTONIAN} refused to meet {CROAT}.", "meet", "refused"),
        (f"{ESTONIAN} snubbed an invitation to talks with {CROAT}.", "talks", "refused"),
        ("The summit between Vahtramae and Petranic was postponed.", "summit", "cancelled"),
        ("Tallinn denied that Vahtramae had met Petranic.", "met", "denied"),
        ("Tallinn dismissed claims that Vahtramae had spoken to Petranic.", "spoken", "denied"),
        ("State television claimed that Vahtramae had met Petranic.", "met", "disputed"),
        ("An alleged meeting between Vahtramae and Petranic caused a stir.", "meeting", "disputed"),
        (f"{ESTONIAN} did not meet {CROAT}.", "meet", "negated"),
        (f"{ESTONIAN} has yet to meet {CROAT}.", "meet", "negated"),
        (f"{ESTONIAN} has never met {CROAT}.", "met", "negated"),
        (f"{ESTONIAN} failed to obtain a meeting with {CROAT}.", "meeting", "negated"),
        (f"{ESTONIAN} left Riga without meeting {CROAT}.", "meeting", "negated"),
        ("There has been no contact between Vahtramae and Petranic.", "contact", "negated"),
        ("Norway is considering sending arms to Ghana.", "sending", "hypothetical"),
        ("Norway blocked the aid package for Ghana.", "package", "refused"),
        ("Norway suspended arms sales to Ghana.", "sales", "cancelled"),
        ("Norway is accused of selling drones to Ghana.", "selling", "disputed"),
    ],
)
def test_the_words_governing_a_trigger_give_its_status(nlp, sentence, word, expected):
    assert status(nlp, sentence, word) == expected


@pytest.mark.xfail(
    strict=True,
    reason="the model lemmatizes 'hoped' as 'hop', so the plan word is missed (syntax.is_word would catch it)",
)
def test_a_hoped_for_meeting_is_planned(nlp):
    assert status(nlp, f"{ESTONIAN} hoped to meet {CROAT}.", "meet") == "planned"


# --- scope ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, word, expected",
    [
        # a relative clause is an event of its own
        (f"{ESTONIAN}, who met {CROAT} on Monday, plans to visit Zagreb in the autumn.", "met", "asserted"),
        # so is a time phrase
        (f"{ESTONIAN} refused to comment after her meeting with {CROAT}.", "meeting", "asserted"),
        (f"{ESTONIAN} met {CROAT} two days after their earlier talks had been delayed.", "met", "asserted"),
        # a coordinated verb with a subject of its own
        (f"{ESTONIAN} did not meet {CROAT}, but the pair spoke by video link.", "spoke", "asserted"),
        ("Norway declined to deploy soldiers to Ghana, but it promised medical supplies.", "promised", "asserted"),
        # a coordinated verb without one shares the first verb's negation and modals
        (f"{ESTONIAN} did not meet {CROAT} or speak to him.", "speak", "negated"),
        (f"{ESTONIAN} will meet {CROAT} and tour the port.", "tour", "planned"),
        # "rule out": refused, unless negated
        ("Norway ruled out deploying engineers to Ghana.", "deploying", "refused"),
        ("Norway has not ruled out deploying engineers to Ghana.", "deploying", "hypothetical"),
        # the present tense with a date of its own is ahead
        (f"{ESTONIAN} is meeting {CROAT} on Friday.", "meeting", "planned"),
        (f"{ESTONIAN} meets {CROAT} next week.", "meets", "planned"),
        (f"{ESTONIAN} meets {CROAT} often.", "meets", "asserted"),
        (f"{ESTONIAN} met {CROAT} on Friday.", "met", "asserted"),
        # walking out of talks: they took place
        (f"{ESTONIAN} stormed out of the negotiations with {CROAT}.", "negotiations", "asserted"),
        # a past "when" clause only says when: the main clause's plan is not its event's
        (f"When {ESTONIAN} and {CROAT} met in Riga last year, they agreed to build a bridge.", "met", "asserted"),
        (f"When {ESTONIAN} meets {CROAT} next week, they will sign the treaty.", "meets", "planned"),
        (f"If {ESTONIAN} meets {CROAT}, they will discuss the bridge.", "meets", "hypothetical"),
        # a participle clause shares the main clause's modals, not the meaning of its verb
        ("Meeting in Riga on Friday, Vahtramae and Petranic agreed to deploy a joint force.", "Meeting", "asserted"),
        ("Meeting in Riga on Friday, the two ministers agreed to build a bridge.", "Meeting", "asserted"),
        ("Meeting in Riga next week, Vahtramae and Petranic will sign the treaty.", "Meeting", "planned"),
    ],
)
def test_a_word_speaks_only_about_the_events_in_its_scope(nlp, sentence, word, expected):
    assert status(nlp, sentence, word) == expected


def test_a_gerund_with_a_date_has_the_tense_of_its_clause(nlp):
    sentence = (
        "Kadri Vahtramae held a bilateral meeting with Ilse Gruber before meeting with Ivo Petranic and "
        "Tevita Lolohea later in the day."
    )
    assert status(nlp, sentence, "meeting", occurrence=1) == "asserted"


@pytest.mark.xfail(
    strict=True,
    reason="the parser hangs 'offered' on the infinitive 'station', so the refusal above it reaches the offer",
)
def test_a_coordinated_verb_does_not_share_the_refusal_above_its_first_verb(nlp):
    assert (
        status(nlp, "Norway declined to station soldiers in Ghana but offered field hospitals.", "offered")
        == "asserted"
    )


@pytest.mark.xfail(strict=True, reason="'but the two talked' is parsed under the negated verb, so it is negated too")
def test_the_two_talking_after_a_meeting_that_did_not_happen(nlp):
    sentence = f"{ESTONIAN} did not meet {CROAT}, but the two talked by video link."
    assert status(nlp, sentence, "talked") == "asserted"


def test_a_denial_in_one_clause_does_not_reach_the_meeting_in_the_next(extractor):
    text = f"Tallinn denied that it had leased drones to Zagreb, and {ESTONIAN} met {CROAT} on Monday."
    assert meetings(extract(extractor, text)) == {met("Kadri Vahtramae", "Ivo Petranic")}


def test_a_later_sentence_that_denies_the_event(extractor):
    text = f"{ESTONIAN} spoke to {CROAT} by phone, a report said. Hours later the ministry insisted that the conversation never happened."
    kinds = {kind for kind, *_ in meetings(extract(extractor, text))}
    assert kinds and kinds <= {"MEETING_DISPUTED", "MEETING_REFUSED"}


def test_who_is_at_an_event_is_as_sure_as_the_clause_that_puts_them_there(extractor):
    text = (
        f"He said all three leaders - {ESTONIAN}, {CROAT} and Minister Aino Tammsaar - would try to hold a side "
        "meeting at the summit in Riga."
    )
    assert relations_of(extractor, text, "MET_WITH") == set()


@pytest.mark.parametrize(
    "sentence, kind",
    [
        # the event noun is the subject of a verb of taking place, which says whether it happened
        (f"Talks took place between {ESTONIAN} and {CROAT} on Monday.", "MET_WITH"),
        (f"Talks were held between {ESTONIAN} and {CROAT} on Monday.", "MET_WITH"),
        (f"Tallinn denied that any meeting had taken place between {ESTONIAN} and {CROAT}.", "MEETING_DISPUTED"),
        (f"No talks took place between {ESTONIAN} and {CROAT}.", "MEETING_DISPUTED"),
    ],
)
def test_a_meeting_said_to_take_place_or_not(extractor, sentence, kind):
    assert meetings(extract(extractor, sentence)) == {(kind, *met("Kadri Vahtramae", "Ivo Petranic")[1:])}


# --- what a status makes of a relation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, kind",
    [
        (f"{ESTONIAN} met {CROAT} in Tallinn.", "MET_WITH"),
        (f"{ESTONIAN} will meet {CROAT} in June.", "MEETING_PLANNED"),
        (f"{ESTONIAN} requested a meeting with {CROAT}.", "MEETING_PLANNED"),
        (f"{ESTONIAN} refused to meet {CROAT}.", "MEETING_REFUSED"),
        (f"Tallinn denied that {ESTONIAN} had met {CROAT} in Riga.", "MEETING_REFUSED"),
        (f"State television claimed that {ESTONIAN} had met {CROAT} in Riga.", "MEETING_DISPUTED"),
    ],
)
def test_a_meeting_becomes_the_type_its_status_makes_it(extractor, sentence, kind):
    (relation,) = meetings(extract(extractor, sentence))
    assert relation[0] == kind


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Norway delivered patrol boats to Ghana.", {("country:no", "country:gh")}),
        ("Norway will deliver patrol boats to Ghana next year.", {("country:no", "country:gh")}),  # a commitment counts
        ("Norway would deliver patrol boats to Ghana if asked.", set()),
        ("Norway refused to deliver patrol boats to Ghana.", set()),
        ("Norway denied that it had delivered patrol boats to Ghana.", set()),
    ],
)
def test_support_counts_when_asserted_or_committed(extractor, sentence, expected):
    assert supports(extractor, sentence) == expected
