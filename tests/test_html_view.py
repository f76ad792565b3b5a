"""graph.html in a real browser: headless Chromium, offline, driven through the page's own controls.

Every wait is for a signal the page sets (``data-rendered`` once laid out and
drawn, then a frame after each change), never for a fixed time.  What the
page drew is checked on screenshots (colours of node types and relation
types, dashes, labels), what it lists in the DOM.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from importlib.resources import files
from pathlib import Path

import headless
import networkx as nx
import pytest
from PIL import Image, ImageChops

from graphbuild.export import html, write_graph
from graphbuild.export.style import NODE_COLORS, relation_styles, rgb
from graphbuild.export.views import entity_view
from graphbuild.pipeline import build_graph_from_sources
from graphbuild.relation_types import builtin_relation_types

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STYLE = {s.type: s for s in relation_styles(builtin_relation_types())}


@pytest.fixture(scope="module")
def browser():
    if problem := headless.unavailable():
        import os

        if os.environ.get("CI"):
            pytest.fail(problem + ": on CI the HTML view must be tested")
        pytest.skip(problem)
    with headless.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def seed_graph():
    return build_graph_from_sources([str(p) for p in sorted(SEEDS.glob("*.txt"))])


def newsroom_graph() -> nx.MultiDiGraph:
    """Invented news: three dated articles, a real, a planned and a refused meeting, and two loose entities."""
    g = nx.MultiDiGraph()
    for aid, day in (("a1", "2024-03-04"), ("a2", "2024-04-10"), ("a3", "2024-05-20")):
        g.add_node(
            f"article:{aid}",
            type="Article",
            name=f"Story {aid}",
            title=f"Story {aid}",
            article_id=aid,
            published=day,
            url=f"https://example.org/{aid}",
            publisher="Daily Ledger",
        )
    people = {
        "alba": ("Alba Ferrer", ["Ferrer", "A. Ferrer"], "Foreign Minister", "ES"),
        "bo": ("Bo Lind", [], None, "SE"),
        "cy": ("Cy Pardo", [], None, None),
        "dee": ("Dee Okafor", [], None, None),
        "eli": ("Eli Moss", [], None, None),
    }
    for key, (name, aliases, role, country) in people.items():
        attrs = {"role": role, "country": country}
        g.add_node(f"person:{key}", type="Person", name=name, aliases=aliases, **{k: v for k, v in attrs.items() if v})
    for code, name in (("es", "Spain"), ("se", "Sweden"), ("kr", "Korea")):
        g.add_node(f"country:{code}", type="Country", name=name, iso_code=code.upper(), aliases=[])
    g.add_node("organization:fleet", type="Organization", name="Harbour Fleet", aliases=["HF"])

    def relation(source, target, rtype, articles, evidence, dates=(), weight=None):
        g.add_edge(
            source,
            target,
            key=rtype,
            type=rtype,
            weight=weight or len(evidence),
            confidence=0.9,
            articles=articles,
            evidence=evidence,
            **({"dates": list(dates)} if dates else {}),
        )

    relation(
        "person:alba",
        "person:bo",
        "MET_WITH",
        ["a1"],
        ["Ferrer met Lind in Madrid.", "The two talked for hours."],
        dates=["2024-03-01"],
        weight=6,
    )
    relation(
        "person:alba", "person:cy", "MEETING_PLANNED", ["a2"], ["Ferrer plans to meet Pardo next week."], ["2024-04-20"]
    )
    relation("person:alba", "person:dee", "MEETING_REFUSED", ["a3"], ["Okafor refused to meet Ferrer."])
    relation("country:es", "country:se", "SUPPORTS", ["a2"], ["Spain backs Sweden."])
    relation("person:alba", "country:es", "AFFILIATED_WITH", ["a1"], ["Spanish Foreign Minister Alba Ferrer spoke."])
    relation(
        "person:bo", "country:se", "AFFILIATED_WITH", ["a1", "a2"], ["Swedish envoy Bo Lind arrived.", "Lind left."]
    )
    relation("person:cy", "organization:fleet", "CRITICIZED", ["a3"], ["Pardo criticized the fleet."], ["2024-05-18"])
    for entity in (
        "person:alba",
        "person:bo",
        "person:cy",
        "person:dee",
        "person:eli",
        "country:es",
        "country:se",
        "country:kr",
        "organization:fleet",
    ):
        g.add_edge(entity, "article:a1", key="MENTIONED_IN", type="MENTIONED_IN", weight=1, articles=["a1"])
    return g


@pytest.fixture
def newsroom(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_graph(newsroom_graph(), path)
    page = headless.open_view(browser, path)
    yield page
    assert page.errors == []
    page.context.close()


def dataset(page) -> dict[str, str]:
    return page.evaluate("Object.assign({}, document.body.dataset)")


def screenshot(page) -> Image.Image:
    headless.next_frame(page)
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def graph_area(page, image: Image.Image) -> Image.Image:
    box = page.locator("#graph").bounding_box()
    return image.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))


def painted(image: Image.Image, color: str, tolerance: int = 10) -> int:
    target = rgb(color)
    counts = image.getcolors(maxcolors=image.width * image.height)
    return sum(n for n, c in counts if all(abs(a - b) <= tolerance for a, b in zip(target, c, strict=False)))


def position(page, node: str) -> tuple[float, float]:
    point = page.evaluate("node => graphbuildView.nodePosition(node)", node)
    return point["x"], point["y"]


def dash_changes(image: Image.Image, start, end, color: str, skip: float = 20) -> int:
    """How often a line in ``color`` from ``start`` to ``end`` breaks off or starts again (nodes left out)."""
    (x1, y1), (x2, y2) = start, end
    length = math.dist(start, end)
    on = [
        painted(image.crop((round(x) - 1, round(y) - 1, round(x) + 2, round(y) + 2)), color, 40) > 0
        for t in range(int(skip), int(length - skip))
        for x, y in [(x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length)]
    ]
    return sum(a != b for a, b in zip(on, on[1:], strict=False))


# --- drawing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1400, 900), (1024, 768)])
def test_seed_graph_is_drawn_offline_with_labelled_hubs(browser, seed_graph, tmp_path, size):
    page_file = tmp_path / "graph.html"
    write_graph(seed_graph, page_file)
    page = headless.open_view(browser, page_file, width=size[0], height=size[1])
    entities = entity_view(seed_graph)
    linked = [n for n in entities if any(m != n for m in nx.all_neighbors(entities, n))]
    drawn = dataset(page)
    assert drawn["rendered"] == "true"
    assert (int(drawn["visibleNodes"]), int(drawn["visibleEdges"])) == (len(linked), entities.number_of_edges())

    image = screenshot(page)
    assert image.size == size
    area = graph_area(page, image)
    linked_types = {entities.nodes[n]["type"] for n in linked}
    for node_type in ("Person", "Country", "Organization"):
        expected = node_type in linked_types  # organizations without a relation are hidden at first
        assert (painted(area, NODE_COLORS[node_type]) > 60) == expected, f"{node_type} nodes drawn: {not expected}"
    for relation in ("MET_WITH", "AFFILIATED_WITH"):
        assert painted(area, STYLE[relation].color, 25) > 40, f"{relation} edges are not drawn"
    # the most connected entity is labelled at the opening zoom: dark text right of its disc
    hub = max(linked, key=lambda n: (entities.degree(n), n))
    x, y = position(page, hub)
    label = image.crop((int(x) + 8, int(y) - 8, int(x) + 90, int(y) + 8))
    assert sum(n for n, c in label.getcolors(4096) if max(c) < 80) > 30, "the biggest hub has no label"

    page.check("#show-isolated")
    assert int(dataset(page)["visibleNodes"]) == entities.number_of_nodes()
    area = graph_area(page, screenshot(page))
    for node_type in ("Person", "Country", "Organization"):
        assert painted(area, NODE_COLORS[node_type]) > 60, f"{node_type} nodes are not drawn"
    assert page.errors == []
    page.context.close()


def test_layout_is_the_same_every_time(browser, tmp_path):
    page_file = tmp_path / "graph.html"
    write_graph(newsroom_graph(), page_file)
    layouts = []
    for _ in range(2):
        page = headless.open_view(browser, page_file)
        layouts.append(page.evaluate("graphbuildView.graph.mapNodes((n, a) => [n, a.x, a.y])"))
        page.context.close()
    assert layouts[0] == layouts[1]
    assert len({(x, y) for _, x, y in layouts[0]}) == len(layouts[0])  # no two nodes on one spot


def test_planned_meetings_are_dashed_and_real_ones_solid(newsroom):
    image = screenshot(newsroom)
    alba, bo, cy = (position(newsroom, f"person:{k}") for k in ("alba", "bo", "cy"))
    assert dash_changes(image, alba, bo, STYLE["MET_WITH"].color) <= 2
    assert dash_changes(image, alba, cy, STYLE["MEETING_PLANNED"].color) >= 6
    assert STYLE["MEETING_PLANNED"].color == STYLE["MET_WITH"].color  # the dash tells them apart
    assert STYLE["MEETING_REFUSED"].dash == "dotted"


# --- the controls -------------------------------------------------------------------------------


def test_legend_lists_relation_types_from_their_declarations(newsroom):
    rows = newsroom.locator("#relation-types label").all_inner_texts()
    names = [row.split()[0] for row in rows]
    assert names == ["MET_WITH", "MEETING_PLANNED", "MEETING_REFUSED", "SUPPORTS", "AFFILIATED_WITH", "CRITICIZED"]
    assert newsroom.locator("#relation-types label.variant").count() == 2
    title = newsroom.locator("#relation-types label", has_text="MEETING_REFUSED").get_attribute("title")
    assert "What MET_WITH becomes when the event was refused, cancelled, negated or denied (dotted)." in title


def test_switching_a_relation_type_off_hides_its_edges(newsroom):
    before = graph_area(newsroom, screenshot(newsroom))
    newsroom.locator("#relation-types input[value=MET_WITH]").uncheck()
    assert dataset(newsroom)["visibleEdges"] == "6"
    after = graph_area(newsroom, screenshot(newsroom))
    met = STYLE["MET_WITH"].color
    assert painted(before, met, 25) > 3 * painted(after, met, 25) + 20  # the solid MET_WITH line is gone
    newsroom.locator("#relation-types input[value=MET_WITH]").check()
    assert dataset(newsroom)["visibleEdges"] == "7"


def test_date_range_hides_relations_outside_it(newsroom):
    assert newsroom.input_value("#date-from") == "2024-03-01"
    assert newsroom.input_value("#date-to") == "2024-05-20"
    newsroom.fill("#date-from", "2024-04-01")
    # gone: the meeting of 03-01 and Alba's affiliation (its article: 03-04); Bo's was reported again on 04-10
    assert dataset(newsroom)["visibleEdges"] == "5"
    newsroom.fill("#date-to", "2024-04-30")
    # left: the planned meeting (04-20), the support and Bo's affiliation (articles of 04-10)
    assert dataset(newsroom)["visibleEdges"] == "3"
    assert dataset(newsroom)["visibleNodes"] == "5"  # Dee and the fleet lost every relation
    newsroom.click("#date-reset")
    assert dataset(newsroom)["visibleEdges"] == "7"


def test_isolated_entities_are_hidden_until_switched_on(newsroom):
    assert dataset(newsroom)["visibleNodes"] == "7"
    assert newsroom.inner_text("#isolated-count") == "2"
    newsroom.check("#show-isolated")
    assert dataset(newsroom)["visibleNodes"] == "9"
    assert "Showing 9 of 9 entities" in newsroom.inner_text("#status")


def test_search_finds_an_alias_and_enter_selects_it(newsroom):
    newsroom.fill("#search", "hf")
    assert newsroom.inner_text("#search-result") == "1 match"
    newsroom.press("#search", "Enter")
    assert newsroom.inner_text("#panel h2") == "Harbour Fleet"
    newsroom.fill("#search", "zz")
    assert newsroom.inner_text("#search-result") == "0 matches"
    # an entity without relations is found, and shown, though loose entities are hidden
    newsroom.fill("#search", "eli")
    assert newsroom.inner_text("#search-result") == "1 match"
    assert newsroom.evaluate("graphbuildView.renderer.getNodeDisplayData('person:eli').hidden") is False
    newsroom.fill("#search", "")
    assert newsroom.evaluate("graphbuildView.renderer.getNodeDisplayData('person:eli').hidden") is True


def test_clicking_a_node_shows_who_it_is_what_it_is_linked_to_and_the_evidence(newsroom):
    newsroom.mouse.click(*position(newsroom, "person:alba"))
    panel = newsroom.locator("#panel")
    assert panel.locator("h2").inner_text() == "Alba Ferrer"
    text = panel.inner_text()
    assert "Person · Foreign Minister · ES" in text and "Also known as: Ferrer, A. Ferrer" in text
    sections = {s.get_attribute("data-kind"): s for s in panel.locator("section.linked").all()}
    assert set(sections) == {"Person", "Country"}
    assert sections["Person"].locator("h4 a").all_inner_texts() == ["Bo Lind", "Cy Pardo", "Dee Okafor"]
    # each sentence under the article that said it, which is linked
    bo = sections["Person"].locator(".neighbour").first
    assert bo.locator("blockquote").all_inner_texts() == ["Ferrer met Lind in Madrid.", "The two talked for hours."]
    assert bo.locator(".source a").get_attribute("href") == "https://example.org/a1"
    assert "Daily Ledger, 2024-03-04" in bo.locator(".source").inner_text()
    # the timeline: one mark per dated relation (MET_WITH, planned, refused, affiliation)
    assert panel.locator("#timeline circle").count() == 4
    assert dataset(newsroom)["selected"] == "person:alba"


def test_hovering_a_node_shows_its_name(newsroom):
    x, y = position(newsroom, "person:dee")
    region = (int(x) - 10, int(y) - 20, int(x) + 120, int(y) + 20)
    newsroom.mouse.move(5, 5)
    before = screenshot(newsroom).crop(region)
    newsroom.mouse.move(x, y)
    after = screenshot(newsroom).crop(region)
    changed = sum(ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v else 0).histogram()[255:])
    assert changed > 150  # the label box with "Dee Okafor"


def test_clicking_an_edge_shows_its_evidence_and_articles(newsroom):
    (x1, y1), (x2, y2) = position(newsroom, "country:es"), position(newsroom, "country:se")
    newsroom.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    assert newsroom.inner_text("#panel h2") == "Spain → Sweden"
    assert newsroom.locator("#panel blockquote").all_inner_texts() == ["Spain backs Sweden."]
    assert "reported 2024-04-10" in newsroom.inner_text("#panel")


def test_node_size_follows_degree_or_weight(newsroom):
    def size(node):
        return newsroom.evaluate("n => graphbuildView.renderer.getNodeDisplayData(n).size", node)

    by_degree = size("person:bo") / size("person:alba")
    newsroom.check("input[name=size-by][value=strength]")
    by_weight = size("person:bo") / size("person:alba")
    assert by_weight > by_degree  # Bo has half of Alba's relations (2 of 4) but nearly her weight (8 of 9)


def test_links_into_the_page_open_a_relation(browser, tmp_path):
    page_file = tmp_path / "graph.html"
    write_graph(newsroom_graph(), page_file)
    page = headless.open_view(browser, page_file, fragment="edge=person:alba--MET_WITH--person:bo")
    assert page.inner_text("#panel h2") == "Alba Ferrer — Bo Lind"  # symmetric: no arrow
    assert "dated 2024-03-01" in page.inner_text("#panel")
    page.context.close()


def test_text_from_articles_cannot_break_out_of_the_page(browser, tmp_path):
    g = newsroom_graph()
    hostile = '</script><script>document.title="pwned"</script><img src=x onerror=alert(1)>'
    g.nodes["person:cy"]["name"] = hostile
    g.add_edge("person:cy", "person:bo", key="MET_WITH", type="MET_WITH", weight=1, articles=["a2"], evidence=[hostile])
    page_file = tmp_path / "graph.html"
    write_graph(g, page_file)
    page = headless.open_view(browser, page_file, fragment="node=person:cy")
    assert dataset(page)["rendered"] == "true"
    assert "pwned" not in page.title()
    assert page.locator("img").count() == 0  # no element was injected (the text itself shows up, escaped)
    assert hostile in page.inner_text("#panel")
    page.context.close()


def test_an_empty_graph_gives_an_empty_page_not_an_error(browser, tmp_path):
    page_file = tmp_path / "graph.html"
    write_graph(nx.MultiDiGraph(), page_file)
    page = headless.open_view(browser, page_file)
    assert dataset(page)["rendered"] == "true" and page.errors == []
    assert page.inner_text("#status") == "Showing 0 of 0 entities and 0 of 0 relations"
    page.context.close()


def test_the_browser_really_has_no_network(browser, tmp_path):
    """Control for the tests above: a page that needs a CDN does not get it."""
    page_file = tmp_path / "cdn.html"
    page_file.write_text(
        '<html><body><script src="https://cdn.jsdelivr.net/npm/sigma@3/dist/sigma.min.js"></script>'
        "<script>document.body.dataset.loaded = String(typeof Sigma !== 'undefined')</script></body></html>"
    )
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.body.dataset.loaded") == "false"
    context.close()


# --- the page's data (no browser) ----------------------------------------------------------------


def test_page_is_self_contained_with_checked_vendored_libraries():
    page = html.render(newsroom_graph())
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page, re.I)
    assert not re.search(r"<link[^>]*href=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", page, re.I)
    assets = files("graphbuild.export").joinpath("html_assets")
    for name, (_, sha256) in html.VENDORED.items():
        vendored = assets.joinpath(name).read_bytes()
        assert hashlib.sha256(vendored).hexdigest() == sha256, name
        assert vendored.decode("utf-8") in page
        assert assets.joinpath(name.split(".")[0] + ".LICENSE").is_file()


def test_page_data_ties_evidence_to_articles_and_dates_to_days():
    data = html.page_data(newsroom_graph())
    assert {n["type"] for n in data["nodes"]} == {"Person", "Country", "Organization"}
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 7
    index = {a["id"]: i for i, a in enumerate(data["articles"])}
    edges = {e["type"] + ":" + e["source"]: e for e in data["edges"]}
    met = edges["MET_WITH:person:alba"]
    assert met["directed"] is False and met["evidence"] == [
        [index["a1"], "Ferrer met Lind in Madrid."],
        [index["a1"], "The two talked for hours."],
    ]
    assert met["when"] == [["2024-03-01", "2024-03-01"]] and met["dated_by"] == "sentence"
    two_articles = edges["AFFILIATED_WITH:person:bo"]  # plain sentences, two articles: which said which is unknown
    assert [i for i, _ in two_articles["evidence"]] == [-1, -1] and two_articles["articles"] == [
        index["a1"],
        index["a2"],
    ]
    assert two_articles["when"] == [["2024-03-04", "2024-03-04"], ["2024-04-10", "2024-04-10"]]
    assert two_articles["dated_by"] == "publication"
    alba = next(n for n in data["nodes"] if n["id"] == "person:alba")
    assert (alba["degree"], alba["strength"]) == (4, 9.0)


def test_evidence_items_that_name_their_article_keep_it():
    g = newsroom_graph()
    g.edges["person:bo", "country:se", "AFFILIATED_WITH"]["evidence"] = [
        {"article": "a2", "sentence": "Lind left."},
        {"article": "a1", "sentence": "Swedish envoy Bo Lind arrived."},
    ]
    data = html.page_data(g)
    index = {a["id"]: i for i, a in enumerate(data["articles"])}
    bo = next(e for e in data["edges"] if e["source"] == "person:bo")
    assert bo["evidence"] == [[index["a2"], "Lind left."], [index["a1"], "Swedish envoy Bo Lind arrived."]]


@pytest.mark.parametrize(
    "text, span",
    [
        ("2024-03-04", ("2024-03-04", "2024-03-04")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2024-09-19/2024-09-20", ("2024-09-19", "2024-09-20")),
        ("2024-04-10T08:00:00+00:00", ("2024-04-10", "2024-04-10")),
        ("mid-April", None),
        ("2024-13", None),
    ],
)
def test_day_span_of_full_partial_and_interval_dates(text, span):
    assert html.day_span(text) == span


def test_dates_given_as_start_and_end_are_intervals():
    g = newsroom_graph()
    g.edges["person:alba", "person:cy", "MEETING_PLANNED"]["dates"] = [{"start": "2024-09-19", "end": "2024-09-20"}]
    planned = next(e for e in html.page_data(g)["edges"] if e["type"] == "MEETING_PLANNED")
    assert planned["when"] == [["2024-09-19", "2024-09-20"]]


def test_beyond_its_limits_the_page_keeps_the_most_connected_and_says_what_it_left_out(monkeypatch, caplog):
    monkeypatch.setattr(html, "MAX_NODES", 4)
    monkeypatch.setattr(html, "MAX_EDGES", 3)
    monkeypatch.setattr(html, "MAX_EVIDENCE", 1)
    data = html.page_data(newsroom_graph())
    # Alba has 4 relations; Spain, Sweden, Bo and Cy 2 each (ties go by id)
    assert {n["id"] for n in data["nodes"]} == {"person:alba", "country:es", "country:se", "person:bo"}
    kept = sorted((e["type"], e["source"]) for e in data["edges"])
    assert (
        len(kept) == 3 and ("MET_WITH", "person:alba") in kept and ("AFFILIATED_WITH", "person:bo") in kept
    )  # heaviest
    assert data["dropped"] == {"nodes": 5, "edges": 4, "evidence": 2}
    assert data["totals"] == {"nodes": 9, "edges": 7}
    assert next(e for e in data["edges"] if e["type"] == "MET_WITH")["evidence_more"] == 1
    assert "shows the 4 most connected of 9 entities and 3 of 7 relations" in caplog.text
    assert len(data["nodes"]) == 4


def test_relation_styles_come_from_the_declarations_the_graph_records():
    from graphbuild.relation_types import RelationSpec, record_relation_types

    types = builtin_relation_types().extended(
        [
            RelationSpec(name="THREATENED", status={"planned": "THREAT_PLANNED", "refused": "THREAT_WITHDRAWN"}),
            RelationSpec(name="THREAT_PLANNED"),
            RelationSpec(name="THREAT_WITHDRAWN"),
        ]
    )
    g = newsroom_graph()
    record_relation_types(g, types)
    g.add_edge(
        "country:es", "country:kr", key="THREATENED", type="THREATENED", weight=1, articles=["a1"], evidence=["x"]
    )
    g.add_edge(
        "country:se",
        "country:kr",
        key="THREAT_PLANNED",
        type="THREAT_PLANNED",
        weight=1,
        articles=["a1"],
        evidence=["y"],
    )
    styles = {s["type"]: s for s in html.page_data(g)["relation_styles"]}
    threat, planned = styles["THREATENED"], styles["THREAT_PLANNED"]
    assert threat["color"] not in {s.color for s in STYLE.values()}  # a colour of its own
    assert (planned["color"], planned["dash"], planned["variant_of"]) == (threat["color"], "dashed", "THREATENED")
    assert "THREAT_WITHDRAWN" not in styles  # declared, but no edge of it: not in the legend
    assert STYLE["MEETING_REFUSED"].color != STYLE["MET_WITH"].color  # refused: greyed and dotted


def test_empty_graph_gives_an_empty_page_data():
    empty = html.page_data(nx.MultiDiGraph())
    assert empty["nodes"] == [] and empty["edges"] == [] and empty["relation_styles"] == []
