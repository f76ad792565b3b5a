"""Graph building and the file exports (GraphML, node-link JSON), atomic writes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from helpers import plain_graphml

from graphbuild.export import UnsupportedFormat, graphml, node_link, read_graph, write_graph
from graphbuild.graph import build_graph
from graphbuild.models import Article, Country, Person, Relation, Resolution
from graphbuild.resolve import resolve

TEXTS = {
    "g1": "French President Lucien Dauvergne met German Chancellor Matthias Kellner in Berlin on Tuesday.",
    "g2": "Adrian Kessel met Stepan Kalinin in Geneva on Tuesday. Iran's support for Russia's war in Ukraine was discussed.",
    "g3": "Swedish Prime Minister Ulf Kristersson pledged support for Ukraine.\nThe Pentagon said it welcomed the move.",
}


@pytest.fixture(scope="module")
def graph(extractor):
    extractions = list(extractor.extract([Article(id=k, text=v, title=f"Title {k}") for k, v in TEXTS.items()]))
    return build_graph(resolve(extractions))


def hand_graph(name: str = "Nuria\x01 Pons\x0b", sentence: str = "She met\x0c him.\x00") -> nx.MultiDiGraph:
    res = Resolution(
        articles=[Article(id="h1", text="x")],
        entities=[
            Person(id="person:nuria", name=name, aliases=["N.\x02 P.", "Nuria"], mentions=["h1:0"], country="ES"),
            Person(id="person:bo", name="Bo", mentions=["h1:5"]),
            Country(id="country:es", name="Spain", iso_code="ES"),
        ],
        relations=[
            Relation(
                type="MET_WITH",
                source="person:nuria",
                target="person:bo",
                article_id="h1",
                evidence=sentence,
                confidence=0.9,
            ),
            Relation(
                type="AFFILIATED_WITH",
                source="person:nuria",
                target="country:es",
                article_id="h1",
                evidence=sentence,
                confidence=0.9,
            ),
        ],
    )
    return build_graph(res)


# --- graph ------------------------------------------------------------------------------------


def test_graph_has_all_node_types_and_no_none(graph):
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert types == {"Person", "Country", "Organization", "Article"}
    for _, d in graph.nodes(data=True):
        assert None not in d.values()
    for _, _, d in graph.edges(data=True):
        assert None not in d.values()
        assert d["articles"] and d["weight"] >= 1


def test_mentioned_in_edges_link_entities_to_articles(graph):
    mentioned = [(u, v) for u, v, k in graph.edges(keys=True) if k == "MENTIONED_IN"]
    assert ("person:adrian-kessel", "article:g2") in mentioned
    assert all(graph.nodes[v]["type"] == "Article" for _, v in mentioned)
    assert graph.nodes["article:g1"]["name"] == "Title g1"


def test_edge_keys_are_types(graph):
    for _, _, k, d in graph.edges(keys=True, data=True):
        assert k == d["type"]


# --- GraphML ----------------------------------------------------------------------------------


def test_graphml_round_trip(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    ET.parse(path)  # well-formed XML
    plain = plain_graphml(path)
    assert plain.number_of_nodes() == graph.number_of_nodes()
    assert plain.number_of_edges() == graph.number_of_edges()
    back = graphml.read(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        if "aliases" in data:
            assert back.nodes[node]["aliases"] == data["aliases"]
            assert isinstance(back.nodes[node]["aliases"], list)
    for u, v, k, data in graph.edges(keys=True, data=True):
        assert back.edges[u, v, k]["articles"] == data["articles"]
        if "evidence" in data:
            assert back.edges[u, v, k]["evidence"] == data["evidence"]
        assert back.edges[u, v, k]["weight"] == data["weight"]


def test_graphml_has_no_none_attributes(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    text = path.read_text("utf-8")
    assert ">None<" not in text
    for _, d in plain_graphml(path).nodes(data=True):
        assert "None" not in map(str, d.values())


def test_control_characters_never_make_invalid_graphml(tmp_path):
    g = hand_graph()
    path = tmp_path / "ctrl.graphml"
    write_graph(g, path)
    ET.parse(path)
    back = graphml.read(path)
    assert back.nodes["person:nuria"]["name"] == "Nuria Pons"
    assert isinstance(back.nodes["person:nuria"]["aliases"], list) and len(back.nodes["person:nuria"]["aliases"]) == 2
    assert back.number_of_edges() == g.number_of_edges()
    assert back.number_of_nodes() == g.number_of_nodes()


def test_control_characters_stripped_from_lists_too(tmp_path):
    path = tmp_path / "ctrl.graphml"
    write_graph(hand_graph(), path)
    back = graphml.read(path)
    assert back.nodes["person:nuria"]["aliases"] == ["N. P.", "Nuria"]
    assert back.edges["person:nuria", "person:bo", "MET_WITH"]["evidence"] == [
        {"article": "h1", "sentence": "She met him."}
    ]


def test_control_characters_in_node_ids(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a\x01b", type="Person", name="x\x1fy")
    g.add_node("c", type="Country", name="C")
    g.add_edge("a\x01b", "c", key="AFFILIATED_WITH", type="AFFILIATED_WITH", evidence=["e\x08"])
    path = tmp_path / "ids.graphml"
    write_graph(g, path)
    back = plain_graphml(path)
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1


# --- node-link JSON -----------------------------------------------------------------------------


def test_node_link_json(graph, tmp_path):
    path = tmp_path / "g.json"
    write_graph(graph, path)
    data = json.loads(path.read_text("utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    entities = [n for n in data["nodes"] if n["type"] != "Article"]
    assert entities
    for n in entities:
        assert isinstance(n["name"], str) and n["name"]
        assert isinstance(n["aliases"], list)
        assert n["type"] in {"Person", "Country", "Organization"}
    assert all("type" in e for e in data["edges"])
    back = read_graph(path)
    assert back.number_of_nodes() == graph.number_of_nodes() and back.number_of_edges() == graph.number_of_edges()


def test_same_input_twice_gives_identical_files(extractor, tmp_path):
    paths = []
    for run in ("one", "two"):
        extractions = list(extractor.extract([Article(id=k, text=v) for k, v in TEXTS.items()]))
        g = build_graph(resolve(extractions))
        (tmp_path / run).mkdir()
        for name in ("g.graphml", "g.json"):
            write_graph(g, tmp_path / run / name)
        paths.append(tmp_path / run)
    for name in ("g.graphml", "g.json"):
        assert (paths[0] / name).read_bytes() == (paths[1] / name).read_bytes()


def test_unknown_suffix(graph, tmp_path):
    with pytest.raises(UnsupportedFormat):
        write_graph(graph, tmp_path / "g.xyz")
    assert not list(tmp_path.iterdir())


# --- atomic writes -----------------------------------------------------------------------------


def test_failed_json_write_leaves_previous_file(graph, tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    write_graph(graph, path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(node_link.json, "dumps", boom)  # the file is written item by item
    with pytest.raises(RuntimeError):
        write_graph(hand_graph(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


def test_failed_graphml_write_leaves_previous_file(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    before = path.read_bytes()
    bad = hand_graph()
    bad.nodes["person:nuria"]["weird"] = object()  # GraphML cannot store it
    with pytest.raises(Exception):
        write_graph(bad, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]


def test_failed_json_write_unserializable(graph, tmp_path):
    path = tmp_path / "g.json"
    write_graph(graph, path)
    before = path.read_bytes()
    bad = hand_graph()
    bad.nodes["person:nuria"]["weird"] = object()
    with pytest.raises(TypeError):
        write_graph(bad, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


def test_failure_midway_through_the_stream(graph, tmp_path, monkeypatch):
    """An error after part of the GraphML was already written still leaves no temp file and the old content."""
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    before = path.read_bytes()

    def half(flat, handle):
        handle.write(b"<?xml version='1.0'?><graphml>")
        raise OSError("disk full")

    monkeypatch.setattr(graphml, "_stream_graphml", half)
    with pytest.raises(OSError):
        write_graph(graph, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml"]
