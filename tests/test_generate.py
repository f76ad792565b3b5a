"""bench/generate.py: the generated corpus the benchmarks (and the resolver's) measure on."""

from __future__ import annotations

from bench.generate import NewsCorpus
from graphbuild.graph import build_graph
from graphbuild.resolve import resolve


def test_articles_are_news_length_dense_with_names_and_deterministic():
    corpus = NewsCorpus(size=200, seed=3)
    shape = corpus.describe(sample=40)
    assert 580 <= shape["words"] <= 700
    assert shape["people"] == 29
    assert corpus.article(5) == NewsCorpus(size=200, seed=3).article(5)
    assert corpus.article(5).text != NewsCorpus(size=200, seed=4).article(5).text


def test_the_synthetic_extraction_points_at_the_names_in_the_text():
    corpus = NewsCorpus(size=100)
    article, extraction = corpus.article(9), corpus.extraction(9)
    assert extraction.article.id == article.id and extraction.article.text == ""
    assert {m.type for m in extraction.mentions} == {"Person", "Country", "Organization"}
    for mention in extraction.mentions:
        assert article.text[mention.start : mention.end] == mention.text
        assert mention.sentence in article.text
    for relation in extraction.relations:
        assert article.text[relation.evidence_start : relation.evidence_end] == relation.evidence
    ids = {m.id for m in extraction.mentions}
    assert extraction.relations and all(r.source in ids and r.target in ids for r in extraction.relations)


def test_later_articles_extend_an_earlier_corpus(tmp_path):
    corpus = NewsCorpus(size=50)
    first = corpus.write(tmp_path, stop=3)
    more = corpus.write(tmp_path, start=3, stop=5)
    assert (first.articles, more.articles) == (3, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"gen-{k:07d}.txt" for k in range(5)]
    assert (tmp_path / "gen-0000004.txt").read_text(encoding="utf-8") == corpus.article(4).text


def test_synthetic_extractions_resolve_into_one_growing_graph():
    corpus = NewsCorpus(size=60)
    graph = build_graph(resolve(list(corpus.extractions())))
    people = [n for n, a in graph.nodes(data=True) if a["type"] == "Person"]
    # popular people recur across articles and lone family names join their full names
    assert 200 < len(people) <= corpus.population
    assert all(" " in graph.nodes[n]["name"] for n in people)
    assert max(graph.degree(n) for n in people) > 10
