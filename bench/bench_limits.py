"""What the input limits of issue 19 cost and save: time and peak memory, each run in a fresh process.

    .venv/bin/python bench/bench_limits.py [--baseline /path/to/other/checkout] [--only NAME ...]

Cases (texts generated here; names invented):

    long-article   one 1.8 MB article (the seed articles, each paragraph
                   prefixed so that no two repeat): the default
                   ``--max-chars`` (300,000) against no practical limit
    textless-feed  a JSON-lines feed of one article and 1,000,000 records
                   without text: warning lines printed and peak memory
    co-mentioned   ``--view co-mentioned`` of a graph whose one article
                   names 4,620 people (and 1,000 small articles), written
                   as JSON
    nesting-check  the nesting check of a ~60 MB node-link graph against
                   parsing it (``json.loads``): what the check adds to
                   reading a graph

``--baseline`` runs the same cases with another checkout's code (its
``graphbuild`` package put first on the path), for before/after ratios
measured in one run.  Each case runs in its own subprocess, limited to
``--memory-limit`` MB of address space, so a baseline that runs out of
memory says so instead of taking the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLI = [PYTHON, "-c", "import sys; from graphbuild.cli import main; sys.argv[0] = 'graphbuild'; main()"]


def _long_article(folder: Path) -> Path:
    seeds = "\n\n".join(p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies, text = 0, []
    while sum(map(len, text)) < 1_800_000:
        text.append("\n".join(f"In report {copies}, {line}" if line.strip() else line for line in seeds.splitlines()))
        copies += 1
    path = folder / "long.txt"
    path.write_text("\n\n".join(text), encoding="utf-8")
    return path


def _textless_feed(folder: Path) -> Path:
    path = folder / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            json.dumps(
                {"id": "real", "text": "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna."}
            )
            + "\n"
        )
        for number in range(1_000_000):
            out.write(f'{{"id": "r{number}", "title": "no text"}}\n')
    return path


CO_MENTIONED_SCRIPT = """
import networkx as nx
from graphbuild.export import write_graph
graph = nx.MultiDiGraph()
def article(aid, people):
    graph.add_node(f"article:{aid}", type="Article", article_id=aid)
    for p in people:
        graph.add_node(p, type="Person", name=p)
        graph.add_edge(p, f"article:{aid}", key="MENTIONED_IN", type="MENTIONED_IN", weight=1, articles=[aid])
article("roster", [f"person:p{n}" for n in range(4620)])
for a in range(1000):
    article(f"a{a}", [f"person:p{(a * 7 + k) % 4620}" for k in range(8)])
write_graph(graph, __import__("pathlib").Path(OUT), view="co-mentioned")
"""

NESTING_SCRIPT = """
import json, time
from graphbuild.inputs import json_nesting
nodes = [{"id": f"person:p{n}", "type": "Person", "name": f"P {n}", "aliases": [f"P{n}", f"Mr P {n}"]} for n in range(200_000)]
links = [{"source": f"person:p{n}", "target": f"person:p{n + 1}", "key": "MET_WITH", "articles": [f"a{n}"], "evidence": ["They met."]}
         for n in range(199_999)]
text = json.dumps({"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "links": links}, indent=1)
started = time.perf_counter(); json_nesting(text, stop_at=100); check = time.perf_counter() - started
started = time.perf_counter(); json.loads(text); parse = time.perf_counter() - started
print(json.dumps({"MB": round(len(text) / 1e6, 1), "check_s": round(check, 2), "parse_s": round(parse, 2)}))
"""


def run(command: list[str], env: dict[str, str], memory_mb: int, cwd: Path) -> dict:
    """Wall time, peak RSS and output of one subprocess."""
    wrapper = (
        "import resource, subprocess, sys, json, time\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} << 20, {memory_mb} << 20))\n"
        "started = time.perf_counter()\n"
        "done = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)\n"
        "print(json.dumps({'seconds': time.perf_counter() - started, 'exit': done.returncode,"
        " 'peak_MB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,"
        " 'stderr_lines': len(done.stderr.splitlines()), 'stderr_tail': done.stderr.strip().splitlines()[-2:], 'stdout': done.stdout[-300:]}))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", wrapper, json.dumps(command)], capture_output=True, text=True, env=env, cwd=cwd
    )
    return json.loads(result.stdout) if result.stdout.strip() else {"error": result.stderr[-300:]}


def cases(folder: Path) -> dict[str, list[tuple[str, list[str]]]]:
    long_article, feed = _long_article(folder), _textless_feed(folder)
    out = str(folder / "g.json")
    return {
        "long-article": [
            ("--max-chars 300,000 (default)", [*CLI, "build", str(long_article), "-q", "-o", out]),
            ("--max-chars 2,000,000", [*CLI, "build", str(long_article), "-q", "-o", out, "--max-chars", "2000000"]),
        ],
        "textless-feed": [("1,000,001 records", [*CLI, "build", str(feed), "-o", out])],
        "co-mentioned": [("4,620 people in one article", [PYTHON, "-c", f"OUT = {out!r}\n" + CO_MENTIONED_SCRIPT])],
        "nesting-check": [("200,000 nodes and links", [PYTHON, "-c", NESTING_SCRIPT])],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with (its graphbuild package)")
    parser.add_argument("--only", nargs="*", help="run only these cases")
    parser.add_argument("--memory-limit", type=int, default=6000, help="address space per run, MB")
    args = parser.parse_args()
    codes = [("this checkout", ROOT)] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
    with tempfile.TemporaryDirectory() as tmp:
        for name, runs in cases(Path(tmp)).items():
            if args.only and name not in args.only:
                continue
            for label, command in runs:
                for code_name, code in codes:
                    if name == "nesting-check" and code_name == "baseline":
                        continue  # the baseline has no such check
                    env = {**os.environ, "PYTHONPATH": str(code)}
                    result = run(command, env, args.memory_limit, cwd=code)
                    print(json.dumps({"case": name, "run": label, "code": code_name, **result}), flush=True)


if __name__ == "__main__":
    main()
