"""JSON and JSON-lines feeds: one article per record, streamed line by line for .jsonl."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from graphbuild.errors import validation_message
from graphbuild.inputs import MAX_NESTING, json_nesting
from graphbuild.models import Article
from graphbuild.read.encoding import decode, detect_encoding
from graphbuild.read.options import ReadOptions, ReadReport, logger, within_limit
from graphbuild.read.text import clean_field, clean_field_text, clean_id, parse_published

#: Why a JSON value is not read: Python's parser recurses once per level (and fails a few hundred down).
TOO_DEEP = f"JSON nested too deeply to read (more than {MAX_NESTING} levels)"


def read_json(text: str, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
    if json_nesting(text, stop_at=MAX_NESTING) > MAX_NESTING:
        report.skip(shown, TOO_DEEP)
        return
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several top-level values: JSON lines in a .json file
            lines = enumerate(text.splitlines(), start=1)
            yield from _articles_from_lines(lines, shown, file_id, options, report)
        else:
            report.skip(shown, f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
        return
    except RecursionError:
        report.skip(shown, TOO_DEEP)
        return
    except ValueError as error:
        report.skip(shown, f"unreadable JSON: {error}")
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


def read_jsonl(path: Path, shown: str, file_id: str, options: ReadOptions, report: ReadReport) -> Iterator[Article]:
    with path.open("rb") as file:
        encoding = detect_encoding(file.read(64 * 1024), truncated=True)
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
            decoded = decode(raw)
            if decoded.text is None:
                report.skip(f"{shown}:{number}", f"line is not text in {encoding} or any other known encoding")
                continue
            if decoded.note:
                logger.warning("%s:%d: %s", shown, number, decoded.note)
            yield number, decoded.text


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
        record = _parse_record(line, source, report)
        if record is _UNREADABLE:
            continue
        try:
            article = _article_from_record(record, source, f"{file_id}:{number}", options, report)
        except Exception as error:  # noqa: BLE001 — one odd record must not cost the records after it
            report.skip(source, f"unexpected error: {type(error).__name__}: {error}")
            continue
        if article is not None:
            yield article
    if not saw_a_record:
        report.skip(shown, "empty file (only whitespace)")


_UNREADABLE = object()


def _parse_record(line: str, source: str, report: ReadReport) -> Any:
    """One JSON line's value, or ``_UNREADABLE`` (reported) — whatever is wrong with the line."""
    if json_nesting(line, stop_at=MAX_NESTING) > MAX_NESTING:
        report.skip(source, TOO_DEEP)
        return _UNREADABLE
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        report.skip(source, f"malformed JSON: {error.msg} at column {error.colno}")
    except RecursionError:
        report.skip(source, TOO_DEEP)
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        report.skip(source, f"unreadable JSON: {str(error).split(';')[0]}")
    return _UNREADABLE


def _article_from_record(
    record: Any, source: str, fallback_id: str, options: ReadOptions, report: ReadReport
) -> Article | None:
    if not isinstance(record, dict):
        report.skip(source, f"record is a JSON {type(record).__name__}, not an object")
        return None
    text = next(
        (cleaned for name in options.text_fields if (cleaned := clean_field_text(record.get(name)))),
        None,
    )
    if text is None:
        report.skip(source, f"record has no text (looked in: {', '.join(options.text_fields)})")
        return None
    try:
        return Article(
            id=clean_id(record.get(options.id_field)) or fallback_id,
            text=within_limit(text, source, options, report),
            source=source,
            title=clean_field(record.get(options.title_field)),
            url=clean_field(record.get(options.url_field)),
            author=clean_field(record.get(options.author_field)),
            published=parse_published(record.get(options.published_field), source),
            publisher=clean_field(record.get(options.source_field)),
        )
    except ValidationError as error:
        report.skip(source, f"invalid record: {validation_message(error)}")
        return None
