"""Measure a graph's quality against gold annotations of the same articles.

    gold      the gold file format: load_gold, its pydantic models, the matching keys
    scoring   evaluate(graph, gold) -> EvalReport, and format_report for people

Outside the pipeline: it reads graph files written by graphbuild, and no
pipeline stage imports it.  The gold format and the matching rules are in
docs/evaluation.md.
"""

from __future__ import annotations

from pathlib import Path

from graphbuild.errors import ReadError
from graphbuild.evaluate.floors import unmet_floors
from graphbuild.evaluate.gold import Gold, GoldFileError, load_gold, match_key
from graphbuild.evaluate.scoring import EvalReport, evaluate, format_report
from graphbuild.export import read_graph

__all__ = [
    "EvalReport",
    "Gold",
    "GoldFileError",
    "evaluate",
    "evaluate_file",
    "format_report",
    "load_gold",
    "match_key",
]


def evaluate_file(graph_file: Path, gold_file: Path, floors: dict[str, float]) -> tuple[EvalReport, list[str]]:
    """The report of a graph file against a gold file, and the F1 floors it does not reach (one line each);
    a :class:`~graphbuild.errors.GraphbuildError` for a file that cannot be read or a floor of a type not scored."""
    gold = load_gold(gold_file)
    graph = read_graph(graph_file)
    if graph.number_of_nodes() and not any("type" in attrs for _, attrs in graph.nodes(data=True)):
        raise ReadError(f"{graph_file}: its nodes have no 'type': not a graph written by graphbuild")
    report = evaluate(graph, gold)
    try:
        return report, unmet_floors(report, floors)
    except KeyError as exc:
        raise GoldFileError(exc.args[0]) from None
