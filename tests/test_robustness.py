"""Robustness: a killed build never damages earlier output, any text survives the pipeline, input order does not matter."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers import plain_graphml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.export import graphml, write_graph
from graphbuild.graph import build_graph
from graphbuild.models import Article
from graphbuild.pipeline import build_graph_from_sources
from graphbuild.resolve import resolve

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SCRIPT = Path(sys.executable).parent / "graphbuild"


def _big_corpus(folder: Path, copies: int = 40) -> int:
    """~200 articles: the seeds repeated under new ids, with a changed first line so no two are identical."""
    folder.mkdir()
    n = 0
    for k in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            text = seed.read_text("utf-8")
            (folder / f"{k:03d}_{seed.stem}.txt").write_text(f"Copy {k} of the report.\n{text}", encoding="utf-8")
            n += 1
    return n


def test_killed_build_leaves_previous_output_intact(tmp_path, extractor):
    gml, js = tmp_path / "graph.graphml", tmp_path / "graph.json"
    small = build_graph(
        resolve(extractor.extract([Article(id="s", text="Adrian Kessel met Stepan Kalinin in Geneva on Tuesday.")]))
    )
    write_graph(small, gml)
    write_graph(small, js)
    before = {p: p.read_bytes() for p in (gml, js)}
    assert _big_corpus(tmp_path / "corpus") >= 200

    proc = subprocess.Popen(
        [str(SCRIPT), "build", str(tmp_path / "corpus"), "-q", "-o", str(gml), "-o", str(js)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        time.sleep(5)  # model loaded, extraction under way
        assert proc.poll() is None, "the build finished before it could be killed; make the corpus larger"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path.name} changed by a killed build"
    back = graphml.read(gml)
    assert back.number_of_nodes() == small.number_of_nodes() and back.number_of_edges() == small.number_of_edges()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text())
def test_any_text_goes_through_the_pipeline(extractor, text):
    extractions = list(
        extractor.extract([Article(id="h", text=text), Article(id="k", text="Adrian Kessel met " + text)])
    )
    assert [x.article.id for x in extractions] == ["h", "k"]
    for x in extractions:
        for m in x.mentions:
            assert x.article.text[m.start : m.end] == m.text
    graph = build_graph(resolve(extractions))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.graphml"
        write_graph(graph, path)
        plain = plain_graphml(path)
        assert plain.number_of_nodes() == graph.number_of_nodes()
        assert plain.number_of_edges() == graph.number_of_edges()
        back = graphml.read(path)
        assert back.number_of_edges() == graph.number_of_edges()
        write_graph(graph, Path(folder) / "g.json")


def test_input_order_does_not_change_output(tmp_path, nlp):
    files = sorted(SEEDS.glob("*.txt"))
    outputs = []
    for name, order in (("fwd", files), ("rev", list(reversed(files))), ("mix", files[1::2] + files[::2])):
        graph = build_graph_from_sources(order)
        folder = tmp_path / name
        folder.mkdir()
        write_graph(graph, folder / "g.graphml")
        write_graph(graph, folder / "g.json")
        outputs.append(folder)
    for name in ("g.graphml", "g.json"):
        first = (outputs[0] / name).read_bytes()
        for other in outputs[1:]:
            assert (other / name).read_bytes() == first, f"{name} depends on the order of the inputs"
