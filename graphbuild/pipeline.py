"""The whole pipeline, stage after stage: read → extract → resolve → graph.

    graph = build_graph_from_sources(["articles/"], rules=load_rules("my_rules.json"))
    graph = build_graph_from_sources(["new/"], update="graph.json")    # add articles to a graph
    graph = build_graph_from_sources([], update="graph.json", remove=["story-7"])   # withdraw one

:func:`build_graph_from_sources` is the one entry point: the CLI, ``--update``,
``--workers`` and the benchmark all build graphs through it, so they
measure and test the same path.

``workers`` > 1 runs the extraction (spaCy and the rules) in that many
processes (:mod:`graphbuild.parallel`); the graph is the same, byte for byte.

Articles stream through: once an article is extracted, only its Extraction
is kept for the resolver, *without* the article text (:func:`slim`); the
text is not needed after extraction, and keeping it would hold the whole
corpus in memory.

Every graph carries, in ``graph.graph["graphbuild"]``, the (text-free)
extractions it was built from (:mod:`graphbuild.state`), so ``update=`` can
add articles to it later without reading the old ones again.  An update
must use the model and the rules the graph was built with, and reads new
files in the graph's source root (the folder file ids are paths in, see
:mod:`graphbuild.read`), so a file gets the id it got in the first build; a
new article whose id is already in the graph *replaces* the old one (an
updated story).
``remove=`` withdraws articles from the graph being updated: their
extractions are dropped and the rest resolved again, so the graph is the one
a full rebuild without them gives.

Near-duplicate articles (the same story under another name, found by the
fingerprints the reader gives every article) are marked in the graph and
counted once in edge weights (:mod:`graphbuild.duplicates`); each build
reports, as one warning, those among the articles it read.

An analyst's ``corrections`` (:mod:`graphbuild.corrections`) are applied by
the resolver and recorded in the graph like the rules; an update without
``corrections=`` keeps applying the recorded ones, and with it replaces them.
"""

from __future__ import annotations

import difflib
import logging
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import networkx as nx

from graphbuild.clock import NO_CLOCK, NoClock
from graphbuild.corrections import Corrections
from graphbuild.extract import Extractor
from graphbuild.graph import build_graph, copies_in
from graphbuild.inputs import InputFileError
from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.nlp import DEFAULT_MODEL, load_pipeline
from graphbuild.parallel import OnLost
from graphbuild.read import ReadOptions, ReadReport, iter_articles, outside_root, source_root
from graphbuild.resolve import resolve
from graphbuild.rules import Rules
from graphbuild.state import GraphState, UpdateError, attach_state, state_of

log = logging.getLogger("graphbuild.update")

OnArticle = Callable[[Extraction], None]


class SourcesOutsideRoot(ValueError):
    """A source outside the folder its files would get their ids in (the source root)."""


def build_graph_from_sources(
    sources: Sequence[str | Path],
    model: str = DEFAULT_MODEL,
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    on_article: OnArticle | None = None,
    workers: int = 1,
    rules: Rules | None = None,
    update: str | Path | nx.MultiDiGraph | None = None,
    clock: NoClock = NO_CLOCK,
    corrections: Corrections | None = None,
    remove: Iterable[str] = (),
    dask: str | None = None,
    dask_timeout: float = 60.0,
) -> nx.MultiDiGraph:
    """The graph of the articles in ``sources`` (added to the graph ``update``, if given, less the articles ``remove`` names).

    ``dask``: the address of a Dask scheduler to extract on instead of local processes (:mod:`graphbuild.cluster`).
    """
    remove = list(remove)
    if remove and update is None:
        raise UpdateError("articles can only be removed from a graph being updated (--update)")
    options = options or ReadOptions()
    kept: list[Extraction] | None = None
    recorded_root: str | None = None
    if update is not None:  # the graph's own rules, corrections and source root, unless others are given
        previous = _previous_state(update, model, rules)
        rules = rules if rules is not None else Rules(previous.rules)
        corrections = corrections if corrections is not None else previous.corrections
        kept = withdraw(previous.extractions, remove)  # before reading: a typo costs nothing
        recorded_root = _recorded_root(previous, sources)
    root = Path(os.path.abspath(options.root or recorded_root or source_root(sources)))
    _check_sources_in_root(sources, root, recorded=recorded_root is not None and options.root is None)
    options = options.model_copy(update={"root": root})
    articles = clock.iterate(iter_articles(sources, options=options, report=report), "read")
    on_lost = None if report is None else (lambda article, reason: report.skip(article.source or article.id, reason))
    extractions = extract_all(articles, model, on_article, workers, rules, clock, dask=dask, dask_timeout=dask_timeout,
                              on_lost=on_lost)
    new_ids = {x.article.id for x in extractions}
    if kept is not None:
        extractions = merge_extractions(kept, extractions)
    # A graph written before ids were paths in a root keeps having none: its ids are file names.
    recorded = root if update is None or recorded_root is not None else None
    graph = graph_from_extractions(extractions, model, rules, clock, corrections, root=recorded)
    report_copies(graph, new_ids)
    return graph


def report_copies(graph: nx.MultiDiGraph, new_ids: set[str]) -> None:
    """One warning naming the near-duplicate articles among (or copied by) the articles read in this run."""
    found = [(copy, original) for copy, original in copies_in(graph).items() if copy in new_ids or original in new_ids]
    if found:
        shown = ", ".join(f"{copy} (copy of {original})" for copy, original in found[:5])
        logging.getLogger("graphbuild.duplicates").warning(
            "%d near-duplicate article(s), the same story as another, counted once in edge weights: %s%s",
            len(found), shown, " …" if len(found) > 5 else "")


def iter_extractions(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    rules: Rules | None = None,
    clock: NoClock = NO_CLOCK,
    *,
    dask: str | None = None,
    dask_timeout: float = 60.0,
    on_lost: OnLost | None = None,
) -> Iterator[Extraction]:
    """Extractions in article order, with the full article; ``workers`` > 1 extracts in parallel processes,
    ``dask`` (a scheduler address) on a Dask cluster.  ``on_lost(article, reason)`` hears of an article
    left out because it killed every worker that tried it."""
    if dask is not None:
        from graphbuild.cluster import extract_on_cluster

        extractions = extract_on_cluster(articles, dask, model=model, rules=rules, timeout=dask_timeout, on_lost=on_lost)
        return clock.iterate(extractions, "extract")
    if workers > 1:
        from graphbuild.parallel import extract_parallel

        return clock.iterate(extract_parallel(articles, model=model, workers=workers, rules=rules, on_lost=on_lost), "extract")
    return Extractor(load_pipeline(model), rules=rules, clock=clock).extract(articles)


def extract_all(
    articles: Iterable[Article],
    model: str = DEFAULT_MODEL,
    on_article: OnArticle | None = None,
    workers: int = 1,
    rules: Rules | None = None,
    clock: NoClock = NO_CLOCK,
    **where,
) -> list[Extraction]:
    """All extractions, slimmed (see :func:`slim`); ``on_article`` still sees each full one.  ``where``: the
    keyword options of :func:`iter_extractions` (``dask``, ``dask_timeout``, ``on_lost``)."""
    extractions = []
    for extraction in iter_extractions(articles, model, workers, rules, clock, **where):
        if on_article is not None:
            on_article(extraction)
        with clock.stage("slim"):
            extractions.append(slim(extraction))
    return extractions


def graph_from_extractions(
    extractions: list[Extraction], model: str = DEFAULT_MODEL, rules: Rules | None = None, clock: NoClock = NO_CLOCK, corrections: Corrections | None = None,
    root: Path | None = None,
) -> nx.MultiDiGraph:
    """Resolve and build the graph, and record the extractions in it for later updates.

    Extractions are resolved in article-id order, so an update (old + new
    extractions) gives the same graph as a full rebuild, whatever order the
    articles were read in.
    """
    rules = rules or Rules()
    extractions = sorted(extractions, key=lambda x: x.article.id)
    with clock.stage("resolve"):
        resolution = resolve(extractions, types=rules.types, corrections=corrections)
    with clock.stage("graph"):
        graph = build_graph(resolution, types=rules.types)
    with clock.stage("state"):
        attach_state(graph, extractions, model, rules.user, corrections, str(root) if root is not None else None)
    return graph


def merge_extractions(old: list[Extraction], new: list[Extraction]) -> list[Extraction]:
    """Old and new together; a new article replaces an old one with the same id."""
    new_ids = {x.article.id for x in new}
    replaced = sorted(x.article.id for x in old if x.article.id in new_ids)
    if replaced:
        log.warning("%d article(s) already in the graph are replaced by the new version: %s", len(replaced), ", ".join(replaced[:5]) + (" …" if len(replaced) > 5 else ""))
    return [x for x in old if x.article.id not in new_ids] + new


def withdraw(extractions: list[Extraction], article_ids: list[str]) -> list[Extraction]:
    """The extractions without those articles (ids as given to the reader, or Article node ids "article:ID").

    An id the graph does not have is an :class:`UpdateError`: a typo must not look like a removal.
    """
    known = {x.article.id for x in extractions}
    wanted = {a.removeprefix("article:") if a not in known and a.removeprefix("article:") in known else a for a in article_ids}
    missing = sorted(wanted - known)
    if missing:
        close = difflib.get_close_matches(missing[0], sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UpdateError(f"cannot remove {len(missing)} article(s) the graph does not have: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}{hint}")
    return [x for x in extractions if x.article.id not in wanted]


def _recorded_root(previous: GraphState, sources: Sequence[str | Path]) -> str | None:
    """The graph's source root; an old graph without one takes no new articles (their ids would not match)."""
    if previous.root is None and sources:
        raise UpdateError(
            "the graph was written by an older graphbuild, which named file articles by their file name alone, so an "
            "update could not tell a new file from an old one of the same name; rebuild it (graphbuild build SOURCES -o graph.json)"
        )
    return previous.root


def _check_sources_in_root(sources: Sequence[str | Path], root: Path, *, recorded: bool) -> None:
    outside = outside_root(sources, root)
    if outside:
        whose = "recorded in the graph: the folder its articles' ids are paths in" if recorded else "the folder article ids are paths in"
        hint = "; give --root FOLDER if the articles have moved" if recorded else ""
        raise SourcesOutsideRoot(f"{outside[0]} is outside the source root {root} ({whose}){hint}")


def _previous_state(update: str | Path | nx.MultiDiGraph, model: str, rules: Rules | None) -> GraphState:
    graph = update if isinstance(update, nx.MultiDiGraph) else read_updatable_graph(update)
    previous = state_of(graph)
    if previous.model != model:
        raise UpdateError(f"the graph was built with model {previous.model!r}, not {model!r}; update it with --model {previous.model}")
    if rules is not None and rules.user != previous.rules:
        raise UpdateError("the graph was built with other --rules; update it with the same rules file (or none, to reuse the graph's), or rebuild it")
    return previous


def read_updatable_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph to update, from a .json file written by ``graphbuild build``."""
    from graphbuild.export import node_link

    path = Path(path)
    if path.suffix.lower() != ".json":
        raise UpdateError(f"{path}: only a node-link .json graph can be updated (GraphML does not carry the extractions)")
    try:
        return node_link.read(path)
    except InputFileError as error:
        raise UpdateError(str(error)) from None


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
