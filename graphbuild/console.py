"""What every ``graphbuild`` command shares: the consoles, the one-line failure, reading a graph file.

Every failure the user can cause ends with one ``Error: …`` line on stderr and a non-zero exit (:func:`fail`):
2 for bad input (a graph file that is missing, unreadable or not a graph), 1 for the rest.  Warnings and the
logs of the libraries graphbuild drives are set up in :mod:`graphbuild.logs`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from graphbuild.export import UnsupportedFormat, read_graph
from graphbuild.inputs import InputFileError

err = Console(stderr=True)
out = Console()


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def read_graph_or_fail(graph_file: Path):
    try:
        return read_graph(graph_file)
    except (UnsupportedFormat, InputFileError) as exc:
        fail(str(exc), code=2)
    except FileNotFoundError:
        fail(f"{graph_file}: no such file", code=2)
    except Exception as exc:  # networkx raises many kinds for files that are not graphs
        fail(f"{graph_file}: not a readable graph ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})", code=2)
