"""The whole pipeline, stage after stage: read → extract → resolve → graph.

    graph = build_graph_from_sources(["articles/"], rules=load_rules("my_rules.json"))
    write_outputs(graph, ["graph.json", "graph.graphml"])                   # files, and the update state
    graph = build_graph_from_sources(["new/"], update="graph.json")         # add articles to a graph
    graph = build_graph_from_sources([], update="graph.json", remove=["story-7"])   # withdraw one

:func:`build_graph_from_sources` is the one entry point: the CLI, ``--update``,
``--workers`` and the benchmark all build graphs through it, so they
measure and test the same path.

``workers`` > 1 runs the extraction (spaCy and the rules) in that many
processes (:mod:`graphbuild.parallel`); the graph is the same, byte for byte.

Articles stream through: each extraction is resolved as it arrives, into
the resolver's store on disk (:class:`graphbuild.resolve.Resolver`), and
dropped; what stays in memory grows with the number of entities, not with
the corpus.  The store is the graph's update state (:mod:`graphbuild.state`):
:func:`write_outputs` writes it beside every ``.json`` output, so
``update=`` adds articles later without reading the old ones again, and
resolves only the new (and removed) articles.  An update must use the model
and the rules the graph was built with, and reads new files in the graph's
source root (the folder file ids are paths in, see :mod:`graphbuild.read`),
so a file gets the id it got in the first build; a new article whose id is
already in the graph *replaces* the old one (an updated story).  ``remove=``
withdraws articles: what they gave the resolver is taken back out, so the
graph is the one a full rebuild without them gives.

Near-duplicate articles (the same story under another name, found by the
fingerprints the reader gives every article) are marked in the graph and
counted once in edge weights (:mod:`graphbuild.duplicates`); each build
reports, as one warning, those among the articles it read.

An analyst's ``corrections`` (:mod:`graphbuild.corrections`) are applied by
the resolver and recorded in the state like the rules; an update without
``corrections=`` keeps applying the recorded ones, and with it replaces them
(every article is then resolved again).
"""

from __future__ import annotations

import difflib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graphbuild.clock import NO_CLOCK, NoClock
from graphbuild.corrections import Corrections
from graphbuild.export import node_link, write_graph
from graphbuild.extract import Extractor
from graphbuild.graph import GraphParts
from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.nlp import DEFAULT_MODEL, load_pipeline
from graphbuild.parallel import OnLost
from graphbuild.read import ReadOptions, ReadReport, iter_articles
from graphbuild.resolve import Resolver, StoreError
from graphbuild.rules import Rules
from graphbuild.source_roots import in_source_root
from graphbuild.state import STATE_ATTRIBUTE, GraphState, UpdateError, damaged, state_of, state_path
from graphbuild.stats import GraphStats, graph_stats, record_stats

log = logging.getLogger("graphbuild.update")

OnArticle = Callable[[Extraction], None]


def build_graph_from_sources(sources: Sequence[str | Path], **settings) -> nx.MultiDiGraph:
    """The graph of the articles in ``sources`` (added to the graph ``update``, if given, less the articles
    ``remove`` names); ``settings`` are those of :func:`build`."""
    return build(sources, **settings).graph()


def build(
    sources: Sequence[str | Path],
    model: str = DEFAULT_MODEL,
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    on_article: OnArticle | None = None,
    workers: int = 1,
    rules: Rules | None = None,
    update: str | Path | None = None,
    clock: NoClock = NO_CLOCK,
    corrections: Corrections | None = None,
    remove: Iterable[str] = (),
    dask: str | None = None,
    dask_timeout: float = 60.0,
) -> Built:
    """What :func:`build_graph_from_sources` builds, before it becomes a networkx graph: :meth:`Built.write`
    writes ``.json`` files straight from the resolver's store, so no corpus is too large for its graph.json.

    ``dask``: the address of a Dask scheduler to extract on instead of local processes (:mod:`graphbuild.cluster`).
    """
    remove = list(remove)
    if remove and update is None:
        raise UpdateError("articles can only be removed from a graph being updated (--update)")
    options = options or ReadOptions()
    user_rules = rules.user if rules is not None else None
    state = GraphState.open(update, model, user_rules) if update is not None else GraphState.new(model, user_rules)
    with _state_errors(state, update):
        rules = rules if rules is not None else Rules(state.rules)
        with clock.stage("resolve"):
            resolver = state.resolver(rules.types, corrections)
            withdraw(resolver, remove)  # before reading: a typo costs nothing
        options = in_source_root(state, sources, options, update is not None)
        articles = clock.iterate(iter_articles(sources, options=options, report=report), "read")
        on_lost = (
            None if report is None else (lambda article, reason: report.skip(article.source or article.id, reason))
        )
        extractions = iter_extractions(
            articles, model, workers, rules, clock, dask=dask, dask_timeout=dask_timeout, on_lost=on_lost
        )
        read, replaced = resolve_all(resolver, extractions, on_article, clock)
        if update is not None and replaced:
            log.warning(
                "%d article(s) already in the graph are replaced by the new version: %s",
                len(replaced),
                ", ".join(replaced[:5]) + (" …" if len(replaced) > 5 else ""),
            )
        built = built_from_resolver(resolver, state, rules, clock, update)
        report_copies(built.parts.copies, read)
        return built


def graph_from_extractions(
    extractions: Iterable[Extraction],
    model: str = DEFAULT_MODEL,
    rules: Rules | None = None,
    clock: NoClock = NO_CLOCK,
    corrections: Corrections | None = None,
) -> nx.MultiDiGraph:
    """Resolve extractions (streamed: none is kept) and build the graph, with a new update state."""
    return built_from_extractions(extractions, model, rules, clock, corrections).graph()


def built_from_extractions(
    extractions: Iterable[Extraction],
    model: str = DEFAULT_MODEL,
    rules: Rules | None = None,
    clock: NoClock = NO_CLOCK,
    corrections: Corrections | None = None,
) -> Built:
    rules = rules or Rules()
    state = GraphState.new(model, rules.user)
    with _state_errors(state, None):
        resolver = state.resolver(rules.types, corrections)
        resolve_all(resolver, extractions, None, clock)
        return built_from_resolver(resolver, state, rules, clock)


def resolve_all(
    resolver: Resolver, extractions: Iterable[Extraction], on_article: OnArticle | None, clock: NoClock
) -> tuple[set[str], list[str]]:
    """Resolve each extraction into the resolver's store as it comes; the ids of the articles read, and of
    those that replaced one already there."""
    read, replaced = set(), []
    for extraction in extractions:
        if on_article is not None:
            on_article(extraction)
        with clock.stage("resolve"):
            if resolver.has_article(extraction.article.id):
                replaced.append(extraction.article.id)
            resolver.add(extraction)
        read.add(extraction.article.id)
    return read, sorted(replaced)


def report_copies(copies: dict[str, str], new_ids: set[str]) -> None:
    """One warning naming the near-duplicate articles among (or copied by) the articles read in this run."""
    found = [(copy, original) for copy, original in copies.items() if copy in new_ids or original in new_ids]
    if found:
        shown = ", ".join(f"{copy} (copy of {original})" for copy, original in found[:5])
        logging.getLogger("graphbuild.duplicates").warning(
            "%d near-duplicate article(s), the same story as another, counted once in edge weights: %s%s",
            len(found),
            shown,
            " …" if len(found) > 5 else "",
        )


def graph_from_resolver(
    resolver: Resolver, state: GraphState, rules: Rules, clock: NoClock = NO_CLOCK
) -> nx.MultiDiGraph:
    """The graph of everything the resolver holds, with its state attached for :func:`write_outputs`."""
    return built_from_resolver(resolver, state, rules, clock).graph()


def built_from_resolver(
    resolver: Resolver, state: GraphState, rules: Rules, clock: NoClock = NO_CLOCK, update: str | Path | None = None
) -> Built:
    with clock.stage("resolve"):
        corpus = resolver.finish()
    parts = GraphParts(corpus.articles, corpus.entities, corpus.relations, corpus.mention_counts, types=rules.types)
    parts.attributes[STATE_ATTRIBUTE] = state.header()
    return Built(parts, state, clock, update)


class Built:
    """A built graph as the records of the resolver's store (:class:`graphbuild.graph.GraphParts`) and its
    update state; the networkx graph is made when first asked for (:meth:`graph`)."""

    def __init__(
        self, parts: GraphParts, state: GraphState, clock: NoClock = NO_CLOCK, update: str | Path | None = None
    ):
        self.parts, self.state, self.clock, self.update = parts, state, clock, update
        self._graph: nx.MultiDiGraph | None = None

    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            with self.clock.stage("graph"), _state_errors(self.state, self.update, discard=False):
                self._graph = self.parts.graph()
            self._graph.graphbuild_state = self.state
        return self._graph

    def write(self, paths: Iterable[str | Path], view: str = "full") -> None:
        """Each file (format by suffix); a ``.json`` one gets its update state beside it, written first (see
        :mod:`graphbuild.state`), and, unless the networkx graph was made, is written from the records."""
        for path in paths:
            if Path(path).suffix.lower() != ".json":
                write_graph(self.graph(), path, view=view)
                continue
            self.state.save(path)
            if self._graph is not None or view != "full":
                write_graph(self.graph(), path, view=view)
                continue
            with self.clock.stage("export"), _state_errors(self.state, self.update, discard=False):
                node_link.write_records(Path(path), self.parts.attributes, self.parts.nodes(), self.parts.edges())

    def stats(self, top: int = 10) -> GraphStats:
        if self._graph is not None:
            return graph_stats(self._graph, top)
        with _state_errors(self.state, self.update, discard=False):
            return record_stats(self.parts.nodes(), self.parts.edges(), top)


def write_outputs(graph: nx.MultiDiGraph | Built, paths: Iterable[str | Path], view: str = "full") -> None:
    """Write the graph to each file (format by suffix); a ``.json`` graph gets its update state beside it
    (written first: see :mod:`graphbuild.state`)."""
    if isinstance(graph, Built):
        graph.write(paths, view)
        return
    state = state_of(graph)
    for path in paths:
        if state is not None and Path(path).suffix.lower() == ".json":
            state.save(path)
        write_graph(graph, path, view=view)


@contextmanager
def _state_errors(state: GraphState, update: str | Path | None, discard: bool = True) -> Iterator[None]:
    """The store's errors as one line: a damaged state (an update), or a working file that cannot be written."""
    try:
        yield
    except (StoreError, sqlite3.DatabaseError) as exc:
        state.discard()
        if update is not None:
            raise damaged(state_path(update), exc) from None
        raise UpdateError(
            f"cannot write the resolver's working file in {state.working.parent} ({exc}); is the disk full? "
            "(set TMPDIR to use another folder)"
        ) from None
    except BaseException:
        if discard:
            state.discard()
        raise


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

        extractions = extract_on_cluster(
            articles, dask, model=model, rules=rules, timeout=dask_timeout, on_lost=on_lost
        )
        return clock.iterate(extractions, "extract")
    if workers > 1:
        from graphbuild.parallel import extract_parallel

        return clock.iterate(
            extract_parallel(articles, model=model, workers=workers, rules=rules, on_lost=on_lost), "extract"
        )
    from graphbuild.parallel import extract_guarded

    return extract_guarded(Extractor(load_pipeline(model), rules=rules, clock=clock), articles, on_lost)


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


def withdraw(resolver: Resolver, article_ids: list[str]) -> None:
    """Take those articles out (ids as given to the reader, or Article node ids "article:ID").

    An id the graph does not have is an :class:`UpdateError`, before anything is removed: a typo must
    not look like a removal.
    """
    if not article_ids:
        return
    known = set(resolver.store.article_ids())
    wanted = {
        a.removeprefix("article:") if a not in known and a.removeprefix("article:") in known else a for a in article_ids
    }
    missing = sorted(wanted - known)
    if missing:
        close = difflib.get_close_matches(missing[0], sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UpdateError(
            f"cannot remove {len(missing)} article(s) the graph does not have: {', '.join(missing[:5])}"
            f"{' …' if len(missing) > 5 else ''}{hint}"
        )
    for article_id in sorted(wanted):
        resolver.remove(article_id)


def slim(extraction: Extraction) -> Extraction:
    """An extraction to keep in memory (:func:`extract_all`): no article text, and the least memory per mention.

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
