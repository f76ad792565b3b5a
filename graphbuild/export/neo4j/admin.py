"""Bulk files for ``neo4j-admin database import full``: ``graphbuild export neo4j-admin GRAPH DIR``.

At millions of relationships a Bolt export (one transaction per batch) takes
hours; Neo4j's offline importer writes the store directly from CSV files.  This
module writes those files, in the header format of Neo4j's operations manual
("Import header format"), with the **same** labels, relationship types and
properties as the Bolt export — the rows come from the same functions
(``rows.node_rows``, ``rows.relationship_rows``, ``union.merged_properties``):

* one node file per label (``nodes_Person.csv`` …) whose header is
  ``id:ID(graphbuild),:LABEL,<property>:<type>,…``: the node id is stored in
  the ``id`` property, every id lives in the one ID space ``graphbuild``, and
  entities carry the second label ``Entity`` (``Person;Entity``, like the
  Bolt export's ``SET n:Entity``);
* one relationship file per type (``relationships_MET_WITH.csv`` …):
  ``:START_ID(graphbuild),:END_ID(graphbuild),:TYPE,<property>:<type>,…``;
* typed columns: ``long``, ``double``, ``boolean``, ``string``, ``date`` and
  their arrays (``aliases:string[]``, ``dates:date[]``); the array delimiter is
  ``|`` unless a list item contains one (then U+001F), and the script passes it;
* every element carries ``graphbuild:boolean`` = true, so a later
  ``graphbuild export neo4j`` (merge) or ``--sync`` treats the imported data as
  its own;
* ``import.sh``: the ``neo4j-admin database import full`` command for these
  files, and ``schema.cypher``: the constraints and indexes the Bolt export
  creates, to run once the database is started.

Cells follow RFC 4180 (the importer's default quoting): text is always quoted,
a quote is doubled; an empty cell is a missing property, so an empty string is
written as ``""``.  Python's ``csv`` module cannot tell the two apart before
Python 3.12 (``QUOTE_NOTNULL``), so cells are encoded here.  What CSV cannot
carry: empty lists (``aliases`` of a node without aliases) — the importer
skips empty arrays, so such a node has no ``aliases`` property where the Bolt
export stores ``[]``.

The folder is written beside its final place and swapped in whole: a reader
never sees a mix of an old and a new export, and a folder holding anything
but an earlier export of graphbuild is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel

from graphbuild.export.neo4j.cypher import ENTITY_LABEL, INDEXES, constraint_statement
from graphbuild.export.neo4j.rows import LABELS, node_rows, relationship_rows
from graphbuild.export.neo4j.settings import Neo4jExportError
from graphbuild.export.neo4j.sync import node_properties
from graphbuild.export.neo4j.union import merged_properties

log = logging.getLogger("graphbuild.export")

ID_SPACE = "graphbuild"
SCRIPT = "import.sh"
SCHEMA = "schema.cypher"
#: The file that marks a folder as written by this module (it may be replaced by the next export).
MARKER = ".graphbuild-neo4j-admin"
#: Array delimiters, readable first; the first that no list item contains is used.
ARRAY_DELIMITERS = ("|", "\x1f")
PROPERTY_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Record = tuple[str, list[str], dict[str, Any]]  # (id or "start end type", labels or [], properties)


class AdminExport(BaseModel):
    """What ``write_admin_import`` wrote."""

    folder: str
    nodes: int
    relationships: int
    node_files: dict[str, int]  # file name -> rows
    relationship_files: dict[str, int]
    array_delimiter: str
    multiline: bool


def write_admin_import(graph: nx.MultiDiGraph, folder: str | Path) -> AdminExport:
    """Write the node and relationship CSV files, ``import.sh`` and ``schema.cypher`` into ``folder``;
    a :class:`Neo4jExportError` (exit 2 for a folder or graph it cannot take, 1 for a failed write) otherwise."""
    try:
        return _write_admin_import(graph, Path(folder))
    except OSError as exc:
        raise Neo4jExportError(f"cannot write {folder}: {exc}") from None


def _write_admin_import(graph: nx.MultiDiGraph, folder: Path) -> AdminExport:
    _check_folder(folder)
    nodes = {
        label: [(row["id"], _labels(label), node_properties(row)) for row in rows]
        for label, rows in sorted(node_rows(graph).items())
    }
    relationships: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (rel_type, _, _), rows in sorted(relationship_rows(graph).items()):
        relationships[rel_type] += [
            {"src": row["src"], "dst": row["dst"], "props": merged_properties(row, [])} for row in rows
        ]
    every_value = [v for records in nodes.values() for _, _, props in records for v in props.values()]
    every_value += [v for rows in relationships.values() for row in rows for v in row["props"].values()]
    delimiter = _array_delimiter(every_value)
    multiline = any("\n" in text or "\r" in text for text in _texts(every_value))

    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        node_files = {
            f"nodes_{label}.csv": _write_nodes(staging / f"nodes_{label}.csv", label, records, delimiter)
            for label, records in nodes.items()
        }
        relationship_files = {
            f"relationships_{rel_type}.csv": _write_relationships(
                staging / f"relationships_{rel_type}.csv", rel_type, rows, delimiter
            )
            for rel_type, rows in relationships.items()
        }
        (staging / SCRIPT).write_text(_script(node_files, relationship_files, delimiter, multiline), encoding="utf-8")
        (staging / SCRIPT).chmod(0o755)
        labels = list(dict.fromkeys([*LABELS, *nodes]))
        (staging / SCHEMA).write_text(_schema(labels), encoding="utf-8")
        (staging / MARKER).write_text(
            "written by graphbuild export neo4j-admin; the next export replaces this folder\n"
        )
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return AdminExport(
        folder=str(folder),
        nodes=sum(node_files.values()),
        relationships=sum(relationship_files.values()),
        node_files=node_files,
        relationship_files=relationship_files,
        array_delimiter=delimiter,
        multiline=multiline,
    )


def _labels(label: str) -> list[str]:
    """The labels the Bolt export gives a node of this type: entities also get ``Entity``."""
    return [label] if label == "Article" else [label, ENTITY_LABEL]


def _check_folder(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise Neo4jExportError(f"{folder}: not a folder; give a new or empty folder for the import files", exit_code=2)
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise Neo4jExportError(
            f"{folder}: the folder holds other files; give a new or empty folder (an earlier "
            "'export neo4j-admin' folder is replaced)",
            exit_code=2,
        )
    if not folder.parent.is_dir():
        raise Neo4jExportError(f"{folder}: folder {folder.parent} does not exist", exit_code=2)


def _swap_in(staging: Path, folder: Path) -> None:
    """Replace ``folder`` by ``staging`` (a rename each: the old export stays whole until the new one is)."""
    os.chmod(staging, 0o777 & ~_umask())
    if not folder.exists():
        staging.rename(folder)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
    old.rmdir()
    folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- files ------------------------------------------------------------------------------------------


def _write_nodes(path: Path, label: str, records: list[Record], delimiter: str) -> int:
    columns = _columns((props for _, _, props in records), skip={"id"}, where=f"{label} nodes")
    header = [f"id:ID({ID_SPACE})", ":LABEL", *(f"{key}:{kind}" for key, kind in columns)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for node_id, labels, props in records:
            cells = [_cell(node_id, delimiter), _cell(delimiter.join(labels), delimiter)]
            out.write(",".join(cells + [_cell(props.get(key), delimiter) for key, _ in columns]) + "\n")
    return len(records)


def _write_relationships(path: Path, rel_type: str, rows: list[dict[str, Any]], delimiter: str) -> int:
    columns = _columns((row["props"] for row in rows), skip=set(), where=f"{rel_type} relationships")
    header = [f":START_ID({ID_SPACE})", f":END_ID({ID_SPACE})", ":TYPE", *(f"{key}:{kind}" for key, kind in columns)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            cells = [_cell(row["src"], delimiter), _cell(row["dst"], delimiter), rel_type]
            out.write(",".join(cells + [_cell(row["props"].get(key), delimiter) for key, _ in columns]) + "\n")
    return len(rows)


def _columns(records: Iterable[Mapping[str, Any]], skip: set[str], where: str) -> list[tuple[str, str]]:
    """(key, importer type) of every property the records hold, in key order."""
    values: dict[str, list[Any]] = defaultdict(list)
    for props in records:
        for key, value in props.items():
            if key not in skip:
                values[key].append(value)
    columns = []
    for key in sorted(values):
        if not PROPERTY_KEY.match(key):
            raise Neo4jExportError(
                f"{where}: property name {key!r} cannot be a CSV header field (letters, digits "
                "and _ only); rename it in the graph",
                exit_code=2,
            )
        columns.append((key, _column_type(values[key], f"{where}, property {key!r}")))
    return columns


def _column_type(values: list[Any], where: str) -> str:
    if all(isinstance(v, list) for v in values):
        kinds = {_scalar_type(item) for v in values for item in v}
        return _one_type(kinds, where) + "[]"
    if any(isinstance(v, list) for v in values):
        log.warning("%s: some values are lists and some are not; written as text", where)
        return "string"
    return _one_type({_scalar_type(v) for v in values}, where)


def _one_type(kinds: set[str], where: str) -> str:
    if len(kinds) <= 1:
        return next(iter(kinds), "string")
    if kinds == {"long", "double"}:
        return "double"
    log.warning("%s mixes %s values; written as text", where, " and ".join(sorted(kinds)))
    return "string"


def _scalar_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return "datetime" if value.tzinfo else "localdatetime"
    if isinstance(value, dt.date):
        return "date"
    return "string"


def _cell(value: Any, delimiter: str) -> str:
    """One CSV cell: empty for a missing property (and an empty list, which the importer cannot hold)."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        return _quoted(delimiter.join(_text(item) for item in value))
    if isinstance(value, bool | int | float):
        return _text(value)
    return _quoted(_text(value))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _texts(values: Iterable[Any]) -> Iterable[str]:
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield item


def _array_delimiter(values: list[Any]) -> str:
    items = {item for value in values if isinstance(value, list) for item in value if isinstance(item, str)}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in item for item in items):
            return delimiter
    raise Neo4jExportError(
        "list items of the graph contain both '|' and U+001F: no array delimiter is left for the CSV files", exit_code=2
    )


def _script(
    node_files: Mapping[str, int], relationship_files: Mapping[str, int], delimiter: str, multiline: bool
) -> str:
    shown = "'|'" if delimiter == "|" else "U+001F"
    options = [
        "--id-type=string",
        f"--array-delimiter={shown}",
        *(["--multiline-fields=true"] if multiline else []),
        *(f"--nodes={name}" for name in node_files),
        *(f"--relationships={name}" for name in relationship_files),
    ]
    lines = "".join(f"  {option} \\\n" for option in options)
    return f"""#!/bin/sh
# Written by `graphbuild export neo4j-admin`: loads these files into a new Neo4j database (Neo4j 5 or later)
# with `neo4j-admin database import full`.
#
#   ./{SCRIPT} [DATABASE [more neo4j-admin options]]      DATABASE defaults to neo4j
#
# The database must not exist yet (or add --overwrite-destination=true), and Neo4j must be stopped or the
# database offline. neo4j-admin is taken from NEO4J_ADMIN, else from PATH, else from $NEO4J_HOME/bin.
# Afterwards: start Neo4j (CREATE DATABASE DATABASE, for one that is not the default) and create the
# constraints and indexes graphbuild's Bolt export would have made:
#   cypher-shell -d DATABASE -f {SCHEMA}
set -eu
cd "$(dirname "$0")"
database="${{1:-neo4j}}"
[ $# -gt 0 ] && shift
admin="${{NEO4J_ADMIN:-$(command -v neo4j-admin || echo "${{NEO4J_HOME:-.}}/bin/neo4j-admin")}}"
exec "$admin" database import full \\
{lines}  "$@" "$database"
"""


def _schema(labels: list[str]) -> str:
    statements = [constraint_statement(label) for label in labels] + [statement for _, statement, _ in INDEXES]
    return (
        "// The constraints and indexes of graphbuild's Bolt export; run once the imported database is started.\n"
        + "".join(f"{statement};\n" for statement in statements)
    )
