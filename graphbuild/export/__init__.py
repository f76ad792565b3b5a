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

from graphbuild.errors import ExportError, GraphbuildError, ReadError
from graphbuild.export.views import VIEWS, View, symmetric_types
from graphbuild.inputs import check_input_file

__all__ = [
    "FILE_FORMATS",
    "READABLE_FORMATS",
    "VIEWS",
    "UnsupportedFormat",
    "check_output",
    "View",
    "read_graph",
    "symmetric_types",
    "write_graph",
]

FILE_FORMATS = (".graphml", ".gexf", ".json", ".html")
#: The formats that hold the whole graph and can be read back.
READABLE_FORMATS = (".graphml", ".gexf", ".json")


class UnsupportedFormat(ExportError, ValueError):
    """A file suffix graphbuild cannot write or read as a graph (exit 2: the name given was wrong)."""

    exit_code = 2


def check_output(path: str | Path) -> Path:
    """``path`` if a graph can be written there: a suffix of :data:`FILE_FORMATS` (else :class:`UnsupportedFormat`)
    and an existing folder (else :class:`~graphbuild.errors.ExportError`); the one check of an output's name."""
    path = Path(path)
    _module(path)
    if not path.parent.exists():
        raise ExportError(f"{path}: folder {path.parent} does not exist", exit_code=2)
    return path


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


def write_graph(graph: nx.MultiDiGraph, path: str | Path, *, view: View | str = View.full) -> None:
    """Write ``graph`` as ``view`` shows it, in the format ``path``'s suffix names."""
    _module(Path(path)).write(graph, Path(path), view=View(view))


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph in a file; a file that is no regular file or over the size limit is refused before parsing.

    Every failure is a :class:`~graphbuild.errors.ReadError` (one line naming the file), or an
    :class:`UnsupportedFormat` for a suffix that names no graph format.
    """
    module = _module(Path(path), READABLE_FORMATS)
    check_input_file(path, "graph")
    try:
        return module.read(Path(path))
    except GraphbuildError:
        raise
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - networkx raises many kinds for files that are not graphs
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise ReadError(f"{path}: not a readable graph ({type(exc).__name__}: {first})") from None
