"""Scale of a real build on generated news: throughput and peak memory at growing sizes, ``--update`` of 1 %,
and the coordinator's serial work under ``--dask``.

    .venv/bin/python bench/bench_scale.py --sizes 1000 3000 10000 --workers 2 --update 0.01
    .venv/bin/python bench/bench_scale.py --sizes 1000 --dask          # a local cluster of 2 workers

The corpus is ``bench/generate.py``'s (news length, ~29 invented people an
article; the population grows with the size).  Every measured build runs in a
fresh subprocess through ``pipeline.build`` and writes ``graph.json`` as the
CLI does (the update state, then graph.json item by item from the resolver's
store, no networkx graph), so each peak is that run's alone:

* main peak: ``ru_maxrss`` of the coordinating process (reading, results,
  resolution, graph, state, JSON);
* worker peak: the largest ``ru_maxrss`` of its worker processes (the model and one chunk);
* update: ``NEW --update graph.json -o graph.json`` with ``--update`` × N new
  articles of the same population, timed against the full build of N;
* ``--dask``: the same build with extraction on a local ``dask scheduler`` +
  2 ``dask worker`` processes; the main process's CPU seconds per 1,000
  articles is the serial work one coordinator does, whatever the cluster size,
  so 1,000 / that figure is the most articles per second one coordinator can
  take in.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def child(folder: str, out: str, workers: int, update: str | None, dask: str | None) -> dict:
    from graphbuild.clock import StageClock
    from graphbuild.pipeline import build

    workers_cpu = _workers_cpu(dask) if dask else {}
    clock, cpu, wall = StageClock(), time.process_time(), time.perf_counter()
    built = build([folder], workers=workers, update=update, dask=dask, clock=clock)
    built.write([Path(out)])  # as the CLI writes it: the update state, then graph.json from the resolver's store
    stats = built.stats()
    result = {
        "seconds": time.perf_counter() - wall,
        "main_cpu": time.process_time() - cpu,
        "stages": dict(clock.totals),
        "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "nodes": stats.nodes,
        "edges": stats.edges,
    }
    if dask:
        from distributed import Client

        with Client(dask, set_as_default=False) as client:
            peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        result["worker_peak_mb"] = max(peaks.values())
        after = _workers_cpu(dask)
        result["workers_cpu"] = sum(after[w] - workers_cpu.get(w, 0.0) for w in after)  # the model loads included
    return result


def _workers_cpu(address: str) -> dict[str, float]:
    """CPU seconds each Dask worker process has used so far."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        return client.run(time.process_time)


def run_child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(size: int, workers: int, update_share: float, tmp: Path, dask: str | None) -> dict:
    from bench.generate import NewsCorpus

    corpus = NewsCorpus(size=size)
    shape = corpus.write(tmp / f"corpus{size}")
    out = tmp / f"graph{size}.json"
    row = {
        "size": size,
        "workers": workers,
        "words": shape.words,
        "people": shape.people_mentions / size,
        "load": os.getloadavg()[0],
    }
    row["build"] = run_child(str(tmp / f"corpus{size}"), str(out), str(workers), "-", dask or "-")
    if update_share and not dask:
        added = max(1, round(size * update_share))
        corpus.write(tmp / f"new{size}", start=size, stop=size + added)
        row["update"] = run_child(str(tmp / f"new{size}"), str(out), str(workers), str(out), "-")
        row["update"]["articles"] = added
    print(line(row), flush=True)
    return row


def line(row: dict) -> str:
    build = row["build"]
    text = (
        f"N={row['size']:,} ({row['people']:.1f} people/article, load {row['load']:.1f}): "
        f"{row['size'] / build['seconds']:.2f} articles/s, main peak {build['main_peak_mb']:.0f} MB, worker peak "
        f"{build['worker_peak_mb']:.0f} MB, main CPU {build['main_cpu'] / row['size'] * 1000:.1f} s per 1,000 articles; "
        f"stages {', '.join(f'{k} {v:.1f}' for k, v in build['stages'].items())}"
    )
    if "update" in row:
        up = row["update"]
        text += (
            f"\n   update +{up['articles']}: {up['seconds']:.1f} s = {up['seconds'] / build['seconds']:.2f} x the full "
            f"build, main peak {up['main_peak_mb']:.0f} MB; stages {', '.join(f'{k} {v:.1f}' for k, v in up['stages'].items())}"
        )
    return text


def slopes(rows: list[dict]) -> str:
    out = []
    for a, b in zip(rows, rows[1:], strict=False):
        per_k = (b["size"] - a["size"]) / 1000
        out.append(
            f"{a['size']:,} -> {b['size']:,}: main peak +{(b['build']['main_peak_mb'] - a['build']['main_peak_mb']) / per_k:.0f} "
            f"MB per 1,000 articles, time x{b['build']['seconds'] / a['build']['seconds']:.2f} for x{b['size'] / a['size']:.1f} "
            "the articles"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--update", type=float, default=0.01, help="share of new articles added with --update (0: none)"
    )
    parser.add_argument("--dask", action="store_true", help="extract on a local Dask cluster of --workers workers")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, out, workers, update, dask = args.child
        print(
            json.dumps(
                child(folder, out, int(workers), None if update == "-" else update, None if dask == "-" else dask)
            )
        )
        return
    print(f"machine: {os.cpu_count()} CPU(s), load average at start {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="graphbuild-scale-") as tmp:
        if args.dask:
            from dask_cluster import local_cluster

            with local_cluster(workers=args.workers) as cluster:
                rows = [measure(n, 1, 0, Path(tmp), cluster.address) for n in args.sizes]
        else:
            rows = [measure(n, args.workers, args.update, Path(tmp), None) for n in args.sizes]
    print(slopes(rows))
    if args.dask:
        for row in rows:
            cpu = row["build"]["main_cpu"] / row["size"] * 1000
            work = row["build"]["workers_cpu"] / row["size"] * 1000
            print(
                f"coordinator at N={row['size']:,}: {cpu:.1f} CPU s per 1,000 articles -> at most "
                f"{1000 / cpu:.0f} articles/s from one coordinator; the workers used {work:.0f} CPU s per 1,000 "
                f"articles, so one coordinator keeps about {work / cpu:.0f} single-threaded workers busy"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
