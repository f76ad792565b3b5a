"""Memory that grows with the graph only, and updates that cost what they add (issue 18, items 1 and 2).

    .venv/bin/python bench/bench_memory.py --sizes 300 1200 --update 40 [--synthetic 100000] [--json out.json]

Each run is a fresh process, on articles of ``bench/generate.py`` (news length, ~29 invented people each):

``build N``
    ``graphbuild build FOLDER -o graph.json --workers 2 -q`` on N generated articles, run as a user runs
    it (the CLI's ``main``, interpreter start included): wall time, peak RSS of the main process (the
    coordinator: reading, resolving, the graph, the files) and of a worker (the model).
``update n``
    ``graphbuild build MORE --update graph.json -o graph.json --workers 2 -q``: n further articles of the
    same population added to the graph of the largest N, timed the same way, as a fraction of that build.
``synthetic N``
    what a build does after extraction, on N generated Extractions (no spaCy): streamed through the
    resolver into its store (``pipeline.built_from_extractions``), graph.json and its state written
    from it (``Built.write``), the build's statistics counted (``Built.stats``): seconds per stage and
    peak RSS after each.

The figures of one run go to bench/RESULTS.md as ratios and slopes (the machine is shared: absolute
times move with its load, ratios much less).
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
sys.path.insert(0, str(ROOT))


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


# --- children ----------------------------------------------------------------------------------------------


def child_cli(argv: list[str], report: Path) -> None:
    """The command line in this process; its peaks written to ``report`` however it ends."""
    from graphbuild.cli import main

    sys.argv = ["graphbuild", *argv]
    try:
        main()
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise
    finally:
        report.write_text(json.dumps({"main_mb": peak_mb(), "worker_mb": peak_mb(resource.RUSAGE_CHILDREN)}))


def child_synthetic(size: int, out: Path) -> dict:
    """What ``graphbuild build -o graph.json`` does after extraction, on generated Extractions."""
    from bench.generate import NewsCorpus
    from graphbuild.clock import StageClock
    from graphbuild.pipeline import built_from_extractions

    clock, peaks, counts = StageClock(), {"start": peak_mb()}, {"mentions": 0}

    def extractions():
        for extraction in clock.iterate(NewsCorpus(size=size).extractions(), "generate"):
            counts["mentions"] += len(extraction.mentions)
            yield extraction

    started = time.perf_counter()
    built = built_from_extractions(extractions(), clock=clock)
    peaks["resolve"] = peak_mb()
    built.write([out / "graph.json"])  # the state, then graph.json from the store's records
    peaks["write"] = peak_mb()
    with clock.stage("stats"):
        stats = built.stats()
    peaks["stats"] = peak_mb()
    return {
        "size": size,
        "seconds": time.perf_counter() - started,
        "stages": dict(clock.totals),
        "peaks_mb": peaks,
        "mentions": counts["mentions"],
        "nodes": stats.nodes,
        "edges": stats.edges,
        "json_mb": (out / "graph.json").stat().st_size / 1e6,
        "state_mb": (out / "graph.json.state").stat().st_size / 1e6,
    }


def run_cli(argv: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--cli", str(report), *argv], capture_output=True, text=True, cwd=ROOT
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"graphbuild {' '.join(argv)} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(report.read_text())
    report.unlink()
    return {**result, "seconds": seconds}


# --- main --------------------------------------------------------------------------------------------------


def main() -> None:
    if sys.argv[1:2] == ["--cli"]:  # a child: the command line, then its peaks
        child_cli(sys.argv[3:], Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1200])
    parser.add_argument("--update", type=int, default=40, help="articles added to the largest size's graph (0: none)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--synthetic", type=int, nargs="*", default=[], help="sizes of the post-extraction run")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--synthetic-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.synthetic_child:
        print(json.dumps(child_synthetic(int(args.synthetic_child[0]), Path(args.synthetic_child[1]))))
        return

    from bench.generate import NewsCorpus

    print(
        f"machine: {os.cpu_count()} CPU(s), python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    results: dict = {"builds": [], "update": None, "synthetic": []}
    with tempfile.TemporaryDirectory(prefix="graphbuild-memory-") as tmp:
        tmp = Path(tmp)
        for size in args.sizes:
            NewsCorpus(size=size).write(tmp / f"corpus{size}")
            graph = tmp / f"graph{size}.json"
            load = os.getloadavg()[0]
            row = run_cli(["build", str(tmp / f"corpus{size}"), "-o", str(graph), "--workers", str(args.workers), "-q"])
            row.update(
                size=size,
                load=load,
                json_mb=graph.stat().st_size / 1e6,
                state_mb=Path(f"{graph}.state").stat().st_size / 1e6,
            )
            results["builds"].append(row)
            print(
                f"build {size}: {row['seconds']:.1f} s, main peak {row['main_mb']:.0f} MB, worker peak {row['worker_mb']:.0f} MB, "
                f"graph.json {row['json_mb']:.1f} MB, state {row['state_mb']:.1f} MB (load {load:.1f})",
                flush=True,
            )
        if args.update and args.sizes:
            size = max(args.sizes)
            NewsCorpus(size=size).write(tmp / "more", start=size, stop=size + args.update)
            graph = tmp / f"graph{size}.json"
            row = run_cli(
                [
                    "build",
                    str(tmp / "more"),
                    "--update",
                    str(graph),
                    "-o",
                    str(graph),
                    "--workers",
                    str(args.workers),
                    "-q",
                ]
            )
            full = next(b for b in results["builds"] if b["size"] == size)
            row.update(onto=size, articles=args.update, fraction=row["seconds"] / full["seconds"])
            results["update"] = row
            print(
                f"update of {args.update} onto {size}: {row['seconds']:.1f} s = {row['fraction']:.3f} of the full build; "
                f"main peak {row['main_mb']:.0f} MB",
                flush=True,
            )
        for size in args.synthetic:
            out = tmp / f"synthetic{size}"
            out.mkdir()
            proc = subprocess.run(
                [sys.executable, __file__, "--synthetic-child", str(size), str(out)],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            if proc.returncode != 0:
                print(f"synthetic {size}: failed: {proc.stderr.strip()[-800:]}", flush=True)
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            results["synthetic"].append(row)
            print(
                f"synthetic {size}: {row['seconds']:.0f} s ({', '.join(f'{k} {v:.0f} s' for k, v in row['stages'].items())}); "
                f"peak RSS {max(row['peaks_mb'].values()):,.0f} MB; {row['nodes']:,} nodes, {row['edges']:,} edges",
                flush=True,
            )
    builds = results["builds"]
    if len(builds) >= 2:
        low, high = builds[0], builds[-1]
        slope = (high["main_mb"] - low["main_mb"]) / (high["size"] - low["size"]) * 1000
        results["slope_mb_per_1000"] = slope
        print(f"main-process peak grows {slope:.0f} MB per 1,000 articles between {low['size']} and {high['size']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
