"""A relation's date comes from the phrase that modifies its event (invented sentences, the real parser)."""

from __future__ import annotations

from datetime import date

import pytest

from graphbuild.extract.event_date import event_date, event_tense
from graphbuild.models import Article

# A Wednesday in October: "September 19-20" is three weeks back, "on Monday" two days.
PUBLISHED = date(2024, 10, 9)


def dated(nlp, sentence: str, trigger: str, published: date | None = PUBLISHED) -> str | None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    period = event_date(token, published)
    return period.iso if period is not None else None


@pytest.mark.parametrize(
    ("sentence", "trigger", "iso"),
    [
        # the date of the event, not of another phrase of the sentence
        (
            "Ferrer met Sandvik in Oslo on Wednesday, his first trip abroad since the floods began in mid-April.",
            "met",
            "2024-10-09",
        ),
        ("Ferrer, who arrived on Monday, met Sandvik on Tuesday.", "met", "2024-10-08"),
        ("On Monday, Ferrer met Sandvik in Lisbon.", "met", "2024-10-07"),
        ("Ferrer ate dinner with Sandvik Friday evening at a club in Lisbon.", "dinner", "2024-10-04"),  # a time of day
        ("Ferrer met Sandvik on Monday morning, two days after the vote on Saturday night.", "met", "2024-10-07"),
        ("Ferrer met Sandvik, the foreign minister of Norway, last week.", "met", "2024-09-30/2024-10-06"),
        # a range keeps both days, in this year's September for a past meeting in an October article
        ("The two ministers met on September 19-20 in Lisbon.", "met", "2024-09-19/2024-09-20"),
        ("Ferrer and Sandvik held talks on 19-20 September.", "talks", "2024-09-19/2024-09-20"),
        # partial dates keep their precision
        ("Ferrer and Sandvik held talks in mid-April.", "talks", "2024-04-11/2024-04-20"),
        ("Ferrer and Sandvik held talks in 2023.", "talks", "2023"),  # a year the model does not tag
        ("Ferrer visited Chile two years ago.", "visited", "2022"),  # not 1 January
        # a noun trigger is dated by the verb it is the object or subject of, or by its own modifier
        ("The meeting took place on Friday in Lisbon.", "meeting", "2024-10-04"),
        ("Monday's talks between Ferrer and Sandvik ended without a deal.", "talks", "2024-10-07"),
        ("The talks, held on Monday in Lisbon, ended without a deal.", "talks", "2024-10-07"),
        ("The meeting, which took place on Friday, was cordial.", "meeting", "2024-10-04"),
        # a phrase the parser hung on a noun that prepositions tie to the event
        ("Ferrer met with Sandvik on the sidelines of the summit on Tuesday.", "met", "2024-10-08"),
        # the future looks ahead
        ("The leaders will meet on 19-20 September.", "meet", "2025-09-19/2025-09-20"),
        ("Ferrer is to meet Sandvik next month.", "meet", "2024-11"),
    ],
)
def test_the_phrase_that_modifies_the_event_dates_it(nlp, sentence, trigger, iso):
    assert dated(nlp, sentence, trigger) == iso


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("The ministry said on Tuesday that Ferrer had met Sandvik.", "met"),  # Tuesday is when it was said
        ("Ferrer has met Sandvik three times since March.", "met"),  # a bound, not the date
        ("Ferrer met Sandvik after the summit in June.", "met"),  # June dates the summit
        ("Ferrer met Sandvik, who was elected in 2019.", "met"),  # 2019 dates the election
        ("Ferrer met Sandvik at the site of the 1990 massacre.", "met"),
        ("Ferrer met Sandvik on the anniversary of the treaty signed in 1990.", "met"),
        ("Ferrer met Sandvik in 2025.", "met"),  # after publication: not for a past meeting
        ("Ferrer met Sandvik in Lisbon.", "met"),
    ],
)
def test_phrases_of_other_events_leave_the_relation_undated(nlp, sentence, trigger):
    assert dated(nlp, sentence, trigger) is None


@pytest.mark.parametrize("published", [None, date(1, 1, 1), date(9999, 12, 31)])
def test_unknown_or_placeholder_publication_dates_leave_it_undated(nlp, published):
    assert dated(nlp, "Ferrer met Sandvik on Monday, two days after the vote.", "met", published) is None


@pytest.mark.parametrize(
    ("sentence", "trigger", "tense"),
    [
        ("Ferrer met Sandvik.", "met", "past"),
        ("Ferrer has met Sandvik.", "met", "past"),
        ("The talks were held in Oslo.", "talks", "past"),
        ("Ferrer will meet Sandvik.", "meet", "future"),
        ("Ferrer plans to meet Sandvik.", "meet", "future"),
        ("Ferrer meets Sandvik.", "meets", None),
    ],
)
def test_event_tense(nlp, sentence, trigger, tense):
    doc = nlp(sentence)
    assert event_tense(next(t for t in doc if t.text == trigger)) == tense


def test_the_extracted_relation_carries_the_period(extractor):
    article = Article(
        id="d1",
        published=PUBLISHED,
        text="Chilean Foreign Minister Alba Ferrer met Norwegian Foreign Minister Lea Sandvik in Oslo on "
        "September 19-20, their first talks since the summit in mid-April.",
    )
    relations = [r for r in extractor.extract_one(article).relations if r.type == "MET_WITH"]
    assert [r.date for r in relations] == ["2024-09-19/2024-09-20"]


def test_a_placeholder_publication_date_does_not_stop_the_extraction(extractor):
    for published in (date(1, 1, 1), date(9999, 12, 31)):
        article = Article(
            id="d2",
            published=published,
            text="Chilean Foreign Minister Alba Ferrer met Norwegian Foreign Minister Lea Sandvik yesterday.",
        )
        relations = [r for r in extractor.extract_one(article).relations if r.type == "MET_WITH"]
        assert relations and all(r.date is None for r in relations)
