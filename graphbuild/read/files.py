"""Finding the files of the sources, giving them ids, and reading one file, HTML page or stdin."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from graphbuild.models import Article
from graphbuild.read.encoding import decode
from graphbuild.read.feeds import read_json, read_jsonl
from graphbuild.read.html import article_from_html, is_graphbuild_page
from graphbuild.read.options import (
    HTML_SUFFIXES,
    STDIN_ARTICLE_ID,
    STDIN_SOURCE,
    SUPPORTED_SUFFIXES,
    ReadOptions,
    ReadReport,
    article_text,
    logger,
)
from graphbuild.read.text import clean_id, clean_text, display_path


def source_root(sources: Iterable[str | Path]) -> Path:
    """The folder file ids are paths in, when none is given: the deepest folder holding every source.

    A folder given as a source is inside it, not it, so the folder's name is part of the ids
    (``build 2024-05-01`` gives ``2024-05-01/index``): a later ``--update`` with
    ``2024-05-02`` then gives ``2024-05-02/index``, not a second ``index``.
    """
    paths = [Path(os.path.abspath(source)) for source in sources if str(source) != STDIN_SOURCE]
    if not paths:
        return Path(os.getcwd())
    return Path(os.path.commonpath([path.parent for path in paths]))


def outside_root(sources: Iterable[str | Path], root: Path) -> list[str]:
    """The sources that are not inside ``root`` (so their files could get no id there)."""
    return [
        display_path(source)
        for source in sources
        if str(source) != STDIN_SOURCE and _relative_to(Path(source), root) is None
    ]


def _relative_to(path: Path, root: Path) -> str | None:
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return Path(relative).as_posix()


def collect_files(sources: Iterable[str | Path], report: ReadReport) -> tuple[list[tuple[Path, Path]], bool]:
    """Expand sources into (resolved path, path as reached from the source), sorted by resolved path."""
    found: dict[Path, Path] = {}
    wants_stdin = False

    def add(path: Path) -> None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, before Python 3.13
            report.skip(path, f"cannot resolve path: {error.strerror if isinstance(error, OSError) else error}")
            return
        # The same file reached two ways: keep one, and pick its name deterministically.
        if resolved not in found or display_path(path) < display_path(found[resolved]):
            found[resolved] = path

    for source in sources:
        if str(source) == STDIN_SOURCE:
            wants_stdin = True
            continue
        path = Path(source)
        try:
            is_folder, exists = path.is_dir(), path.exists()
        except OSError as error:
            report.skip(path, f"cannot read: {error.strerror or error}")
            continue
        if is_folder:
            for file in _walk_folder(path, report):
                add(file)
        elif not exists:
            report.skip(path, "no such file or folder")
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            report.skip(path, f"unsupported file type {path.suffix or '(no suffix)'!r}; supported: {supported}")
        else:
            add(path)

    return sorted(found.items()), wants_stdin


def _walk_folder(folder: Path, report: ReadReport) -> Iterator[Path]:
    """The supported files under ``folder``, however deep, without recursion.

    Symlinked subfolders are followed; a folder reached twice (a link to a parent, two links to
    one place) is listed once, so link loops end.  Hidden files and folders are left out.  A
    folder that cannot be listed (no permission, a path longer than the system allows) is
    skipped with a warning, and the walk goes on.
    """
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            report.skip(current, f"cannot list folder: {error.strerror or error}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                pending.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(entry.path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False


def file_ids(paths: list[Path], root: Path) -> dict[Path, str | None]:
    """Each file's id: its path in ``root`` without the suffix (None for a file outside ``root``).

    The id depends on nothing but the file's place under the root, so a file gets the same id
    whichever batch it is read in.  Where two files differ only in their suffix
    (``story.txt``, ``story.html``), both ids keep it.
    """
    ids: dict[Path, str | None] = {}
    for path in paths:
        relative = _relative_to(path, root)
        if relative is None:
            ids[path] = None
            continue
        siblings = {path.with_suffix(suffix) for suffix in SUPPORTED_SUFFIXES} - {
            path.with_suffix(path.suffix.lower()),
            path,
        }
        if not any(_exists(sibling) for sibling in siblings):
            relative = relative[: len(relative) - len(path.suffix)] if path.suffix else relative
        ids[path] = clean_id(display_path(relative)) or "article"
    return ids


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


class UniqueIds:
    """Hands out article ids, renaming the second and later users of an id."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, article: Article) -> Article:
        article_id = article.id
        suffix = 2
        while article_id in self._taken:
            article_id = f"{article.id}~{suffix}"
            suffix += 1
        self._taken.add(article_id)
        if article_id == article.id:
            return article
        logger.warning("%s: article id %r is already used; using %r", article.source, article.id, article_id)
        return article.model_copy(update={"id": article_id})


# --- reading one file ------------------------------------------------------

#: A node-link graph (``networkx.node_link_data``, as graphbuild writes graph.json) starts so.
_NODE_LINK_GRAPH = re.compile(rb'^\s*\{\s*"directed"\s*:')


def read_file(path: Path, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
    """Every article in one file; problems are reported, never raised."""
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            report.skip(shown, "not a regular file")
            return
        if info.st_size == 0:
            report.skip(shown, "empty file")
            return
        if suffix in {".json", ".html", ".htm"} and _written_by_graphbuild(path, suffix):
            # An earlier graph.json or graph.html in the folder being read: output, not an article.
            logger.info("ignored %s: a graph file, not articles", shown)
            return
        if suffix == ".jsonl":
            yield from read_jsonl(path, shown, file_id, options, report)
            return
        if info.st_size > options.max_bytes:
            report.skip(shown, f"file is {info.st_size:,} bytes, over the {options.max_bytes:,} byte limit")
            return
        text = _decoded(path.read_bytes(), shown, report)
        if text is None:
            return
        if not clean_text(text):
            report.skip(shown, "empty file (only whitespace)")
            return
        yield from _articles_in(text, suffix, shown, file_id, options, report)
    except OSError as error:
        report.skip(shown, f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 — one odd file (e.g. HTML that breaks lxml) must not end the run
        logger.debug("unexpected error reading %s", shown, exc_info=True)
        report.skip(shown, f"unexpected error: {type(error).__name__}: {error}")


def _articles_in(
    text: str, suffix: str, shown: str, file_id: str, options: ReadOptions, report: ReadReport
) -> Iterator[Article]:
    """The articles of a file's decoded, non-empty text, by the format its suffix names."""
    if suffix == ".json":
        yield from read_json(text, shown, file_id, options, report)
        return
    if suffix in HTML_SUFFIXES:
        article = article_from_html(text, file_id, shown, options, report)
    else:
        article = _article_from_plain_text(text, file_id, shown, options, report)
    if article is not None:
        yield article


def _written_by_graphbuild(path: Path, suffix: str) -> bool:
    with path.open("rb") as file:
        head = file.read(4096)
    return bool(_NODE_LINK_GRAPH.match(head)) if suffix == ".json" else is_graphbuild_page(head)


def _decoded(data: bytes, shown: str, report: ReadReport) -> str | None:
    """The text of a file's bytes; None (reported) if they are not text; repairs are logged."""
    decoded = decode(data)
    if decoded.text is None:
        report.skip(shown, decoded.note or "not text in any known encoding")
    elif decoded.note:
        logger.warning("%s: %s", shown, decoded.note)
    return decoded.text


def _article_from_plain_text(
    text: str, article_id: str, source: str, options: ReadOptions, report: ReadReport
) -> Article | None:
    text = article_text(text, source, options, report)
    if not text:
        report.skip(source, "empty file (only whitespace)")
        return None
    return Article(id=article_id, text=text, source=source)


def read_stdin(stream: TextIO | None, options: ReadOptions, report: ReadReport) -> Article | None:
    """The one article on stdin; its id is ``stdin-`` and the start of the SHA-1 of its text."""
    if stream is None:  # started with stdin closed ("<&-")
        report.skip(STDIN_SOURCE, "stdin is closed")
        return None
    # Reading bytes lets encoding detection work as it does for files.
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    try:
        data = binary.read(options.max_bytes + 1) if binary is not None else stream.read(options.max_bytes + 1)
    except (OSError, ValueError) as error:  # a closed descriptor, a folder as stdin
        report.skip(STDIN_SOURCE, f"cannot read stdin: {getattr(error, 'strerror', None) or error}")
        return None
    if len(data) > options.max_bytes:
        report.skip(STDIN_SOURCE, f"input is over the {options.max_bytes:,} byte limit")
        return None
    text = _decoded(data, STDIN_SOURCE, report) if isinstance(data, bytes) else data
    if text is None:
        return None
    if not text.strip():
        report.skip(STDIN_SOURCE, "empty input")
        return None
    article = _article_from_plain_text(text, STDIN_ARTICLE_ID, STDIN_SOURCE, options, report)
    if article is None:
        return None
    digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()[:8]
    return article.model_copy(update={"id": f"{STDIN_ARTICLE_ID}-{digest}"})
