"""Dates as news sentences give them: periods with their precision, and the phrases that name them.

Public API::

    Period(start: date, end: date)                     # days, both included; .iso, .contains(day)
    parse_period(text) -> Period                       # ISO 8601 text back to a Period (ValueError if not)
    PeriodText                                         # pydantic str type: a canonical ISO 8601 period
    merge_periods(periods) -> list[Period]             # overlapping or adjacent periods joined
    resolve_date(expression, published, tense=None) -> Period | None
    parse_explicit_date(text) -> Period | None         # metadata dates that name their year
    usable_anchor(published) -> bool                   # False for sentinel publication dates

A date phrase names a *period*, not a day, and keeps its precision: "last
month" in an article of 2024-03-20 is February 2024, "mid-April" the 11th
to the 20th of April, "September 19-20" those two days, "in 2023" the year.

How a period is written (``Period.iso``, the one text every output uses)
    ISO 8601 with reduced precision where the period is a whole calendar
    unit — ``2024-03-18`` (a day), ``2024-02`` (a month), ``2023`` (a year)
    — and an ISO 8601 interval of days otherwise: ``2024-04-11/2024-04-20``
    (mid-April), ``2024-09-19/2024-09-20``, ``2024-03-11/2024-03-17`` (a
    week).  :func:`parse_period` reads all of these back.

The event's tense and the publication date choose the year
    ``published`` is the anchor of every relative phrase.  ``tense`` is the
    tense of the event the phrase dates (``"past"``, ``"future"`` or None):

    * a past event gets the most recent such day, month or range on or
      before publication ("met on September 19-20" in an October article is
      this year's September; "met on December 28" in a January article last
      year's), and never a period that starts after publication: "met in
      2025" in a 2024 article gives None; a period running past publication
      is cut at it ("met this month" is the 1st to the publication day);
    * a future event gets the next one on or after publication ("will meet
      on Monday" is the coming Monday), never one that ended before it;
    * without a tense (a noun with no verb, a present tense), a bare
      weekday or month looks back, and a day and month without a year take
      the year that puts them closest to publication.

Conventions for the other phrases
    "last/this/next week|month|year"; "N days|weeks|months|years ago" (the
    day, week, month or year it falls in: "two years ago" is the year, not
    its 1 January); "early/mid/late X" and "the beginning/middle/end of X"
    are the first, middle and last third of X (of its days; of its months
    for a year); "earlier/later this month" run from the start of the month
    to publication, or from publication to its end.  Anything else ("recent
    weeks", "the 1990s", "decades") gives None, and so does a publication
    date that is a placeholder (year 1, 9999-12-31): nothing is dated
    against it.
"""

from graphbuild.dates.period import Period, PeriodText, merge_periods, parse_period
from graphbuild.dates.phrases import Tense, parse_explicit_date, resolve_date, usable_anchor

__all__ = [
    "Period",
    "PeriodText",
    "Tense",
    "merge_periods",
    "parse_explicit_date",
    "parse_period",
    "resolve_date",
    "usable_anchor",
]
