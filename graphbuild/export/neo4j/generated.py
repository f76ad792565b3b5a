"""Repository files written from the relation-type declarations, so no file lists relation types by hand.

    python -m graphbuild.export.neo4j.generated            # rewrite them in the current checkout
    python -m graphbuild.export.neo4j.generated --check    # exit 1 naming each file that differs

* ``neo4j/graphbuild.grass``: the Neo4j Browser stylesheet, in the colours of :mod:`graphbuild.export.style`
  (each declared relation type, its planned and refused variants in paler colours and thinner);
* ``docker-compose.yml``: the same stylesheet inline in ``NEO4J_browser_post__connect__cmd`` (Browser runs
  ``:style <json>`` on connect);
* ``queries/shortest_path*.cypher``: the relationship types a shortest path may follow (every declared type;
  never ``MENTIONED_IN``, so paths do not hop through articles).

The declarations are :func:`graphbuild.relation_types.builtin_relation_types` (``graphbuild/data/relation_types.json``);
a test fails when a checked-in file differs from what this module writes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from graphbuild.export.style import NODE_COLORS, relation_styles
from graphbuild.export.views import MENTIONED_IN
from graphbuild.relation_types import RelationTypes, builtin_relation_types

GRASS = Path("neo4j/graphbuild.grass")
COMPOSE = Path("docker-compose.yml")
SHORTEST_PATHS = (Path("queries/shortest_path.cypher"), Path("queries/shortest_path_graph.cypher"))

_NODE_SIZES = {"Person": "55px", "Country": "65px", "Organization": "55px", "Article": "22px"}
_DEFAULTS = {
    "node": {
        "diameter": "50px",
        "color": "#A5ABB6",
        "border-color": "#9AA1AC",
        "border-width": "2px",
        "text-color-internal": "#FFFFFF",
        "font-size": "10px",
        "caption": "{name}",
    },
    "relationship": {
        "color": "#8A9099",
        "shaft-width": "2px",
        "font-size": "8px",
        "padding": "3px",
        "text-color-external": "#000000",
        "text-color-internal": "#FFFFFF",
        "caption": "<type>",
    },
}
#: The relationship types pattern of a shortest-path recipe: ``[:A|B|C*..6]``.
_PATH_TYPES = re.compile(r"\[:[A-Z0-9_|]+\*")
_COMPOSE_LINE = re.compile(r"^(\s+NEO4J_browser_post__connect__cmd: )'[^'\n]*'$", re.M)


def _darker(color: str) -> str:
    """The border colour of a node: the fill at 80% brightness."""
    return "#" + "".join(f"{int(int(color[i : i + 2], 16) * 0.8):02X}" for i in (1, 3, 5))


def grass(types: RelationTypes) -> dict[str, dict[str, str]]:
    """The Browser stylesheet: a look per node label and per relation type, in the palette of every other view."""
    sheet = {key: dict(value) for key, value in _DEFAULTS.items()}
    for label, color in NODE_COLORS.items():
        article = label == "Article"
        sheet[f"node.{label}"] = {
            "color": color,
            "border-color": _darker(color),
            "text-color-internal": "#333333" if article else "#FFFFFF",
            "diameter": _NODE_SIZES[label],
            **({"font-size": "8px"} if article else {}),
            "caption": "{title}" if article else "{name}",
        }
    sheet[f"relationship.{MENTIONED_IN}"] = {"color": "#D0D3D8", "shaft-width": "1px", "caption": ""}
    for style in relation_styles(types):
        width = "2px" if style.variant_of else "3px"
        sheet[f"relationship.{style.type}"] = {"color": style.color, "shaft-width": width, "caption": "<type>"}
    return sheet


def grass_text(types: RelationTypes) -> str:
    return json.dumps(grass(types), indent=2) + "\n"


def compose_text(current: str, types: RelationTypes) -> str:
    """docker-compose.yml with the stylesheet of ``types`` in its post-connect command (nothing else changed)."""
    inline = "style " + json.dumps(grass(types), separators=(",", ":"))
    if "'" in inline or "$" in inline:  # a YAML single-quoted string, and docker compose interpolates $
        raise ValueError("the stylesheet holds ' or $, which docker-compose.yml cannot carry inline")
    text, count = _COMPOSE_LINE.subn(lambda m: f"{m.group(1)}'{inline}'", current)
    if count != 1:
        raise ValueError(f"{COMPOSE}: no single NEO4J_browser_post__connect__cmd line to replace")
    return text


def path_types(types: RelationTypes) -> str:
    """``A|B|C``: every declared relation type, in declaration order."""
    return "|".join(types)


def shortest_path_text(current: str, types: RelationTypes) -> str:
    """A shortest-path recipe with the relationship types it may follow replaced by the declared ones."""
    text, count = _PATH_TYPES.subn(f"[:{path_types(types)}*", current)
    if count != 1:
        raise ValueError("a shortest-path recipe has no single [:TYPES*..] pattern to replace")
    return text


def expected_files(root: Path, types: RelationTypes | None = None) -> dict[Path, str]:
    """Every generated file under ``root`` (a checkout) and the text it should have."""
    types = types or builtin_relation_types()
    files: dict[Path, Callable[[str], str]] = {
        GRASS: lambda _: grass_text(types),
        COMPOSE: lambda text: compose_text(text, types),
        **{path: (lambda text: shortest_path_text(text, types)) for path in SHORTEST_PATHS},
    }
    return {path: make(_text(root / path)) for path, make in files.items()}


def _text(path: Path) -> str:
    return path.read_text("utf-8") if path.exists() else ""


def drifted(root: Path) -> list[Path]:
    """The generated files under ``root`` whose text differs from what the declarations give."""
    return [path for path, text in expected_files(root).items() if _text(root / path) != text]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    root = Path(next((a for a in args if not a.startswith("--")), "."))
    if check:
        stale = drifted(root)
        for path in stale:
            print(
                f"{path}: differs from the relation-type declarations; run python -m graphbuild.export.neo4j.generated"
            )
        return 1 if stale else 0
    for path, text in expected_files(root).items():
        (root / path).write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
