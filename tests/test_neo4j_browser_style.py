"""The Neo4j Browser stylesheet, and docker-compose.yml loading it on connect.

Browser runs ``browser.post_connect_cmd`` after connecting: it splits the value
on ``;`` outside quotes and runs each part as ``:<command>``; ``:style <text>``
parses the text as JSON (else as GraSS CSS) and applies it.  These tests apply
the same rules to the compose file, since no Neo4j Browser runs here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from graphbuild.export.style import NODE_COLORS

REPO = Path(__file__).resolve().parents[1]
GRASS = REPO / "neo4j" / "graphbuild.grass"


def post_connect_commands(value: str) -> list[str]:
    """neo4j-browser's extractPostConnectCommandsFromServerConfig: split on ; outside quotes."""
    protected = re.sub(r"(`[^`]*?`|\"[^\"]*?\"|'[^']*?')", lambda m: m.group(0).replace(";", "\0"), value)
    return [part.strip().replace("\0", ";") for part in protected.split(";") if part.strip()]


def compose_post_connect_cmd() -> str:
    text = (REPO / "docker-compose.yml").read_text("utf-8")
    match = re.search(r"^\s+NEO4J_browser_post__connect__cmd: '([^'\n]*)'$", text, re.M)
    assert match, "docker-compose.yml does not set NEO4J_browser_post__connect__cmd"
    return match.group(1)


def test_stylesheet_colours_labels_and_captions():
    grass = json.loads(GRASS.read_text("utf-8"))
    for label in ("Person", "Country", "Organization", "Article"):
        assert grass[f"node.{label}"]["color"] == NODE_COLORS[label], label  # the GEXF and HTML palette
    for label in ("Person", "Country", "Organization"):
        assert grass[f"node.{label}"]["caption"] == "{name}"
    # Browser applies only the first styled label of a node: Entity must not compete with the types
    assert "node.Entity" not in grass
    px = lambda value: int(value.removesuffix("px"))  # noqa: E731
    article = px(grass["node.Article"]["diameter"])
    assert all(article < px(grass[f"node.{label}"]["diameter"]) for label in ("Person", "Country", "Organization"))
    mentioned = px(grass["relationship.MENTIONED_IN"]["shaft-width"])
    others = [
        px(v["shaft-width"])
        for k, v in grass.items()
        if k.startswith("relationship.") and k != "relationship.MENTIONED_IN"
    ]
    assert others and all(mentioned < width for width in others)


def test_docker_compose_loads_the_stylesheet_on_connect():
    value = compose_post_connect_cmd()
    commands = post_connect_commands(value)
    assert len(commands) == 1 and commands[0].startswith("style ")
    applied = json.loads(commands[0].removeprefix("style "))  # what :style parses (JSON first)
    assert applied == json.loads(GRASS.read_text("utf-8")), "docker-compose.yml and neo4j/graphbuild.grass differ"
    assert "$" not in value  # docker compose would interpolate it


def test_generated_files_follow_the_relation_type_declarations():
    """The stylesheet, its copy in docker-compose.yml and the shortest-path recipes are written from the
    declarations (python -m graphbuild.export.neo4j.generated): a type declared and missing there fails here."""
    from graphbuild.export.neo4j.generated import drifted

    assert drifted(REPO) == [], "run: python -m graphbuild.export.neo4j.generated"


def test_every_declared_type_is_styled_and_followed_by_shortest_paths():
    from graphbuild.relation_types import builtin_relation_types

    grass = json.loads(GRASS.read_text("utf-8"))
    recipe = (REPO / "queries" / "shortest_path.cypher").read_text("utf-8")
    followed = set(re.search(r"\[:([A-Z0-9_|]+)\*", recipe).group(1).split("|"))
    for name in builtin_relation_types():
        assert f"relationship.{name}" in grass, name
    assert followed == set(builtin_relation_types()) and "MENTIONED_IN" not in followed


def test_a_new_declaration_changes_the_generated_files(tmp_path):
    from graphbuild.export.neo4j.generated import COMPOSE, SHORTEST_PATHS, expected_files
    from graphbuild.relation_types import RelationSpec, builtin_relation_types

    for path in (COMPOSE, *SHORTEST_PATHS):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text((REPO / path).read_text("utf-8"), encoding="utf-8")
    types = builtin_relation_types().extended([RelationSpec(name="NEGOTIATED_WITH")])
    files = expected_files(tmp_path, types)
    assert all("NEGOTIATED_WITH" in text for text in files.values())
