"""Adding, replacing and removing articles in any order gives the graph, and the stored tallies, of resolving
the final articles at once (hand-made extractions of invented articles; no model)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from resolver_input import extraction, mention, met

from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.pipeline import graph_from_extractions, graph_from_resolver, write_outputs
from graphbuild.rules import Rules
from graphbuild.state import GraphState

PEOPLE = [
    ("Ana Torvel", "CL"),
    ("Jorge Torvel", "PE"),
    ("Lucia Marandi", "BO"),
    ("Adan Kovar", None),
    ("Ines Duarte", "CL"),
]
BODIES = ["Foreign Ministry", "Northern Relief Council", "Senate"]


def article(aid: str, rng: random.Random):
    """An article naming a few people in full and again by surname, a body or two, and meetings between them."""
    mentions, relations, start = [], [], 0
    chosen = rng.sample(PEOPLE, 3)
    for name, country in chosen:
        mentions.append(
            mention(aid, start, "Person", name, role="Minister", country=country, evidence="title" if country else None)
        )
        mentions.append(mention(aid, start + 40, "Person", name.split()[-1]))
        start += 80
    for body in rng.sample(BODIES, 2):
        country = rng.choice(["CL", "PE", None])
        mentions.append(
            mention(aid, start, "Organization", body, country=country, evidence="title" if country else None)
        )
        start += 40
    people = [m for m in mentions if m.type == "Person" and " " in m.text]
    relations.append(met(people[0], people[1]))
    if rng.random() < 0.5:
        relations.append(met(people[1], people[2], "CRITICIZED"))
    return extraction(aid, *mentions, relations=tuple(relations))


def _bytes(graph, path: Path) -> bytes:
    write_outputs(graph, [path])
    return path.read_bytes()


@pytest.mark.parametrize("seed", range(6))
def test_any_order_of_updates_gives_the_full_build(tmp_path, seed):
    rng = random.Random(seed)
    versions = {f"story-{i:02d}": [article(f"story-{i:02d}", rng) for _ in range(2)] for i in range(10)}
    state = GraphState.new(DEFAULT_MODEL)
    resolver = state.resolver(Rules().types, None)
    final: dict[str, object] = {}
    for _ in range(40):
        aid = rng.choice(sorted(versions))
        if aid in final and rng.random() < 0.3:
            resolver.remove(aid)
            del final[aid]
        else:
            final[aid] = rng.choice(versions[aid])  # a new article, or a new version of one already in
            resolver.add(final[aid])
        if rng.random() < 0.2:  # an update ends, the graph is made, and the next update starts from the store
            graph_from_resolver(resolver, state, Rules())
            resolver = state.resolver(Rules().types, None)
    updated = graph_from_resolver(resolver, state, Rules())
    stored = sorted((k, t.to_json()) for k, t in state.store.tallies())
    full = graph_from_extractions(final[aid] for aid in sorted(final))
    assert _bytes(updated, tmp_path / "updated.json") == _bytes(full, tmp_path / "full.json")
    assert stored == sorted((k, t.to_json()) for k, t in full.graphbuild_state.store.tallies())


def test_graph_json_written_from_the_store_is_the_networkx_graphs(tmp_path):
    """The CLI writes graph.json from the resolver's store without a networkx graph: the same bytes as
    ``json.dump(nx.node_link_data(graph))``, and the same statistics."""
    import json

    import networkx as nx

    from graphbuild.pipeline import built_from_extractions
    from graphbuild.stats import graph_stats

    rng = random.Random(11)
    articles = [article(f"story-{i:02d}", rng) for i in range(12)]
    streamed = built_from_extractions(iter(articles))
    streamed.write([tmp_path / "streamed.json"])
    stats = streamed.stats()
    graph = built_from_extractions(iter(articles)).graph()
    with open(tmp_path / "dumped.json", "w", encoding="utf-8") as handle:
        json.dump(nx.node_link_data(graph, edges="edges"), handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")
    assert (tmp_path / "streamed.json").read_bytes() == (tmp_path / "dumped.json").read_bytes()
    assert stats == graph_stats(graph) and stats.edges > 50


def test_tallies_written_to_the_store_during_a_long_build_change_nothing(tmp_path, monkeypatch):
    """A long build keeps at most TOUCHED_LIMIT tallies in memory, writing the others to the store."""
    from graphbuild.resolve import resolver as resolver_module

    rng = random.Random(5)
    articles = [article(f"story-{i:02d}", rng) for i in range(12)]
    whole = _bytes(graph_from_extractions(iter(articles)), tmp_path / "whole.json")
    monkeypatch.setattr(resolver_module, "TOUCHED_LIMIT", 3)
    assert _bytes(graph_from_extractions(iter(articles)), tmp_path / "bounded.json") == whole
