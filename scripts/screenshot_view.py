"""Regenerate docs/graph-html.png: graph.html of the 17 development articles at its opening zoom.

    .venv/bin/python scripts/screenshot_view.py [--dev ../shared/eval/dev/articles] [--out docs/graph-html.png]

The graph is built here from the five sample articles of seeds/ and the
twelve development articles kept outside the project (../shared/eval/dev/
articles); only the picture is written into the repository.  Headless
Chromium (tests/headless.py) opens the page offline at 1400 × 900 and the
screenshot is taken once the page says it is laid out and drawn.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from headless import chromium, next_frame, open_view, unavailable  # noqa: E402

from graphbuild.export import write_graph  # noqa: E402
from graphbuild.pipeline import build_graph_from_sources  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "eval" / "dev" / "articles")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "graph-html.png")
    parser.add_argument("--size", default="1400x900", help="WIDTHxHEIGHT in CSS pixels")
    args = parser.parse_args()
    if problem := unavailable():
        sys.exit(f"screenshot_view: {problem}")
    if not args.dev.is_dir():
        sys.exit(f"screenshot_view: {args.dev}: no such folder (the development articles; give --dev)")
    sources = sorted((REPO / "seeds").glob("*.txt")) + sorted(args.dev.glob("*.txt"))
    graph = build_graph_from_sources([str(p) for p in sources])
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page_file = Path(folder) / "graph.html"
        write_graph(graph, page_file)
        page = open_view(browser, page_file, width=width, height=height)
        if page.errors or page.evaluate("document.body.dataset.rendered") != "true":
            sys.exit(f"screenshot_view: the page did not draw: {page.errors}")
        next_frame(page)
        page.screenshot(path=str(args.out))
        shown = page.evaluate("[document.body.dataset.visibleNodes, document.body.dataset.visibleEdges]")
    print(f"{args.out}: {len(sources)} articles, {shown[0]} entities and {shown[1]} relations drawn")


if __name__ == "__main__":
    main()
