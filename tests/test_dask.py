"""``build --dask ADDRESS``: extraction on a real local Dask cluster (``dask scheduler`` + ``dask worker``
subprocesses), the graph byte for byte the one-process graph, and every cluster fault one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dask_cluster import local_cluster
from neo4j_server import free_port

from bench.generate import NewsCorpus
from graphbuild.cluster import ClusterError, ExtractorSettings, extract_chunk, extract_on_cluster
from graphbuild.models import Article
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.pipeline import iter_extractions

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GRAPHBUILD = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(workers=2) as running:
        yield running


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask-corpus")
    NewsCorpus(size=40).write(folder, stop=34)  # three chunks of 16: the last one short
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_text("Subscribe to our newsletter\n", encoding="utf-8")
    return folder


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(GRAPHBUILD), "build", *args], capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(result: subprocess.CompletedProcess, start: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {start}"), result.stderr
    assert "Traceback" not in result.stderr


def test_the_graph_is_the_one_process_graph_byte_for_byte(cluster, corpus, tmp_path):
    local = run(str(corpus), "-o", str(tmp_path / "local.json"), "-o", str(tmp_path / "local.graphml"), "-q")
    assert local.returncode == 0, local.stderr
    on_dask = run(
        str(corpus),
        "--dask",
        cluster.address,
        "-o",
        str(tmp_path / "dask.json"),
        "-o",
        str(tmp_path / "dask.graphml"),
        "-q",
    )
    assert on_dask.returncode == 0, on_dask.stderr
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    assert (tmp_path / "dask.graphml").read_bytes() == (tmp_path / "local.graphml").read_bytes()
    # each worker loaded the model once, in the plugin, whatever the number of tasks
    for index in range(2):
        assert cluster.log(f"worker{index}").count("Starting Worker plugin graphbuild-extractor") == 1


def test_articles_stream_through_a_bounded_window(cluster):
    corpus, consumed = NewsCorpus(size=60), []

    def articles():
        for article in corpus.articles(0, 40):
            consumed.append(article.id)
            yield article

    stream = extract_on_cluster(articles(), cluster.address, model=DEFAULT_MODEL, chunk_size=2, in_flight_per_thread=2)
    first = next(stream)
    # 2 worker threads x 2 chunks in flight x 2 articles: the reader is far from the end of the input
    assert first.article.id == "gen-0000000" and len(consumed) <= 2 * 2 * 2 + 2
    rest = list(stream)
    serial = list(iter_extractions(corpus.articles(0, 40)))
    assert [x.model_dump() for x in [first, *rest]] == [x.model_dump() for x in serial]


def test_a_worker_killed_mid_run_costs_no_article(cluster):
    corpus = NewsCorpus(size=60)
    stream = extract_on_cluster(corpus.articles(0, 30), cluster.address, model=DEFAULT_MODEL, chunk_size=1)
    got = [next(stream) for _ in range(3)]
    killed = cluster.kill_worker_process(0)  # its running task goes to the other worker; the nanny restarts it
    got += list(stream)
    cluster.worker_process(0, not_pid=killed)  # the nanny started a new one
    serial = list(iter_extractions(corpus.articles(0, 30)))
    assert [x.model_dump() for x in got] == [x.model_dump() for x in serial]


def test_a_chunk_whose_worker_died_is_extracted_again_article_by_article(caplog):
    """Dask gives up on a task after its worker died ``allowed-failures`` times (0 here, so at once:
    ``KilledWorker``); the chunk is then extracted an article at a time and nothing is lost."""
    corpus = NewsCorpus(size=60)
    strict = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    lost = []
    with local_cluster(workers=2, config=strict) as fragile, caplog.at_level("WARNING", logger="graphbuild.cluster"):
        stream = extract_on_cluster(
            corpus.articles(0, 24),
            fragile.address,
            model=DEFAULT_MODEL,
            chunk_size=4,
            on_lost=lambda article, reason: lost.append(article.id),
        )
        got = [next(stream)]
        fragile.kill_worker_process(0)  # busy: two chunks per worker are always in flight
        got += list(stream)
    assert "extracting them one at a time" in caplog.text and not lost
    serial = list(iter_extractions(corpus.articles(0, 24)))
    assert [x.model_dump() for x in got] == [x.model_dump() for x in serial]


def test_a_worker_with_other_code_refuses(cluster):
    from distributed import Client

    settings = ExtractorSettings(DEFAULT_MODEL, 64, None, code="0123456789abcdef")
    with Client(cluster.address, set_as_default=False) as client:
        with pytest.raises(ClusterError, match="runs another graphbuild"):
            client.submit(extract_chunk, settings, [Article(id="a", text="Kenya met Peru.")], pure=False).result()


def test_a_model_the_workers_lack_is_one_line(cluster, corpus, tmp_path):
    result = run(str(corpus), "--dask", cluster.address, "--model", "no_such_model_xyz", "-o", str(tmp_path / "g.json"))
    assert_one_line_error(result, "spaCy model 'no_such_model_xyz' is not installed")
    assert not (tmp_path / "g.json").exists()


def test_an_unreachable_scheduler_is_one_line(corpus, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"  # nobody listens there
    result = run(str(corpus), "--dask", address, "--dask-timeout", "2", "-o", str(tmp_path / "g.json"))
    assert_one_line_error(result, f"cannot reach the Dask scheduler at {address}")
    assert not (tmp_path / "g.json").exists()


def test_bad_dask_options_are_usage_errors(corpus, tmp_path):
    result = run(str(corpus), "--dask", "no-port-here", "-o", str(tmp_path / "g.json"))
    assert result.returncode == 2 and "is not a Dask scheduler address" in result.stderr
    result = run(str(corpus), "--dask", "tcp://127.0.0.1:8786", "--workers", "2", "-o", str(tmp_path / "g.json"))
    assert result.returncode == 2 and "--dask and --workers" in result.stderr


def test_a_scheduler_without_workers_is_one_line(corpus, tmp_path):
    with local_cluster(workers=0) as empty:
        result = run(str(corpus), "--dask", empty.address, "--dask-timeout", "2", "-o", str(tmp_path / "g.json"))
    assert_one_line_error(result, "no Dask worker is connected")


def test_a_scheduler_lost_mid_run_is_one_line_and_writes_nothing(tmp_path):
    NewsCorpus(size=200).write(tmp_path / "corpus", stop=200)
    out = tmp_path / "g.json"
    with local_cluster(workers=1) as doomed:
        build = subprocess.Popen(
            [
                str(GRAPHBUILD),
                "build",
                str(tmp_path / "corpus"),
                "--dask",
                doomed.address,
                "--dask-timeout",
                "5",
                "-o",
                str(out),
                "-q",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _wait_for_first_task(doomed)
        doomed.stop_scheduler()
        _, stderr = build.communicate(timeout=120)
    assert build.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: lost the"), stderr
    assert not out.exists()


def _wait_for_first_task(cluster, timeout: float = 120.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while "graphbuild-extractor" not in cluster.log("worker0"):  # the build registered its plugin: tasks follow
        assert time.monotonic() < deadline, cluster.log("worker0")
        time.sleep(0.2)
    time.sleep(2)
