"""Every evidence item names its article, its sentence and where that sentence is in the article's text —
in the graph, in every file format and in Neo4j; and a dated meeting is found by a date-range query."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from helpers import _query
from resolver_input import extraction, mention

from graphbuild.export import write_graph
from graphbuild.export.neo4j import export_with_settings
from graphbuild.export.neo4j.union import native
from graphbuild.models import Relation
from graphbuild.pipeline import build_graph_from_sources
from graphbuild.read import iter_articles
from graphbuild.relation_types import RelationTypes, builtin_relation_types
from graphbuild.resolve import resolve

QUERIES = Path(__file__).resolve().parent.parent / "queries"
# Invented news: a dateline, a paragraph that starts with spaces, affiliations from titles, a dated meeting.
FEED = [
    {
        "id": "oslo-talks",
        "published": "2024-04-30",
        "title": "Fisheries talks",
        "text": "OSLO (AP) — Chilean Foreign Minister Alba Ferrer met Norwegian Foreign Minister Lea Sandvik in Oslo in "
        "mid-April, their first talks since the dispute began in 2022.\n\n"
        "   Chile has pledged support for Norway's bid to host the fisheries council, Ferrer said.\n"
        "Sandvik thanked her.",
    },
    {
        "id": "lisbon-meeting",
        "published": "2024-05-20",
        "text": "Peruvian Trade Minister Renzo Berg visited Lisbon on Monday.\n"
        "Berg met Portuguese Economy Minister Rita Sousa, who called the talks useful.",
    },
]


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("prov") / "feed.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in FEED), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graph(feed, nlp) -> nx.MultiDiGraph:
    return build_graph_from_sources([feed])


@pytest.fixture(scope="module")
def texts(feed) -> dict[str, str]:
    return {a.id: a.text for a in iter_articles([feed])}


def relation_edges(graph):
    return [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] != "MENTIONED_IN"]


def test_every_item_is_its_articles_sentence_at_its_offsets(graph, texts):
    edges = relation_edges(graph)
    assert {d["type"] for *_, d in edges} >= {"MET_WITH", "AFFILIATED_WITH"}
    for u, v, d in edges:
        assert d["articles"] == sorted({item["article"] for item in d["evidence"]})
        for item in d["evidence"]:
            text = texts[item["article"]]
            passage = text[item["start"] : item["end"]]
            if " … " in item["sentence"]:  # a meeting a companion shares: both sentences, the passage spans them
                assert all(part in passage for part in item["sentence"].split(" … ")), (u, v, item)
            else:
                assert passage == item["sentence"], (u, v, item)


def test_an_indented_paragraph_after_a_dateline_keeps_true_offsets(graph, texts):
    supports = [d for u, v, d in relation_edges(graph) if d["type"] == "SUPPORTS"]
    assert supports, "the invented pledge of support was not read"
    item = supports[0]["evidence"][0]
    assert (
        item["sentence"].startswith("Chile has pledged")
        and texts["oslo-talks"][item["start"] - 3 : item["start"]] == "   "
    )


def test_the_meeting_is_dated_by_its_own_phrase_with_its_precision(graph):
    met = graph.edges["person:alba-ferrer", "person:lea-sandvik", "MET_WITH"]
    assert met["dates"] == ["2024-04-11/2024-04-20"]  # mid-April, not the 2022 of the dispute


def test_every_file_format_carries_the_items(graph, tmp_path):
    expected = {(u, v, d["type"]): d["evidence"] for u, v, d in relation_edges(graph)}
    write_graph(graph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text("utf-8"))
    assert {
        (e["source"], e["target"], e["type"]): e["evidence"] for e in data["edges"] if e["type"] != "MENTIONED_IN"
    } == expected
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        write_graph(graph, tmp_path / f"g{suffix}")
        back = read(tmp_path / f"g{suffix}")  # another tool's reader: one JSON-encoded attribute per edge
        found = {
            (u, v, d.get("type") or d.get("label")): json.loads(d["evidence"])
            for u, v, d in back.edges(data=True)
            if "evidence" in d
        }
        assert found == expected, suffix


def test_neo4j_stores_the_items_as_lists_in_the_same_order(graph, neo4j_settings, neo4j_clean):
    export_with_settings(graph, neo4j_settings)
    rows = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' RETURN a.id AS a, b.id AS b, type(r) AS t, "
        "r.evidence_articles AS articles, r.evidence AS sentences, r.evidence_starts AS starts, r.evidence_ends AS ends",
    )
    stored = {
        (r["a"], r["b"], r["t"]): list(zip(r["articles"], r["sentences"], r["starts"], r["ends"], strict=False))
        for r in rows
    }
    assert stored == {
        (u, v, d["type"]): [(i["article"], i["sentence"], i["start"], i["end"]) for i in d["evidence"]]
        for u, v, d in relation_edges(graph)
    }
    # which article said which sentence, in Cypher
    said = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:alba-ferrer'})-[r:MET_WITH]->() "
        "UNWIND range(0, size(r.evidence) - 1) AS i "
        "MATCH (a:Article {article_id: r.evidence_articles[i]}) RETURN a.title AS title, r.evidence[i] AS sentence",
    )
    assert [row["title"] for row in said] == ["Fisheries talks"]


def test_a_date_range_query_finds_a_meeting_dated_mid_april(graph, neo4j_settings, neo4j_clean):
    export_with_settings(graph, neo4j_settings)
    cypher = (QUERIES / "meetings_in_period.cypher").read_text("utf-8")

    def met(since: str, until: str) -> list[tuple]:
        records, _, _ = neo4j_clean.execute_query(
            cypher, {"since": since, "until": until}, database_=neo4j_settings.database
        )
        return sorted((r["person"], r["met"], tuple(r["dates"])) for r in records)

    mid_april = ("Alba Ferrer", "Lea Sandvik", ("2024-04-11/2024-04-20",))
    assert mid_april in met("2024-04-15", "2024-04-16")  # inside the period
    assert mid_april in met("2024-04-01", "2024-04-11")  # overlapping its first day
    assert mid_april not in met("2024-04-21", "2024-05-31")  # after it (the article came out on the 30th)
    stored = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:alba-ferrer'})-[r:MET_WITH]->() RETURN r.date_starts AS s, r.date_ends AS e",
    )
    assert native(stored) == [{"s": [date(2024, 4, 11)], "e": [date(2024, 4, 20)]}]


def test_a_meeting_a_companion_shares_cites_both_sentences_and_the_passage_between():
    text = "Ferrer flew to Oslo with her deputy Emilio Serra. The next day Ferrer met Sandvik."
    first, second = text.split(". ")
    first += "."
    ferrer = mention("a", 0, "Person", "Alba Ferrer", country="CL", evidence="title", sentence=first)
    serra = mention("a", text.index("Emilio"), "Person", "Emilio Serra", sentence=first)
    sandvik = mention(
        "a", text.index("Sandvik"), "Person", "Lea Sandvik", country="NO", evidence="title", sentence=second
    )
    relations = (
        Relation(
            type="ACCOMPANIED_BY",
            source=ferrer.id,
            target=serra.id,
            article_id="a",
            evidence=first,
            evidence_start=0,
            evidence_end=len(first),
            confidence=0.8,
        ),
        Relation(
            type="MET_WITH",
            source=sandvik.id,
            target=ferrer.id,
            article_id="a",
            evidence=second,
            evidence_start=text.index(second),
            evidence_end=len(text),
            confidence=0.9,
        ),
    )
    builtin = builtin_relation_types()  # the built-in companionship shares nothing; a --rules file may say it does
    sharing = RelationTypes(
        spec.model_copy(update={"shares": ("MET_WITH",)}) if spec.name == "ACCOMPANIED_BY" else spec
        for spec in builtin.values()
    )
    article = extraction("a", ferrer, serra, sandvik, relations=relations)
    assert not [
        r
        for r in resolve([article], types=builtin).relations
        if "person:emilio-serra" in (r.source, r.target) and r.type == "MET_WITH"
    ]
    resolution = resolve([article], types=sharing)
    [shared] = [
        r for r in resolution.relations if r.type == "MET_WITH" and "person:emilio-serra" in (r.source, r.target)
    ]
    assert (shared.source, shared.target) == (
        "person:emilio-serra",
        "person:lea-sandvik",
    )  # a symmetric pair, smaller id first
    assert shared.evidence == f"{second} … {first}"
    assert (
        text[shared.evidence_start : shared.evidence_end] == text
    )  # the passage from the first sentence to the second
