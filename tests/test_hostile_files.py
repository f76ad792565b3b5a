"""Every file graphbuild reads besides the articles, and every file it writes, under hostile conditions (issue 19).

Rules, corrections, gold and graph files are checked before anything is read
(a model that does not exist proves it: a run that got as far as loading it
would say so); outputs are real files, links and folders, owned by a real
second user where the test is about ownership.
"""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from helpers import runner
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.cli import app
from graphbuild.export import write_graph
from graphbuild.export.views import co_mentioned_view

SCRIPT = Path(sys.executable).parent / "graphbuild"
NO_MODEL = "/nonexistent/graphbuild-test-model"
MAX_NESTING = 100  # graphbuild.inputs.MAX_NESTING
CO_MENTION_LIMIT = 200  # graphbuild.export.views.CO_MENTION_LIMIT
MEETING = "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday."


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(MEETING + "\n", encoding="utf-8")
    return path


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


def refused_before_reading(story: Path, tmp_path: Path, *options: str) -> str:
    """Build with ``options`` and a model that does not exist: the file must be refused first, with exit 2."""
    out = tmp_path / "g.json"
    result = subprocess.run(
        [str(SCRIPT), "build", str(story), "-o", str(out), "--model", NO_MODEL, *options],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert not out.exists()
    return one_error_line(result.stderr)


# --- rules, corrections and gold files ---------------------------------------------------------


def test_a_lone_surrogate_in_a_corrections_file_is_refused_with_its_line(story, tmp_path):
    yaml_file = tmp_path / "fixes.yaml"
    yaml_file.write_text('ignore:\n  - Getty Images\nsame:\n  - ["Elena Varga", "E. Varga\\ud800"]\n', encoding="utf-8")
    line = refused_before_reading(story, tmp_path, "--corrections", str(yaml_file))
    assert line.startswith(f"Error: {yaml_file}: line 4: ") and "lone UTF-16 surrogate" in line
    json_file = tmp_path / "fixes.json"
    json_file.write_text('{\n "same": [\n  ["Elena Varga", "E. Varga\\udc00"]\n ]\n}\n', encoding="utf-8")
    assert refused_before_reading(story, tmp_path, "--corrections", str(json_file)).startswith(
        f"Error: {json_file}: line 3: "
    )


@pytest.mark.parametrize(
    "suffix, text, line",
    [
        (
            ".yaml",
            "same:\n  - [Elena Varga, E. Varga]\nignore:\n  - Getty Images\nsame:\n  - [Lukas Novak, L. Novak]\n",
            5,
        ),
        (".json", '{"same": [["Elena Varga", "E. Varga"]],\n "same": [["Lukas Novak", "L. Novak"]]}\n', 2),
    ],
)
def test_a_key_given_twice_in_a_corrections_file_is_refused(story, tmp_path, suffix, text, line):
    corrections = tmp_path / f"fixes{suffix}"
    corrections.write_text(text, encoding="utf-8")
    message = refused_before_reading(story, tmp_path, "--corrections", str(corrections))
    assert message == f"Error: {corrections}: line {line}: 'same' is given twice; put all its entries under one 'same'"


def test_names_in_a_corrections_file_get_the_normal_form_of_article_text(tmp_path):
    from graphbuild.corrections import load_corrections

    corrections = tmp_path / "fixes.yaml"
    corrections.write_text('same:\n  - ["Andr\u00adzej Duda\u200f", A. Duda]\n', encoding="utf-8")
    assert load_corrections(corrections).same == (("Andrzej Duda", "A. Duda"),)


@pytest.mark.parametrize(
    "option, name, text",
    [
        ("--corrections", "deep.yaml", "same: " + "[" * 5000 + "]" * 5000 + "\n"),
        ("--corrections", "deep-block.yaml", "".join(" " * level + "-\n" for level in range(300))),
        ("--corrections", "deep.json", '{"same": ' + "[" * 100_000 + "]" * 100_000 + "}"),
        ("--rules", "deep.json", '{"patterns": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ],
)
def test_deeply_nested_rules_and_corrections_are_refused_before_parsing(story, tmp_path, option, name, text):
    deep = tmp_path / name
    deep.write_text(text, encoding="utf-8")
    assert (
        refused_before_reading(story, tmp_path, option, str(deep))
        == f"Error: {deep}: nested more than {MAX_NESTING} levels deep"
    )


@pytest.mark.parametrize("option, kind", [("--rules", "rules file"), ("--corrections", "corrections file")])
def test_devices_fifos_and_huge_files_are_refused_without_reading_them(story, tmp_path, option, kind):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # no one writes to it: opening it for reading would wait for ever
    for path in ("/dev/urandom", "/dev/zero", str(fifo)):
        started = time.monotonic()
        line = refused_before_reading(story, tmp_path, option, path)
        assert line == f"Error: {path}: not a regular file (a FIFO, socket or device); give the {kind} as a file"
        assert time.monotonic() - started < 30
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(10_000_001)  # sparse: the size is what is checked, before reading
    assert (
        refused_before_reading(story, tmp_path, option, str(huge))
        == f"Error: {huge}: {kind} is 10,000,001 bytes, over the 10,000,000 byte limit"
    )


def test_a_relation_type_named_like_graphbuilds_own_edges_is_refused(story, tmp_path):
    for name in ("MENTIONED_IN", "CO_MENTIONED"):
        rules = tmp_path / "rules.json"
        rules.write_text(
            json.dumps(
                {
                    "relation_types": [{"name": name}],
                    "patterns": [{"name": "p", "relation": name, "trigger": {"lemmas": ["meet"]}}],
                }
            ),
            encoding="utf-8",
        )
        line = refused_before_reading(story, tmp_path, "--rules", str(rules))
        assert (
            line
            == f"Error: {rules}: relation_types: {name} is the name of an edge graphbuild draws itself; give your relation type another name"
        )


def test_gold_files_are_checked_before_parsing(tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text('{"directed": true, "multigraph": true, "graph": {}, "nodes": [], "links": []}', encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text('{"entities": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    cases = (
        ("/dev/zero", "/dev/zero: not a regular file"),
        (str(tmp_path), f"{tmp_path}: is a folder, not a gold file"),
        (str(deep), f"{deep}: nested more than {MAX_NESTING} levels deep"),
    )
    for gold, expected in cases:
        started = time.monotonic()
        result = subprocess.run(
            [str(SCRIPT), "eval", str(graph), "--gold", gold], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2 and expected in one_error_line(result.stderr)
        assert time.monotonic() - started < 30


# --- graph files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, expected",
    [
        (lambda good: good[: len(good) // 2], "not valid JSON (line "),
        (lambda good: "[1, 2]", "node-link JSON is an object with a list of 'nodes'"),
        (
            lambda good: '{"nodes": [], "edges": ' + "[" * 5000 + "]" * 5000 + "}",
            f"nested more than {MAX_NESTING} levels deep",
        ),
    ],
    ids=["truncated", "not-an-object", "too-deep"],
)
def test_an_update_graph_that_is_not_one_is_one_line_exit_2(story, tmp_path, content, expected):
    good = tmp_path / "good.json"
    assert runner().invoke(app, ["build", str(story), "-q", "-o", str(good)]).exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text(content(good.read_text("utf-8")), encoding="utf-8")
    result = runner().invoke(app, ["build", str(story), "--update", str(bad), "-o", str(bad), "--model", NO_MODEL])
    assert result.exit_code == 2
    assert expected in one_error_line(result.stderr)


def test_stats_refuses_a_graph_over_its_size_limit_before_reading_it(tmp_path):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(4_000_000_001)
    result = runner().invoke(app, ["stats", str(huge)])
    assert result.exit_code == 2
    assert (
        one_error_line(result.stderr)
        == f"Error: {huge}: graph is 4,000,000,001 bytes, over the 4,000,000,000 byte limit"
    )


def test_export_neo4j_refuses_an_integer_neo4j_cannot_store_before_connecting(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("person:a", type="Person", name="A", score=10**30)
    path = tmp_path / "g.json"
    write_graph(graph, path)
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "not-used"}  # nothing listens there: never reached
    result = runner().invoke(app, ["export", "neo4j", str(path)], env=env)
    assert result.exit_code == 2
    assert (
        one_error_line(result.output)
        == "Error: node 'person:a' property 'score': 1e+30 is outside the 64-bit integers Neo4j stores"
    )


def test_nesting_is_measured_outside_strings():
    from graphbuild.inputs import json_nesting, yaml_nesting

    assert json_nesting('{"a": "[[[[[[", "b": [[1], {"c": "\\"]]"}]}') == 3
    assert json_nesting("[" * 100_000, stop_at=MAX_NESTING) > MAX_NESTING  # a file cut short counts its open brackets
    assert yaml_nesting('same:\n  - [a, "[[["]\n# [[[[\nentities:\n  - entity: x\n    name: y\n') <= 4


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


_TRICKY_TEXT = st.text(alphabet='[]{}"\\ aé\n')
_JSON_VALUES = st.recursive(
    st.none() | st.integers() | _TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TRICKY_TEXT, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_json_nesting_is_the_depth_of_any_json(value, ascii_only, indent):
    from graphbuild.inputs import json_nesting

    assert json_nesting(json.dumps(value, ensure_ascii=ascii_only, indent=indent)) == _depth(value)


# --- outputs ------------------------------------------------------------------------------------


@pytest.fixture
def other_user() -> int:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    return pwd.getpwnam("nobody").pw_uid


def test_a_symlink_another_user_planted_in_a_shared_folder_is_not_followed(story, tmp_path, other_user):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: sticky, and everyone may create files
    precious = tmp_path / "precious.conf"
    precious.write_text("keep me\n", encoding="utf-8")
    planted = shared / "graph.json"
    planted.symlink_to(precious)
    os.lchown(planted, other_user, other_user)
    for extra in ([], ["--force"]):
        result = subprocess.run(
            [str(SCRIPT), "build", str(story), "-o", str(planted), "--model", NO_MODEL, *extra],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        line = one_error_line(result.stderr)
        assert (
            f"{planted} is a symlink owned by another user (uid {other_user})" in line
            and "refusing to follow it" in line
        )
    assert precious.read_text("utf-8") == "keep me\n"

    # The same link is followed when it is the caller's own, or the folder's owner's.
    os.lchown(planted, os.geteuid(), os.getegid())
    result = subprocess.run(
        [str(SCRIPT), "build", str(story), "-q", "-o", str(planted)], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(precious.read_text("utf-8"))["nodes"]


def test_a_symlink_of_another_user_in_a_private_folder_is_followed(story, tmp_path, other_user):
    target = tmp_path / "target.json"
    link = tmp_path / "graph.json"  # tmp_path is not world-writable: only its owner could have put the link there
    link.symlink_to(target)
    os.lchown(link, other_user, other_user)
    result = runner().invoke(app, ["build", str(story), "-q", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert target.exists() and link.is_symlink()


@pytest.mark.parametrize("plant", ["symlink", "folder"])
def test_a_planted_lock_file_is_one_line_exit_2(story, tmp_path, plant):
    out = tmp_path / "g.json"
    out.write_text("old", encoding="utf-8")
    lock = tmp_path / ".g.json.lock"
    if plant == "symlink":
        lock.symlink_to(tmp_path / "elsewhere")
    else:
        lock.mkdir()
    result = runner().invoke(app, ["build", str(story), "-o", str(out), "--model", NO_MODEL])
    assert result.exit_code == 2
    line = one_error_line(result.stderr)
    assert line == (
        f"Error: cannot lock {out}: its lock file {lock} is a {plant}, not the empty file graphbuild creates "
        "(planted or left by something else); remove it and run again"
    )
    assert out.read_text("utf-8") == "old"


# --- views ------------------------------------------------------------------------------------


def _article_naming(graph: nx.MultiDiGraph, article_id: str, people: list[str]) -> None:
    graph.add_node(f"article:{article_id}", type="Article", article_id=article_id)
    for person in people:
        graph.add_node(person, type="Person", name=person)
        graph.add_edge(
            person, f"article:{article_id}", key="MENTIONED_IN", type="MENTIONED_IN", weight=1, articles=[article_id]
        )


def test_co_mentioned_view_of_a_list_of_4620_people_is_bounded(caplog):
    graph = nx.MultiDiGraph()
    _article_naming(graph, "roster", [f"person:p{n}" for n in range(4620)])
    _article_naming(graph, "talks", ["person:p1", "person:p2", "person:p3"])
    started = time.monotonic()
    view = co_mentioned_view(graph)
    assert time.monotonic() - started < 10
    co = {(u, v): a for u, v, k, a in view.edges(keys=True, data=True) if k == "CO_MENTIONED"}
    assert {pair: attrs["articles"] for pair, attrs in co.items()} == {
        pair: ["talks"] for pair in (("person:p1", "person:p2"), ("person:p1", "person:p3"), ("person:p2", "person:p3"))
    }
    assert (
        f"1 article(s) name more than {CO_MENTION_LIMIT} entities each and add no CO_MENTIONED edges: roster"
        in caplog.text
    )


def test_the_limits_the_tests_name_are_the_modules_own():
    from graphbuild import inputs
    from graphbuild.export import views

    assert (inputs.MAX_NESTING, views.CO_MENTION_LIMIT) == (MAX_NESTING, CO_MENTION_LIMIT)


def test_co_mentioned_view_at_the_limit_still_pairs_everyone():
    graph = nx.MultiDiGraph()
    _article_naming(graph, "full", [f"person:p{n:03d}" for n in range(CO_MENTION_LIMIT)])
    view = co_mentioned_view(graph)
    assert (
        sum(1 for *_, k in view.edges(keys=True) if k == "CO_MENTIONED")
        == CO_MENTION_LIMIT * (CO_MENTION_LIMIT - 1) // 2
    )
