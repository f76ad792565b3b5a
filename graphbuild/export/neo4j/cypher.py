"""The Cypher statements of the export: constraints and batched MERGEs.

Labels and relationship types cannot be parameters, so they are checked
against strict patterns before they go into the query text.
"""

from __future__ import annotations

from graphbuild.export.neo4j.rows import LABEL_RE, REL_TYPE_RE
from graphbuild.export.neo4j.settings import Neo4jExportError


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


