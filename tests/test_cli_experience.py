"""What the command line tells its user: version, progress, how to open each output, which graph the
statistics describe, F1 floors for CI; and the Python API of the README."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import GOLD, dated_graph, runner
from rich.console import Console

from graphbuild import __version__
from graphbuild.cli import app
from graphbuild.export import write_graph
from graphbuild.progress import PlainProgress, build_progress, duration
from graphbuild.read import count_articles

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "graphbuild"
SENTENCE = "Swedish Prime Minister Lena Dahl met Finnish President Aku Salo in Oslo, story {}.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"story{n}.txt").write_text(SENTENCE.format(n), encoding="utf-8")
    return folder


def test_version():
    result = runner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"graphbuild {__version__}\n")
    installed = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True)
    assert installed.stdout.strip() == f"graphbuild {__version__}"


def test_build_logs_progress_lines_and_says_how_to_open_each_output(corpus, tmp_path, nlp):
    outputs = [tmp_path / f"graph{suffix}" for suffix in (".html", ".gexf", ".graphml", ".json")]
    args = ["build", str(corpus), "--progress-every", "2", *[a for o in outputs for a in ("-o", str(o))]]
    result = runner().invoke(app, args)  # stderr is not a terminal here: plain lines, as in a log
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.startswith("progress: ")]
    assert re.fullmatch(r"progress: 2/5 articles \(40%\), [\d.]+ articles/s, about \d+s left", progress[0])
    assert progress[1].startswith("progress: 4/5 articles (80%)")
    assert re.fullmatch(r"progress: read 5 article\(s\) in \d+s \([\d.]+ articles/s\)", progress[2])
    said = {line.split(":")[0].removeprefix("wrote "): line for line in lines if line.startswith("wrote ")}
    assert "web browser" in said[str(outputs[0])] and "Gephi" in said[str(outputs[1])]
    assert "Gephi, yEd" in said[str(outputs[2])] and "graphbuild.read_graph" in said[str(outputs[3])]


def test_plain_progress_speaks_every_n_articles_or_every_s_seconds():
    now = [0.0]
    out = io.StringIO()
    plain = PlainProgress(Console(file=out, width=200), 100, every=10, seconds=30, clock=lambda: now[0])
    for step in [5.0] + [1.0] * 9 + [31.0, 1.0]:  # model loading, 9 quick articles, a slow one, a quick one
        now[0] += step
        plain.advance()
    plain.finish()
    assert out.getvalue().splitlines() == [
        "progress: 10/100 articles (10%), 1.0 articles/s, about 1m 30s left",  # the 10th article
        "progress: 11/100 articles (11%), 0.2 articles/s, about 5m 56s left",  # 31 s after the last line
        "progress: read 12 article(s) in 46s (0.3 articles/s)",
    ]


def test_terminal_progress_bar_shows_total_rate_and_time_left():
    now = [0.0]
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    with build_progress(console, 10, clock=lambda: now[0]) as advance:
        for _ in range(4):
            now[0] += 2.0
            advance()
    shown = out.getvalue()
    assert "4/10" in shown and "0.5 articles/s" in shown
    assert "left 0:00:12" in shown  # 6 articles at 0.5 a second


def test_count_articles_before_reading(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.html").write_text("<p>Two.</p>")
    (tmp_path / "feed.jsonl").write_text('{"text": "3"}\n\n{"text": "4"}\n{"text": "5"}\n')
    (tmp_path / "list.json").write_text('[{"text": "6"}, {"text": "7"}]')
    (tmp_path / "notes.csv").write_text("not an article")
    assert count_articles([tmp_path]) == 7
    assert count_articles([tmp_path, "-"]) is None  # stdin: unknown until read
    assert duration(59) == "59s" and duration(3725) == "1h 02m"


def test_stats_say_which_graph_each_number_describes(tmp_path):
    full, entities = tmp_path / "full.json", tmp_path / "entities.json"
    write_graph(dated_graph(), full)
    write_graph(dated_graph(), entities, view="entities")
    shown = {path: runner().invoke(app, ["stats", str(path)]).stdout.splitlines() for path in (full, entities)}
    assert (
        shown[full][0]
        == shown[entities][0]
        == "entity network: 5 entities, 2 relations, 3 component(s) (largest: 2 entities)"
    )
    assert (
        shown[full][1] == "whole graph, with the articles: 7 nodes (2 Article), 8 edges (6 from entities to articles)"
    )
    assert shown[entities][1] == "whole graph: the same (no Article nodes in it)"
    stats = json.loads(runner().invoke(app, ["stats", str(full), "--json"]).stdout)
    assert stats["entities"] + stats["articles"] == stats["nodes"] == sum(stats["nodes_by_type"].values())
    assert stats["relations"] == stats["edges"] - stats["edges_by_type"]["MENTIONED_IN"]


def test_eval_floors_pass_or_fail_the_run(flawed):  # noqa: F811
    base = ["eval", str(flawed), "--gold", str(GOLD)]
    met = runner().invoke(app, [*base, "--min-f1", "Person=0.9", "--min-f1", "SUPPORTS=1"])
    assert met.exit_code == 0 and "all 2 F1 floor(s) met" in met.stderr
    unmet = runner().invoke(app, [*base, "--min-f1", "MET_WITH=0.8", "--min-f1", "entities=0.99"])
    assert unmet.exit_code == 1
    assert "MET_WITH F1 0.667 < 0.8; entities F1 0.978 < 0.99" in unmet.stderr
    assert unmet.stdout.startswith("type")  # the report is printed all the same
    unknown = runner().invoke(app, [*base, "--min-f1", "THREATENED=0.5"])
    assert unknown.exit_code == 2 and "no score for THREATENED" in unknown.stderr


@pytest.mark.parametrize(
    "floor, reason",
    [
        ("MET_WITH", "is not TYPE=VALUE"),
        ("MET_WITH=high", "is not a number"),
        ("MET_WITH=1.5", "between 0 and 1"),
        ("met with=0.5", "is not an entity type"),
    ],
)
def test_eval_floor_that_cannot_be_read_is_a_usage_error(flawed, floor, reason):  # noqa: F811
    result = runner().invoke(
        app,
        ["eval", str(flawed), "--gold", str(GOLD), "--min-f1", floor],
        env={"COLUMNS": "300", "NO_COLOR": "1"},
        terminal_width=300,
    )
    assert result.exit_code == 2
    assert "Invalid value for '--min-f1'" in result.stderr and reason in result.stderr
    assert "Traceback" not in result.stderr


def test_tables_give_nodes_and_edges_as_pandas(monkeypatch):
    from graphbuild import tables

    nodes, edges = tables(dated_graph())
    assert list(nodes.columns[:3]) == ["id", "type", "name"] and len(nodes) == 5
    met = edges[edges.type == "MET_WITH"].iloc[0]
    assert (met.source_name, met.target_name, met.weight) == ("Alba Ferrer", "Bo Lind", 2)
    assert [item["sentence"] for item in met.evidence] == ["Ferrer met Lind.", "They met again."]
    full_nodes, full_edges = tables(dated_graph(), view="full")
    assert (len(full_nodes), len(full_edges)) == (7, 8)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'graphbuild\[pandas\]'"):
        tables(dated_graph())


def test_readme_python_api_runs(tmp_path, monkeypatch, nlp):
    readme = (REPO / "README.md").read_text("utf-8")
    code = re.search(r"### The Python API.*?```python\n(.*?)```", readme, re.S).group(1)
    assert len(code.strip().splitlines()) == 5
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    monkeypatch.setattr(sys, "stdout", printed)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "graph.json").exists()
    assert "Lloyd Austin" in printed.getvalue()


def test_demo_writes_four_files_and_says_how_to_open_each(tmp_path):
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "demo.sh"), str(tmp_path)], capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("graph.html", "graph.gexf", "graph.graphml", "graph.json"):
        assert (tmp_path / name).stat().st_size > 1000
    assert f"{tmp_path}/graph.html     in any web browser" in result.stdout
    assert f"{tmp_path}/graph.gexf     in Gephi" in result.stdout
    assert "entity network:" in result.stderr
