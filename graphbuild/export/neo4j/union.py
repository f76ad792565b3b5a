"""What a relationship holds after an export: the union of what was stored and what is sent.

The union is computed here, on the client, in linear time: the export reads
the stored lists of a batch's relationships, merges them with Python sets,
and writes back only the relationships that change.  (Cypher's
``old + [x IN new WHERE NOT x IN old]`` is quadratic in the list length, and
relationships between hub nodes collect thousands of evidence sentences.)

The rules:

* evidence: one item per sentence and article, ``(article id, sentence,
  start, end)``, stored as four lists in the same order — ``evidence`` (the
  sentences), ``evidence_articles``, ``evidence_starts``, ``evidence_ends``
  (character offsets in the article, -1 where unknown); stored items first,
  then new ones, no repeats (a sentence an older export stored without its
  article gives way to the same sentence with it);
* ``articles``: stored ids first, then new ones, no repeats;
* ``dates``: every period either side (ISO 8601 text, with its precision),
  sorted, and ``date_starts`` / ``date_ends``: the first and last day of
  each, as DATE values in the same order;
* ``first_seen`` / ``last_seen``: the earliest and latest of both sides;
* ``weight``: the largest of the stored weight, the sent weight and the
  number of evidence sentences with each story counted once (a near-duplicate
  copy's sentences count with its original's, ``graphbuild.graph.story_weight``)
  — it never goes down;
* ``confidence``: the highest seen;
* other properties: the values sent overwrite the stored ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graphbuild.dates import Period, parse_period
from graphbuild.export.neo4j.settings import Neo4jExportError
from graphbuild.graph import story_weight

__all__ = ["EVIDENCE_LISTS", "EvidenceItem", "as_date", "merged_properties", "native", "unchanged"]

#: One evidence item: article id ("" where an older export did not store it), sentence, start, end (-1: unknown).
EvidenceItem = tuple[str, str, int, int]
#: The relationship properties that hold the evidence, one list per part of an item, in item order.
EVIDENCE_LISTS = ("evidence_articles", "evidence", "evidence_starts", "evidence_ends")


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
    evidence = _evidence_union([*(_stored_evidence(s) for s in stored), row["evidence"]])
    articles = _ordered_union([*(s.get("articles") for s in stored), row["articles"]])
    periods = sorted(
        {_stored_period(d) for s in stored for d in s.get("dates") or ()} | {parse_period(d) for d in row["dates"]}
    )
    counted = story_weight(({"article": a, "sentence": s} for a, s, _, _ in evidence), row.get("copies") or {})
    props = {
        **row["props"],
        **dict(zip(EVIDENCE_LISTS, (list(part) for part in zip(*evidence, strict=True)), strict=False)),
        "articles": articles,
        "weight": max([counted, row["weight"] or 0, *(s.get("weight") or 0 for s in stored)]),
    }
    if not evidence:
        props.update(dict.fromkeys(EVIDENCE_LISTS, []))
    if periods:
        props.update(
            dates=[p.iso for p in periods], date_starts=[p.start for p in periods], date_ends=[p.end for p in periods]
        )
    confidence = _extreme([row["confidence"], *(s.get("confidence") for s in stored)], max)
    if confidence is not None:
        props["confidence"] = confidence
    first = _extreme([row["first_seen"], *(_stored_date(s["first_seen"]) for s in stored if s.get("first_seen"))], min)
    last = _extreme([row["last_seen"], *(_stored_date(s["last_seen"]) for s in stored if s.get("last_seen"))], max)
    if first is not None:
        props["first_seen"], props["last_seen"] = first, last
    return props


def _stored_evidence(stored: Mapping[str, Any]) -> list[EvidenceItem]:
    """The evidence items a relationship stores; an older export stored the sentences alone."""
    sentences = [str(s) for s in stored.get("evidence") or ()]
    parts = [list(stored.get(name) or ()) for name in EVIDENCE_LISTS]
    parts[1] = sentences
    n = len(sentences)
    defaults = ("", "", -1, -1)
    articles, _, starts, ends = (
        part if len(part) == n else [default] * n for part, default in zip(parts, defaults, strict=True)
    )
    return list(zip((str(a) for a in articles), sentences, starts, ends, strict=True))


def _evidence_union(lists: Iterable[Sequence[EvidenceItem]]) -> list[EvidenceItem]:
    items = _ordered_union(lists)
    placed = {sentence for article, sentence, _, _ in items if article}
    return [item for item in items if item[0] or item[1] not in placed]


def unchanged(props: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]) -> bool:
    """True when writing ``props`` would change nothing (one stored relationship that has them all)."""
    if len(stored) != 1:
        return False
    current = stored[0]
    return all(native(current.get(name)) == value for name, value in props.items())


def _stored_period(value: Any) -> Period:
    """A stored date: ISO 8601 text of this version, or a DATE of an older export (a day)."""
    value = native(value)
    try:
        return parse_period(value.isoformat() if isinstance(value, dt.date) else str(value))
    except ValueError:
        raise Neo4jExportError(
            f"a stored relationship has the date {value!r}, not ISO 8601; fix or remove it"
        ) from None


def _stored_date(value: Any) -> dt.date:
    try:
        return as_date(value)
    except ValueError:
        raise Neo4jExportError(
            f"a stored relationship has the date {value!r}, not YYYY-MM-DD; fix or remove it"
        ) from None
