"""A period of days and its ISO 8601 text: the date model every stage and output format shares."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Annotated, NamedTuple

from pydantic import AfterValidator, Field

__all__ = ["Period", "PeriodText", "merge_periods", "month_end", "parse_period"]


class Period(NamedTuple):
    """A stretch of days, both ends included."""

    start: date
    end: date

    @property
    def iso(self) -> str:
        """The canonical ISO 8601 text: a day, a month or a year in reduced precision, else an interval."""
        start, end = self.start, self.end
        if start == end:
            return start.isoformat()
        if start.day == 1 and end == month_end(start):
            return f"{start.year:04d}-{start.month:02d}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
            return f"{start.year:04d}"
        return f"{start.isoformat()}/{end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_period(text: str) -> Period:
    """A period from its ISO 8601 text (``2024``, ``2024-04``, ``2024-04-11``, ``A/B``); ValueError if it is none.

    A date-time (``2024-04-11T10:00``) is its day."""
    text = str(text).strip()
    first, slash, last = text.partition("/")
    start = _iso_part(first)
    if not slash:
        return start
    end = _iso_part(last)
    if end.end < start.start:
        raise ValueError(f"{text!r}: the period ends before it starts")
    return Period(start.start, end.end)


def _iso_part(text: str) -> Period:
    match = _ISO_PART.match(text[:10] if "T" in text else text)
    if match is None:
        raise ValueError(f"{text!r} is not an ISO 8601 date, month or year")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return Period(date(year, 1, 1), date(year, 12, 31))
    if day is None:
        first = date(year, month, 1)
        return Period(first, month_end(first))
    return Period(date(year, month, day), date(year, month, day))


def _canonical(text: str) -> str:
    return parse_period(text).iso


#: A period as text, in its canonical ISO 8601 form (see :class:`Period`); other valid forms are rewritten to it.
PeriodText = Annotated[
    str,
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$",
        description="ISO 8601: a day (2024-03-18), month (2024-03), year (2024) "
        "or interval of days (2024-04-11/2024-04-20).",
    ),
    AfterValidator(_canonical),
]


def merge_periods(periods: Iterable[Period]) -> list[Period]:
    """The periods sorted, with those that overlap or touch joined into one."""
    merged: list[Period] = []
    for period in sorted(periods):
        if merged and period.start <= merged[-1].end + timedelta(days=1):
            merged[-1] = Period(merged[-1].start, max(merged[-1].end, period.end))
        else:
            merged.append(period)
    return merged


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
