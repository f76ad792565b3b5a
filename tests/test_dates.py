"""Date phrases as periods with their precision, the event's tense, and the ISO 8601 text every output uses."""

from datetime import date, datetime

import pytest
from pydantic import TypeAdapter, ValidationError

from graphbuild.dates import Period, PeriodText, merge_periods, parse_explicit_date, parse_period, resolve_date

# A Wednesday.  Weekday arithmetic below is easiest to check against it:
# Mon 18, Tue 19, Wed 20, Thu 21 ... March 2024.
PUBLISHED = date(2024, 3, 20)


@pytest.mark.parametrize(
    ("expression", "iso"),
    [
        # weekdays: the most recent one on or before publication
        ("on Thursday", "2024-03-14"),
        ("Thursday", "2024-03-14"),
        ("Wednesday", "2024-03-20"),
        ("Thursday night", "2024-03-14"),
        ("Thursday's", "2024-03-14"),
        ("last Wednesday", "2024-03-13"),
        ("this Friday", "2024-03-22"),
        ("next Monday", "2024-03-25"),
        # fixed words
        ("today", "2024-03-20"),
        ("yesterday", "2024-03-19"),
        ("yesterday afternoon", "2024-03-19"),
        ("the day before yesterday", "2024-03-18"),
        ("tomorrow", "2024-03-21"),
        # periods relative to publication, whole
        ("last week", "2024-03-11/2024-03-17"),
        ("this week", "2024-03-18/2024-03-24"),
        ("last month", "2024-02"),
        ("next month", "2024-04"),
        ("last year", "2023"),
        ("two days ago", "2024-03-18"),
        ("3 weeks ago", "2024-02-26/2024-03-03"),
        ("two years ago", "2022"),  # the year it falls in, not its 1 January
        ("six months ago", "2023-09"),
        # parts of a period keep their precision
        ("earlier this month", "2024-03-01/2024-03-20"),
        ("later this month", "2024-03-20/2024-03-31"),
        ("late last year", "2023-09-01/2023-12-31"),
        ("mid-April", "2023-04-11/2023-04-20"),
        ("in mid April", "2023-04-11/2023-04-20"),
        ("early June", "2023-06-01/2023-06-10"),
        ("the end of May", "2023-05-21/2023-05-31"),
        ("in the middle of June 2023", "2023-06-11/2023-06-20"),
        ("mid-2023", "2023-05-01/2023-08-31"),
        # months and years
        ("in June", "2023-06"),
        ("in March", "2024-03"),
        ("in June 2023", "2023-06"),
        ("in 2022", "2022"),
        # explicit days and ranges of days
        ("May 2", "2024-05-02"),
        ("on March 18", "2024-03-18"),
        ("18th of March", "2024-03-18"),
        ("March 18, 2024", "2024-03-18"),
        ("Thursday, March 14", "2024-03-14"),
        ("2023-11-02", "2023-11-02"),
        ("March 4-6", "2024-03-04/2024-03-06"),
        ("4-6 March", "2024-03-04/2024-03-06"),
        ("Sept. 19–20, 2023", "2023-09-19/2023-09-20"),
        ("between 19 and 20 September 2023", "2023-09-19/2023-09-20"),
        ("from February 27 to March 2", "2024-02-27/2024-03-02"),
        ("December 30-January 2, 2023", "2023-12-30/2024-01-02"),
    ],
)
def test_resolve_date_keeps_the_precision_of_the_phrase(expression, iso):
    assert resolve_date(expression, PUBLISHED).iso == iso


def test_a_past_event_takes_the_last_such_days_before_publication():
    october_article = date(2024, 10, 9)
    assert resolve_date("September 19-20", october_article, "past").iso == "2024-09-19/2024-09-20"
    assert resolve_date("September 19", october_article, "past").iso == "2024-09-19"
    assert resolve_date("December 28", date(2024, 1, 5), "past").iso == "2023-12-28"
    assert resolve_date("October 20", october_article, "past").iso == "2023-10-20"  # not eleven days after publication


def test_a_future_event_takes_the_next_such_days_after_publication():
    assert resolve_date("19-20 September", date(2024, 10, 9), "future").iso == "2025-09-19/2025-09-20"
    assert resolve_date("on Monday", PUBLISHED, "future").iso == "2024-03-25"
    assert resolve_date("in June", PUBLISHED, "future").iso == "2024-06"
    assert resolve_date("this week", PUBLISHED, "future").iso == "2024-03-20/2024-03-24"


@pytest.mark.parametrize("expression", ["in 2025", "next week", "this Friday", "tomorrow", "April 2, 2024"])
def test_a_past_event_never_gets_a_date_after_publication(expression):
    assert resolve_date(expression, PUBLISHED, "past") is None


def test_a_past_event_this_month_ends_at_publication():
    assert resolve_date("this month", PUBLISHED, "past").iso == "2024-03-01/2024-03-20"
    assert resolve_date("this year", PUBLISHED, "past").iso == "2024-01-01/2024-03-20"


def test_a_future_event_never_gets_a_date_before_publication():
    assert resolve_date("last week", PUBLISHED, "future") is None


def test_without_a_tense_a_day_and_month_takes_the_closest_year():
    new_year_article = date(2024, 1, 5)
    assert resolve_date("December 28", new_year_article).iso == "2023-12-28"
    assert resolve_date("January 9", new_year_article).iso == "2024-01-09"


@pytest.mark.parametrize(
    "expression",
    ["recent weeks", "the 1990s", "decades", "18", "the past few days", "", "   ", "many years", "September 31-32"],
)
def test_unresolvable_expressions_give_none(expression):
    assert resolve_date(expression, PUBLISHED) is None


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31), date.min, date.max])
def test_placeholder_publication_dates_date_nothing(published):
    for expression in ("yesterday", "tomorrow", "last year", "two years ago", "next week", "on Monday", "in June"):
        assert resolve_date(expression, published) is None


def test_february_29_outside_leap_years_gives_none():
    assert resolve_date("February 29", date(2022, 6, 1)) is None


def test_published_may_be_a_datetime():
    assert resolve_date("yesterday", datetime(2024, 3, 20, 23, 59)) == Period(date(2024, 3, 19), date(2024, 3, 19))


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2024-03-18", Period(date(2024, 3, 18), date(2024, 3, 18))),
        ("2024-02", Period(date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", Period(date(2023, 1, 1), date(2023, 12, 31))),
        ("2024-04-11/2024-04-20", Period(date(2024, 4, 11), date(2024, 4, 20))),
        ("2024-04/2024-05", Period(date(2024, 4, 1), date(2024, 5, 31))),
        ("2024-04-11T10:00:00", Period(date(2024, 4, 11), date(2024, 4, 11))),
    ],
)
def test_periods_read_back_from_their_iso_text(text, period):
    assert parse_period(text) == period
    assert parse_period(period.iso) == period


@pytest.mark.parametrize("text", ["2024-13", "April", "2024-04-20/2024-04-11", "", "2024-02-30"])
def test_text_that_is_no_period_is_refused(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_period_text_is_canonical_in_the_records():
    adapter = TypeAdapter(PeriodText)
    assert adapter.validate_python("2024-03-01/2024-03-31") == "2024-03"
    assert adapter.validate_python("2023-01-01/2023-12-31") == "2023"
    with pytest.raises(ValidationError):
        adapter.validate_python("mid-April")


def test_overlapping_and_touching_periods_merge():
    periods = [parse_period(t) for t in ("2024-03-05", "2024-03", "2024-04-01", "2024-04-03/2024-04-04", "2024-06")]
    assert [p.iso for p in merge_periods(periods)] == ["2024-03-01/2024-04-01", "2024-04-03/2024-04-04", "2024-06"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-03-18", "2024-03-18"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("March 2024", "2024-03"),
        ("March 5", None),  # no year: a metadata date cannot be guessed
        ("not a date", None),
    ],
)
def test_parse_explicit_date(text, iso):
    period = parse_explicit_date(text)
    assert (period.iso if period else None) == iso
