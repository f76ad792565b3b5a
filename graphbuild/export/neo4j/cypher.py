"""The Cypher statements of the export: constraints, indexes and batched MERGEs.

Labels and relationship types cannot be parameters, so they are checked
against strict patterns before they go into the query text.

Every entity (Person, Country, Organization) also carries the label
``Entity``, indexed on ``name`` and full-text indexed over ``name`` and
``aliases``, so lookups by name need no label-less scan.  Neo4j adds it with
``SET n:Entity`` (which also labels nodes of earlier exports); ArcadeDB, the
test server, cannot add a label to an existing vertex, so there a missing
node is created with both labels (``arcadedb=True``) — see docs/neo4j.md.
"""

from __future__ import annotations

from graphbuild.export.neo4j.rows import LABEL_RE, REL_TYPE_RE
from graphbuild.export.neo4j.settings import Neo4jExportError

ENTITY_LABEL = "Entity"
#: (name, statement, what ArcadeDB does with it): the indexes every export ensures.
INDEXES: tuple[tuple[str, str, bool], ...] = (
    ("entity_name", f"CREATE INDEX entity_name IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON (n.name)", True),
    ("entity_names_fulltext",
     f"CREATE FULLTEXT INDEX entity_names_fulltext IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON EACH [n.name, n.aliases]",
     False),  # ArcadeDB: "Only standard, RANGE and TEXT index types are supported"
    ("article_published", "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)", True),
)


def constraint_name(label: str) -> str:
    return f"{label.lower()}_id_unique"


def constraint_statement(label: str) -> str:
    _check_label(label)
    return (
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


def node_statements(label: str, *, arcadedb: bool = False) -> tuple[str, ...]:
    """The statements that MERGE a batch of nodes, run in order in one transaction.

    Scalar properties overwrite, aliases are unioned (short lists: Cypher is fine).
    On ArcadeDB a MERGE with two labels does not use the ``id`` index (5,000
    nodes: 8.7 s against 1.9 s), so there the missing nodes are created with
    both labels first (that statement takes only ``$ids``) and then all are
    updated through the indexed label.
    """
    _check_label(label)
    update = (
        "WITH n, row, coalesce(n.aliases, []) AS old\n"
        "SET n += row.props, n.aliases = old + [x IN row.aliases WHERE NOT x IN old]"
    )
    if label == "Article":
        return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\n" + update,)
    if arcadedb:
        return (
            f"UNWIND $ids AS id\nOPTIONAL MATCH (n:{label} {{id: id}})\nWITH id WHERE n IS NULL\n"
            f"CREATE (:{label}:{ENTITY_LABEL} {{id: id}})",
            f"UNWIND $rows AS row\nMATCH (n:{label} {{id: row.id}})\n" + update,
        )
    return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n:{ENTITY_LABEL}\n" + update,)


def relationship_merge_statement(rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE a batch of relationships; return what each stores, unless it already holds ``row.props``.

    A new relationship gets ``row.props`` (its properties as if nothing were
    stored) right away, so a first export needs this one statement, and
    ``stored`` comes back null.  An existing one is only touched (``weight``
    set to itself), which takes its write lock before its properties are read:
    a concurrent export cannot slip in between this read and the write of the
    union, in the same transaction.  It comes back null too when it holds every
    property sent, so re-exporting an unchanged graph moves no lists back.
    """
    _check_relationship(rel_type, start_label, end_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.src}})\n"
        f"MATCH (b:{end_label} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{rel_type}]->(b)\n"
        "ON CREATE SET r += row.props\n"
        "ON MATCH SET r.weight = coalesce(r.weight, 0)\n"
        "RETURN row.src AS src, row.dst AS dst,\n"
        "       CASE WHEN all(k IN keys(row.props) WHERE r[k] = row.props[k]) THEN null ELSE properties(r) END AS stored"
    )


def relationship_write_statement(rel_type: str, start_label: str, end_label: str) -> str:
    """Set the merged properties (computed by ``union.merged_properties``) on a batch of relationships."""
    _check_relationship(rel_type, start_label, end_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.src}})-[r:{rel_type}]->(b:{end_label} {{id: row.dst}})\n"
        "SET r += row.props"
    )


def _check_relationship(rel_type: str, start_label: str, end_label: str) -> None:
    _check_label(start_label)
    _check_label(end_label)
    if not REL_TYPE_RE.match(rel_type):
        raise Neo4jExportError(f"invalid relationship type {rel_type!r}")


def _check_label(label: str) -> None:
    if not LABEL_RE.match(label):
        raise Neo4jExportError(f"invalid node label {label!r}")
