"""One look for the graph in every viewer: colours per node type, sizes by degree.

GEXF (Gephi), the HTML view and the Neo4j Browser stylesheet
(``neo4j/graphbuild.grass``, checked against these colours by the tests)
use the same palette, so a person looks the same wherever it is opened.
Articles are small and grey: provenance, not the story.
"""

from __future__ import annotations

import math

__all__ = ["NODE_COLORS", "OTHER_COLOR", "color_of", "node_size", "rgb"]

NODE_COLORS: dict[str, str] = {
    "Person": "#4C8EDA",
    "Country": "#D9534F",
    "Organization": "#F0A030",
    "Article": "#B0B4BA",
}
#: Nodes of a type not listed above (e.g. from a hand-made graph).
OTHER_COLOR = "#8E6FBF"


def color_of(node_type: str | None) -> str:
    return NODE_COLORS.get(node_type or "", OTHER_COLOR)


def rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def node_size(degree: int, node_type: str | None = None) -> float:
    """Grows with the square root of the degree, so hubs stand out without swallowing the picture."""
    if node_type == "Article":
        return 4.0
    return round(8.0 + 6.0 * math.sqrt(max(degree, 0)), 2)
