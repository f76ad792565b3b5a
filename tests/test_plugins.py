"""Mechanisms chosen by name, and mechanisms a plugin package adds.

A rules file chooses the mention passes and the status policy by their registered names
("extraction": {"passes": [...]}); every extractor — in this process, in --workers processes,
after --update — runs that choice.  A package installed beside graphbuild adds a rule set and a
mention pass through the entry point groups ``graphbuild_rule_sets`` and
``graphbuild_mention_passes``; the test installs one into a temporary folder (a package and its
``.dist-info`` with ``entry_points.txt``, as pip leaves them) and builds with it.  (Invented
sentences throughout.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graphbuild.export import read_graph
from graphbuild.extract.mentions import DEFAULT_PASSES

SCRIPT = Path(sys.executable).parent / "graphbuild"
STORY = (
    "Kenyan President Zawadi Njoroge met Chilean President Ignacio Berg in Nairobi on Monday. Njoroge praised Berg.\n"
)


def _types(path: Path) -> set[str]:
    return {t for *_, t in read_graph(path).edges(data="type")}


def _build(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "build", *args, "-q"], capture_output=True, text=True, cwd=tmp_path, env=env)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    return folder


def test_a_rules_file_chooses_the_mention_passes_and_workers_and_updates_keep_the_choice(tmp_path, corpus):
    without_titles = [p for p in DEFAULT_PASSES if p != "describe_people"]
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"extraction": {"passes": without_titles}}), encoding="utf-8")
    assert _build(tmp_path, str(corpus), "-o", "default.json").returncode == 0
    assert "AFFILIATED_WITH" in _types(tmp_path / "default.json")  # the titles give the countries
    chosen = _build(tmp_path, str(corpus), "-o", "chosen.json", "--rules", str(rules), "--workers", "2")
    assert chosen.returncode == 0, chosen.stderr
    assert "AFFILIATED_WITH" not in _types(tmp_path / "chosen.json") and "MET_WITH" in _types(tmp_path / "chosen.json")
    more = tmp_path / "more"
    more.mkdir()
    (more / "b.txt").write_text(
        "Peruvian Foreign Minister Elena Huaman met Kenyan President Zawadi Njoroge on Friday.\n", encoding="utf-8"
    )
    updated = _build(tmp_path, str(more), "--update", "chosen.json", "-o", "updated.json")
    assert updated.returncode == 0, updated.stderr
    assert "AFFILIATED_WITH" not in _types(tmp_path / "updated.json")  # the graph recorded the choice


@pytest.mark.parametrize(
    "choice, problem",
    [
        ({"passes": ["places", "no_such_pass"]}, "unknown mention pass 'no_such_pass'"),
        ({"status_policy": "optimistic"}, "unknown status policy 'optimistic'"),
    ],
)
def test_an_unknown_mechanism_is_a_one_line_error_before_anything_is_read(tmp_path, corpus, choice, problem):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"extraction": choice}), encoding="utf-8")
    failed = _build(tmp_path, str(corpus), "-o", "g.json", "--rules", str(rules))
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    assert failed.returncode == 2 and len(lines) == 1 and problem in lines[0] and str(rules) in lines[0]
    assert not (tmp_path / "g.json").exists()


PLUGIN = '''
"""A plugin package: a relation type with its trigger sense, and a mention pass."""
from graphbuild.rules import RuleSet


def rule_set():
    return RuleSet.model_validate({
        "relation_types": [{"name": "PRAISED", "source": ["Person"], "target": ["Person"],
                            "description": "The source praised the target."}],
        "patterns": [{"name": "praise", "relation": "PRAISED", "trigger": {"lemmas": ["praise", "commend"]},
                      "source": {"roles": ["subject"], "match": "person"},
                      "target": {"roles": ["object"], "match": "person"}}],
    })


def no_organizations(found, article):
    return tuple(f for f in found if f.type != "Organization")
'''

ENTRY_POINTS = """
[graphbuild_rule_sets]
praise = gbdemo_plugin:rule_set

[graphbuild_mention_passes]
no_organizations = gbdemo_plugin:no_organizations
"""


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict:
    site = tmp_path / "site"
    (site / "gbdemo_plugin").mkdir(parents=True)
    (site / "gbdemo_plugin" / "__init__.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "gbdemo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gbdemo-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}


def test_a_plugin_packages_rule_set_and_mention_pass_run(tmp_path, corpus, plugin_env):
    (corpus / "a.txt").write_text(STORY + "The Harbour Trust said it welcomed the visit.\n", encoding="utf-8")
    plain = _build(tmp_path, str(corpus), "-o", "plain.json")
    assert plain.returncode == 0 and "PRAISED" not in _types(tmp_path / "plain.json")  # not installed: not there
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"extraction": {"passes": [*DEFAULT_PASSES, "no_organizations"]}}), encoding="utf-8")
    built = _build(tmp_path, str(corpus), "-o", "g.json", "--rules", str(rules), env=plugin_env)
    assert built.returncode == 0, built.stderr
    graph = read_graph(tmp_path / "g.json")
    praised = [
        (graph.nodes[u]["name"], graph.nodes[v]["name"]) for u, v, t in graph.edges(data="type") if t == "PRAISED"
    ]
    assert praised == [("Zawadi Njoroge", "Ignacio Berg")]
    assert not any(d.get("type") == "Organization" for _, d in graph.nodes(data=True))
    assert any(d.get("type") == "Organization" for _, d in read_graph(tmp_path / "plain.json").nodes(data=True))
