"""The ``graphbuild`` command line (typer).

    graphbuild build SOURCES... -o graph.graphml -o graph.json
    graphbuild stats graph.json [--json]

Every failure the user can cause (a missing model, an unreadable input, an
unknown output format) ends with one ``Error: …`` line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphbuild.export import FILE_FORMATS, VIEWS, UnsupportedFormat, read_graph, write_graph
from graphbuild.nlp import DEFAULT_MODEL, ModelNotFound
from graphbuild.read import ReadOptions, ReadReport
from graphbuild.stats import GraphStats, graph_stats
from graphbuild.update import UpdateError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals could hold a password
    help="Turn news articles into a knowledge graph: people, countries, organizations and who met or supports whom.",
)
err = Console(stderr=True)
out = Console()


class UserError(Exception):
    """A problem with the user's input, reported as one line."""


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _check_view(value: str) -> str:
    if value not in VIEWS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(VIEWS)}")
    return value


@app.command()
def build(
    sources: List[str] = typer.Argument(..., help="Article files or folders (.txt .md .html .htm .json .jsonl), or '-' for one article on stdin."),
    output: List[Path] = typer.Option([], "--output", "-o", help="Output file; its suffix picks the format: .graphml (Gephi, yEd), .gexf (Gephi: colours, sizes, timeline), .json (networkx node-link) or .html (a page that draws the entity network, offline). Repeatable."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="spaCy pipeline to use (package name or path), e.g. en_core_web_trf."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any input was skipped (empty, binary, too large, malformed)."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Skip input files (or JSONL records) larger than this."),
    text_field: List[str] = typer.Option(["text", "content", "body"], "--text-field", help="JSON/JSONL field(s) holding the article text, tried in order."),
    id_field: str = typer.Option("id", "--id-field", help="JSON/JSONL field holding the article id."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no statistics."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Also merge the graph into Neo4j (settings as for 'graphbuild export neo4j': NEO4J_URI, NEO4J_USER, NEO4J_DATABASE, NEO4J_PASSWORD)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extract in this many processes (each loads the model); the graph is the same."),
    update: Optional[Path] = typer.Option(None, "--update", help="Add the SOURCES to this graph (.json written by 'graphbuild build') without re-reading its articles; same result as a full rebuild."),
    view: str = typer.Option("full", "--view", callback=_check_view, help="What the -o files show: 'full' (everything), 'entities' (no Article nodes and MENTIONED_IN edges: the network for analysis) or 'co-mentioned' (entities plus weighted CO_MENTIONED edges between entities named in the same article). The .html page always shows entities."),
) -> None:
    """Read articles, extract entities and relations, and write the merged graph."""
    if not output and not neo4j:
        fail("no output given: add -o graph.json and/or -o graph.graphml (or --neo4j)", code=2)
    for path in output:
        if path.suffix.lower() not in FILE_FORMATS:
            fail(f"{path}: unknown output format {path.suffix or '(no suffix)'!r}; use {', '.join(FILE_FORMATS)}", code=2)
        if not path.parent.exists():
            fail(f"{path}: folder {path.parent} does not exist", code=2)
    if update is not None and not update.is_file():
        fail(f"{update}: no such file", code=2)
    _configure_logging(quiet)
    options = ReadOptions(max_bytes=max_bytes, text_fields=tuple(text_field), id_field=id_field)
    report = ReadReport()
    try:
        graph = _build_with_progress(sources, model, options, report, quiet, workers, update)
    except (ModelNotFound, UpdateError) as exc:
        fail(str(exc))
    if report.articles_read == 0:
        fail("no articles were read from the given sources" + (f" ({len(report.skipped)} skipped)" if report.skipped else ""))
    try:
        for path in output:
            write_graph(graph, path, view=view)
    except (OSError, UnsupportedFormat) as exc:
        fail(f"cannot write output: {exc}")
    if not quiet:
        for path in output:
            err.print(f"wrote {path}", highlight=False)
        _print_stats(graph_stats(graph))
    if neo4j:
        _export_to_neo4j(graph, None, None, None, 1000, quiet)
    if report.skipped:
        err.print(f"[yellow]{len(report.skipped)} input(s) skipped[/] ({report.articles_read} article(s) read)", highlight=False)
        if strict:
            fail("inputs were skipped and --strict is set")


@app.command()
def stats(
    graph_file: Path = typer.Argument(..., help="A graph written by 'graphbuild build' (.json or .graphml)."),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
    top: int = typer.Option(10, "--top", min=0, help="How many most-connected entities to list."),
) -> None:
    """Print counts by node and edge type, the most-connected entities and the components."""
    graph = _read_graph_or_fail(graph_file)
    result = graph_stats(graph, top=top)
    if as_json:
        typer.echo(json.dumps(result.model_dump(), indent=2))
    else:
        _print_stats(result, console=out)


def _build_with_progress(sources: List[str], model: str, options: ReadOptions, report: ReadReport, quiet: bool, workers: int = 1, update: Optional[Path] = None):
    from functools import partial

    from graphbuild.pipeline import build_graph_from_sources
    from graphbuild.update import update_graph_from_sources

    if update is not None:
        build_graph_from_sources = partial(update_graph_from_sources, update)
    if quiet or not err.is_terminal:
        return build_graph_from_sources(sources, model=model, options=options, report=report, workers=workers)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("reading articles", total=None)
        graph = build_graph_from_sources(sources, model=model, options=options, report=report, on_article=lambda _: progress.advance(task), workers=workers)
        progress.update(task, description="building graph")
    return graph


def _print_stats(s: GraphStats, console: Console = err) -> None:
    console.print(f"[bold]{s.nodes}[/] nodes, [bold]{s.edges}[/] edges, {s.components} component(s) (largest: {s.largest_component})", highlight=False)
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


def _configure_logging(quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logger = logging.getLogger("graphbuild")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False


export_app = typer.Typer(no_args_is_help=True, help="Load a graph file into a database.")
app.add_typer(export_app, name="export")


@export_app.command("neo4j")
def export_neo4j(
    graph_file: Path = typer.Argument(..., help="A graph written by 'graphbuild build' (.json or .graphml)."),
    uri: Optional[str] = typer.Option(None, "--uri", help="Bolt URI (env NEO4J_URI; default bolt://localhost:7687)."),
    user: Optional[str] = typer.Option(None, "--user", help="User name (env NEO4J_USER; default neo4j)."),
    database: Optional[str] = typer.Option(None, "--database", help="Database (env NEO4J_DATABASE; default: the server's default)."),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Merge a graph into Neo4j; re-running adds to what is there. Password: env NEO4J_PASSWORD (or a prompt)."""
    _export_to_neo4j(_read_graph_or_fail(graph_file), uri, user, database, batch_size, quiet)


def _read_graph_or_fail(graph_file: Path):
    try:
        return read_graph(graph_file)
    except UnsupportedFormat as exc:
        fail(str(exc), code=2)
    except FileNotFoundError:
        fail(f"{graph_file}: no such file", code=2)
    except Exception as exc:  # networkx raises many kinds for files that are not graphs
        fail(f"{graph_file}: not a readable graph ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})")


def _export_to_neo4j(graph, uri: Optional[str], user: Optional[str], database: Optional[str], batch_size: int, quiet: bool) -> None:
    from graphbuild.export.neo4j import Neo4jExportError, connection_from_env, export_with_settings

    try:
        settings = connection_from_env(uri, user, database)
        if quiet or not err.is_terminal:
            summary = export_with_settings(graph, settings, batch_size=batch_size)
        else:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
                tasks: dict = {}

                def on_batch(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        tasks[stage] = progress.add_task(f"writing {stage}", total=total)
                    progress.update(tasks[stage], completed=done)

                summary = export_with_settings(graph, settings, batch_size=batch_size, progress=on_batch)
    except Neo4jExportError as exc:
        fail(str(exc))
    if not quiet:
        where = summary.uri + (f" (database {summary.database})" if summary.database else "")
        err.print(
            f"exported {summary.nodes} nodes ({summary.nodes_created} new) and {summary.relationships} relationships "
            f"({summary.relationships_created} new, {summary.relationships_written - summary.relationships_created} updated) "
            f"to {where} in {summary.seconds:.1f}s",
            highlight=False,
            soft_wrap=True,
        )


def main() -> None:  # pragma: no cover - console entry point
    """Run the CLI; an unexpected error is one line too (GRAPHBUILD_DEBUG=1 shows the traceback)."""
    import os

    try:
        app()
    except Exception as exc:
        if os.environ.get("GRAPHBUILD_DEBUG"):
            raise
        err.print(f"[bold red]Error:[/] internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} (set GRAPHBUILD_DEBUG=1 for the traceback)", highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
