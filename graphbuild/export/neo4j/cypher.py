"""The Cypher statements of the export: constraints, indexes and batched MERGEs.

Labels and relationship types cannot be parameters, so they are checked
against strict patterns before they go into the query text.

Every entity (Person, Country, Organization) also carries the label
``Entity``, indexed on ``name`` and full-text indexed over ``name`` and
``aliases``, so lookups by name need no label-less scan.  Neo4j adds it with
``SET n:Entity`` (which also labels nodes of earlier exports); ArcadeDB, the
test server, cannot add a label to an existing vertex, so there a missing
node is created with both labels (``arcadedb=True``) — see docs/neo4j.md.

Sync (``export_graph(sync=True)``) replaces instead of merging: the
statements marked *exact* return what an element stores unless it already
holds exactly the properties sent (other tools' properties aside), and the
*replace* statements set the whole property map.  The ``STALE_*`` and
``DELETE_*`` statements find and remove what graphbuild wrote and the graph
no longer has.
"""

from __future__ import annotations

from graphbuild.export.neo4j.rows import LABEL_RE, MARK, REL_TYPE_RE
from graphbuild.export.neo4j.settings import Neo4jExportError

ENTITY_LABEL = "Entity"
#: (name, statement, what ArcadeDB does with it): the indexes every export ensures.
INDEXES: tuple[tuple[str, str, bool], ...] = (
    ("entity_name", f"CREATE INDEX entity_name IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON (n.name)", True),
    (
        "entity_names_fulltext",
        f"CREATE FULLTEXT INDEX entity_names_fulltext IF NOT EXISTS FOR (n:{ENTITY_LABEL}) ON EACH [n.name, n.aliases]",
        False,
    ),  # ArcadeDB: "Only standard, RANGE and TEXT index types are supported"
    ("article_published", "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)", True),
)


def constraint_name(label: str) -> str:
    return f"{label.lower()}_id_unique"


def constraint_statement(label: str) -> str:
    _check_label(label)
    return f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


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
        return (_create_missing_entities(label), f"UNWIND $rows AS row\nMATCH (n:{label} {{id: row.id}})\n" + update)
    return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n:{ENTITY_LABEL}\n" + update,)


def node_sync_statements(label: str, *, arcadedb: bool = False) -> tuple[str, ...]:
    """Sync: create the missing nodes of a batch with ``row.props`` (every property), and return what each
    existing node stores, unless it holds exactly ``row.props`` already (*exact*, see ``_holds_exactly``).

    Only the last statement returns rows; on ArcadeDB the missing entities
    are created first, from ``$ids`` (as in :func:`node_statements`).
    """
    _check_label(label)
    read = f"RETURN row.id AS id, CASE WHEN {_holds_exactly('n')} THEN null ELSE properties(n) END AS stored"
    if arcadedb and label != "Article":
        return (_create_missing_entities(label), f"UNWIND $rows AS row\nMATCH (n:{label} {{id: row.id}})\n" + read)
    entity = "" if label == "Article" else f"SET n:{ENTITY_LABEL}\n"
    return (f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nON CREATE SET n = row.props\n{entity}" + read,)


def node_replace_statement(label: str) -> str:
    """Sync: set the whole property map of a batch of nodes (computed by ``sync.replaced``)."""
    _check_label(label)
    return f"UNWIND $rows AS row\nMATCH (n:{label} {{id: row.id}})\nSET n = row.props"


def _create_missing_entities(label: str) -> str:
    return (
        f"UNWIND $ids AS id\nOPTIONAL MATCH (n:{label} {{id: id}})\nWITH id WHERE n IS NULL\n"
        f"CREATE (:{label}:{ENTITY_LABEL} {{id: id}})"
    )


def _holds_exactly(var: str) -> str:
    """Cypher: ``var`` stores every property of ``row.props`` and no other property graphbuild writes
    (``$owned``); properties other tools set do not count."""
    return (
        f"all(k IN keys(row.props) WHERE {var}[k] = row.props[k]) AND "
        f"all(k IN keys({var}) WHERE k IN keys(row.props) OR NOT k IN $owned)"
    )


def relationship_merge_statement(rel_type: str, start_label: str, end_label: str, *, exact: bool = False) -> str:
    """MERGE a batch of relationships; return what each stores, unless it already holds ``row.props``.

    A new relationship gets ``row.props`` (its properties as if nothing were
    stored) right away, so a first export needs this one statement, and
    ``stored`` comes back null.  An existing one is only touched (``weight``
    set to itself), which takes its write lock before its properties are read:
    a concurrent export cannot slip in between this read and the write of the
    union, in the same transaction.  It comes back null too when it holds every
    property sent, so re-exporting an unchanged graph moves no lists back.
    With ``exact`` (sync) it must also hold no other property graphbuild writes.
    """
    _check_relationship(rel_type, start_label, end_label)
    holds = _holds_exactly("r") if exact else "all(k IN keys(row.props) WHERE r[k] = row.props[k])"
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.src}})\n"
        f"MATCH (b:{end_label} {{id: row.dst}})\n"
        f"MERGE (a)-[r:{rel_type}]->(b)\n"
        "ON CREATE SET r += row.props\n"
        "ON MATCH SET r.weight = coalesce(r.weight, 0)\n"
        "RETURN row.src AS src, row.dst AS dst,\n"
        f"       CASE WHEN {holds} THEN null ELSE properties(r) END AS stored"
    )


def relationship_write_statement(rel_type: str, start_label: str, end_label: str, *, replace: bool = False) -> str:
    """Set the merged properties (``union.merged_properties``) on a batch of relationships; with ``replace``
    (sync) the whole property map (``sync.replaced``)."""
    _check_relationship(rel_type, start_label, end_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.src}})-[r:{rel_type}]->(b:{end_label} {{id: row.dst}})\n"
        + ("SET r = row.props" if replace else "SET r += row.props")
    )


# What graphbuild wrote (marked ``graphbuild: true``; with ``$adopt`` also what looks like an older
# graphbuild's unmarked writes: nodes with an id, relationships with weight and articles between such
# nodes).  Read once per sync; the client compares them with the graph (``sync._find_stale``).
STALE_NODE_CANDIDATES = (
    f"MATCH (n) WHERE n.{MARK} IS NOT NULL OR ($adopt AND n.id IS NOT NULL)\n"
    f"RETURN elementId(n) AS eid, n.id AS id, labels(n) AS labels, n.{MARK} IS NOT NULL AS marked"
)
# (Element ids only: the endpoints' ids and labels come from the node read.  Fewer values to unpack:
# 20,000 relationships read in 0.46 s instead of 1.1 s with the ids and labels of both ends.)
STALE_RELATIONSHIP_CANDIDATES = (
    f"MATCH (a)-[r]->(b) WHERE r.{MARK} IS NOT NULL OR ($adopt AND r.weight IS NOT NULL AND r.articles IS NOT NULL)\n"
    "RETURN elementId(a) AS start, elementId(r) AS eid, type(r) AS type, elementId(b) AS end"
)
# Deletes look elements up by elementId and check they are still the ones found (ids can be reused
# once an element is gone).  A relationship is reached from its start node: ArcadeDB has no
# relationship lookup by elementId (each is a scan of all relationships), Neo4j seeks either way.
DELETE_RELATIONSHIPS = (
    "UNWIND $rows AS row\n"
    "MATCH (a) WHERE elementId(a) = row.start\n"
    "MATCH (a)-[r]->(b) WHERE elementId(r) = row.eid AND type(r) = row.type AND b.id = row.dst\n"
    "DELETE r\n"
    "RETURN count(*) AS deleted"
)
# A node goes only when no relationship is left on it: after the stale relationships, what remains
# is another tool's, which sync never deletes (the node is kept and reported).
DELETE_NODES = (
    "UNWIND $rows AS row\n"
    "MATCH (n) WHERE elementId(n) = row.eid AND n.id = row.id\n"
    "OPTIONAL MATCH (n)-[x]-()\n"
    "WITH n, row, count(x) AS links WHERE links = 0\n"
    "DELETE n\n"
    "RETURN row.eid AS eid"
)


def _check_relationship(rel_type: str, start_label: str, end_label: str) -> None:
    _check_label(start_label)
    _check_label(end_label)
    if not REL_TYPE_RE.match(rel_type):
        raise Neo4jExportError(f"invalid relationship type {rel_type!r}")


def _check_label(label: str) -> None:
    if not LABEL_RE.match(label):
        raise Neo4jExportError(f"invalid node label {label!r}")
