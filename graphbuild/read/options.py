"""What the reader accepts, and its report of what it skipped."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from graphbuild.read.text import display_path

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
        entry = Skipped(source=display_path(source), reason=" ".join(reason.split()))
        self.skipped.append(entry)
        logger.warning("skipped %s: %s", entry.source, entry.reason)
