"""The recipes that return nodes, relationships and paths (what Neo4j Browser draws), and date ranges.

Run against the real Bolt test server on the small known graph of test_neo4j_queries.
"""

from __future__ import annotations

from datetime import date

import pytest
from helpers import QUERIES
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from graphbuild.export.neo4j.union import native


@pytest.fixture
def raw(loaded, neo4j_settings, neo4j_clean):  # noqa: F811 - loaded is a fixture
    """Records as the driver returns them (graph objects, not their .data() dicts)."""

    def run(recipe: str, **params):
        records, _, _ = neo4j_clean.execute_query(
            (QUERIES / recipe).read_text(), params, database_=neo4j_settings.database
        )
        return records

    return run


def names(path: GraphPath) -> list[str]:
    return [node["name"] for node in path.nodes]


def test_met_with_graph_returns_paths(raw):
    records = raw("met_with_graph.cypher", name="Tang Lin")
    paths = [r["path"] for r in records]
    assert all(isinstance(p, GraphPath) for p in paths)
    assert sorted(names(p)[1] for p in paths) == ["Adrian Kessel", "Stepan Kalinin"]
    assert all(names(p)[0] == "Tang Lin" and p.relationships[0].type == "MET_WITH" for p in paths)
    every = raw("met_with_graph.cypher", name=None)
    assert len(every) == 3  # each meeting once
    pickett = raw("met_with_graph.cypher", name="Pickett")[0]["path"].relationships[0]
    assert native(pickett["dates"]) == ["2024-05-31"] and native(pickett["date_starts"]) == [date(2024, 5, 31)]
    assert pickett["weight"] == 2


def test_supporters_of_country_graph(raw):
    paths = [r["path"] for r in raw("supporters_of_country_graph.cypher", country="PRC")]
    assert [names(p) for p in paths] == [["Russia", "China"], ["Pakistan", "China"]]
    assert [p.relationships[0]["weight"] for p in paths] == [2, 1]


def test_officials_and_contacts_graph(raw):
    rows = {r["official"]["name"]: r for r in raw("officials_and_contacts_graph.cypher", country="China")}
    assert sorted(rows) == ["Duan Peng", "He Zhenyu", "Qiao Ming", "Tang Lin"]
    assert all(isinstance(r["country"], Node) and r["country"]["name"] == "China" for r in rows.values())
    tang = rows["Tang Lin"]
    assert sorted(names(p)[-1] for p in tang["contacts"]) == ["Adrian Kessel", "Lowell Pickett", "Stepan Kalinin"]
    assert {p.relationships[0].type for p in tang["contacts"]} == {"MET_WITH", "MEETING_REFUSED"}
    # He Zhenyu is Chinese only through the PLA: the affiliation path shows why
    assert [names(p) for p in rows["He Zhenyu"]["affiliations"]] == [["He Zhenyu", "People's Liberation Army"]]
    assert rows["Qiao Ming"]["contacts"] == [] and rows["Qiao Ming"]["affiliations"] == []


def test_shortest_path_graph_avoids_articles(raw):
    records = raw("shortest_path_graph.cypher", **{"from": "Kessel", "to": "Duan Peng"})
    path = records[0]["path"]
    assert names(path) == ["Adrian Kessel", "Tang Lin", "Lowell Pickett", "Duan Peng"]
    assert all(isinstance(r, Relationship) for r in path.relationships)
    assert (
        raw("shortest_path_graph.cypher", **{"from": 'O\'Brien "the \\ test" Łódź 周彦明', "to": "Stepan Kalinin"})
        == []
    )


def test_edge_evidence_graph_draws_the_relation_and_its_articles(raw):
    records = raw("edge_evidence_graph.cypher", **{"from": "Duan Peng", "to": "Pickett", "type": "MET_WITH"})
    assert len(records) == 1
    relation, sources = records[0]["relation"], records[0]["sources"]
    assert relation.relationships[0]["evidence"] == ["Pickett met Duan in Singapore.", "Pickett and Duan met again."]
    articles = {p.end_node["title"] for p in sources}
    assert articles == {"Pickett meets Duan", "Talks resume"}
    assert {p.start_node["name"] for p in sources} == {"Lowell Pickett", "Duan Peng"}


def test_meetings_in_period_compares_native_dates(raw):
    may = [
        (r["person"], r["met"], native(r["dates"]))
        for r in raw("meetings_in_period.cypher", since="2024-05-01", until="2024-05-31")
    ]
    assert may == [("Lowell Pickett", "Duan Peng", ["2024-05-31"])]
    # undated meetings count by the days they were reported (first_seen..last_seen)
    june = [(r["person"], r["met"]) for r in raw("meetings_in_period.cypher", since="2024-06-02", until="2024-06-30")]
    assert sorted(june) == [("Stepan Kalinin", "Tang Lin"), ("Tang Lin", "Adrian Kessel")]
    assert isinstance(raw("meetings_in_period.cypher", since="2024-05-01", until="2024-05-31")[0]["path"], GraphPath)


def test_stored_dates_are_dates(loaded, neo4j_settings, neo4j_clean):  # noqa: F811 - loaded is a fixture
    def query(cypher):
        records, _, _ = neo4j_clean.execute_query(cypher, database_=neo4j_settings.database)
        return [r.data() for r in records]

    titles = query("MATCH (a:Article) WHERE a.published >= date('2024-06-02') RETURN a.title AS t ORDER BY t")
    assert titles == [{"t": "Allies rally"}, {"t": "Talks resume"}]
    seen = query(
        "MATCH ()-[r:MET_WITH]->() WHERE r.first_seen < date('2024-06-01') RETURN r.first_seen AS f, r.last_seen AS l"
    )
    assert native(seen) == [{"f": date(2024, 5, 31), "l": date(2024, 6, 2)}]
    assert query("MATCH (a:Article) WHERE a.published = '2024-06-01' RETURN count(a) AS c") == [
        {"c": 0}
    ]  # no text left
