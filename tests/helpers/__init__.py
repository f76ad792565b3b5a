"""Helpers shared by several test modules: the one place a test module imports them from.

No test module imports from another one; fixtures shared by several modules are in conftest.py.
The Neo4j graphs live in ``helpers/neo4j_graphs.py`` and are imported from here too.
(Support with a life of its own stays in its own module: the extraction kit ``invented_articles``, the
Bolt server ``neo4j_server``, the Dask cluster ``dask_cluster`` and the browser ``headless``.)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from helpers.neo4j_graphs import (  # noqa: F401 - re-exported
    QUERIES,
    _article,
    _cli_env,
    _edge,
    _query,
    big_graph,
    dump,
    expected_label_counts,
    expected_type_counts,
    known_graph,
    label_counts,
    news_graph,
    type_counts,
)

# --- the command line ------------------------------------------------------------------------------------


def runner() -> CliRunner:
    """typer's CliRunner with stderr kept apart from stdout, on every click version."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def one_error_line(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1, stderr


# --- graph files read by other readers -------------------------------------------------------------------


def plain_graphml(path: Path) -> nx.MultiDiGraph:
    """The file as networkx's own GraphML reader sees it, with its default arguments (a graph without
    parallel edges comes back as a DiGraph; as a MultiDiGraph here, for tests that index edges by key)."""
    graph = nx.read_graphml(path)
    return graph if graph.is_multigraph() else nx.MultiDiGraph(graph)


def _write(graph, base: Path) -> tuple[bytes, bytes]:
    """Both formats written as the CLI writes them (a .json one with its update state beside it), their bytes."""
    from graphbuild.pipeline import write_outputs

    write_outputs(graph, [base.with_suffix(".json"), base.with_suffix(".graphml")])
    return base.with_suffix(".json").read_bytes(), base.with_suffix(".graphml").read_bytes()


# --- GEXF: namespaces and a dated graph ------------------------------------------------------------------


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


GEXF = "{http://gexf.net/1.3}"


VIZ = "{http://gexf.net/1.3/viz}"


def dated_graph() -> nx.MultiDiGraph:
    """Invented news: two dated articles, a meeting with its own date, a support without one."""
    g = nx.MultiDiGraph()
    for aid, day in (("a1", "2024-03-04"), ("a2", "2024-04-10")):
        g.add_node(f"article:{aid}", type="Article", name=f"Story {aid}", article_id=aid, published=day)
    g.add_node("person:alba", type="Person", name="Alba Ferrer", aliases=["Ferrer"], country="ES")
    g.add_node("person:bo", type="Person", name="Bo Lind", aliases=[])
    g.add_node("person:cy", type="Person", name="Cy Pardo", aliases=[])
    g.add_node("country:es", type="Country", name="Spain", iso_code="ES", aliases=[])
    g.add_node("organization:fleet", type="Organization", name="Harbour Fleet", aliases=["HF"])
    g.add_edge(
        "person:alba",
        "person:bo",
        key="MET_WITH",
        type="MET_WITH",
        weight=2,
        confidence=0.9,
        symmetric=True,
        articles=["a1", "a2"],
        dates=["2024-02-11/2024-02-20", "2024-03-01"],
        evidence=[
            {"article": "a1", "sentence": "Ferrer met Lind.", "start": 0, "end": 16},
            {"article": "a2", "sentence": "They met again.", "start": 40, "end": 55},
        ],
    )
    g.add_edge(
        "country:es",
        "organization:fleet",
        key="SUPPORTS",
        type="SUPPORTS",
        weight=1,
        confidence=0.8,
        symmetric=False,
        articles=["a2"],
        evidence=[{"article": "a2", "sentence": "Spain backs the fleet."}],
    )
    for entity, aid in (
        ("person:alba", "a1"),
        ("person:bo", "a1"),
        ("person:alba", "a2"),
        ("country:es", "a2"),
        ("organization:fleet", "a2"),
        ("person:cy", "a2"),
    ):
        g.add_edge(
            entity, f"article:{aid}", key="MENTIONED_IN", type="MENTIONED_IN", weight=1, articles=[aid], symmetric=False
        )
    return g


# --- evaluation: the gold file of tests/fixtures/eval and the graph a perfect build gives ----------------


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


GOLD = FIXTURES / "gold.json"


ENTITIES = [
    ("Country", "Norway"), ("Country", "Chile"), ("Country", "Kenya"), ("Country", "Portugal"),
    ("Person", "Trond Brekke"), ("Person", "Monica Castellan"), ("Person", "Benson Onyango"), ("Person", "Rui Matos"),
    ("Person", "Sofia Matos"), ("Person", "Osvaldo Serrano"), ("Person", "Faith Akinyi"),
    ("Organization", "Norwegian Coast Guard"), ("Organization", "United Nations Security Council"),
]  # fmt: skip


COUNTRY_OF = {
    "Trond Brekke": "Norway", "Monica Castellan": "Chile", "Benson Onyango": "Kenya", "Rui Matos": "Portugal",
    "Sofia Matos": "Portugal", "Osvaldo Serrano": "Chile", "Faith Akinyi": "Kenya",
}  # fmt: skip


RELATIONS = [
    ("Trond Brekke", "MET_WITH", "Monica Castellan"), ("Benson Onyango", "MET_WITH", "Rui Matos"),
    ("Faith Akinyi", "MET_WITH", "Monica Castellan"), ("Norway", "SUPPORTS", "Chile"),
    ("Portugal", "SUPPORTS", "Kenya"), ("Chile", "SUPPORTS", "Kenya"),
]  # fmt: skip


def flawless() -> nx.MultiDiGraph:
    """Nodes are keyed by name here; graphbuild's own ids ("person:trond-brekke") play no part in scoring."""
    graph = nx.MultiDiGraph()
    for article in ("brekke-castellan", "onyango-matos", "castellan-nairobi"):
        graph.add_node(f"article:{article}", type="Article", article_id=article, source=f"in/{article}.txt")
    for etype, name in ENTITIES:
        graph.add_node(name, type=etype, name=name, aliases=[])
    for person, country in COUNTRY_OF.items():
        add(graph, person, "AFFILIATED_WITH", country)
    for source, rtype, target in RELATIONS:
        add(graph, source, rtype, target)
    return graph


def add(graph: nx.MultiDiGraph, source: str, rtype: str, target: str) -> None:
    for end in (source, target):
        if end not in graph:
            graph.add_node(end, type="Person", name=end, aliases=[])
    graph.add_edge(source, target, key=rtype, type=rtype)


# --- corrections: invented articles and the corrections file of test_corrections.py ----------------------


ARTICLES = {
    "lisbon_talks": "Spanish Foreign Minister Irena Tovar met Portuguese Foreign Minister Tomas J. Varga in Lisbon on Monday. "
    "Tovar said Spain supports Portugal in the talks.",
    "rome_meeting": "Hungarian Economy Minister Tomas K. Varga met Italian Prime Minister Maria Elena Costa in Rome. "
    "I. Tovar-Quiroga, a Spanish diplomat, joined the meeting, a Harbour Watch statement said.",
    "santiago_visit": "Chilean President Pablo Serrano met Ines Duarte, a lawyer, in Santiago on Friday. "
    "Photographer Carla Nunes took the pictures for Getty Images. Nunes said the meeting was short.",
}


CORRECTIONS_YAML = """\
# Irena Tovar signs her later articles with her full surname.
same:
  - [Irena Tovar, I. Tovar-Quiroga]
different:
  - [Tomas J. Varga, Tomas K. Varga]   # a Portuguese and a Hungarian minister: one name once initials are dropped
entities:
  - entity: I. Tovar-Quiroga
    name: Irena Tovar-Quiroga
  - entity: Harbour Watch        # a blogger's pen name, not an organization
    type: Person
  - entity: Ines Duarte
    country: cl
    role: Attorney General
ignore:
  - Getty Images
  - Carla Nunes
"""
