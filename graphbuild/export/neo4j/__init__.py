"""Export the knowledge graph to Neo4j (or any Bolt + Cypher server) with MERGE.

The export is idempotent and incremental:

* nodes are merged on their ``id`` property (one uniqueness constraint per
  label is created first, which also gives the index the MERGE needs);
  entities also get the ``Entity`` label, indexed on ``name`` and full-text
  indexed over names and aliases;
* relationships are merged on ``(start id, TYPE, end id)``;
* list properties are *unioned* with what the database already holds
  (relationship ``evidence``/``articles``/``dates``, node ``aliases``), so
  exporting a graph built from more articles never drops evidence stored by an
  earlier export.  Relationship lists are unioned on the client in linear
  time (see ``union``), and relationships the export would not change are
  not written at all;
* ``weight`` becomes the largest of the stored weight, the exported weight and
  the number of distinct evidence sentences after the union — it never goes
  down and is never smaller than the evidence the relationship cites;
  ``confidence`` keeps the highest value seen;
* dates are DATE values: article ``published``, relationship ``dates`` and
  ``first_seen`` / ``last_seen``, so date ranges need no string casts;
* scalar properties (``name``, ``role``, ``title`` ...) are overwritten by the
  latest export.

Because every write is a MERGE, an export that was cut off midway (crash,
Ctrl-C, lost connection) is completed simply by running it again.

Labels and relationship types cannot be Cypher parameters, so they are
validated against strict patterns before they are put into the query text;
every *value* travels as a parameter.

The Cypher used here is deliberately plain (no APOC, no ``CALL {} IN
TRANSACTIONS``): it runs on Neo4j 5 and on ArcadeDB's Bolt/Cypher endpoint,
which the test-suite uses.  Where ArcadeDB cannot follow (adding a label to
an existing node, full-text indexes) the export detects it from the server
agent and takes the documented fallback (docs/neo4j.md).

Modules: ``settings`` (connection settings, one-line errors), ``rows`` (the
graph as parameter rows), ``union`` (merging with what is stored),
``cypher`` (the statements); this one runs them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from functools import partial
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field, SecretStr

from graphbuild.export.neo4j.cypher import (
    INDEXES,
    constraint_name,
    constraint_statement,
    node_statements,
    relationship_merge_statement,
    relationship_write_statement,
)
from graphbuild.export.neo4j.rows import LABELS, node_rows, relationship_rows
from graphbuild.export.neo4j.union import merged_properties, unchanged
from graphbuild.export.neo4j.settings import (
    DEFAULT_URI,
    DEFAULT_USER,
    Neo4jExportError,
    Neo4jSettings,
    check_uri,
    describe_failure,
    connection_from_env,
)

__all__ = [
    "DEFAULT_URI",
    "DEFAULT_USER",
    "ExportSummary",
    "LABELS",
    "Neo4jExportError",
    "Neo4jSettings",
    "ProgressCallback",
    "connection_from_env",
    "export_graph",
    "export_with_settings",
    "node_rows",
    "relationship_rows",
]

#: ``progress(stage, done, total)`` — stage is ``"nodes"`` or ``"relationships"``;
#: called after each committed batch.
ProgressCallback = Callable[[str, int, int], None]


class ExportSummary(BaseModel):
    """What one ``export_graph`` call did."""

    uri: str
    database: str | None
    nodes: int = Field(description="Nodes sent (merged) — equals the graph's node count.")
    relationships: int = Field(description="Relationships sent (merged).")
    nodes_by_label: dict[str, int]
    relationships_by_type: dict[str, int]
    nodes_created: int = Field(description="Nodes that did not exist before (server counters).")
    relationships_created: int = Field(description="Relationships that did not exist before.")
    relationships_written: int = Field(default=0, description="Relationships whose properties were written (new or changed); the others already held everything sent.")
    constraints: list[str] = Field(description="Names of the uniqueness constraints ensured.")
    indexes: list[str] = Field(description="Names of the indexes ensured (entity_name, entity_names_fulltext, ...).")
    indexes_skipped: list[str] = Field(default_factory=list, description="Indexes the server does not support (ArcadeDB: full-text).")
    server: str = Field(default="", description="The server's agent string, e.g. 'Neo4j/5.26.0'.")
    batches: int
    seconds: float


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])

def export_with_settings(
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
) -> ExportSummary:
    """:func:`export_graph` with a :class:`Neo4jSettings` (as returned by :func:`connection_from_env`)."""
    return export_graph(
        graph,
        uri=settings.uri,
        user=settings.user,
        password=settings.password,
        database=settings.database,
        batch_size=batch_size,
        progress=progress,
    )


def export_graph(
    graph: nx.MultiDiGraph,
    *,
    uri: str,
    user: str,
    password: str | SecretStr,
    database: str | None = None,
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
) -> ExportSummary:
    """Merge ``graph`` into the Neo4j database at ``uri``; see the module docstring.

    Raises :class:`Neo4jExportError` (one line, no password) when the server is
    unreachable, the credentials are wrong, the database does not exist, the
    graph has an unusable label/type, or a write fails.  Exceptions raised by
    ``progress`` propagate unchanged (batches already committed stay).
    """
    # Keep the plain password out of this frame's locals: pretty tracebacks
    # (rich/typer ``show_locals``) would print it.
    secret = password if isinstance(password, SecretStr) else SecretStr(password)
    del password
    if batch_size < 1:
        raise Neo4jExportError(f"batch size must be at least 1, got {batch_size}")
    check_uri(uri, secret)

    started = time.perf_counter()
    nodes = node_rows(graph)
    rels = relationship_rows(graph)
    node_total = sum(len(r) for r in nodes.values())
    rel_total = sum(len(r) for r in rels.values())
    labels = list(dict.fromkeys([*LABELS, *sorted(nodes)]))

    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    error: str | None = None
    stage = "connecting"
    counts = {"nodes_created": 0, "relationships_created": 0, "relationships_written": 0, "batches": 0}
    driver = None
    indexes: list[str] = []
    skipped: list[str] = []
    agent = ""
    try:
        driver = GraphDatabase.driver(
            uri,
            auth=(user, secret.get_secret_value()),
            user_agent="graphbuild-neo4j-export",
            connection_timeout=15.0,
            max_transaction_retry_time=15.0,
        )
        with driver.session(database=database) as session:
            # Fail fast (no retries) on an unreachable server, bad credentials
            # or an unknown database, before anything is written.
            session.run("RETURN 1").consume()
            agent = driver.get_server_info().agent or ""
            arcadedb = "arcadedb" in agent.lower()

            stage = "creating constraints"
            for label in labels:
                session.execute_write(_run_statement, constraint_statement(label), {})
            stage = "creating indexes"
            for name, statement, arcadedb_supports in INDEXES:
                if arcadedb and not arcadedb_supports:
                    skipped.append(name)
                    continue
                session.execute_write(_run_statement, statement, {})
                indexes.append(name)

            def write_batches(kind: str, groups: Iterable[tuple[Callable[..., Any], Sequence[dict[str, Any]]]], total: int) -> None:
                done = 0
                for write, rows in groups:
                    for batch in _batches(rows, batch_size):
                        c = session.execute_write(write, batch)
                        counts[f"{kind}_created"] += getattr(c, f"{kind}_created")
                        counts["relationships_written"] += getattr(c, "written", 0)
                        counts["batches"] += 1
                        done += len(batch)
                        if progress:
                            progress(kind, done, total)

            stage = "writing nodes"
            write_batches(
                "nodes",
                ((partial(_write_nodes, node_statements(label, arcadedb=arcadedb)), rows) for label, rows in nodes.items()),
                node_total,
            )
            stage = "writing relationships"
            write_batches(
                "relationships",
                (
                    (partial(_write_relationships, relationship_merge_statement(*group), relationship_write_statement(*group)), rows)
                    for group, rows in rels.items()
                ),
                rel_total,
            )
    except (Neo4jError, DriverError, ValueError) as exc:
        # Build the message here, raise outside the handler: no chained
        # driver exception (and none of its frames) in the traceback.
        error = describe_failure(exc, uri=uri, user=user, database=database, stage=stage)
    finally:
        if driver is not None:
            driver.close()
    if error is not None:
        plain = secret.get_secret_value()
        if plain and plain in error:
            error = error.replace(plain, "***")
        raise Neo4jExportError(error)

    return ExportSummary(
        uri=uri,
        database=database,
        nodes=node_total,
        relationships=rel_total,
        nodes_by_label={label: len(rows) for label, rows in nodes.items()},
        relationships_by_type=_count_types(rels),
        nodes_created=counts["nodes_created"],
        relationships_created=counts["relationships_created"],
        relationships_written=counts["relationships_written"],
        constraints=[constraint_name(label) for label in labels],
        indexes=indexes,
        indexes_skipped=skipped,
        server=agent,
        batches=counts["batches"],
        seconds=round(time.perf_counter() - started, 3),
    )


class _Written(BaseModel):
    """What one batch did (for relationships the driver's counters cannot tell written from untouched)."""

    nodes_created: int = 0
    relationships_created: int = 0
    written: int = 0


def _count_types(rels: Mapping[tuple[str, str, str], list[Any]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (rel_type, _, _), rows in rels.items():
        out[rel_type] += len(rows)
    return dict(out)


def _run_statement(tx: Any, statement: str, parameters: dict[str, Any]) -> Any:
    """Transaction function for ``execute_write`` (safe to retry: it only MERGEs)."""
    return tx.run(statement, parameters).consume().counters


def _write_nodes(statements: tuple[str, ...], tx: Any, rows: list[dict[str, Any]]) -> Any:
    """Transaction function for one batch of nodes (``statements`` bound with functools.partial)."""
    created = 0
    for statement in statements:
        # the ArcadeDB create-if-missing statement needs the ids only: send no more than that
        parameters = {"ids": [r["id"] for r in rows]} if "$ids" in statement else {"rows": rows}
        created += _run_statement(tx, statement, parameters).nodes_created
    return _Written(nodes_created=created)


def _write_relationships(merge_statement: str, write_statement: str, tx: Any, rows: list[dict[str, Any]]) -> Any:
    """One batch of relationships in one transaction: merge (new ones get their properties), read what
    the existing ones store, and write the union where it changes.

    Safe to retry: a retry reads again and computes the same union.
    """
    alone = {(r["src"], r["dst"]): merged_properties(r, []) for r in rows}  # the properties if nothing is stored
    result = tx.run(merge_statement, {"rows": [{"src": r["src"], "dst": r["dst"], "props": alone[(r["src"], r["dst"])]}
                                               for r in rows]})
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
        props = merged_properties(row, before)
        if not unchanged(props, before):
            changes.append({"src": row["src"], "dst": row["dst"], "props": props})
    if changes:
        tx.run(write_statement, {"rows": changes}).consume()
    created = counters.relationships_created
    return _Written(relationships_created=created, written=created + len(changes))
