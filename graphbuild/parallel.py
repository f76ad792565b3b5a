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

Workers are capped at the cores this process may use (:func:`usable_cores`):
each one loads its own model, and more processes than cores only add
memory, never speed (``--workers 1000`` would otherwise start 1000 of them).

Workers are started with ``spawn`` by default: the parent may already hold a
loaded pipeline and threads (e.g. a progress bar), which ``fork`` does not
copy safely.  Each worker costs one model's memory (~250 MB for
``en_core_web_md``) and a start-up of a second or two.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from graphbuild.models import Article, Extraction
from graphbuild.rules import Rules

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


def _extract_chunk(articles: list[Article]) -> list[tuple[list, list]]:
    """(mentions, relations) per article; the parent re-attaches its own Article, so the text is not sent back."""
    _ready()
    return [(x.mentions, x.relations) for x in _EXTRACTOR.extract(articles)]


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
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
) -> Iterator[Extraction]:
    """Extractions of ``articles`` in input order, computed by ``workers`` processes.

    Equivalent to ``Extractor(load_pipeline(model), rules=rules).extract(articles)``; a
    worker's exception (e.g. ``ModelNotFound``) is raised here.  At most
    :func:`usable_cores` processes are started, whatever ``workers`` says.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    workers = min(workers, usable_cores())
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    max_in_flight = max(1, workers * in_flight_per_worker)
    context = mp.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(model, batch_size, rules)) as pool:
        with _single_threaded_blas():
            # The first task starts the workers (with spawn, all of them at once), which inherit the settings.
            pool.submit(_ready).result()
        pending: deque[tuple[list[Article], Future]] = deque()
        try:
            for chunk in _chunks(articles, chunk_size):
                pending.append((chunk, pool.submit(_extract_chunk, chunk)))
                if len(pending) >= max_in_flight:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()


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


def _collect(chunk: list[Article], future: Future) -> Iterator[Extraction]:
    results = future.result()
    for article, (mentions, relations) in zip(chunk, results, strict=True):
        yield Extraction(article=article, mentions=mentions, relations=relations)
