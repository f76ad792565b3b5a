"""Text from any source: one normal form for all text, and cleaned record fields."""

from __future__ import annotations

import logging
import os
import re
from datetime import date
from typing import Any

from dateutil import parser as dateutil_parser

from graphbuild.dates import parse_explicit_date
from graphbuild.inputs import normalize_text

logger = logging.getLogger("graphbuild.read")

__all__ = [
    "clean_field",
    "clean_field_text",
    "clean_id",
    "clean_text",
    "cut_text",
    "display_path",
    "normalize_text",
    "parse_published",
]


def display_path(path: str | os.PathLike) -> str:
    """A path as text every writer can encode: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) are shown as ``\\xNN``, the same in every format."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def clean_text(text: str) -> str:
    return normalize_text(text).strip()


def cut_text(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending where a paragraph ends, else a sentence, else a word."""
    head = text[:limit]
    for end in ("\n", ". ", " "):
        position = head.rfind(end)
        if position >= limit // 2:
            return head[: position + len(end)].rstrip()
    return head


def clean_id(value: Any) -> str | None:
    """A single-line id from a record field or file stem, or None if there is none."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return " ".join(normalize_text(str(value)).split()) or None


def clean_field(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return clean_text(str(value)) or None


def clean_field_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return clean_text(value) or None


#: A sign before the year: ISO 8601's years before 1 ("-0005-03-01"), which a date cannot hold.
_SIGNED_YEAR = re.compile(r"^\s*[-+−]\s*\d")


def parse_published(value: Any, source: str) -> date | None:
    """A publication date from ISO text (or RFC 2822 and the like); None, with a warning, if unreadable.

    Any year from 1 to 9999 is kept, sentinels such as ``0001-01-01`` (Go's zero time) and
    ``9999-12-31`` included; what a date means for a relation is decided later.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str) and not _SIGNED_YEAR.match(value):
        try:
            return dateutil_parser.isoparse(value.strip()).date()
        except (ValueError, OverflowError):
            resolved = parse_explicit_date(value)
            if resolved is not None:
                return resolved.start
    logger.warning("%s: cannot read published date %r; leaving it empty", source, value)
    return None
