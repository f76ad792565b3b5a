"""The whole pipeline, stage after stage: read → extract → resolve → graph.

The CLI, the tests and the benchmark all build graphs through
:func:`build_graph_from_sources`, so they measure and test the same path.

``workers`` > 1 runs the extraction (spaCy and the rules) in that many
processes (:mod:`graphbuild.parallel`); the graph is the same, byte for byte.

Articles stream through: once an article is extracted, only its Extraction
is kept for the resolver, *without* the article text (``Article.text`` is
set to ""); the text is not needed after extraction, and keeping it would
hold the whole corpus in memory.  The kept mentions are made as small as
records allow (see :func:`slim`).

Every graph carries, in ``graph.graph["graphbuild"]``, the (text-free)
extractions it was built from, so :mod:`graphbuild.update` can add articles
to it later without reading the old ones again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import networkx as nx

from graphbuild.extract import Extractor
from graphbuild.graph import build_graph
from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.nlp import DEFAULT_MODEL, load_pipeline
from graphbuild.read import ReadOptions, ReadReport, iter_articles
from graphbuild.resolve import resolve


def iter_extractions(articles: Iterable[Article], model: str = DEFAULT_MODEL, workers: int = 1) -> Iterator[Extraction]:
    """Extractions in article order, with the full article; ``workers`` > 1 extracts in parallel processes."""
    if workers > 1:
        from graphbuild.parallel import extract_parallel

        return extract_parallel(articles, model=model, workers=workers)
    return Extractor(load_pipeline(model)).extract(articles)


def slim(extraction: Extraction) -> Extraction:
    """What the resolver keeps of an extraction: no article text, and the least memory per mention.

    A kept mention costs ~1.4 kB as validated; ~40% of that is its own copy of
    the set of field names explicitly set, and repeated strings ("China" 20
    times, a sentence once per mention in it).  Here the records are rebuilt
    with ``model_construct`` (values are already valid) sharing one
    fields-set per distinct content, and each distinct string of the
    article held once.  Like every record, they must not be mutated in place
    (use ``model_copy``): the fields-sets are shared.
    """
    strings: dict[str, str] = {}

    def rebuilt(record: Mention | Relation):
        values = {name: strings.setdefault(v, v) if isinstance(v, str) else v for name, v in record}
        return type(record).model_construct(_shared_fields_set(record.model_fields_set), **values)

    return Extraction.model_construct(
        _shared_fields_set(extraction.model_fields_set),
        article=extraction.article.model_copy(update={"text": ""}),
        mentions=[rebuilt(m) for m in extraction.mentions],
        relations=[rebuilt(r) for r in extraction.relations],
    )


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _shared_fields_set(fields: set[str]) -> set[str]:
    return _FIELDS_SETS.setdefault(frozenset(fields), set(fields))


def extract_all(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    on_article: Callable[[Extraction], None] | None = None,
    workers: int = 1,
) -> list[Extraction]:
    """All extractions, slimmed (see :func:`slim`); ``on_article`` still sees each full one."""
    extractions = []
    for extraction in iter_extractions(articles, model, workers):
        if on_article is not None:
            on_article(extraction)
        extractions.append(slim(extraction))
    return extractions


def graph_from_extractions(extractions: list[Extraction], model: str = DEFAULT_MODEL) -> nx.MultiDiGraph:
    """Resolve and build the graph, and record the extractions in it for later updates.

    Extractions are resolved in article-id order, so an update (old + new
    extractions) gives the same graph as a full rebuild, whatever order the
    articles were read in.
    """
    from graphbuild.update import attach_state

    extractions = sorted(extractions, key=lambda x: x.article.id)
    graph = build_graph(resolve(extractions))
    attach_state(graph, extractions, model)
    return graph


def build_graph_from_articles(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    on_article: Callable[[Extraction], None] | None = None,
    workers: int = 1,
) -> nx.MultiDiGraph:
    return graph_from_extractions(extract_all(articles, model, on_article, workers), model)


def build_graph_from_sources(
    sources: Sequence[str | Path],
    model: str = DEFAULT_MODEL,
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    workers: int = 1,
) -> nx.MultiDiGraph:
    articles = iter_articles(sources, options=options, report=report)
    return build_graph_from_articles(articles, model, on_article, workers)
