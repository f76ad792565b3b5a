"""``graphbuild build --corrections``: the corrected graph in JSON, GraphML and Neo4j, kept by
``--update``, and the command line's messages (invented names and articles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ARTICLES, CORRECTIONS_YAML, _write

from graphbuild.corrections import load_corrections
from graphbuild.export import read_graph, write_graph
from graphbuild.export.neo4j import export_with_settings
from graphbuild.pipeline import build_graph_from_sources

SCRIPT = Path(sys.executable).parent / "graphbuild"
FIRST, LATER = ["lisbon_talks", "santiago_visit"], ["rome_meeting"]


def _folder(root: Path, name: str, article_ids: list[str]) -> Path:
    folder = root / name
    folder.mkdir()
    for aid in article_ids:
        (folder / f"{aid}.txt").write_text(ARTICLES[aid] + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def setup(tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("corrected")
    first, later = _folder(root, "first", FIRST), _folder(root, "later", LATER)
    (root / "corrections.yaml").write_text(CORRECTIONS_YAML, encoding="utf-8")
    return root, first, later, load_corrections(root / "corrections.yaml")


@pytest.fixture(scope="module")
def corrected(setup):
    root, first, later, corrections = setup
    return build_graph_from_sources([first, later], corrections=corrections)


def test_corrections_reach_json_and_graphml(corrected, tmp_path):
    for suffix in (".json", ".graphml"):
        write_graph(corrected, tmp_path / f"g{suffix}")
        graph = read_graph(tmp_path / f"g{suffix}")
        assert graph.nodes["person:irena-tovar-quiroga"]["name"] == "Irena Tovar-Quiroga", suffix
        assert "I. Tovar-Quiroga" in graph.nodes["person:irena-tovar-quiroga"]["aliases"]
        assert graph.nodes["person:ines-duarte"]["country"] == "CL"
        assert graph.has_edge("person:ines-duarte", "country:cl", key="AFFILIATED_WITH")
        assert graph.has_edge("person:irena-tovar-quiroga", "person:tomas-varga", key="MET_WITH")
        assert not {
            "person:irena-tovar",
            "person:tovar-quiroga",
            "organization:getty-images",
            "person:carla-nunes",
        } & set(graph)


def test_corrections_reach_neo4j(corrected, neo4j_settings, neo4j_clean):
    export_with_settings(corrected, neo4j_settings)
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (p:Person)-[:MET_WITH]-(q:Person) RETURN p.id AS p, q.id AS q, p.name AS name",
        database_=neo4j_settings.database,
    )
    met = {(r["p"], r["q"]) for r in records}
    assert ("person:irena-tovar-quiroga", "person:tomas-varga") in met
    assert ("person:maria-elena-costa", "person:tomas-varga-2") in met
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (n) WHERE n.id IN ['person:irena-tovar', 'person:tovar-quiroga'] RETURN count(n) AS n",
        database_=neo4j_settings.database,
    )
    assert records[0]["n"] == 0


def test_the_graph_records_its_corrections_and_updates_keep_applying_them(setup, corrected, tmp_path):
    root, first, later, corrections = setup
    header = json.loads(corrected.graph["graphbuild"])
    assert header["corrections"] == corrections.model_dump(mode="json", exclude_defaults=True)
    full = _write(corrected, tmp_path / "full")
    _write(build_graph_from_sources([first], corrections=corrections), tmp_path / "first")
    updated = build_graph_from_sources([later], update=tmp_path / "first.json")  # no corrections given: the graph's
    assert _write(updated, tmp_path / "updated") == full


def test_corrections_given_to_an_update_replace_the_recorded_ones(setup, corrected, tmp_path):
    root, first, later, corrections = setup
    _write(build_graph_from_sources([first, later]), tmp_path / "plain")
    # Corrections added later, without new articles: the graph a corrected full build gives.
    now_corrected = build_graph_from_sources([], update=tmp_path / "plain.json", corrections=corrections)
    assert _write(now_corrected, tmp_path / "now") == _write(corrected, tmp_path / "full")
    # An empty file drops them again.
    (tmp_path / "none.yaml").write_text("", encoding="utf-8")
    dropped = build_graph_from_sources(
        [], update=tmp_path / "now.json", corrections=load_corrections(tmp_path / "none.yaml")
    )
    assert _write(dropped, tmp_path / "dropped") == _write(
        build_graph_from_sources([first, later]), tmp_path / "plain2"
    )
    assert "corrections" not in json.loads(dropped.graph["graphbuild"])


def test_cli_corrections_and_warnings(setup, tmp_path):
    root, first, later, _ = setup
    (tmp_path / "c.yaml").write_text(
        "same:\n  - [Irena Tovar, I. Tovar-Quiroga]\nignore:\n  - Zora Quill\n", encoding="utf-8"
    )
    out = tmp_path / "g.json"
    result = subprocess.run(
        [str(SCRIPT), "build", str(first), str(later), "-o", str(out), "--corrections", str(tmp_path / "c.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {tmp_path / 'c.yaml'} line 4: 'Zora Quill' names nothing in the graph" in result.stderr.splitlines()
    )
    graph = read_graph(out)
    assert "person:irena-tovar" in graph and "person:tovar-quiroga" not in graph
    # Later, with no new articles: the recorded corrections still apply, the warning comes again.
    again = subprocess.run([str(SCRIPT), "build", "--update", str(out), "-o", str(out)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "ignore entry 1: 'Zora Quill' names nothing in the graph" in again.stderr
    assert "person:tovar-quiroga" not in read_graph(out)


def test_cli_malformed_corrections_file_is_one_line_and_writes_nothing(setup, tmp_path):
    root, first, _, _ = setup
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "same:\n  - [Irena Tovar, I. Tovar-Quiroga]\nentities:\n  - entity: Irena Tovar\n    country: Spain\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(SCRIPT), "build", str(first), "-o", str(tmp_path / "g.json"), "--corrections", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [
        f"Error: {bad}: line 5: entities.0.country: 'Spain' is not an ISO 3166 alpha-2 country code (like ES or NO)"
    ]
    assert not (tmp_path / "g.json").exists()
