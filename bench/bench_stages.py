"""The stages after extraction at sizes spaCy cannot reach here: synthetic Extractions, no model.

    .venv/bin/python bench/bench_stages.py --sizes 100000 1000000 [--memory-cap-gb 16]

Each size runs in a fresh subprocess under an address-space cap (``RLIMIT_AS``;
a run past it stops with ``MemoryError`` and is reported as not fitting, instead
of taking the shared machine down).  The child generates ``bench/generate.py``'s
Extractions (29 people an article) and keeps each as the pipeline keeps it
(``pipeline.slim``), then times the stages of ``pipeline.graph_from_extractions``
and the exports, and reads the peak RSS after each:

    generate   making the synthetic Extractions (not a graphbuild stage; its memory is the input's)
    slim       pipeline.slim of each (what extract_all does after extraction)
    resolve / graph / state    graph_from_extractions
    json       node_link.write of the graph (the updatable graph.json)
    admin      export neo4j-admin (the CSV files of the bulk import)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(size: int, out: Path) -> dict:
    from bench.generate import NewsCorpus
    from graphbuild.clock import StageClock
    from graphbuild.export.neo4j.admin import write_admin_import
    from graphbuild.export.node_link import write
    from graphbuild.pipeline import graph_from_extractions, slim

    clock, peaks, done = StageClock(), {"start": peak_mb()}, 0
    corpus = NewsCorpus(size=size)
    extractions = []
    try:
        for extraction in clock.iterate(corpus.extractions(), "generate"):
            with clock.stage("slim"):
                extractions.append(slim(extraction))
            done += 1
        peaks["generate+slim"] = peak_mb()
        mentions = sum(len(x.mentions) for x in extractions)
        graph = graph_from_extractions(extractions, clock=clock)
        peaks["resolve+graph+state"] = peak_mb()
        del extractions
        with clock.stage("json"):
            write(graph, out / "graph.json")
        peaks["json"] = peak_mb()
        with clock.stage("admin"):
            write_admin_import(graph, out / "import")
        peaks["admin"] = peak_mb()
    except MemoryError:
        extractions = None  # noqa: F841 - drops what the build held before the result is put together
        return {"size": size, "fits": False, "articles_done": done, "stages": dict(clock.totals), "peaks": peaks}
    return {
        "size": size,
        "fits": True,
        "mentions": mentions,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "stages": dict(clock.totals),
        "peaks": peaks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--memory-cap-gb", type=float, default=16.0)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        size, out, cap = int(args.child[0]), Path(args.child[1]), float(args.child[2])
        limit = int(cap * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        print(json.dumps(child(size, out)))
        return
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="graphbuild-stages-") as out:
            started = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(size), out, str(args.memory_cap_gb)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
        if proc.returncode != 0:
            print(
                f"N={size:,}: the child failed after {time.perf_counter() - started:.0f} s: {proc.stderr.strip()[-500:]}"
            )
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in row["stages"].items())
        peaks = ", ".join(f"{k} {v:,.0f} MB" for k, v in row["peaks"].items())
        if row["fits"]:
            print(
                f"N={size:,}: {row['mentions']:,} mentions, {row['nodes']:,} nodes, {row['edges']:,} edges; {stages}; "
                f"peak RSS after {peaks}",
                flush=True,
            )
        else:
            print(
                f"N={size:,}: does not fit in {args.memory_cap_gb:g} GB: MemoryError after {row['articles_done']:,} "
                f"articles; {stages}; peak RSS after {peaks}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
