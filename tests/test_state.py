"""A graph's update state (graph.json.state) is checked before an --update builds on it: a damaged,
missing or foreign state is one line and nothing is written (real model, invented articles)."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.export import read_graph
from graphbuild.pipeline import build_graph_from_sources, write_outputs
from graphbuild.resolve import Store
from graphbuild.state import STATE_ATTRIBUTE, state_path

SCRIPT = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Path:
    root = tmp_path_factory.mktemp("state")
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text(
        "Chilean President Irena Tovar met Peruvian Foreign Minister Ignacio Berg in Lima.\n", encoding="utf-8"
    )
    (root / "b").mkdir()
    (root / "b" / "two.txt").write_text(
        "Norwegian Prime Minister Lea Sandvik met Ignacio Berg in Oslo.\n", encoding="utf-8"
    )
    (root / "c").mkdir()
    (root / "c" / "three.txt").write_text("Kenyan President Daniel Waweru visited Ghana on Monday.\n", encoding="utf-8")
    for name, folder in (("graph.json", "a"), ("other.json", "c")):
        done = subprocess.run(
            [str(SCRIPT), "build", str(root / folder), "-o", str(root / name), "-q"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    return root


def _copy(built: Path, tmp_path: Path, name: str = "graph.json") -> Path:
    graph = tmp_path / "graph.json"
    graph.write_bytes((built / name).read_bytes())
    state_path(graph).write_bytes(state_path(built / name).read_bytes())
    return graph


def _sql(graph: Path, statement: str) -> None:
    with sqlite3.connect(state_path(graph)) as db:
        db.execute(statement)
    db.close()


DAMAGE = {
    "truncated": lambda g: state_path(g).write_bytes(state_path(g).read_bytes()[:3000]),
    "not a database": lambda g: state_path(g).write_bytes(b"graphbuild " * 500),
    "tally not JSON": lambda g: _sql(g, "UPDATE tallies SET tally = '{not json'"),
    "relations unreadable": lambda g: _sql(g, "UPDATE articles SET relations = x'00ff'"),
    "settings not JSON": lambda g: _sql(g, "UPDATE meta SET value = 'oops' WHERE name = 'rules'"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_state_is_one_line_and_nothing_is_written(built, tmp_path, damage):
    graph = _copy(built, tmp_path)
    damage(graph)
    before = graph.read_bytes(), state_path(graph).read_bytes()
    done = subprocess.run(
        [str(SCRIPT), "build", str(built / "b"), "--update", str(graph), "-o", str(graph)],
        capture_output=True,
        text=True,
    )
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert lines == [lines[0]] and lines[0].startswith(
        "Error: the graph's recorded state is damaged (graph.json.state"
    ), done.stderr
    assert (graph.read_bytes(), state_path(graph).read_bytes()) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no working copy left


def test_a_missing_or_foreign_state_is_refused(built, tmp_path):
    graph = tmp_path / "graph.json"
    graph.write_bytes((built / "graph.json").read_bytes())
    done = subprocess.run(
        [str(SCRIPT), "build", str(built / "b"), "--update", str(graph), "-o", str(graph)],
        capture_output=True,
        text=True,
    )
    assert (
        done.returncode == 2
        and "graph.json.state: the update state of graph.json is missing (it is written beside the graph" in done.stderr
    )
    state_path(graph).write_bytes(state_path(built / "other.json").read_bytes())
    done = subprocess.run(
        [str(SCRIPT), "build", str(built / "b"), "--update", str(graph), "-o", str(graph)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "graph.json.state is the state of another graph than graph.json" in done.stderr


def test_after_a_crash_between_the_two_files_the_state_is_the_truth(built, tmp_path, caplog):
    """The state is written before the graph: a graph.json one update behind still finds its state."""
    graph = _copy(built, tmp_path)
    old_graph = graph.read_bytes()
    write_outputs(build_graph_from_sources([built / "b"], update=graph), [graph])
    graph.write_bytes(old_graph)  # as if the run had died after writing the state
    with caplog.at_level(logging.WARNING, logger="graphbuild.update"):
        updated = build_graph_from_sources([built / "c"], update=graph)
    assert {"article:a/one", "article:b/two", "article:c/three"} <= set(updated)
    assert "older than its state" in caplog.text


def test_the_state_holds_the_extractions_and_no_article_text(built):
    store = Store(state_path(built / "graph.json"), read_only=True)
    [extraction] = list(store.extractions())
    assert extraction.article.id == "a/one" and extraction.article.text == "" and extraction.relations
    assert store.meta("root") == str(built)  # the folder holding the folder "a" that was built: ids are paths in it
    header = json.loads(read_graph(built / "graph.json").graph[STATE_ATTRIBUTE])
    assert header["articles"] == 1 and len(header["state"]) == 32
    store.close()


def test_a_graph_of_the_old_format_is_updated_from_the_extractions_inside_it(built, tmp_path, nlp):
    """Version 1 kept every extraction inside graph.json; such a graph is read once into a new state."""
    store = Store(state_path(built / "graph.json"), read_only=True)
    [extraction] = list(store.extractions())
    fields_m, fields_r = store.mention_fields, store.relation_fields
    store.close()
    sentences = list(
        dict.fromkeys([m.sentence for m in extraction.mentions] + [r.evidence for r in extraction.relations])
    )
    mentions = [
        [(sentences.index(v) if f == "sentence" else v) for f, v in m.model_dump(mode="json").items() if f in fields_m]
        for m in extraction.mentions
    ]
    relations = [
        [(sentences.index(v) if f == "evidence" else v) for f, v in r.model_dump(mode="json").items() if f in fields_r]
        for r in extraction.relations
    ]
    old_state = {
        "version": 1,
        "model": json.loads(read_graph(built / "graph.json").graph[STATE_ATTRIBUTE])["model"],
        "root": str(built),
        "mention_fields": [f for f in extraction.mentions[0].model_dump() if f in fields_m],
        "relation_fields": [f for f in extraction.relations[0].model_dump() if f in fields_r],
        "extractions": [
            {
                "article": extraction.article.model_dump(mode="json", exclude_none=True, exclude={"text"}),
                "sentences": sentences,
                "mentions": mentions,
                "relations": relations,
            }
        ],
    }
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    data["graph"][STATE_ATTRIBUTE] = json.dumps(old_state)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    updated = build_graph_from_sources([built / "b"], update=old)
    rebuilt = build_graph_from_sources([built / "a" / "one.txt", built / "b"])
    write_outputs(updated, [tmp_path / "u.json"])
    write_outputs(rebuilt, [tmp_path / "r.json"])
    assert (tmp_path / "u.json").read_bytes() == (tmp_path / "r.json").read_bytes()
