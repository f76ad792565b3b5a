"""Export the knowledge graph to Neo4j (or any Bolt + Cypher server) with MERGE.

The export is idempotent and incremental:

* nodes are merged on their ``id`` property (one uniqueness constraint per
  label is created first, which also gives the index the MERGE needs);
* relationships are merged on ``(start id, TYPE, end id)``;
* list properties are *unioned* with what the database already holds
  (relationship ``evidence``/``articles``/``dates``, node ``aliases``), so
  exporting a graph built from more articles never drops evidence stored by an
  earlier export;
* ``weight`` becomes the largest of the stored weight, the exported weight and
  the number of distinct evidence sentences after the union — it never goes
  down and is never smaller than the evidence the relationship cites;
  ``confidence`` keeps the highest value seen;
* scalar properties (``name``, ``role``, ``title`` ...) are overwritten by the
  latest export.

Because every write is a MERGE, an export that was cut off midway (crash,
Ctrl-C, lost connection) is completed simply by running it again.

Labels and relationship types cannot be Cypher parameters, so they are
validated against strict patterns before they are put into the query text;
every *value* travels as a parameter.

The Cypher used here is deliberately plain (no APOC, no ``CALL {} IN
TRANSACTIONS``): it runs on Neo4j 5 and on ArcadeDB's Bolt/Cypher endpoint,
which the test-suite uses.
"""

from __future__ import annotations

import getpass
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, SecretStr

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

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"

#: The labels of the graph contract; a constraint is created for each of them.
LABELS: tuple[str, ...] = ("Person", "Country", "Organization", "Article")

#: Node id prefix → label, used when a node carries no ``type`` attribute.
_PREFIX_LABELS = {label.lower(): label for label in LABELS}

#: URI schemes of the Bolt protocol (the driver's preview HTTP support is not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

LABEL_RE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
REL_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")

#: Edge attributes with dedicated merge rules; everything else goes to ``r += props``.
_EDGE_LIST_PROPS = ("evidence", "articles", "dates")
_EDGE_SPECIAL = frozenset({"type", "weight", "confidence", *_EDGE_LIST_PROPS})
#: Node attributes that are not stored as plain properties.
_NODE_SPECIAL = frozenset({"type", "id", "aliases"})

#: ``progress(stage, done, total)`` — stage is ``"nodes"`` or ``"relationships"``;
#: called after each committed batch.
ProgressCallback = Callable[[str, int, int], None]


class Neo4jExportError(Exception):
    """A one-line, user-facing error; the CLI prints ``Error: <message>`` and exits 1.

    The message never contains the password.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Neo4jSettings(BaseModel):
    """Where to export to.  ``password`` is a ``SecretStr``: it never shows in reprs."""

    model_config = ConfigDict(frozen=True)

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: SecretStr = SecretStr("")
    database: str | None = None


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
    constraints: list[str] = Field(description="Names of the uniqueness constraints ensured.")
    batches: int
    seconds: float


# --------------------------------------------------------------------------- #
# connection settings
# --------------------------------------------------------------------------- #


def connection_from_env(
    uri: str | None = None,
    user: str | None = None,
    database: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    prompt: bool = True,
) -> Neo4jSettings:
    """Connection settings from arguments, falling back to the environment.

    ``uri``/``user``/``database`` come from the arguments (CLI options) or from
    ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_DATABASE``; defaults are
    ``bolt://localhost:7687`` and ``neo4j``; no database means the server's
    default database.  The password only ever comes from ``NEO4J_PASSWORD``
    or, when stdin is a terminal and ``prompt`` is true, from an interactive
    prompt; otherwise :class:`Neo4jExportError` is raised.
    """
    env = os.environ if environ is None else environ
    uri = uri or env.get("NEO4J_URI") or DEFAULT_URI
    user = user or env.get("NEO4J_USER") or DEFAULT_USER
    database = database or env.get("NEO4J_DATABASE") or None
    password = env.get("NEO4J_PASSWORD")
    if not password:
        if prompt and sys.stdin is not None and sys.stdin.isatty():
            password = getpass.getpass(f"Neo4j password for {user}@{uri}: ")
        if not password:
            raise Neo4jExportError(
                "no Neo4j password: set NEO4J_PASSWORD (the password is never taken from the command line)"
            )
    return Neo4jSettings(uri=uri, user=user, password=SecretStr(password), database=database)


# --------------------------------------------------------------------------- #
# graph → parameter rows
# --------------------------------------------------------------------------- #

_SKIP = object()


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
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
        rows[_label_of(node_id, attrs)].append(
            {"id": node_id, "props": props, "aliases": _str_list(attrs.get("aliases"))}
        )
    return dict(rows)


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
        props = _stored_properties(attrs, skip=_EDGE_SPECIAL)
        row = {
            "src": src,
            "dst": dst,
            "weight": weight,
            "confidence": confidence,
            "props": props,
            **{name: _str_list(attrs.get(name)) for name in _EDGE_LIST_PROPS},
        }
        ident = (src, rel_type, dst)
        old = merged.get(ident)
        if old is None:
            merged[ident] = row
            continue
        old["weight"] = _max_number(old["weight"], weight)
        old["confidence"] = _max_number(old["confidence"], confidence)
        old["props"].update(props)
        for name in _EDGE_LIST_PROPS:
            old[name] = _str_list([*old[name], *row[name]])
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (src, rel_type, dst), row in merged.items():
        grouped[(rel_type, labels[src], labels[dst])].append(row)
    return dict(grouped)


# --------------------------------------------------------------------------- #
# Cypher
# --------------------------------------------------------------------------- #


def constraint_name(label: str) -> str:
    return f"{label.lower()}_id_unique"


def constraint_statement(label: str) -> str:
    _check_label(label)
    return (
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


def node_statement(label: str) -> str:
    """MERGE a batch of nodes; scalar properties overwrite, aliases are unioned."""
    _check_label(label)
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{label} {{id: row.id}})\n"
        "WITH n, row, coalesce(n.aliases, []) AS old\n"
        "SET n += row.props, n.aliases = old + [x IN row.aliases WHERE NOT x IN old]"
    )


def relationship_statement(rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE a batch of relationships, unioning evidence/articles/dates.

    The merged lists are computed in ``WITH`` before the single ``SET``:
    ArcadeDB evaluates all items of one ``SET`` against the state before the
    clause, so ``SET r.evidence = ..., r.weight = size(r.evidence)`` would see
    the old list there (Neo4j applies the items in order).
    """
    _check_label(start_label)
    _check_label(end_label)
    if not REL_TYPE_RE.match(rel_type):
        raise Neo4jExportError(f"invalid relationship type {rel_type!r}")
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.src}})\n"
        f"MATCH (b:{end_label} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{rel_type}]->(b)\n"
        "WITH r, row, coalesce(r.evidence, []) AS ev0, coalesce(r.articles, []) AS ar0,\n"
        "     coalesce(r.dates, []) AS dt0, coalesce(r.weight, 0) AS w0, r.confidence AS c0\n"
        "WITH r, row, w0, c0,\n"
        "     ev0 + [x IN row.evidence WHERE NOT x IN ev0] AS ev,\n"
        "     ar0 + [x IN row.articles WHERE NOT x IN ar0] AS ar,\n"
        "     dt0 + [x IN row.dates WHERE NOT x IN dt0] AS dt\n"
        "SET r += row.props,\n"
        "    r.evidence = ev,\n"
        "    r.articles = ar,\n"
        "    r.dates = CASE WHEN size(dt) = 0 THEN null ELSE dt END,\n"
        "    r.weight = reduce(m = w0, x IN [coalesce(row.weight, 0), size(ev)] |"
        " CASE WHEN x > m THEN x ELSE m END),\n"
        "    r.confidence = CASE WHEN c0 IS NULL OR row.confidence > c0 THEN row.confidence ELSE c0 END"
    )


def _check_label(label: str) -> None:
    if not LABEL_RE.match(label):
        raise Neo4jExportError(f"invalid node label {label!r}")


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


# --------------------------------------------------------------------------- #
# errors
# --------------------------------------------------------------------------- #


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(exc: BaseException, *, uri: str, user: str, database: str | None, stage: str) -> str:
    """One-line message for a driver exception (no password: the driver never puts it there)."""
    from neo4j import exceptions as nx4j

    db = repr(database) if database else "the default database"
    code = getattr(exc, "code", None) or ""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, nx4j.AuthError) or code.endswith(".Unauthorized"):
        return f"Neo4j authentication failed for user {user!r} at {uri} (check NEO4J_USER / NEO4J_PASSWORD)"
    if code == "Neo.ClientError.Database.DatabaseNotFound" or (
        isinstance(exc, nx4j.Forbidden) and "database" in message.lower()
    ):
        return f"Neo4j database {db} does not exist at {uri} or user {user!r} may not access it"
    if isinstance(exc, nx4j.ServiceUnavailable | nx4j.SessionExpired):
        reason = re.search(r"reason (.*?)\)?$", str(exc).strip().splitlines()[-1])
        detail = f" ({_one_line(reason.group(1), 120)})" if reason else ""
        return f"cannot reach the Neo4j server at {uri}{detail}; is it running?"
    if isinstance(exc, nx4j.ConfigurationError | ValueError):
        return f"invalid Neo4j connection settings for {uri!r}: {_one_line(exc, 200)}"
    if isinstance(exc, nx4j.Neo4jError):
        return f"Neo4j error while {stage}: {code or type(exc).__name__}: {_one_line(message)}"
    return f"Neo4j export failed while {stage}: {type(exc).__name__}: {_one_line(exc)}"


# --------------------------------------------------------------------------- #
# export
# --------------------------------------------------------------------------- #


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
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise Neo4jExportError(
            f"invalid Neo4j URI {uri!r}: expected one of {', '.join(s + '://' for s in BOLT_SCHEMES)}"
        )

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
    counts = {"nodes_created": 0, "relationships_created": 0, "batches": 0}
    driver = None
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

            stage = "creating constraints"
            for label in labels:
                session.execute_write(_run_statement, constraint_statement(label), {})

            def write_batches(kind: str, groups: Iterable[tuple[str, Sequence[dict[str, Any]]]], total: int) -> None:
                done = 0
                for statement, rows in groups:
                    for batch in _batches(rows, batch_size):
                        c = session.execute_write(_run_statement, statement, {"rows": batch})
                        counts[f"{kind}_created"] += getattr(c, f"{kind}_created")
                        counts["batches"] += 1
                        done += len(batch)
                        if progress:
                            progress(kind, done, total)

            stage = "writing nodes"
            write_batches("nodes", ((node_statement(label), rows) for label, rows in nodes.items()), node_total)
            stage = "writing relationships"
            write_batches(
                "relationships",
                ((relationship_statement(rel_type, start, end), rows) for (rel_type, start, end), rows in rels.items()),
                rel_total,
            )
    except (Neo4jError, DriverError, ValueError) as exc:
        # Build the message here, raise outside the handler: no chained
        # driver exception (and none of its frames) in the traceback.
        error = _describe(exc, uri=uri, user=user, database=database, stage=stage)
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
        constraints=[constraint_name(label) for label in labels],
        batches=counts["batches"],
        seconds=round(time.perf_counter() - started, 3),
    )


def _count_types(rels: Mapping[tuple[str, str, str], list[Any]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for (rel_type, _, _), rows in rels.items():
        out[rel_type] += len(rows)
    return dict(out)


def _run_statement(tx: Any, statement: str, parameters: dict[str, Any]) -> Any:
    """Transaction function for ``execute_write`` (safe to retry: it only MERGEs)."""
    return tx.run(statement, parameters).consume().counters
