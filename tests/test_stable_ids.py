"""A node's id is a function of the entity, never of the article set: two overlapping halves of a folder
give ids whose union is the whole's, and loading the halves into Neo4j one after the other gives what
loading the whole gives (real model, real Bolt server, invented articles full of look-alikes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.pipeline import build_graph_from_sources, write_outputs

SCRIPT = Path(sys.executable).parent / "graphbuild"

ARTICLES = {
    "a1_harbour": "Chilean Foreign Minister Ana Torvel met Peruvian Trade Minister Jorge Torvel in Lima on Monday. "
    "Ana Torvel said Chile supports Peru in the port project. The Chilean Foreign Ministry called the talks useful.",
    "a2_budget": "Peruvian Trade Minister Jorge Torvel met Bolivian Finance Minister Lucia Marandi in La Paz on Tuesday. "
    "Torvel said the trade deal would be signed in May. The Senate must still approve it.",
    "a3_relief": "The Northern Relief Council (NRC) sent food to the border on Wednesday. Bolivian Finance Minister Lucia Marandi "
    "thanked the NRC. The European Union pledged money for the relief effort.",
    "a4_palace": "Adan Kovar, a rebel leader, met Jordanian King Adan in Amman on Thursday. Adan said the talks were frank. "
    "Kovar said his fighters would keep the ceasefire.",
    "a5_congress": "The US Congress approved new aid for Ukraine on Friday. China's National People's Congress met in Beijing "
    "the same day. Congress will vote again in June, a spokesperson said.",
    "a6_parties": "China's Communist Party sent a delegation to Hanoi, where Vietnam's Communist Party hosted it. "
    "Chilean Foreign Minister Ana Torvel said the EU was watching.",
    "a7_followup": "Ana Torvel met Adan Kovar in Santiago on Saturday. Torvel said Chile supports a lasting peace. "
    "The Senate was not consulted. The NRC said it would help.",
    "a8_forces": "The Irish Defence Forces and the Maltese Defence Forces held a joint exercise on Sunday. "
    "Bolivian Finance Minister Lucia Marandi met Peruvian Trade Minister Jorge Torvel in Cusco.",
}
ORDER = sorted(ARTICLES)
#: Overlapping halves: (first, second) lists of article ids whose union is the whole folder.
SPLITS = [(ORDER[:5], ORDER[3:]), (ORDER[::2] + ORDER[1:2], ORDER[1::2] + ORDER[:1])]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, nlp) -> Path:
    root = tmp_path_factory.mktemp("stable") / "articles"
    root.mkdir()
    for aid, text in ARTICLES.items():
        (root / f"{aid}.txt").write_text(text + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def graphs(folder) -> dict:
    """The whole folder's graph and each half's, written as JSON. Every build names its articles' files, so each
    has the same source root and an article the same id in each (article ids are paths in the source root, see
    the README; a body an article never places has that article's id in its own)."""
    out = {"whole": folder.parent / "whole.json"}
    write_outputs(build_graph_from_sources([folder / f"{aid}.txt" for aid in ORDER]), [out["whole"]])
    for n, halves in enumerate(SPLITS):
        for side, ids in zip("ab", halves, strict=False):
            out[f"{n}{side}"] = folder.parent / f"half{n}{side}.json"
            write_outputs(build_graph_from_sources([folder / f"{aid}.txt" for aid in ids]), [out[f"{n}{side}"]])
    return out


def entity_ids(path: Path) -> set[str]:
    from graphbuild.export import read_graph

    return {n for n, d in read_graph(path).nodes(data=True) if d["type"] != "Article"}


@pytest.mark.parametrize("split", range(len(SPLITS)))
def test_the_ids_of_two_halves_are_the_ids_of_the_whole(graphs, split):
    whole = entity_ids(graphs["whole"])
    halves = entity_ids(graphs[f"{split}a"]) | entity_ids(graphs[f"{split}b"])
    assert halves == whole
    # the premise: the folder holds the look-alikes, each its own node
    assert {
        "person:ana-torvel",
        "person:jorge-torvel",
        "organization:congress-us",
        "organization:communist-party-cn",
        "organization:communist-party-vn",
        "organization:defense-forces-ie",
        "organization:defense-forces-mt",
        "organization:european-union",
        "organization:northern-relief-council",
    } <= whole


def _export(path: Path, settings) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password.get_secret_value(),
        "NEO4J_DATABASE": settings.database or "",
    }
    done = subprocess.run([str(SCRIPT), "export", "neo4j", str(path), "-q"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _as_set(value):
    """Lists compare as sets: a merge appends what it had not seen, so their order depends on the load order."""
    if isinstance(value, list):
        return frozenset(str(v) for v in value)
    return str(value) if hasattr(value, "iso_format") else value


def _database(driver, database) -> tuple[dict, dict]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props", database_=database
    )
    return (
        {r["id"]: (frozenset(r["labels"]), {k: _as_set(v) for k, v in r["props"].items()}) for r in nodes},
        {(r["a"], r["t"], r["b"]): {k: _as_set(v) for k, v in r["props"].items()} for r in rels},
    )


def test_loading_the_halves_into_neo4j_one_after_the_other_is_loading_the_whole(graphs, neo4j_settings, neo4j_clean):
    _export(graphs["0a"], neo4j_settings)
    _export(graphs["0b"], neo4j_settings)
    from_halves = _database(neo4j_clean, neo4j_settings.database)
    neo4j_clean.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    _export(graphs["whole"], neo4j_settings)
    from_whole = _database(neo4j_clean, neo4j_settings.database)
    for halves, whole in zip(from_halves, from_whole, strict=False):
        assert set(halves) == set(whole)
        assert _differences(halves, whole) == []


def _differences(halves: dict, whole: dict) -> list[tuple]:
    """(node or relationship, property, value from the halves, value from the whole) where they differ."""
    out = []
    for key, expected in whole.items():
        got = halves[key]
        if isinstance(expected, tuple):  # a node: labels, properties
            if got[0] != expected[0]:
                out.append((key, "labels", got[0], expected[0]))
            got, expected = got[1], expected[1]
        out += [
            (key, name, got.get(name), expected.get(name))
            for name in sorted(set(got) | set(expected))
            if got.get(name) != expected.get(name)
        ]
    return out
