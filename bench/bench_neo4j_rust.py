"""Does ``neo4j-rust-ext`` (the driver's Rust PackStream codec) speed up the Bolt export?  A/B in one run.

    .venv/bin/python bench/bench_neo4j_rust.py [--nodes 10000 --relationships 20000 --rounds 3]

One throw-away ArcadeDB (``tests/neo4j_server.py``); each round exports the
generated graph of ``bench_neo4j.py`` twice from an empty database and then
re-exports it, once in a child process where the Rust codec is blocked
(``neo4j._rust`` cannot be imported, so the driver packs in pure Python) and
once where it loads, alternating which goes first.  Each child reports the
wall time and its own CPU time (the client's share: the server is another
process).  Needs ``neo4j-rust-ext`` installed (``scripts/setup.sh`` does).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

CHILD = """
import importlib.abc, json, sys, time
if {block!r}:
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "neo4j._rust" or name.startswith("neo4j._rust."):
                raise ImportError("blocked for the benchmark")
    sys.meta_path.insert(0, Block())
sys.path.insert(0, {bench!r})
from bench_neo4j import synthetic_graph, _wipe
from neo4j import GraphDatabase
from graphbuild.export.neo4j import connection_from_env, export_with_settings
from neo4j._codec.packstream import v1
settings = connection_from_env(prompt=False)
graph = synthetic_graph({nodes}, {relationships})
driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password.get_secret_value()))
_wipe(driver, settings)
driver.close()
out = {{"rust": v1._rust_pack is not None}}
for run in ("first", "re-export"):
    wall, cpu = time.perf_counter(), time.process_time()
    export_with_settings(graph, settings)
    out[run] = (time.perf_counter() - wall, time.process_time() - cpu)
print(json.dumps(out))
"""


def child(settings, block: bool, nodes: int, relationships: int) -> dict:
    code = CHILD.format(block=block, bench=str(REPO_ROOT / "bench"), nodes=nodes, relationships=relationships)
    environ = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password.get_secret_value(),
        "NEO4J_DATABASE": settings.database or "",
    }
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, env=environ)
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from neo4j_server import running_server

    results: dict[bool, list[dict]] = {True: [], False: []}
    with running_server(heap="2g") as settings:
        child(settings, True, args.nodes, args.relationships)  # warm the server's JIT once, not measured
        for round_ in range(args.rounds):
            for block in (True, False) if round_ % 2 == 0 else (False, True):
                result = child(settings, block, args.nodes, args.relationships)
                assert result["rust"] is not block, "the Rust codec is not installed: pip install neo4j-rust-ext"
                results[block].append(result)
                print(
                    f"round {round_ + 1} {'pure Python' if block else 'Rust codec '}: "
                    + ", ".join(
                        f"{run} {result[run][0]:.2f} s wall / {result[run][1]:.2f} s client CPU"
                        for run in ("first", "re-export")
                    ),
                    flush=True,
                )
    print(
        f"\nbest of {args.rounds}, {args.nodes:,} nodes + {args.relationships:,} relationships; ratio = Rust / pure Python"
    )
    for run in ("first", "re-export"):
        for index, what in ((0, "wall"), (1, "client CPU")):
            pure = min(r[run][index] for r in results[True])
            rust = min(r[run][index] for r in results[False])
            print(f"  {run:10} {what:10} pure {pure:6.2f} s   rust {rust:6.2f} s   ratio {rust / pure:.2f}")


if __name__ == "__main__":
    main()
