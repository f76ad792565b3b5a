"""graph.html in a real browser: Debian's headless Chromium, with no network, draws the graph.

The page must work offline, so the browser runs in an empty network namespace
(``unshare --net``, when the machine allows it) and behind an unreachable
proxy.  The tests read what the page's script wrote into the DOM after
Cytoscape rendered, and count the node colours in a screenshot.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.export import html, write_graph
from graphbuild.export.style import NODE_COLORS, rgb
from graphbuild.export.views import entity_view
from graphbuild.pipeline import build_graph_from_sources
from test_gephi_export import dated_graph

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The flags COMMON to headless runs on a closed network (without the background ones Chromium hangs).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--window-size=1400,900", "--virtual-time-budget=10000"]


def _no_network_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        return [unshare, "--net"]
    return []  # the unreachable proxy still stops every request


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM:
        message = "chromium is not installed (apt-get install chromium; scripts/test.sh does it when run as root)"
        if os.environ.get("CI"):
            pytest.fail(message + ": on CI the HTML view must be tested")
        pytest.skip(message)
    prefix = _no_network_prefix()
    profiles = tmp_path_factory.mktemp("chromium")

    def run(url: str, *extra: str) -> str:
        profile = profiles / f"p{len(list(profiles.iterdir()))}"
        proc = subprocess.run([*prefix, CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout

    return run


@pytest.fixture(scope="module")
def seed_graph():
    return build_graph_from_sources([str(p) for p in sorted(SEEDS.glob("*.txt"))])


def body(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom).group(1)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_seed_graph_renders_offline_with_every_entity(browser, seed_graph, tmp_path):
    page = tmp_path / "graph.html"
    write_graph(seed_graph, page)
    entities = entity_view(seed_graph)
    drawn = body(browser(page.as_uri(), "--dump-dom"))
    assert drawn["data-rendered"] == "true"
    assert (int(drawn["data-nodes"]), int(drawn["data-edges"])) == (entities.number_of_nodes(), entities.number_of_edges())

    shot = tmp_path / "shot.png"
    browser(page.as_uri(), f"--screenshot={shot}")
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    # the drawing area only: below the header, left of the 360 px side panel (the legend has these colours too)
    graph_area = image.crop((0, 60, image.width - 370, image.height))
    counts = graph_area.getcolors(maxcolors=graph_area.width * graph_area.height)  # [(pixels, (r, g, b)), ...]

    def painted(color, tolerance=12):
        return sum(n for n, c in counts if all(abs(a - b) <= tolerance for a, b in zip(color, c)))

    for node_type in ("Person", "Country", "Organization"):
        assert painted(rgb(NODE_COLORS[node_type])) > 150, f"{node_type} nodes are not drawn"
    background = sum(n for n, c in counts if c == (255, 255, 255))
    assert graph_area.width * graph_area.height - background > graph_area.width * graph_area.height // 50


def test_clicked_relation_shows_its_evidence_and_articles(browser, tmp_path):
    page = tmp_path / "graph.html"
    write_graph(dated_graph(), page)
    dom = browser(page.as_uri() + "#edge=person:ana--MET_WITH--person:bo", "--dump-dom")
    panel = re.search(r'<aside id="panel">(.*?)</aside>', dom, re.S).group(1)
    assert "Ana Ruiz — Bo Lind" in panel  # symmetric: no arrow
    assert "Ruiz met Lind." in panel and "They met again." in panel
    assert re.search(r"<blockquote>Ruiz met Lind\.<cite[^>]*>Story a1</cite></blockquote>", panel)  # who says it
    assert "Story a1" in panel and "Story a2" in panel
    assert "2024-03-01, 2024-03-04, 2024-04-10" in panel


def test_search_finds_an_alias(browser, tmp_path):
    page = tmp_path / "graph.html"
    write_graph(dated_graph(), page)
    dom = browser(page.as_uri() + "#search=HF", "--dump-dom")
    assert re.search(r'id="search-result">1 match<', dom)
    assert "<h2>Harbour Fleet</h2>" in dom


def test_text_from_articles_cannot_break_out_of_the_page(browser, tmp_path):
    g = dated_graph()
    hostile = '</script><script>document.title="pwned"</script><img src=x onerror=alert(1)>'
    g.nodes["person:cy"]["name"] = hostile
    g.add_edge("person:cy", "person:bo", key="MET_WITH", type="MET_WITH", weight=1, articles=["a2"], evidence=[hostile])
    page = tmp_path / "graph.html"
    write_graph(g, page)
    dom = browser(page.as_uri(), "--dump-dom")
    assert body(dom)["data-rendered"] == "true"
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert '<img src="x"' not in dom  # no element was injected (the text itself may show up, escaped)


def test_the_browser_really_has_no_network(browser, tmp_path):
    """Control for the tests above: a page that needs a CDN does not get it."""
    page = tmp_path / "cdn.html"
    page.write_text('<html><body><script src="https://cdn.jsdelivr.net/npm/cytoscape@3/dist/cytoscape.min.js"></script>'
                    '<script>document.body.dataset.loaded = String(typeof cytoscape !== "undefined")</script></body></html>')
    assert body(browser(page.as_uri(), "--dump-dom"))["data-loaded"] == "false"


def test_page_is_self_contained():
    page = html.render(dated_graph())
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link[^>]*href=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", page, re.I)
    vendored = files("graphbuild.export").joinpath("html_assets/cytoscape.min.js").read_bytes()
    assert hashlib.sha256(vendored).hexdigest() == html.CYTOSCAPE_SHA256
    assert vendored.decode("utf-8") in page


def test_page_data_is_the_entity_network_with_article_details():
    data = html.page_data(dated_graph())
    assert {n["type"] for n in data["nodes"]} == {"Person", "Country", "Organization"}
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 2
    met = next(e for e in data["edges"] if e["type"] == "MET_WITH")
    assert met["directed"] is False
    assert [(i["article"], i["sentence"]) for i in met["evidence"]] == [("a1", "Ruiz met Lind."), ("a2", "They met again.")]
    assert data["articles"]["a1"] == {"title": "Story a1", "published": "2024-03-04"}
    co = html.page_data(dated_graph(), view="co-mentioned")
    assert sum(e["type"] == "CO_MENTIONED" for e in co["edges"]) == 7
    empty = html.page_data(nx.MultiDiGraph())
    assert empty["nodes"] == [] and empty["edges"] == []
