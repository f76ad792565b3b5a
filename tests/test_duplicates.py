"""Near-duplicate articles (one story under two names, a syndicated copy) are found, reported and counted once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import runner

from graphbuild.cli import app
from graphbuild.duplicates import MAX_WORDS, find_copies, fingerprint
from graphbuild.export import read_graph
from graphbuild.models import Article
from graphbuild.pipeline import build_graph_from_sources
from graphbuild.read import ReadOptions

STORY = (
    "LISBON — Chilean Foreign Minister Alba Ferrer met Norwegian Foreign Minister Lea Sandvik in Lisbon on Monday, "
    "their first meeting since the fisheries dispute began.\n"
    "The two ministers discussed quotas for the southern fleet, a new inspection regime and the debts of the "
    "harbour authority, officials from both delegations said after the talks.\n"
    "Ferrer told reporters that Chile wanted an agreement before the end of the season, while Sandvik said Norway "
    "would send a technical team to Valparaiso next month to prepare the next round of negotiations.\n"
    "Neither side gave details of the inspection regime, which fishing groups in both countries have criticised."
)
# The same story from a syndicating site: its own headline and credit line, a few words changed.
COPY = (
    "Chile and Norway hold fisheries talks\n"
    + STORY.replace("said after the talks", "said after the meeting").replace("gave details", "disclosed details")
    + "\nReporting by the Harbour Wire; editing by Renzo Berg."
)
# Another outlet's own report of the same meeting: same facts, its own words.
OTHER = (
    "Norway's Lea Sandvik and Chile's Alba Ferrer sat down in Lisbon on Monday to try to end a long quarrel over fishing.\n"
    "Sandvik met Ferrer for three hours, according to a Norwegian diplomat, and both called the discussion useful.\n"
    "A team of Norwegian experts is expected in Valparaiso in the coming weeks."
)


def article(aid: str, text: str, published: date | None = None) -> Article:
    return Article(id=aid, text=text, published=published, fingerprint=fingerprint(text))


def test_a_syndicated_copy_is_found_and_another_report_of_the_event_is_not():
    articles = [
        article("agency-story", STORY, date(2024, 5, 6)),
        article("syndicated", COPY, date(2024, 5, 7)),
        article("own-report", OTHER, date(2024, 5, 6)),
    ]
    assert find_copies(articles) == {"syndicated": "agency-story"}
    assert find_copies(list(reversed(articles))) == {"syndicated": "agency-story"}  # the order read changes nothing


def test_the_article_published_first_is_the_original():
    assert find_copies([article("a-late", STORY, date(2024, 5, 9)), article("z-early", COPY, date(2024, 5, 1))]) == {
        "a-late": "z-early"
    }
    assert find_copies([article("b", STORY), article("a", COPY)]) == {"b": "a"}  # no dates: the smaller id


def test_fingerprints_ignore_case_and_line_breaks_and_need_words():
    assert fingerprint(STORY) == fingerprint(STORY.upper().replace("\n", "  "))
    assert fingerprint("") is None and fingerprint("— … —") is None
    assert find_copies([article("a", STORY), Article(id="b", text=STORY)]) == {}  # no fingerprint: nothing to compare


def test_a_huge_text_is_fingerprinted_by_its_first_words():
    head = " ".join(f"w{i}" for i in range(MAX_WORDS))
    assert fingerprint(head + " and a tail of a million more" * 100_000) == fingerprint(head)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dup")
    for name, text in (("agency-story", STORY), ("syndicated", COPY), ("own-report", OTHER)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def met_with(graph) -> dict:
    return graph.edges["person:alba-ferrer", "person:lea-sandvik", "MET_WITH"]


def in_corpus(corpus: Path) -> ReadOptions:
    """Ids as the files' names: the corpus folder is the source root."""
    return ReadOptions(root=corpus)


def test_a_copy_is_an_article_of_the_graph_but_its_story_counts_once(corpus, nlp):
    graph = build_graph_from_sources([corpus], options=in_corpus(corpus))
    assert graph.nodes["article:syndicated"]["duplicate_of"] == "agency-story"
    assert "duplicate_of" not in graph.nodes["article:own-report"]
    met = met_with(graph)
    says_it = {item["article"] for item in met["evidence"]}
    assert {"agency-story", "syndicated"} <= says_it
    independent = {item["article"] for item in met["evidence"] if item["article"] != "syndicated"}
    per_article = [sum(1 for item in met["evidence"] if item["article"] == a) for a in independent]
    assert met["weight"] == sum(per_article)  # the copy's sentences add nothing to the weight


def test_the_build_reports_copies_and_stats_counts_them(corpus, tmp_path, nlp):
    out = tmp_path / "g.json"
    result = runner().invoke(app, ["build", str(corpus), "--root", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "warning: 1 near-duplicate article(s)" in result.stderr
    assert "syndicated (copy of agency-story)" in result.stderr
    stats = runner().invoke(app, ["stats", str(out), "--json"])
    assert json.loads(stats.stdout)["near_duplicate_articles"] == 1
    assert "1 article(s) are near-duplicate copies" in runner().invoke(app, ["stats", str(out)]).stdout


def test_an_update_finds_the_copy_of_an_article_read_before(corpus, tmp_path, nlp):
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir(), rest.mkdir()
    (first / "agency-story.txt").write_text(STORY, encoding="utf-8")
    for name, text in (("syndicated", COPY), ("own-report", OTHER)):
        (rest / f"{name}.txt").write_text(text, encoding="utf-8")
    assert runner().invoke(app, ["build", str(first), "-q", "-o", str(tmp_path / "g.json")]).exit_code == 0
    update = runner().invoke(
        app, ["build", str(rest), "--update", str(tmp_path / "g.json"), "-o", str(tmp_path / "g.json")]
    )
    assert update.exit_code == 0, update.stderr
    assert (
        "rest/syndicated (copy of first/agency-story)" in update.stderr
    )  # the old article's fingerprint was in the graph
    assert (
        runner().invoke(app, ["build", str(first), str(rest), "-q", "-o", str(tmp_path / "full.json")]).exit_code == 0
    )
    updated, full = read_graph(tmp_path / "g.json"), read_graph(tmp_path / "full.json")
    assert without_sources(updated) == without_sources(full)  # the files differ only in where articles were read


def without_sources(graph) -> tuple[dict, dict]:
    nodes = {n: {k: v for k, v in d.items() if k != "source"} for n, d in graph.nodes(data=True)}
    return nodes, {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def test_workers_find_the_same_copies(corpus, nlp):
    one = build_graph_from_sources([corpus], options=in_corpus(corpus))
    two = build_graph_from_sources([corpus], workers=2, options=in_corpus(corpus))
    assert two.nodes["article:syndicated"]["duplicate_of"] == "agency-story"
    assert met_with(two) == met_with(one)
