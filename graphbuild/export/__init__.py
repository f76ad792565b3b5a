"""Stage 5 — export: one module per output format, like networkx.readwrite.

    graphml    GraphML for Gephi and yEd (flat attributes, lists as JSON text)
    gexf       GEXF, Gephi's own format: colours, sizes, time intervals
    node_link  networkx node-link JSON
    html       one self-contained page that draws the entity network
    neo4j      a Neo4j (Bolt) database, batched and idempotent

``write_graph(graph, path, view=...)`` picks the file format from the suffix
and the view (``full``, ``entities``, ``co-mentioned``; see
:mod:`graphbuild.export.views`); ``read_graph(path)`` reads a graph file
back.  Files are written atomically: a temporary file in the same folder,
renamed over the target when complete.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphbuild.export.views import VIEWS, symmetric_types
from graphbuild.inputs import check_input_file

__all__ = ["FILE_FORMATS", "READABLE_FORMATS", "VIEWS", "UnsupportedFormat", "read_graph", "symmetric_types", "write_graph"]

FILE_FORMATS = (".graphml", ".gexf", ".json", ".html")
#: The formats that hold the whole graph and can be read back.
READABLE_FORMATS = (".graphml", ".gexf", ".json")


class UnsupportedFormat(ValueError):
    pass


def _module(path: Path, formats: tuple[str, ...] = FILE_FORMATS):
    from graphbuild.export import gexf, graphml, html, node_link

    suffix = path.suffix.lower()
    modules = {".graphml": graphml, ".gexf": gexf, ".json": node_link, ".html": html}
    if suffix not in formats:
        raise UnsupportedFormat(
            f"{path}: unknown {'output' if formats == FILE_FORMATS else 'graph file'} format "
            f"{suffix or '(no suffix)'!r}; use {', '.join(formats[:-1])} or {formats[-1]}"
        )
    return modules[suffix]


def write_graph(graph: nx.MultiDiGraph, path: str | Path, *, view: str = "full") -> None:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
    _module(Path(path)).write(graph, Path(path), view=view)


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph in a file; a file that is no regular file or over the size limit is refused before parsing."""
    module = _module(Path(path), READABLE_FORMATS)
    check_input_file(path, "graph")
    return module.read(Path(path))
