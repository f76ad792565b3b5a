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

    a1, a2, a3 = article(1, "Austin meets Dong"), article(2, "Talks resume"), article(3, "Allies rally")

    def person(pid, name, country=None, role=None, aliases=()):
        attrs = {"type": "Person", "name": name, "aliases": list(aliases)}
        if country:
            attrs["country"] = country
        if role:
            attrs["role"] = role
        g.add_node(pid, **attrs)

    person("person:lloyd-austin", "Lloyd Austin", "US", "Secretary of Defense", ["Austin"])
    person("person:dong-jun", "Dong Jun", "CN", "Defense Minister")
    person("person:wang-yi", "Wang Yi", "CN", "Foreign Minister")
    person("person:li-qiang", "Li Qiang", "CN", "Premier")  # an official without contacts
    person("person:he-weidong", "He Weidong")  # Chinese only through the PLA
    person("person:antony-blinken", "Antony Blinken", "US", "Secretary of State", ["Blinken"])
    person("person:sergei-lavrov", "Sergei Lavrov", "RU", "Foreign Minister")
    person("person:o-brien", "O'Brien \"the \\ test\" Łódź 习近平", "IE")  # connected to nobody
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

    edge("person:lloyd-austin", "person:dong-jun", "MET_WITH",
         ["Austin met Dong in Singapore.", "Austin and Dong met again."], [a1, a2], dates=["2024-05-31"])
    edge("person:wang-yi", "person:antony-blinken", "MET_WITH", ["Wang Yi met Blinken in Beijing."], [a2])
    edge("person:sergei-lavrov", "person:wang-yi", "MET_WITH", ["Lavrov held talks with Wang Yi."], [a3])
    edge("person:lloyd-austin", "person:wang-yi", "MEETING_REFUSED", ["Wang declined to meet Austin."], [a2])
    edge("person:dong-jun", "organization:pla", "AFFILIATED_WITH", ["Dong Jun, of the PLA, said."], [a1])
    edge("person:he-weidong", "organization:pla", "AFFILIATED_WITH", ["General He Weidong of the PLA."], [a3])
    edge("country:ru", "country:cn", "SUPPORTS", ["Russia supports China's position.", "Moscow backs Beijing."], [a3])
    edge("country:pk", "country:cn", "SUPPORTS", ["Pakistan reaffirmed support for China."], [a3], confidence=0.8)
    edge("country:us", "country:ua", "SUPPORTS", ["The US supports Ukraine."], [a3])
    edge("person:antony-blinken", "country:cn", "VISITED", ["Blinken visited China."], [a2])
    # articles connect people too: a shortest path must not take these shortcuts
    for pid, aid in [("person:lloyd-austin", a1), ("person:dong-jun", a1), ("person:dong-jun", a2),
                     ("person:wang-yi", a2), ("person:antony-blinken", a2), ("person:wang-yi", a3),
                     ("person:sergei-lavrov", a3), ("person:o-brien", a3)]:
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
    rows = loaded("met_with.cypher", name="Austin")  # an alias
    assert rows == [{
        "person": "Lloyd Austin", "met": "Dong Jun", "times": 2,
        "article_ids": ["001_0000000000000001", "002_0000000000000002"],
        "articles": rows[0]["articles"],
    }]
    assert _by_id(rows[0]["articles"]) == [
        {"id": "article:001_0000000000000001", "title": "Austin meets Dong", "url": "https://news.example/1"},
        {"id": "article:002_0000000000000002", "title": "Talks resume", "url": "https://news.example/2"},
    ]
    wang = loaded("met_with.cypher", name="Wang Yi")
    assert [(r["met"], r["times"], r["article_ids"]) for r in wang] == [
        ("Antony Blinken", 1, ["002_0000000000000002"]), ("Sergei Lavrov", 1, ["003_0000000000000003"])]
    assert loaded("met_with.cypher", name="person:li-qiang") == []


def test_met_with_all_pairs_once(loaded):
    rows = loaded("met_with.cypher", name=None)
    pairs = [(frozenset((r["person"], r["met"])), r["times"]) for r in rows]
    assert pairs == [
        (frozenset({"Lloyd Austin", "Dong Jun"}), 2),
        (frozenset({"Antony Blinken", "Wang Yi"}), 1),
        (frozenset({"Sergei Lavrov", "Wang Yi"}), 1),
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
        {"official": "Dong Jun", "role": "Defense Minister", "contacts": [
            {"name": "Lloyd Austin", "country": "US", "relations": ["MET_WITH"], "weight": 2}]},
        {"official": "He Weidong", "role": None, "contacts": []},
        {"official": "Li Qiang", "role": "Premier", "contacts": []},
        {"official": "Wang Yi", "role": "Foreign Minister", "contacts": [
            {"name": "Antony Blinken", "country": "US", "relations": ["MET_WITH"], "weight": 1},
            {"name": "Lloyd Austin", "country": "US", "relations": ["MEETING_REFUSED"], "weight": 1},
            {"name": "Sergei Lavrov", "country": "RU", "relations": ["MET_WITH"], "weight": 1}]},
    ]
    us = loaded("officials_and_contacts.cypher", country="us")
    assert [(r["official"], [c["name"] for c in r["contacts"]]) for r in us] == [
        ("Antony Blinken", ["Wang Yi"]), ("Lloyd Austin", ["Dong Jun", "Wang Yi"])]


def test_shortest_path_avoids_articles(loaded):
    # Via article 002 Blinken and Dong Jun are 2 hops apart; through relations it is 3.
    rows = loaded("shortest_path.cypher", **{"from": "Blinken", "to": "Dong Jun"})
    assert rows == [{
        "names": ["Antony Blinken", "Wang Yi", "Lloyd Austin", "Dong Jun"],
        "ids": ["person:antony-blinken", "person:wang-yi", "person:lloyd-austin", "person:dong-jun"],
        "types": ["MET_WITH", "MEETING_REFUSED", "MET_WITH"],
        "hops": 3,
    }]
    rows = loaded("shortest_path.cypher", **{"from": "person:lloyd-austin", "to": "Sergei Lavrov"})
    assert [(r["names"], r["hops"]) for r in rows] == [(["Lloyd Austin", "Wang Yi", "Sergei Lavrov"], 2)]
    # mentioned in the same article as Lavrov, but not related to anyone
    assert loaded("shortest_path.cypher", **{"from": "O'Brien \"the \\ test\" Łódź 习近平",
                                             "to": "Sergei Lavrov"}) == []


def test_edge_evidence(loaded):
    rows = loaded("edge_evidence.cypher", **{"from": "Dong Jun", "to": "Austin", "type": "MET_WITH"})
    assert len(rows) == 1
    row = rows[0]
    # published and dates are DATE values (they were text before native dates)
    assert native(_by_id(row.pop("articles"))) == [
        {"id": "article:001_0000000000000001", "title": "Austin meets Dong", "url": "https://news.example/1", "published": date(2024, 6, 1)},
        {"id": "article:002_0000000000000002", "title": "Talks resume", "url": "https://news.example/2", "published": date(2024, 6, 2)},
    ]
    assert native(row) == {"source": "Lloyd Austin", "type": "MET_WITH", "target": "Dong Jun",
                           "evidence": ["Austin met Dong in Singapore.", "Austin and Dong met again."],
                           "said_by": ["001_0000000000000001", "002_0000000000000002"], "weight": 2, "confidence": 0.9, "dates": ["2024-05-31"]}
    # every type between two people (no MENTIONED_IN), and a country pair
    rows = loaded("edge_evidence.cypher", **{"from": "Wang Yi", "to": "Lloyd Austin", "type": None})
    assert [(r["source"], r["type"], r["target"], r["evidence"]) for r in rows] == [
        ("Lloyd Austin", "MEETING_REFUSED", "Wang Yi", ["Wang declined to meet Austin."])]
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
