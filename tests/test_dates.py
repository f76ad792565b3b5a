from datetime import date, datetime

import pytest

from graphbuild.dates import ResolvedDate, parse_explicit_date, resolve_date

# A Wednesday.  Weekday arithmetic below is easiest to check against it:
# Mon 18, Tue 19, Wed 20, Thu 21 ... March 2024.
PUBLISHED = date(2024, 3, 20)


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        # weekdays: the most recent one on or before publication
        ("on Thursday", date(2024, 3, 14), "day"),
        ("Thursday", date(2024, 3, 14), "day"),
        ("Wednesday", date(2024, 3, 20), "day"),
        ("Thursday night", date(2024, 3, 14), "day"),
        ("Thursday's", date(2024, 3, 14), "day"),
        ("last Wednesday", date(2024, 3, 13), "day"),
        ("this Friday", date(2024, 3, 22), "day"),
        ("next Monday", date(2024, 3, 25), "day"),
        # fixed words
        ("today", date(2024, 3, 20), "day"),
        ("yesterday", date(2024, 3, 19), "day"),
        ("yesterday afternoon", date(2024, 3, 19), "day"),
        ("the day before yesterday", date(2024, 3, 18), "day"),
        ("tomorrow", date(2024, 3, 21), "day"),
        # periods relative to publication: first day of the period
        ("last week", date(2024, 3, 11), "week"),
        ("this week", date(2024, 3, 18), "week"),
        ("last month", date(2024, 2, 1), "month"),
        ("earlier this month", date(2024, 3, 1), "month"),
        ("next month", date(2024, 4, 1), "month"),
        ("last year", date(2023, 1, 1), "year"),
        ("late last year", date(2023, 1, 1), "year"),
        ("two days ago", date(2024, 3, 18), "day"),
        ("3 weeks ago", date(2024, 2, 26), "week"),
        # months and years
        ("in June", date(2023, 6, 1), "month"),
        ("in March", date(2024, 3, 1), "month"),
        ("early June", date(2023, 6, 1), "month"),
        ("the end of May", date(2023, 5, 1), "month"),
        ("in June 2023", date(2023, 6, 1), "month"),
        ("in 2022", date(2022, 1, 1), "year"),
        # explicit days
        ("May 2", date(2024, 5, 2), "day"),
        ("on March 18", date(2024, 3, 18), "day"),
        ("18th of March", date(2024, 3, 18), "day"),
        ("March 18, 2024", date(2024, 3, 18), "day"),
        ("Thursday, March 14", date(2024, 3, 14), "day"),
        ("2023-11-02", date(2023, 11, 2), "day"),
    ],
)
def test_resolve_date(expression, value, precision):
    assert resolve_date(expression, PUBLISHED) == ResolvedDate(value, precision)


def test_day_and_month_without_year_takes_the_closest_year():
    new_year_article = date(2024, 1, 5)
    assert resolve_date("December 28", new_year_article) == ResolvedDate(date(2023, 12, 28), "day")
    assert resolve_date("January 9", new_year_article) == ResolvedDate(date(2024, 1, 9), "day")


def test_month_without_year_is_never_after_publication():
    assert resolve_date("in April", PUBLISHED) == ResolvedDate(date(2023, 4, 1), "month")


@pytest.mark.parametrize(
    "expression",
    ["recent weeks", "the 1990s", "decades", "18", "the past few days", "", "   ", "many years"],
)
def test_unresolvable_expressions_give_none(expression):
    assert resolve_date(expression, PUBLISHED) is None


def test_february_29_outside_leap_years_gives_none():
    assert resolve_date("February 29", date(2022, 6, 1)) is None


def test_published_may_be_a_datetime():
    assert resolve_date("yesterday", datetime(2024, 3, 20, 23, 59)) == ResolvedDate(date(2024, 3, 19), "day")


def test_resolved_date_unpacks_like_a_tuple():
    value, precision = resolve_date("last month", PUBLISHED)
    assert (value, precision) == (date(2024, 2, 1), "month")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-18", ResolvedDate(date(2024, 3, 18), "day")),
        ("Tue, 05 Mar 2024 10:00:00 GMT", ResolvedDate(date(2024, 3, 5), "day")),
        ("March 2024", ResolvedDate(date(2024, 3, 1), "month")),
        ("March 5", None),  # no year: a metadata date cannot be guessed
        ("not a date", None),
    ],
)
def test_parse_explicit_date(text, expected):
    assert parse_explicit_date(text) == expected
