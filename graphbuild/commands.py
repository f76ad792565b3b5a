"""What the ``graphbuild`` commands do, as library functions; :mod:`graphbuild.cli` parses options and prints.

    request = BuildRequest(sources=["articles/"], outputs=[Path("graph.json")])
    outcome = build_and_write(request)            # checks, builds, writes; GraphbuildError if it cannot

Every check that needs more than one option (``--sync`` needs ``--neo4j``, ``--remove`` needs
``--update``) is made here, once, by :meth:`BuildRequest.check`, as a :class:`~graphbuild.errors.ConfigError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.corrections import Corrections
from graphbuild.errors import ConfigError, ExportError, GraphbuildError, ReadError
from graphbuild.export import View
from graphbuild.export.atomic import output_problem
from graphbuild.export.lock import locked
from graphbuild.nlp import DEFAULT_MODEL
from graphbuild.read import ReadOptions, ReadReport
from graphbuild.rules import Rules

if TYPE_CHECKING:
    from graphbuild.pipeline import Built

log = logging.getLogger("graphbuild.cli")

#: A context manager around the build that yields the function to call after each article (a progress bar).
Progress = Callable[[Sequence[str]], AbstractContextManager[Callable[[], None]]]


@dataclass
class BuildRequest:
    """Everything ``graphbuild build`` was asked to do."""

    sources: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    model: str = DEFAULT_MODEL
    read: ReadOptions = field(default_factory=ReadOptions)
    strict: bool = False
    workers: int = 1
    dask: str | None = None
    dask_timeout: float = 60.0
    update: Path | None = None
    rules: Rules | None = None
    corrections: Corrections | None = None
    remove: list[str] = field(default_factory=list)
    force: bool = False
    view: View = View.full
    neo4j: bool = False
    sync: bool = False

    def check(self) -> None:
        """A :class:`ConfigError` for options that do not go together; found before anything is read."""
        problem = next((message for wrong, message in self._combinations() if wrong), None)
        if problem:
            raise ConfigError(problem)
        for source in self.sources if self.remove else []:
            if source != "-" and not Path(source).exists():
                raise ConfigError(
                    f"{source}: no such file or folder (to remove several articles, repeat the "
                    "option: --remove A --remove B)"
                )

    def _combinations(self) -> Iterator[tuple[bool, str]]:
        yield (
            not self.outputs and not self.neo4j,
            "no output given: add -o graph.json and/or -o graph.graphml (or --neo4j)",
        )
        yield self.sync and not self.neo4j, "--sync needs --neo4j: it makes the Neo4j database equal to the graph"
        yield (
            self.dask is not None and self.workers > 1,
            "--dask and --workers both say where to extract: the Dask cluster's workers are its own processes; "
            "drop --workers",
        )
        yield (
            bool(self.remove) and self.update is None,
            "--remove needs --update GRAPH.json: articles are removed from a graph being updated",
        )
        yield (
            not self.sources and self.update is None,
            "no SOURCES given: name article files or folders (only --update may go without new ones)",
        )

    def check_outputs(self) -> None:
        """Find out now, not after a long build, whether the outputs can be written."""
        for path in self.outputs:
            if problem := output_problem(path, replace_read_only=self.force):
                hint = " (--force replaces it)" if problem.endswith("read-only") else ""
                raise ExportError(f"cannot write output: {problem}{hint}", exit_code=2)


@dataclass
class BuildOutcome:
    built: Built  # the graph as the resolver's records; .graph() makes the networkx graph when asked
    report: ReadReport


def build_and_write(
    request: BuildRequest,
    *,
    progress: Progress | None = None,
    on_wait: Callable[[Path, Path], None] | None = None,
) -> BuildOutcome:
    """Check the request, build the graph and write every output, holding the outputs' locks throughout.

    Nothing is written when no article was read, or when ``strict`` and an input was skipped or cut.
    """
    request.check()
    request.check_outputs()
    report = ReadReport()
    with locked(request.outputs, on_wait=on_wait):
        with progress(request.sources) if progress is not None and request.sources else nullcontext() as advance:
            built = _build(request, report, advance)
        _refuse_incomplete(request, report)
        write_outputs(built, request.outputs, request.view)
    return BuildOutcome(built, report)


def _build(request: BuildRequest, report: ReadReport, advance: Callable[[], None] | None) -> Built:
    from graphbuild.pipeline import build

    settings: dict[str, Any] = {"on_article": (lambda _: advance())} if advance is not None else {}
    return build(
        request.sources,
        model=request.model,
        options=request.read,
        report=report,
        workers=usable_workers(request.workers),
        rules=request.rules,
        update=request.update,
        corrections=request.corrections,
        remove=request.remove,
        dask=request.dask,
        dask_timeout=request.dask_timeout,
        **settings,
    )


def _refuse_incomplete(request: BuildRequest, report: ReadReport) -> None:
    if request.sources and report.articles_read == 0:
        skipped = f" ({report.skipped_count:,} skipped)" if report.skipped_count else ""
        raise ReadError(f"no articles were read from the given sources{skipped}", exit_code=1)
    if request.strict and (report.skipped_count or report.shortened):
        problems = [f"{report.skipped_count:,} input(s) skipped"] * bool(report.skipped_count)
        problems += [f"{report.shortened:,} article(s) cut at --max-chars"] * bool(report.shortened)
        raise GraphbuildError(f"{' and '.join(problems)} and --strict is set; nothing was written")


def write_outputs(built: Built, outputs: Sequence[Path], view: View | str = View.full) -> None:
    """Write the graph to each output; an :class:`ExportError` (one line) when one cannot be written."""
    try:
        built.write(outputs, view=str(getattr(view, "value", view)))
    except OSError as exc:
        raise ExportError(f"cannot write output: {exc}") from None


def usable_workers(requested: int) -> int:
    """``requested``, or the cores this process may use if fewer (with a warning)."""
    from graphbuild.parallel import usable_cores

    cores = usable_cores()
    if requested <= cores:
        return requested
    log.warning("--workers %d is more than the %d core(s) available; using %d", requested, cores, cores)
    return cores
