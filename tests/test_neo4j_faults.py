"""What goes wrong between graphbuild and a Bolt server, told in one line: TLS against a plain-text port, a port
that accepts connections and never answers (a tiny socket server here), and two exports racing to create the
same nodes (the real Bolt server the suite starts)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.generate import NewsCorpus
from graphbuild.export import write_graph
from graphbuild.export.neo4j import Neo4jExportError, connection_from_env, export_with_settings
from graphbuild.graph import build_graph
from graphbuild.resolve import resolve

GRAPHBUILD = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "g.json"
    write_graph(build_graph(resolve(list(NewsCorpus(size=40).extractions(0, 2)))), path)
    return path


def export(graph_file: Path, uri: str, password: str, *options: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "NEO4J_PASSWORD": password}
    environ.pop("NEO4J_URI", None)
    return subprocess.run(
        [str(GRAPHBUILD), "export", "neo4j", str(graph_file), "--uri", uri, "-q", *options],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_tls_to_a_plain_text_server_says_so(graph_file, neo4j_settings):
    host_port = neo4j_settings.uri.split("://", 1)[1]
    line = one_line_error(export(graph_file, f"bolt+s://{host_port}", neo4j_settings.password.get_secret_value()))
    assert "TLS handshake" in line and "does not speak TLS" in line and "use bolt://" in line
    assert "is it running" not in line


class SilentServer:
    """Accepts every connection and never sends a byte: a hung server, or a port that is not Bolt's."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.connections.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        for connection in self.connections:
            connection.close()
        self.socket.close()


def test_a_silent_server_fails_after_the_timeout_in_one_line(graph_file):
    server = SilentServer()
    try:
        started = time.monotonic()
        line = one_line_error(export(graph_file, f"bolt://127.0.0.1:{server.port}", "pw-irrelevant", "--timeout", "2"))
        took = time.monotonic() - started
    finally:
        server.close()
    assert server.connections  # it did connect: the wait was for an answer
    assert "accepted the connection but did not answer as a Bolt server within 2 s" in line
    assert took < 30


def test_the_timeout_comes_from_the_environment_too():
    assert connection_from_env(environ={"NEO4J_PASSWORD": "x", "NEO4J_TIMEOUT": "4.5"}, prompt=False).timeout == 4.5
    assert connection_from_env(environ={"NEO4J_PASSWORD": "x"}, prompt=False).timeout == 30
    with pytest.raises(Neo4jExportError, match="NEO4J_TIMEOUT must be a number of seconds"):
        connection_from_env(environ={"NEO4J_PASSWORD": "x", "NEO4J_TIMEOUT": "soon"}, prompt=False)


def test_two_concurrent_first_exports_both_succeed(neo4j_settings, neo4j_clean):
    """They MERGE the same new nodes at the same moment: the second to commit must not fail on the constraint."""
    graph = build_graph(resolve(list(NewsCorpus(size=200).extractions(0, 60))))
    for _ in range(3):
        neo4j_clean.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
        with ThreadPoolExecutor(2) as pool:
            summaries = list(
                pool.map(lambda batch: export_with_settings(graph, neo4j_settings, batch_size=batch), (200, 300))
            )
        assert all(s.nodes == graph.number_of_nodes() for s in summaries)
        records, _, _ = neo4j_clean.execute_query("MATCH (n) RETURN n.id AS id", database_=neo4j_settings.database)
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids)) == graph.number_of_nodes()
