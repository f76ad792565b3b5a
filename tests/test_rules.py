"""Relation types and trigger patterns as data: a --rules file adds types that flow through every
stage and export; a bad rules file is one line of error.  (Invented sentences throughout.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.export import read_graph, write_graph
from graphbuild.export.neo4j import export_with_settings
from graphbuild.extract.events import inflections
from graphbuild.pipeline import build_graph_from_sources, write_outputs
from graphbuild.relation_types import builtin_relation_types, relation_types_of
from graphbuild.rules import Rules, RulesError, load_rules
from graphbuild.state import UpdateError

SCRIPT = Path(sys.executable).parent / "graphbuild"

RULES = {
    "relation_types": [
        {"name": "THREATENED", "description": "The source threatened the target."},
        {
            "name": "SIGNED_AGREEMENT_WITH",
            "symmetric": True,
            "source": ["Country"],
            "target": ["Country"],
            "endpoints": "country",
        },
    ],
    "patterns": [
        {
            "name": "threaten",
            "relation": "THREATENED",
            "trigger": {"lemmas": ["threaten"]},
            "source": "subject",
            "target": "object",
        },
        {
            "name": "sign-with",
            "relation": "SIGNED_AGREEMENT_WITH",
            "trigger": {"lemmas": ["sign"]},
            "source": "subject",
            "target": "prep:with",
        },
    ],
}
ARTICLE = (
    "Norway threatened Chile with new tariffs on Monday.\n"
    "Peru was threatened by Bolivia last year.\n"
    "Kenya signed a trade agreement with Ghana in Accra.\n"
    "Swedish Foreign Minister Lea Sandvik signed a treaty with Finland, officials said.\n"
    "The minister did not threaten Portugal.\n"
)
EXPECTED = {
    ("country:no", "country:cl", "THREATENED"),
    ("country:bo", "country:pe", "THREATENED"),  # the passive: "was threatened by"
    ("country:gh", "country:ke", "SIGNED_AGREEMENT_WITH"),  # symmetric: stored from the smaller id
    ("country:fi", "country:se", "SIGNED_AGREEMENT_WITH"),  # the minister stands for Sweden
}


@pytest.fixture(scope="module")
def rules_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "my_rules.json"
    path.write_text(json.dumps(RULES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "treaties.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(corpus, rules_file, nlp) -> nx.MultiDiGraph:
    return build_graph_from_sources([corpus], rules=load_rules(rules_file))


def custom_edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {
        (u, v, d["type"]) for u, v, d in graph.edges(data=True) if d["type"] in {"THREATENED", "SIGNED_AGREEMENT_WITH"}
    }


def test_rules_file_relations_in_the_graph(graph):
    assert custom_edges(graph) == EXPECTED
    evidence = graph.edges["country:no", "country:cl", "THREATENED"]["evidence"]
    assert [item["sentence"] for item in evidence] == ["Norway threatened Chile with new tariffs on Monday."]


def test_negated_event_of_a_new_type_is_dropped(graph):
    assert not any(v == "country:pt" for _, v, _ in custom_edges(graph))


def test_rules_file_relations_in_json_and_graphml(graph, tmp_path):
    for suffix in (".json", ".graphml"):
        path = tmp_path / f"g{suffix}"
        write_graph(graph, path)
        assert custom_edges(read_graph(path)) == EXPECTED, suffix
    types = relation_types_of(read_graph(tmp_path / "g.json"))
    assert types["SIGNED_AGREEMENT_WITH"].symmetric and "THREATENED" in types


def test_rules_file_relations_in_neo4j(graph, neo4j_settings, neo4j_clean):
    export_with_settings(graph, neo4j_settings)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (a)-[r]->(b) WHERE type(r) IN ['THREATENED', 'SIGNED_AGREEMENT_WITH'] RETURN a.id AS a, b.id AS b, type(r) AS t, r.evidence AS evidence",
        database_=neo4j_settings.database,
    )
    assert {(r["a"], r["b"], r["t"]) for r in records} == EXPECTED
    assert all(r["evidence"] for r in records)


def test_built_in_graphs_record_no_relation_types(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Norway threatened Chile.\n", encoding="utf-8")
    graph = build_graph_from_sources([tmp_path])
    assert "relation_types" not in graph.graph
    assert not custom_edges(graph)


def test_update_reuses_the_rules_the_graph_was_built_with(corpus, rules_file, tmp_path, nlp):
    write_outputs(build_graph_from_sources([corpus], rules=load_rules(rules_file)), [tmp_path / "old.json"])
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.txt").write_text("Malta threatened Tunisia over fishing rights.\n", encoding="utf-8")
    updated = build_graph_from_sources([more], update=tmp_path / "old.json")  # no rules given: the graph's
    assert ("country:mt", "country:tn", "THREATENED") in custom_edges(updated)
    with pytest.raises(UpdateError, match="other --rules"):
        build_graph_from_sources([more], update=tmp_path / "old.json", rules=Rules())


def test_dependency_matcher_pattern(tmp_path, nlp):
    rules = {
        "relation_types": [{"name": "PRAISED"}],
        "patterns": [
            {
                "name": "praise",
                "relation": "PRAISED",
                "dependency_pattern": [
                    {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LEMMA": "praise"}},
                    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "source", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                    {"LEFT_ID": "trigger", "REL_OP": ">", "RIGHT_ID": "target", "RIGHT_ATTRS": {"DEP": "dobj"}},
                ],
            }
        ],
    }
    (tmp_path / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Chile praised Peru for its reforms.\n", encoding="utf-8")
    graph = build_graph_from_sources([tmp_path / "in"], rules=load_rules(tmp_path / "rules.json"))
    assert graph.has_edge("country:cl", "country:pe", key="PRAISED")


@pytest.mark.parametrize(
    "content, problem",
    [
        ('{"patterns": [', "not valid JSON"),
        ('["THREATENED"]', "a rules file is a JSON object"),
        ('{"relation_types": [{"name": "threatened"}]}', "relation_types.0.name"),
        ('{"relation_types": [{"name": "MET_WITH"}]}', "declared twice"),
        ('{"patterns": [{"name": "x", "relation": "NOT_DECLARED", "trigger": {"lemmas": ["warn"]}}]}', "not declared"),
        (
            '{"patterns": [{"name": "x", "relation": "MET_WITH", "trigger": {"lemmas": ["warn"]}, "source": "doer"}]}',
            "unknown role",
        ),
        ('{"relation_types": [{"name": "X_Y", "endpoints": "capital"}]}', "unknown endpoints policy"),
        ('{"relation_types": [{"name": "X_Y", "status": {"refused": "NOWHERE"}}]}', "undeclared type"),
        (
            '{"patterns": [{"name": "x", "relation": "MET_WITH", "dependency_pattern": [{"RIGHT_ID": "trigger", "RIGHT_ATTRS": {}}]}]}',
            "no node 'source'",
        ),
        ('{"relation_types": [], "extra": 1}', "extra"),
    ],
)
def test_malformed_rules_file_is_a_one_line_error(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_rules(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_cli_rules_option(corpus, rules_file, tmp_path):
    out = tmp_path / "g.json"
    ok = subprocess.run(
        [str(SCRIPT), "build", str(corpus), "-o", str(out), "--rules", str(rules_file), "-q"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert custom_edges(read_graph(out)) == EXPECTED
    bad = tmp_path / "bad.json"
    bad.write_text('{"patterns": 3}', encoding="utf-8")
    failed = subprocess.run(
        [str(SCRIPT), "build", str(corpus), "-o", str(tmp_path / "x.json"), "--rules", str(bad)],
        capture_output=True,
        text=True,
    )
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    assert (
        failed.returncode == 2
        and len(lines) == 1
        and lines[0].startswith(f"Error: {bad}: ")
        and "Traceback" not in failed.stderr
    )
    assert not (tmp_path / "x.json").exists()


def test_builtin_relation_types_are_data():
    types = builtin_relation_types()
    assert types.symmetric == {"MET_WITH", "MEETING_REFUSED", "MEETING_PLANNED", "MEETING_DISPUTED"}
    assert types["MET_WITH"].type_for("refused") == "MEETING_REFUSED"
    assert (
        types["MET_WITH"].type_for("disputed") == "MEETING_DISPUTED"
        and types["MET_WITH"].type_for("hypothetical") == "MEETING_PLANNED"
    )
    assert types["SUPPORTS"].type_for("planned") == "SUPPORTS" and types["SUPPORTS"].type_for("hypothetical") is None


def test_trigger_inflections():
    assert {"threatens", "threatened", "threatening"} <= inflections("threaten")
    assert {"bans", "banned", "banning"} <= inflections("ban")
    assert {"arrives", "arrived", "arriving"} <= inflections("arrive")
    assert {"denies", "denied"} <= inflections("deny")
