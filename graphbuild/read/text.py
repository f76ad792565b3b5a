"""Text from any source: one normal form for all text, and cleaned record fields."""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from datetime import date
from typing import Any

from dateutil import parser as dateutil_parser

from graphbuild.dates import parse_explicit_date

logger = logging.getLogger("graphbuild.read")

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_KEPT_CONTROLS = "\n\t"
_DROPPED_CHARACTERS = str.maketrans(
    dict.fromkeys(
        [ord(c) for c in _ZERO_WIDTH]
        + [code for code in range(0x20) if chr(code) not in _KEPT_CONTROLS]
        + list(range(0x7F, 0xA0))
    )
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Make text from any source comparable: NFC, ``\\n`` line ends, no invisible characters.

    Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and control
    characters other than newline and tab are removed.  Typographic quotes,
    dashes and non-breaking spaces are text and stay.  Unpaired UTF-16
    surrogates (an escaped ``"\\ud83d"`` in JSON: half an emoji) cannot be
    written as UTF-8 by anything later on; they become U+FFFD, and a pair
    left as two halves becomes the one character it stands for.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_DROPPED_CHARACTERS)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return unicodedata.normalize("NFC", text)


def display_path(path: str | os.PathLike) -> str:
    """A path as text every writer can encode: bytes of a file name that are not UTF-8
    (which Python keeps as lone surrogates) are shown as ``\\xNN``, the same in every format."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def clean_text(text: str) -> str:
    return normalize_text(text).strip()


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


def parse_published(value: Any, source: str) -> date | None:
    """A publication date from ISO text (or RFC 2822 and the like); None, with a warning, if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dateutil_parser.isoparse(value.strip()).date()
        except (ValueError, OverflowError):
            resolved = parse_explicit_date(value)
            if resolved is not None:
                return resolved.start
    logger.warning("%s: cannot read published date %r; leaving it empty", source, value)
    return None
