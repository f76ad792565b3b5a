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

Every node and relationship written carries ``graphbuild: true``.  With
``sync=True`` the export makes what carries that mark equal to the graph:
it replaces properties instead of merging them, then deletes what the graph
no longer has, and leaves everything else (other tools' data) alone — see
``sync``.

Labels and relationship types cannot be Cypher parameters, so they are
validated against strict patterns before they are put into the query text;
every *value* travels as a parameter.

The Cypher used here is deliberately plain (no APOC, no ``CALL {} IN
TRANSACTIONS``): it runs on Neo4j 5 and on ArcadeDB's Bolt/Cypher endpoint,
which the test-suite uses.  Where ArcadeDB cannot follow (adding a label to
an existing node, full-text indexes) the export detects it from the server
agent and takes the documented fallback (docs/neo4j.md).

Modules: ``settings`` (connection settings, one-line errors), ``rows`` (the
graph as parameter rows), ``union`` (merging with what is stored), ``sync``
(replacing, and deleting what the graph no longer has), ``cypher`` (the
statements), ``writes`` (one batch per transaction); this one runs them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import networkx as nx
from pydantic import BaseModel, Field, SecretStr

from graphbuild.export.neo4j.cypher import (
    INDEXES,
    constraint_name,
    constraint_statement,
    node_replace_statement,
    node_statements,
    node_sync_statements,
    relationship_merge_statement,
    relationship_write_statement,
)
from graphbuild.export.neo4j.rows import LABELS, MARK, batches, node_rows, relationship_rows
from graphbuild.export.neo4j.settings import (
    DEFAULT_TIMEOUT,
    DEFAULT_URI,
    DEFAULT_USER,
    Neo4jExportError,
    Neo4jSettings,
    check_uri,
    connection_from_env,
    describe_failure,
    scrub,
)
from graphbuild.export.neo4j.sync import (
    NODE_PROPERTIES,
    RELATIONSHIP_PROPERTIES,
    Removal,
    holds_exactly,
    owned_keys,
    remove_stale,
    replaced_relationship,
)
from graphbuild.export.neo4j.union import merged_properties, unchanged
from graphbuild.export.neo4j.writes import ensure_schema, merge_nodes, replace_nodes, write_batch, write_relationships

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_URI",
    "DEFAULT_USER",
    "ExportSummary",
    "LABELS",
    "MARK",
    "Neo4jExportError",
    "Neo4jSettings",
    "ProgressCallback",
    "connection_from_env",
    "export_graph",
    "export_with_settings",
    "node_rows",
    "relationship_rows",
]

#: ``progress(stage, done, total)`` — stage is ``"nodes"`` or ``"relationships"`` (and, in a sync,
#: ``"stale relationships"`` then ``"stale nodes"``, the deletions); called after each committed batch.
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
    relationships_written: int = Field(
        default=0,
        description="Relationships whose properties were written (new or changed); the others already held "
        "everything sent.",
    )
    synced: bool = Field(
        default=False, description="A sync: properties replaced, and what the graph no longer has deleted."
    )
    nodes_written: int = Field(default=0, description="Sync: nodes whose properties were written (new or changed).")
    nodes_deleted: int = Field(
        default=0, description="Sync: nodes graphbuild wrote earlier that the graph no longer has, deleted."
    )
    relationships_deleted: int = Field(
        default=0, description="Sync: relationships graphbuild wrote earlier that the graph no longer has, deleted."
    )
    nodes_kept: list[str] = Field(
        default_factory=list,
        description="Sync: ids of nodes the graph no longer has, kept because relationships of other tools attach "
        "to them.",
    )
    constraints: list[str] = Field(description="Names of the uniqueness constraints ensured.")
    indexes: list[str] = Field(description="Names of the indexes ensured (entity_name, entity_names_fulltext, ...).")
    indexes_skipped: list[str] = Field(
        default_factory=list, description="Indexes the server does not support (ArcadeDB: full-text)."
    )
    server: str = Field(default="", description="The server's agent string, e.g. 'Neo4j/5.26.0'.")
    batches: int
    seconds: float


def export_with_settings(
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
    sync: bool = False,
    adopt: bool = False,
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
        sync=sync,
        adopt=adopt,
        timeout=settings.timeout,
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
    sync: bool = False,
    adopt: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> ExportSummary:
    """Merge ``graph`` into the Neo4j database at ``uri``; see the module docstring.

    ``sync``: make what graphbuild wrote there equal to the graph (module ``sync``); ``adopt`` (with
    ``sync``): also treat unmarked nodes and relationships that look like an older graphbuild's as its own.
    ``timeout``: seconds to wait for the server to accept the connection, answer the Bolt handshake and log in.

    Raises :class:`Neo4jExportError` (one line, no password) when the server is unreachable, the credentials
    are wrong, the database does not exist, the graph has an unusable label/type, or a write fails.
    Exceptions raised by ``progress`` propagate unchanged (batches already committed stay).
    """
    # Keep the plain password out of this frame's locals: pretty tracebacks (rich/typer ``show_locals``) print them.
    secret = password if isinstance(password, SecretStr) else SecretStr(password)
    del password
    _check_arguments(uri, secret, batch_size, sync=sync, adopt=adopt)
    run = _Run(graph, batch_size=batch_size, progress=progress, sync=sync, adopt=adopt)

    from neo4j.exceptions import DriverError, Neo4jError

    from neo4j import GraphDatabase

    error: str | None = None
    driver = None
    try:
        driver = GraphDatabase.driver(
            uri,
            auth=(user, secret.get_secret_value()),
            user_agent="graphbuild-neo4j-export",
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
            max_transaction_retry_time=15.0,
        )
        with driver.session(database=database) as session:
            # Fail fast (no retries) on an unreachable server, bad credentials
            # or an unknown database, before anything is written.
            session.run("RETURN 1").consume()
            run.agent = driver.get_server_info().agent or ""
            run.write(session)
    except (Neo4jError, DriverError, ValueError) as exc:
        # Build the message here, raise outside the handler: no chained
        # driver exception (and none of its frames) in the traceback.
        error = describe_failure(exc, uri=uri, user=user, database=database, stage=run.stage, timeout=timeout)
    finally:
        if driver is not None:
            driver.close()
    if error is not None:
        raise Neo4jExportError(scrub(error, secret))
    return run.summary(uri, database)


def _check_arguments(uri: str, secret: SecretStr, batch_size: int, *, sync: bool, adopt: bool) -> None:
    if batch_size < 1:
        raise Neo4jExportError(f"batch size must be at least 1, got {batch_size}")
    if adopt and not sync:
        raise Neo4jExportError("adopting unmarked nodes and relationships is part of a sync: use it with sync")
    check_uri(uri, secret)


class _Run:
    """One export: the rows to write, what was written so far, and the stage it is in (for the error message)."""

    def __init__(
        self, graph: nx.MultiDiGraph, *, batch_size: int, progress: ProgressCallback | None, sync: bool, adopt: bool
    ) -> None:
        self.started = time.perf_counter()
        self.batch_size, self.progress, self.sync, self.adopt = batch_size, progress, sync, adopt
        self.nodes = node_rows(graph)
        self.rels = relationship_rows(graph)
        self.labels = list(dict.fromkeys([*LABELS, *sorted(self.nodes)]))
        # a sync replaces the properties graphbuild writes (these) and keeps other tools' ones
        every_node = (row for rows in self.nodes.values() for row in rows)
        every_rel = (row for rows in self.rels.values() for row in rows)
        self.owned_nodes = owned_keys(NODE_PROPERTIES, every_node) if sync else None
        self.owned_rels = owned_keys(RELATIONSHIP_PROPERTIES, every_rel) if sync else None
        self.stage = "connecting"
        self.counts = dict.fromkeys(
            ("nodes_created", "relationships_created", "nodes_written", "relationships_written", "batches"), 0
        )
        self.removal = Removal()
        self.indexes: list[str] = []
        self.skipped: list[str] = []
        self.agent = ""

    def write(self, session) -> None:
        arcadedb = "arcadedb" in self.agent.lower()
        self.stage = "creating constraints"
        for label in self.labels:
            ensure_schema(session, constraint_statement(label))
        self.stage = "creating indexes"
        for name, statement, arcadedb_supports in INDEXES:
            if arcadedb and not arcadedb_supports:
                self.skipped.append(name)
                continue
            ensure_schema(session, statement)
            self.indexes.append(name)
        self.stage = "writing nodes"
        node_writers = ((_node_writer(label, arcadedb, self.owned_nodes), rows) for label, rows in self.nodes.items())
        self._write_batches(session, "nodes", node_writers, sum(len(r) for r in self.nodes.values()))
        self.stage = "writing relationships"
        rel_writers = ((_relationship_writer(group, self.owned_rels), rows) for group, rows in self.rels.items())
        self._write_batches(session, "relationships", rel_writers, sum(len(r) for r in self.rels.values()))
        if self.sync:  # only now: every element of the graph is written and marked
            self.stage = "deleting what the graph no longer has"
            self.removal = remove_stale(
                session, self.nodes, self.rels, adopt=self.adopt, batch_size=self.batch_size, progress=self.progress
            )

    def _write_batches(
        self, session, kind: str, groups: Iterable[tuple[Callable[..., Any], Sequence[dict[str, Any]]]], total: int
    ) -> None:
        done = 0
        for write, rows in groups:
            for batch in batches(rows, self.batch_size):
                c = write_batch(session, write, batch)
                self.counts[f"{kind}_created"] += getattr(c, f"{kind}_created")
                self.counts[f"{kind}_written"] += c.written
                self.counts["batches"] += 1
                done += len(batch)
                if self.progress:
                    self.progress(kind, done, total)

    def summary(self, uri: str, database: str | None) -> ExportSummary:
        return ExportSummary(
            uri=uri,
            database=database,
            nodes=sum(len(r) for r in self.nodes.values()),
            relationships=sum(len(r) for r in self.rels.values()),
            nodes_by_label={label: len(rows) for label, rows in self.nodes.items()},
            relationships_by_type=_count_types(self.rels),
            nodes_created=self.counts["nodes_created"],
            relationships_created=self.counts["relationships_created"],
            relationships_written=self.counts["relationships_written"],
            synced=self.sync,
            nodes_written=self.counts["nodes_written"] if self.sync else 0,
            nodes_deleted=self.removal.nodes_deleted,
            relationships_deleted=self.removal.relationships_deleted,
            nodes_kept=self.removal.nodes_kept,
            constraints=[constraint_name(label) for label in self.labels],
            indexes=self.indexes,
            indexes_skipped=self.skipped,
            server=self.agent,
            batches=self.counts["batches"],
            seconds=round(time.perf_counter() - self.started, 3),
        )


def _count_types(rels: Mapping[tuple[str, str, str], list[Any]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (rel_type, _, _), rows in rels.items():
        out[rel_type] += len(rows)
    return dict(out)


def _node_writer(label: str, arcadedb: bool, owned: list[str] | None) -> Callable[..., Any]:
    """The transaction function writing one batch of ``label`` nodes: merged, or (``owned`` given: a sync) replaced."""
    if owned is None:
        return partial(merge_nodes, node_statements(label, arcadedb=arcadedb))
    return partial(replace_nodes, node_sync_statements(label, arcadedb=arcadedb), node_replace_statement(label), owned)


def _relationship_writer(group: tuple[str, str, str], owned: list[str] | None) -> Callable[..., Any]:
    """The transaction function writing one batch of ``group`` relationships: unioned, or (``owned``: a sync)
    replaced."""
    sync = owned is not None
    merge = relationship_merge_statement(*group, exact=sync)
    write = relationship_write_statement(*group, replace=sync)
    if not sync:
        return partial(write_relationships, merge, write, merged_properties, unchanged, {})
    return partial(
        write_relationships, merge, write, partial(replaced_relationship, owned), holds_exactly, {"owned": owned}
    )
