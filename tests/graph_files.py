"""Helpers for tests that read graphbuild's files with other readers than graphbuild's own."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx


def plain_graphml(path: Path) -> nx.MultiDiGraph:
    """The file as networkx's own GraphML reader sees it.

    graphbuild writes symmetric relations with GraphML's per-edge
    ``directed="false"`` (Gephi draws them undirected); networkx refuses files
    that mix directed and undirected edges, so that flag is set aside first.
    """
    text = re.sub(r' directed="false"', "", Path(path).read_text("utf-8"))
    return nx.parse_graphml(text, force_multigraph=True)
