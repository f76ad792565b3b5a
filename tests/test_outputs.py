"""Outputs are checked before the build, never silently damaged, and one run at a time writes them (issue 11).

Real files and the real model; concurrent runs are real processes.  Tests
run as root, who may write anywhere the kernel lets anyone: a read-only
place is /proc (no one can create files there), and read-only files are
recognised by their permission bits, not by a failed write.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import runner

from graphbuild.cli import app

SCRIPT = Path(sys.executable).parent / "graphbuild"
NO_MODEL = "/nonexistent/graphbuild-test-model"  # a build that got as far as loading it would fail on it


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday.\n", encoding="utf-8"
    )
    return folder


def article_ids(path: Path) -> set[str]:
    data = json.loads(path.read_text("utf-8"))
    return {n["id"] for n in data["nodes"] if n.get("type") == "Article"}


# --- writability, before the build --------------------------------------------------------------


@pytest.mark.parametrize(
    "make_output, message",
    [
        (lambda tmp: (tmp / "folder.json").mkdir() or tmp / "folder.json", "is a folder"),
        (lambda tmp: Path("/proc/graphbuild-test-output.json"), "cannot create files in /proc"),
    ],
    ids=["output-is-a-folder", "read-only-place"],
)
def test_unwritable_output_fails_before_the_build(corpus, tmp_path, make_output, message):
    output = make_output(tmp_path)
    result = runner().invoke(app, ["build", str(corpus), "-o", str(output), "--model", NO_MODEL])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write output:") and message in result.stderr
    assert "spaCy model" not in result.stderr  # failed before the model was even loaded


def test_read_only_output_is_refused_unless_forced(corpus, tmp_path, nlp):
    output = tmp_path / "kept.json"
    output.write_text("{}", encoding="utf-8")
    output.chmod(0o444)
    refused = runner().invoke(app, ["build", str(corpus), "-q", "-o", str(output)])
    assert refused.exit_code == 2
    assert f"{output} is read-only (--force replaces it)" in refused.stderr
    assert output.read_text("utf-8") == "{}"

    forced = runner().invoke(app, ["build", str(corpus), "-q", "-o", str(output), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert article_ids(output) == {"article:in/talks"}
    assert output.stat().st_mode & 0o777 == 0o444  # still protected afterwards


def test_symlinked_output_is_written_through(corpus, tmp_path, nlp):
    target = tmp_path / "real" / "graph.json"
    target.parent.mkdir()
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "graph.json"
    link.symlink_to(target)
    result = runner().invoke(app, ["build", str(corpus), "-q", "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert article_ids(target) == {"article:in/talks"}
    assert sorted(p.name for p in target.parent.iterdir() if not p.name.endswith(".lock")) == [
        "graph.json"
    ]  # no temporary file left


def test_strict_fails_before_writing_anything(corpus, tmp_path, nlp):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    js, gml = tmp_path / "g.json", tmp_path / "g.graphml"
    js.write_text("old json", encoding="utf-8")
    gml.write_text("old graphml", encoding="utf-8")
    result = runner().invoke(app, ["build", str(corpus), "--strict", "-o", str(js), "-o", str(gml)])
    assert result.exit_code == 1
    assert "Error: 1 input(s) skipped and --strict is set; nothing was written" in result.stderr
    assert js.read_text("utf-8") == "old json" and gml.read_text("utf-8") == "old graphml"


def test_strict_exports_nothing_to_neo4j(corpus, tmp_path, neo4j_settings, neo4j_clean):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_PASSWORD": neo4j_settings.password.get_secret_value(),
        "NEO4J_DATABASE": neo4j_settings.database or "",
    }
    result = runner().invoke(app, ["build", str(corpus), "--strict", "--neo4j", "-q"], env=env)
    assert result.exit_code == 1
    records, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN count(n) AS n", database_=neo4j_settings.database)
    assert records[0]["n"] == 0


def test_neo4j_without_password_fails_before_the_build(corpus, monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = runner().invoke(app, ["build", str(corpus), "--neo4j", "--model", NO_MODEL], env={"NEO4J_PASSWORD": ""})
    assert result.exit_code == 1
    assert "Error: no Neo4j password" in result.stderr and "spaCy model" not in result.stderr


# --- one run at a time per output ---------------------------------------------------------------


def test_two_concurrent_updates_of_one_graph_keep_both_batches(tmp_path, nlp):
    from filelock import FileLock

    from graphbuild.export.lock import lock_path

    graph = tmp_path / "graph.json"
    texts = {
        "old": "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday.",
        "batch-a": "Prime Minister John Harlow met President Teresa Santos in Madrid.",
        "batch-b": "Senator Paul Ashdown met Governor Helen Denning in Ohio on Friday.",
    }
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    first = runner().invoke(app, ["build", str(tmp_path / "old.txt"), "-q", "-o", str(graph)])
    assert first.exit_code == 0, first.stderr

    # Two updates started together each read the one-article graph, and the later writer
    # dropped the other's batch.  Holding the graph's lock while both start makes them
    # certainly overlap: both must wait, then run one after the other.
    held = FileLock(lock_path(graph))
    held.acquire()
    runs = []
    try:
        for batch in ("batch-a", "batch-b"):
            log = tmp_path / f"{batch}.err"
            with log.open("w") as stderr:
                command = [
                    str(SCRIPT),
                    "build",
                    str(tmp_path / f"{batch}.txt"),
                    "--update",
                    str(graph),
                    "-o",
                    str(graph),
                    "-q",
                ]
                runs.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr), log))
        deadline = time.monotonic() + 120
        while not all("waiting:" in log.read_text() for _, log in runs) and time.monotonic() < deadline:
            if any(run.poll() is not None for run, _ in runs):
                break  # without a lock, the runs go ahead (and one batch is lost)
            time.sleep(0.2)
    finally:
        held.release()
    codes = [run.wait(timeout=300) for run, _ in runs]
    messages = [log.read_text() for _, log in runs]
    assert codes == [0, 0], messages
    assert article_ids(graph) == {"article:old", "article:batch-a", "article:batch-b"}
    for message in messages:
        assert f"waiting: another graphbuild run is writing {graph} (lock file {lock_path(graph)})" in " ".join(
            message.split()
        )
