"""Where the time goes: exclusive wall time per pipeline stage, for ``bench/``.

The pipeline and the extractor take an optional clock and wrap each stage in
it; without one they use :data:`NO_CLOCK`, which costs nothing.  Time spent
in a nested stage is not counted for the outer one, and a streaming stage
(a generator) is timed per item it produces.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TypeVar

T = TypeVar("T")


class NoClock:
    def stage(self, name: str) -> AbstractContextManager[None]:
        return nullcontext()

    def iterate(self, iterable: Iterable[T], name: str) -> Iterable[T]:
        return iterable


NO_CLOCK = NoClock()


class StageClock(NoClock):
    """Exclusive seconds per stage in ``totals``; "other" is time outside every stage."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._stack = ["other"]
        self._since = time.perf_counter()

    def _switch(self, push: str | None) -> None:
        now = time.perf_counter()
        self.totals[self._stack[-1]] += now - self._since
        self._since = now
        if push is None:
            self._stack.pop()
        else:
            self._stack.append(push)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._switch(name)
        try:
            yield
        finally:
            self._switch(None)

    def iterate(self, iterable: Iterable[T], name: str) -> Iterator[T]:
        it = iter(iterable)
        while True:
            with self.stage(name):
                try:
                    item = next(it)
                except StopIteration:
                    return
            yield item
