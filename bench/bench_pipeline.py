"""End-to-end benchmark of ``graphbuild build``: throughput, stage times, peak memory.

    .venv/bin/python bench/bench_pipeline.py --sizes 100 1000 10000 --workers 1 2

For each size N a corpus of N articles is generated from the five seed
articles, with people, countries and organizations substituted from
generated pools (pools grow with N, so the graph keeps growing), and
written as .txt files to a temporary folder.  Each (size, workers) run is a
fresh subprocess, so peak memory (``ru_maxrss``) is that run's alone; it
runs the CLI's code path — ``pipeline.build_graph_from_sources`` (reader,
Extractor or worker pool, resolve, build_graph) then ``write_graph`` to
GraphML and JSON — with a ``graphbuild.clock.StageClock`` handed to the
pipeline, which times its stages:

    read       iter_articles (file reading, decoding)
    paragraphs story_paragraphs (page-furniture removal)
    spacy      nlp.pipe
    rules      Extractor.extract_docs (mention and relation rules)
    slim       dropping article text from the kept extractions
    extract    (workers > 1) waiting for the worker processes: spacy + rules + paragraphs
    resolve / graph / state / export

The reference, in its own subprocess: bare ``nlp.pipe`` of the same model
(``load_pipeline``: only the components graphbuild keeps) over the same
story paragraphs (``story_paragraphs``), batch size 64, on the first
``--ref-max`` articles of the largest corpus (a per-article rate; the
full 10k would double the run time for the same figure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# --- corpus ------------------------------------------------------------------------------------

#: What in the seeds gets replaced is found by graphbuild's own extraction of them (no names are
#: written here): people (full names, and the family name alone) get a generated "Given Family";
#: countries another pycountry country; organizations a generated "<Word> <Word> Institute" etc.
SYLLABLES = (
    "ka lo mi re sa to vi na del par ion ber gan mar tel sor fen qui dor lan bra cor mel tis van ro ha ju ki ze".split()
)
ORG_WORDS = "Atlantic Northern Pacific Civic Strategic Maritime Global Federal National Eastern Western Public Open Policy Security Trade Energy Future Allied Central".split()
ORG_KINDS = ["Institute", "Foundation", "Council", "Agency", "Forum", "Group", "Center", "Commission"]


def _name(rng: random.Random, parts: tuple[int, int]) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*parts))).capitalize()


def pools(n: int, seed: int = 7) -> dict[str, list]:
    import pycountry

    rng = random.Random(seed)
    people = sorted({(_name(rng, (2, 3)), _name(rng, (2, 3))) for _ in range(max(200, 3 * n))})
    orgs = sorted(
        {f"{rng.choice(ORG_WORDS)} {_name(rng, (2, 3))} {rng.choice(ORG_KINDS)}" for _ in range(max(50, n // 2))}
    )
    countries = sorted(
        c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name and len(c.name.split()) <= 2
    )
    return {"people": people, "orgs": orgs, "countries": countries}


def seed_entities(seeds: list[str]) -> dict[str, list]:
    """The people, countries and organizations of the seed texts, as graphbuild extracts them."""
    from graphbuild.extract import Extractor
    from graphbuild.models import Article
    from graphbuild.nlp import load_pipeline

    people: dict[str, str] = {}  # full name -> family name
    countries, orgs = set(), set()
    for extraction in Extractor(load_pipeline()).extract(Article(id=str(n), text=t) for n, t in enumerate(seeds)):
        for m in extraction.mentions:
            if m.type == "Person" and len(m.text.split()) >= 2:
                people[m.text] = m.text.split()[-1]
            elif m.type == "Country" and not m.implicit and m.text[:1].isupper():
                countries.add(m.text)
            elif m.type == "Organization" and m.text[:1].isupper():
                orgs.add(m.text)
    return {"people": sorted(people.items()), "countries": sorted(countries), "orgs": sorted(orgs)}


def _substitute(text: str, rng: random.Random, pool: dict[str, list], found: dict[str, list]) -> str:
    mapping: dict[str, str] = {}
    families: dict[str, str] = {}
    for full, family in found["people"]:
        if full in text:
            given, fam = rng.choice(pool["people"])
            fam = families.setdefault(family, fam)
            mapping[full] = f"{given} {fam}"
    for old_family, fam in families.items():
        mapping.setdefault(old_family, fam)
    for country in found["countries"]:
        mapping[country] = rng.choice(pool["countries"])
    for org in found["orgs"]:
        mapping[org] = rng.choice(pool["orgs"])
    keys = sorted((k for k in mapping if k in text), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def make_corpus(n: int, folder: Path) -> tuple[int, int]:
    """N articles as .txt files in ``folder``; returns (articles, words)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    found = seed_entities(seeds)
    pool = pools(n)
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        rng = random.Random(k)
        text = _substitute(seeds[k % len(seeds)], rng, pool, found)
        words += len(text.split())
        (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
    return n, words


# --- children ------------------------------------------------------------------------------------


def child_build(folder: Path, workers: int, out: Path) -> dict:
    from graphbuild.nlp import load_pipeline

    if workers == 1:
        load_pipeline()  # model load is start-up, not throughput (the workers' loads are counted: they happen inside the run)
    from graphbuild.clock import StageClock
    from graphbuild.export import write_graph
    from graphbuild.pipeline import build_graph_from_sources

    mentions = []
    clock = StageClock()
    t0 = time.perf_counter()
    graph = build_graph_from_sources(
        [folder], workers=workers, on_article=lambda x: mentions.append(len(x.mentions)), clock=clock
    )

    def peak_mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    peaks = {"build": peak_mb()}  # extraction + resolution + graph + state
    with clock.stage("export"):
        write_graph(graph, out / "graph.graphml")
        peaks["graphml"] = peak_mb()
        write_graph(graph, out / "graph.json")
        peaks["json"] = peak_mb()
    total = time.perf_counter() - t0
    return {
        "total": total,
        "stages": dict(clock.totals),
        "mentions": sum(mentions),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "json_bytes": (out / "graph.json").stat().st_size,
        "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "maxrss_after_mb": peaks,
        "maxrss_workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def child_reference(folder: Path, limit: int) -> dict:
    from graphbuild.extract.furniture import story_paragraphs
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline()
    files = sorted(folder.glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    paragraphs = [p.text for t in texts for p in story_paragraphs(t)]
    t0 = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    total = time.perf_counter() - t0
    return {
        "total": total,
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "pipes": nlp.pipe_names,
    }


def run_child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- main ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure at each size")
    parser.add_argument("--ref-max", type=int, default=1000, help="articles in the bare nlp.pipe reference")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, *rest = args.child
        result = (
            child_build(Path(rest[0]), int(rest[1]), Path(rest[2]))
            if kind == "build"
            else child_reference(Path(rest[0]), int(rest[1]))
        )
        print(json.dumps(result))
        return

    print(
        f"machine: {os.cpu_count()} CPU(s), python {sys.version.split()[0]}, load average at start {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphbuild-bench-") as tmp:
        tmp = Path(tmp)
        corpora = {}
        for n in args.sizes:
            corpora[n] = make_corpus(n, tmp / f"corpus{n}")
        ref_n = max(args.sizes)
        ref = run_child(["--child", "ref", str(tmp / f"corpus{ref_n}"), str(args.ref_max)])
        ref_wps = ref["words"] / ref["total"]
        ref_aps = ref["articles"] / ref["total"]
        print(
            f"reference: bare nlp.pipe {ref['pipes']} on {ref['articles']} articles: {ref_aps:.2f} articles/s, {ref_wps:.0f} words/s",
            flush=True,
        )
        for n in args.sizes:
            for w in args.workers:
                out = tmp / f"out{n}-{w}"
                out.mkdir()
                load = os.getloadavg()[0]
                r = run_child(["--child", "build", str(tmp / f"corpus{n}"), str(w), str(out)])
                articles, words = corpora[n]
                r.update(
                    size=n, workers=w, articles=articles, words=words, load_before=load, load_after=os.getloadavg()[0]
                )
                r["articles_per_s"] = articles / r["total"]
                r["words_per_s"] = words / r["total"]
                r["fraction_of_reference"] = r["words_per_s"] / ref_wps
                rows.append(r)
                print(_row(r), flush=True)
    print()
    print(table(rows, ref, ref_wps, ref_aps))
    if args.json:
        args.json.write_text(json.dumps({"reference": ref, "runs": rows}, indent=1))


STAGES = ["read", "paragraphs", "spacy", "rules", "extract", "slim", "resolve", "graph", "state", "export", "other"]


def _row(r: dict) -> str:
    return f"N={r['size']} workers={r['workers']}: peak after build/graphml/json {r['maxrss_after_mb']} MB; {r['total']:.1f}s {r['articles_per_s']:.2f} art/s {r['words_per_s']:.0f} w/s, peak {r['maxrss_self_mb']:.0f} MB (+workers {r['maxrss_workers_mb']:.0f} MB each), load {r['load_before']:.1f}->{r['load_after']:.1f}"


def table(rows: list[dict], ref: dict, ref_wps: float, ref_aps: float) -> str:
    head = [
        "N",
        "workers",
        "total s",
        "articles/s",
        "words/s",
        "× ref",
        "peak MB (main)",
        "peak MB (worker)",
        "mentions",
        "nodes",
        "edges",
        "JSON MB",
    ] + [f"{s} s" for s in STAGES]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        st = r["stages"]
        cells = [
            r["size"],
            r["workers"],
            f"{r['total']:.1f}",
            f"{r['articles_per_s']:.2f}",
            f"{r['words_per_s']:.0f}",
            f"{r['fraction_of_reference']:.2f}",
            f"{r['maxrss_self_mb']:.0f}",
            f"{r['maxrss_workers_mb']:.0f}" if r["workers"] > 1 else "-",
            r["mentions"],
            r["nodes"],
            r["edges"],
            f"{r['json_bytes'] / 1e6:.1f}",
        ] + [f"{st[s]:.2f}" if s in st else "-" for s in STAGES]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines.append("")
    lines.append(
        f"reference (bare nlp.pipe, {', '.join(ref['pipes'])}; {ref['articles']} articles): {ref_aps:.2f} articles/s, {ref_wps:.0f} words/s"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
