"""``graphbuild export``: a graph file into Neo4j, over Bolt (``export neo4j``) or as bulk-import files
(``export neo4j-admin``); ``build --neo4j`` shares the Bolt half."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graphbuild.console import err
from graphbuild.export import read_graph
from graphbuild.logs import configure_logging

export_app = typer.Typer(no_args_is_help=True, help="Load a graph file into a database.")


GraphFile = Annotated[Path, typer.Argument(help="A graph written by 'graphbuild build' (.json or .graphml).")]
Uri = Annotated[str | None, typer.Option("--uri", help="Bolt URI (env NEO4J_URI; default bolt://localhost:7687).")]
User = Annotated[str | None, typer.Option("--user", help="User name (env NEO4J_USER; default neo4j).")]
Database = Annotated[
    str | None, typer.Option("--database", help="Database (env NEO4J_DATABASE; default: the server's default).")
]
Timeout = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.1,
        help="Seconds to wait for the server to accept the connection, answer as a Bolt server and log in "
        "(env NEO4J_TIMEOUT; default 30).",
    ),
]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per transaction.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")]
Sync = Annotated[
    bool,
    typer.Option(
        "--sync",
        help="Make what graphbuild wrote in the database equal to the graph: lists and properties are replaced, "
        "not merged, and nodes and relationships an earlier export wrote that the graph no longer has (merged away, "
        "corrected, withdrawn) are deleted. What other tools wrote is never touched. Use it after --corrections or "
        "--remove, or whenever the database should show exactly this graph.",
    ),
]


Adopt = Annotated[
    bool,
    typer.Option(
        "--adopt",
        help="With --sync: also delete what an export by a graphbuild older than --sync left (it carries no "
        "'graphbuild' mark): unmarked nodes with a graphbuild label and an id, and unmarked relationships with "
        "weight and articles between them, that the graph does not have.",
    ),
]


@export_app.command("neo4j")
def export_neo4j(
    graph_file: GraphFile,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
    timeout: Timeout = None,
    batch_size: BatchSize = 1000,
    quiet: Quiet = False,
    sync: Sync = False,
    adopt: Adopt = False,
) -> None:
    """Merge a graph into Neo4j; re-running adds to what is there (--sync: makes it equal).
    Password: env NEO4J_PASSWORD (or a prompt)."""
    settings = neo4j_settings(uri, user, database, timeout, adopt=adopt, sync=sync)
    configure_logging(quiet)
    export_to_neo4j(read_graph(graph_file), settings, batch_size, quiet, sync=sync, adopt=adopt)


@export_app.command("neo4j-admin")
def export_neo4j_admin(
    graph_file: GraphFile,
    folder: Annotated[
        Path,
        typer.Argument(
            help="Folder for the CSV files, import.sh and schema.cypher: new, empty, or an earlier export's (replaced)."
        ),
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Write CSV files for Neo4j's offline bulk importer (neo4j-admin database import full) and the script that
    runs it."""
    from graphbuild.export.neo4j.admin import SCRIPT, write_admin_import

    configure_logging(quiet)
    written = write_admin_import(read_graph(graph_file), folder)
    if not quiet:
        err.print(
            f"wrote {written.nodes} nodes ({len(written.node_files)} file(s)) and {written.relationships} "
            f"relationships ({len(written.relationship_files)} file(s)) to {folder}; load them with "
            f"{folder / SCRIPT} DATABASE (see docs/neo4j.md)",
            highlight=False,
            soft_wrap=True,
        )


def neo4j_settings(
    uri: str | None,
    user: str | None,
    database: str | None,
    timeout: float | None = None,
    *,
    sync: bool = False,
    adopt: bool = False,
):
    """The connection settings (options, else the environment, else a password prompt); a Neo4jExportError if
    they are unusable, or --adopt comes without --sync."""
    from graphbuild.export.neo4j import Neo4jExportError, connection_from_env

    if adopt and not sync:
        raise Neo4jExportError("--adopt is part of a sync: add --sync", exit_code=2)
    return connection_from_env(uri, user, database, timeout=timeout)


def export_to_neo4j(graph, settings, batch_size: int, quiet: bool, *, sync: bool = False, adopt: bool = False) -> None:
    """Export with a progress bar on a terminal, then say what was written (and what was kept)."""
    from graphbuild.export.neo4j import export_with_settings

    options = {"batch_size": batch_size, "sync": sync, "adopt": adopt}
    if quiet or not err.is_terminal:
        summary = export_with_settings(graph, settings, **options)
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            tasks: dict = {}

            def on_batch(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    action = "deleting" if stage.startswith("stale") else "writing"
                    tasks[stage] = progress.add_task(f"{action} {stage}", total=total)
                progress.update(tasks[stage], completed=done)

            summary = export_with_settings(graph, settings, progress=on_batch, **options)
    _warn_kept(summary.nodes_kept)
    if not quiet:
        _print_summary(summary, sync)


def _warn_kept(kept: list[str]) -> None:
    if kept:
        shown = ", ".join(kept[:5]) + (f" and {len(kept) - 5} more" if len(kept) > 5 else "")
        logging.getLogger("graphbuild.cli").warning(
            "kept %d node(s) the graph no longer has, because relationships other tools created attach to them: %s "
            "(remove those relationships or the nodes yourself; see docs/neo4j.md)",
            len(kept),
            shown,
        )


def _print_summary(summary, sync: bool) -> None:
    where = summary.uri + (f" (database {summary.database})" if summary.database else "")
    rels_updated = summary.relationships_written - summary.relationships_created
    if sync:
        nodes_updated = summary.nodes_written - summary.nodes_created
        counts = (
            f"{summary.nodes} nodes ({summary.nodes_created} new, {nodes_updated} updated, "
            f"{summary.nodes_deleted} deleted) and {summary.relationships} relationships "
            f"({summary.relationships_created} new, {rels_updated} updated, {summary.relationships_deleted} deleted)"
        )
    else:
        counts = (
            f"{summary.nodes} nodes ({summary.nodes_created} new) and {summary.relationships} relationships "
            f"({summary.relationships_created} new, {rels_updated} updated)"
        )
    err.print(
        f"{'synced' if sync else 'exported'} {counts} to {where} in {summary.seconds:.1f}s",
        highlight=False,
        soft_wrap=True,
    )
