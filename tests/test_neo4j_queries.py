"""Every Cypher recipe in queries/ runs against a real Bolt server on a small known graph."""

from __future__ import annotations

import re
from datetime import date

import pytest
from helpers import QUERIES

from graphbuild.export.neo4j.union import native


def _by_id(articles):
    return sorted(articles, key=lambda a: a["id"])


# --------------------------------------------------------------------------- #


def test_met_with_for_a_person(loaded):
    rows = loaded("met_with.cypher", name="Pickett")  # an alias
    assert rows == [
        {
            "person": "Lowell Pickett",
            "met": "Duan Peng",
            "times": 2,
            "article_ids": ["001_0000000000000001", "002_0000000000000002"],
            "articles": rows[0]["articles"],
        }
    ]
    assert _by_id(rows[0]["articles"]) == [
        {"id": "article:001_0000000000000001", "title": "Pickett meets Duan", "url": "https://news.example/1"},
        {"id": "article:002_0000000000000002", "title": "Talks resume", "url": "https://news.example/2"},
    ]
    tang = loaded("met_with.cypher", name="Tang Lin")
    assert [(r["met"], r["times"], r["article_ids"]) for r in tang] == [
        ("Adrian Kessel", 1, ["002_0000000000000002"]),
        ("Stepan Kalinin", 1, ["003_0000000000000003"]),
    ]
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
        {
            "supporter": "Russia",
            "iso_code": "RU",
            "weight": 2,
            "confidence": 0.9,
            "evidence": ["Russia supports China's position.", "Moscow backs Beijing."],
            "articles": ["003_0000000000000003"],
        },
        {
            "supporter": "Pakistan",
            "iso_code": "PK",
            "weight": 1,
            "confidence": 0.8,
            "evidence": ["Pakistan reaffirmed support for China."],
            "articles": ["003_0000000000000003"],
        },
    ]
    assert loaded("supporters_of_country.cypher", country="Russia") == []


def test_officials_and_contacts(loaded):
    rows = loaded("officials_and_contacts.cypher", country="China")
    assert rows == [
        {
            "official": "Duan Peng",
            "role": "Defense Minister",
            "contacts": [{"name": "Lowell Pickett", "country": "US", "relations": ["MET_WITH"], "weight": 2}],
        },
        {"official": "He Zhenyu", "role": None, "contacts": []},
        {"official": "Qiao Ming", "role": "Premier", "contacts": []},
        {
            "official": "Tang Lin",
            "role": "Foreign Minister",
            "contacts": [
                {"name": "Adrian Kessel", "country": "US", "relations": ["MET_WITH"], "weight": 1},
                {"name": "Lowell Pickett", "country": "US", "relations": ["MEETING_REFUSED"], "weight": 1},
                {"name": "Stepan Kalinin", "country": "RU", "relations": ["MET_WITH"], "weight": 1},
            ],
        },
    ]
    us = loaded("officials_and_contacts.cypher", country="us")
    assert [(r["official"], [c["name"] for c in r["contacts"]]) for r in us] == [
        ("Adrian Kessel", ["Tang Lin"]),
        ("Lowell Pickett", ["Duan Peng", "Tang Lin"]),
    ]


def test_shortest_path_avoids_articles(loaded):
    # Via article 002 Kessel and Duan Peng are 2 hops apart; through relations it is 3.
    rows = loaded("shortest_path.cypher", **{"from": "Kessel", "to": "Duan Peng"})
    assert rows == [
        {
            "names": ["Adrian Kessel", "Tang Lin", "Lowell Pickett", "Duan Peng"],
            "ids": ["person:adrian-kessel", "person:tang-lin", "person:lowell-pickett", "person:duan-peng"],
            "types": ["MET_WITH", "MEETING_REFUSED", "MET_WITH"],
            "hops": 3,
        }
    ]
    rows = loaded("shortest_path.cypher", **{"from": "person:lowell-pickett", "to": "Stepan Kalinin"})
    assert [(r["names"], r["hops"]) for r in rows] == [(["Lowell Pickett", "Tang Lin", "Stepan Kalinin"], 2)]
    # mentioned in the same article as Kalinin, but not related to anyone
    assert (
        loaded("shortest_path.cypher", **{"from": 'O\'Brien "the \\ test" Łódź 周彦明', "to": "Stepan Kalinin"}) == []
    )


def test_edge_evidence(loaded):
    rows = loaded("edge_evidence.cypher", **{"from": "Duan Peng", "to": "Pickett", "type": "MET_WITH"})
    assert len(rows) == 1
    row = rows[0]
    # published and dates are DATE values (they were text before native dates)
    assert native(_by_id(row.pop("articles"))) == [
        {
            "id": "article:001_0000000000000001",
            "title": "Pickett meets Duan",
            "url": "https://news.example/1",
            "published": date(2024, 6, 1),
        },
        {
            "id": "article:002_0000000000000002",
            "title": "Talks resume",
            "url": "https://news.example/2",
            "published": date(2024, 6, 2),
        },
    ]
    assert native(row) == {
        "source": "Lowell Pickett",
        "type": "MET_WITH",
        "target": "Duan Peng",
        "evidence": ["Pickett met Duan in Singapore.", "Pickett and Duan met again."],
        "said_by": ["001_0000000000000001", "002_0000000000000002"],
        "weight": 2,
        "confidence": 0.9,
        "dates": ["2024-05-31"],
    }
    # every type between two people (no MENTIONED_IN), and a country pair
    rows = loaded("edge_evidence.cypher", **{"from": "Tang Lin", "to": "Lowell Pickett", "type": None})
    assert [(r["source"], r["type"], r["target"], r["evidence"]) for r in rows] == [
        ("Lowell Pickett", "MEETING_REFUSED", "Tang Lin", ["Tang declined to meet Pickett."])
    ]
    rows = loaded("edge_evidence.cypher", **{"from": "Pakistan", "to": "PRC", "type": "SUPPORTS"})
    assert [(r["evidence"], [a["title"] for a in r["articles"]]) for r in rows] == [
        (["Pakistan reaffirmed support for China."], ["Allies rally"])
    ]
    assert loaded("edge_evidence.cypher", **{"from": "Pakistan", "to": "PRC", "type": "MET_WITH"}) == []


# --------------------------------------------------------------------------- #

TESTED = {
    "met_with.cypher",
    "supporters_of_country.cypher",
    "officials_and_contacts.cypher",
    "shortest_path.cypher",
    "edge_evidence.cypher",
    # tests/test_neo4j_graph_queries.py
    "met_with_graph.cypher",
    "supporters_of_country_graph.cypher",
    "officials_and_contacts_graph.cypher",
    "shortest_path_graph.cypher",
    "edge_evidence_graph.cypher",
    "meetings_in_period.cypher",
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
