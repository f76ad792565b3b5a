"""The graph as Cypher parameter rows: one row per node and per relationship, grouped by label and type.

Dates travel as DATE values: an article's ``published``; a relationship's
own dates (ISO 8601 periods, with their precision: ``2024-04-11/2024-04-20``
for mid-April) as the text ``dates`` plus ``date_starts`` / ``date_ends``, the
first and last day of each, as DATE lists in the same order; and its
``first_seen`` / ``last_seen`` — the earliest and latest day it was seen (its
own dates and the publication dates of the articles that report it; see
``graphbuild.export.views.seen_periods``).

Evidence travels as items ``(article id, sentence, start, end)`` (offsets
-1 where unknown), written as four lists in the same order (``union``).

Every row carries the property ``graphbuild: true`` (:data:`MARK`): what
graphbuild wrote, which a sync may delete once the graph no longer has it;
nodes and relationships without it belong to other tools.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import networkx as nx

from graphbuild.dates import parse_period
from graphbuild.export.neo4j.settings import Neo4jExportError
from graphbuild.export.neo4j.union import EvidenceItem, as_date
from graphbuild.export.views import publication_dates, seen_periods
from graphbuild.relation_types import ENTITY_TYPES

#: The labels of the graph contract; a constraint is created for each of them.
LABELS: tuple[str, ...] = (*ENTITY_TYPES, "Article")

#: Node id prefix → label, used when a node carries no ``type`` attribute.
_PREFIX_LABELS = {label.lower(): label for label in LABELS}

#: The property on every node and relationship graphbuild writes (its value is always true).
MARK = "graphbuild"

LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
REL_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")

#: Edge attributes with dedicated merge rules; everything else goes to ``r += props``.
_EDGE_SPECIAL = frozenset(
    {
        "type",
        "weight",
        "confidence",
        "evidence",
        "articles",
        "dates",
        "first_seen",
        "last_seen",
        MARK,
        "evidence_articles",
        "evidence_starts",
        "evidence_ends",
        "date_starts",
        "date_ends",
    }
)
#: Node attributes that are not stored as plain properties.
_NODE_SPECIAL = frozenset({"type", "id", "aliases", MARK})
#: Node properties stored as DATE values.
_NODE_DATES = ("published",)


_SKIP = object()


class UnstorableGraph(Neo4jExportError):
    """The graph holds something Neo4j cannot store (a label, a type, a date, a number); found before connecting."""

    exit_code = 2


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str | datetime | date):
        return value
    return _SKIP


def _property_value(value: Any) -> Any:
    """A value Neo4j can store (primitive or homogeneous list), or ``_SKIP``."""
    if value is None:
        return _SKIP
    if isinstance(value, list | tuple | set | frozenset):
        items = [_scalar(v) for v in (sorted(value, key=str) if isinstance(value, set | frozenset) else value)]
        items = [v for v in items if v is not _SKIP]
        kinds = {type(v) for v in items}
        if len(kinds) > 1 and not kinds <= {int, float}:
            items = [str(v) for v in items]
        return items
    return _scalar(value)


def _str_list(value: Any) -> list[str]:
    """A de-duplicated list of strings, order kept (for the unioned list properties)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    elif isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    out: list[str] = []
    seen: set[str] = set()
    for item in value:
        if item is None:
            continue
        text = item.isoformat() if isinstance(item, datetime | date) else str(item)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _label_of(node_id: str, attrs: Mapping[str, Any]) -> str:
    label = attrs.get("type")
    if not label:
        prefix = node_id.split(":", 1)[0] if ":" in node_id else ""
        label = _PREFIX_LABELS.get(prefix.lower())
    if not isinstance(label, str) or not LABEL_RE.match(label):
        raise UnstorableGraph(
            f"node {node_id!r} has no usable type (got {attrs.get('type')!r}); "
            "expected a label such as Person, Country, Organization or Article"
        )
    return label


#: The integers a Neo4j property holds (64-bit); the driver cannot send others.
_INT64 = range(-(2**63), 2**63)


def _storable(value: Any, where: str) -> Any:
    """``value``, or a :class:`Neo4jExportError` naming it if it is an integer Neo4j cannot store."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, int) and not isinstance(item, bool) and item not in _INT64:
            raise UnstorableGraph(f"{where}: {item:.3g} is outside the 64-bit integers Neo4j stores")
    return value


def _stored_properties(attrs: Mapping[str, Any], skip: Iterable[str], where: str) -> dict[str, Any]:
    """The attributes Neo4j can store, except those handled separately (skip)."""
    props: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in skip:
            continue
        stored = _property_value(value)
        if stored is not _SKIP:
            props[str(name)] = _storable(stored, f"{where} property {str(name)!r}")
    return props


def _weight(value: Any, where: str) -> int | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        raise UnstorableGraph(f"{where}: weight {value} is not a number of articles")
    return _storable(int(value), f"{where} weight")


def _confidence(value: Any, where: str) -> float | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return float(value)
    except OverflowError:
        raise UnstorableGraph(f"{where}: confidence {value:.3g} is not a number between 0 and 1") from None


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows per label: ``{"id", "props", "aliases"}``."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        node_id = str(node)
        props = _stored_properties(attrs, skip=_NODE_SPECIAL, where=f"node {node_id!r}")
        for name in _NODE_DATES:
            if name in props:
                props[name] = _date(props[name], f"node {node_id!r} property {name!r}")
        props[MARK] = True
        rows[_label_of(node_id, attrs)].append(
            {"id": node_id, "props": props, "aliases": _str_list(attrs.get("aliases"))}
        )
    return dict(rows)


def _date(value: Any, where: str) -> date:
    try:
        return as_date(value)
    except ValueError:
        raise UnstorableGraph(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def _periods(values: Any, where: str) -> list[str]:
    """A relationship's own dates as canonical ISO 8601 periods, sorted."""
    periods = set()
    for value in values or ():
        try:
            periods.add(parse_period(value.isoformat() if isinstance(value, date) else str(value)))
        except ValueError:
            raise UnstorableGraph(
                f"{where}: {value!r} is not a date (expected ISO 8601: YYYY-MM-DD, YYYY-MM, YYYY or START/END)"
            ) from None
    return [period.iso for period in sorted(periods)]


def _evidence(values: Any) -> list[EvidenceItem]:
    """The evidence items of an edge, distinct, in order (a graph of an older version gives sentences only)."""
    items = []
    for item in values or ():
        if isinstance(item, Mapping):
            start, end = item.get("start"), item.get("end")
            known = isinstance(start, int) and isinstance(end, int)
            items.append(
                (
                    str(item.get("article") or ""),
                    str(item.get("sentence") or ""),
                    start if known else -1,
                    end if known else -1,
                )
            )
        elif item is not None:
            items.append(("", str(item), -1, -1))
    return list(dict.fromkeys(items))


def _max_number(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def relationship_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Parameter rows per ``(TYPE, start label, end label)``.

    Edges that would land on the same Neo4j relationship (same endpoints and
    type under different networkx keys) are combined here, the same way the
    database combines them with what it already stores.
    """
    labels = {str(n): _label_of(str(n), a) for n, a in graph.nodes(data=True)}
    published = publication_dates(graph)
    copies = {
        str(a.get("article_id", n)): str(a["duplicate_of"]) for n, a in graph.nodes(data=True) if a.get("duplicate_of")
    }
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        rel_type = attrs.get("type") or key
        if not isinstance(rel_type, str) or not REL_TYPE_RE.match(rel_type):
            raise UnstorableGraph(
                f"edge {u!r} -> {v!r} has an invalid relationship type {rel_type!r}; "
                "expected UPPER_SNAKE_CASE like MET_WITH"
            )
        src, dst = str(u), str(v)
        row = _relationship_row(src, dst, attrs, f"edge {src!r} -[{rel_type}]-> {dst!r}", published, copies)
        ident = (src, rel_type, dst)
        old = merged.get(ident)
        if old is None:
            merged[ident] = row
            continue
        old["weight"] = _max_number(old["weight"], row["weight"])
        old["confidence"] = _max_number(old["confidence"], row["confidence"])
        old["props"].update(row["props"])
        old["evidence"] = list(dict.fromkeys([*old["evidence"], *row["evidence"]]))
        old["articles"] = _str_list([*old["articles"], *row["articles"]])
        old["dates"] = _periods([*old["dates"], *row["dates"]], "")
        old["copies"].update(row["copies"])
        old["first_seen"] = min((d for d in (old["first_seen"], row["first_seen"]) if d), default=None)
        old["last_seen"] = max((d for d in (old["last_seen"], row["last_seen"]) if d), default=None)
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (src, rel_type, dst), row in merged.items():
        grouped[(rel_type, labels[src], labels[dst])].append(row)
    return dict(grouped)


def _relationship_row(
    src: str, dst: str, attrs: Mapping[str, Any], where: str, published: dict[str, str], copies: Mapping[str, str]
) -> dict[str, Any]:
    weight = _weight(attrs.get("weight"), where)
    confidence = _confidence(attrs.get("confidence"), where)
    dates = _periods(attrs.get("dates"), where)
    seen = seen_periods({**attrs, "dates": dates}, published)
    evidence = _evidence(attrs.get("evidence"))
    return {
        "src": src,
        "dst": dst,
        "weight": weight,
        "confidence": confidence,
        "props": {**_stored_properties(attrs, skip=_EDGE_SPECIAL, where=where), MARK: True},
        "evidence": evidence,
        "articles": _str_list(attrs.get("articles")),
        "dates": dates,
        # the near-duplicate copies among the articles of this evidence: each story counts once in the weight
        "copies": {article: copies[article] for article, *_ in evidence if article in copies},
        "first_seen": min(p.start for p in seen) if seen else None,
        "last_seen": max(p.end for p in seen) if seen else None,
    }


def batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """The rows in lists of at most ``size``: one write transaction each."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])
