"""Text from any source: decoding bytes of unknown encoding, and one normal form for all text."""

from __future__ import annotations

import codecs
import logging
import unicodedata
from datetime import date
from typing import Any

import charset_normalizer
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
    encoding = detect_encoding(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def detect_encoding(data: bytes, *, truncated: bool = False) -> str | None:
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
                return resolved.value
    logger.warning("%s: cannot read published date %r; leaving it empty", source, value)
    return None
