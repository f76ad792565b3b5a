"""The graphbuild command line: typer's CliRunner, and the installed script in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from helpers import one_error_line, plain_graphml, runner

from graphbuild.cli import app

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "graphbuild"

ARTICLES = {
    "a1.txt": "French President Lucien Dauvergne met German Chancellor Matthias Kellner in Berlin on Tuesday.\n",
    "a2.txt": "Swedish Prime Minister Ulf Kristersson pledged support for Ukraine.\n",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_build_writes_both_formats_and_prints_stats(corpus, tmp_path, nlp):
    gml, js = tmp_path / "g.graphml", tmp_path / "g.json"
    result = runner().invoke(app, ["build", str(corpus), "-o", str(gml), "-o", str(js)])
    assert result.exit_code == 0, result.stderr
    assert gml.exists() and js.exists()
    graph = plain_graphml(gml)
    data = json.loads(js.read_text("utf-8"))
    assert graph.number_of_nodes() == len(data["nodes"]) > 0
    assert "nodes" in result.stderr and "edges" in result.stderr
    assert f"wrote {gml}" in result.stderr
    assert "Person" in result.stderr


def test_build_quiet_prints_nothing(corpus, tmp_path, nlp):
    result = runner().invoke(app, ["build", str(corpus), "-q", "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_stats_human_and_json(corpus, tmp_path, nlp):
    js = tmp_path / "g.json"
    assert runner().invoke(app, ["build", str(corpus), "-q", "-o", str(js)]).exit_code == 0
    human = runner().invoke(app, ["stats", str(js)])
    assert human.exit_code == 0
    assert "nodes" in human.stdout and "Person" in human.stdout and "MET_WITH" in human.stdout
    as_json = runner().invoke(app, ["stats", str(js), "--json"])
    assert as_json.exit_code == 0
    stats = json.loads(as_json.stdout)
    graph = nx.node_link_graph(json.loads(js.read_text("utf-8")))
    assert stats["nodes"] == graph.number_of_nodes()
    assert stats["edges"] == graph.number_of_edges()
    assert stats["nodes_by_type"]["Article"] == 2
    assert stats["edges_by_type"]["MET_WITH"] == 1


def test_bad_suffix_is_one_line_error(corpus, tmp_path):
    result = runner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out.xyz")])
    assert result.exit_code != 0
    one_error_line(result.stderr)
    assert ".xyz" in result.stderr
    assert not (tmp_path / "out.xyz").exists()


def test_no_output_is_an_error(corpus):
    result = runner().invoke(app, ["build", str(corpus)])
    assert result.exit_code != 0
    one_error_line(result.stderr)


def test_missing_input_folder(tmp_path, nlp):
    result = runner().invoke(app, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "g.json")])
    assert result.exit_code != 0
    assert "skipped" in result.stderr and "nope" in result.stderr
    one_error_line(result.stderr)
    assert not (tmp_path / "g.json").exists()


def test_missing_folder_among_good_inputs_is_a_warning(corpus, tmp_path, nlp):
    result = runner().invoke(app, ["build", str(corpus), str(tmp_path / "nope"), "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 0
    assert "skipped" in result.stderr
    assert (tmp_path / "g.json").exists()


def test_strict_with_empty_file(corpus, tmp_path, nlp):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    lenient = runner().invoke(app, ["build", str(corpus), "-o", str(tmp_path / "g.json")])
    assert lenient.exit_code == 0
    strict = runner().invoke(app, ["build", str(corpus), "--strict", "-o", str(tmp_path / "g2.json")])
    assert strict.exit_code != 0
    one_error_line(strict.stderr)
    assert "empty" in strict.stderr


def test_help_mentions_each_option():
    result = runner().invoke(
        app, ["build", "--help"], terminal_width=200, env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    )
    assert result.exit_code == 0
    for option in ["--output", "-o", "--model", "--strict", "--max-bytes", "--text-field", "--id-field", "--quiet"]:
        assert option in result.stdout, option
    stats_help = runner().invoke(app, ["stats", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})
    assert "--json" in stats_help.stdout and "--top" in stats_help.stdout


def test_stats_on_corrupt_json(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner().invoke(app, ["stats", str(bad)])
    assert result.exit_code != 0
    one_error_line(result.stderr)


def test_stats_on_missing_file(tmp_path):
    result = runner().invoke(app, ["stats", str(tmp_path / "none.json")])
    assert result.exit_code != 0
    one_error_line(result.stderr)


def test_stats_on_json_that_is_no_graph(tmp_path):
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    result = subprocess.run([str(SCRIPT), "stats", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    one_error_line(result.stderr)


def test_stats_on_corrupt_graphml(tmp_path):
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml", encoding="utf-8")
    result = subprocess.run([str(SCRIPT), "stats", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    one_error_line(result.stderr)


# --- the installed script, for real -------------------------------------------------------------


def test_real_subprocess_build_and_stats(corpus, tmp_path):
    assert SCRIPT.exists(), "the graphbuild console script is not installed in the venv"
    gml, js = tmp_path / "g.graphml", tmp_path / "g.json"
    build = subprocess.run(
        [str(SCRIPT), "build", str(corpus), "-o", str(gml), "-o", str(js)], capture_output=True, text=True, timeout=300
    )
    assert build.returncode == 0, build.stderr
    assert "nodes" in build.stderr
    assert plain_graphml(gml).number_of_nodes() == len(json.loads(js.read_text("utf-8"))["nodes"])
    stats = subprocess.run([str(SCRIPT), "stats", str(gml), "--json"], capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["nodes"] == plain_graphml(gml).number_of_nodes()


def test_real_subprocess_bad_suffix(corpus, tmp_path):
    result = subprocess.run(
        [str(SCRIPT), "build", str(corpus), "-o", str(tmp_path / "out.xyz")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith("Error:")


def _model_folder() -> Path:
    """The data folder of the installed default model (the official package or its PyPI re-publication)."""
    import spacy.util

    from graphbuild.nlp import DEFAULT_MODEL, _republication_path

    if spacy.util.is_package(DEFAULT_MODEL):
        package = spacy.util.get_package_path(DEFAULT_MODEL)
        return next(p for p in sorted(package.iterdir()) if (p / "config.cfg").is_file())
    return _republication_path(DEFAULT_MODEL)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda folder: (folder / "config.cfg").unlink(), "Could not read config file"),
        (lambda folder: (folder / "ner" / "model").write_bytes(b""), "ValueError"),
    ],
    ids=["no-config", "truncated-weights"],
)
def test_damaged_model_folder_says_it_could_not_be_loaded_and_why(corpus, tmp_path, damage, reason):
    import shutil

    folder = tmp_path / "my-model"
    shutil.copytree(_model_folder(), folder)
    damage(folder)
    result = runner().invoke(app, ["build", str(corpus), "-q", "-o", str(tmp_path / "g.json"), "--model", str(folder)])
    assert result.exit_code == 1
    one_error_line(result.stderr)
    assert f"the spaCy model at {folder} could not be loaded" in result.stderr and reason in result.stderr
    assert "not installed" not in result.stderr and "spacy download" not in result.stderr


def test_model_path_that_does_not_exist(corpus, tmp_path):
    result = runner().invoke(
        app, ["build", str(corpus), "-q", "-o", str(tmp_path / "g.json"), "--model", str(tmp_path / "nowhere")]
    )
    assert result.exit_code == 1
    assert f"no spaCy model at {tmp_path / 'nowhere'}: no such folder" in result.stderr


def test_the_default_model_is_loaded_once_however_it_is_named(nlp):
    # Building after `load_pipeline()` must not load the model a second time (two copies, ~1 s each).
    from graphbuild.nlp import DEFAULT_MODEL, load_pipeline

    assert load_pipeline(DEFAULT_MODEL) is nlp is load_pipeline()
