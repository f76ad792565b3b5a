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
