"""Write a file so that readers see either the old content or the complete new one.

An output that is a symlink is written through: the file it points to is
replaced and the link stays.  :func:`output_problem` says, before a long
build, why an output could not be written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_writer(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on any error it is removed."""
    path = Path(os.path.realpath(path))  # through symlinks: the link's target gets the new content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The mode the file would get if written directly: an existing file's, else 0666 less the umask
    (mkstemp creates 0600 files, which would surprise anyone sharing the output)."""
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def output_problem(path: str | os.PathLike, *, replace_read_only: bool = False) -> str | None:
    """Why ``path`` cannot be written as an output, or None if it can.

    A folder or a device is never replaced; a read-only file (no write
    permission bit, or none for this user) only with ``replace_read_only``
    — checked on the mode bits, since root may replace anything; and the
    folder must take a new file (a test file is created and removed, which
    tells about read-only file systems, too).
    """
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        return f"{path}: {error.strerror or error}"
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            return f"{path} is a folder"
        if not stat.S_ISREG(info.st_mode):
            return f"{path} is not a regular file"
        if not replace_read_only and (info.st_mode & 0o222 == 0 or not os.access(target, os.W_OK)):
            return f"{path} is read-only"
    if not target.parent.is_dir():
        return f"folder {target.parent} does not exist"
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".probe", dir=target.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        return f"cannot create files in {target.parent}: {error.strerror or error}"
    return None
