"""What the reader accepts (sizes, lengths, fields, the source root), and its report of what it skipped."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from graphbuild.read.text import clean_text, cut_text, display_path

logger = logging.getLogger("graphbuild.read")

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl", ".json"}

STDIN_SOURCE = "-"
STDIN_ARTICLE_ID = "stdin"

#: How many skipped inputs the report lists one by one; the rest are counted.
LISTED_SKIPS = 1000


class ReadOptions(BaseModel):
    """What to accept and where JSON records keep their fields."""

    max_bytes: int = 20_000_000
    #: An article longer than this is cut at a paragraph or sentence end (with a warning): parsing
    #: costs ~80 seconds a million characters and memory grows with the article.
    max_chars: int = 300_000
    #: The folder file ids are paths in (see graphbuild.read); None: the deepest folder holding every source.
    root: Path | None = None
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
    """What a read produced and what it had to skip.

    ``skipped`` lists the first :data:`LISTED_SKIPS` inputs that gave no
    article and ``skipped_count`` counts them all, so a feed of a million
    bad records costs no memory; ``shortened`` counts articles cut at
    ``ReadOptions.max_chars``.
    """

    skipped: list[Skipped] = field(default_factory=list)
    skipped_count: int = 0
    shortened: int = 0
    articles_read: int = 0
    quiet: bool = False  # no warnings (a look at the sources before the real read)

    def skip(self, source: str | Path, reason: str) -> None:
        entry = Skipped(source=display_path(source), reason=" ".join(reason.split()))
        self.skipped_count += 1
        if len(self.skipped) < LISTED_SKIPS:
            self.skipped.append(entry)
        # The kind of problem, for summarising repeated warnings: the reason without its numbers.
        kind = re.sub(r"\d[\d,]*", "N", entry.reason)
        if not self.quiet:
            logger.warning("skipped %s: %s", _shortened(entry.source), entry.reason, extra={"kind": kind})


def article_text(text: str, source: str, options: ReadOptions, report: ReadReport) -> str:
    """An article's text in normal form, cut (with a warning) where it runs past ``options.max_chars``."""
    return within_limit(clean_text(text), source, options, report)


def within_limit(text: str, source: str, options: ReadOptions, report: ReadReport) -> str:
    """Clean text, cut (with a warning) where it runs past ``options.max_chars``."""
    if len(text) <= options.max_chars:
        return text
    report.shortened += 1
    logger.warning(
        "%s: article is %s characters long; only the first %s are read (the limit; --max-chars sets it)",
        source,
        f"{len(text):,}",
        f"{options.max_chars:,}",
    )
    return cut_text(text, options.max_chars)


def _shortened(source: str, limit: int = 300) -> str:
    """A path short enough for one line of a terminal (a folder 3,000 levels deep has a long name)."""
    if len(source) <= limit:
        return source
    return f"{source[: limit // 2]}…{source[-limit // 2 :]} ({len(source):,} characters)"
