"""GraphML and GEXF as Gephi reads them, checked with independent readers, and the entity-only views.

Gephi keeps only the first edge of each GraphML/GEXF edge id, shows the ``label``
attribute, and keeps parallel edges of different GEXF ``kind`` apart; these tests
parse the files as XML (the way an importer does) and with networkx, and compare
with the JSON graph.  (Schema validation and the other readers: test_readers.py.)
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from helpers import GEXF, VIZ, dated_graph

from graphbuild.export import gexf, read_graph, write_graph
from graphbuild.export.style import NODE_COLORS, rgb
from graphbuild.export.views import co_mentioned_view, entity_view, symmetric_types
from graphbuild.relation_types import builtin_relation_types

SYMMETRIC_RELATIONS = builtin_relation_types().symmetric

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in a.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in b.edges(keys=True, data=True)
    }


def json_counts(graph, tmp_path, view="full") -> tuple[int, int]:
    write_graph(graph, tmp_path / "counts.json", view=view)
    data = json.loads((tmp_path / "counts.json").read_text("utf-8"))
    return len(data["nodes"]), len(data["edges"])


def graphml_keys(root, scope: str) -> dict[str, str]:
    return {k.get("attr.name"): k.get("id") for k in root.iter(f"{GRAPHML}key") if k.get("for") == scope}


# --- GraphML --------------------------------------------------------------------------------


def test_graphml_has_unique_edge_ids_labels_and_symmetric_flags(seed_graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graph(seed_graph, path)
    root = ET.parse(path).getroot()
    nodes, edges = list(root.iter(f"{GRAPHML}node")), list(root.iter(f"{GRAPHML}edge"))
    assert (len(nodes), len(edges)) == json_counts(seed_graph, tmp_path)
    assert len(edges) > 100  # the seed graph has well over a hundred edges; Gephi kept 9
    ids = [e.get("id") for e in edges]
    assert all(ids) and len(set(ids)) == len(ids)  # before: 138 edges, 9 distinct ids
    key_ids = [k.get("id") for k in root.iter(f"{GRAPHML}key")]
    assert len(set(key_ids)) == len(key_ids)  # "type" and "label" were declared twice
    node_label, edge_label = graphml_keys(root, "node")["label"], graphml_keys(root, "edge")["label"]
    edge_type, symmetric = graphml_keys(root, "edge")["type"], graphml_keys(root, "edge")["symmetric"]

    def data(element, key):
        return next((d.text for d in element.iter(f"{GRAPHML}data") if d.get("key") == key), None)

    for node in nodes:
        assert data(node, node_label) == seed_graph.nodes[node.get("id")]["name"]
    for edge in edges:
        rel_type = data(edge, edge_type)
        assert data(edge, edge_label) == rel_type
        assert edge.get("directed") is None  # every edge directed, as the graph says: every reader agrees
        assert data(edge, symmetric) == ("true" if rel_type in SYMMETRIC_RELATIONS else "false")
        if rel_type in SYMMETRIC_RELATIONS:
            assert edge.get("source") < edge.get("target")  # stored once, smaller id first
    assert (
        sum(data(e, symmetric) == "true" for e in edges)
        == sum(t in SYMMETRIC_RELATIONS for *_, t in seed_graph.edges(data="type"))
        > 0
    )


def test_graphml_ids_that_are_not_xml_name_tokens_are_spelled_out_and_kept(tmp_path):
    g = dated_graph()
    g.add_node("article:my story (2)", type="Article", name="Another story", article_id="my story (2)")
    g.add_edge(
        "person:alba",
        "article:my story (2)",
        key="MENTIONED_IN",
        type="MENTIONED_IN",
        weight=1,
        articles=["my story (2)"],
        symmetric=False,
    )
    write_graph(g, tmp_path / "g.graphml")
    root = ET.parse(tmp_path / "g.graphml").getroot()
    ids = {n.get("id") for n in root.iter(f"{GRAPHML}node")}
    assert "article:my_x0020_story_x0020__x0028_2_x0029_" in ids and "article:my story (2)" not in ids
    plain = nx.read_graphml(tmp_path / "g.graphml")
    assert plain.nodes["article:my_x0020_story_x0020__x0028_2_x0029_"]["original_id"] == "article:my story (2)"
    same_graph(read_graph(tmp_path / "g.graphml"), g)


def test_graphml_round_trip_gives_the_same_graph(seed_graph, tmp_path):
    write_graph(seed_graph, tmp_path / "g.graphml")
    same_graph(read_graph(tmp_path / "g.graphml"), seed_graph)
    for _, _, k, d in read_graph(tmp_path / "g.graphml").edges(keys=True, data=True):
        assert k == d["type"]


def test_graphml_ids_stay_unique_when_node_ids_contain_the_separator(tmp_path):
    g = nx.MultiDiGraph()
    g.add_edge("a", "b--X--c", key="X", type="X")
    g.add_edge("a--X--b", "c", key="X", type="X")  # the same "<u>--<key>--<v>" text
    write_graph(g, tmp_path / "g.graphml")
    ids = [e.get("id") for e in ET.parse(tmp_path / "g.graphml").getroot().iter(f"{GRAPHML}edge")]
    assert len(set(ids)) == 2
    same_graph(read_graph(tmp_path / "g.graphml"), g)


# --- GEXF -----------------------------------------------------------------------------------


def test_gexf_colours_sizes_kinds_and_time_intervals(tmp_path):
    g = dated_graph()
    path = tmp_path / "g.gexf"
    write_graph(g, path)
    root = ET.parse(path).getroot()
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = {n.get("id"): n for n in root.iter(f"{GEXF}node")}
    edges = list(root.iter(f"{GEXF}edge"))
    assert (len(nodes), len(edges)) == json_counts(g, tmp_path)
    for node_id, node in nodes.items():
        color = node.find(f"{VIZ}color")
        assert tuple(int(color.get(c)) for c in "rgb") == rgb(NODE_COLORS[g.nodes[node_id]["type"]])
        assert node.get("label") == g.nodes[node_id]["name"]
    size = {n: float(node.find(f"{VIZ}size").get("value")) for n, node in nodes.items()}
    assert size["person:alba"] > size["person:bo"] > size["person:cy"]  # degree 4 > 2 > 1
    assert len({e.get("id") for e in edges}) == len(edges)
    by_id = {e.get("id"): e for e in edges}
    met = by_id["person:alba--MET_WITH--person:bo"]
    assert (met.get("label"), met.get("kind"), met.get("type"), met.get("weight")) == (
        "MET_WITH",
        "MET_WITH",
        None,
        "2",
    )
    assert graph.get("defaultedgetype") == "directed"  # every edge directed: networkx refuses an undirected one here
    # its own dates, with their precision (mid-February is the 11th to the 20th), and its articles' publication days
    assert [(s.get("start"), s.get("end")) for s in met.iter(f"{GEXF}spell")] == [
        ("2024-02-11", "2024-02-20"),
        ("2024-03-01", "2024-03-01"),
        ("2024-03-04", "2024-03-04"),
        ("2024-04-10", "2024-04-10"),
    ]
    supports = by_id["country:es--SUPPORTS--organization:fleet"]
    assert (supports.get("type"), [s.get("start") for s in supports.iter(f"{GEXF}spell")]) == (None, ["2024-04-10"])
    assert [s.get("start") for s in nodes["person:bo"].iter(f"{GEXF}spell")] == [
        "2024-02-11",
        "2024-03-01",
        "2024-03-04",
        "2024-04-10",
    ]


def test_gexf_joins_overlapping_periods_into_one_spell(tmp_path):
    g = dated_graph()
    g.edges["person:alba", "person:bo", "MET_WITH"]["dates"] = ["2024-03", "2024-03-01/2024-03-05", "2024-03-04"]
    write_graph(g, tmp_path / "g.gexf")
    edge = next(e for e in ET.parse(tmp_path / "g.gexf").getroot().iter(f"{GEXF}edge") if e.get("kind") == "MET_WITH")
    assert [(s.get("start"), s.get("end")) for s in edge.iter(f"{GEXF}spell")] == [
        ("2024-03-01", "2024-03-31"),
        ("2024-04-10", "2024-04-10"),
    ]


def test_gexf_round_trip_and_networkx_reads_it(seed_graph, tmp_path):
    for graph in (seed_graph, dated_graph()):
        path = tmp_path / "g.gexf"
        write_graph(graph, path)
        same_graph(read_graph(path), graph)
        plain = nx.read_gexf(path)
        assert (plain.number_of_nodes(), plain.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
        assert {d["label"] for *_, d in plain.edges(data=True)} == {t for *_, t in graph.edges(data="type")}


def test_gexf_writes_list_and_reserved_attributes_networkx_alone_cannot(tmp_path):
    g = dated_graph()
    with pytest.raises(Exception):
        nx.write_gexf(g, tmp_path / "raw.gexf")  # list attributes: what graphbuild.export.gexf prepares for
    gexf.write(g, tmp_path / "ok.gexf")
    assert read_graph(tmp_path / "ok.gexf").nodes["person:alba"]["aliases"] == ["Ferrer"]


# --- views ----------------------------------------------------------------------------------


def test_entity_view_drops_articles_and_mentions_in_every_format(seed_graph, tmp_path):
    view = entity_view(seed_graph)
    assert not any(d.get("type") == "Article" for _, d in view.nodes(data=True))
    assert not any(t == "MENTIONED_IN" for *_, t in view.edges(data="type"))
    expected = (view.number_of_nodes(), view.number_of_edges())
    assert expected == (54, 51)
    assert json_counts(seed_graph, tmp_path, view="entities") == expected
    for suffix in (".graphml", ".gexf", ".json"):
        write_graph(seed_graph, tmp_path / f"e{suffix}", view="entities")
        back = read_graph(tmp_path / f"e{suffix}")
        assert (back.number_of_nodes(), back.number_of_edges()) == expected, suffix
        same_graph(back, view)
    assert seed_graph.number_of_nodes() == 59  # the graph itself is untouched


def test_co_mentioned_view_weights_shared_articles(tmp_path):
    view = co_mentioned_view(dated_graph())
    co = {(u, v): d for u, v, k, d in view.edges(keys=True, data=True) if k == "CO_MENTIONED"}
    assert co[("person:alba", "person:bo")] == {
        "type": "CO_MENTIONED",
        "weight": 1,
        "articles": ["a1"],
        "symmetric": True,
    }
    assert co[("country:es", "person:alba")]["articles"] == ["a2"]
    assert len(co) == 1 + 6  # a1: alba-bo; a2: 4 entities → 6 pairs
    assert ("person:alba", "person:bo", "MET_WITH") in view.edges(keys=True)
    assert "CO_MENTIONED" in symmetric_types(view)
    write_graph(dated_graph(), tmp_path / "co.graphml", view="co-mentioned")
    same_graph(read_graph(tmp_path / "co.graphml"), view)


def test_unknown_view_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown view"):
        write_graph(dated_graph(), tmp_path / "g.json", view="people")
    assert not list(tmp_path.iterdir())
