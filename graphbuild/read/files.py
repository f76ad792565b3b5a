"""Finding the files of the sources, giving them ids, and reading one file, HTML page or stdin."""

from __future__ import annotations

import hashlib
import os
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

import trafilatura

from graphbuild.models import Article
from graphbuild.read.feeds import read_json, read_jsonl
from graphbuild.read.options import HTML_SUFFIXES, STDIN_ARTICLE_ID, STDIN_SOURCE, SUPPORTED_SUFFIXES, ReadOptions, ReadReport, logger
from graphbuild.read.encoding import decode
from graphbuild.read.text import clean_field, clean_id, clean_text, display_path, parse_published


def collect_files(sources: Iterable[str | Path], report: ReadReport) -> tuple[list[tuple[Path, str]], bool]:
    """Expand sources into (resolved path, path as the user would recognise it), sorted."""
    found: dict[Path, str] = {}
    wants_stdin = False

    def add(path: Path) -> None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, before Python 3.13
            report.skip(path, f"cannot resolve path: {error}")
            return
        shown = display_path(path)
        # The same file reached two ways: keep one, and pick its name deterministically.
        found[resolved] = min(shown, found.get(resolved, shown))

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
    def on_error(error: OSError) -> None:
        report.skip(error.filename or folder, f"cannot list folder: {error.strerror or error}")

    # Symlinked subfolders are followed; a folder reached twice (a link to a parent, two links to
    # one place) is listed once, so link loops end.
    seen: set[tuple[int, int]] = set()
    for current, folder_names, file_names in os.walk(folder, onerror=on_error, followlinks=True):
        try:
            info = os.stat(current)
        except OSError as error:
            on_error(error)
            continue
        if (info.st_dev, info.st_ino) in seen:
            folder_names[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        folder_names[:] = [name for name in folder_names if not name.startswith(".")]
        for name in file_names:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(current, name)


def file_ids(paths: list[Path]) -> dict[Path, str]:
    """Each file's id: its stem, or stem plus a short path hash when stems clash."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        by_stem[clean_id(display_path(path.stem)) or "article"].append(path)

    ids: dict[Path, str] = {}
    for stem, clashing in by_stem.items():
        if len(clashing) == 1:
            ids[clashing[0]] = stem
            continue
        shared_folder = Path(os.path.commonpath(clashing))
        for path in clashing:
            relative = path.relative_to(shared_folder).as_posix()
            ids[path] = f"{stem}-{hashlib.sha1(os.fsencode(relative)).hexdigest()[:8]}"
    return ids


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
        if suffix == ".jsonl":
            yield from read_jsonl(path, shown, file_id, options, report)
            return
        if info.st_size > options.max_bytes:
            report.skip(shown, f"file is {info.st_size:,} bytes, over the {options.max_bytes:,} byte limit")
            return
        text = _decoded(path.read_bytes(), shown, report)
        if text is None:
            return
        cleaned = clean_text(text)
        if not cleaned:
            report.skip(shown, "empty file (only whitespace)")
            return
        if suffix == ".json":
            yield from read_json(text, shown, file_id, options, report)
        elif suffix in HTML_SUFFIXES:
            article = _article_from_html(text, file_id, shown, report)
            if article is not None:
                yield article
        else:
            yield Article(id=file_id, text=cleaned, source=shown)
    except OSError as error:
        report.skip(shown, f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 — one odd file (e.g. HTML that breaks lxml) must not end the run
        logger.debug("unexpected error reading %s", shown, exc_info=True)
        report.skip(shown, f"unexpected error: {type(error).__name__}: {error}")


def _decoded(data: bytes, shown: str, report: ReadReport) -> str | None:
    """The text of a file's bytes; None (reported) if they are not text; repairs are logged."""
    decoded = decode(data)
    if decoded.text is None:
        report.skip(shown, decoded.note or "not text in any known encoding")
    elif decoded.note:
        logger.warning("%s: %s", shown, decoded.note)
    return decoded.text


def _article_from_plain_text(text: str, article_id: str, source: str, report: ReadReport) -> Article | None:
    text = clean_text(text)
    if not text:
        report.skip(source, "empty file (only whitespace)")
        return None
    return Article(id=article_id, text=text, source=source)


def _article_from_html(html: str, article_id: str, source: str, report: ReadReport) -> Article | None:
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is not None and not isinstance(document, dict):  # trafilatura 2 returns a Document
        document = document.as_dict()
    text = clean_text(document.get("text") or "") if document is not None else ""
    if not text:
        report.skip(source, "no article text found in the HTML")
        return None
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=clean_field(document.get("title")),
        url=clean_field(document.get("url")),
        author=clean_field(document.get("author")),
        published=parse_published(document.get("date"), source),
        publisher=clean_field(document.get("sitename")),
    )


def read_stdin(stream: TextIO, options: ReadOptions, report: ReadReport) -> Article | None:
    # Reading bytes lets encoding detection work as it does for files.
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    data = binary.read(options.max_bytes + 1) if binary is not None else stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        report.skip(STDIN_SOURCE, f"input is over the {options.max_bytes:,} byte limit")
        return None
    text = _decoded(data, STDIN_SOURCE, report) if isinstance(data, bytes) else data
    if text is None:
        return None
    if not text.strip():
        report.skip(STDIN_SOURCE, "empty input")
        return None
    return _article_from_plain_text(text, STDIN_ARTICLE_ID, STDIN_SOURCE, report)
