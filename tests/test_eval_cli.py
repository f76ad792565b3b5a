"""`graphbuild eval`: text and JSON output, both graph formats, one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOLD, flawless, one_error_line, runner

from graphbuild.cli import app
from graphbuild.evaluate import evaluate, load_gold
from graphbuild.export import write_graph

SCRIPT = Path(sys.executable).parent / "graphbuild"


def test_text_report(flawed):
    result = runner().invoke(app, ["eval", str(flawed), "--gold", str(GOLD)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["type", "P", "R", "F1", "correct", "gold", "predicted"]
    assert lines[1].split() == ["Person", "0.88", "1.00", "0.93", "7", "7", "8"]
    assert lines[4].split() == ["MET_WITH", "0.67", "0.67", "0.67", "2", "3", "3"]
    assert "MET_WITH missed (1): Faith Akinyi -MET_WITH-> Monica Castellan" in lines
    assert "MET_WITH refuted (1): Benson Onyango -MET_WITH-> Osvaldo Serrano" in lines
    assert "split (1): Monica Castellan = Castellan + Monica Castellan" in lines
    assert lines[-1] == "summary: entity F1 0.978, relation F1 0.889, 1 split, 0 merged"


def test_json_report_is_the_library_report(flawed):
    result = runner().invoke(app, ["eval", str(flawed), "--gold", str(GOLD), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    from graphbuild.export import read_graph

    assert data == evaluate(read_graph(flawed), load_gold(GOLD)).model_dump()
    assert data["relations"]["MET_WITH"]["refuted"] == ["Benson Onyango -MET_WITH-> Osvaldo Serrano"]
    assert data["split"] == [{"gold": "Monica Castellan", "nodes": ["Castellan", "Monica Castellan"]}]


def test_graphml_gives_the_same_report_as_json(tmp_path):
    graph = flawless()
    graph.nodes["Rui Matos"]["aliases"] = ["Prime Minister Matos"]  # a list attribute, JSON text in GraphML
    graph.nodes["Rui Matos"]["name"] = "PM"
    outputs = []
    for suffix in (".json", ".graphml"):
        path = tmp_path / f"g{suffix}"
        write_graph(graph, path)
        outputs.append(runner().invoke(app, ["eval", str(path), "--gold", str(GOLD), "--json"]).stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["entities"]["Person"]["recall"] == 1.0


def test_bad_gold_file_is_one_line_naming_it(flawed, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": {"a": {"type": "Place", "name": "A"}}, "articles": {}}')
    result = runner().invoke(app, ["eval", str(flawed), "--gold", str(gold)])
    assert result.exit_code == 2
    one_error_line(result.stderr)
    assert f"{gold}: entities.a.type" in result.stderr
    missing = runner().invoke(app, ["eval", str(flawed), "--gold", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "none.json: cannot read gold file: no such file" in missing.stderr
    one_error_line(missing.stderr)


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "no such file"),
        ('{"nodes": "x"}', "not a readable graph"),
        (
            '{"directed": true, "multigraph": true, "graph": {}, "nodes": [{"id": "a", "name": "A"}], "links": []}',
            "its nodes have no 'type'",
        ),
    ],
)
def test_bad_graph_file_is_one_line(tmp_path, content, expected):
    graph = tmp_path / "graph.json"
    if content is not None:
        graph.write_text(content)
    result = runner().invoke(app, ["eval", str(graph), "--gold", str(GOLD)])
    assert result.exit_code != 0
    one_error_line(result.stderr)
    assert expected in result.stderr and result.stdout == ""


def test_the_gold_file_passed_as_the_graph_is_an_error():
    result = runner().invoke(app, ["eval", str(GOLD), "--gold", str(GOLD)])
    assert result.exit_code != 0
    one_error_line(result.stderr)


def test_gold_is_required():
    result = runner().invoke(app, ["eval", "graph.json"])
    assert result.exit_code == 2 and "--gold" in result.stderr


def test_installed_script(flawed):
    result = subprocess.run(
        [str(SCRIPT), "eval", str(flawed), "--gold", str(GOLD), "--json"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["split"] == 1
