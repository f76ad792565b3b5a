"""``export neo4j --sync``: what graphbuild wrote in the database becomes the graph, against the real Bolt
test server.  Graphs come from the real pipeline (invented articles, a corrections file, a withdrawn
article) and from hand-built graphs for the corner cases."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from helpers import _cli_env, _edge, _query, big_graph, runner

from graphbuild.corrections import load_corrections
from graphbuild.export import write_graph
from graphbuild.export.neo4j import export_with_settings
from graphbuild.export.neo4j.union import native
from graphbuild.pipeline import build_graph_from_sources, write_outputs

ARTICLES = {
    "oslo_talks": "Norwegian Trade Minister Sigrid Holmvik met Kenyan Trade Minister Amos Mwangi in Oslo on Monday. "
    "Holmvik said Norway supports Kenya in the coffee talks.",
    "nairobi_followup": "Sigrid Holmvik held talks with Amos Mwangi in Nairobi on Thursday.",
    "envoy_report": "Kenyan envoy A. Mwangi-Kibet visited Norway on Friday.",
}
# one person under two names becomes one node; a role corrected
CORRECTIONS_YAML = (
    "same:\n  - [Amos Mwangi, A. Mwangi-Kibet]\nentities:\n  - entity: Sigrid Holmvik\n    role: Foreign Minister\n"
)
WITHDRAWN = "nairobi_followup"


@pytest.fixture(scope="module")
def files(tmp_path_factory, nlp) -> Path:
    """a.json: all three articles as read; b.json: a updated with the corrections, one article withdrawn."""
    root = tmp_path_factory.mktemp("sync")
    for aid, text in ARTICLES.items():
        (root / f"{aid}.txt").write_text(text + "\n", encoding="utf-8")
    (root / "corrections.yaml").write_text(CORRECTIONS_YAML, encoding="utf-8")
    write_outputs(build_graph_from_sources([root / f"{aid}.txt" for aid in ARTICLES]), [root / "a.json"])
    corrected = build_graph_from_sources(
        [], update=root / "a.json", remove=[WITHDRAWN], corrections=load_corrections(root / "corrections.yaml")
    )
    write_graph(corrected, root / "b.json")
    return root


@pytest.fixture(scope="module")
def graphs(files) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    from graphbuild.export import read_graph

    return read_graph(files / "a.json"), read_graph(files / "b.json")


def test_the_graphs_have_a_merge_a_correction_and_a_withdrawal(graphs):
    """The premise of the tests below."""
    a, b = graphs
    assert {"person:mwangi-kibet", f"article:{WITHDRAWN}"} <= set(a) and not {
        "person:mwangi-kibet",
        f"article:{WITHDRAWN}",
    } & set(b)
    assert b.has_edge("person:amos-mwangi", "country:no", key="VISITED")  # moved from the merged-away node
    assert (
        a.nodes["person:sigrid-holmvik"]["role"] == "Trade Minister"
        and b.nodes["person:sigrid-holmvik"]["role"] == "Foreign Minister"
    )
    met = ("person:amos-mwangi", "person:sigrid-holmvik", "MET_WITH")
    assert a.edges[met]["articles"] == [WITHDRAWN, "oslo_talks"] and b.edges[met]["articles"] == ["oslo_talks"]
    assert len(b.edges[met]["evidence"]) == 1


# --------------------------------------------------------------------------- #
# what is in the database
# --------------------------------------------------------------------------- #


def written(driver, settings) -> tuple[dict, dict]:
    """What graphbuild wrote: {id: (labels, properties)} and {(start id, type, end id): [properties, ...]}."""
    nodes = {
        r["id"]: (sorted(r["labels"]), native(r["p"]))
        for r in _query(
            driver,
            settings,
            "MATCH (n) WHERE n.graphbuild IS NOT NULL RETURN n.id AS id, labels(n) AS labels, properties(n) AS p",
        )
    }
    rels: dict = {}
    for r in _query(
        driver,
        settings,
        "MATCH (a)-[r]->(b) WHERE r.graphbuild IS NOT NULL "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p",
    ):
        rels.setdefault((r["a"], r["t"], r["b"]), []).append(native(r["p"]))
    return nodes, rels


def foreign(driver, settings) -> tuple[list, list]:
    """What other tools wrote (no graphbuild mark), sorted."""
    nodes = _query(
        driver, settings, "MATCH (n) WHERE n.graphbuild IS NULL RETURN labels(n) AS labels, properties(n) AS p"
    )
    rels = _query(
        driver,
        settings,
        "MATCH (a)-[r]->(b) WHERE r.graphbuild IS NULL RETURN a.text AS a, type(r) AS t, b.id AS b, properties(r) AS p",
    )
    return sorted(map(repr, nodes)), sorted(map(repr, rels))


def _clean(driver, settings) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.database)


def fresh_export(graph, settings, driver) -> tuple[dict, dict]:
    """What exporting ``graph`` into an empty database writes (the database is emptied first and after)."""
    _clean(driver, settings)
    export_with_settings(graph, settings)
    content = written(driver, settings)
    _clean(driver, settings)
    return content


def add_other_tools_data(driver, settings) -> None:
    """A node of its own, a node with a relationship to a graphbuild node, a property on a graphbuild node."""
    driver.execute_query(
        "CREATE (:Note {text: 'standalone'}) WITH 1 AS one "
        "MATCH (p:Person {id: 'person:sigrid-holmvik'}) "
        "CREATE (:Note {text: 'about Holmvik'})-[:ABOUT {by: 'analyst'}]->(p) SET p.reviewed = true",
        database_=settings.database,
    )


def assert_equals_graph(driver, settings, graph, expected) -> None:
    nodes, rels = written(driver, settings)
    assert set(nodes) == set(graph.nodes)
    assert set(rels) == {(u, t, v) for u, v, t in graph.edges(data="type")}
    assert all(len(copies) == 1 for copies in rels.values())
    assert _query(driver, settings, "MATCH (n) WHERE n.graphbuild IS NOT NULL RETURN count(n) AS c") == [
        {"c": graph.number_of_nodes()}
    ]
    assert _query(driver, settings, "MATCH ()-[r]->() WHERE r.graphbuild IS NOT NULL RETURN count(r) AS c") == [
        {"c": graph.number_of_edges()}
    ]
    expected_nodes, expected_rels = expected
    sigrid = nodes["person:sigrid-holmvik"][1]
    assert sigrid.pop("reviewed") is True  # another tool's property on a graphbuild node stays
    assert nodes == expected_nodes and rels == expected_rels


# --------------------------------------------------------------------------- #
# a merge, a correction and a withdrawn article
# --------------------------------------------------------------------------- #


def test_sync_makes_the_database_equal_the_graph(graphs, neo4j_settings, neo4j_clean):
    a, b = graphs
    expected = fresh_export(b, neo4j_settings, neo4j_clean)
    export_with_settings(a, neo4j_settings)
    add_other_tools_data(neo4j_clean, neo4j_settings)
    others = foreign(neo4j_clean, neo4j_settings)
    kept_met = "MATCH (:Person {id: 'person:amos-mwangi'})-[r:MET_WITH]->() RETURN elementId(r) AS e"
    met_before = _query(neo4j_clean, neo4j_settings, kept_met)

    summary = export_with_settings(b, neo4j_settings, sync=True, batch_size=3)

    assert_equals_graph(neo4j_clean, neo4j_settings, b, expected)
    assert _query(neo4j_clean, neo4j_settings, kept_met) == met_before  # the same relationship, updated in place
    assert foreign(neo4j_clean, neo4j_settings) == others and len(others[0]) == 2 and len(others[1]) == 1
    assert summary.synced and summary.nodes_kept == []
    assert summary.nodes_deleted == 2  # the merged-away person and the withdrawn article
    # the merged-away person's VISITED and AFFILIATED_WITH, the withdrawn article's MENTIONED_IN edges
    assert (
        summary.relationships_deleted
        == len({(u, t, v) for u, v, t in a.edges(data="type")} - {(u, t, v) for u, v, t in b.edges(data="type")})
        > 2
    )
    nodes, rels = written(neo4j_clean, neo4j_settings)
    assert nodes["person:sigrid-holmvik"][1]["role"] == "Foreign Minister"
    assert (
        "Nairobi" not in nodes["country:ke"][1]["aliases"]
    )  # replaced, not unioned: only the withdrawn article said it
    met = rels[("person:amos-mwangi", "MET_WITH", "person:sigrid-holmvik")][0]
    assert met["articles"] == ["oslo_talks"] and met["weight"] == 1  # the withdrawn evidence is gone


def test_without_sync_the_stale_nodes_and_evidence_stay(graphs, neo4j_settings, neo4j_clean):
    """What sync is for: a plain export merges and never deletes."""
    a, b = graphs
    export_with_settings(a, neo4j_settings)
    export_with_settings(b, neo4j_settings)
    nodes, rels = written(neo4j_clean, neo4j_settings)
    assert {"person:mwangi-kibet", f"article:{WITHDRAWN}"} <= set(nodes)
    assert rels[("person:amos-mwangi", "MET_WITH", "person:sigrid-holmvik")][0]["articles"] == [WITHDRAWN, "oslo_talks"]
    export_with_settings(b, neo4j_settings, sync=True)  # and sync repairs it
    assert not {"person:mwangi-kibet", f"article:{WITHDRAWN}"} & set(written(neo4j_clean, neo4j_settings)[0])


def test_second_sync_changes_nothing(graphs, neo4j_settings, neo4j_clean):
    a, b = graphs
    export_with_settings(a, neo4j_settings)
    add_other_tools_data(neo4j_clean, neo4j_settings)
    export_with_settings(b, neo4j_settings, sync=True)
    before = written(neo4j_clean, neo4j_settings), foreign(neo4j_clean, neo4j_settings)
    again = export_with_settings(b, neo4j_settings, sync=True)
    assert (written(neo4j_clean, neo4j_settings), foreign(neo4j_clean, neo4j_settings)) == before
    assert (again.nodes_created, again.nodes_written, again.nodes_deleted) == (0, 0, 0)
    assert (again.relationships_created, again.relationships_written, again.relationships_deleted) == (0, 0, 0)


def test_sync_into_an_empty_database_is_an_export(graphs, neo4j_settings, neo4j_clean):
    _, b = graphs
    expected = fresh_export(b, neo4j_settings, neo4j_clean)
    summary = export_with_settings(b, neo4j_settings, sync=True)
    assert written(neo4j_clean, neo4j_settings) == expected
    assert (summary.nodes_created, summary.relationships_created) == (b.number_of_nodes(), b.number_of_edges())
    assert summary.nodes_written == b.number_of_nodes() and summary.relationships_written == b.number_of_edges()


# --------------------------------------------------------------------------- #
# interrupted, rerun
# --------------------------------------------------------------------------- #


def shrunk(graph: nx.MultiDiGraph, people: int = 20) -> nx.MultiDiGraph:
    """``graph`` (``big_graph``) less its first people and their edges, one sentence changed on every MET_WITH left."""
    smaller = nx.MultiDiGraph(graph)
    smaller.remove_nodes_from(f"person:p{i}" for i in range(people))
    for *_, attrs in smaller.edges(data=True):
        if attrs["type"] == "MET_WITH":
            first = attrs["evidence"][0]
            attrs["evidence"] = [{**first, "sentence": first["sentence"] + " (corrected)"}]
    return smaller


class _Interrupted(Exception):
    pass


@pytest.mark.parametrize("stage", ["relationships", "stale relationships", "stale nodes"])
def test_interrupted_sync_converges_when_rerun(stage, neo4j_settings, neo4j_clean):
    full, target = big_graph(), shrunk(big_graph())
    expected = fresh_export(target, neo4j_settings, neo4j_clean)
    export_with_settings(full, neo4j_settings, batch_size=10)
    seen = []

    def crash_after_first_batch(name, done, total):
        seen.append(name)
        if name == stage:
            raise _Interrupted

    with pytest.raises(_Interrupted):
        export_with_settings(target, neo4j_settings, batch_size=10, sync=True, progress=crash_after_first_batch)
    nodes, rels = written(neo4j_clean, neo4j_settings)
    assert len(nodes) + len(rels) > target.number_of_nodes() + target.number_of_edges()  # stopped halfway: stale left
    if stage == "stale nodes":
        assert len(nodes) == target.number_of_nodes() + 20 - 10 and len(rels) == target.number_of_edges()

    summary = export_with_settings(target, neo4j_settings, batch_size=10, sync=True)
    assert written(neo4j_clean, neo4j_settings) == expected
    assert summary.nodes_deleted == (20 if stage != "stale nodes" else 10)
    again = export_with_settings(target, neo4j_settings, batch_size=10, sync=True)
    assert (again.relationships_written, again.relationships_deleted, again.nodes_deleted) == (0, 0, 0)


# --------------------------------------------------------------------------- #
# other tools' data, replaced properties, copies, older exports
# --------------------------------------------------------------------------- #


def pair(**met) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("person:a", type="Person", name="A", aliases=["Avery"], role="Envoy")
    g.add_node("person:b", type="Person", name="B", aliases=[])
    g.add_node("country:xa", type="Country", name="Xa", aliases=[], iso_code="XA")
    _edge(g, "person:a", "person:b", "MET_WITH", **met)
    _edge(g, "person:b", "country:xa", "AFFILIATED_WITH", evidence=["B of Xa."], articles=["article:1"])
    return g


def test_a_stale_node_held_by_another_tools_relationship_is_kept_and_reported(neo4j_settings, neo4j_clean):
    g = pair(evidence=["A met B."], articles=["article:1"])
    export_with_settings(g, neo4j_settings)
    neo4j_clean.execute_query(
        "MATCH (b:Person {id: 'person:b'}) CREATE (:Note {text: 'on B'})-[:ABOUT]->(b)",
        database_=neo4j_settings.database,
    )
    without_b = nx.MultiDiGraph(g)
    without_b.remove_node("person:b")

    summary = export_with_settings(without_b, neo4j_settings, sync=True)
    assert summary.nodes_kept == ["person:b"] and summary.nodes_deleted == 0
    assert summary.relationships_deleted == 2  # B's graphbuild relationships go; the Note's ABOUT stays
    nodes, rels = written(neo4j_clean, neo4j_settings)
    assert set(nodes) == {"person:a", "country:xa", "person:b"} and rels == {}
    assert _query(neo4j_clean, neo4j_settings, "MATCH (:Note)-[r:ABOUT]->(b) RETURN b.id AS b") == [{"b": "person:b"}]

    neo4j_clean.execute_query("MATCH (:Note)-[r:ABOUT]->() DELETE r", database_=neo4j_settings.database)
    summary = export_with_settings(without_b, neo4j_settings, sync=True)
    assert summary.nodes_kept == [] and summary.nodes_deleted == 1
    assert set(written(neo4j_clean, neo4j_settings)[0]) == {"person:a", "country:xa"}
    assert _query(neo4j_clean, neo4j_settings, "MATCH (n:Note) RETURN n.text AS t") == [{"t": "on B"}]


def test_sync_replaces_lists_and_drops_properties_the_graph_no_longer_gives(neo4j_settings, neo4j_clean):
    before = pair(
        evidence=["A met B.", "A and B met again."],
        articles=["article:1", "article:2"],
        dates=["2024-05-01", "2024-05-09"],
        venue="Harbour hall",
    )
    after = pair(evidence=["A met B."], articles=["article:1"])  # article 2 withdrawn: no dates, no venue
    after.edges["person:b", "country:xa", "AFFILIATED_WITH"]["venue"] = (
        "Embassy"  # 'venue': one of the graph's attributes
    )
    after.nodes["person:a"].pop("role")
    after.nodes["person:a"]["aliases"] = []
    export_with_settings(before, neo4j_settings)
    neo4j_clean.execute_query(
        "MATCH (a:Person {id: 'person:a'})-[r:MET_WITH]->() SET r.checked = 'yes', a.note = 'keep'",
        database_=neo4j_settings.database,
    )
    # a second copy of the relationship, as a concurrent MERGE could leave
    neo4j_clean.execute_query(
        "MATCH (a:Person {id: 'person:a'}), (b:Person {id: 'person:b'}) "
        "CREATE (a)-[:MET_WITH {graphbuild: true, weight: 1, articles: ['article:9'], evidence: ['x']}]->(b)",
        database_=neo4j_settings.database,
    )

    export_with_settings(after, neo4j_settings)  # merging keeps everything
    assert len(written(neo4j_clean, neo4j_settings)[1][("person:a", "MET_WITH", "person:b")]) == 2
    summary = export_with_settings(after, neo4j_settings, sync=True)

    nodes, rels = written(neo4j_clean, neo4j_settings)
    assert summary.relationships_deleted == 1
    assert rels[("person:a", "MET_WITH", "person:b")] == [
        {
            "evidence": ["A met B."],
            "evidence_articles": ["article:1"],
            "evidence_starts": [-1],
            "evidence_ends": [-1],
            "articles": ["article:1"],
            "weight": 1,
            "confidence": 0.9,
            "graphbuild": True,
            "checked": "yes",
        }
    ]  # no dates, no first_seen/last_seen, no venue; the other tool's 'checked' kept
    assert nodes["person:a"][1] == {"id": "person:a", "name": "A", "aliases": [], "graphbuild": True, "note": "keep"}


def test_adopt_removes_what_an_export_before_the_mark_left(neo4j_settings, neo4j_clean):
    old = pair(evidence=["A met B."], articles=["article:1"])
    old.add_node("person:c", type="Person", name="C", aliases=[])
    _edge(old, "person:c", "person:a", "MET_WITH", evidence=["C met A."], articles=["article:2"], dates=["2024-05-02"])
    export_with_settings(old, neo4j_settings)
    # what a graphbuild without the mark left, next to another tool's node and relationship
    neo4j_clean.execute_query(
        "MATCH (n) REMOVE n.graphbuild WITH count(*) AS done MATCH ()-[r]->() REMOVE r.graphbuild",
        database_=neo4j_settings.database,
    )
    neo4j_clean.execute_query(
        "MATCH (c:Person {id: 'person:c'}) CREATE (:Note {text: 'n'})-[:ABOUT]->(:Topic {name: 'talks'}) "
        "CREATE (c)-[:KNOWS]->(:Person {name: 'no id'})",
        database_=neo4j_settings.database,
    )
    new = pair(evidence=["A met B."], articles=["article:1"])

    plain = export_with_settings(new, neo4j_settings, sync=True)  # unmarked: taken for another tool's
    assert (plain.nodes_deleted, plain.relationships_deleted) == (0, 0)
    assert "person:c" in {r["id"] for r in _query(neo4j_clean, neo4j_settings, "MATCH (n:Person) RETURN n.id AS id")}

    adopted = export_with_settings(new, neo4j_settings, sync=True, adopt=True)
    assert adopted.relationships_deleted == 1  # C met A: the KNOWS relationship has no weight and articles
    assert adopted.nodes_kept == ["person:c"]  # KNOWS holds C
    neo4j_clean.execute_query("MATCH ()-[r:KNOWS]->() DELETE r", database_=neo4j_settings.database)
    assert export_with_settings(new, neo4j_settings, sync=True, adopt=True).nodes_deleted == 1
    assert set(written(neo4j_clean, neo4j_settings)[0]) == set(new.nodes)
    assert sorted(
        r["l"]
        for r in _query(neo4j_clean, neo4j_settings, "MATCH (n) WHERE n.graphbuild IS NULL RETURN labels(n)[0] AS l")
    ) == ["Note", "Person", "Topic"]


# --------------------------------------------------------------------------- #
# the command line
# --------------------------------------------------------------------------- #


def _lines(result) -> list[str]:
    return [line for line in (result.stderr or result.output).splitlines() if line.strip()]


def test_cli_export_sync(files, graphs, neo4j_settings, neo4j_clean):
    from graphbuild.cli import app

    _, b = graphs
    expected = fresh_export(b, neo4j_settings, neo4j_clean)
    cli, env = runner(), _cli_env(neo4j_settings)
    assert cli.invoke(app, ["export", "neo4j", str(files / "a.json")], env=env).exit_code == 0
    add_other_tools_data(neo4j_clean, neo4j_settings)
    result = cli.invoke(app, ["export", "neo4j", str(files / "b.json"), "--sync", "--batch-size", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert_equals_graph(neo4j_clean, neo4j_settings, b, expected)
    (line,) = _lines(result)
    assert line.startswith(f"synced {b.number_of_nodes()} nodes (0 new, ") and ", 2 deleted) and " in line
    assert neo4j_settings.password.get_secret_value() not in result.output


def test_cli_build_with_corrections_and_remove_syncs_neo4j(files, graphs, neo4j_settings, neo4j_clean, tmp_path):
    from graphbuild.cli import app

    _, b = graphs
    expected = fresh_export(b, neo4j_settings, neo4j_clean)
    cli, env = runner(), _cli_env(neo4j_settings)
    assert cli.invoke(app, ["export", "neo4j", str(files / "a.json"), "-q"], env=env).exit_code == 0
    add_other_tools_data(neo4j_clean, neo4j_settings)
    result = cli.invoke(
        app,
        [
            "build",
            "--update",
            str(files / "a.json"),
            "--remove",
            WITHDRAWN,
            "--corrections",
            str(files / "corrections.yaml"),
            "-o",
            str(tmp_path / "c.json"),
            "--neo4j",
            "--sync",
            "-q",
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert_equals_graph(neo4j_clean, neo4j_settings, b, expected)
    assert (tmp_path / "c.json").read_bytes() == (files / "b.json").read_bytes()


def test_cli_warns_about_kept_nodes(files, neo4j_settings, neo4j_clean):
    from graphbuild.cli import app

    cli, env = runner(), _cli_env(neo4j_settings)
    assert cli.invoke(app, ["export", "neo4j", str(files / "a.json"), "-q"], env=env).exit_code == 0
    neo4j_clean.execute_query(
        "MATCH (p:Person {id: 'person:mwangi-kibet'}) CREATE (:Note {text: 'x'})-[:ABOUT]->(p)",
        database_=neo4j_settings.database,
    )
    result = cli.invoke(app, ["export", "neo4j", str(files / "b.json"), "--sync"], env=env)
    assert result.exit_code == 0
    warning, summary = _lines(result)
    assert warning.startswith("warning: kept 1 node(s) the graph no longer has") and "person:mwangi-kibet" in warning
    assert ", 1 deleted) and " in summary  # the withdrawn article; the merged-away person stays


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "{a}", "-o", "{out}", "--sync"], "Error: --sync needs --neo4j"),
        (["export", "neo4j", "{a}", "--adopt"], "Error: --adopt is part of a sync"),
    ],
)
def test_cli_sync_options_need_their_companions(files, tmp_path, args, message):
    from graphbuild.cli import app

    result = runner().invoke(
        app,
        [a.format(a=files / "a.json", out=tmp_path / "x.json") for a in args],
        env={"NEO4J_PASSWORD": "irrelevant-pw"},
    )
    assert result.exit_code == 2
    (line,) = _lines(result)
    assert line.startswith(message)
