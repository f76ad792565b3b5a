"""Shared pytest fixtures (shared helpers that are not fixtures: helpers.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import QUERIES, SEEDS, add, flawless, known_graph

from graphbuild.export import write_graph


@pytest.fixture(autouse=True)
def _graphbuild_logging_restored():
    """The CLI sets up the 'graphbuild' logger for its process (level, own handler, no propagation); a test that
    runs the CLI in-process must not leave that to the next test, whose caplog would then see nothing."""
    logger = logging.getLogger("graphbuild")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


# --- Neo4j export: a real Bolt server (ArcadeDB, or NEO4J_URI if set) -------


@pytest.fixture(scope="session")
def neo4j_settings():
    """Connection settings of a Bolt server shared by the whole session.

    Starts ArcadeDB from the user's cache folder (installed on first use, outside the repository; see
    ``tests/neo4j_server.py``) unless ``NEO4J_URI`` points at a server.
    """
    from neo4j_server import server_settings

    with server_settings() as settings:
        yield settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(
        neo4j_settings.uri,
        auth=(neo4j_settings.user, neo4j_settings.password.get_secret_value()),
    )
    yield driver
    driver.close()


@pytest.fixture
def neo4j_clean(neo4j_settings, neo4j_driver):
    """The shared database, emptied before the test; yields the driver."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    yield neo4j_driver


# --- extraction: the real spaCy model, loaded once ---------------------------


@pytest.fixture(scope="session")
def nlp():
    """The real default pipeline (en_core_web_md) (never a blank one: the tests read its parses)."""
    from graphbuild.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from graphbuild.extract import Extractor

    return Extractor(nlp)


# --- fixtures of several modules: the seed graph, a flawed graph to evaluate, the recipes' graph loaded ----


@pytest.fixture(scope="module")
def seed_graph():
    from graphbuild.pipeline import build_graph_from_sources as _build_graph_from_sources

    return _build_graph_from_sources([str(p) for p in sorted(SEEDS.glob("*.txt"))])


@pytest.fixture
def flawed(tmp_path) -> Path:
    """A graph with one missed meeting, one refused meeting taken for real and one split person."""
    graph = flawless()
    graph.remove_edge("Faith Akinyi", "Monica Castellan", key="MET_WITH")
    add(graph, "Benson Onyango", "MET_WITH", "Osvaldo Serrano")
    graph.add_node("person:castellan", type="Person", name="Castellan", aliases=[])
    path = tmp_path / "flawed.json"
    write_graph(graph, path)
    return path


@pytest.fixture
def loaded(neo4j_settings, neo4j_clean):
    from graphbuild.export.neo4j import export_with_settings

    export_with_settings(known_graph(), neo4j_settings)

    def run(recipe: str, **params):
        records, _, _ = neo4j_clean.execute_query(
            (QUERIES / recipe).read_text(), params, database_=neo4j_settings.database
        )
        return [r.data() for r in records]

    return run
