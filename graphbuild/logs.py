"""How graphbuild's warnings reach the user: one line each, and repeated ones summarised.

A feed of a million records without text would otherwise print a million
lines.  The command line shows the first :data:`SHOWN_PER_KIND` warnings of
each kind and counts the rest; :func:`summarise_repeated_warnings` then
prints one line per kind it held back.  A warning's kind is its message
template, or the ``kind`` a logging call gives in ``extra`` (the reader
gives its skip reasons, numbers left out).

The libraries graphbuild drives log over several lines, with tracebacks
(the Neo4j driver's retries, Dask's client losing its scheduler), while
graphbuild reports those failures as one ``Error:`` line anyway: their own
logs show only with ``GRAPHBUILD_DEBUG``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter

__all__ = ["SHOWN_PER_KIND", "RepeatedWarnings", "configure_logging", "summarise_repeated_warnings"]

SHOWN_PER_KIND = 5


class RepeatedWarnings(logging.Filter):
    """Lets the first ``shown`` records of each kind through and counts the others."""

    def __init__(self, shown: int = SHOWN_PER_KIND) -> None:
        super().__init__()
        self.shown = shown
        self.seen: Counter[tuple[str, str]] = Counter()
        self.example: dict[tuple[str, str], str] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, str(getattr(record, "kind", record.msg)))
        self.seen[kind] += 1
        if self.seen[kind] == 1:
            self.example[kind] = record.getMessage()
        return self.seen[kind] <= self.shown

    def held_back(self) -> list[tuple[int, str]]:
        """(how many were not shown, the first of them) for each kind with more than ``shown``."""
        return [(count - self.shown, self.example[kind]) for kind, count in self.seen.items() if count > self.shown]


_filter = RepeatedWarnings()


def configure_logging(quiet: bool, dask: bool = False) -> None:
    """Warnings as ``warning: …`` lines on stderr (none with ``quiet``), repeated ones summarised.

    ``dask``: the run talks to a Dask cluster, whose client's logs are quietened as the Neo4j driver's are.
    """
    global _filter
    _filter = RepeatedWarnings()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    handler.addFilter(_filter)
    logger = logging.getLogger("graphbuild")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)
    logger.propagate = False
    _library_log("neo4j", "neo4j driver")
    if dask:
        import distributed  # noqa: F401 - importing it sets up its loggers, replaced here

        _library_log("distributed", "dask")


def _library_log(name: str, label: str) -> None:
    # A library may give its own loggers handlers (Dask does, for "distributed.client" ...): they report
    # through the library's top logger instead.
    for child in [logging.getLogger(n) for n in list(logging.root.manager.loggerDict) if n.startswith(name + ".")]:
        child.handlers[:] = []
        child.propagate = True
    library_logger = logging.getLogger(name)
    library_logger.propagate = False
    if os.environ.get("GRAPHBUILD_DEBUG"):
        library_handler = logging.StreamHandler(sys.stderr)
        library_handler.setFormatter(logging.Formatter(f"{label}: %(message)s"))
        library_logger.handlers[:] = [library_handler]
    else:
        library_logger.handlers[:] = [logging.NullHandler()]


def summarise_repeated_warnings() -> None:
    """One line for each kind of warning that was held back, then start counting afresh."""
    held_back = _filter.held_back()
    _filter.seen.clear()
    for count, example in held_back:
        first_line = example.splitlines()[0] if example else ""
        logging.getLogger("graphbuild").warning(
            "… and %s more like: %s", f"{count:,}", first_line[:300], extra={"kind": example}
        )
