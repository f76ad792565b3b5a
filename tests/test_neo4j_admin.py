"""``export neo4j-admin``: CSV files for ``neo4j-admin database import full``.

Headers are parsed against the syntax of Neo4j's operations manual ("Import header format"): ``<name>:<field_type>``,
``:ID(<ID space>)``, ``:START_ID(<ID space>)`` / ``:END_ID(<ID space>)``, ``:LABEL``, ``:TYPE``, and the property
types it lists, arrays with ``[]``.  The files are read back with the csv module and compared with what the Bolt
export writes to the real Bolt server the suite starts.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from bench.generate import NewsCorpus
from graphbuild.export.neo4j import export_with_settings, relationship_rows
from graphbuild.export.neo4j.admin import MARKER, write_admin_import
from graphbuild.export.neo4j.union import native
from graphbuild.graph import build_graph
from graphbuild.resolve import resolve

#: The property types of the manual's "Property data types" section.
TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|"
    "duration|vector"
)
FIELD = re.compile(
    rf"^(?P<name>[^:]*)(?::(?:(?P<special>ID|START_ID|END_ID)(?:\((?P<space>[^()]+)\))?|"
    rf"(?P<keyword>LABEL|TYPE|IGNORE)|(?P<type>{TYPES})(?P<array>\[\])?))?$"
)
GRAPHBUILD = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """Generated news (dates, aliases, roles, lists) plus the values CSV makes hard: quotes, commas, the array
    delimiter, a line break, an empty string, a number attribute and a boolean one."""
    graph = build_graph(resolve(list(NewsCorpus(size=40).extractions(0, 30))))
    person = next(n for n, a in graph.nodes(data=True) if a["type"] == "Person")
    graph.nodes[person].update(aliases=['K. "the Hawk" Vo', "Vo, K.", "Vo; K.|V."], role="", rank=3, active=False)
    source, target, key = next((u, v, k) for u, v, k, a in graph.edges(keys=True, data=True) if a["type"] == "MET_WITH")
    graph.edges[source, target, key]["evidence"] = ["They met,\nand talked; at length.", 'He said "yes".']
    graph.edges[source, target, key]["venue"] = "Hall, 2"
    return graph


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("admin") / "import"
    summary = write_admin_import(graph, folder)
    return folder, summary


def parse_header(line: list[str]) -> list[dict]:
    fields = []
    for field in line:
        match = FIELD.match(field)
        assert match, f"{field!r} is not <name>:<field_type> as the import manual writes it"
        fields.append(match.groupdict())
    return fields


def read_file(path: Path, delimiter: str) -> tuple[list[dict], list[dict]]:
    """(header fields, rows as {column: typed value}) — decoded by the header's types, as the importer would."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    fields = parse_header(rows[0])
    records = []
    for row in rows[1:]:
        assert len(row) == len(fields)
        record = {}
        for field, cell in zip(fields, row, strict=False):
            if cell == "" or field["keyword"] == "IGNORE":
                continue
            if field["special"] or field["keyword"]:
                record[":" + (field["special"] or field["keyword"])] = (
                    cell.split(delimiter) if field["keyword"] == "LABEL" else cell
                )
                if field["special"] == "ID" and field["name"]:
                    record[field["name"]] = cell
                continue
            decode = {
                "long": int,
                "double": float,
                "boolean": lambda v: v == "true",
                "date": dt.date.fromisoformat,
                "string": str,
            }[field["type"]]
            record[field["name"]] = [decode(v) for v in cell.split(delimiter)] if field["array"] else decode(cell)
        records.append(record)
    return fields, records


def test_headers_follow_the_documented_syntax_and_ids_one_space(written):
    folder, summary = written
    spaces = set()
    for name in summary.node_files:
        fields, _ = read_file(folder / name, summary.array_delimiter)
        assert [f["special"] for f in fields].count("ID") == 1 and [f["keyword"] for f in fields].count("LABEL") == 1
        id_field = next(f for f in fields if f["special"] == "ID")
        assert id_field["name"] == "id"  # the id is kept as the node's id property, as the Bolt export MERGEs on it
        spaces.add(id_field["space"])
        assert all(f["type"] for f in fields if not (f["special"] or f["keyword"]))  # every property typed
    for name in summary.relationship_files:
        fields, _ = read_file(folder / name, summary.array_delimiter)
        kinds = [f["special"] or f["keyword"] for f in fields]
        assert kinds.count("START_ID") == kinds.count("END_ID") == kinds.count("TYPE") == 1
        spaces |= {f["space"] for f in fields if f["special"]}
    assert spaces == {"graphbuild"}
    header = (folder / "relationships_MET_WITH.csv").read_text(encoding="utf-8").splitlines()[0]
    assert {
        "weight:long",
        "confidence:double",
        "evidence:string[]",
        "evidence_starts:long[]",
        "articles:string[]",
        "dates:string[]",
        "date_starts:date[]",
        "first_seen:date",
        "graphbuild:boolean",
    } <= set(header.split(","))
    assert "aliases:string[]" in (folder / "nodes_Person.csv").read_text(encoding="utf-8").splitlines()[0]


def test_every_relationship_end_is_a_node_id(written, graph):
    folder, summary = written
    ids = set()
    for name in summary.node_files:
        ids |= {r[":ID"] for r in read_file(folder / name, summary.array_delimiter)[1]}
    assert ids == set(graph.nodes) and len(ids) == summary.nodes
    ends = [
        (r[":START_ID"], r[":END_ID"])
        for name in summary.relationship_files
        for r in read_file(folder / name, summary.array_delimiter)[1]
    ]
    assert ends and all(a in ids and b in ids for a, b in ends)
    assert len(ends) == summary.relationships == sum(len(rows) for rows in relationship_rows(graph).values())


def test_the_properties_are_those_the_bolt_export_writes(written, graph, neo4j_settings, neo4j_clean):
    folder, summary = written
    export_with_settings(graph, neo4j_settings)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS p", database_=neo4j_settings.database
    )
    bolt_nodes = {r["p"]["id"]: (sorted(r["labels"]), _stored(r["p"])) for r in records}
    csv_nodes = {}
    for name in summary.node_files:
        for row in read_file(folder / name, summary.array_delimiter)[1]:
            csv_nodes[row["id"]] = (sorted(row.pop(":LABEL")), {k: v for k, v in row.items() if not k.startswith(":")})
    assert csv_nodes == bolt_nodes
    # the empty role: a quoted empty cell, which the importer stores as "" (an empty cell is no property)
    person = next(i for i, (_, p) in bolt_nodes.items() if p.get("active") is False)
    line = next(line for line in (folder / "nodes_Person.csv").read_text().splitlines() if person in line)
    assert f"{line},".count(',"",') == 1

    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
        database_=neo4j_settings.database,
    )
    bolt_relationships = {(r["a"], r["t"], r["b"]): _stored(r["p"]) for r in records}
    csv_relationships = {}
    for name in summary.relationship_files:
        for row in read_file(folder / name, summary.array_delimiter)[1]:
            ends = (row.pop(":START_ID"), row.pop(":TYPE"), row.pop(":END_ID"))
            csv_relationships[ends] = row
    assert csv_relationships == bolt_relationships
    tricky = next(p for p in csv_relationships.values() if "venue" in p)
    assert (
        tricky["evidence"] == ["They met,\nand talked; at length.", 'He said "yes".'] and tricky["venue"] == "Hall, 2"
    )


def _stored(properties: dict) -> dict:
    """What Bolt stored, as read back from CSV: empty lists are no property (the importer skips empty arrays), and
    Python's csv module (before 3.12) reads a quoted empty cell like an empty one, so "" is checked apart."""
    return {key: value for key, value in native(properties).items() if value not in ([], "")}


def test_the_script_names_every_file_and_the_array_delimiter(written):
    folder, summary = written
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert summary.array_delimiter == "\x1f"  # a list item holds "|": the unit separator is used instead
    assert 'exec "$admin" database import full' in script and "--array-delimiter=U+001F" in script
    assert "--multiline-fields=true" in script  # an evidence sentence holds a line break
    assert all(f"--nodes={name} " in script for name in summary.node_files)
    assert all(f"--relationships={name} " in script for name in summary.relationship_files)
    assert subprocess.run(["sh", "-n", str(folder / "import.sh")]).returncode == 0
    assert (folder / "import.sh").stat().st_mode & 0o111
    assert "CREATE CONSTRAINT person_id_unique" in (folder / "schema.cypher").read_text(encoding="utf-8")


def test_cli_replaces_its_own_folder_and_refuses_any_other(tmp_path):
    graph_file, folder = tmp_path / "g.json", tmp_path / "import"
    from graphbuild.export import write_graph

    write_graph(build_graph(resolve(list(NewsCorpus(size=40).extractions(0, 3)))), graph_file)
    first = subprocess.run(
        [str(GRAPHBUILD), "export", "neo4j-admin", str(graph_file), str(folder)], capture_output=True, text=True
    )
    assert first.returncode == 0 and f"to {folder}" in first.stderr
    assert (folder / MARKER).is_file() and "--array-delimiter='|'" in (folder / "import.sh").read_text()
    (folder / "nodes_Stale.csv").write_text("left by hand\n")
    again = subprocess.run(
        [str(GRAPHBUILD), "export", "neo4j-admin", str(graph_file), str(folder), "-q"], capture_output=True, text=True
    )
    assert again.returncode == 0 and not (folder / "nodes_Stale.csv").exists()

    other = tmp_path / "papers"
    other.mkdir()
    (other / "thesis.txt").write_text("mine\n")
    refused = subprocess.run(
        [str(GRAPHBUILD), "export", "neo4j-admin", str(graph_file), str(other)], capture_output=True, text=True
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "holds other files" in refused.stderr
    assert sorted(p.name for p in other.iterdir()) == ["thesis.txt"]


def test_cli_refuses_a_graph_it_cannot_read_or_neo4j_cannot_store_without_writing(tmp_path):
    """The checks every graph reader makes (a regular file, its size) and the values Neo4j cannot hold are exit 2
    with one line, before the import folder exists."""
    from graphbuild.export import write_graph

    huge, unstorable, folder = tmp_path / "huge.json", tmp_path / "big-int.json", tmp_path / "import"
    with huge.open("wb") as handle:
        handle.truncate(4_000_000_001)  # sparse: refused by its size, never read
    graph = nx.MultiDiGraph()
    graph.add_node("person:a", type="Person", name="A", score=10**30)
    write_graph(graph, unstorable)
    for graph_file, expected in (
        (huge, "over the 4,000,000,000 byte limit"),
        (unstorable, "1e+30 is outside the 64-bit integers Neo4j stores"),
    ):
        refused = subprocess.run(
            [str(GRAPHBUILD), "export", "neo4j-admin", str(graph_file), str(folder)], capture_output=True, text=True
        )
        assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and expected in refused.stderr
        assert not folder.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["big-int.json", "huge.json"]
