"""``workers=2`` gives the same graph as one process, byte for byte (real model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphbuild.export import write_graph
from graphbuild.models import Article
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.parallel import extract_parallel
from graphbuild.pipeline import build_graph_from_sources, iter_extractions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SMALL = {
    "a_summit.txt": "Indian Prime Minister Arjun Mehra met Japanese Prime Minister Kenji Takeda in Tokyo on Wednesday.\n",
    "b_talks.txt": "US Defense Secretary Lowell Pickett met Chinese Defence Minister Duan Peng in Singapore.\n",
    "c_empty.txt": "Subscribe to our newsletter\n",
    "d_support.txt": "Germany supports Ukraine, Chancellor Matthias Kellner said after meeting Ukrainian President Oleh Marchenko in Kyiv.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for name, text in SMALL.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_two_workers_give_the_same_graph_bytes(corpus, tmp_path):
    outputs = {}
    for workers in (1, 2):
        graph = build_graph_from_sources([corpus], workers=workers)
        for suffix in (".json", ".graphml"):
            path = tmp_path / f"w{workers}{suffix}"
            write_graph(graph, path)
            outputs[workers, suffix] = path.read_bytes()
    assert outputs[1, ".json"] == outputs[2, ".json"]
    assert outputs[1, ".graphml"] == outputs[2, ".graphml"]


def test_extractions_are_identical_and_in_input_order():
    articles = [Article(id=f"n{i:02d}", text=text) for i, text in enumerate(list(SMALL.values()) * 3)]
    serial = list(iter_extractions(iter(articles)))
    parallel = list(extract_parallel(iter(articles), model=DEFAULT_MODEL, workers=2, chunk_size=2))
    assert [x.article.id for x in parallel] == [a.id for a in articles]
    assert [x.model_dump() for x in parallel] == [x.model_dump() for x in serial]


def test_streams_with_a_bounded_window():
    consumed = []

    def articles():
        for i in range(40):
            consumed.append(i)
            yield Article(id=f"s{i:02d}", text=SMALL["a_summit.txt"])

    stream = extract_parallel(articles(), model=DEFAULT_MODEL, workers=2, chunk_size=2, in_flight_per_worker=2)
    first = next(stream)
    assert first.article.id == "s00"
    # 2 workers x 2 chunks in flight x 2 articles: the reader is far from the end of the input.
    assert len(consumed) <= 2 * 2 * 2 + 2
    assert len(list(stream)) == 39


def test_bad_arguments():
    with pytest.raises(ValueError):
        next(extract_parallel(iter([]), model=DEFAULT_MODEL, workers=0))


def test_a_missing_model_raises_model_not_found_not_a_broken_pool():
    from graphbuild.nlp import ModelNotFound

    with pytest.raises(ModelNotFound):
        list(extract_parallel(iter([Article(id="a", text="x")]), model="no_such_model_xyz", workers=2))


def test_workers_are_capped_at_the_usable_cores():
    import multiprocessing
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    articles = [Article(id=f"c{i:02d}", text=SMALL["b_talks.txt"]) for i in range(24)]
    stream = extract_parallel(iter(articles), model=DEFAULT_MODEL, workers=cores + 2, chunk_size=1)
    assert next(stream).article.id == "c00"
    # Every worker has started by now (spawn starts them all with the first task).
    assert len(multiprocessing.active_children()) <= cores
    assert len(list(stream)) == 23


def test_cli_warns_and_caps_workers(tmp_path):
    import os
    import subprocess
    import sys

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    (tmp_path / "talks.txt").write_text(SMALL["b_talks.txt"], encoding="utf-8")
    script = Path(sys.executable).parent / "graphbuild"
    asked = cores + 1  # small: on an uncapped graphbuild this really starts that many processes
    result = subprocess.run(
        [str(script), "build", str(tmp_path / "talks.txt"), "-o", str(tmp_path / "g.json"), "--workers", str(asked)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"warning: --workers {asked} is more than the {cores} core(s) available; using {cores}" in result.stderr


def test_a_killed_worker_process_costs_no_article_and_no_traceback(tmp_path):
    """A worker process killed mid-run (the out-of-memory killer, kill -9): the workers restart, the
    chunks it may have held run again, and the graph is the one-process graph, with one warning line."""
    import subprocess
    import sys
    import time

    import psutil

    from bench.generate import NewsCorpus

    NewsCorpus(size=160).write(tmp_path / "corpus", stop=160)
    script = Path(sys.executable).parent / "graphbuild"
    local = subprocess.run(
        [str(script), "build", str(tmp_path / "corpus"), "-o", str(tmp_path / "local.json"), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert local.returncode == 0, local.stderr
    build = subprocess.Popen(
        [str(script), "build", str(tmp_path / "corpus"), "--workers", "2", "-o", str(tmp_path / "two.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: list = []
    while len(workers) < 2 and build.poll() is None:  # the pool's processes (not its resource tracker)
        workers = [p for p in psutil.Process(build.pid).children() if "spawn_main" in " ".join(p.cmdline())]
        time.sleep(0.2)
    time.sleep(6)  # both have loaded the model and are extracting (the whole run takes ~20 s)
    assert build.poll() is None
    workers[0].kill()
    _, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stderr
    assert "warning: a worker process died" in stderr and "Traceback" not in stderr
    assert (tmp_path / "two.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def test_a_chunk_submitted_after_a_worker_died_fails_where_results_are_read():
    """A worker can die between two results; the next submit then finds the pool broken. That must come
    back as a failed chunk, handled in input order like any other death, not as an error of the build."""
    import multiprocessing as mp
    import time
    from concurrent.futures.process import BrokenProcessPool

    import psutil

    from graphbuild.parallel import _Pool

    before = {p.pid for p in psutil.Process().children()}
    pool = _Pool(1, mp.get_context("spawn"), (DEFAULT_MODEL, 8, None))
    try:
        (worker,) = [
            p for p in psutil.Process().children() if p.pid not in before and "spawn_main" in " ".join(p.cmdline())
        ]
        worker.kill()
        deadline = time.monotonic() + 30
        while not pool.executor._broken and time.monotonic() < deadline:  # the pool notices the death
            time.sleep(0.1)
        future = pool.submit([Article(id="a", text="Norway sent boats to Ghana.")])
        assert isinstance(future.exception(timeout=5), BrokenProcessPool)
    finally:
        pool.shutdown()
