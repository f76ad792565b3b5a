"""The graph as Cypher parameter rows: one row per node and per relationship, grouped by label and type.

Dates travel as DATE values: an article's ``published``, a relationship's
``dates``, and its ``first_seen`` / ``last_seen`` — the earliest and latest
day it was seen (its own dates and the publication dates of the articles
that report it; see ``graphbuild.export.views.seen_dates``).

Every row carries the property ``graphbuild: true`` (:data:`MARK`): what
graphbuild wrote, which a sync may delete once the graph no longer has it;
nodes and relationships without it belong to other tools.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import networkx as nx

from graphbuild.export.neo4j.settings import Neo4jExportError
from graphbuild.export.neo4j.union import as_date
from graphbuild.export.views import publication_dates, seen_dates
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
_EDGE_SPECIAL = frozenset({"type", "weight", "confidence", "evidence", "articles", "dates", "first_seen", "last_seen", MARK})
#: Node attributes that are not stored as plain properties.
_NODE_SPECIAL = frozenset({"type", "id", "aliases", MARK})
#: Node properties stored as DATE values.
_NODE_DATES = ("published",)


_SKIP = object()


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
        raise Neo4jExportError(
            f"node {node_id!r} has no usable type (got {attrs.get('type')!r}); "
            "expected a label such as Person, Country, Organization or Article"
        )
    return label


def _stored_properties(attrs: Mapping[str, Any], skip: Iterable[str]) -> dict[str, Any]:
    """The attributes Neo4j can store, except those handled separately (skip)."""
    props: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in skip:
            continue
        stored = _property_value(value)
        if stored is not _SKIP:
            props[str(name)] = stored
    return props


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Parameter rows per label: ``{"id", "props", "aliases"}``."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        node_id = str(node)
        props = _stored_properties(attrs, skip=_NODE_SPECIAL)
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
        raise Neo4jExportError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def _dates(values: Any, where: str) -> list[date]:
    return sorted({_date(v, where) for v in (values or ())})


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
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        rel_type = attrs.get("type") or key
        if not isinstance(rel_type, str) or not REL_TYPE_RE.match(rel_type):
            raise Neo4jExportError(
                f"edge {u!r} -> {v!r} has an invalid relationship type {rel_type!r}; "
                "expected UPPER_SNAKE_CASE like MET_WITH"
            )
        src, dst = str(u), str(v)
        weight = attrs.get("weight")
        weight = int(weight) if isinstance(weight, int | float) and not isinstance(weight, bool) else None
        confidence = attrs.get("confidence")
        confidence = float(confidence) if isinstance(confidence, int | float) and not isinstance(confidence, bool) else None
        props = {**_stored_properties(attrs, skip=_EDGE_SPECIAL), MARK: True}
        where = f"edge {src!r} -[{rel_type}]-> {dst!r}"
        seen = _dates(seen_dates(attrs, published), where)
        row = {
            "src": src,
            "dst": dst,
            "weight": weight,
            "confidence": confidence,
            "props": props,
            "evidence": _str_list(attrs.get("evidence")),
            "articles": _str_list(attrs.get("articles")),
            "dates": _dates(attrs.get("dates"), where),
            "first_seen": seen[0] if seen else None,
            "last_seen": seen[-1] if seen else None,
        }
        ident = (src, rel_type, dst)
        old = merged.get(ident)
        if old is None:
            merged[ident] = row
            continue
        old["weight"] = _max_number(old["weight"], weight)
        old["confidence"] = _max_number(old["confidence"], confidence)
        old["props"].update(props)
        for name in ("evidence", "articles"):
            old[name] = _str_list([*old[name], *row[name]])
        old["dates"] = sorted({*old["dates"], *row["dates"]})
        old["first_seen"] = min((d for d in (old["first_seen"], row["first_seen"]) if d), default=None)
        old["last_seen"] = max((d for d in (old["last_seen"], row["last_seen"]) if d), default=None)
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (src, rel_type, dst), row in merged.items():
        grouped[(rel_type, labels[src], labels[dst])].append(row)
    return dict(grouped)




def batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """The rows in lists of at most ``size``: one write transaction each."""
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])
