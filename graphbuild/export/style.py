"""One look for the graph in every viewer: colours per node type, sizes by degree, a look per relation type.

GEXF (Gephi), the HTML view and the Neo4j Browser stylesheet
(``neo4j/graphbuild.grass``, checked against these colours by the tests)
use the same palette, so a person looks the same wherever it is opened.
Articles are small and grey: provenance, not the story.

Relation types are told apart by colour and dash, derived from their
declarations (:mod:`graphbuild.relation_types`): a type that another type
becomes when its event was only planned (``MEETING_PLANNED`` for
``MET_WITH``) is drawn dashed in that type's colour; one it becomes when the
event was refused or denied (``MEETING_REFUSED``) is dotted and greyed —
so a real, a planned and a refused meeting differ at a glance, and the
types of a ``--rules`` file get the same treatment without any styling.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graphbuild.relation_types import AFFILIATED_WITH, RelationTypes

__all__ = [
    "NODE_COLORS",
    "OTHER_COLOR",
    "RELATION_COLORS",
    "RelationStyle",
    "color_of",
    "node_size",
    "relation_styles",
    "rgb",
]

NODE_COLORS: dict[str, str] = {
    "Person": "#4C8EDA",
    "Country": "#D9534F",
    "Organization": "#F0A030",
    "Article": "#B0B4BA",
}
#: Nodes of a type not listed above (e.g. from a hand-made graph).
OTHER_COLOR = "#8E6FBF"

#: The built-in relation types that happened (their planned and refused variants are derived).
RELATION_COLORS: dict[str, str] = {
    "MET_WITH": "#1F63B5",
    "SUPPORTS": "#2E9E48",
    AFFILIATED_WITH: "#9AA0A6",
    "ACCOMPANIED_BY": "#4FB3D9",
    "VISITED": "#C98A00",
    "CRITICIZED": "#D2542C",
    "SANCTIONED": "#8E44AD",
    "CO_MENTIONED": "#C9CDD2",
}
#: Colours for the other types (a --rules file's), in declaration order; distinct from the ones above.
_MORE_RELATION_COLORS = ("#16A085", "#B0306A", "#6D4C41", "#5C6BC0", "#7CB342", "#F06292", "#00838F", "#9E7C0C")

Dash = Literal["solid", "dashed", "dotted"]
#: Dashed: it may yet happen or may have (planned, proposed, hypothetical, disputed); dotted: it did not.
_STATUS_DASH: dict[str, Dash] = {
    "planned": "dashed",
    "proposed": "dashed",
    "hypothetical": "dashed",
    "disputed": "dashed",
    "refused": "dotted",
    "cancelled": "dotted",
    "denied": "dotted",
    "negated": "dotted",
}


@dataclass(frozen=True)
class RelationStyle:
    """How one relation type is drawn, and what the legend says about it."""

    type: str
    color: str
    dash: Dash = "solid"
    description: str = ""
    #: The type this one is a planned or refused variant of (its ``status`` names this one), if any.
    variant_of: str | None = None
    #: The statuses that make an event of ``variant_of`` this type ("planned", "refused", ...).
    statuses: tuple[str, ...] = ()


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


def relation_styles(types: RelationTypes, present: Iterable[str] = ()) -> list[RelationStyle]:
    """The look of every declared relation type (declaration order, each variant right after its type),
    then of the ``present`` types no declaration covers (``CO_MENTIONED``, hand-made graphs)."""
    variants: dict[str, tuple[str, list[str]]] = {}  # variant type -> (the type it varies, statuses)
    for spec in types.values():
        for status, target in spec.status.items():
            if target != spec.name and target in types:
                variants.setdefault(target, (spec.name, []))[1].append(status)
    colors: dict[str, str] = {}
    extra = iter(_MORE_RELATION_COLORS)
    for name in list(types) + sorted(set(present) - set(types)):
        if name not in variants:
            colors[name] = RELATION_COLORS.get(name) or next(extra, RELATION_COLORS[AFFILIATED_WITH])

    def style(name: str) -> RelationStyle:
        description = types[name].description if name in types else ""
        if name not in variants:
            return RelationStyle(name, colors[name], "solid", description)
        base, statuses = variants[name]
        dash = _STATUS_DASH[statuses[0]]
        color = colors[base] if dash == "dashed" else _greyed(colors[base])
        return RelationStyle(name, color, dash, description, variant_of=base, statuses=tuple(statuses))

    ordered: list[str] = []
    for name in colors:  # each type, followed by its variants
        ordered.append(name)
        ordered.extend(v for v, (base, _) in variants.items() if base == name)
    return [style(name) for name in ordered]


def _greyed(hex_color: str) -> str:
    """Half way to a mid grey: the colour of an event that did not happen."""
    return "#" + "".join(f"{round((c + 0x90) / 2):02X}" for c in rgb(hex_color))
