"""``update(build(A), B)`` is ``build(A ∪ B)``, byte for byte, in JSON and GraphML (real model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import _write

from graphbuild.export import read_graph
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.pipeline import build_graph_from_sources, write_outputs
from graphbuild.resolve import Store
from graphbuild.state import STATE_ATTRIBUTE, UpdateError, state_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Small articles of our own; some people appear in both halves.
EXTRA_A = {
    "x_summit.txt": "Indian Prime Minister Arun Mehra met Japanese Prime Minister Kenji Takeda in Tokyo on Monday. "
    "Mehra said India supports Japan in its bid for a permanent seat.\n",
}
EXTRA_B = {
    "y_talks.txt": "US Defense Secretary Lloyd Austin met Chinese Defence Minister Dong Jun in Singapore. "
    "Austin told Dong that the Pentagon wanted open military channels, a Pentagon statement said.\n",
    "z_followup.txt": "On Friday, Ratner met Li again, officials said. In Washington, Kenji Takeda also met Lloyd Austin.\n",
}


def _corpus(folder: Path, seeds: list[Path], extra: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    seeds = sorted(SEEDS.glob("*.txt"))
    a = _corpus(root / "a", seeds[:3], EXTRA_A)
    b = _corpus(root / "b", seeds[3:], EXTRA_B)
    return root, a, b


@pytest.fixture(scope="module")
def full_and_updated(corpora):
    root, a, b = corpora
    full = _write(build_graph_from_sources([a, b]), root / "full")
    _write(build_graph_from_sources([a]), root / "a_only")
    updated = _write(build_graph_from_sources([b], update=root / "a_only.json"), root / "updated")
    return full, updated


def test_update_equals_full_rebuild_json(full_and_updated):
    (full_json, _), (updated_json, _) = full_and_updated
    assert updated_json == full_json


def test_update_equals_full_rebuild_graphml(full_and_updated):
    (_, full_graphml), (_, updated_graphml) = full_and_updated
    assert updated_graphml == full_graphml


def test_update_resolves_across_old_and_new_articles(corpora, full_and_updated):
    root, _, _ = corpora
    graph = read_graph(root / "updated.json")
    # One node for a person named in an old and in a new article.
    # (ids are paths in the folder holding both halves: the first build recorded it)
    assert graph.has_edge("person:lloyd-austin", "article:a/000_60ca35eebeffaa42", key="MENTIONED_IN")
    assert graph.has_edge("person:lloyd-austin", "article:b/y_talks", key="MENTIONED_IN")
    assert graph.has_edge("person:kenji-takeda", "article:a/x_summit", key="MENTIONED_IN")
    assert graph.has_edge("person:kenji-takeda", "article:b/z_followup", key="MENTIONED_IN")


def test_updating_twice_and_in_any_order(corpora, full_and_updated):
    root, a, b = corpora
    (full_json, full_graphml), _ = full_and_updated
    # B first, then A: the same graph.
    _write(build_graph_from_sources([b]), root / "b_only")
    assert _write(build_graph_from_sources([a], update=root / "b_only.json"), root / "b_then_a") == (
        full_json,
        full_graphml,
    )


def test_the_graph_carries_a_header_and_its_state_lies_beside_it_without_article_text(corpora, full_and_updated):
    root, a, _ = corpora
    data = json.loads((root / "full.json").read_text(encoding="utf-8"))
    header = json.loads(data["graph"][STATE_ATTRIBUTE])
    assert (header["version"], header["model"], header["articles"]) == (2, DEFAULT_MODEL, 8)
    state = state_path(root / "full.json")
    store = Store(state)
    extractions = list(store.extractions())
    assert [x.article.id for x in extractions] == sorted(x.article.id for x in extractions)
    assert all(x.article.text == "" for x in extractions) and sum(len(x.mentions) for x in extractions) > 100
    seed_text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    assert seed_text[:200].encode() not in state.read_bytes()
    # GraphML stays flat: graph attributes are not written there at all, and it gets no state.
    assert STATE_ATTRIBUTE not in (root / "full.graphml").read_text(encoding="utf-8")
    assert not state_path(root / "full.graphml").exists()


def test_a_new_version_of_an_article_replaces_the_old_one(tmp_path, corpora):
    news = _corpus(
        tmp_path / "news",
        [],
        {"story.txt": "French President Etienne Marchal met German Chancellor Otto Kellner in Berlin.\n"},
    )
    write_outputs(build_graph_from_sources([news]), [tmp_path / "old.json"])
    (news / "story.txt").write_text(
        "French President Etienne Marchal met Italian Prime Minister Chiara Ravelli in Rome.\n", encoding="utf-8"
    )
    updated = build_graph_from_sources([news / "story.txt"], update=tmp_path / "old.json")  # the edited file alone
    rebuilt = build_graph_from_sources([news])
    write_outputs(updated, [tmp_path / "u.json"])
    write_outputs(rebuilt, [tmp_path / "r.json"])
    assert (tmp_path / "u.json").read_bytes() == (tmp_path / "r.json").read_bytes()
    assert "person:otto-kellner" not in updated and "person:chiara-ravelli" in updated


def test_graphml_and_stateless_graphs_cannot_be_updated(tmp_path, corpora):
    root, _, b = corpora
    with pytest.raises(UpdateError, match="only a node-link .json"):
        build_graph_from_sources([b], update=root / "full.graphml")
    data = json.loads((root / "full.json").read_text(encoding="utf-8"))
    data["graph"] = {}
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UpdateError, match="no extractions"):
        build_graph_from_sources([b], update=tmp_path / "old.json")


def test_update_with_another_model_is_refused(corpora):
    root, _, b = corpora
    with pytest.raises(UpdateError, match="built with model"):
        build_graph_from_sources([b], update=root / "full.json", model="en_core_web_trf")
