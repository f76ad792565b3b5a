"""Decoding bytes of unknown encoding, and telling text from what only decodes like text.

In order, the first that applies decides:

1. a BOM (UTF-8, UTF-16, UTF-32);
2. NUL bytes: UTF-16 without a BOM if every other byte is NUL (text in
   the Latin range) and the result is believable text, else binary;
3. strict UTF-8;
4. UTF-8 with a few bad bytes (a stray byte, a character cut in two where
   files were joined): when most non-ASCII sequences are valid UTF-8, the
   bad bytes become U+FFFD and the caller is told how many;
5. charset-normalizer's best guess (Windows-1252 preferred, see below) —
   but only if the result is believable text.  Random or damaged bytes
   always decode in *some* legacy code page (cp1251, cp949, …), and the
   "words" that come out would become entity nodes made of mojibake.

"Believable" (:func:`looks_like_text`): no more than a trace of control or
unassigned characters, and few words that switch script inside
(``дЄКжµЈ``: Cyrillic with a micro sign; ``먂욦菜``: Hangul with Han) or
go from lower to upper case inside (``лнбЪ``); real text has almost none.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

__all__ = ["Decoded", "decode", "decode_bytes", "detect_encoding", "looks_like_text"]

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """``text`` is None when the bytes are not text; ``note`` says why, or what was repaired."""

    text: str | None
    note: str | None = None


@dataclass(frozen=True)
class _Guess:
    encoding: str | None
    errors: str = "strict"
    note: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding (see the module docstring)."""
    guess = _guess(data, truncated=False)
    if guess.encoding is None:
        return Decoded(None, guess.note)
    try:
        return Decoded(data.decode(guess.encoding, guess.errors), guess.note)
    except UnicodeDecodeError as error:
        return Decoded(None, f"not valid {guess.encoding} text ({error.reason})")


def decode_bytes(data: bytes) -> str | None:
    """Decode bytes of unknown encoding; ``None`` if they do not look like text."""
    return decode(data).text


def detect_encoding(data: bytes, *, truncated: bool = False) -> str | None:
    """The codec to decode ``data`` with, or ``None`` for binary data.

    ``truncated`` says ``data`` is only the head of a file, so it may end
    in the middle of a character.
    """
    return _guess(data, truncated=truncated).encoding


def _guess(data: bytes, *, truncated: bool) -> _Guess:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _Guess(encoding)
    if b"\x00" in data:  # text has no NUL bytes, except UTF-16/32 without a BOM
        utf16 = _bomless_utf16(data, truncated)
        return _Guess(utf16) if utf16 else _Guess(None, note="binary file: not text in any known encoding")
    utf8 = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=not truncated)
    bad = utf8.count("\ufffd") - data.count("\ufffd".encode())
    if bad == 0:
        return _Guess("utf-8")
    good = sum(1 for ch in utf8 if ch > "\x7f" and ch != "\ufffd")
    if good > bad:
        return _Guess("utf-8", "replace", f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD")
    return _legacy_encoding(data)


def _legacy_encoding(data: bytes) -> _Guess:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return _Guess(None, note="binary file: not text in any known encoding")
    # charset-normalizer cannot reliably tell the single-byte Latin code pages
    # apart on article-sized text: French in Windows-1252 often comes back as
    # cp1250 or cp1257 ("à" read as "ŕ").  For English-language news the
    # legacy encoding met in practice is Windows-1252 (a superset of Latin-1's
    # printable characters), so whenever charset-normalizer finds it plausible
    # at all, it wins.  The cost: Central European legacy files (cp1250,
    # cp1257) that also pass as cp1252 are misread; such files should be UTF-8.
    encoding = "cp1252" if any("cp1252" in match.could_be_from_charset for match in matches) else best.encoding
    if not looks_like_text(data.decode(encoding, "replace")):
        return _Guess(None, note=f"not text: its likeliest decoding ({encoding}) gives gibberish, not words")
    return _Guess(encoding)


def _bomless_utf16(data: bytes, truncated: bool) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 text without a BOM, else None."""
    if truncated:
        data = data[: len(data) // 2 * 2]
    even_nuls, odd_nuls, pairs = data[0::2].count(0), data[1::2].count(0), len(data) // 2
    if pairs == 0:
        return None
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.02 * pairs:
        encoding = "utf-16-le"  # "A\0" — the high byte of Latin characters is NUL
    elif even_nuls >= 0.3 * pairs and odd_nuls <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if looks_like_text(text) else None


_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")
_CJK_NAMES = {"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"}
_SCRIPT_NAMES = {
    "LATIN",
    "CYRILLIC",
    "GREEK",
    "HANGUL",
    "ARABIC",
    "HEBREW",
    "THAI",
    "DEVANAGARI",
    "ARMENIAN",
    "GEORGIAN",
}
_ALLOWED_CONTROLS = set("\n\r\t\f")


def looks_like_text(text: str) -> bool:
    """Whether ``text`` reads as words of some language rather than decoded noise."""
    if not text:
        return True
    strange = sum(1 for ch in text if (unicodedata.category(ch) in {"Cc", "Cn", "Co"} and ch not in _ALLOWED_CONTROLS))
    if strange > 0.01 * len(text):
        return False
    words = _LETTER_RUN.findall(text)
    odd = sum(1 for word in words if _mixes_scripts(word) or _upper_after_lower(word))
    return odd * 5 <= len(words)


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "UNKNOWN").split()[0]
    if first in _CJK_NAMES:
        return "CJK"
    return first if first in _SCRIPT_NAMES else "OTHER"


def _mixes_scripts(word: str) -> bool:
    return len({_script(ch) for ch in word}) > 1


def _upper_after_lower(word: str) -> bool:
    """ "лнбЪ", "ыеЭнз": a capital after a small letter inside a word (real words: "McDonald", rarely)."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))
