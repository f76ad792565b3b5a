"""What every file and text graphbuild is given must pass before it is used.

Files other than the articles — a rules file, a corrections file, a gold
file, a graph to update, export or score — are read with :func:`read_input`,
which checks, before any parser sees the text:

* that it is a regular file: a FIFO would block the run for ever, and a
  device such as ``/dev/zero`` or ``/dev/urandom`` never ends;
* that it is no larger than the limit for its kind (:data:`LIMITS`);
* that it is UTF-8 text;
* that its lists and objects are nested no deeper than :data:`MAX_NESTING`
  levels (:func:`check_nesting`): Python's JSON and YAML parsers recurse
  once per level and fail with a ``RecursionError`` a few hundred levels
  down, and nothing graphbuild reads needs more than ten.

A file that fails is one :class:`InputFileError`, whose message names the
file.  The reader (:mod:`graphbuild.read`) checks articles the same way, with
its own size limit (``--max-bytes``).

Text from any source — articles, feeds, corrections — is put in one normal
form by :func:`normalize_text`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from graphbuild.errors import ReadError

__all__ = [
    "LIMITS",
    "MAX_NESTING",
    "InputFileError",
    "check_input_file",
    "check_nesting",
    "json_nesting",
    "normalize_text",
    "read_input",
    "yaml_nesting",
]

MAX_NESTING = 100

#: Size limits in bytes, by what a file is for.
LIMITS: dict[str, int] = {
    "rules file": 10_000_000,
    "corrections file": 10_000_000,
    "gold file": 100_000_000,
    "graph": 4_000_000_000,  # a node-link JSON of 10,000 articles is ~200 MB
}


class InputFileError(ReadError, ValueError):
    """A file graphbuild cannot use; the message is one line naming the file."""


def read_input(path: str | os.PathLike, kind: str, *, syntax: str | None = None) -> str:
    """The text of a ``kind`` file (a key of :data:`LIMITS`), checked as the module docstring says.

    ``syntax`` ("json" or "yaml") also checks the nesting before the caller parses the text.
    """
    data = _read_regular_file(Path(path), kind, LIMITS[kind])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputFileError(f"{path}: line {line}: {kind} is not UTF-8 text") from None
    if syntax is not None:
        check_nesting(text, path, syntax)
    return text


def check_input_file(path: str | os.PathLike, kind: str) -> None:
    """:class:`InputFileError` unless ``path`` is a regular file within the size limit of a ``kind`` file.

    For files a library parses from their path (GraphML, GEXF); the others are read with :func:`read_input`.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"{path}: cannot read {kind}: no such file") from None
    except OSError as error:
        raise InputFileError(f"{path}: cannot read {kind}: {error.strerror or error}") from None
    _check_kind_of_file(Path(path), info, kind, LIMITS[kind])


def _check_kind_of_file(path: Path, info: os.stat_result, kind: str, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{path}: is a folder, not a {kind}")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"{path}: not a regular file (a FIFO, socket or device); give the {kind} as a file")
    if info.st_size > limit:
        raise InputFileError(f"{path}: {kind} is {info.st_size:,} bytes, over the {limit:,} byte limit")


def _read_regular_file(path: Path, kind: str, limit: int) -> bytes:
    # O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait for ever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputFileError(f"{path}: cannot read {kind}: no such file") from None
    except OSError as error:
        raise InputFileError(f"{path}: cannot read {kind}: {error.strerror or error}") from None
    try:
        _check_kind_of_file(path, os.fstat(fd), kind, limit)  # before fdopen, which refuses a folder
    except InputFileError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)  # a file still growing stops at the limit too
        except OSError as error:
            raise InputFileError(f"{path}: cannot read {kind}: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputFileError(f"{path}: {kind} is over the {limit:,} byte limit")
    return data


# --- nesting -----------------------------------------------------------------------------------

#: Every byte but JSON's brackets and quotes (multi-byte UTF-8 characters never contain them).
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - set(b'[]{}"')))


def json_nesting(text: str, stop_at: int = sys.maxsize) -> int:
    """How deeply the lists and objects of JSON ``text`` nest (an upper bound; stops counting past ``stop_at``).

    Escaped quotes and backslashes go, then every byte but brackets and quotes, then the
    strings; the brackets left are peeled one level a pass.  Each step is a pass of C over
    bytes, so a graph of millions of brackets costs a fraction of parsing it, not a Python
    step per bracket.  Brackets left unpaired (a file cut short) count as levels too: the
    parser would recurse into them before it found the end.
    """
    data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = _outside_strings(data.translate(None, _NOT_STRUCTURE))
    depth = 0
    while brackets and depth <= stop_at:
        # Innermost pairs become a marker first, so "{[]}" loses one level a pass, not two.
        peeled = brackets.replace(b"[]", b"\0").replace(b"{}", b"\0").replace(b"\0", b"")
        if len(peeled) == len(brackets):
            return depth + brackets.count(b"[") + brackets.count(b"{")
        brackets, depth = peeled, depth + 1
    return depth


def _outside_strings(quotes_and_brackets: bytes) -> bytes:
    """The brackets outside strings, from bytes that hold only brackets and (unescaped) quotes."""
    # A string without brackets is a "" here.  Every run of quotes between two brackets has an
    # even length unless a string holds a bracket, so when no quote is left after taking the
    # pairs out, no string held one; otherwise strings are cut out the slow way.
    fast = quotes_and_brackets.replace(b'""', b"")
    if b'"' not in fast:
        return fast
    return b"".join(quotes_and_brackets.split(b'"')[::2])


#: Quoted YAML scalars (skipped), flow brackets, and comments (a "#" after a space or at the start: skipped).
_YAML_FLOW_TOKEN = re.compile(r""""[^"\\]*(?:\\.[^"\\]*)*"|'[^']*(?:''[^']*)*'|[\[\]{}]|(?<!\S)#.*""")
#: Block indicators that open a collection on the same line: "- - x", "? x".
_YAML_COMPACT = re.compile(r"(?:[-?:](?:[ \t]+|$))*")


def yaml_nesting(text: str, stop_at: int = sys.maxsize) -> int:
    """An upper bound of how deeply the collections of YAML ``text`` nest (stops counting past ``stop_at``).

    Each line adds its block level (indentation deeper than the lines it is
    inside), the compact indicators at its start ("- - - x") and the flow
    brackets open at its end; multi-line quoted scalars may make it count
    a little high, never low.
    """
    indents: list[int] = []
    deepest = flow = 0
    for line in text.splitlines():
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        indent = len(line) - len(content)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        block = len(indents) + sum(map(content[: _YAML_COMPACT.match(content).end()].count, "-?:"))
        line_flow = flow
        for match in _YAML_FLOW_TOKEN.finditer(content):
            token = match.group()
            if token in "[{":
                flow += 1
                line_flow = max(line_flow, flow)
                if block + line_flow > stop_at:
                    break
            elif token in "]}":
                flow = max(0, flow - 1)
        deepest = max(deepest, block + line_flow)
        if deepest > stop_at:
            break
    return deepest


def check_nesting(text: str, path: str | os.PathLike, syntax: str) -> None:
    """:class:`InputFileError` if ``text`` (``"json"`` or ``"yaml"``) nests deeper than :data:`MAX_NESTING`."""
    measure = json_nesting if syntax == "json" else yaml_nesting
    if measure(text, stop_at=MAX_NESTING) > MAX_NESTING:
        raise InputFileError(f"{path}: nested more than {MAX_NESTING} levels deep")


# --- the normal form of text -------------------------------------------------------------------

#: Control characters other than newline and tab stand between words ("Elena\x1fVarga" is two
#: words), so they become spaces; format characters (zero-width spaces and joiners, soft
#: hyphens, right-to-left and other direction marks, the BOM) are invisible and are removed.
_KEPT_CONTROLS = "\n\t"
#: Where Unicode puts format characters: the BMP, and a few supplementary blocks (Egyptian
#: hieroglyph controls, shorthand, musical symbols, tags).  Scanning only these keeps start-up quick.
_FORMAT_CHARACTER_RANGES = (
    range(0x10000),
    range(0x11000, 0x14000),
    range(0x1BC00, 0x1BD00),
    range(0x1D100, 0x1D200),
    range(0xE0000, 0xE0100),
)
_TRANSLATION = str.maketrans(
    {
        **{code: " " for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in _KEPT_CONTROLS},
        **{
            code: None
            for codes in _FORMAT_CHARACTER_RANGES
            for code in codes
            if unicodedata.category(chr(code)) == "Cf"
        },
    }
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Make text from any source comparable: NFC, ``\\n`` line ends, no invisible characters.

    Control characters other than newline and tab become spaces, format
    characters (Unicode category Cf: U+00AD soft hyphen, U+200B–U+200F,
    U+202A–U+202E, U+2060–U+2069, U+FEFF, …) are removed.  Typographic
    quotes, dashes and non-breaking spaces are text and stay.  Unpaired
    UTF-16 surrogates (an escaped ``"\\ud83d"`` in JSON: half an emoji)
    cannot be written as UTF-8 by anything later on; they become U+FFFD,
    and a pair left as two halves becomes the one character it stands for.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TRANSLATION)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return unicodedata.normalize("NFC", text)
