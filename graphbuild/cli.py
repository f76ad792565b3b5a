"""The ``graphbuild`` command line (typer).

    graphbuild build SOURCES... -o graph.graphml -o graph.json [--corrections corrections.yaml]
    graphbuild build [NEW...] --update graph.json [--remove ARTICLE_ID] -o graph.json
    graphbuild stats graph.json [--json]
    graphbuild eval graph.json --gold gold.json [--min-f1 MET_WITH=0.8]
    graphbuild --version
    graphbuild explain graph.json NODE

Every failure the user can cause (a missing model, an unreadable input, an
unknown output format) ends with one ``Error: …`` line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from graphbuild import __version__
from graphbuild import cli_options as opt
from graphbuild.cli_export import export_app, export_to_neo4j, neo4j_settings
from graphbuild.commands import BuildOutcome, BuildRequest, build_and_write
from graphbuild.console import err, fail, out
from graphbuild.errors import GraphbuildError
from graphbuild.export import View, read_graph
from graphbuild.logs import configure_logging, summarise_repeated_warnings
from graphbuild.progress import build_progress
from graphbuild.read import ReadOptions, count_articles
from graphbuild.stats import GraphStats, graph_stats, headline

#: click's usage errors (a bad option or argument, BadParameter from a parser), as the typer in use raises them
#: (recent typers carry their own copy of click).
UsageError: type[Exception] = typer.BadParameter.__bases__[0]


class _Commands(TyperGroup):
    """The one place a failure becomes ``Error: <one line>`` and an exit code: a :class:`GraphbuildError`
    (its ``exit_code``) and a bad option or argument (click's usage errors, exit 2), for every command."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except GraphbuildError as exc:
            fail(escape(str(exc)), code=exc.exit_code)
        except UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `graphbuild export`: the help, as asked for
                raise
            where = exc.ctx.command_path if exc.ctx is not None else "graphbuild"
            message = exc.format_message().replace("Value error, ", "")
            fail(f"{escape(message)} (see '{where} --help')", code=exc.exit_code)


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals could hold a password
    help="Turn news articles into a knowledge graph: people, countries, organizations and who met or supports whom.",
)


#: How to open each kind of output, printed after it is written.
OPEN_WITH = {
    ".html": "open it in any web browser (works offline)",
    ".gexf": "open it in Gephi (File > Open): colours, sizes and a timeline",
    ".graphml": "open it in Gephi, yEd or Cytoscape",
    ".json": "read it in Python: graphbuild.read_graph(path), a networkx graph; graphbuild.tables(graph) for pandas",
}


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"graphbuild {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print graphbuild's version and exit."),
    ] = False,
) -> None:
    pass


@app.command()
def build(  # noqa: PLR0913 - one parameter per option
    sources: opt.Sources = None,
    output: opt.Outputs = [],  # noqa: B006 - typer copies it
    model: opt.Model = opt.DEFAULT_MODEL,
    strict: opt.Strict = False,
    max_bytes: opt.MaxBytes = 20_000_000,
    max_chars: opt.MaxChars = 300_000,
    root: opt.Root = None,
    text_field: opt.TextFields = ["text", "content", "body"],  # noqa: B006
    id_field: opt.IdField = "id",
    quiet: opt.Quiet = False,
    neo4j: opt.Neo4j = False,
    sync: opt.Sync = False,
    workers: opt.Workers = 1,
    dask: opt.Dask = None,
    dask_timeout: opt.DaskTimeout = 60.0,
    update: opt.Update = None,
    rules_file: opt.RulesFile = None,
    corrections_file: opt.CorrectionsFile = None,
    remove: opt.Remove = [],  # noqa: B006
    force: opt.Force = False,
    view: opt.ViewOption = View.full,
    progress_every: opt.ProgressEvery = 100,
    progress_seconds: opt.ProgressSeconds = 30.0,
) -> None:
    """Read articles, extract entities and relations, and write the merged graph."""
    read = ReadOptions(
        max_bytes=max_bytes, max_chars=max_chars, root=root, text_fields=tuple(text_field), id_field=id_field
    )
    request = BuildRequest(
        sources=sources or [],
        outputs=output,
        model=model,
        read=read,
        strict=strict,
        workers=workers,
        dask=dask,
        dask_timeout=dask_timeout,
        update=update,
        rules=rules_file,
        corrections=corrections_file,
        remove=remove,
        force=force,
        view=view,
        neo4j=neo4j,
        sync=sync,
    )
    request.check()
    settings = neo4j_settings(None, None, None) if neo4j else None  # before a long build, like every check
    configure_logging(quiet, dask=dask is not None)
    progress = None if quiet else _progress_bar(progress_every, progress_seconds)
    outcome = build_and_write(request, progress=progress, on_wait=_say_waiting)
    summarise_repeated_warnings()
    if not quiet:
        _print_written(request, outcome)
    if settings is not None:
        export_to_neo4j(outcome.built.graph(), settings, 1000, quiet, sync=sync)
    _print_skipped(outcome, max_chars)


def _progress_bar(every: int, seconds: float):
    return lambda sources: build_progress(err, count_articles(sources), every=every, seconds=seconds)


def _print_written(request: BuildRequest, outcome: BuildOutcome) -> None:
    if request.remove:
        err.print(f"removed {len(set(request.remove))} article(s)", highlight=False)
    for path in request.outputs:
        err.print(f"wrote {path}: {OPEN_WITH[path.suffix.lower()]}", highlight=False, soft_wrap=True)
    _print_stats(outcome.built.stats())


def _print_skipped(outcome: BuildOutcome, max_chars: int) -> None:
    report = outcome.report
    if report.skipped_count:
        err.print(
            f"[yellow]{report.skipped_count:,} input(s) skipped[/] ({report.articles_read:,} article(s) read)",
            highlight=False,
        )
    if report.shortened:
        err.print(f"[yellow]{report.shortened:,} article(s) cut[/] at --max-chars {max_chars:,}", highlight=False)


GraphFile = Annotated[Path, typer.Argument(help="A graph written by 'graphbuild build' (.json or .graphml).")]


@app.command()
def stats(
    graph_file: GraphFile,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
    top: Annotated[int, typer.Option("--top", min=0, help="How many most-connected entities to list.")] = 10,
) -> None:
    """Print counts by node and edge type, the most-connected entities and the components."""
    result = graph_stats(read_graph(graph_file), top=top)
    if as_json:
        typer.echo(json.dumps(result.model_dump(), indent=2))
    else:
        _print_stats(result, console=out)


@app.command("explain")
def explain_command(
    graph_file: GraphFile,
    node: Annotated[
        str, typer.Argument(help='A node id (person:irena-tovar) or a name the graph shows ("Irena Tovar").')
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
) -> None:
    """Why a node gathers the names it does (the rule behind each), which look-alikes were kept apart, and the
    corrections entry that would change it (reads the update state beside the graph)."""
    from graphbuild.explain import explain, format_explanation

    result = explain(graph_file, node)
    typer.echo(result.model_dump_json(indent=2) if as_json else format_explanation(result))


def _floor(text: str) -> tuple[str, float]:
    from graphbuild.evaluate.floors import parse_floor

    return opt.checked(parse_floor)(text)


@app.command("eval")
def eval_command(
    graph_file: GraphFile,
    gold: Annotated[
        Path, typer.Option("--gold", "-g", help="Gold annotations of the same articles (format: docs/evaluation.md).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    min_f1: Annotated[
        list[str],
        typer.Option(
            "--min-f1",
            metavar="TYPE=VALUE",
            parser=_floor,
            help="Exit with code 1 when the F1 of TYPE is below VALUE (0 to 1): an entity type (Person), a relation "
            "type (MET_WITH), or 'entities' / 'relations' for the means. Repeatable; for your own gold set in CI.",
        ),
    ] = [],  # noqa: B006 - typer copies it
) -> None:
    """Score a graph against gold annotations: precision, recall and F1 per entity and relation type, and what
    went wrong."""
    from graphbuild.evaluate import evaluate_file, format_report

    floors = dict(min_f1)  # each (TYPE, VALUE), parsed by _floor
    report, unmet = evaluate_file(graph_file, gold, floors)
    typer.echo(report.model_dump_json(indent=2) if as_json else format_report(report))
    if unmet:
        fail("F1 below its floor: " + "; ".join(unmet))
    if floors:
        err.print(f"all {len(floors)} F1 floor(s) met", highlight=False)


def _say_waiting(path: Path, lock_file: Path) -> None:
    err.print(
        f"waiting: another graphbuild run is writing {path} (lock file {lock_file}) …", highlight=False, soft_wrap=True
    )


def _print_stats(s: GraphStats, console: Console = err) -> None:
    for line in headline(s):
        console.print(line, highlight=False, soft_wrap=True)
    if s.near_duplicate_articles:
        console.print(
            f"{s.near_duplicate_articles} article(s) are near-duplicate copies of another "
            "(counted once in edge weights)",
            highlight=False,
        )
    table = Table("node type", "count", box=None)
    for name, count in s.nodes_by_type.items():
        table.add_row(name, str(count))
    console.print(table)
    table = Table("edge type", "count", box=None)
    for name, count in s.edges_by_type.items():
        table.add_row(name, str(count))
    console.print(table)
    if s.most_connected:
        table = Table("most connected", "type", "degree", box=None)
        for e in s.most_connected:
            table.add_row(e.name, e.type, str(e.degree))
        console.print(table)


app.add_typer(export_app, name="export")


def main() -> None:  # pragma: no cover - console entry point
    """Run the CLI; an unexpected error is one line too (GRAPHBUILD_DEBUG=1 shows the traceback)."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("GRAPHBUILD_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        err.print(
            f"[bold red]Error:[/] internal error: {type(exc).__name__}: {escape(first)} "
            "(set GRAPHBUILD_DEBUG=1 for the traceback)",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
