"""The options of ``graphbuild build``, each an ``Annotated`` type that says how it is parsed and checked.

A value is checked where it is parsed: by its type (``View``, ``Path(exists=...)``), or by a parser
or callback that raises ``typer.BadParameter``; the command body gets values that are known to be
usable, and the command line reports every bad value the same way (``Error: Invalid value for ...``).
Checks that need two options at once (``--sync`` needs ``--neo4j``) are made by
:class:`graphbuild.commands.BuildRequest`, where the library checks them too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from graphbuild.corrections import Corrections, load_corrections
from graphbuild.errors import ConfigError, GraphbuildError
from graphbuild.export import View, check_output
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.rules import Rules, RulesError, load_rules

T = TypeVar("T")


def checked(parse: Callable[[str], T]) -> Callable[[str], T]:
    """A typer parser from a library parser: its ValueError becomes ``BadParameter`` (``Invalid value for
    '--option': why``). A :class:`GraphbuildError` keeps its own one line: it is about a file the option names,
    and its message names the file and the line (``rules.json: patterns.0: ...``)."""

    def parser(value: str) -> T:
        try:
            return parse(value)
        except GraphbuildError as exc:  # re-raised as no ValueError, which typer would make a usage error
            raise ConfigError(str(exc), exit_code=exc.exit_code) from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None

    return parser


def _rules(value: str) -> Rules:
    from graphbuild.extract import ExtractionConfig  # the mechanisms a rules file chooses exist (extract's registries)

    rules = load_rules(value)
    try:
        ExtractionConfig.chosen(rules.user.extraction)
    except RulesError as exc:
        raise RulesError(f"{value}: {exc}") from None
    return rules


def _dask_address(value: str | None) -> str | None:
    if value is None:
        return None
    from graphbuild.cluster import check_address
    from graphbuild.parallel import ClusterError

    try:
        return check_address(value)
    except ClusterError as exc:  # a value that reads as no address: a usage error, not a cluster failure
        raise typer.BadParameter(str(exc)) from None


Sources = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="SOURCES",
        help="Article files or folders (.txt .md .html .htm .json .jsonl), or '-' for one article on stdin. "
        "May be left out with --update (to --remove articles or apply --corrections only).",
    ),
]
Outputs = Annotated[
    list[Path],
    typer.Option(
        "--output",
        "-o",
        parser=checked(check_output),
        help="Output file; its suffix picks the format: .graphml (Gephi, yEd), .gexf (Gephi: colours, sizes, "
        "timeline), .json (networkx node-link) or .html (a page that draws the entity network, offline). Repeatable.",
    ),
]
Model = Annotated[
    str, typer.Option("--model", "-m", help="spaCy pipeline to use (package name or path), e.g. en_core_web_trf.")
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Exit non-zero, writing nothing, if any input was skipped (empty, binary, too large, malformed) "
        "or an article could not be extracted.",
    ),
]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Skip input files (or JSONL records) larger than this.")
]
MaxChars = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Read at most this many characters of one article: a longer one is cut at a paragraph or sentence "
        "end, with a warning (parsing takes ~80 s a million characters).",
    ),
]
Root = Annotated[
    Path | None,
    typer.Option(
        "--root",
        exists=True,
        file_okay=False,
        help="The folder article ids are paths in (default: the deepest folder holding every source; with "
        "--update, the one the graph recorded). A file's id is its path there without the suffix.",
    ),
]
TextFields = Annotated[
    list[str], typer.Option("--text-field", help="JSON/JSONL field(s) holding the article text, tried in order.")
]
IdField = Annotated[str, typer.Option("--id-field", help="JSON/JSONL field holding the article id.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no statistics.")]
Neo4j = Annotated[
    bool,
    typer.Option(
        "--neo4j",
        help="Also merge the graph into Neo4j (settings as for 'graphbuild export neo4j': NEO4J_URI, NEO4J_USER, "
        "NEO4J_DATABASE, NEO4J_PASSWORD).",
    ),
]
Sync = Annotated[
    bool,
    typer.Option(
        "--sync",
        help="With --neo4j: make what graphbuild wrote in the database equal to the graph (deletes what the graph "
        "no longer has; see 'graphbuild export neo4j --help').",
    ),
]
Workers = Annotated[
    int,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Extract in this many processes (each loads the model); the graph is the same.",
    ),
]
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        callback=_dask_address,
        help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786; see README: Many "
        "machines); the graph is the same. Every worker needs graphbuild and the model installed.",
    ),
]
DaskTimeout = Annotated[
    float,
    typer.Option(
        "--dask-timeout",
        min=1,
        help="With --dask: seconds to wait for the scheduler, and for a worker while none is connected, before "
        "giving up.",
    ),
]
Update = Annotated[
    Path | None,
    typer.Option(
        "--update",
        exists=True,
        dir_okay=False,
        help="Add the SOURCES to this graph (.json written by 'graphbuild build') without re-reading its articles; "
        "same result as a full rebuild. A file already in the graph (same path in the source root) replaces its "
        "old version.",
    ),
]
RulesFile = Annotated[
    Rules | None,
    typer.Option(
        "--rules",
        metavar="FILE",
        parser=checked(_rules),
        help="JSON file of your own relation types and trigger patterns (see README: Your own relation types).",
    ),
]
CorrectionsFile = Annotated[
    Corrections | None,
    typer.Option(
        "--corrections",
        metavar="FILE",
        parser=checked(load_corrections),
        help="YAML or JSON file of your corrections: same / different entities, types, names, countries, roles, "
        "names to ignore (see README: Corrections). Recorded in the graph: --update keeps applying them; giving "
        "the option again replaces them.",
    ),
]
Remove = Annotated[
    list[str],
    typer.Option(
        "--remove",
        help="With --update: withdraw this article (its id, as in the graph) and everything only it said. "
        "Repeat for several.",
    ),
]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace outputs even if they are read-only files (never through a symlink another user planted in "
        "a shared folder).",
    ),
]
ViewOption = Annotated[
    View,
    typer.Option(
        "--view",
        help="What the -o files show: 'full' (everything), 'entities' (no Article nodes and MENTIONED_IN edges: "
        "the network for analysis) or 'co-mentioned' (entities plus weighted CO_MENTIONED edges between entities "
        "named in the same article). The .html page always shows entities.",
    ),
]
ProgressEvery = Annotated[
    int,
    typer.Option(
        "--progress-every",
        min=1,
        metavar="N",
        help="When the output is not a terminal (a log, CI): print a progress line every N articles ...",
    ),
]
ProgressSeconds = Annotated[
    float,
    typer.Option(
        "--progress-seconds",
        min=1,
        metavar="S",
        help="... or every S seconds, whichever comes first. On a terminal a live bar shows the same.",
    ),
]

__all__ = ["DEFAULT_MODEL", "checked"]
