"""The Neo4j exporter against a real Bolt server (ArcadeDB by default, see conftest)."""

from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
import textwrap
import traceback
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from helpers import (
    _cli_env,
    _edge,
    _query,
    big_graph,
    dump,
    expected_label_counts,
    expected_type_counts,
    label_counts,
    news_graph,
    type_counts,
)

from graphbuild.export.neo4j import (
    Neo4jExportError,
    Neo4jSettings,
    connection_from_env,
    export_graph,
    export_with_settings,
    node_rows,
    relationship_rows,
)
from graphbuild.export.neo4j.union import native

REPO_ROOT = Path(__file__).resolve().parents[1]
TRICKY = 'O\'Brien "the \\ test" Łódź 周彦明'


# --------------------------------------------------------------------------- #
# graphs built by hand per the graph contract
# --------------------------------------------------------------------------- #


def export(g, settings, **kw):
    return export_with_settings(g, settings, **kw)


# --------------------------------------------------------------------------- #
# export, idempotency, incremental merge
# --------------------------------------------------------------------------- #


def test_export_exact_counts(neo4j_settings, neo4j_clean):
    g = news_graph(2)
    summary = export(g, neo4j_settings)
    assert (
        label_counts(neo4j_clean, neo4j_settings)
        == expected_label_counts(g)
        == {"Person": 2, "Country": 2, "Organization": 1, "Article": 2, "*": 7}
    )
    assert (
        type_counts(neo4j_clean, neo4j_settings)
        == expected_type_counts(g)
        == {"MET_WITH": 1, "AFFILIATED_WITH": 1, "MENTIONED_IN": 3, "SUPPORTS": 1}
    )
    assert summary.nodes == summary.nodes_created == 7
    assert summary.relationships == summary.relationships_created == 6
    assert summary.nodes_by_label == {"Person": 2, "Country": 2, "Organization": 1, "Article": 2}
    assert summary.relationships_by_type == {"MET_WITH": 1, "AFFILIATED_WITH": 1, "MENTIONED_IN": 3, "SUPPORTS": 1}

    person = _query(
        neo4j_clean, neo4j_settings, "MATCH (p:Person {id: $id}) RETURN properties(p) AS p", id="person:lowell-pickett"
    )[0]["p"]
    assert person == {
        "id": "person:lowell-pickett",
        "name": "Lowell Pickett",
        "aliases": ["Pickett"],
        "role": "Secretary of Defense",
        "country": "US",
        "graphbuild": True,
    }  # the mark: graphbuild wrote it
    country = _query(neo4j_clean, neo4j_settings, "MATCH (c:Country {id: 'country:cn'}) RETURN c.iso_code AS iso")
    assert country == [{"iso": "CN"}]
    article = _query(
        neo4j_clean, neo4j_settings, "MATCH (a:Article) WHERE a.id STARTS WITH 'article:001' RETURN properties(a) AS p"
    )[0]["p"]
    assert article["title"] == "Title 1" and native(article["published"]) == date(2024, 3, 1)  # a DATE, not text
    assert article["url"] == "https://example.org/1" and article["publisher"] == "Example News"
    met = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:lowell-pickett'})-[r:MET_WITH]->(:Person {id: 'person:duan-peng'}) "
        "RETURN properties(r) AS p",
    )[0]["p"]
    assert native(met) == {
        "weight": 1,
        "confidence": 0.9,
        "evidence": ["Pickett met Duan Peng in Singapore."],
        # the evidence item's article and offsets, in lists of the same order (-1: offsets unknown)
        "evidence_articles": ["article:001_0000000000000001"],
        "evidence_starts": [-1],
        "evidence_ends": [-1],
        "articles": ["article:001_0000000000000001"],
        # its own dates as ISO 8601 periods, and the first and last day of each as DATE values
        "dates": ["2024-03-01"],
        "date_starts": [date(2024, 3, 1)],
        "date_ends": [date(2024, 3, 1)],
        "first_seen": date(2024, 3, 1),
        "last_seen": date(2024, 3, 1),
        "graphbuild": True,
    }

    # one uniqueness constraint per label
    constraints = _query(neo4j_clean, neo4j_settings, "SHOW CONSTRAINTS")
    by_label = {tuple(c["labelsOrTypes"]): c for c in constraints}
    for label in ("Person", "Country", "Organization", "Article"):
        assert by_label[(label,)]["properties"] == ["id"]
    assert {"person_id_unique", "article_id_unique"} <= {c["name"] for c in constraints}


def test_second_export_changes_nothing(neo4j_settings, neo4j_clean):
    g = news_graph(2)
    export(g, neo4j_settings)
    before = dump(neo4j_clean, neo4j_settings)
    again = export(g, neo4j_settings, batch_size=2)
    assert again.nodes_created == 0 and again.relationships_created == 0
    assert dump(neo4j_clean, neo4j_settings) == before
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(g)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(g)


def test_larger_graph_adds_new_and_merges_evidence(neo4j_settings, neo4j_clean):
    small, large = news_graph(2), news_graph(3)
    export(small, neo4j_settings)
    summary = export(large, neo4j_settings)
    # exactly the new things were created
    assert summary.nodes_created == large.number_of_nodes() - small.number_of_nodes() == 2
    assert summary.relationships_created == large.number_of_edges() - small.number_of_edges() == 3
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(large)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(large)
    met = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:lowell-pickett'})-[r:MET_WITH]->() RETURN properties(r) AS p",
    )[0]["p"]
    assert met["evidence"] == ["Pickett met Duan Peng in Singapore.", "The two ministers met again on Friday."]
    assert met["articles"] == ["article:001_0000000000000001", "article:003_0000000000000003"]
    assert native(met["dates"]) == ["2024-03-01", "2024-03-03"]
    assert native(met["date_starts"]) == native(met["date_ends"]) == [date(2024, 3, 1), date(2024, 3, 3)]
    # seen from its own dates and its articles' publication dates (article 3: 2024-03-03)
    assert (native(met["first_seen"]), native(met["last_seen"])) == (date(2024, 3, 1), date(2024, 3, 3))
    assert met["weight"] == 2
    # exporting the small graph again afterwards drops nothing
    export(small, neo4j_settings)
    met_after = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person {id: 'person:lowell-pickett'})-[r:MET_WITH]->() RETURN properties(r) AS p",
    )
    assert met_after[0]["p"] == met
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(large)


def test_disjoint_export_keeps_old_evidence_and_unions_aliases(neo4j_settings, neo4j_clean):
    """A graph built from *other* articles (not a superset) adds to what is stored."""
    first = nx.MultiDiGraph()
    first.add_node("person:a", type="Person", name="A", aliases=["Avery"])
    first.add_node("person:b", type="Person", name="B", aliases=[])
    _edge(
        first,
        "person:a",
        "person:b",
        "MET_WITH",
        evidence=["s1", "s2"],
        articles=["article:1"],
        weight=2,
        confidence=0.7,
    )
    second = nx.MultiDiGraph()
    second.add_node("person:a", type="Person", name="A.", aliases=["Al", "Avery"], role="Envoy")
    second.add_node("person:b", type="Person", name="B", aliases=[])
    _edge(
        second,
        "person:a",
        "person:b",
        "MET_WITH",
        evidence=["s2", "s3"],
        articles=["article:2"],
        weight=2,
        confidence=0.6,
        dates=["2024-05-01"],
    )
    export(first, neo4j_settings)
    export(second, neo4j_settings)
    rel = _query(neo4j_clean, neo4j_settings, "MATCH ()-[r:MET_WITH]->() RETURN properties(r) AS p")
    # "s2" is said by both articles: two items, and two stories count twice in the weight
    assert native(rel[0]["p"]) == {
        "evidence": ["s1", "s2", "s2", "s3"],
        "evidence_articles": ["article:1", "article:1", "article:2", "article:2"],
        "evidence_starts": [-1] * 4,
        "evidence_ends": [-1] * 4,
        "articles": ["article:1", "article:2"],
        "dates": ["2024-05-01"],
        "date_starts": [date(2024, 5, 1)],
        "date_ends": [date(2024, 5, 1)],
        "weight": 4,
        "confidence": 0.7,
        "first_seen": date(2024, 5, 1),
        "last_seen": date(2024, 5, 1),
        "graphbuild": True,
    }
    node = _query(neo4j_clean, neo4j_settings, "MATCH (n:Person {id: 'person:a'}) RETURN properties(n) AS p")
    # scalars: latest export wins; aliases: union, first-seen order
    assert node == [
        {"p": {"id": "person:a", "name": "A.", "aliases": ["Avery", "Al"], "role": "Envoy", "graphbuild": True}}
    ]


def test_weight_is_never_below_evidence_nor_lowered(neo4j_settings, neo4j_clean):
    g = nx.MultiDiGraph()
    g.add_node("country:cn", type="Country", name="China", aliases=[], iso_code="CN")
    g.add_node("country:ru", type="Country", name="Russia", aliases=[], iso_code="RU")
    _edge(g, "country:ru", "country:cn", "SUPPORTS", evidence=["e1"], articles=["article:1"], weight=5)
    export(g, neo4j_settings)
    g2 = nx.MultiDiGraph(g)
    _edge(g2, "country:ru", "country:cn", "SUPPORTS", evidence=["e2"], articles=["article:2"], weight=1)
    export(g2, neo4j_settings)
    rel = _query(neo4j_clean, neo4j_settings, "MATCH ()-[r:SUPPORTS]->() RETURN r.weight AS w, r.evidence AS e")
    assert rel == [{"w": 5, "e": ["e1", "e2"]}]


# --------------------------------------------------------------------------- #
# values only travel as parameters
# --------------------------------------------------------------------------- #


def test_quotes_backslashes_and_non_ascii_round_trip(neo4j_settings, neo4j_clean):
    g = nx.MultiDiGraph()
    odd_id = 'person:o\'brien-"x"-\\-łódź-周彦明'
    g.add_node(
        odd_id,
        type="Person",
        name=TRICKY,
        aliases=[TRICKY, "Ö'Ñ\\\"", "`backtick` }) DETACH DELETE n //"],
        role='Minister\'s "aide"',
    )
    g.add_node("country:pl", type="Country", name="Polska — Łódź ąęśćźż", aliases=["Rzeczpospolita"], iso_code="PL")
    _edge(
        g,
        odd_id,
        "country:pl",
        "VISITED",
        evidence=[f'{TRICKY} visited Łódź; he said: "it\'s \\fine\\".'],
        articles=["article:'1'"],
    )
    export(g, neo4j_settings)
    node = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.role AS role",
    )
    assert node == [
        {
            "id": odd_id,
            "name": TRICKY,
            "aliases": [TRICKY, "Ö'Ñ\\\"", "`backtick` }) DETACH DELETE n //"],
            "role": 'Minister\'s "aide"',
        }
    ]
    by_name = _query(neo4j_clean, neo4j_settings, "MATCH (p:Person {name: $name}) RETURN p.id AS id", name=TRICKY)
    assert by_name == [{"id": odd_id}]
    rel = _query(
        neo4j_clean,
        neo4j_settings,
        "MATCH (:Person)-[r:VISITED]->(c:Country) RETURN r.evidence AS e, r.articles AS a, c.name AS c",
    )
    assert rel == [
        {"e": [f'{TRICKY} visited Łódź; he said: "it\'s \\fine\\".'], "a": ["article:'1'"], "c": "Polska — Łódź ąęśćźż"}
    ]
    # and re-exporting does not duplicate the tricky strings in the unioned lists
    export(g, neo4j_settings)
    assert _query(neo4j_clean, neo4j_settings, "MATCH (p:Person) RETURN size(p.aliases) AS n") == [{"n": 3}]


@pytest.mark.parametrize("bad", ["met_with", "MET WITH", "MET_WITH]->(b) DETACH DELETE a //", "X`", ""])
def test_invalid_relationship_type_is_rejected_before_connecting(bad):
    g = nx.MultiDiGraph()
    g.add_node("person:a", type="Person", name="A")
    g.add_node("person:b", type="Person", name="B")
    g.add_edge("person:a", "person:b", key="k", type=bad, weight=1)
    with pytest.raises(Neo4jExportError, match="invalid relationship type"):
        # port 9 (discard) is never contacted: validation happens first
        export_graph(g, uri="bolt://127.0.0.1:9", user="neo4j", password="irrelevant-pw")


def test_invalid_label_is_rejected():
    g = nx.MultiDiGraph()
    g.add_node("thing:x", type="Person) DETACH DELETE n //", name="X")
    with pytest.raises(Neo4jExportError, match="no usable type"):
        node_rows(g)


def test_rows_infer_label_from_id_and_skip_unstorable_values():
    g = nx.MultiDiGraph()
    g.add_node("person:a", name="A", extra={"nested": 1}, tags={"b", "a"})
    g.add_node("country:cn", type="Country", name="China", iso_code="CN")
    g.add_edge("person:a", "country:cn", key="VISITED", weight=1, evidence=["x", "x"], articles=("article:1",))
    rows = node_rows(g)
    assert rows["Person"] == [
        {"id": "person:a", "props": {"name": "A", "tags": ["a", "b"], "graphbuild": True}, "aliases": []}
    ]
    rel = relationship_rows(g)[("VISITED", "Person", "Country")]
    # evidence of an older graphbuild's graph: sentences without their article
    assert rel == [
        {
            "src": "person:a",
            "dst": "country:cn",
            "weight": 1,
            "confidence": None,
            "props": {"graphbuild": True},
            "evidence": [("", "x", -1, -1)],
            "articles": ["article:1"],
            "dates": [],
            "copies": {},
            "first_seen": None,
            "last_seen": None,
        }
    ]


# --------------------------------------------------------------------------- #
# errors: one line, never the password
# --------------------------------------------------------------------------- #


def _assert_clean_error(excinfo, password: str) -> str:
    err = excinfo.value
    message = str(err)
    assert message and "\n" not in message
    assert password not in message
    assert all(password not in str(arg) for arg in err.args)
    assert err.__cause__ is None and (err.__context__ is None or err.__suppress_context__)
    assert password not in "".join(traceback.format_exception(err))
    return message


def _tiny_graph():
    g = nx.MultiDiGraph()
    g.add_node("person:a", type="Person", name="A", aliases=[])
    return g


def test_wrong_password(neo4j_settings, neo4j_clean):
    wrong = "Wr0ng-p4ssword-!'\"\\"
    with pytest.raises(Neo4jExportError) as excinfo:
        export_graph(
            _tiny_graph(),
            uri=neo4j_settings.uri,
            user=neo4j_settings.user,
            password=wrong,
            database=neo4j_settings.database,
        )
    message = _assert_clean_error(excinfo, wrong)
    assert "authentication failed" in message and neo4j_settings.uri in message
    assert label_counts(neo4j_clean, neo4j_settings)["*"] == 0


def test_unreachable_server_fails_fast():
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    password = "s3cret-unreachable"
    with pytest.raises(Neo4jExportError) as excinfo:
        export_graph(_tiny_graph(), uri=f"bolt://127.0.0.1:{port}", user="neo4j", password=password)
    message = _assert_clean_error(excinfo, password)
    assert message.startswith(f"cannot reach the Neo4j server at bolt://127.0.0.1:{port}")


def test_wrong_database(neo4j_settings, neo4j_clean):
    password = neo4j_settings.password.get_secret_value()
    with pytest.raises(Neo4jExportError) as excinfo:
        export_graph(
            _tiny_graph(), uri=neo4j_settings.uri, user=neo4j_settings.user, password=password, database="no_such_db"
        )
    message = _assert_clean_error(excinfo, password)
    assert "database 'no_such_db' does not exist" in message


def test_bad_uri_scheme():
    password = "pw-bad-uri"
    with pytest.raises(Neo4jExportError) as excinfo:
        export_graph(_tiny_graph(), uri="http://127.0.0.1:7474", user="neo4j", password=password)
    assert "invalid Neo4j URI" in _assert_clean_error(excinfo, password)


def test_settings_hide_password_and_read_env(monkeypatch):
    env = {
        "NEO4J_URI": "bolt://db.example:7687",
        "NEO4J_USER": "reporter",
        "NEO4J_PASSWORD": "hunter2-secret",
        "NEO4J_DATABASE": "news",
    }
    s = connection_from_env(environ=env)
    assert (s.uri, s.user, s.database) == ("bolt://db.example:7687", "reporter", "news")
    assert s.password.get_secret_value() == "hunter2-secret"
    assert "hunter2" not in repr(s) and "hunter2" not in str(s)
    # explicit options beat the environment
    s = connection_from_env(uri="bolt://127.0.0.1:1", user="bob", database="other", environ=env)
    assert (s.uri, s.user, s.database) == ("bolt://127.0.0.1:1", "bob", "other")
    # defaults
    s = connection_from_env(environ={"NEO4J_PASSWORD": "x" * 8})
    assert (s.uri, s.user, s.database) == ("bolt://localhost:7687", "neo4j", None)
    # no password and no terminal → a clear error, no prompt
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    with pytest.raises(Neo4jExportError, match="NEO4J_PASSWORD"):
        connection_from_env(environ={})


# --------------------------------------------------------------------------- #
# an export cut off midway completes when run again
# --------------------------------------------------------------------------- #


class _Interrupted(Exception):
    pass


def test_interrupted_export_completes_on_rerun(neo4j_settings, neo4j_clean):
    g = big_graph()
    calls = []

    def crash_during_relationships(stage, done, total):
        calls.append((stage, done, total))
        if stage == "relationships" and done >= 20:
            raise _Interrupted

    with pytest.raises(_Interrupted):
        export(g, neo4j_settings, batch_size=10, progress=crash_during_relationships)
    assert ("nodes", 120, 120) in calls
    partial = type_counts(neo4j_clean, neo4j_settings)
    assert 0 < sum(partial.values()) < g.number_of_edges()

    summary = export(g, neo4j_settings, batch_size=10)
    assert summary.relationships_created == g.number_of_edges() - sum(partial.values())
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(g)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(g)
    assert _query(
        neo4j_clean, neo4j_settings, "MATCH ()-[r:MET_WITH]->() WHERE size(r.evidence) <> 1 RETURN count(r) AS c"
    ) == [{"c": 0}]


_CHILD = textwrap.dedent(
    """
    import os, pickle, sys, time
    from graphbuild.export.neo4j import export_graph
    with open(sys.argv[1], "rb") as f:
        graph = pickle.load(f)
    def progress(stage, done, total):
        print(stage, done, total, flush=True)
        time.sleep(0.05)  # give the parent time to kill us mid-export
    export_graph(graph, uri=os.environ["NEO4J_URI"], user=os.environ["NEO4J_USER"],
                 password=os.environ["NEO4J_PASSWORD"], database=os.environ.get("NEO4J_DATABASE") or None,
                 batch_size=5, progress=progress)
    print("finished", flush=True)
    """
)


def test_killed_export_process_completes_on_rerun(neo4j_settings, neo4j_clean, tmp_path):
    g = big_graph()
    graph_file = tmp_path / "graph.pickle"
    graph_file.write_bytes(pickle.dumps(g))
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password.get_secret_value(),
        "NEO4J_DATABASE": neo4j_settings.database or "",
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(graph_file)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith("relationships"):
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait(timeout=30)
    assert "finished" not in lines and lines[-1].startswith("relationships"), lines
    assert child.returncode == -signal.SIGKILL
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(g)
    partial = sum(type_counts(neo4j_clean, neo4j_settings).values())
    assert 0 < partial < g.number_of_edges()

    export(g, neo4j_settings, batch_size=7)
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(g)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(g)


def test_export_graph_accepts_plain_arguments(neo4j_settings, neo4j_clean):
    """The keyword API other code (e.g. the end-to-end seed test) calls."""
    s: Neo4jSettings = neo4j_settings
    summary = export_graph(
        news_graph(1),
        uri=s.uri,
        user=s.user,
        password=s.password.get_secret_value(),
        database=s.database,
        batch_size=1000,
    )
    assert summary.nodes == 6 and summary.relationships == 3 and summary.batches == 7


# --------------------------------------------------------------------------- #
# the CLI: graphbuild export neo4j GRAPH
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("suffix", [".json", ".graphml"])
def test_cli_exports_graph_file(neo4j_settings, neo4j_clean, tmp_path, suffix):
    from typer.testing import CliRunner

    from graphbuild.cli import app
    from graphbuild.export import write_graph

    g = news_graph(3)
    path = tmp_path / f"graph{suffix}"
    write_graph(g, path)
    runner = CliRunner()
    for _ in range(2):  # the second run must change nothing
        result = runner.invoke(app, ["export", "neo4j", str(path), "--batch-size", "3"], env=_cli_env(neo4j_settings))
        assert result.exit_code == 0, result.output
        assert neo4j_settings.password.get_secret_value() not in result.output
    assert label_counts(neo4j_clean, neo4j_settings) == expected_label_counts(g)
    assert type_counts(neo4j_clean, neo4j_settings) == expected_type_counts(g)
    met = _query(neo4j_clean, neo4j_settings, "MATCH ()-[r:MET_WITH]->() RETURN r.evidence AS e, r.dates AS d")
    assert native(met) == [
        {
            "e": ["Pickett met Duan Peng in Singapore.", "The two ministers met again on Friday."],
            "d": ["2024-03-01", "2024-03-03"],
        }
    ]


def test_cli_errors_are_one_line_without_password(neo4j_settings, neo4j_clean, tmp_path):
    from typer.testing import CliRunner

    from graphbuild.cli import app
    from graphbuild.export import write_graph

    path = tmp_path / "graph.json"
    write_graph(_tiny_graph(), path)
    wrong = "not-the-password-42"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"bolt://127.0.0.1:{s.getsockname()[1]}"
    runner = CliRunner()
    cases = [
        (_cli_env(neo4j_settings, NEO4J_PASSWORD=wrong), [], "authentication failed"),
        (_cli_env(neo4j_settings), ["--database", "no_such_db"], "does not exist"),
        (_cli_env(neo4j_settings, NEO4J_PASSWORD=wrong), ["--uri", closed], "cannot reach"),
        (_cli_env(neo4j_settings, NEO4J_PASSWORD=""), [], "NEO4J_PASSWORD"),
    ]
    for env, extra, expected in cases:
        result = runner.invoke(app, ["export", "neo4j", str(path), *extra], env=env)
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0], result.output
        assert wrong not in result.output and neo4j_settings.password.get_secret_value() not in result.output
    assert label_counts(neo4j_clean, neo4j_settings)["*"] == 0
