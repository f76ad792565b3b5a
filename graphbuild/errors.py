"""The one family of errors a user can cause, one class per stage.

Every failure the user can cause (a missing model, an unreadable input, a bad
rules file, a database that refuses the login) is a :class:`GraphbuildError`
whose message is one line that says what to do; the command line turns any of
them into ``Error: <message>`` on stderr and exits with its :attr:`exit_code`
(2: the input or the options were wrong, 1: the rest), in one place
(``graphbuild.cli``).  A library caller catches :class:`GraphbuildError`, or
the class of the one stage it cares about:

    ConfigError   the options, a rules or corrections file, a gold file
    ReadError     an input file (article, graph) cannot be read
    ExtractError  the model, the worker processes or the Dask cluster (ArticleError: one article)
    ResolveError  the graph being updated cannot take the change
    GraphError    the graph cannot be built
    ExportError   an output file or the database cannot be written

Older names (``RulesError``, ``InputFileError``, ``Neo4jExportError`` ...)
are subclasses of these, defined where they are raised; they also keep the
builtin base they had (``ValueError``, ``OSError`` ...), so ``except
ValueError`` in callers still works.

Pydantic's ``ValidationError`` is turned into one line by
:func:`validation_message` everywhere, so a bad record reads the same in a
rules file, a corrections file, a gold file or a JSONL article.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

__all__ = [
    "ArticleError",
    "ConfigError",
    "ExportError",
    "ExtractError",
    "GraphError",
    "GraphbuildError",
    "ReadError",
    "ResolveError",
    "first_problem",
    "validation_message",
]


class GraphbuildError(Exception):
    """A failure the user can cause or fix; ``str(error)`` is one line.

    ``exit_code``: what the command line exits with (2 for bad input or options, 1 for the rest);
    a class sets its default, one raise site may override it.
    """

    exit_code: int = 1

    def __init__(self, *args: Any, exit_code: int | None = None) -> None:
        super().__init__(*args)
        if exit_code is not None:
            self.exit_code = exit_code


class ConfigError(GraphbuildError):
    """Options, or a file that configures a run (rules, corrections, gold annotations), are unusable."""

    exit_code = 2


class ReadError(GraphbuildError):
    """An input (an article, a graph file, a settings file) cannot be read."""

    exit_code = 2


class ExtractError(GraphbuildError):
    """Extraction cannot run: the model is missing, a worker died, the Dask cluster is unreachable."""


class ArticleError(ExtractError):
    """One article could not be extracted (a bug its text meets): fatal only where no one asked to skip it."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__(f"article {article_id}: {reason}")
        self.article_id = article_id


class ResolveError(GraphbuildError):
    """The entities cannot be resolved: e.g. the graph being updated does not fit this run."""

    exit_code = 2


class GraphError(GraphbuildError):
    """The graph cannot be built from the resolved entities."""


class ExportError(GraphbuildError):
    """An output (a file, a folder, a database) cannot be written."""


def first_problem(exc: ValidationError) -> tuple[tuple[int | str, ...], str]:
    """Where the first problem is (a path into the data, maybe empty) and what it is, in pydantic's words
    without its "Value error, " prefix (a validator's own message reads as written)."""
    error = exc.errors()[0]
    cause = error.get("ctx", {}).get("error")
    loc = tuple(error["loc"]) or tuple(getattr(cause, "loc", ()))
    return loc, str(cause or error["msg"]).removeprefix("Value error, ")


def validation_message(exc: ValidationError) -> str:
    """The first problem as one line, ``where: what`` (``top level`` when it is the whole record), and how many more."""
    loc, message = first_problem(exc)
    where = ".".join(str(part) for part in loc) or "top level"
    count = exc.error_count()
    more = f" (and {count - 1} more problem(s))" if count > 1 else ""
    return f"{where}: {message}{more}"
