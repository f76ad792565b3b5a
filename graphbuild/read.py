"""Read news articles from files, folders, feeds and stdin — the first pipeline stage.

Public API::

    iter_articles(sources, options=None, report=None, stdin=None) -> Iterator[Article]
    ReadOptions   # size limit and the field names JSON feeds use
    ReadReport    # .skipped: list[Skipped], .articles_read: int
    Skipped       # .source ("path", "path:LINE" or "path#ITEM"), .reason (one line)
    normalize_text(text: str) -> str
    decode_bytes(data: bytes) -> str | None
    SUPPORTED_SUFFIXES

Inputs
    ``sources`` are files, folders (searched recursively for supported
    suffixes; hidden files and folders are ignored) or ``"-"`` for one
    plain-text article on stdin.

    ``.txt`` ``.md``    one article, text as-is
    ``.html`` ``.htm``  one article; trafilatura keeps the story body and drops
                        menus, ads, link lists, comments and footers, and finds
                        the title, author, date, canonical URL and site name
    ``.jsonl``          one record per line, streamed line by line
    ``.json``           one object, a list of objects, or JSON-lines content;
                        the whole file is loaded, so give big feeds as .jsonl

Order and ids (deterministic: the same inputs give the same articles in the
same order, however the sources were listed)
    Files are read in order of their resolved path, records in file order,
    stdin last.  A file read through two sources is read once.

    * A single-article file's id is its stem (``story.txt`` → ``story``).
      When several files in one run share a stem, each gets
      ``<stem>-<8 hex digits>``: the start of the SHA-1 of its path relative
      to the deepest folder the clashing files share (so the id does not
      depend on where the tree sits on disk).
    * A JSON record's id is its id field; without one it is
      ``<file id>:<line>`` for JSON lines and ``<file id>#<n>`` (1-based item
      number) for a JSON array.  A record's ``source`` is ``path:LINE`` or
      ``path#n`` in the same way.
    * Stdin's article is ``stdin``.
    * Ids are single-line (whitespace runs become one space).  If an id is
      already taken in this run, the later article gets ``~2``, ``~3``, …
      appended and a warning is logged.

Encodings
    A BOM decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8 is tried
    first and charset-normalizer decides the rest.  Text is then passed
    through ``normalize_text`` and stripped.

Bad input never raises: empty or binary files, files over
``ReadOptions.max_bytes``, missing or unreadable paths, malformed JSON and
records without text are each recorded in the ``ReadReport`` and logged as
one warning on the ``graphbuild.read`` logger, and reading goes on.
``max_bytes`` limits whole files, except for ``.jsonl`` feeds, which are
streamed: there it limits each record (line).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import os
import stat
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import charset_normalizer
import trafilatura
from dateutil import parser as dateutil_parser
from pydantic import BaseModel, ValidationError

from graphbuild.dates import parse_explicit_date
from graphbuild.models import Article

logger = logging.getLogger("graphbuild.read")

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl", ".json"}

STDIN_SOURCE = "-"
STDIN_ARTICLE_ID = "stdin"


class ReadOptions(BaseModel):
    """What to accept and where JSON records keep their fields."""

    max_bytes: int = 20_000_000
    text_fields: tuple[str, ...] = ("text", "content", "body")  # first non-empty one wins
    id_field: str = "id"
    title_field: str = "title"
    url_field: str = "url"
    published_field: str = "published"
    source_field: str = "source"  # the outlet; becomes Article.publisher
    author_field: str = "author"


class Skipped(BaseModel):
    """One input that gave no article."""

    source: str
    reason: str


@dataclass
class ReadReport:
    """What a read produced and what it had to skip."""

    skipped: list[Skipped] = field(default_factory=list)
    articles_read: int = 0

    def skip(self, source: str | Path, reason: str) -> None:
        entry = Skipped(source=str(source), reason=" ".join(reason.split()))
        self.skipped.append(entry)
        logger.warning("skipped %s: %s", entry.source, entry.reason)


def iter_articles(
    sources: Sequence[str | Path],
    options: ReadOptions | None = None,
    report: ReadReport | None = None,
    stdin: TextIO | None = None,
) -> Iterator[Article]:
    """Yield the articles found in ``sources``, lazily, in a deterministic order."""
    options = options or ReadOptions()
    report = report if report is not None else ReadReport()
    if isinstance(sources, (str, Path)):  # a lone path is a Sequence of characters, not of paths
        sources = [sources]

    files, wants_stdin = _collect_files(sources, report)
    file_ids = _file_ids([resolved for resolved, _ in files])
    taken_ids = _UniqueIds()

    for resolved, shown in files:
        for article in _read_file(resolved, shown, file_ids[resolved], options, report):
            report.articles_read += 1
            yield taken_ids.claim(article)

    if wants_stdin:
        article = _read_stdin(stdin if stdin is not None else sys.stdin, options, report)
        if article is not None:
            report.articles_read += 1
            yield taken_ids.claim(article)


# --- text ------------------------------------------------------------------

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_KEPT_CONTROLS = "\n\t"
_DROPPED_CHARACTERS = str.maketrans(
    dict.fromkeys(
        [ord(c) for c in _ZERO_WIDTH]
        + [code for code in range(0x20) if chr(code) not in _KEPT_CONTROLS]
        + list(range(0x7F, 0xA0))
    )
)


def normalize_text(text: str) -> str:
    """Make text from any source comparable: NFC, ``\\n`` line ends, no invisible characters.

    Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and control
    characters other than newline and tab are removed.  Typographic quotes,
    dashes and non-breaking spaces are text and stay.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_DROPPED_CHARACTERS)
    return unicodedata.normalize("NFC", text)


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> str | None:
    """Decode bytes of unknown encoding; ``None`` if they do not look like text."""
    encoding = _detect_encoding(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _detect_encoding(data: bytes, *, truncated: bool = False) -> str | None:
    """The codec to decode ``data`` with, or ``None`` for binary data.

    ``truncated`` says ``data`` is only the head of a file, so it may end
    in the middle of a UTF-8 character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:  # text without a BOM has no NUL bytes; binary formats do
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=not truncated)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # charset-normalizer cannot reliably tell the single-byte Latin code pages
    # apart on article-sized text: French in Windows-1252 often comes back as
    # cp1250 or cp1257 ("à" read as "ŕ").  For English-language news the
    # legacy encoding met in practice is Windows-1252 (a superset of Latin-1's
    # printable characters), so whenever charset-normalizer finds it plausible
    # at all, it wins.  The cost: Central European legacy files (cp1250,
    # cp1257) that also pass as cp1252 are misread; such files should be UTF-8.
    if any("cp1252" in match.could_be_from_charset for match in matches):
        return "cp1252"
    return best.encoding


def _clean_text(text: str) -> str:
    return normalize_text(text).strip()


def _clean_id(value: Any) -> str | None:
    """A single-line id from a record field or file stem, or None if there is none."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return " ".join(normalize_text(str(value)).split()) or None


def _clean_field(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return _clean_text(str(value)) or None


# --- finding files ---------------------------------------------------------


def _collect_files(sources: Iterable[str | Path], report: ReadReport) -> tuple[list[tuple[Path, str]], bool]:
    """Expand sources into (resolved path, path as the user would recognise it), sorted."""
    found: dict[Path, str] = {}
    wants_stdin = False

    def add(path: Path) -> None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, before Python 3.13
            report.skip(path, f"cannot resolve path: {error}")
            return
        shown = str(path)
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

    for current, folder_names, file_names in os.walk(folder, onerror=on_error):
        folder_names[:] = [name for name in folder_names if not name.startswith(".")]
        for name in file_names:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(current, name)


def _file_ids(paths: list[Path]) -> dict[Path, str]:
    """Each file's id: its stem, or stem plus a short path hash when stems clash."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        by_stem[_clean_id(path.stem) or "article"].append(path)

    ids: dict[Path, str] = {}
    for stem, clashing in by_stem.items():
        if len(clashing) == 1:
            ids[clashing[0]] = stem
            continue
        shared_folder = Path(os.path.commonpath(clashing))
        for path in clashing:
            relative = path.relative_to(shared_folder).as_posix()
            ids[path] = f"{stem}-{hashlib.sha1(relative.encode()).hexdigest()[:8]}"
    return ids


class _UniqueIds:
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


def _read_file(path: Path, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
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
            yield from _read_jsonl(path, shown, file_id, options, report)
            return
        if info.st_size > options.max_bytes:
            report.skip(shown, f"file is {info.st_size:,} bytes, over the {options.max_bytes:,} byte limit")
            return
        text = decode_bytes(path.read_bytes())
        if text is None:
            report.skip(shown, "binary file: not text in any known encoding")
            return
        if not _clean_text(text):
            report.skip(shown, "empty file (only whitespace)")
            return
        if suffix == ".json":
            yield from _read_json(text, shown, file_id, options, report)
            return
        read_one = _article_from_html if suffix in HTML_SUFFIXES else _article_from_plain_text
        article = read_one(text, file_id, shown, report)
        if article is not None:
            yield article
    except OSError as error:
        report.skip(shown, f"cannot read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 — one odd file (e.g. HTML that breaks lxml) must not end the run
        logger.debug("unexpected error reading %s", shown, exc_info=True)
        report.skip(shown, f"unexpected error: {type(error).__name__}: {error}")


def _article_from_plain_text(text: str, article_id: str, source: str, report: ReadReport) -> Article | None:
    text = _clean_text(text)
    if not text:
        report.skip(source, "empty file (only whitespace)")
        return None
    return Article(id=article_id, text=text, source=source)


def _article_from_html(html: str, article_id: str, source: str, report: ReadReport) -> Article | None:
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is not None and not isinstance(document, dict):  # trafilatura 2 returns a Document
        document = document.as_dict()
    text = _clean_text(document.get("text") or "") if document is not None else ""
    if not text:
        report.skip(source, "no article text found in the HTML")
        return None
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=_clean_field(document.get("title")),
        url=_clean_field(document.get("url")),
        author=_clean_field(document.get("author")),
        published=_parse_published(document.get("date"), source),
        publisher=_clean_field(document.get("sitename")),
    )


def _read_stdin(stream: TextIO, options: ReadOptions, report: ReadReport) -> Article | None:
    # Reading bytes lets encoding detection work as it does for files.
    binary: BinaryIO | None = getattr(stream, "buffer", None)
    data = binary.read(options.max_bytes + 1) if binary is not None else stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        report.skip(STDIN_SOURCE, f"input is over the {options.max_bytes:,} byte limit")
        return None
    text = decode_bytes(data) if isinstance(data, bytes) else data
    if text is None:
        report.skip(STDIN_SOURCE, "binary input: not text in any known encoding")
        return None
    if not text.strip():
        report.skip(STDIN_SOURCE, "empty input")
        return None
    return _article_from_plain_text(text, STDIN_ARTICLE_ID, STDIN_SOURCE, report)


# --- JSON feeds ------------------------------------------------------------


def _read_json(text: str, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several top-level values: JSON lines in a .json file
            lines = enumerate(text.splitlines(), start=1)
            yield from _articles_from_lines(lines, shown, file_id, options, report)
        else:
            report.skip(shown, f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
        return

    if isinstance(content, dict):
        article = _article_from_record(content, shown, file_id, options, report)
        if article is not None:
            yield article
    elif isinstance(content, list):
        for number, record in enumerate(content, start=1):
            article = _article_from_record(record, f"{shown}#{number}", f"{file_id}#{number}", options, report)
            if article is not None:
                yield article
    else:
        report.skip(shown, f"JSON holds a {type(content).__name__}, not an object or a list of objects")


def _read_jsonl(path: Path, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
    with path.open("rb") as file:
        encoding = _detect_encoding(file.read(64 * 1024), truncated=True)
        if encoding is None:
            report.skip(shown, "binary file: not text in any known encoding")
            return
        file.seek(0)
        lines = _decoded_lines(file, encoding, shown, options.max_bytes, report)
        yield from _articles_from_lines(lines, shown, file_id, options, report)


def _decoded_lines(
    file: BinaryIO, encoding: str, shown: str, max_bytes: int, report: ReadReport
) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, one at a time; over-long and undecodable lines are reported."""
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        # These encodings spread "\n" over several bytes, so lines must be split after decoding.
        text_file = io.TextIOWrapper(file, encoding=encoding)
        try:
            for number, line in enumerate(_capped_lines(text_file, max_bytes, "\n"), start=1):
                if line is None:
                    report.skip(f"{shown}:{number}", f"record is over the {max_bytes:,} byte limit")
                else:
                    yield number, line
        except UnicodeDecodeError as error:
            report.skip(shown, f"stopped reading: not valid {encoding} text ({error.reason})")
        return

    for number, raw in enumerate(_capped_lines(file, max_bytes, b"\n"), start=1):
        if raw is None:
            report.skip(f"{shown}:{number}", f"record is over the {max_bytes:,} byte limit")
            continue
        try:
            yield number, raw.decode(encoding)
        except UnicodeDecodeError:
            # Feeds are often concatenated from several sources; one odd line
            # should not cost the rest of the file.
            line = decode_bytes(raw)
            if line is None:
                report.skip(f"{shown}:{number}", f"line is not text in {encoding} or any other known encoding")
            else:
                yield number, line


def _capped_lines(file: Any, limit: int, newline: bytes | str) -> Iterator[Any]:
    """The file's lines, but ``None`` for each line longer than ``limit`` — never held in memory whole."""
    while True:
        line = file.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        while line and not line.endswith(newline):  # skip the rest of the over-long line
            line = file.readline(limit + 1)
        yield None


def _articles_from_lines(
    lines: Iterable[tuple[int, str]], shown: str, file_id: str, options: ReadOptions, report: ReadReport
) -> Iterator[Article]:
    saw_a_record = False
    for number, line in lines:
        if not line.strip():
            continue
        saw_a_record = True
        source = f"{shown}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.skip(source, f"malformed JSON: {error.msg} at column {error.colno}")
            continue
        article = _article_from_record(record, source, f"{file_id}:{number}", options, report)
        if article is not None:
            yield article
    if not saw_a_record:
        report.skip(shown, "empty file (only whitespace)")


def _article_from_record(
    record: Any, source: str, fallback_id: str, options: ReadOptions, report: ReadReport
) -> Article | None:
    if not isinstance(record, dict):
        report.skip(source, f"record is a JSON {type(record).__name__}, not an object")
        return None
    text = next(
        (cleaned for name in options.text_fields if (cleaned := _clean_field_text(record.get(name)))),
        None,
    )
    if text is None:
        report.skip(source, f"record has no text (looked in: {', '.join(options.text_fields)})")
        return None
    try:
        return Article(
            id=_clean_id(record.get(options.id_field)) or fallback_id,
            text=text,
            source=source,
            title=_clean_field(record.get(options.title_field)),
            url=_clean_field(record.get(options.url_field)),
            author=_clean_field(record.get(options.author_field)),
            published=_parse_published(record.get(options.published_field), source),
            publisher=_clean_field(record.get(options.source_field)),
        )
    except ValidationError as error:
        report.skip(source, f"invalid record: {error.errors()[0]['msg']}")
        return None


def _clean_field_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _clean_text(value) or None


def _parse_published(value: Any, source: str) -> date | None:
    """A publication date from ISO text (or RFC 2822 and the like); None, with a warning, if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dateutil_parser.isoparse(value.strip()).date()
        except (ValueError, OverflowError):
            resolved = parse_explicit_date(value)
            if resolved is not None:
                return resolved.value
    logger.warning("%s: cannot read published date %r; leaving it empty", source, value)
    return None
