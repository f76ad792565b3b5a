"""Neo4j export on hostile settings and a flaky network (issue 11), against the real Bolt test server.

* A password put into the URI (``bolt://neo4j:secret@host``), or the password
  value anywhere in a wrong URI, is never printed; credentials in the URI are
  refused with one line that says so.
* The driver's multi-line retry and connection logs stay off stderr unless
  ``GRAPHBUILD_DEBUG`` is set: a connection cut in the middle of the export
  (by a real TCP proxy in front of the real server) is retried silently.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graphbuild.export import write_graph
from graphbuild.export.neo4j import Neo4jExportError, connection_from_env, export_graph
from graphbuild.models import Article
from graphbuild.pipeline import extract_all, graph_from_extractions

SCRIPT = Path(sys.executable).parent / "graphbuild"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, nlp) -> Path:
    graph = graph_from_extractions(
        extract_all(
            [
                Article(
                    id="talks",
                    text="Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday.",
                )
            ]
        )
    )
    path = tmp_path_factory.mktemp("neo4j-robust") / "g.json"
    write_graph(graph, path)
    return path


def export_cli(graph_file: Path, settings, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHBUILD_"))}
    environment.update(NEO4J_PASSWORD=settings.password.get_secret_value(), NEO4J_DATABASE=settings.database or "")
    environment.update(env)
    return subprocess.run(
        [str(SCRIPT), "export", "neo4j", str(graph_file), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def host_port(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.hostname}:{parts.port}"


# --- credentials in the URI ---------------------------------------------------------------------


@pytest.mark.parametrize("in_uri", ["uri-only-secret-7f3a", None])  # None: the NEO4J_PASSWORD value
def test_password_in_the_uri_option_is_refused_and_never_printed(graph_file, neo4j_settings, in_uri):
    password = in_uri or neo4j_settings.password.get_secret_value()
    result = export_cli(graph_file, neo4j_settings, "--uri", f"bolt://neo4j:{password}@{host_port(neo4j_settings.uri)}")
    assert result.returncode == 1
    assert password not in result.stderr + result.stdout
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(
        "Error: credentials in the Neo4j URI are not supported"
    )
    assert f"bolt://***@{host_port(neo4j_settings.uri)}" in result.stderr


@pytest.mark.parametrize(
    "template",
    [
        "bolt://neo4j:{pw}@{host}",  # in NEO4J_URI
        "http://neo4j:{pw}@{host}",  # and a scheme that is not Bolt
        "bolt://neo4j:{pw}/with/slash@{host}",  # a password a URL parser would cut at "/"
        "{pw}",  # the password put in the wrong variable
        "neo4j+s://{host}/{pw}",
    ],
)
def test_password_never_appears_whatever_the_uri(graph_file, neo4j_settings, template):
    password = neo4j_settings.password.get_secret_value()
    uri = template.format(pw=password, host=host_port(neo4j_settings.uri))
    result = export_cli(graph_file, neo4j_settings, NEO4J_URI=uri)
    assert result.returncode == 1
    assert password not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr


def test_library_calls_are_redacted_too(neo4j_settings):
    password = neo4j_settings.password.get_secret_value()
    with pytest.raises(Neo4jExportError) as caught:
        connection_from_env(
            environ={"NEO4J_URI": f"bolt://u:{password}@localhost:1", "NEO4J_PASSWORD": password}, prompt=False
        )
    assert password not in str(caught.value) and "not supported" in str(caught.value)
    import networkx as nx

    with pytest.raises(Neo4jExportError) as caught:
        export_graph(nx.MultiDiGraph(), uri=f"ftp://u:{password}@localhost:1", user="u", password=password)
    assert password not in str(caught.value)


# --- driver logs --------------------------------------------------------------------------------


class CuttingProxy:
    """A TCP proxy to the real server that drops its first connection once the client sends a MERGE.

    The driver sees a real connection failure in the middle of a write transaction and retries it
    on a new connection, which the proxy passes through.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut = threading.Event()
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            server = socket.create_connection(self.target)
            cut_this_one = not self.cut.is_set()
            threading.Thread(target=self._pump, args=(client, server, cut_this_one), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, cut_on_merge: bool) -> None:
        try:
            while data := source.recv(65536):
                if cut_on_merge and not self.cut.is_set() and b"MERGE" in data:
                    self.cut.set()
                    break
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def cutting_proxy(neo4j_settings, neo4j_clean):
    parts = urlsplit(neo4j_settings.uri)
    proxy = CuttingProxy(parts.hostname, parts.port)
    yield proxy
    proxy.close()


def test_a_retried_connection_failure_leaves_stderr_one_line(graph_file, neo4j_settings, cutting_proxy):
    result = export_cli(graph_file, neo4j_settings, "--uri", f"bolt://127.0.0.1:{cutting_proxy.port}")
    assert cutting_proxy.cut.is_set() and cutting_proxy.connections >= 2, "the proxy never cut a connection"
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("exported "), result.stderr


def test_graphbuild_debug_shows_the_driver_log(graph_file, neo4j_settings, cutting_proxy):
    result = export_cli(
        graph_file, neo4j_settings, "--uri", f"bolt://127.0.0.1:{cutting_proxy.port}", GRAPHBUILD_DEBUG="1"
    )
    assert cutting_proxy.cut.is_set()
    assert result.returncode == 0, result.stderr
    assert "neo4j driver: " in result.stderr and "retried" in result.stderr
