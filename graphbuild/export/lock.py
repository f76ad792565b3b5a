"""One graphbuild run at a time per output file.

Two ``--update`` runs on one graph would both read the old graph, and the one
that writes last would drop the other's articles.  So a run holds a lock on
each output file — the hidden lock file ``.<name>.lock`` beside the file the
output resolves to (through symlinks) — from before it reads anything until
its outputs are written; a second run waits for the first, then reads the
graph the first one wrote.  The operating system releases the lock when a
run ends in any way (even ``kill -9``), so a lock is never left stale.  The
(empty) lock file stays: removing it while another run waits on it would
let a third run lock a new file beside the waiting one.  The library is
`filelock <https://py-filelock.readthedocs.io>`_.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

__all__ = ["lock_path", "locked"]


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of an output: hidden, beside the file it resolves to."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(paths: Iterable[str | os.PathLike], on_wait: Callable[[Path, Path], None] | None = None) -> Iterator[None]:
    """Hold the lock of every path in ``paths`` for the duration; ``on_wait(path, lock file)`` is
    called before waiting for a lock another process holds.

    Locks are taken in one order (sorted lock paths), so two runs that share
    several outputs never wait for each other in a circle.
    """
    by_lock = {lock_path(path): Path(path) for path in paths}
    with ExitStack() as held:
        for lock_file in sorted(by_lock):
            lock = FileLock(lock_file)
            try:
                lock.acquire(timeout=0)
            except Timeout:
                if on_wait is not None:
                    on_wait(by_lock[lock_file], lock_file)
                lock.acquire()
            held.callback(lock.release)
        yield
