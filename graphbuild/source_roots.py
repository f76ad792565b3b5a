"""The source root of a build: the folder its file articles' ids are paths in.

An update names a file as the first build did, so the root is recorded in the graph's state and read back;
a source outside it is refused, since its id could not be told from another's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from graphbuild.errors import ConfigError
from graphbuild.read import ReadOptions, outside_root, source_root
from graphbuild.state import GraphState, UpdateError


class SourcesOutsideRoot(ConfigError, ValueError):
    """A source outside the folder its files would get their ids in (the source root)."""


def in_source_root(
    state: GraphState, sources: Sequence[str | Path], options: ReadOptions, updating: bool
) -> ReadOptions:
    """The read options with the source root: the one the graph records (an update names a file as the first
    build did), else the one given, else the folder the sources share; recorded in the state."""
    recorded = _recorded_root(state, sources) if updating else None
    root = Path(os.path.abspath(options.root or recorded or source_root(sources)))
    _check_sources_in_root(sources, root, recorded=recorded is not None and options.root is None)
    # A graph written before ids were paths in a root keeps having none: its ids are file names.
    state.root = str(root) if not updating or recorded is not None else None
    return options.model_copy(update={"root": root})


def _recorded_root(state: GraphState, sources: Sequence[str | Path]) -> str | None:
    """The graph's source root; an old graph without one takes no new articles (their ids would not match)."""
    if state.root is None and sources:
        raise UpdateError(
            "the graph was written by an older graphbuild, which named file articles by their file name alone, so an "
            "update could not tell a new file from an old one of the same name; rebuild it "
            "(graphbuild build SOURCES -o graph.json)"
        )
    return state.root


def _check_sources_in_root(sources: Sequence[str | Path], root: Path, *, recorded: bool) -> None:
    outside = outside_root(sources, root)
    if outside:
        whose = (
            "recorded in the graph: the folder its articles' ids are paths in"
            if recorded
            else "the folder article ids are paths in"
        )
        hint = "; give --root FOLDER if the articles have moved" if recorded else ""
        raise SourcesOutsideRoot(f"{outside[0]} is outside the source root {root} ({whose}){hint}")
