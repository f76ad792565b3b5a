"""Measure a graph's quality against gold annotations of the same articles.

    gold      the gold file format: load_gold, its pydantic models, the matching keys
    scoring   evaluate(graph, gold) -> EvalReport, and format_report for people

Outside the pipeline: it reads graph files written by graphbuild, and no
pipeline stage imports it.  The gold format and the matching rules are in
docs/evaluation.md.
"""

from graphbuild.evaluate.gold import Gold, GoldFileError, load_gold, match_key
from graphbuild.evaluate.scoring import EvalReport, evaluate, format_report

__all__ = ["EvalReport", "Gold", "GoldFileError", "evaluate", "format_report", "load_gold", "match_key"]
