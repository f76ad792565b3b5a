"""Write a file so that readers see either the old content or the complete new one.

An output that is a symlink is written through: the file it points to is
replaced and the link stays — except a symlink that another user planted
in a shared folder.  In a folder that is sticky and writable by everyone
(``/tmp``), anyone can create a link named like your output and point it
at a file of yours (or, when you are root, at any file); the kernel's
``fs.protected_symlinks`` rule refuses to follow such a link unless it
belongs to the one following it or to the folder's owner.  graphbuild
resolves an output's path itself (:func:`output_target`) and applies the
same rule at every link on the way, whatever the kernel setting, and
``--force`` does not override it.  :func:`output_problem` says, before a
long build, why an output could not be written.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graphbuild.errors import ExportError

__all__ = ["UntrustedSymlink", "atomic_path", "atomic_writer", "output_problem", "output_target"]

#: Links followed before giving up, as the kernel does (ELOOP).
_MAX_LINKS = 40


class UntrustedSymlink(ExportError, PermissionError):
    """An output path goes through a symlink that the protected-symlinks rule forbids following."""


def output_target(path: str | os.PathLike) -> Path:
    """The file an output path names, through symlinks, as :func:`os.path.realpath` finds it.

    Raises :class:`UntrustedSymlink` for a link in a sticky, world-writable folder whose owner is
    neither this process's user nor the folder's owner.
    """
    pending = os.path.abspath(path).split(os.sep)[1:]
    resolved, links = os.sep, 0
    while pending:
        name = pending.pop(0)
        if name in ("", "."):
            continue
        if name == "..":
            resolved = os.path.dirname(resolved)
            continue
        candidate = os.path.join(resolved, name)
        try:
            info = os.lstat(candidate)
        except OSError:  # not there (yet): the rest of the path is taken as written
            resolved = candidate
            continue
        if not stat.S_ISLNK(info.st_mode):
            resolved = candidate
            continue
        links += 1
        if links > _MAX_LINKS:
            raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path))
        _check_link(candidate, info, resolved)
        target = os.readlink(candidate)
        if os.path.isabs(target):
            resolved = os.sep
        pending[:0] = target.split(os.sep)
    return Path(resolved)


def _check_link(link: str, link_info: os.stat_result, folder: str) -> None:
    folder_info = os.stat(folder)
    shared = folder_info.st_mode & stat.S_ISVTX and folder_info.st_mode & stat.S_IWOTH
    if shared and link_info.st_uid not in (os.geteuid(), folder_info.st_uid):
        raise UntrustedSymlink(
            errno.EACCES,
            f"{link} is a symlink owned by another user (uid {link_info.st_uid}) in {folder}, a folder everyone may "
            "write to: refusing to follow it (it could point at any file); remove it or write the output elsewhere",
        )


@contextmanager
def atomic_writer(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on any error it is removed."""
    with atomic_path(path) as tmp:
        with open(tmp, mode, encoding=encoding if "b" not in mode else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """The path of a temporary file beside ``path`` for a writer that needs a path (SQLite); once the
    block ends without error it replaces ``path``, on any error it is removed."""
    path = output_target(path)  # through symlinks: the link's target gets the new content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    os.close(fd)
    try:
        yield Path(tmp)
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
    tells about read-only file systems, too).  A symlink another user planted in a
    shared folder is never followed (see the module docstring), ``replace_read_only`` or not.
    """
    try:
        target = output_target(path)
    except UntrustedSymlink as error:
        return error.strerror
    except OSError as error:
        return f"{path}: {error.strerror or error}"
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
