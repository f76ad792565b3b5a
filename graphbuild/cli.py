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
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from rich.console import Console
from rich.table import Table

from graphbuild import __version__
from graphbuild.cli_export import export_app, export_to_neo4j, neo4j_settings_or_fail
from graphbuild.console import err, fail, out, read_graph_or_fail
from graphbuild.corrections import CorrectionsError, load_corrections
from graphbuild.export import FILE_FORMATS, VIEWS, UnsupportedFormat
from graphbuild.export.atomic import output_problem
from graphbuild.export.lock import LockError, locked
from graphbuild.extract import ExtractionConfig
from graphbuild.logs import configure_logging, summarise_repeated_warnings
from graphbuild.nlp import DEFAULT_MODEL, ModelNotFound
from graphbuild.parallel import ClusterError, WorkerDied
from graphbuild.progress import build_progress
from graphbuild.read import ReadOptions, ReadReport, count_articles
from graphbuild.stats import GraphStats, graph_stats, headline
from graphbuild.rules import RulesError, load_rules
from graphbuild.state import UpdateError

app = typer.Typer(
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


def _check_view(value: str) -> str:
    if value not in VIEWS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(VIEWS)}")
    return value


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"graphbuild {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print graphbuild's version and exit.")] = False,
) -> None:
    pass


def _check_dask_address(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from graphbuild.cluster import check_address

    try:
        return check_address(value)
    except ClusterError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def build(
    ctx: typer.Context,
    sources: List[str] = typer.Argument(None, metavar="SOURCES", help="Article files or folders (.txt .md .html .htm .json .jsonl), or '-' for one article on stdin. May be left out with --update (to --remove articles or apply --corrections only)."),
    output: List[Path] = typer.Option([], "--output", "-o", help="Output file; its suffix picks the format: .graphml (Gephi, yEd), .gexf (Gephi: colours, sizes, timeline), .json (networkx node-link) or .html (a page that draws the entity network, offline). Repeatable."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="spaCy pipeline to use (package name or path), e.g. en_core_web_trf."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero, writing nothing, if any input was skipped (empty, binary, too large, malformed)."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Skip input files (or JSONL records) larger than this."),
    max_chars: int = typer.Option(300_000, "--max-chars", min=1, help="Read at most this many characters of one article: a longer one is cut at a paragraph or sentence end, with a warning (parsing takes ~80 s a million characters)."),
    root: Optional[Path] = typer.Option(None, "--root", help="The folder article ids are paths in (default: the deepest folder holding every source; with --update, the one the graph recorded). A file's id is its path there without the suffix."),
    text_field: List[str] = typer.Option(["text", "content", "body"], "--text-field", help="JSON/JSONL field(s) holding the article text, tried in order."),
    id_field: str = typer.Option("id", "--id-field", help="JSON/JSONL field holding the article id."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no statistics."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Also merge the graph into Neo4j (settings as for 'graphbuild export neo4j': NEO4J_URI, NEO4J_USER, NEO4J_DATABASE, NEO4J_PASSWORD)."),
    sync: bool = typer.Option(False, "--sync", help="With --neo4j: make what graphbuild wrote in the database equal to the graph (deletes what the graph no longer has; see 'graphbuild export neo4j --help')."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extract in this many processes (each loads the model); the graph is the same."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS", callback=_check_dask_address, help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786; see README: Many machines); the graph is the same. Every worker needs graphbuild and the model installed."),
    dask_timeout: float = typer.Option(60.0, "--dask-timeout", min=1, help="With --dask: seconds to wait for the scheduler, and for a worker while none is connected, before giving up."),
    update: Optional[Path] = typer.Option(None, "--update", help="Add the SOURCES to this graph (.json written by 'graphbuild build') without re-reading its articles; same result as a full rebuild. A file already in the graph (same path in the source root) replaces its old version."),
    rules_file: Optional[Path] = typer.Option(None, "--rules", help="JSON file of your own relation types and trigger patterns (see README: Your own relation types)."),
    corrections_file: Optional[Path] = typer.Option(None, "--corrections", help="YAML or JSON file of your corrections: same / different entities, types, names, countries, roles, names to ignore (see README: Corrections). Recorded in the graph: --update keeps applying them; giving the option again replaces them."),
    remove: List[str] = typer.Option([], "--remove", help="With --update: withdraw this article (its id, as in the graph) and everything only it said. Repeat for several."),
    force: bool = typer.Option(False, "--force", help="Replace outputs even if they are read-only files (never through a symlink another user planted in a shared folder)."),
    view: str = typer.Option("full", "--view", callback=_check_view, help="What the -o files show: 'full' (everything), 'entities' (no Article nodes and MENTIONED_IN edges: the network for analysis) or 'co-mentioned' (entities plus weighted CO_MENTIONED edges between entities named in the same article). The .html page always shows entities."),
    progress_every: Annotated[int, typer.Option("--progress-every", min=1, metavar="N", help="When the output is not a terminal (a log, CI): print a progress line every N articles ...")] = 100,
    progress_seconds: Annotated[float, typer.Option("--progress-seconds", min=1, metavar="S", help="... or every S seconds, whichever comes first. On a terminal a live bar shows the same.")] = 30.0,
) -> None:
    """Read articles, extract entities and relations, and write the merged graph."""
    if not output and not neo4j:
        fail("no output given: add -o graph.json and/or -o graph.graphml (or --neo4j)", code=2)
    if sync and not neo4j:
        fail("--sync needs --neo4j: it makes the Neo4j database equal to the graph", code=2)
    for path in output:
        if path.suffix.lower() not in FILE_FORMATS:
            fail(f"{path}: unknown output format {path.suffix or '(no suffix)'!r}; use {', '.join(FILE_FORMATS)}", code=2)
        if not path.parent.exists():
            fail(f"{path}: folder {path.parent} does not exist", code=2)
    if dask is not None and workers > 1:
        fail("--dask and --workers both say where to extract: the Dask cluster's workers are its own processes; drop --workers", code=2)
    if update is not None and not update.is_file():
        fail(f"{update}: no such file", code=2)
    sources = sources or []
    if remove and update is None:
        fail("--remove needs --update GRAPH.json: articles are removed from a graph being updated", code=2)
    if not sources and update is None:
        fail("no SOURCES given: name article files or folders (only --update may go without new ones)", code=2)
    for source in sources if remove else []:
        if source != "-" and not Path(source).exists():
            fail(f"{source}: no such file or folder (to remove several articles, repeat the option: --remove A --remove B)", code=2)
    try:
        rules = load_rules(rules_file) if rules_file is not None else None
        corrections = load_corrections(corrections_file) if corrections_file is not None else None
    except (RulesError, CorrectionsError) as exc:
        fail(str(exc), code=2)
    try:  # the mechanisms a rules file chooses exist (their registries live in the extract stage)
        ExtractionConfig.chosen(rules.user.extraction) if rules is not None else None
    except RulesError as exc:
        fail(f"{rules_file}: {exc}", code=2)
    if root is not None and not root.is_dir():
        fail(f"--root {root}: no such folder", code=2)
    # Find out now, not after a long build, whether the outputs and Neo4j can be written.
    for path in output:
        if problem := output_problem(path, replace_read_only=force):
            fail(f"cannot write output: {problem}" + (" (--force replaces it)" if problem.endswith("read-only") else ""), code=2)
    neo4j_settings = neo4j_settings_or_fail(None, None, None) if neo4j else None
    configure_logging(quiet, dask=dask is not None)
    workers = _usable_workers(workers)
    options = ReadOptions(max_bytes=max_bytes, max_chars=max_chars, root=root, text_fields=tuple(text_field), id_field=id_field)
    report = ReadReport()
    try:
        ctx.with_resource(locked(output, on_wait=_say_waiting))  # held until the command ends
    except LockError as exc:
        fail(str(exc), code=2)
    built = _build_or_fail(
        sources, quiet, (progress_every, progress_seconds), model=model, options=options, report=report,
        workers=workers, rules=rules, update=update, corrections=corrections, remove=remove,
        dask=dask, dask_timeout=dask_timeout,
    )
    summarise_repeated_warnings()
    if sources and report.articles_read == 0:
        fail("no articles were read from the given sources" + (f" ({report.skipped_count:,} skipped)" if report.skipped_count else ""))
    if strict and (report.skipped_count or report.shortened):
        problems = [f"{report.skipped_count:,} input(s) skipped"] * bool(report.skipped_count)
        problems += [f"{report.shortened:,} article(s) cut at --max-chars"] * bool(report.shortened)
        fail(f"{' and '.join(problems)} and --strict is set; nothing was written")
    try:
        built.write(output, view=view)
    except (OSError, UnsupportedFormat) as exc:
        fail(f"cannot write output: {exc}")
    except UpdateError as exc:
        fail(str(exc))
    if not quiet:
        if remove:
            err.print(f"removed {len(set(remove))} article(s)", highlight=False)
        for path in output:
            err.print(f"wrote {path}: {OPEN_WITH[path.suffix.lower()]}", highlight=False, soft_wrap=True)
        _print_stats(built.stats())
    if neo4j_settings is not None:
        export_to_neo4j(built.graph(), neo4j_settings, 1000, quiet, sync=sync)
    if report.skipped_count:
        err.print(f"[yellow]{report.skipped_count:,} input(s) skipped[/] ({report.articles_read:,} article(s) read)", highlight=False)
    if report.shortened:
        err.print(f"[yellow]{report.shortened:,} article(s) cut[/] at --max-chars {max_chars:,}", highlight=False)


@app.command()
def stats(
    graph_file: Path = typer.Argument(..., help="A graph written by 'graphbuild build' (.json or .graphml)."),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
    top: int = typer.Option(10, "--top", min=0, help="How many most-connected entities to list."),
) -> None:
    """Print counts by node and edge type, the most-connected entities and the components."""
    graph = read_graph_or_fail(graph_file)
    result = graph_stats(graph, top=top)
    if as_json:
        typer.echo(json.dumps(result.model_dump(), indent=2))
    else:
        _print_stats(result, console=out)


def _check_floors(values: List[str]) -> List[str]:
    from graphbuild.evaluate.floors import parse_floor

    for text in values or []:
        try:
            parse_floor(text)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return values


@app.command("eval")
def eval_command(
    graph_file: Annotated[Path, typer.Argument(help="A graph written by 'graphbuild build' (.json or .graphml).")],
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold annotations of the same articles (format: docs/evaluation.md).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    min_f1: Annotated[List[str], typer.Option("--min-f1", metavar="TYPE=VALUE", callback=_check_floors, help="Exit with code 1 when the F1 of TYPE is below VALUE (0 to 1): an entity type (Person), a relation type (MET_WITH), or 'entities' / 'relations' for the means. Repeatable; for your own gold set in CI.")] = [],
) -> None:
    """Score a graph against gold annotations: precision, recall and F1 per entity and relation type, and what went wrong."""
    from graphbuild.evaluate import GoldFileError, evaluate, format_report, load_gold
    from graphbuild.evaluate.floors import parse_floor, unmet_floors

    try:
        gold_file = load_gold(gold)
    except GoldFileError as exc:
        fail(str(exc), code=2)
    graph = read_graph_or_fail(graph_file)
    if graph.number_of_nodes() and not any("type" in attrs for _, attrs in graph.nodes(data=True)):
        fail(f"{graph_file}: its nodes have no 'type': not a graph written by graphbuild", code=2)
    report = evaluate(graph, gold_file)
    typer.echo(report.model_dump_json(indent=2) if as_json else format_report(report))
    floors = dict(parse_floor(text) for text in min_f1)  # each checked by _check_floors
    try:
        unmet = unmet_floors(report, floors)
    except KeyError as exc:
        fail(exc.args[0], code=2)
    if unmet:
        fail("F1 below its floor: " + "; ".join(unmet))
    if floors:
        err.print(f"all {len(floors)} F1 floor(s) met", highlight=False)


@app.command("explain")
def explain_command(
    graph_file: Annotated[Path, typer.Argument(help="A .json graph written by 'graphbuild build' (its update state, graph.json.state, lies beside it).")],
    node: Annotated[str, typer.Argument(help="A node id (person:ana-ruiz) or a name the graph shows (\"Ana Ruiz\").")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
) -> None:
    """Why a node gathers the names it does (the rule behind each), which look-alikes were kept apart, and the corrections entry that would change it."""
    from graphbuild.explain import explain, format_explanation

    try:
        result = explain(graph_file, node)
    except UpdateError as exc:
        fail(str(exc), code=2)
    typer.echo(result.model_dump_json(indent=2) if as_json else format_explanation(result))


def _usable_workers(requested: int) -> int:
    from graphbuild.parallel import usable_cores

    cores = usable_cores()
    if requested <= cores:
        return requested
    logging.getLogger("graphbuild.cli").warning("--workers %d is more than the %d core(s) available; using %d", requested, cores, cores)
    return cores


def _say_waiting(path: Path, lock_file: Path) -> None:
    err.print(f"waiting: another graphbuild run is writing {path} (lock file {lock_file}) …", highlight=False, soft_wrap=True)


def _build_or_fail(sources: List[str], quiet: bool, every: tuple[int, float], **settings):
    from graphbuild.pipeline import SourcesOutsideRoot

    try:
        return _build_with_progress(sources, quiet, every, **settings)
    except (ModelNotFound, ClusterError, WorkerDied) as exc:
        fail(str(exc))
    except (UpdateError, SourcesOutsideRoot) as exc:  # found before any article is read
        fail(str(exc), code=2)


def _build_with_progress(sources: List[str], quiet: bool, every: tuple[int, float], **settings):
    from graphbuild.pipeline import build  # spaCy is imported only when a build runs

    if quiet or not sources:
        return build(sources, **settings)
    with build_progress(err, count_articles(sources), every=every[0], seconds=every[1]) as advance:
        return build(sources, on_article=lambda _: advance(), **settings)


def _print_stats(s: GraphStats, console: Console = err) -> None:
    for line in headline(s):
        console.print(line, highlight=False, soft_wrap=True)
    if s.near_duplicate_articles:
        console.print(f"{s.near_duplicate_articles} article(s) are near-duplicate copies of another "
                      "(counted once in edge weights)", highlight=False)
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
        err.print(f"[bold red]Error:[/] internal error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} (set GRAPHBUILD_DEBUG=1 for the traceback)", highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
