"""Parallel extraction: the spaCy parse *and* the rule-based extraction in worker processes.

    for extraction in extract_parallel(articles, model="en_core_web_md", workers=2):
        ...

Articles are cut into chunks of ``chunk_size``; each worker process loads the
pipeline once (``load_pipeline`` in the pool initializer) and turns a chunk
of Articles into a list of Extractions, which are pydantic models and come
back pickled.  Results are yielded in input order, so the graph is the same
as with one process, byte for byte.

Streaming: at most ``workers * in_flight_per_worker`` chunks are submitted and
not yet consumed, so memory holds a bounded window of the corpus, never all
of it.  (``multiprocessing.Pool.imap`` would not do: its feeder thread drains
the whole input iterator into the task queue.)

Each worker's BLAS (OpenBLAS via numpy) is limited to one thread, unless
the caller set the usual environment variables: with one thread per
process, the processes use the cores instead of fighting over them.

A worker that dies (the kernel's out-of-memory killer, ``kill -9``, a crash in
native code) costs no article and no traceback: the pool is started again and
the chunks that were in flight run again one at a time; a chunk that kills a
worker again is split into single articles, and an article that kills one on
its own is skipped with a warning (``on_lost``), like any unreadable input.

Workers are capped at the cores this process may use (:func:`usable_cores`):
each one loads its own model, and more processes than cores only add
memory, never speed (``--workers 1000`` would otherwise start 1000 of them).

Workers are started with ``spawn`` by default: the parent may already hold a
loaded pipeline and threads (e.g. a progress bar), which ``fork`` does not
copy safely.  Each worker costs one model's memory (~250 MB for
``en_core_web_md``) and a start-up of a second or two.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice

from graphbuild.errors import ArticleError, ExtractError
from graphbuild.models import Article, Extraction
from graphbuild.rules import Rules

log = logging.getLogger("graphbuild.parallel")

_EXTRACTOR = None  # one per worker process, set by _init_worker
_INIT_ERROR: BaseException | None = None  # why the worker could not load the model


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _init_worker(model: str, batch_size: int, rules: Rules | None) -> None:
    """Load the pipeline once per worker.  A failure (e.g. ``ModelNotFound``) is kept and raised by
    the first task, so the parent sees the real exception, not a ``BrokenProcessPool``."""
    global _EXTRACTOR, _INIT_ERROR
    try:
        from graphbuild.extract import Extractor
        from graphbuild.nlp import load_pipeline

        _EXTRACTOR = Extractor(load_pipeline(model), batch_size=batch_size, rules=rules)
    except Exception as exc:  # noqa: BLE001 - re-raised in the parent
        _INIT_ERROR = exc


def _ready() -> bool:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return True


def _extract_chunk(articles: list[Article]) -> list[Result]:
    """(mentions, relations) per article; the parent re-attaches its own Article, so the text is not sent back."""
    _ready()
    return extract_results(_EXTRACTOR, articles)


#: What extracting one article gives: its (mentions, relations), or, as text, why its extraction failed.
Result = tuple[list, list] | str


def extract_results(extractor, articles: list[Article]) -> list[Result]:
    """(mentions, relations) per article, or the reason an article's extraction raised: one article that
    trips a bug costs itself, not its chunk (the chunk is then extracted again an article at a time)."""
    try:
        return [(x.mentions, x.relations) for x in extractor.extract(articles)]
    except Exception:  # noqa: BLE001 - which article raised is found below, an article at a time
        return [_extract_one(extractor, article) for article in articles]


def _extract_one(extractor, article: Article) -> Result:
    try:
        extraction = extractor.extract_one(article)
    except Exception as exc:  # noqa: BLE001 - reported with the article's id; the corpus goes on
        log.debug("extracting article %s failed", article.id, exc_info=True)
        first = str(exc).splitlines()[0] if str(exc) else ""
        return f"extraction failed ({type(exc).__name__}: {first[:200]})"
    return extraction.mentions, extraction.relations


def extract_guarded(
    extractor, articles: Iterable[Article], on_lost: OnLost | None = None, chunk_size: int = 64
) -> Iterator[Extraction]:
    """``extractor.extract(articles)`` in one process, except that an article whose extraction raises is
    handed to ``on_lost(article, reason)`` and the rest go on (no ``on_lost``: :class:`ArticleError`)."""
    for chunk in chunked(articles, chunk_size):
        yield from with_articles(chunk, extract_results(extractor, chunk), on_lost)


def chunked(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of ``size`` articles (the last one shorter), read from ``articles`` as they are needed."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(
    articles: Iterable[Article],
    model: str,
    workers: int,
    chunk_size: int = 16,
    batch_size: int = 64,
    in_flight_per_worker: int = 2,
    start_method: str = "spawn",
    rules: Rules | None = None,
    on_lost: OnLost | None = None,
) -> Iterator[Extraction]:
    """Extractions of ``articles`` in input order, computed by ``workers`` processes.

    Equivalent to ``Extractor(load_pipeline(model), rules=rules).extract(articles)``; a
    worker's exception (e.g. ``ModelNotFound``) is raised here.  At most
    :func:`usable_cores` processes are started, whatever ``workers`` says.

    A worker process that dies (killed, out of memory, a crash in native code) costs no
    article: the workers are restarted and the chunks that were running are run again,
    one at a time, so that a chunk that kills a worker again is known; it is then run an
    article at a time, and an article that kills a worker on its own is left out and
    handed to ``on_lost(article, reason)`` (default: :class:`WorkerDied` is raised).
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    workers = min(workers, usable_cores())
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    max_in_flight = max(1, workers * in_flight_per_worker)
    pool = _Pool(workers, mp.get_context(start_method), (model, batch_size, rules))
    pending: deque[tuple[list[Article], Future]] = deque()
    try:
        for chunk in chunked(articles, chunk_size):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= max_in_flight:
                yield from _next_results(pool, pending, on_lost)
        while pending:
            yield from _next_results(pool, pending, on_lost)
    finally:
        for _, future in pending:
            future.cancel()
        pool.shutdown()


#: ``on_lost(article, reason)``: told about an article left out because it killed a worker process.
OnLost = Callable[[Article, str], None]


class WorkerDied(ExtractError, RuntimeError):
    """An article kills a worker process each time it is extracted (and nobody asked to skip it)."""


class ClusterError(ExtractError, RuntimeError):
    """A one-line, user-facing problem with the Dask cluster of ``--dask`` (unreachable, lost, no workers,
    other code): :mod:`graphbuild.cluster` raises it; defined here so that catching it imports no Dask."""


class _Pool:
    """A ProcessPoolExecutor that can be started again after one of its processes died."""

    def __init__(self, workers: int, context, initargs: tuple) -> None:
        self.workers, self.context, self.initargs = workers, context, initargs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self.context, initializer=_init_worker, initargs=self.initargs
        )
        with _single_threaded_blas():
            # The first task starts the workers (with spawn, all of them at once), which inherit the settings.
            try:
                executor.submit(_ready).result()
            except BrokenProcessPool:
                executor.shutdown(wait=True, cancel_futures=True)
                raise WorkerDied(
                    "a worker process died while loading the model (out of memory? each worker needs "
                    "the model's memory: try fewer --workers)"
                ) from None
        return executor

    def submit(self, chunk: list[Article]) -> Future:
        """The chunk's future; if a worker died since the last result, one that fails as the pool did,
        so that the death is handled where results are read, in input order."""
        try:
            return self.executor.submit(_extract_chunk, chunk)
        except BrokenProcessPool as exc:
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _next_results(
    pool: _Pool, pending: deque[tuple[list[Article], Future]], on_lost: OnLost | None
) -> Iterator[Extraction]:
    """The extractions of the oldest pending chunk; after a worker died, those of every chunk that was running."""
    chunk, future = pending.popleft()
    try:
        results = future.result()
    except BrokenProcessPool:
        suspects = [chunk, *(c for c, _ in pending)]
        pending.clear()
        log.warning(
            "a worker process died (killed, or out of memory); restarting the workers and extracting the "
            "%d article(s) it may have been working on again, one chunk at a time",
            sum(map(len, suspects)),
        )
        pool.restart()
        yield from _isolated(pool, suspects, on_lost)
        return
    yield from with_articles(chunk, results, on_lost)


def _isolated(pool: _Pool, suspects: list[list[Article]], on_lost: OnLost | None) -> Iterator[Extraction]:
    """Run each chunk alone, so a worker death points at it: a chunk is then split into single articles,
    and a single article that kills its worker is left out."""
    queue = deque(suspects)
    while queue:
        chunk = queue.popleft()
        try:
            results = pool.submit(chunk).result()
        except BrokenProcessPool:
            pool.restart()
            if len(chunk) > 1:
                queue.extendleft(reversed([[article] for article in chunk]))
                continue
            reason = "the worker process extracting it died twice (a crash in the parser, or out of memory)"
            if on_lost is None:
                raise WorkerDied(f"article {chunk[0].id}: {reason}") from None
            on_lost(chunk[0], reason)
            continue
        yield from with_articles(chunk, results, on_lost)


#: Thread-count variables of the BLAS libraries numpy may use; read when a worker imports numpy.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """Workers started inside inherit one-thread BLAS settings; the parent's environment is restored after."""
    added = [name for name in _THREAD_VARIABLES if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def with_articles(chunk: list[Article], results: list[Result], on_lost: OnLost | None = None) -> Iterator[Extraction]:
    """The Extractions of a chunk from the (mentions, relations) a worker sent back; an article whose
    extraction failed goes to ``on_lost(article, reason)`` (no ``on_lost``: :class:`ArticleError`)."""
    for article, result in zip(chunk, results, strict=True):
        if isinstance(result, str):
            if on_lost is None:
                raise ArticleError(article.id, result)
            on_lost(article, result)
            continue
        mentions, relations = result
        yield Extraction(article=article, mentions=mentions, relations=relations)
