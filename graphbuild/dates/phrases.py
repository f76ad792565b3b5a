"""Date phrases of news sentences ("on Thursday", "mid-April", "September 19-20") as periods."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from graphbuild.dates.period import Period, month_end

__all__ = ["Tense", "parse_explicit_date", "resolve_date", "usable_anchor"]

Tense = Literal["past", "future"]


def usable_anchor(published: date | None) -> bool:
    """Whether relative phrases can be measured from this publication date (not a placeholder like year 1)."""
    return published is not None and 1000 <= published.year < 9999


def resolve_date(expression: str, published: date, tense: Tense | None = None) -> Period | None:
    """The period a date phrase names, for an event of ``tense`` in an article published on ``published``.

    Returns None for phrases that name no definite period, and for periods the tense rules out.
    """
    if isinstance(published, datetime):  # a datetime is a date, but its arithmetic differs
        published = published.date()
    if not usable_anchor(published):
        return None
    part, phrase = _split_part(_clean(expression))
    if not phrase:
        return None
    try:
        period = _resolve_phrase(phrase, published, tense)
        if period is not None and part is not None:
            period = _narrow(period, part, published)
    except (ValueError, OverflowError):  # a day beyond date.max or before date.min
        return None
    return _within_tense(period, published, tense) if period is not None else None


def parse_explicit_date(text: str) -> Period | None:
    """A written-out date that names its year: "2024-03-18", "March 2024", "2022" (feed metadata).

    A missing year cannot be guessed here, so "March 18" gives None.
    """
    parsed = _parse_with_dateutil(text.strip())  # not _clean(): dateutil knows "GMT", not "gmt"
    if parsed is None:
        return None
    value, given = parsed
    if "year" not in given:
        return None
    return _from_given_fields(value, given, published=value, tense=None)


# --- cleaning --------------------------------------------------------------

_LEADING_WORDS = re.compile(r"^(?:on|in|during|at|of|the|from|between)\s+")
_MONTH_ABBREVIATION_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.")
_PART = re.compile(
    r"^(early|earlier|late|later|mid|middle of|end of|beginning of|start of|the (?:middle|end|beginning|start) "
    r"of)[\s-]+"
)
_PART_NAMES = {"middle of": "mid", "end of": "late", "beginning of": "early", "start of": "early"}
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


def _clean(expression: str) -> str:
    phrase = " ".join(expression.lower().replace("–", "-").replace("—", "-").split())
    phrase = phrase.strip(" .,;:!?\"'“”‘’()")
    phrase = re.sub(r"['’]s$", "", phrase)  # "Thursday's meeting" is tagged as "Thursday's"
    phrase = _MONTH_ABBREVIATION_DOT.sub(r"\1", phrase)
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = _LEADING_WORDS.sub("", phrase)
    return phrase


def _split_part(phrase: str) -> tuple[str | None, str]:
    """("mid", "april") from "mid-april": which part of the period the phrase names, and the period."""
    match = _PART.match(phrase)
    if match is None:
        return None, phrase
    word = match.group(1).removeprefix("the ")
    return _PART_NAMES.get(word, word), _clean(phrase[match.end() :])


def _narrow(period: Period, part: str, published: date) -> Period:
    """The early, middle or late third of a period; "earlier"/"later" split it at publication."""
    if part in ("earlier", "later") and period.contains(published):
        return Period(period.start, published) if part == "earlier" else Period(published, period.end)
    third = {"early": 0, "earlier": 0, "mid": 1, "late": 2, "later": 2}[part]
    if period.iso == f"{period.start.year:04d}":  # a whole year: by months
        first = date(period.start.year, 4 * third + 1, 1)
        return Period(first, month_end(date(period.start.year, 4 * third + 4, 1)))
    days = (period.end - period.start).days + 1
    if days < 3:  # a day or two has no thirds
        return period
    size = days // 3
    start = period.start + timedelta(days=size * third)
    return Period(start, period.end if third == 2 else start + timedelta(days=size - 1))


def _within_tense(period: Period, published: date, tense: Tense | None) -> Period | None:
    """A past event never after publication (cut at it), a future one never before it."""
    if tense == "past":
        if period.start > published:
            return None
        return Period(period.start, min(period.end, published))
    if tense == "future":
        if period.end < published:
            return None
        return Period(max(period.start, published), period.end)
    return period


# --- resolvers, tried in order ---------------------------------------------


def _resolve_phrase(phrase: str, published: date, tense: Tense | None) -> Period | None:
    for resolver in (_resolve_fixed_word, _resolve_ago, _resolve_relative_period, _resolve_weekday, _resolve_range):
        period = resolver(phrase, published, tense)
        if period is not None:
            return period
    return _resolve_explicit(phrase, published, tense)


_FIXED_OFFSETS = {
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "yesterday": -1,
    "last night": -1,
    "day before yesterday": -2,
    "tomorrow": 1,
    "day after tomorrow": 2,
}


def _resolve_fixed_word(phrase: str, published: date, tense: Tense | None) -> Period | None:
    phrase = _PART_OF_DAY.sub("", phrase) if phrase.startswith(("yesterday", "tomorrow")) else phrase
    offset = _FIXED_OFFSETS.get(phrase)
    if offset is None:
        return None
    return _day(published + timedelta(days=offset))


_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_AGO = re.compile(r"^(\d+|[a-z]+) (day|week|month|year)s? ago$")


def _resolve_ago(phrase: str, published: date, tense: Tense | None) -> Period | None:
    """ "two years ago": the day, week, month or year it falls in (the year 2022, not 1 January 2022)."""
    match = _AGO.match(phrase)
    if match is None:
        return None
    count_word, unit = match.groups()
    count = int(count_word) if count_word.isdigit() else _NUMBER_WORDS.get(count_word)
    if count is None:
        return None
    return _unit_around(published - relativedelta(**{unit + "s": count}), unit)


_RELATIVE_PERIOD = re.compile(r"^(last|this|next|past|coming) (week|month|year)$")
_PERIOD_STEP = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}


def _resolve_relative_period(phrase: str, published: date, tense: Tense | None) -> Period | None:
    match = _RELATIVE_PERIOD.match(phrase)
    if match is None:
        return None
    direction, unit = match.groups()
    return _unit_around(published + relativedelta(**{unit + "s": _PERIOD_STEP[direction]}), unit)


_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY = re.compile(r"^(?:(last|this|next|coming|this coming) )?(" + "|".join(_WEEKDAYS) + r")\b(?!.*\d)")


def _resolve_weekday(phrase: str, published: date, tense: Tense | None) -> Period | None:
    # "(?!.*\d)": "Thursday, March 18" names its date outright; leave it to _resolve_explicit.
    match = _WEEKDAY.match(phrase)
    if match is None:
        return None
    direction, weekday_name = match.groups()
    weekday = _WEEKDAYS[weekday_name]
    days_back = (published.weekday() - weekday) % 7
    days_ahead = (weekday - published.weekday()) % 7
    if direction is None:  # news mostly looks back; a future event looks ahead
        value = published + timedelta(days=days_ahead) if tense == "future" else published - timedelta(days=days_back)
    elif direction == "last":
        value = published - timedelta(days=days_back or 7)
    elif direction == "this":
        value = published + timedelta(days=weekday - published.weekday())
    else:  # next, coming, this coming
        value = published + timedelta(days=days_ahead or 7)
    return _day(value)


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|to|through|until|till|and)\s*"
_YEAR = r"(?:,?\s+(\d{4}))?"
#: Day ranges, as (pattern, group order): which groups hold month 1, day 1, month 2, day 2 and the year.
_RANGES = (
    (re.compile(f"^{_MONTH} {_DAY}{_TO}{_DAY}{_YEAR}$"), (0, 1, 0, 2, 3)),  # september 19-20
    (re.compile(f"^{_DAY}{_TO}{_DAY} (?:of )?{_MONTH}{_YEAR}$"), (2, 0, 2, 1, 3)),  # 19-20 september
    (re.compile(f"^{_MONTH} {_DAY}{_TO}{_MONTH} {_DAY}{_YEAR}$"), (0, 1, 2, 3, 4)),  # september 30-october 2
    (re.compile(f"^{_DAY} {_MONTH}{_TO}{_DAY} {_MONTH}{_YEAR}$"), (1, 0, 3, 2, 4)),  # 30 september-2 october
)


def _resolve_range(phrase: str, published: date, tense: Tense | None) -> Period | None:
    for pattern, order in _RANGES:
        match = pattern.match(phrase)
        if match is None:
            continue
        groups = match.groups()
        month1, day1, month2, day2, year = (groups[i] for i in order)
        month1, month2 = _MONTHS[month1], _MONTHS[month2]
        day1, day2 = int(day1), int(day2)
        if year is not None:
            start = date(int(year), month1, day1)
        else:
            start = _year_for(month1, day1, published, tense)
            if start is None:
                return None
        end = date(start.year + (month2 < month1), month2, day2)
        return Period(start, end) if end >= start else None
    return None


_YEAR_ONLY = re.compile(r"^\d{4}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _resolve_explicit(phrase: str, published: date, tense: Tense | None) -> Period | None:
    words = set(re.findall(r"[a-z]+", phrase))
    # Without a month name, a year or an ISO date, dateutil would happily read
    # "18" as "the 18th of some month"; such phrases are not dates we can place.
    if not (words & set(_MONTHS) or _YEAR_ONLY.match(phrase) or _ISO_DATE.match(phrase)):
        return None
    parsed = _parse_with_dateutil(phrase)
    if parsed is None:
        return None
    value, given = parsed
    return _from_given_fields(value, given, published, tense)


# --- helpers ---------------------------------------------------------------

# dateutil fills fields the text leaves out from a default date.  Parsing
# with two defaults that differ in every field shows which fields the text
# really gave.  Both default years are leap years so "February 29" parses.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2004, 2, 2)


def _parse_with_dateutil(text: str) -> tuple[date, set[str]] | None:
    if not text:
        return None
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None
    given = {field for field in ("year", "month", "day") if getattr(first, field) == getattr(second, field)}
    return first.date(), given


def _from_given_fields(value: date, given: set[str], published: date, tense: Tense | None) -> Period | None:
    if given == {"year", "month", "day"}:
        return _day(value)
    if given == {"year", "month"}:
        return _unit_around(value, "month")
    if given == {"year"}:
        return _unit_around(value, "year")
    if given == {"month", "day"}:
        day = _year_for(value.month, value.day, published, tense)
        return _day(day) if day else None
    if given == {"month"}:
        return _month_for(value.month, published, tense)
    return None  # a day without a month, or nothing at all


def _year_for(month: int, day: int, published: date, tense: Tense | None) -> date | None:
    """The day ``month``/``day`` names: the last one on or before publication (past), the next one on or
    after it (future), else the closest."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # February 29 outside a leap year
            continue
    if tense == "past":
        candidates = [c for c in candidates if c <= published][-1:]
    elif tense == "future":
        candidates = [c for c in candidates if c >= published][:1]
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: (abs(candidate - published), candidate))


def _month_for(month: int, published: date, tense: Tense | None) -> Period:
    """A month without a year: the next one for a future event, else the last one that began by publication."""
    if tense == "future":
        year = published.year if month >= published.month else published.year + 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return _unit_around(date(year, month, 1), "month")


def _unit_around(day: date, unit: str) -> Period:
    """The day, week (Monday to Sunday), month or year that ``day`` is in."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6))
    if unit == "month":
        return Period(day.replace(day=1), month_end(day))
    if unit == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31))
    return _day(day)


def _day(day: date) -> Period:
    return Period(day, day)
