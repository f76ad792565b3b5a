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

A lock file is a plain file graphbuild creates; something else in its place
(a symlink someone planted, a folder) is refused with a :class:`LockError`
saying what to remove, never followed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from graphbuild.errors import ExportError
from graphbuild.export.atomic import output_target

__all__ = ["LockError", "lock_path", "locked"]


class LockError(ExportError, OSError):
    """An output's lock file cannot be used; the message is one line naming it."""

    exit_code = 2  # a lock file planted or broken in the output's folder: the output given cannot be used


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of an output: hidden, beside the file it resolves to."""
    target = output_target(path)
    return target.with_name(f".{target.name}.lock")


def _usable_lock(lock_file: Path, output: Path) -> FileLock:
    try:
        info = os.lstat(lock_file)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise LockError(f"cannot lock {output}: {lock_file}: {error.strerror or error}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        what = (
            "a symlink"
            if stat.S_ISLNK(info.st_mode)
            else "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "not a regular file"
        )
        raise LockError(
            f"cannot lock {output}: its lock file {lock_file} is {what}, not the empty file graphbuild creates "
            "(planted or left by something else); remove it and run again"
        )
    return FileLock(lock_file)


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
            lock = _usable_lock(lock_file, by_lock[lock_file])
            try:
                try:
                    lock.acquire(timeout=0)
                except Timeout:
                    if on_wait is not None:
                        on_wait(by_lock[lock_file], lock_file)
                    lock.acquire()
            except OSError as error:  # replaced between the check and the lock, or a full disk
                raise LockError(f"cannot lock {by_lock[lock_file]}: {lock_file}: {error.strerror or error}") from None
            held.callback(lock.release)
        yield
