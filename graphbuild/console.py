"""What every ``graphbuild`` command shares: the consoles, the one-line failure, reading a graph file.

Every failure the user can cause ends with one ``Error: …`` line on stderr and a non-zero exit (:func:`fail`):
2 for bad input (a graph file that is missing, unreadable or not a graph), 1 for the rest; the command line
calls it for every :class:`~graphbuild.errors.GraphbuildError` in one place (``graphbuild.cli``).  Warnings and the
logs of the libraries graphbuild drives are set up in :mod:`graphbuild.logs`.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

err = Console(stderr=True)
out = Console()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``Error: message`` (rich markup) on stderr and exit with ``code``."""
    err.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)
