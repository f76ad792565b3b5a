"""What a relationship holds after an export: the union of what was stored and what is sent.

The union is computed here, on the client, in linear time: the export reads
the stored lists of a batch's relationships, merges them with Python sets,
and writes back only the relationships that change.  (Cypher's
``old + [x IN new WHERE NOT x IN old]`` is quadratic in the list length, and
relationships between hub nodes collect thousands of evidence sentences.)

The rules (unchanged from the Cypher version):

* ``evidence`` and ``articles``: stored items first, then new ones, no repeats;
* ``dates``: every date either side, sorted, as DATE values;
* ``first_seen`` / ``last_seen``: the earliest and latest of both sides;
* ``weight``: the largest of the stored weight, the sent weight and the
  number of evidence sentences — it never goes down;
* ``confidence``: the highest seen;
* other properties: the values sent overwrite the stored ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graphbuild.export.neo4j.settings import Neo4jExportError

__all__ = ["as_date", "merged_properties", "native", "unchanged"]


def as_date(value: Any) -> dt.date:
    """A DATE from a date, a driver date/datetime or ISO text (``2024-05-31``, ``2024-05-31T10:00``)."""
    value = native(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10])
    raise ValueError(f"{value!r} is not a date")


def native(value: Any) -> Any:
    """Driver values (neo4j.time.Date ...) as Python's own, inside lists and maps too."""
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def _ordered_union(lists: Iterable[Sequence[Any] | None]) -> list[Any]:
    seen: set[Any] = set()
    out: list[Any] = []
    for items in lists:
        for item in items or ():
            if item not in seen:
                seen.add(item)
                out.append(item)
    return out


def _extreme(values: Iterable[Any], pick) -> Any:
    present = [v for v in values if v is not None]
    return pick(present) if present else None


def merged_properties(row: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The properties the relationship must have: ``row`` (from ``rows.relationship_rows``) merged into ``stored``.

    ``stored`` holds the property maps of the matching relationships already in
    the database: none for a new one, normally one.
    """
    stored = [{k: native(v) for k, v in s.items()} for s in stored]
    evidence = _ordered_union([*(s.get("evidence") for s in stored), row["evidence"]])
    articles = _ordered_union([*(s.get("articles") for s in stored), row["articles"]])
    dates = sorted({_stored_date(d) for s in stored for d in s.get("dates") or ()} | set(row["dates"]))
    props = {**row["props"], "evidence": evidence, "articles": articles,
             "weight": max([len(evidence), row["weight"] or 0, *(s.get("weight") or 0 for s in stored)])}
    if dates:
        props["dates"] = dates
    confidence = _extreme([row["confidence"], *(s.get("confidence") for s in stored)], max)
    if confidence is not None:
        props["confidence"] = confidence
    first = _extreme([row["first_seen"], *(_stored_date(s["first_seen"]) for s in stored if s.get("first_seen"))], min)
    last = _extreme([row["last_seen"], *(_stored_date(s["last_seen"]) for s in stored if s.get("last_seen"))], max)
    if first is not None:
        props["first_seen"], props["last_seen"] = first, last
    return props


def unchanged(props: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]) -> bool:
    """True when writing ``props`` would change nothing (one stored relationship that has them all)."""
    if len(stored) != 1:
        return False
    current = stored[0]
    return all(native(current.get(name)) == value for name, value in props.items())


def _stored_date(value: Any) -> dt.date:
    try:
        return as_date(value)
    except ValueError:
        raise Neo4jExportError(f"a stored relationship has the date {value!r}, not YYYY-MM-DD; fix or remove it") from None
