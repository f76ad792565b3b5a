"""How many articles the sources hold, counted before reading them: the total of a progress bar.

A file is one article, a JSON-lines feed one per non-blank line, a ``.json``
feed one per item of its list.  It is an estimate: the files are not
decoded, and a record or file that turns out to be unreadable is skipped
later.  ``None`` when it cannot be told without reading everything (stdin,
a ``.json`` feed too big to load twice).
"""

from __future__ import annotations

import json
import stat
from collections.abc import Sequence
from pathlib import Path

from graphbuild.read.files import collect_files
from graphbuild.read.options import ReadReport

__all__ = ["count_articles"]

#: A .json feed is loaded whole to count its items only up to this size (.jsonl feeds are streamed, any size).
JSON_COUNT_LIMIT = 50_000_000


def count_articles(sources: Sequence[str | Path]) -> int | None:
    files, wants_stdin = collect_files(sources, ReadReport(quiet=True))  # problems are reported when the files are read
    if wants_stdin:
        return None
    total = 0
    for path, _ in files:
        try:
            count = _records(path)
        except OSError:
            count = 1  # unreadable: reading will skip it with a warning
        if count is None:
            return None
        total += count
    return total


def _records(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the count for ever; reading skips it
        return 1
    if suffix == ".jsonl":
        with path.open("rb") as file:
            return sum(1 for line in file if line.strip())
    if suffix != ".json":
        return 1
    if path.stat().st_size > JSON_COUNT_LIMIT:
        return None
    data = path.read_bytes()
    try:
        content = json.loads(data)
    except ValueError:  # JSON lines in a .json file, or not JSON at all
        return sum(1 for line in data.splitlines() if line.strip())
    except RecursionError:
        return 1
    return len(content) if isinstance(content, list) else 1
