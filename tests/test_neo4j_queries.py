"""Every Cypher recipe in queries/ runs against a real Bolt server on a small known graph."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.export.neo4j import export_with_settings
from graphbuild.export.neo4j.union import native

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def known_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def article(i: int, title: str) -> str:
        # as graphbuild.graph builds them: node id "article:<id>", relationships list the bare "<id>"
        aid = f"{i:03d}_{i:016x}"
        g.add_node(f"article:{aid}", type="Article", article_id=aid, name=title, title=title,
                   url=f"https://news.example/{i}", aliases=[], published=f"2024-06-0{i}")
        return aid

    a1, a2, a3 = article(1, "Pickett meets Duan"), article(2, "Talks resume"), article(3, "Allies rally")

    def person(pid, name, country=None, role=None, aliases=()):
        attrs = {"type": "Person", "name": name, "aliases": list(aliases)}
        if country:
            attrs["country"] = country
        if role:
            attrs["role"] = role
        g.add_node(pid, **attrs)

    person("person:lowell-pickett", "Lowell Pickett", "US", "Secretary of Defense", ["Pickett"])
    person("person:duan-peng", "Duan Peng", "CN", "Defense Minister")
    person("person:tang-lin", "Tang Lin", "CN", "Foreign Minister")
    person("person:qiao-ming", "Qiao Ming", "CN", "Premier")  # an official without contacts
    person("person:he-zhenyu", "He Zhenyu")  # Chinese only through the PLA
    person("person:adrian-kessel", "Adrian Kessel", "US", "Secretary of State", ["Kessel"])
    person("person:stepan-kalinin", "Stepan Kalinin", "RU", "Foreign Minister")
    person("person:o-brien", "O'Brien \"the \\ test\" Łódź 周彦明", "IE")  # connected to nobody
    for iso, name, aliases in [("US", "United States", ["USA", "U.S."]), ("CN", "China", ["PRC"]),
                               ("RU", "Russia", []), ("PK", "Pakistan", []), ("UA", "Ukraine", [])]:
        g.add_node(f"country:{iso.lower()}", type="Country", name=name, iso_code=iso, aliases=aliases)
    g.add_node("organization:pla", type="Organization", name="People's Liberation Army", country="CN",
               aliases=["PLA"])

    def edge(u, v, rel, evidence, articles, weight=None, confidence=0.9, **extra):
        items = [{"article": articles[min(i, len(articles) - 1)], "sentence": s}
                 for i, s in enumerate(evidence)]
        g.add_edge(u, v, key=rel, type=rel, weight=weight or len(evidence), evidence=items, articles=articles,
                   confidence=confidence, **extra)

    edge("person:lowell-pickett", "person:duan-peng", "MET_WITH",
         ["Pickett met Duan in Singapore.", "Pickett and Duan met again."], [a1, a2], dates=["2024-05-31"])
    edge("person:tang-lin", "person:adrian-kessel", "MET_WITH", ["Tang Lin met Kessel in Beijing."], [a2])
    edge("person:stepan-kalinin", "person:tang-lin", "MET_WITH", ["Kalinin held talks with Tang Lin."], [a3])
    edge("person:lowell-pickett", "person:tang-lin", "MEETING_REFUSED", ["Tang declined to meet Pickett."], [a2])
    edge("person:duan-peng", "organization:pla", "AFFILIATED_WITH", ["Duan Peng, of the PLA, said."], [a1])
    edge("person:he-zhenyu", "organization:pla", "AFFILIATED_WITH", ["General He Zhenyu of the PLA."], [a3])
    edge("country:ru", "country:cn", "SUPPORTS", ["Russia supports China's position.", "Moscow backs Beijing."], [a3])
    edge("country:pk", "country:cn", "SUPPORTS", ["Pakistan reaffirmed support for China."], [a3], confidence=0.8)
    edge("country:us", "country:ua", "SUPPORTS", ["The US supports Ukraine."], [a3])
    edge("person:adrian-kessel", "country:cn", "VISITED", ["Kessel visited China."], [a2])
    # articles connect people too: a shortest path must not take these shortcuts
    for pid, aid in [("person:lowell-pickett", a1), ("person:duan-peng", a1), ("person:duan-peng", a2),
                     ("person:tang-lin", a2), ("person:adrian-kessel", a2), ("person:tang-lin", a3),
                     ("person:stepan-kalinin", a3), ("person:o-brien", a3)]:
        edge(pid, f"article:{aid}", "MENTIONED_IN", [], [aid], weight=1)
    return g


@pytest.fixture
def loaded(neo4j_settings, neo4j_clean):
    export_with_settings(known_graph(), neo4j_settings)

    def run(recipe: str, **params):
        records, _, _ = neo4j_clean.execute_query(
            (QUERIES / recipe).read_text(), params, database_=neo4j_settings.database)
        return [r.data() for r in records]

    return run


def _by_id(articles):
    return sorted(articles, key=lambda a: a["id"])


# --------------------------------------------------------------------------- #


def test_met_with_for_a_person(loaded):
    rows = loaded("met_with.cypher", name="Pickett")  # an alias
    assert rows == [{
        "person": "Lowell Pickett", "met": "Duan Peng", "times": 2,
        "article_ids": ["001_0000000000000001", "002_0000000000000002"],
        "articles": rows[0]["articles"],
    }]
    assert _by_id(rows[0]["articles"]) == [
        {"id": "article:001_0000000000000001", "title": "Pickett meets Duan", "url": "https://news.example/1"},
        {"id": "article:002_0000000000000002", "title": "Talks resume", "url": "https://news.example/2"},
    ]
    tang = loaded("met_with.cypher", name="Tang Lin")
    assert [(r["met"], r["times"], r["article_ids"]) for r in tang] == [
        ("Adrian Kessel", 1, ["002_0000000000000002"]), ("Stepan Kalinin", 1, ["003_0000000000000003"])]
    assert loaded("met_with.cypher", name="person:qiao-ming") == []


def test_met_with_all_pairs_once(loaded):
    rows = loaded("met_with.cypher", name=None)
    pairs = [(frozenset((r["person"], r["met"])), r["times"]) for r in rows]
    assert pairs == [
        (frozenset({"Lowell Pickett", "Duan Peng"}), 2),
        (frozenset({"Adrian Kessel", "Tang Lin"}), 1),
        (frozenset({"Stepan Kalinin", "Tang Lin"}), 1),
    ]


@pytest.mark.parametrize("country", ["China", "PRC", "cn", "CN", "country:cn"])
def test_supporters_of_country(loaded, country):
    rows = loaded("supporters_of_country.cypher", country=country)
    assert rows == [
        {"supporter": "Russia", "iso_code": "RU", "weight": 2, "confidence": 0.9,
         "evidence": ["Russia supports China's position.", "Moscow backs Beijing."], "articles": ["003_0000000000000003"]},
        {"supporter": "Pakistan", "iso_code": "PK", "weight": 1, "confidence": 0.8,
         "evidence": ["Pakistan reaffirmed support for China."], "articles": ["003_0000000000000003"]},
    ]
    assert loaded("supporters_of_country.cypher", country="Russia") == []


def test_officials_and_contacts(loaded):
    rows = loaded("officials_and_contacts.cypher", country="China")
    assert rows == [
        {"official": "Duan Peng", "role": "Defense Minister", "contacts": [
            {"name": "Lowell Pickett", "country": "US", "relations": ["MET_WITH"], "weight": 2}]},
        {"official": "He Zhenyu", "role": None, "contacts": []},
        {"official": "Qiao Ming", "role": "Premier", "contacts": []},
        {"official": "Tang Lin", "role": "Foreign Minister", "contacts": [
            {"name": "Adrian Kessel", "country": "US", "relations": ["MET_WITH"], "weight": 1},
            {"name": "Lowell Pickett", "country": "US", "relations": ["MEETING_REFUSED"], "weight": 1},
            {"name": "Stepan Kalinin", "country": "RU", "relations": ["MET_WITH"], "weight": 1}]},
    ]
    us = loaded("officials_and_contacts.cypher", country="us")
    assert [(r["official"], [c["name"] for c in r["contacts"]]) for r in us] == [
        ("Adrian Kessel", ["Tang Lin"]), ("Lowell Pickett", ["Duan Peng", "Tang Lin"])]


def test_shortest_path_avoids_articles(loaded):
    # Via article 002 Kessel and Duan Peng are 2 hops apart; through relations it is 3.
    rows = loaded("shortest_path.cypher", **{"from": "Kessel", "to": "Duan Peng"})
    assert rows == [{
        "names": ["Adrian Kessel", "Tang Lin", "Lowell Pickett", "Duan Peng"],
        "ids": ["person:adrian-kessel", "person:tang-lin", "person:lowell-pickett", "person:duan-peng"],
        "types": ["MET_WITH", "MEETING_REFUSED", "MET_WITH"],
        "hops": 3,
    }]
    rows = loaded("shortest_path.cypher", **{"from": "person:lowell-pickett", "to": "Stepan Kalinin"})
    assert [(r["names"], r["hops"]) for r in rows] == [(["Lowell Pickett", "Tang Lin", "Stepan Kalinin"], 2)]
    # mentioned in the same article as Kalinin, but not related to anyone
    assert loaded("shortest_path.cypher", **{"from": "O'Brien \"the \\ test\" Łódź 周彦明",
                                             "to": "Stepan Kalinin"}) == []


def test_edge_evidence(loaded):
    rows = loaded("edge_evidence.cypher", **{"from": "Duan Peng", "to": "Pickett", "type": "MET_WITH"})
    assert len(rows) == 1
    row = rows[0]
    # published and dates are DATE values (they were text before native dates)
    assert native(_by_id(row.pop("articles"))) == [
        {"id": "article:001_0000000000000001", "title": "Pickett meets Duan", "url": "https://news.example/1", "published": date(2024, 6, 1)},
        {"id": "article:002_0000000000000002", "title": "Talks resume", "url": "https://news.example/2", "published": date(2024, 6, 2)},
    ]
    assert native(row) == {"source": "Lowell Pickett", "type": "MET_WITH", "target": "Duan Peng",
                           "evidence": ["Pickett met Duan in Singapore.", "Pickett and Duan met again."],
                           "said_by": ["001_0000000000000001", "002_0000000000000002"], "weight": 2, "confidence": 0.9, "dates": ["2024-05-31"]}
    # every type between two people (no MENTIONED_IN), and a country pair
    rows = loaded("edge_evidence.cypher", **{"from": "Tang Lin", "to": "Lowell Pickett", "type": None})
    assert [(r["source"], r["type"], r["target"], r["evidence"]) for r in rows] == [
        ("Lowell Pickett", "MEETING_REFUSED", "Tang Lin", ["Tang declined to meet Pickett."])]
    rows = loaded("edge_evidence.cypher", **{"from": "Pakistan", "to": "PRC", "type": "SUPPORTS"})
    assert [(r["evidence"], [a["title"] for a in r["articles"]]) for r in rows] == [
        (["Pakistan reaffirmed support for China."], ["Allies rally"])]
    assert loaded("edge_evidence.cypher", **{"from": "Pakistan", "to": "PRC", "type": "MET_WITH"}) == []


# --------------------------------------------------------------------------- #

TESTED = {
    "met_with.cypher", "supporters_of_country.cypher", "officials_and_contacts.cypher",
    "shortest_path.cypher", "edge_evidence.cypher",
    # tests/test_neo4j_graph_queries.py
    "met_with_graph.cypher", "supporters_of_country_graph.cypher", "officials_and_contacts_graph.cypher",
    "shortest_path_graph.cypher", "edge_evidence_graph.cypher", "meetings_in_period.cypher",
}


def test_every_recipe_is_tested():
    assert {p.name for p in QUERIES.glob("*.cypher")} == TESTED


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.cypher")), ids=lambda p: p.name)
def test_recipe_documents_its_parameters(path):
    text = path.read_text()
    header = "\n".join(line for line in text.splitlines() if line.startswith("//"))
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    params = set(re.findall(r"\$(\w+)", body))
    assert params, f"{path.name} takes no parameters?"
    assert "Parameters:" in header
    for name in params:
        assert f"${name}" in header, f"{path.name}: ${name} is not documented in the header comment"
    assert path.name in (QUERIES / "README.md").read_text()
