"""A graph's recorded extractions are validated before an --update builds on them (real model)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.state import STATE_ATTRIBUTE, UpdateError, load_state

SCRIPT = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> Path:
    root = tmp_path_factory.mktemp("state")
    (root / "a").mkdir()
    (root / "a" / "one.txt").write_text("Chilean President Ana Ruiz met Peruvian Foreign Minister Tomas Berg in Lima.\n", encoding="utf-8")
    (root / "b").mkdir()
    (root / "b" / "two.txt").write_text("Norwegian Prime Minister Lea Holm met Tomas Berg in Oslo.\n", encoding="utf-8")
    done = subprocess.run([str(SCRIPT), "build", str(root / "a"), "-o", str(root / "graph.json"), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root


def _tampered(built: Path, tmp_path: Path, edit) -> Path:
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    state = json.loads(data["graph"][STATE_ATTRIBUTE])
    edit(state)
    data["graph"][STATE_ATTRIBUTE] = json.dumps(state)
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _first_relation(state: dict) -> list:
    return state["extractions"][0]["relations"][0]


EDITS = {
    "negative sentence index": lambda s: _first_relation(s).__setitem__(s["relation_fields"].index("evidence"), -1),
    "relation to a missing mention": lambda s: _first_relation(s).__setitem__(s["relation_fields"].index("source"), "one:9999"),
    "unknown relation type text": lambda s: _first_relation(s).__setitem__(s["relation_fields"].index("type"), "not a type"),
    "mention start as text": lambda s: s["extractions"][0]["mentions"][0].__setitem__(s["mention_fields"].index("start"), "zero"),
    "missing field list": lambda s: s.pop("mention_fields"),
    "model not text": lambda s: s.__setitem__("model", 7),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_damaged_state_is_one_line_and_nothing_is_written(built, tmp_path, edit):
    graph = _tampered(built, tmp_path, edit)
    before = graph.read_bytes()
    done = subprocess.run([str(SCRIPT), "build", str(built / "b"), "--update", str(graph), "-o", str(graph)], capture_output=True, text=True)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert lines == [lines[0]] and lines[0].startswith("Error: the graph's recorded extractions are damaged")
    assert graph.read_bytes() == before


def test_an_intact_state_loads(built):
    data = json.loads((built / "graph.json").read_text(encoding="utf-8"))
    state = load_state(data["graph"][STATE_ATTRIBUTE])
    assert [x.article.id for x in state.extractions] == ["a/one"] and state.extractions[0].relations
    assert state.root == str(built)  # the folder holding the folder "a" that was built


def test_not_json_at_all():
    with pytest.raises(UpdateError, match="damaged"):
        load_state("{not json")
