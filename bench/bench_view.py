"""How fast graph.html opens, lays out and pans a large graph in headless Chromium.

    .venv/bin/python bench/bench_view.py                       # 1,400 and 5,000 entities (and 20,000 relations)
    .venv/bin/python bench/bench_view.py --sizes 5000 --runs 3

The graph is generated (preferential attachment, so a few hubs and many
small entities, like news): N entities, 4 relations per entity (5,000 →
~20,000), every relation with one to three evidence sentences, articles with
publication dates, a third of the relations with their own date.  For each
size it writes graph.html and opens it in headless Chromium (1400 × 900,
software WebGL: no GPU here), and reports:

* write s / MB: ``graphbuild.export.html.write`` and the file's size;
* first frame ms: from the start of the page's script to its first frame
  (the nodes at their starting positions: the page can be used from here);
* laid out ms: until ForceAtlas2 (in a web worker) finished and the final
  picture was drawn (``data-rendered="true"``); wall s: the same, measured
  from the test, including reading and parsing the file;
* longest task ms: the longest the page's main thread was busy at once
  between opening and laid out (PerformanceObserver "longtask"): what a
  click or a scroll may have to wait — the page never freezes for the layout;
* pan: the mouse drags the drawing 600 px in 30 steps; frames drawn, the
  median and the worst time between two frames, and the whole drag.

Results are printed as a Markdown table (bench/RESULTS.md keeps them).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

from headless import chromium, open_view, unavailable  # noqa: E402

from graphbuild.export import html  # noqa: E402

RELATIONS = [
    ("MET_WITH", 0.35),
    ("AFFILIATED_WITH", 0.25),
    ("MEETING_PLANNED", 0.06),
    ("MEETING_REFUSED", 0.04),
    ("SUPPORTS", 0.1),
    ("VISITED", 0.08),
    ("CRITICIZED", 0.07),
    ("SANCTIONED", 0.05),
]
TYPES = [("Person", 0.6), ("Organization", 0.3), ("Country", 0.1)]


def generated_graph(entities: int, seed: int = 5) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    shape = nx.barabasi_albert_graph(entities, 4, seed=seed)
    g = nx.MultiDiGraph()
    articles = max(50, entities // 3)
    for a in range(articles):
        g.add_node(
            f"article:{a}",
            type="Article",
            name=f"Story {a}",
            title=f"Story number {a}",
            article_id=str(a),
            published=f"2024-{1 + a % 12:02d}-{1 + a % 28:02d}",
            url=f"https://example.org/{a}",
        )
    for n in shape.nodes:
        node_type = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        g.add_node(f"e{n}", type=node_type, name=f"{node_type} {n}", aliases=[f"Alias {n}"] if n % 7 == 0 else [])
    for u, v in shape.edges:
        rtype = rng.choices([t for t, _ in RELATIONS], [w for _, w in RELATIONS])[0]
        sources = [str(rng.randrange(articles)) for _ in range(rng.randint(1, 3))]
        attrs = {
            "type": rtype,
            "weight": len(sources),
            "confidence": 0.8,
            "articles": sorted(set(sources)),
            "evidence": [f"Entity {u} and entity {v} were in the news, story {a}." for a in sources],
        }
        if rng.random() < 0.33:
            attrs["dates"] = [f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        g.add_edge(f"e{u}", f"e{v}", key=rtype, **attrs)
    return g


OBSERVE_LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { window.__longest = Math.max(window.__longest, e.duration); }))
  .observe({type: "longtask", buffered: true});
"""

PAN_FRAMES = """
() => { window.__frames = []; const tick = t => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
        window.__recording = true; requestAnimationFrame(tick); }
"""


def measure(browser, page_file: Path) -> dict:
    context_start = time.perf_counter()
    page = open_view(browser, page_file, width=1400, height=900)
    wall = time.perf_counter() - context_start
    page.evaluate(OBSERVE_LONG_TASKS)  # buffered: sees the tasks since the page opened
    longest = page.evaluate("new Promise(done => setTimeout(() => done(window.__longest), 50))")
    body = page.evaluate("Object.assign({}, document.body.dataset)")
    box = page.locator("#graph").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(PAN_FRAMES)
    pan_start = time.perf_counter()
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 31):
        page.mouse.move(x - 20 * step, y - 10 * step)
    page.mouse.up()
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    pan = time.perf_counter() - pan_start
    frames = page.evaluate("window.__recording = false, window.__frames")
    gaps = [b - a for a, b in zip(frames, frames[1:], strict=False)]
    moved = page.evaluate("graphbuildView.renderer.getCamera().getState()")
    page.context.close()
    assert body["rendered"] == "true" and page.errors == [], (body, page.errors)
    assert (moved["x"], moved["y"]) != (0.5, 0.5), "the drag did not pan"
    return {
        "nodes": body["visibleNodes"],
        "edges": body["visibleEdges"],
        "first_frame_ms": int(body["firstFrameMs"]),
        "laid_out_ms": int(body["layoutMs"]),
        "iterations": body["layoutIterations"],
        "wall_s": wall,
        "longest_task_ms": longest,
        "pan_frames": len(frames),
        "pan_median_ms": statistics.median(gaps) if gaps else 0,
        "pan_worst_ms": max(gaps, default=0),
        "pan_s": pan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1400, 5000])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if problem := unavailable():
        sys.exit(f"bench_view: {problem}")
    print(
        "| entities | relations drawn | write s | MB | first frame ms | laid out ms | iterations | wall s "
        "| longest task ms | pan frames | pan median ms | pan worst ms | pan s |"
    )
    print("|" + "---|" * 13)
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        for size in args.sizes:
            graph = generated_graph(size)
            page_file = Path(folder) / f"graph-{size}.html"
            start = time.perf_counter()
            html.write(graph, page_file)
            written = time.perf_counter() - start
            megabytes = page_file.stat().st_size / 1e6
            for _ in range(args.runs):
                r = measure(browser, page_file)
                print(
                    f"| {size:,} | {int(r['edges']):,} | {written:.2f} | {megabytes:.1f} | {r['first_frame_ms']:,} "
                    f"| {r['laid_out_ms']:,} | {r['iterations']} | {r['wall_s']:.1f} | {r['longest_task_ms']:.0f} "
                    f"| {r['pan_frames']} | {r['pan_median_ms']:.0f} | {r['pan_worst_ms']:.0f} | {r['pan_s']:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
