"""Sync: make what graphbuild wrote in the database equal to the graph.

An export merges into what is stored and never deletes.  A sync
(``export_graph(sync=True)``, ``graphbuild export neo4j --sync``):

1. writes the graph like an export, but *replaces* instead of merging: the
   properties graphbuild writes become the graph's (lists included, so the
   evidence of a withdrawn article goes), and the ones the graph no longer
   gives are removed; properties graphbuild never writes were set by another
   tool and stay (:func:`replaced`);
2. then, only once every write has succeeded, removes what graphbuild wrote
   and the graph no longer has (:func:`remove_stale`): it reads every node
   and relationship carrying the mark ``graphbuild: true`` once, compares
   them with the graph here, and deletes the difference in batches —
   relationships first, then the nodes left without any relationship.  A
   stale node that another tool's relationship still holds is kept and
   reported, never detached.

Why compare instead of stamping each sync's elements with a run id and
deleting the other ids: the run id would change on every node and
relationship at every sync, so each sync would rewrite the whole graph
(the hub relationships' thousands of sentences included).  Comparing costs
one read of the ids and leaves unchanged elements untouched; a second sync
of the same graph writes nothing.

Safe to rerun: the writes are MERGEs and the comparison is made afresh, so
a sync cut off anywhere (writes or deletions) is completed by running it
again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

from graphbuild.export.neo4j.cypher import (
    DELETE_NODES,
    DELETE_RELATIONSHIPS,
    STALE_NODE_CANDIDATES,
    STALE_RELATIONSHIP_CANDIDATES,
)
from graphbuild.export.neo4j.rows import LABELS, MARK, batches
from graphbuild.export.neo4j.union import merged_properties, native

#: Node properties graphbuild writes (the attributes graph.py gives nodes), besides any other attribute
#: of the synced graph's nodes.  A sync sets them to the graph's values and removes those the graph no
#: longer gives; every other property belongs to another tool and is left alone.
NODE_PROPERTIES = frozenset(
    {
        "id",
        "name",
        "aliases",
        "role",
        "country",
        "iso_code",
        "article_id",
        "title",
        "url",
        "author",
        "published",
        "publisher",
        "source",
        "duplicate_of",
        MARK,
    }
)
#: The same for relationships.
RELATIONSHIP_PROPERTIES = frozenset(
    {
        "weight",
        "confidence",
        "evidence",
        "evidence_articles",
        "evidence_starts",
        "evidence_ends",
        "articles",
        "dates",
        "date_starts",
        "date_ends",
        "first_seen",
        "last_seen",
        "symmetric",
        MARK,
    }
)


def owned_keys(base: frozenset[str], rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The property names a sync treats as graphbuild's: ``base`` and every property of ``rows``."""
    return sorted(base | {key for row in rows for key in row["props"]})


def node_properties(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every property a synced node holds (``rows.node_rows`` keeps the id and aliases apart)."""
    return {**row["props"], "id": row["id"], "aliases": row["aliases"]}


def replaced(target: Mapping[str, Any], stored: Sequence[Mapping[str, Any]], owned: Iterable[str]) -> dict[str, Any]:
    """``target`` plus the properties of ``stored`` that graphbuild does not write (another tool's)."""
    owned = set(owned)
    kept = {key: value for props in stored for key, value in native(dict(props)).items() if key not in owned}
    return {**kept, **target}


def replaced_relationship(
    owned: list[str], row: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """What a relationship holds after a sync: the graph's properties, not a union with the stored ones."""
    return replaced(merged_properties(row, []), stored, owned)


def holds_exactly(props: Mapping[str, Any], stored: Sequence[Mapping[str, Any]]) -> bool:
    """True when one element is stored and its property map is ``props``, no more, no less."""
    return len(stored) == 1 and native(dict(stored[0])) == dict(props)


class Removal(BaseModel):
    """What the deletion step of a sync did."""

    relationships_deleted: int = 0
    nodes_deleted: int = 0
    nodes_kept: list[str] = Field(
        default_factory=list,
        description="Ids of nodes graphbuild wrote and the graph no longer has, kept because relationships of "
        "other tools attach to them.",
    )


def remove_stale(
    session: Any,
    nodes: Mapping[str, list[dict[str, Any]]],
    rels: Mapping[tuple[str, str, str], list[dict[str, Any]]],
    *,
    adopt: bool,
    batch_size: int,
    progress: Callable[[str, int, int], None] | None,
) -> Removal:
    """Delete, in batches, the nodes and relationships graphbuild wrote that are not in the graph of ``nodes``
    and ``rels`` (the rows of ``rows.node_rows`` / ``rows.relationship_rows``, already written).

    ``adopt`` also counts unmarked elements that look like an older graphbuild's (see ``cypher``).
    """
    stale_rels, stale_nodes = session.execute_read(_find_stale, nodes, rels, adopt)
    removal = Removal()
    done = 0
    for batch in batches(stale_rels, batch_size):
        removal.relationships_deleted += session.execute_write(_delete_relationships, batch)
        done += len(batch)
        if progress:
            progress("stale relationships", done, len(stale_rels))
    deleted: set[str] = set()
    done = 0
    for batch in batches(stale_nodes, batch_size):
        deleted |= session.execute_write(_delete_nodes, batch)
        done += len(batch)
        if progress:
            progress("stale nodes", done, len(stale_nodes))
    removal.nodes_deleted = len(deleted)
    removal.nodes_kept = sorted(node["id"] for node in stale_nodes if node["eid"] not in deleted)
    return removal


def _find_stale(
    tx: Any,
    nodes: Mapping[str, list[dict[str, Any]]],
    rels: Mapping[tuple[str, str, str], list[dict[str, Any]]],
    adopt: bool,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Read transaction: the marked (or, with ``adopt``, graphbuild-like) elements the graph does not have."""
    labels = set(LABELS) | set(nodes)
    in_graph = {(label, row["id"]) for label, rows in nodes.items() for row in rows}
    found: dict[str, tuple[str, list[str]]] = {}  # elementId → (id, labels) of graphbuild's nodes
    stale_nodes = []
    for record in tx.run(STALE_NODE_CANDIDATES, adopt=adopt):
        node_id, node_labels = record["id"], record["labels"]
        if node_id is None or not (record["marked"] or labels.intersection(node_labels)):
            continue  # no id to check it by, or unmarked and unlike graphbuild's: another tool's
        found[record["eid"]] = (node_id, node_labels)
        if not any((label, node_id) in in_graph for label in node_labels):
            stale_nodes.append({"eid": record["eid"], "id": node_id})

    ends = {
        (row["src"], rel_type, row["dst"]): (start, end)
        for (rel_type, start, end), rows in rels.items()
        for row in rows
    }
    seen: set[tuple[str, str, str]] = set()
    stale_rels = []
    for record in tx.run(STALE_RELATIONSHIP_CANDIDATES, adopt=adopt):
        start, end = found.get(record["start"]), found.get(record["end"])
        if start is None or end is None:
            continue  # an end is not graphbuild's node (another tool's, or its mark removed): leave it alone
        key = (start[0], record["type"], end[0])
        wanted = ends.get(key)
        if wanted and wanted[0] in start[1] and wanted[1] in end[1] and key not in seen:
            seen.add(key)  # a second copy of the same relationship is stale too
            continue
        stale_rels.append({"start": record["start"], "eid": record["eid"], "type": record["type"], "dst": end[0]})
    return stale_rels, stale_nodes


def _delete_relationships(tx: Any, rows: list[dict[str, Any]]) -> int:
    return tx.run(DELETE_RELATIONSHIPS, {"rows": rows}).single()["deleted"]


def _delete_nodes(tx: Any, rows: list[dict[str, Any]]) -> set[str]:
    return {record["eid"] for record in tx.run(DELETE_NODES, {"rows": rows})}
