"""Extraction on a Dask cluster: ``graphbuild build SOURCES --dask ADDRESS``.

    for extraction in extract_on_cluster(articles, "tcp://10.0.0.5:8786", model="en_core_web_md"):
        ...

The coordinator (this process) reads the articles, cuts them into chunks and
submits each chunk as one task to the Dask scheduler at ``ADDRESS`` (started
with ``dask scheduler``, or any deployment that gives a scheduler address:
dask-jobqueue, dask-kubernetes ...); the workers parse and extract, and the
Extractions come back and are yielded **in input order**, so the graph is
the one a single process builds, byte for byte.  Resolution, the graph and the
exports stay here: they need every article's mentions at once.

* **One model per worker**: a worker plugin loads the pipeline when the build
  starts (and on every worker that joins later) and keeps it for the next
  build with the same model, rules and code; a worker with several threads
  runs one extraction at a time (spaCy's pipeline is not shared across
  threads), so give workers one thread each (``--nthreads 1``) and as many
  worker processes as cores.
* **Streaming**: at most ``in_flight_per_thread`` chunks per worker thread are
  submitted and not yet consumed, so neither side holds the corpus: memory is
  a bounded window of articles, whatever the corpus size.
* **Same code everywhere**: each worker checks that its graphbuild (the
  extraction code and its data files) is the coordinator's; a worker running
  another version refuses, with one line naming it, instead of quietly
  giving another graph.
* **Faults**: a worker that dies mid-task (killed, out of memory) is replaced
  by Dask, which runs its task again elsewhere; a chunk that kills workers
  repeatedly (Dask's ``KilledWorker``) is run again an article at a time, and
  an article that kills workers on its own is skipped with a warning
  (``on_lost``).  An unreachable scheduler, a scheduler lost mid-run, or no
  worker for ``timeout`` seconds ends the build with one :class:`ClusterError`
  line; nothing is written.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from distributed import Client, KilledWorker, WorkerPlugin
from distributed.comm import CommClosedError

from graphbuild.models import Article, Extraction
from graphbuild.parallel import ClusterError, OnLost, Result, WorkerDied, chunked, extract_results, with_articles
from graphbuild.rules import Rules

log = logging.getLogger("graphbuild.cluster")

#: Name of the worker plugin that loads the model (one registration per cluster, replaced by each build).
PLUGIN_NAME = "graphbuild-extractor"


@dataclass(frozen=True)
class ExtractorSettings:
    """What a worker needs to extract like the coordinator would: sent with the plugin and every task."""

    model: str
    batch_size: int
    rules: Rules | None
    code: str  # fingerprint of the coordinator's extraction code (code_fingerprint)

    @property
    def key(self) -> tuple:
        return (self.model, self.batch_size, repr(self.rules.user) if self.rules else None, self.code)


def code_fingerprint() -> str:
    """A hash of graphbuild's Python files and data files: equal on two machines running the same graphbuild."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *root.glob("data/*.json")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --- on the workers -----------------------------------------------------------------------------------

_EXTRACTORS: dict[tuple, tuple] = {}  # settings key -> (Extractor, lock), per worker process
_LOADING = threading.Lock()


def _extractor(settings: ExtractorSettings):
    """This worker's extractor for ``settings``: loaded once, then shared by its tasks (one at a time)."""
    with _LOADING:
        if settings.key not in _EXTRACTORS:
            if (mine := code_fingerprint()) != settings.code:
                raise ClusterError(
                    f"this worker runs another graphbuild (code {mine}, the coordinator's is "
                    f"{settings.code}): install the same version on every machine"
                )
            from graphbuild.extract import Extractor
            from graphbuild.nlp import load_pipeline

            extractor = Extractor(load_pipeline(settings.model), batch_size=settings.batch_size, rules=settings.rules)
            _EXTRACTORS[settings.key] = (extractor, threading.Lock())
        return _EXTRACTORS[settings.key]


def extract_chunk(settings: ExtractorSettings, articles: list[Article]) -> list[Result]:
    """The task: (mentions, relations) per article; the coordinator re-attaches its own Article (no text sent back)."""
    extractor, lock = _extractor(settings)
    with lock:
        return extract_results(extractor, articles)


class LoadModel(WorkerPlugin):
    """Loads the pipeline on each worker when the build starts (or when the worker joins), not in its first task."""

    def __init__(self, settings: ExtractorSettings) -> None:
        self.settings = settings

    def setup(self, worker) -> None:
        _extractor(self.settings)


# --- on the coordinator -------------------------------------------------------------------------------


def extract_on_cluster(
    articles: Iterable[Article],
    address: str,
    model: str,
    rules: Rules | None = None,
    chunk_size: int = 16,
    batch_size: int = 64,
    in_flight_per_thread: int = 2,
    timeout: float = 60.0,
    on_lost: OnLost | None = None,
) -> Iterator[Extraction]:
    """Extractions of ``articles`` in input order, computed by the Dask cluster at ``address``.

    ``timeout``: seconds to wait for the scheduler to answer, and for a worker while none is connected.
    Raises :class:`ClusterError` (one line) when the cluster cannot be used, and a worker's own exception
    (e.g. ``ModelNotFound``) unchanged.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    settings = ExtractorSettings(model, batch_size, rules, code_fingerprint())
    client = _connect(address, timeout)
    try:
        _prepare_workers(client, address, settings, timeout)
        cluster = _Submitter(client, address, settings, timeout)
        window = cluster.window(in_flight_per_thread)
        pending: deque = deque()
        for chunk in chunked(articles, chunk_size):
            pending.append((chunk, cluster.submit(chunk)))
            if len(pending) >= window:
                window = cluster.window(in_flight_per_thread)  # workers may have joined or left meanwhile
            if len(pending) >= window:
                yield from cluster.results(*pending.popleft(), on_lost)
        while pending:
            yield from cluster.results(*pending.popleft(), on_lost)
    finally:
        client.close()


def check_address(address: str) -> str:
    """``address`` if it reads as a scheduler address (``tcp://HOST:PORT``, ``HOST:PORT``, ``tls://…``), else
    :class:`ClusterError`; checked before connecting, since a Client that cannot parse it leaves noise behind."""
    from distributed.comm import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address.strip())
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
        elif not location:
            raise ValueError("no location after the scheme")
    except (ValueError, TypeError) as exc:
        raise ClusterError(
            f"{address!r} is not a Dask scheduler address ({_reason(exc)}); expected tcp://HOST:PORT, "
            "as `dask scheduler` prints it"
        ) from None
    return address.strip()


def _connect(address: str, timeout: float) -> Client:
    address = check_address(address)
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({_reason(exc)}); is `dask scheduler` "
            "running there, and is the address (tcp://HOST:PORT) right?"
        ) from None


def _prepare_workers(client, address: str, settings: ExtractorSettings, timeout: float) -> None:
    """Wait for a worker, then have every worker load the model (a failure, e.g. ModelNotFound, is raised here)."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ClusterError(
            f"no Dask worker is connected to the scheduler at {address} (waited {timeout:g} s): "
            f"start some with `dask worker {address} --nthreads 1`"
        ) from None
    except (OSError, CancelledError) as exc:
        raise ClusterError(f"lost the Dask scheduler at {address} while waiting for workers ({_reason(exc)})") from None
    try:
        client.register_plugin(LoadModel(settings), name=PLUGIN_NAME)
    except (CommClosedError, CancelledError) as exc:  # a worker's own error (e.g. ModelNotFound) goes through unchanged
        raise ClusterError(
            f"lost the Dask scheduler at {address} while the workers loaded the model "
            f"({_reason(exc)}); nothing was written"
        ) from None


class _Submitter:
    """Submits chunks and collects their results, retrying what a worker death cost."""

    def __init__(self, client, address: str, settings: ExtractorSettings, timeout: float) -> None:
        self.client, self.address, self.settings, self.timeout = client, address, settings, timeout
        self.run = uuid4().hex[:8]
        self.count = 0

    def window(self, per_thread: int) -> int:
        """How many chunks may be in flight: ``per_thread`` for each worker thread the cluster has now."""
        try:
            return max(1, per_thread * sum(self.client.nthreads().values()))
        except (OSError, TimeoutError, CancelledError):
            raise self._lost() from None

    def submit(self, chunk: list[Article]):
        self.count += 1
        key = f"graphbuild-extract-{self.run}-{self.count}"  # readable on the Dask dashboard
        return self.client.submit(extract_chunk, self.settings, chunk, key=key, pure=False)

    def results(self, chunk: list[Article], future, on_lost: OnLost | None) -> Iterator[Extraction]:
        try:
            results = self._wait(future)
        except KilledWorker:
            yield from self._article_by_article(chunk, on_lost)
            return
        finally:
            future.release()
        yield from with_articles(chunk, results, on_lost)

    def _article_by_article(self, chunk: list[Article], on_lost: OnLost | None) -> Iterator[Extraction]:
        if len(chunk) > 1:
            log.warning(
                "Dask workers died running %d article(s) (%s … %s); extracting them one at a time",
                len(chunk),
                chunk[0].id,
                chunk[-1].id,
            )
        for article, future in [(a, self.submit([a])) for a in chunk]:
            try:
                yield from with_articles([article], self._wait(future), on_lost)
            except KilledWorker:
                reason = "every Dask worker that extracted it died (a crash in the parser, or out of memory)"
                if on_lost is None:
                    raise WorkerDied(f"article {article.id}: {reason}") from None
                on_lost(article, reason)
            finally:
                future.release()

    def _wait(self, future):
        """The task's result; waits while the task runs, however long, but not while no worker is there."""
        while True:
            try:
                return future.result(timeout=self.timeout)
            except TimeoutError:
                if not self._workers():
                    raise ClusterError(
                        f"no Dask worker is left at {self.address} (none after waiting {self.timeout:g} s "
                        f"for a result); start workers again (`dask worker {self.address}`) and rerun; "
                        "nothing was written"
                    ) from None
            except CancelledError:
                raise self._lost() from None
            except OSError as exc:
                raise ClusterError(
                    f"lost the connection to the Dask scheduler at {self.address} ({_reason(exc)}); nothing was written"
                ) from None

    def _workers(self) -> int:
        try:
            return len(self.client.scheduler_info().get("workers", {}))
        except (OSError, TimeoutError, CancelledError):
            raise self._lost() from None

    def _lost(self) -> ClusterError:
        return ClusterError(
            f"lost the Dask scheduler at {self.address} during the build; nothing was written: rerun once it is back"
        )


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


__all__ = [
    "ClusterError",
    "ExtractorSettings",
    "LoadModel",
    "PLUGIN_NAME",
    "check_address",
    "code_fingerprint",
    "extract_chunk",
    "extract_on_cluster",
]
