"""The whole pipeline, stage after stage: read → extract → resolve → graph.

The CLI, the tests and the benchmark all build graphs through
:func:`build_graph_from_sources`, so they measure and test the same path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

import networkx as nx

from graphbuild.extract import Extractor
from graphbuild.graph import build_graph
from graphbuild.models import Article, Extraction
from graphbuild.nlp import DEFAULT_MODEL, load_pipeline
from graphbuild.read import ReadOptions, ReadReport, iter_articles
from graphbuild.resolve import resolve


def extract_all(articles: Iterable[Article], model: str = DEFAULT_MODEL, on_article: Callable[[Extraction], None] | None = None) -> list[Extraction]:
    extractor = Extractor(load_pipeline(model))
    extractions = []
    for extraction in extractor.extract(articles):
        extractions.append(extraction)
        if on_article is not None:
            on_article(extraction)
    return extractions


def build_graph_from_articles(articles: Iterable[Article], model: str = DEFAULT_MODEL, on_article: Callable[[Extraction], None] | None = None) -> nx.MultiDiGraph:
    return build_graph(resolve(extract_all(articles, model, on_article)))


def build_graph_from_sources(
    sources: Sequence[str | Path],
    model: str = DEFAULT_MODEL,
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    on_article: Callable[[Extraction], None] | None = None,
) -> nx.MultiDiGraph:
    articles = iter_articles(sources, options=options, report=report)
    return build_graph_from_articles(articles, model, on_article)
