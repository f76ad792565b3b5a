"""Turn the date phrases news sentences use into calendar dates.

Public API::

    resolve_date(expression: str, published: date) -> ResolvedDate | None
    ResolvedDate(value: date, precision: Precision)      # a NamedTuple
    Precision = Literal["day", "week", "month", "year"]
    parse_explicit_date(text: str) -> ResolvedDate | None

``expression`` is the text spaCy tags as DATE ("on Thursday", "last month",
"May 2", "in June 2023"); ``published`` is the article's publication date,
the anchor every relative phrase is measured from.

A date phrase usually names a *period*, not a day, so the answer carries
both: ``value`` is the first day of the period and ``precision`` says how
long the period is.  "last month" in an article of 2024-03-20 is
``ResolvedDate(date(2024, 2, 1), "month")``; "last week" is the Monday that
starts the previous ISO week with precision ``"week"``.  Callers that only
want a date use ``.value``; callers that compare dates should respect the
precision.

Conventions (news-writing habits, documented because they are choices):

* A bare weekday ("Thursday", "on Thursday") is the most recent such day on
  or before ``published`` — news reports mostly look back.  "last Thursday"
  is strictly before ``published``, "next Thursday" strictly after,
  "this Thursday" the one in the same Monday–Sunday week.
* A month without a year ("in June") is the most recent June on or before
  the publication month.
* A day and month without a year ("May 2", "on March 18") takes the year
  that puts it closest to ``published``: a 20 March article saying "March
  25" means the coming 25th (planned meetings are written this way), a
  5 January article saying "December 28" means last December.
* Fuzzy edges ("early June", "late last year", "earlier this month",
  "the end of May") resolve to the period they name.
* Anything else ("recent weeks", "the 1990s", "decades") gives ``None``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Literal, NamedTuple

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

Precision = Literal["day", "week", "month", "year"]


class ResolvedDate(NamedTuple):
    """A resolved date phrase: the first day of the period it names, and the period's length."""

    value: date
    precision: Precision


def resolve_date(expression: str, published: date) -> ResolvedDate | None:
    """Resolve a DATE expression relative to the article's publication date.

    Returns ``None`` for phrases that name no definite period.
    """
    if isinstance(published, datetime):  # a datetime is a date, but its arithmetic differs
        published = published.date()
    phrase = _clean(expression)
    if not phrase:
        return None
    for resolver in (_resolve_fixed_word, _resolve_ago, _resolve_relative_period, _resolve_weekday):
        resolved = resolver(phrase, published)
        if resolved is not None:
            return resolved
    return _resolve_explicit(phrase, published)


def parse_explicit_date(text: str) -> ResolvedDate | None:
    """Parse a written-out date that names its year: "2024-03-18", "March 2024", "2022".

    Used for metadata such as a feed's ``published`` field, where a missing
    year cannot be guessed.  Returns ``None`` if the text is not such a date.
    """
    parsed = _parse_with_dateutil(text.strip())  # not _clean(): dateutil knows "GMT", not "gmt"
    if parsed is None:
        return None
    value, given = parsed
    if "year" not in given:
        return None
    return _from_given_fields(value, given, published=value)


# --- cleaning --------------------------------------------------------------

_LEADING_WORDS = re.compile(r"^(?:on|in|during|at|of|the)\s+")
# Words that narrow a period without moving it: "early June" is still June.
_VAGUE_EDGES = re.compile(
    r"^(?:early|earlier|late|later|mid|middle of|end of|beginning of|start of)[\s-]+"
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


def _clean(expression: str) -> str:
    phrase = " ".join(expression.lower().split())
    phrase = phrase.strip(" .,;:!?\"'“”‘’()")
    phrase = re.sub(r"['’]s$", "", phrase)  # "Thursday's meeting" is tagged as "Thursday's"
    previous = None
    while phrase != previous:  # "in the middle of June" needs several passes
        previous = phrase
        phrase = _LEADING_WORDS.sub("", phrase)
        phrase = _VAGUE_EDGES.sub("", phrase)
    return phrase


# --- resolvers, tried in order ---------------------------------------------

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


def _resolve_fixed_word(phrase: str, published: date) -> ResolvedDate | None:
    phrase = _PART_OF_DAY.sub("", phrase) if phrase.startswith(("yesterday", "tomorrow")) else phrase
    offset = _FIXED_OFFSETS.get(phrase)
    if offset is None:
        return None
    return ResolvedDate(published + timedelta(days=offset), "day")


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_AGO = re.compile(r"^(\d+|[a-z]+) (day|week|month|year)s? ago$")


def _resolve_ago(phrase: str, published: date) -> ResolvedDate | None:
    match = _AGO.match(phrase)
    if match is None:
        return None
    count_word, unit = match.groups()
    count = int(count_word) if count_word.isdigit() else _NUMBER_WORDS.get(count_word)
    if count is None:
        return None
    moved = published - relativedelta(**{unit + "s": count})
    return ResolvedDate(_period_start(moved, unit), unit)


_RELATIVE_PERIOD = re.compile(r"^(last|this|next|past) (week|month|year)$")
_PERIOD_STEP = {"last": -1, "past": -1, "this": 0, "next": 1}


def _resolve_relative_period(phrase: str, published: date) -> ResolvedDate | None:
    match = _RELATIVE_PERIOD.match(phrase)
    if match is None:
        return None
    direction, unit = match.groups()
    moved = published + relativedelta(**{unit + "s": _PERIOD_STEP[direction]})
    return ResolvedDate(_period_start(moved, unit), unit)


_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY = re.compile(
    r"^(?:(last|this|next|coming|this coming) )?(" + "|".join(_WEEKDAYS) + r")\b(?!.*\d)"
)


def _resolve_weekday(phrase: str, published: date) -> ResolvedDate | None:
    # "(?!.*\d)": "Thursday, March 18" names its date outright; leave it to _resolve_explicit.
    match = _WEEKDAY.match(phrase)
    if match is None:
        return None
    direction, weekday_name = match.groups()
    weekday = _WEEKDAYS[weekday_name]
    days_back = (published.weekday() - weekday) % 7
    if direction is None:
        value = published - timedelta(days=days_back)
    elif direction == "last":
        value = published - timedelta(days=days_back or 7)
    elif direction == "this":
        value = published + timedelta(days=weekday - published.weekday())
    else:  # next, coming, this coming
        value = published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return ResolvedDate(value, "day")


_MONTH_WORDS = {
    name.lower() for name in list(calendar.month_name)[1:] + list(calendar.month_abbr)[1:]
} | {"sept"}
_YEAR_ONLY = re.compile(r"^\d{4}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _resolve_explicit(phrase: str, published: date) -> ResolvedDate | None:
    words = set(re.findall(r"[a-z]+", phrase))
    # Without a month name, a year or an ISO date, dateutil would happily read
    # "18" as "the 18th of some month"; such phrases are not dates we can place.
    if not (words & _MONTH_WORDS or _YEAR_ONLY.match(phrase) or _ISO_DATE.match(phrase)):
        return None
    parsed = _parse_with_dateutil(phrase)
    if parsed is None:
        return None
    value, given = parsed
    return _from_given_fields(value, given, published)


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
    given = {
        field
        for field in ("year", "month", "day")
        if getattr(first, field) == getattr(second, field)
    }
    return first.date(), given


def _from_given_fields(value: date, given: set[str], published: date) -> ResolvedDate | None:
    if given == {"year", "month", "day"}:
        return ResolvedDate(value, "day")
    if given == {"year", "month"}:
        return ResolvedDate(value.replace(day=1), "month")
    if given == {"year"}:
        return ResolvedDate(date(value.year, 1, 1), "year")
    if given == {"month", "day"}:
        closest = _closest_year(value.month, value.day, published)
        return ResolvedDate(closest, "day") if closest else None
    if given == {"month"}:
        year = published.year if value.month <= published.month else published.year - 1
        return ResolvedDate(date(year, value.month, 1), "month")
    return None  # a day without a month, or nothing at all


def _closest_year(month: int, day: int, published: date) -> date | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # February 29 outside a leap year
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: (abs(candidate - published), candidate))


def _period_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return date(day.year, 1, 1)
    return day
