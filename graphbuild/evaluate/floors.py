"""F1 floors: ``graphbuild eval ... --min-f1 MET_WITH=0.8`` fails when a score is below its floor.

A floor names an entity type (``Person``), a relation type (``MET_WITH``),
or one of the summary means ``entities`` and ``relations``, and a value
between 0 and 1.  So a user's own gold set can guard their CI.
"""

from __future__ import annotations

import re

from graphbuild.evaluate.scoring import EvalReport
from graphbuild.relation_types import ENTITY_TYPES, RELATION_NAME_PATTERN

__all__ = ["SUMMARIES", "parse_floor", "score_of", "unmet_floors"]

SUMMARIES = ("entities", "relations")


def parse_floor(text: str) -> tuple[str, float]:
    """``"MET_WITH=0.8"`` → ``("MET_WITH", 0.8)``; ValueError with a reason for anything else."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise ValueError(f"{text!r} is not TYPE=VALUE (e.g. MET_WITH=0.8)")
    if name not in SUMMARIES and name not in ENTITY_TYPES and not re.match(RELATION_NAME_PATTERN, name):
        raise ValueError(
            f"{name!r} is not an entity type ({', '.join(ENTITY_TYPES)}), a relation type "
            f"(UPPER_SNAKE_CASE, e.g. MET_WITH) or one of {', '.join(SUMMARIES)}"
        )
    try:
        floor = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number (the F1 floor of {name}, between 0 and 1)") from None
    if not 0 <= floor <= 1:
        raise ValueError(f"the F1 floor of {name} must be between 0 and 1, not {value}")
    return name, floor


def score_of(report: EvalReport, name: str) -> float | None:
    """The F1 a floor is checked against, or None when the report has no such type."""
    if name == "entities":
        return report.summary.entity_f1
    if name == "relations":
        return report.summary.relation_f1
    score = report.entities.get(name) or report.relations.get(name)
    return score.f1 if score is not None else None


def unmet_floors(report: EvalReport, floors: dict[str, float]) -> list[str]:
    """One line per floor the report does not reach (``MET_WITH F1 0.667 < 0.8``); a KeyError for a type it lacks."""
    unknown = [name for name in floors if score_of(report, name) is None]
    if unknown:
        known = [*SUMMARIES, *report.entities, *report.relations]
        raise KeyError(f"no score for {', '.join(unknown)} in this evaluation; scored: {', '.join(known)}")
    return [
        f"{name} F1 {score_of(report, name):.3f} < {floor:g}"
        for name, floor in floors.items()
        if score_of(report, name) < floor
    ]
