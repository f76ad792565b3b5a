"""The transaction functions of the export: one batch of nodes or relationships each.

Every function here is given to the driver's ``execute_write``, which retries
it on transient errors: each is safe to run again (it MERGEs, reads what is
stored, and writes what the batch must hold).

An export *merges* (``merge_nodes``, ``write_relationships`` with
``union.merged_properties``); a sync *replaces* (``replace_nodes``,
``write_relationships`` with ``sync.replaced_relationship``).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from graphbuild.export.neo4j.sync import holds_exactly, node_properties, replaced
from graphbuild.export.neo4j.union import merged_properties

#: ``target(row, stored)``: the properties a relationship must hold, given what is stored.
Target = Callable[[Mapping[str, Any], Sequence[Mapping[str, Any]]], dict[str, Any]]
#: ``same(props, stored)``: true when writing ``props`` would change nothing.
Same = Callable[[Mapping[str, Any], Sequence[Mapping[str, Any]]], bool]


class Written(BaseModel):
    """What one batch did (the driver's counters cannot tell written elements from untouched ones)."""

    nodes_created: int = 0
    relationships_created: int = 0
    written: int = 0  # elements whose properties were written, new or changed (not counted for merged nodes)


def run_statement(tx: Any, statement: str, parameters: dict[str, Any]) -> Any:
    """Transaction function for ``execute_write`` (safe to retry: it only MERGEs)."""
    return tx.run(statement, parameters).consume().counters


#: How often a batch is run again after a concurrent export created one of its nodes first.
CONCURRENT_ATTEMPTS = 6


def write_batch(session: Any, work: Callable[..., Written], rows: list[dict[str, Any]]) -> Written:
    """``session.execute_write(work, rows)``, run again when another export created the same node first.

    Two exports of overlapping graphs MERGE the same new nodes at once; the one that commits second breaks
    the uniqueness constraint (ArcadeDB: "Duplicated key", or Neo4j before the constraint existed).  The
    driver does not retry that (it is not a transient error), but the batch is safe to run again: its MERGE
    then finds the other export's node.
    """
    from neo4j.exceptions import ConstraintError

    for attempt in range(1, CONCURRENT_ATTEMPTS):
        try:
            return session.execute_write(work, rows)
        except ConstraintError:
            time.sleep(random.uniform(0.05, 0.2) * attempt)  # let the other transaction finish
    return session.execute_write(work, rows)


def ensure_schema(session: Any, statement: str) -> None:
    """Run a ``CREATE … IF NOT EXISTS``; a concurrent export creating the same constraint or index at the same
    moment makes the server say it already exists, which is what was wanted."""
    from neo4j.exceptions import ClientError

    try:
        session.execute_write(run_statement, statement, {})
    except ClientError as exc:
        if "AlreadyExists" not in (exc.code or "") and "already exists" not in (exc.message or "").lower():
            raise


def merge_nodes(statements: tuple[str, ...], tx: Any, rows: list[dict[str, Any]]) -> Written:
    """One batch of nodes, merged (``statements`` bound with functools.partial)."""
    created = 0
    for statement in statements:
        # the ArcadeDB create-if-missing statement needs the ids only: send no more than that
        parameters = {"ids": [r["id"] for r in rows]} if "$ids" in statement else {"rows": rows}
        created += run_statement(tx, statement, parameters).nodes_created
    return Written(nodes_created=created)


def replace_nodes(
    statements: tuple[str, ...], replace_statement: str, owned: list[str], tx: Any, rows: list[dict[str, Any]]
) -> Written:
    """One batch of nodes for a sync: create the missing ones, read the others, and set the whole property
    map of those that differ from the graph (other tools' properties kept, see ``sync.replaced``)."""
    props = {row["id"]: node_properties(row) for row in rows}
    *creates, read = statements
    created_bare = sum(run_statement(tx, statement, {"ids": list(props)}).nodes_created for statement in creates)
    result = tx.run(read, {"rows": [{"id": i, "props": p} for i, p in props.items()], "owned": owned})
    stored = {record["id"]: record["stored"] for record in result if record["stored"] is not None}
    created_whole = result.consume().counters.nodes_created  # created with every property: nothing left to write
    changes = []
    for node_id, before in stored.items():
        after = replaced(props[node_id], [before], owned)
        if not holds_exactly(after, [before]):
            changes.append({"id": node_id, "props": after})
    if changes:
        tx.run(replace_statement, {"rows": changes}).consume()
    return Written(nodes_created=created_bare + created_whole, written=created_whole + len(changes))


def write_relationships(
    merge_statement: str,
    write_statement: str,
    target: Target,
    same: Same,
    parameters: dict[str, Any],
    tx: Any,
    rows: list[dict[str, Any]],
) -> Written:
    """One batch of relationships in one transaction: merge (new ones get their properties), read what
    the existing ones store, and write ``target(row, stored)`` where it changes.

    Safe to retry: a retry reads again and computes the same properties.
    """
    alone = {(r["src"], r["dst"]): merged_properties(r, []) for r in rows}  # the properties if nothing is stored
    result = tx.run(
        merge_statement,
        {
            **parameters,
            "rows": [{"src": r["src"], "dst": r["dst"], "props": alone[(r["src"], r["dst"])]} for r in rows],
        },
    )
    stored: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in result:
        if record["stored"] is not None:  # null: just created, or already holding everything sent
            stored[(record["src"], record["dst"])].append(record["stored"])
    counters = result.consume().counters
    changes = []
    for row in rows:
        before = stored.get((row["src"], row["dst"]))
        if not before:
            continue
        props = target(row, before)
        if not same(props, before):
            changes.append({"src": row["src"], "dst": row["dst"], "props": props})
    if changes:
        tx.run(write_statement, {"rows": changes}).consume()
    created = counters.relationships_created
    return Written(relationships_created=created, written=created + len(changes))
