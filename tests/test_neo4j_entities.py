"""The :Entity label and its indexes, DATE values, and the client-side union, against the real Bolt test server."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from helpers import _edge, _query, news_graph

from graphbuild.export.neo4j import Neo4jExportError, export_with_settings
from graphbuild.export.neo4j.union import merged_properties, native


def test_entities_get_the_entity_label_and_its_indexes(neo4j_settings, neo4j_clean):
    summary = export_with_settings(news_graph(3), neo4j_settings)
    labelled = _query(neo4j_clean, neo4j_settings, "MATCH (n:Entity) RETURN n.id AS id ORDER BY id")
    assert [r["id"] for r in labelled] == [
        "country:cn",
        "country:us",
        "organization:us-department-of-defense",
        "person:adrian-kessel",
        "person:duan-peng",
        "person:lowell-pickett",
    ]
    assert _query(neo4j_clean, neo4j_settings, "MATCH (a:Article:Entity) RETURN count(a) AS c") == [{"c": 0}]
    assert _query(neo4j_clean, neo4j_settings, "MATCH (n:Entity {name: 'Duan Peng'}) RETURN n.id AS id") == [
        {"id": "person:duan-peng"}
    ]
    indexes = {i["name"]: i for i in _query(neo4j_clean, neo4j_settings, "SHOW INDEXES")}
    assert indexes["entity_name"]["labelsOrTypes"] == ["Entity"] and indexes["entity_name"]["properties"] == ["name"]
    assert indexes["article_published"]["properties"] == ["published"]
    if "arcadedb" in summary.server.lower():
        # documented fallback: ArcadeDB has no full-text indexes over Bolt
        assert summary.indexes_skipped == ["entity_names_fulltext"]
    else:
        assert "entity_names_fulltext" in summary.indexes and summary.indexes_skipped == []
        hits = _query(
            neo4j_clean,
            neo4j_settings,
            "CALL db.index.fulltext.queryNodes('entity_names_fulltext', 'Pickett') YIELD node RETURN node.id AS id",
        )
        assert {"id": "person:lowell-pickett"} in hits
    assert {"entity_name", "article_published"} <= set(summary.indexes)


def test_labels_are_exact(neo4j_settings, neo4j_clean):
    export_with_settings(news_graph(2), neo4j_settings)
    rows = _query(neo4j_clean, neo4j_settings, "MATCH (n) RETURN n.id AS id, labels(n) AS labels")
    labels = {r["id"]: sorted(r["labels"]) for r in rows}
    assert labels["person:duan-peng"] == ["Entity", "Person"]
    assert labels["country:us"] == ["Country", "Entity"]
    assert all(kinds == ["Article"] for i, kinds in labels.items() if i.startswith("article:"))


def test_dates_written_as_text_by_an_older_export_become_dates(neo4j_settings, neo4j_clean):
    g = news_graph(2)
    export_with_settings(g, neo4j_settings)
    # what a graphbuild before native dates left behind
    neo4j_clean.execute_query(
        "MATCH (:Person {id: 'person:lowell-pickett'})-[r:MET_WITH]->() SET r.dates = ['2024-02-20'] "
        "REMOVE r.first_seen, r.last_seen",
        database_=neo4j_settings.database,
    )
    summary = export_with_settings(g, neo4j_settings)
    met = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:lowell-pickett'})-[r:MET_WITH]->() "
        "RETURN r.dates AS d, r.first_seen AS f, r.last_seen AS l",
    )
    assert native(met) == [{"d": ["2024-02-20", "2024-03-01"], "f": date(2024, 3, 1), "l": date(2024, 3, 1)}]
    assert summary.relationships_written == 1  # only the relationship that needed it


def test_re_export_writes_only_what_changes(neo4j_settings, neo4j_clean):
    small, large = news_graph(2), news_graph(3)
    first = export_with_settings(small, neo4j_settings)
    assert first.relationships_written == first.relationships_created == small.number_of_edges()
    again = export_with_settings(small, neo4j_settings, batch_size=2)
    assert (again.relationships_created, again.relationships_written) == (0, 0)
    grown = export_with_settings(large, neo4j_settings)
    # 3 new relationships, plus MET_WITH which gained a sentence, an article and a date
    assert (grown.relationships_created, grown.relationships_written) == (3, 4)


def test_long_evidence_lists_are_unioned_exactly(neo4j_settings, neo4j_clean):
    """A hub relationship with thousands of sentences (the case that was quadratic)."""

    def graph(sentences):
        g = nx.MultiDiGraph()
        g.add_node("country:aa", type="Country", name="Aland", iso_code="AA", aliases=[])
        g.add_node("country:bb", type="Country", name="Bland", iso_code="BB", aliases=[])
        _edge(
            g,
            "country:aa",
            "country:bb",
            "SUPPORTS",
            evidence=[f"Sentence {i}." for i in sentences],
            articles=[f"{i:05d}" for i in sentences],
        )
        return g

    export_with_settings(graph(range(0, 3000)), neo4j_settings)
    summary = export_with_settings(graph(range(2000, 5000)), neo4j_settings)
    assert summary.relationships_written == 1
    rel = _query(
        neo4j_clean, neo4j_settings, "MATCH ()-[r:SUPPORTS]->() RETURN r.evidence AS e, r.articles AS a, r.weight AS w"
    )
    assert rel[0]["e"] == [f"Sentence {i}." for i in range(5000)]  # stored first, then the new ones, no repeats
    assert rel[0]["a"] == [f"{i:05d}" for i in range(5000)] and rel[0]["w"] == 5000


def test_union_rules():
    row = {
        "weight": 1,
        "confidence": 0.5,
        "props": {"note": "new"},
        "evidence": [("2", "b", 10, 20), ("2", "c", 30, 40)],
        "articles": ["2"],
        "dates": ["2024-01-05", "2024-02-11/2024-02-20"],
        "copies": {},
        "first_seen": date(2024, 1, 5),
        "last_seen": date(2024, 2, 20),
    }
    stored = [
        {
            "evidence": ["a", "b"],
            "evidence_articles": ["1", "1"],
            "evidence_starts": [0, 5],
            "evidence_ends": [4, 9],
            "articles": ["1"],
            "dates": [date(2024, 1, 1)],
            "weight": 7,
            "confidence": 0.9,  # a DATE: an older export's
            "first_seen": date(2024, 1, 1),
            "last_seen": date(2024, 1, 9),
            "note": "old",
        }
    ]
    assert merged_properties(row, stored) == {
        "note": "new",
        "evidence": ["a", "b", "b", "c"],
        "evidence_articles": ["1", "1", "2", "2"],
        "evidence_starts": [0, 5, 10, 30],
        "evidence_ends": [4, 9, 20, 40],
        "articles": ["1", "2"],
        "weight": 7,
        "confidence": 0.9,
        "dates": ["2024-01-01", "2024-01-05", "2024-02-11/2024-02-20"],
        "date_starts": [date(2024, 1, 1), date(2024, 1, 5), date(2024, 2, 11)],
        "date_ends": [date(2024, 1, 1), date(2024, 1, 5), date(2024, 2, 20)],
        "first_seen": date(2024, 1, 1),
        "last_seen": date(2024, 2, 20),
    }
    assert merged_properties(row, [])["weight"] == 2  # never below the evidence
    assert (
        merged_properties({**row, "copies": {"2": "1"}}, stored)["weight"] == 7
    )  # article 2 copies article 1: one story


def test_union_places_sentences_an_older_export_stored_without_their_article():
    row = {
        "weight": 1,
        "confidence": None,
        "props": {},
        "evidence": [("2", "b", 10, 20)],
        "articles": ["2"],
        "dates": [],
        "copies": {},
        "first_seen": None,
        "last_seen": None,
    }
    stored = [{"evidence": ["a", "b"], "articles": ["1", "2"], "weight": 2}]  # before evidence items: sentences alone
    props = merged_properties(row, stored)
    assert (props["evidence"], props["evidence_articles"], props["evidence_starts"]) == (
        ["a", "b"],
        ["", "2"],
        [-1, 10],
    )


def test_a_date_that_is_not_a_date_is_refused_before_connecting():
    g = news_graph(1)
    g.nodes["article:001_0000000000000001"]["published"] = "last spring"
    with pytest.raises(Neo4jExportError, match="'last spring' is not a date"):
        export_with_settings(g, _unreachable())


def _unreachable():
    from pydantic import SecretStr

    from graphbuild.export.neo4j import Neo4jSettings

    return Neo4jSettings(uri="bolt://127.0.0.1:9", user="neo4j", password=SecretStr("irrelevant"))
