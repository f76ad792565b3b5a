"""How far a build is: a live bar on a terminal, plain periodic lines in a log.

    with build_progress(console, total=1000, every=100, seconds=30) as advance:
        for article in articles:
            ...
            advance()

On a terminal (rich): a bar with the articles done out of the total, the
rate in articles per second and the time left.  Anywhere else (a log file,
a CI job, a pipe): one line every ``every`` articles or ``seconds`` seconds,
whichever comes first, and a last line with the total time::

    progress: 200/1,000 articles (20%), 8.4 articles/s, about 1m 35s left
    progress: read 1,000 articles in 1m 58s (8.5 articles/s)

``total`` is an estimate made before reading (files found, lines of JSON
line feeds): inputs that turn out to be unreadable are skipped, so the
count can end below it; None when it cannot be known (stdin).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["PlainProgress", "build_progress", "duration"]


@contextlib.contextmanager
def build_progress(
    console: Console,
    total: int | None,
    *,
    every: int = 100,
    seconds: float = 30.0,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Callable[[], None]]:
    """A function to call once per article, showing progress as ``console`` allows (see the module's docstring)."""
    if not console.is_terminal:
        plain = PlainProgress(console, total, every=every, seconds=seconds, clock=clock)
        yield plain.advance
        plain.finish()
        return
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("left"),
        TimeRemainingColumn(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console, transient=True, get_time=clock) as progress:
        task = progress.add_task("loading the model", total=total, rate="")

        def advance() -> None:
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(task, description="reading articles", rate=f"{speed:.1f} articles/s" if speed else "")

        yield advance
        progress.update(task, description="building graph")


class PlainProgress:
    """Progress as plain lines, for output that is not a terminal."""

    def __init__(
        self,
        console: Console,
        total: int | None,
        *,
        every: int,
        seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.console, self.total, self.every, self.seconds, self.clock = console, total, every, seconds, clock
        self.done = 0
        self.started = self.last_line = clock()
        self.first: float | None = None  # when the first article was done: the rate leaves out loading the model
        self.last_count = 0

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        if self.first is None:
            self.first = now
        if self.done - self.last_count >= self.every or now - self.last_line >= self.seconds:
            self._say(self._line(now))
            self.last_line, self.last_count = now, self.done

    def finish(self) -> None:
        elapsed = self.clock() - self.started
        rate = f" ({self.done / elapsed:.1f} articles/s)" if elapsed > 0 and self.done else ""
        self._say(f"read {self.done:,} article(s) in {duration(elapsed)}{rate}")

    def _line(self, now: float) -> str:
        elapsed = now - self.first
        rate = (self.done - 1) / elapsed if elapsed > 0 else 0.0
        if self.total is None:
            return f"{self.done:,} articles, {rate:.1f} articles/s"
        total = max(self.total, self.done)
        left = f", about {duration((total - self.done) / rate)} left" if rate > 0 and total > self.done else ""
        return f"{self.done:,}/{total:,} articles ({100 * self.done // total}%), {rate:.1f} articles/s{left}"

    def _say(self, text: str) -> None:
        self.console.print(f"progress: {text}", highlight=False, markup=False, soft_wrap=True)


def duration(seconds: float) -> str:
    """``42s``, ``3m 05s``, ``2h 10m``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
