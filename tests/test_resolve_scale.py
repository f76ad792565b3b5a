"""The resolver's work grows linearly with an article's names, whatever the article (issue 19: one
comma-separated list of names took 11 s at 100 KB and 185 s at 400 KB, every lone name scanning every full
name).  Work is counted, not timed; times are in bench/bench_resolve.py."""

from __future__ import annotations

import logging
import re

import pytest
from resolver_input import extraction, mention

from graphbuild.resolve import people, resolve

FAMILIES = 40


def name_list(n: int, full_country: str | None = None, lone_country: str | None = None):
    """One article listing ``n`` people "Given<i> Family<i % 40>", every third followed by the family name alone."""
    mentions, lone, start = [], 0, 0
    for i in range(n):
        mentions.append(
            mention(
                "list",
                start,
                "Person",
                f"Given{i:05d} Family{i % FAMILIES:02d}",
                country=full_country,
                evidence="title",
            )
        )
        start += 30
        if i % 3 == 0:
            mentions.append(
                mention("list", start, "Person", f"Family{i % FAMILIES:02d}", country=lone_country, evidence="title")
            )
            lone += 1
            start += 12
    return extraction("list", *mentions), lone


@pytest.fixture
def counted(monkeypatch):
    calls = {"n": 0}
    compatible = people._compatible

    def counting(lone, other):
        calls["n"] += 1
        return compatible(lone, other)

    monkeypatch.setattr(people, "_compatible", counting)
    return calls


def test_a_long_list_of_names_costs_one_comparison_per_lone_name(counted, caplog):
    article, lone = name_list(
        20_000
    )  # 6,667 lone names, each with 500 full names containing it: 3.3 M comparisons before
    with caplog.at_level(logging.WARNING, logger="graphbuild.resolve"):
        resolution = resolve([article])
    assert not caplog.records  # every lone name found its person within the limit
    assert counted["n"] == lone
    assert len([e for e in resolution.entities if e.type == "Person"]) == 20_000  # every lone name found its full name


def test_the_search_for_a_lone_names_person_is_bounded_and_reported(counted, caplog):
    article, lone = name_list(
        20_000, full_country="CL", lone_country="PE"
    )  # no full name fits: each lone name looks far
    with caplog.at_level(logging.WARNING, logger="graphbuild.resolve"):
        resolution = resolve([article])
    assert counted["n"] <= 2 * people.CANDIDATE_LIMIT * lone
    assert len([e for e in resolution.entities if e.type == "Person"]) == 20_000 + FAMILIES
    [message] = [r.getMessage() for r in caplog.records]
    reported = int(
        re.fullmatch(
            rf"list: (\d+) lone name\(s\) left on their own after checking the closest {people.CANDIDATE_LIMIT} "
            r"names containing them on each side \(the article has more\)",
            message,
        ).group(1)
    )
    assert reported == FAMILIES  # the first lone name of each family; the later ones are that same person again
