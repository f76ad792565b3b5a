"""The whole pipeline over the repository's seed articles (shape of the graph, not the gold answers)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from graphbuild.pipeline import build_graph_from_sources
from graphbuild.read import ReadReport
from graphbuild.relation_types import builtin_relation_types

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
RELATIONS = set(builtin_relation_types())


@pytest.fixture(scope="module")
def graph(nlp):
    report = ReadReport()
    g = build_graph_from_sources([SEEDS], report=report)
    assert report.articles_read == len(list(SEEDS.glob("*.txt"))) and not report.skipped
    return g


def test_node_types(graph):
    types = Counter(d["type"] for _, d in graph.nodes(data=True))
    assert set(types) == {"Person", "Country", "Organization", "Article"}
    assert types["Article"] == len(list(SEEDS.glob("*.txt")))


def test_core_edge_types_present(graph):
    types = {k for _, _, k in graph.edges(keys=True)}
    assert {"MET_WITH", "SUPPORTS", "AFFILIATED_WITH", "MENTIONED_IN"} <= types
    assert types <= RELATIONS | {"MENTIONED_IN"}


def test_relation_edges_have_evidence_and_articles(graph):
    article_ids = {d["article_id"] for _, d in graph.nodes(data=True) if d["type"] == "Article"}
    for _u, v, k, d in graph.edges(keys=True, data=True):
        assert d["type"] == k
        assert d["articles"] and set(d["articles"]) <= article_ids
        if k == "MENTIONED_IN":
            assert graph.nodes[v]["type"] == "Article"
            continue
        assert d["evidence"] and all(
            item["sentence"].strip() and item["article"] in d["articles"] for item in d["evidence"]
        )
        assert d["weight"] == len(
            {(item["article"], item["sentence"]) for item in d["evidence"]}
        )  # no copies among the seeds
        assert 0 < d["confidence"] <= 1


def test_edge_endpoint_types(graph):
    for u, v, k in graph.edges(keys=True):
        tu, tv = graph.nodes[u]["type"], graph.nodes[v]["type"]
        if k in {"MET_WITH", "MEETING_REFUSED", "MEETING_PLANNED"}:
            assert tu == tv == "Person" and u < v
        elif k == "SUPPORTS":
            assert tu == tv == "Country" and u != v
        elif k == "AFFILIATED_WITH":
            assert (tu, tv) == ("Person", "Country")
            assert graph.nodes[u]["country"] == graph.nodes[v]["iso_code"]


def _full_name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z]+", text) if len(w) > 1 and w not in {"jr", "sr", "ii", "iii", "iv"}]
    return " ".join(words)


def test_no_two_people_share_a_normalized_name(graph):
    names = Counter(_full_name_key(d["name"]) for _, d in graph.nodes(data=True) if d["type"] == "Person")
    assert not [n for n, c in names.items() if c > 1]


def test_no_person_is_a_bare_surname_of_someone_its_articles_name(graph):
    """ "Austin" alone must have joined "Lloyd Austin" in an article that names him (another article's full name
    is not enough: see tests/test_resolve.py)."""
    articles = {
        n: {v for _, v, k in graph.out_edges(n, keys=True) if k == "MENTIONED_IN"}
        for n, d in graph.nodes(data=True)
        if d["type"] == "Person"
    }
    names = {n: _full_name_key(graph.nodes[n]["name"]).split() for n in articles}
    for lone, words in names.items():
        if len(words) == 1:
            owners = [
                n for n, full in names.items() if len(full) > 1 and words[0] in full and articles[n] & articles[lone]
            ]
            assert not owners, f"lone {words[0]!r} not merged with {owners}"


def test_every_entity_is_mentioned_somewhere(graph):
    mentioned = {u for u, _, k in graph.edges(keys=True) if k == "MENTIONED_IN"}
    for node, d in graph.nodes(data=True):
        if d["type"] in {"Person", "Organization"}:
            assert node in mentioned, node


def test_feed_metadata_reaches_article_nodes_and_relations_get_dates(tmp_path):
    """A JSONL feed with metadata: Article nodes carry it in JSON and GraphML, relations are dated."""
    import json

    from graphbuild.export import read_graph, write_graph

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(
            {
                "id": "w1",
                "title": "Leaders meet",
                "url": "https://news.example/w1",
                "published": "2024-05-17",
                "source": "Example Wire",
                "author": "A. Writer",
                "text": "French President Lucien Dauvergne met German Chancellor Matthias Kellner in Berlin on Thursday.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    graph = build_graph_from_sources([str(feed)])
    for suffix in (".json", ".graphml"):
        write_graph(graph, tmp_path / f"g{suffix}")
        again = read_graph(tmp_path / f"g{suffix}")
        article = again.nodes["article:w1"]
        assert (
            article["type"],
            article["title"],
            article["url"],
            article["published"],
            article["publisher"],
            article["author"],
        ) == ("Article", "Leaders meet", "https://news.example/w1", "2024-05-17", "Example Wire", "A. Writer")
        met = [a for _, _, a in again.edges(data=True) if a["type"] == "MET_WITH"]
        assert len(met) == 1 and met[0]["dates"] == ["2024-05-16"]  # the Thursday before a Friday publication
