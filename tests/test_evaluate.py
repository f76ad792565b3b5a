"""graphbuild.evaluate: each figure and list of the report, on hand-made graphs of three invented articles.

tests/fixtures/eval/ holds the articles and their gold file (docs/evaluation.md).
``flawless()`` is the graph a perfect build of them would give; each test
breaks it in one way and checks exactly what the report says about it.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from helpers import FIXTURES, GOLD, add, flawless

from graphbuild.evaluate import evaluate, load_gold, match_key
from graphbuild.evaluate.scoring import MergedNode, SplitEntity


def score(graph: nx.MultiDiGraph):
    return evaluate(graph, load_gold(GOLD))


def test_a_flawless_graph_scores_one_everywhere():
    report = score(flawless())
    for name, s in {**report.entities, **report.relations}.items():
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), name
        assert s.missed == s.spurious == [], name
    assert report.entities["Person"].gold == 7 and report.entities["Country"].gold == 4
    assert not report.split and not report.merged
    assert report.summary.entity_f1 == report.summary.relation_f1 == 1.0
    assert not report.coverage.missing_from_graph and not report.coverage.not_in_gold


def test_missed_and_spurious_entities_and_their_figures():
    graph = flawless()
    graph.remove_node("Faith Akinyi")
    graph.add_node("organization:port", type="Organization", name="Port Authority", aliases=[])
    report = score(graph)
    person, org = report.entities["Person"], report.entities["Organization"]
    assert (person.correct, person.predicted, person.gold) == (6, 6, 7)
    assert (person.precision, person.recall, person.f1) == (1.0, 0.857, 0.923)
    assert person.missed == ["Faith Akinyi"] and person.spurious == []
    assert (org.precision, org.recall, org.f1) == (0.667, 1.0, 0.8)
    assert org.spurious == ["Port Authority"] and org.missed == []
    assert report.relations["MET_WITH"].missed == ["Faith Akinyi -MET_WITH-> Monica Castellan"]
    assert report.relations["AFFILIATED_WITH"].missed == ["Faith Akinyi -AFFILIATED_WITH-> Kenya"]
    assert report.summary.entity_f1 == round((0.923 + 1.0 + 0.8) / 3, 3)


def test_a_gold_entity_over_two_nodes_is_split():
    graph = flawless()
    graph.add_node("person:castellan", type="Person", name="Castellan", aliases=[])
    report = score(graph)
    assert report.split == [SplitEntity(gold="Monica Castellan", nodes=["Castellan", "Monica Castellan"])]
    person = report.entities["Person"]
    assert (person.correct, person.predicted, person.precision) == (7, 8, 0.875)
    assert person.spurious == [] and report.summary.split == 1


def test_a_node_matching_two_gold_entities_is_merged_and_kept_by_its_own_name():
    graph = flawless()
    graph.remove_node("Faith Akinyi")
    graph.nodes["Benson Onyango"]["aliases"] = ["Onyango", "Faith Akinyi"]
    report = score(graph)
    assert report.merged == [MergedNode(node="Benson Onyango", gold=["Benson Onyango", "Faith Akinyi"])]
    assert report.entities["Person"].missed == ["Faith Akinyi"]
    assert report.entities["Person"].spurious == []
    assert "Benson Onyango -MET_WITH-> Rui Matos" not in report.relations["MET_WITH"].missed


def test_a_merged_node_named_by_neither_entity_is_spurious():
    graph = flawless()
    graph.add_node("person:leaders", type="Person", name="Kenyan leaders", aliases=["Benson Onyango", "Faith Akinyi"])
    report = score(graph)
    assert report.merged == [MergedNode(node="Kenyan leaders", gold=["Benson Onyango", "Faith Akinyi"])]
    assert report.entities["Person"].spurious == ["Kenyan leaders"]
    assert report.summary.merged == 1 and report.split == []


def test_a_single_word_alias_matches_only_when_one_entity_has_it():
    graph = flawless()
    nx.relabel_nodes(graph, {"Trond Brekke": "b"}, copy=False)
    graph.nodes["b"]["name"] = "Brekke"  # unique to Trond Brekke
    graph.add_node("person:matos", type="Person", name="Matos", aliases=[])  # Rui and Sofia share it
    report = score(graph)
    person = report.entities["Person"]
    assert person.missed == [] and person.spurious == ["Matos"]
    assert report.merged == [] and report.split == []


def test_names_match_ignoring_case_punctuation_leading_the_and_possessives():
    graph = flawless()
    graph.nodes["Norwegian Coast Guard"]["name"] = "the NORWEGIAN coast-guard's"
    graph.nodes["Rui Matos"]["name"] = "Prime Minister Matos"  # a multi-word alias
    graph.nodes["Monica Castellan"]["name"] = "Mónica Castellan"
    report = score(graph)
    assert all(s.recall == s.precision == 1.0 for s in report.entities.values())
    assert match_key("The Kremlin’s") == match_key("kremlin") == "kremlin"
    assert match_key("U.S.") == "u s" and match_key("Núñez Ortega") == "nunez ortega"


def test_a_relation_in_not_relations_is_refuted_and_spurious():
    graph = flawless()
    add(graph, "Benson Onyango", "MET_WITH", "Osvaldo Serrano")
    met = score(graph).relations["MET_WITH"]
    assert met.refuted == met.spurious == ["Benson Onyango -MET_WITH-> Osvaldo Serrano"]
    assert (met.correct, met.predicted, met.precision, met.recall) == (3, 4, 0.75, 1.0)


def test_an_optional_relation_is_neither_rewarded_nor_penalised():
    graph = flawless()
    add(graph, "Monica Castellan", "MET_WITH", "Benson Onyango")
    met = score(graph).relations["MET_WITH"]
    assert (met.correct, met.predicted, met.gold, met.precision) == (3, 3, 3, 1.0)
    assert met.spurious == []
    graph.remove_edge("Monica Castellan", "Benson Onyango", key="MET_WITH")
    graph.remove_edge("Faith Akinyi", "Monica Castellan", key="MET_WITH")
    assert score(graph).relations["MET_WITH"].gold == 3  # an optional one is not missed either


def test_met_with_is_symmetric_and_supports_is_directed():
    graph = flawless()
    graph.remove_edge("Trond Brekke", "Monica Castellan", key="MET_WITH")
    add(graph, "Monica Castellan", "MET_WITH", "Trond Brekke")
    graph.remove_edge("Norway", "Chile", key="SUPPORTS")
    add(graph, "Chile", "SUPPORTS", "Norway")
    report = score(graph)
    assert report.relations["MET_WITH"].f1 == 1.0
    supports = report.relations["SUPPORTS"]
    assert supports.missed == ["Norway -SUPPORTS-> Chile"] and supports.spurious == ["Chile -SUPPORTS-> Norway"]
    assert (supports.precision, supports.recall) == (0.667, 0.667)


def test_affiliated_with_comes_from_each_persons_country():
    graph = flawless()
    graph.remove_edge("Trond Brekke", "Norway", key="AFFILIATED_WITH")
    graph.remove_edge("Rui Matos", "Portugal", key="AFFILIATED_WITH")
    add(graph, "Portugal", "AFFILIATED_WITH", "Rui Matos")  # either direction means the same
    add(graph, "Osvaldo Serrano", "AFFILIATED_WITH", "Kenya")
    affiliated = score(graph).relations["AFFILIATED_WITH"]
    assert affiliated.gold == 7  # the gold file states none: one per person with a country (not the Coast Guard)
    assert affiliated.missed == ["Trond Brekke -AFFILIATED_WITH-> Norway"]
    assert affiliated.spurious == ["Osvaldo Serrano -AFFILIATED_WITH-> Kenya"]
    assert (affiliated.correct, affiliated.predicted) == (6, 7)


def test_edges_to_nodes_that_match_nothing_are_unmapped_false_positives():
    graph = flawless()
    graph.add_node("person:x", type="Person", name="Someone Else", aliases=[])
    add(graph, "person:x", "MET_WITH", "Rui Matos")
    met = score(graph).relations["MET_WITH"]
    assert met.unmapped == ["Someone Else -MET_WITH-> Rui Matos"]
    assert (met.correct, met.predicted, met.precision) == (3, 4, 0.75) and met.spurious == []


def test_ignored_names_are_not_counted_unless_they_also_match_an_entity():
    graph = flawless()
    graph.add_node("org:mombasa", type="Organization", name="Mombasa", aliases=[])
    graph.add_node("country:ocean", type="Country", name="Indian Ocean", aliases=["Republic of Kenya"])
    report = score(graph)
    assert report.entities["Organization"].predicted == 2 and report.entities["Organization"].spurious == []
    assert report.split == [SplitEntity(gold="Kenya", nodes=["Indian Ocean", "Kenya"])]


def test_graph_articles_the_gold_does_not_cover_and_the_reverse_are_reported():
    graph = flawless()
    graph.remove_node("article:onyango-matos")
    graph.add_node("article:extra", type="Article", article_id="extra", source="in/extra.txt")
    coverage = score(graph).coverage
    assert coverage.missing_from_graph == ["onyango-matos.txt"]
    assert coverage.not_in_gold == ["extra"]


def test_other_relation_types_in_the_gold_are_scored_too(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(
        '{"entities": {"a": {"type": "Person", "name": "Ada Quill"}, "k": {"type": "Country", "name": "Kenya"}},'
        ' "articles": {"x": {"entities": ["a", "k"], "relations": [{"type": "VISITED", "source": "a", "target": "k"}]}}}'
    )
    graph = nx.MultiDiGraph()
    graph.add_node("a", type="Person", name="Ada Quill")
    graph.add_node("k", type="Country", name="Kenya")
    graph.add_edge("a", "k", key="VISITED", type="VISITED")
    report = evaluate(graph, load_gold(gold))
    assert list(report.relations) == ["MET_WITH", "SUPPORTS", "AFFILIATED_WITH", "VISITED"]
    assert report.relations["VISITED"].f1 == 1.0 and report.relations["MET_WITH"].gold == 0


def test_the_real_pipeline_on_the_invented_articles(nlp):
    from graphbuild.pipeline import build_graph_from_sources

    report = score(build_graph_from_sources([FIXTURES / "articles"]))
    assert not report.coverage.missing_from_graph and not report.coverage.not_in_gold
    for etype, s in report.entities.items():
        assert s.recall == 1.0, (etype, s.missed)
    assert report.relations["MET_WITH"].refuted == []  # the refused meeting is not a MET_WITH
    assert report.relations["AFFILIATED_WITH"].correct >= 6


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{", "not valid JSON (line 1, column 2"),
        ('{"articles": {}}', "entities: Field required"),
        (
            '{"entities": {"a": {"type": "Place", "name": "A"}}, "articles": {}}',
            "entities.a.type: Input should be 'Person', 'Country' or 'Organization'",
        ),
        (
            '{"entities": {"a": {"type": "Person", "name": "A", "alias": ["B"]}}, "articles": {}}',
            "entities.a.alias: Extra inputs are not permitted",
        ),
        (
            '{"entities": {"a": {"type": "Person", "name": "A"}, "a": {"type": "Person", "name": "B"}}, "articles": {}}',
            "key 'a' appears twice",
        ),
        (
            '{"entities": {"a": {"type": "Person", "name": "A", "country": "a"}}, "articles": {}}',
            "entities.a.country: 'a' is not the id of a Country entity",
        ),
        (
            '{"entities": {}, "articles": {"x": {"entities": ["nobody"]}}}',
            "articles.x.entities: 'nobody' is not an entity id",
        ),
        (
            '{"entities": {"a": {"type": "Person", "name": "A"}, "b": {"type": "Person", "name": "B"}},'
            ' "articles": {"x": {"entities": ["a"], "not_relations": [{"type": "MET_WITH", "source": "a", "target": "b"}]}}}',
            "articles.x.not_relations.0: 'b' is not among the article's entities",
        ),
        (
            '{"entities": {}, "articles": {"x": {"entities": [], "relations": [{"type": "met with", "source": "a", "target": "b"}]}}}',
            "articles.x.relations.0.type: String should match pattern",
        ),
    ],
)
def test_a_malformed_gold_file_is_one_line_naming_file_and_problem(tmp_path, text, problem):
    from graphbuild.evaluate import GoldFileError

    path = tmp_path / "gold.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldFileError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_no_pipeline_module_imports_the_evaluation():
    import ast

    package = Path(__file__).resolve().parents[1] / "graphbuild"
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in getattr(node, "names", [])]
                if isinstance(node, ast.Import)
                else []
            )
            if any(name.startswith("graphbuild.evaluate") for name in names):
                importers.add(path.relative_to(package).as_posix())
    assert {p for p in importers if not p.startswith("evaluate/")} == {"cli.py"}
