"""The graph built from seeds/ goes into a real Bolt server: counts per label and type, twice, then grown."""

from __future__ import annotations

from pathlib import Path

from helpers import dump, expected_label_counts, expected_type_counts, label_counts, type_counts

from graphbuild.export.neo4j import export_with_settings
from graphbuild.pipeline import build_graph_from_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_graph_export_counts_idempotent_then_incremental(neo4j_settings, neo4j_clean, tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    first_three = build_graph_from_sources([str(p) for p in seeds[:3]])
    all_five = build_graph_from_sources([str(p) for p in seeds])

    export_with_settings(first_three, neo4j_settings)
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(first_three)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(first_three)

    before = dump(neo4j_clean, neo4j_settings)
    export_with_settings(first_three, neo4j_settings)
    assert dump(neo4j_clean, neo4j_settings) == before

    # Growing the corpus adds exactly the new nodes and edges, keyed on the stable ids.
    # An export never deletes, so an edge only the smaller corpus supported stays too.
    export_with_settings(all_five, neo4j_settings)
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(all_five)
    union = {(u, v, t) for g in (first_three, all_five) for u, v, t in g.edges(data="type")}
    expected_types: dict[str, int] = {}
    for *_, t in union:
        expected_types[t] = expected_types.get(t, 0) + 1
    assert type_counts(neo4j_clean, neo4j_settings) == expected_types
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a:Person)-[r:MET_WITH]->(b:Person) RETURN a.id AS a, b.id AS b, r.evidence AS evidence, r.articles AS articles",
        database_=neo4j_settings.database,
    )
    stored = {(r["a"], r["b"]): r for r in records}
    for u, v, attrs in all_five.edges(data=True):
        if attrs["type"] == "MET_WITH":
            assert {item["sentence"] for item in attrs["evidence"]} <= set(stored[(u, v)]["evidence"])
            assert set(attrs["articles"]) <= set(stored[(u, v)]["articles"])
