"""Read news articles from files, folders, feeds and stdin — the first pipeline stage.

Public API::

    iter_articles(sources, options=None, report=None, stdin=None) -> Iterator[Article]
    count_articles(sources) -> int | None   # an estimate before reading, for progress bars
    ReadOptions   # size limit and the field names JSON feeds use
    ReadReport    # .skipped: list[Skipped], .articles_read: int
    Skipped       # .source ("path", "path:LINE" or "path#ITEM"), .reason (one line)
    normalize_text(text: str) -> str
    decode_bytes(data: bytes) -> str | None
    SUPPORTED_SUFFIXES

Inputs
    ``sources`` are files, folders (searched recursively for supported
    suffixes, following symlinked subfolders, each folder once; hidden files
    and folders are ignored) or ``"-"`` for one plain-text article on stdin.

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

    An article's id never depends on which other articles are read with it,
    so an ``--update`` gives the same ids as a full rebuild:

    * A file's id is its path in the *source root*, without the suffix
      (``2024-05-01/index.html`` → ``2024-05-01/index``; both keep the
      suffix where two files differ only in it).  The source root is
      ``ReadOptions.root`` or else the deepest folder holding every source;
      a folder given as a source is inside it, so its name is part of the
      ids.  A file outside the root is skipped (:func:`outside_root` finds
      such sources first).
    * A JSON record's id is its id field; without one it is
      ``<file id>:<line>`` for JSON lines and ``<file id>#<n>`` (1-based item
      number) for a JSON array.  A record's ``source`` is ``path:LINE`` or
      ``path#n`` in the same way.
    * Stdin's article is ``stdin-`` and the first 8 hex digits of the SHA-1
      of its text.
    * Ids are single-line (whitespace runs become one space).  If an id is
      already taken in this run, the later article gets ``~2``, ``~3``, …
      appended and a warning is logged.

Encodings (``encoding``)
    A BOM decides (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM is
    recognised; otherwise strict UTF-8 is tried first, UTF-8 with a few bad
    bytes is repaired (U+FFFD, with a warning), and charset-normalizer
    decides the rest, unless its best decoding is gibberish rather than
    words (then the file is skipped as not text).  Text is then passed
    through ``normalize_text`` (:mod:`graphbuild.inputs`) and stripped.
    An article longer than ``ReadOptions.max_chars`` is cut at a paragraph
    or sentence end, with a warning (``ReadReport.shortened`` counts them).

Paths
    A file name with bytes that are not UTF-8 is shown, in ``source``,
    ids and warnings, with those bytes as ``\\xNN`` (``display_path``), so
    every output format can store it, and stores it the same way.

Fingerprints
    Every article gets ``fingerprint``: a MinHash of its text
    (:mod:`graphbuild.duplicates`), by which the graph finds near-duplicate
    copies of one story, also against the articles of an earlier build.

Bad input never raises: empty or binary files, files over
``ReadOptions.max_bytes``, missing or unreadable paths, folders that cannot
be listed (however deep the tree: it is walked without recursion),
malformed JSON and records without text are each recorded in the
``ReadReport`` and logged as one warning on the ``graphbuild.read`` logger,
and reading goes on.  A bad JSON line (malformed, nested more than 100
levels, a number too long) costs only that line: the records after it are
read.  Graph files graphbuild wrote (``graph.json``, ``graph.html``) lying
among the articles are ignored.
``max_bytes`` limits whole files, except for ``.jsonl`` feeds, which are
streamed: there it limits each record (line).

Modules: ``options`` (ReadOptions, ReadReport), ``encoding`` (decoding
bytes), ``text`` (fields, paths, the length limit), ``files`` (finding,
naming and reading files, stdin), ``html`` (HTML pages), ``feeds`` (JSON
and JSON lines).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from graphbuild.duplicates import fingerprint
from graphbuild.models import Article
from graphbuild.read.count import count_articles
from graphbuild.read.encoding import decode_bytes
from graphbuild.read.files import UniqueIds, collect_files, file_ids, outside_root, read_file, read_stdin, source_root
from graphbuild.read.options import SUPPORTED_SUFFIXES, ReadOptions, ReadReport, Skipped
from graphbuild.read.text import display_path, normalize_text

__all__ = [
    "ReadOptions",
    "ReadReport",
    "SUPPORTED_SUFFIXES",
    "Skipped",
    "count_articles",
    "decode_bytes",
    "iter_articles",
    "normalize_text",
    "outside_root",
    "source_root",
]


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

    root = options.root or source_root(sources)
    files, wants_stdin = collect_files(sources, report)
    ids = file_ids([path for _, path in files], root)
    taken_ids = UniqueIds()

    for resolved, path in files:
        if ids[path] is None:
            report.skip(path, f"outside the source root {display_path(root)}, so it can have no id there")
            continue
        for article in read_file(resolved, display_path(path), ids[path], options, report):
            report.articles_read += 1
            yield _fingerprinted(taken_ids.claim(article))

    if wants_stdin:
        article = read_stdin(stdin if stdin is not None else sys.stdin, options, report)  # sys.stdin is None if closed
        if article is not None:
            report.articles_read += 1
            yield _fingerprinted(taken_ids.claim(article))


def _fingerprinted(article: Article) -> Article:
    return article.model_copy(update={"fingerprint": fingerprint(article.text)})
