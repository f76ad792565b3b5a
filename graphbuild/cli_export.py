"""``graphbuild export``: a graph file into Neo4j, over Bolt (``export neo4j``) or as bulk-import files
(``export neo4j-admin``); ``build --neo4j`` shares the Bolt half."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graphbuild.console import err, fail, read_graph_or_fail
from graphbuild.logs import configure_logging

export_app = typer.Typer(no_args_is_help=True, help="Load a graph file into a database.")


@export_app.command("neo4j")
def export_neo4j(
    graph_file: Path = typer.Argument(..., help="A graph written by 'graphbuild build' (.json or .graphml)."),
    uri: Optional[str] = typer.Option(None, "--uri", help="Bolt URI (env NEO4J_URI; default bolt://localhost:7687)."),
    user: Optional[str] = typer.Option(None, "--user", help="User name (env NEO4J_USER; default neo4j)."),
    database: Optional[str] = typer.Option(None, "--database", help="Database (env NEO4J_DATABASE; default: the server's default)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.1, help="Seconds to wait for the server to accept the connection, answer as a Bolt server and log in (env NEO4J_TIMEOUT; default 30)."),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    sync: bool = typer.Option(False, "--sync", help="Make what graphbuild wrote in the database equal to the graph: lists and properties are replaced, not merged, and nodes and relationships an earlier export wrote that the graph no longer has (merged away, corrected, withdrawn) are deleted. What other tools wrote is never touched. Use it after --corrections or --remove, or whenever the database should show exactly this graph."),
    adopt: bool = typer.Option(False, "--adopt", help="With --sync: also delete what an export by a graphbuild older than --sync left (it carries no 'graphbuild' mark): unmarked nodes with a graphbuild label and an id, and unmarked relationships with weight and articles between them, that the graph does not have."),
) -> None:
    """Merge a graph into Neo4j; re-running adds to what is there (--sync: makes it equal). Password: env NEO4J_PASSWORD (or a prompt)."""
    if adopt and not sync:
        fail("--adopt is part of a sync: add --sync", code=2)
    configure_logging(quiet)
    settings = neo4j_settings_or_fail(uri, user, database, timeout)
    export_to_neo4j(read_graph_or_fail(graph_file), settings, batch_size, quiet, sync=sync, adopt=adopt)


@export_app.command("neo4j-admin")
def export_neo4j_admin(
    graph_file: Annotated[Path, typer.Argument(help="A graph written by 'graphbuild build' (.json or .graphml).")],
    folder: Annotated[Path, typer.Argument(help="Folder for the CSV files, import.sh and schema.cypher: new, empty, or an earlier export's (replaced).")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Write CSV files for Neo4j's offline bulk importer (neo4j-admin database import full) and the script that runs it."""
    from graphbuild.export.neo4j import Neo4jExportError
    from graphbuild.export.neo4j.admin import SCRIPT, write_admin_import

    configure_logging(quiet)
    graph = read_graph_or_fail(graph_file)
    try:
        written = write_admin_import(graph, folder)
    except Neo4jExportError as exc:
        fail(str(exc), code=2)
    except OSError as exc:
        fail(f"cannot write {folder}: {exc}")
    if not quiet:
        err.print(f"wrote {written.nodes} nodes ({len(written.node_files)} file(s)) and {written.relationships} relationships "
                  f"({len(written.relationship_files)} file(s)) to {folder}; load them with {folder / SCRIPT} DATABASE "
                  "(see docs/neo4j.md)", highlight=False, soft_wrap=True)


def neo4j_settings_or_fail(uri: Optional[str], user: Optional[str], database: Optional[str], timeout: Optional[float] = None):
    from graphbuild.export.neo4j import Neo4jExportError, connection_from_env

    try:
        return connection_from_env(uri, user, database, timeout=timeout)
    except Neo4jExportError as exc:
        fail(str(exc))


def export_to_neo4j(graph, settings, batch_size: int, quiet: bool, *, sync: bool = False, adopt: bool = False) -> None:
    from graphbuild.export.neo4j import Neo4jExportError, export_with_settings
    from graphbuild.export.neo4j.rows import UnstorableGraph

    try:
        if quiet or not err.is_terminal:
            summary = export_with_settings(graph, settings, batch_size=batch_size, sync=sync, adopt=adopt)
        else:
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as progress:
                tasks: dict = {}

                def on_batch(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        action = "deleting" if stage.startswith("stale") else "writing"
                        tasks[stage] = progress.add_task(f"{action} {stage}", total=total)
                    progress.update(tasks[stage], completed=done)

                summary = export_with_settings(graph, settings, batch_size=batch_size, progress=on_batch, sync=sync, adopt=adopt)
    except UnstorableGraph as exc:
        fail(str(exc), code=2)
    except Neo4jExportError as exc:
        fail(str(exc))
    if summary.nodes_kept:
        shown = ", ".join(summary.nodes_kept[:5]) + (f" and {len(summary.nodes_kept) - 5} more" if len(summary.nodes_kept) > 5 else "")
        logging.getLogger("graphbuild.cli").warning(
            "kept %d node(s) the graph no longer has, because relationships other tools created attach to them: %s "
            "(remove those relationships or the nodes yourself; see docs/neo4j.md)", len(summary.nodes_kept), shown)
    if not quiet:
        where = summary.uri + (f" (database {summary.database})" if summary.database else "")
        rels_updated = summary.relationships_written - summary.relationships_created
        if sync:
            counts = (f"{summary.nodes} nodes ({summary.nodes_created} new, {summary.nodes_written - summary.nodes_created} updated, "
                      f"{summary.nodes_deleted} deleted) and {summary.relationships} relationships ({summary.relationships_created} new, "
                      f"{rels_updated} updated, {summary.relationships_deleted} deleted)")
        else:
            counts = (f"{summary.nodes} nodes ({summary.nodes_created} new) and {summary.relationships} relationships "
                      f"({summary.relationships_created} new, {rels_updated} updated)")
        err.print(f"{'synced' if sync else 'exported'} {counts} to {where} in {summary.seconds:.1f}s", highlight=False, soft_wrap=True)
