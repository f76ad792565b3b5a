"""The state a graph keeps so that ``--update`` adds and removes articles without reading the old ones.

Resolution works article by article (:mod:`graphbuild.resolve`), and the
resolver keeps what it has read in a :class:`~graphbuild.resolve.Store`:
each article's (text-free) extraction, what it said of each entity, its
relations, and per-entity tallies.  That store *is* the update state:

Where it lives
    beside the JSON graph, as ``graph.json.state`` (an SQLite file; written
    with every ``.json`` output by :func:`graphbuild.pipeline.write_outputs`).
    The graph itself carries only a small header in
    ``graph.graph["graphbuild"]`` (JSON text): the format version, the model,
    the user's rules and corrections, and the id of its state, so a state file
    that belongs to another graph is refused.  GraphML, GEXF and HTML outputs
    have no state: **only a .json graph can be updated**.
How an update uses it
    the state file is copied to a working file, the new articles are
    resolved into it and the removed ones taken out (only the entities they
    name are touched), and the graph is made from it; the working file
    replaces the old state only when the outputs are written, so a failed
    or interrupted update leaves the graph and its state as they were.  The
    state is written before the graph: after a crash between the two, the
    state is the newer, and the next update (or the same one again: an
    article already in the graph is replaced, not doubled) starts from it.

Graphs written by graphbuild before this format (the whole state inside the
JSON, version 1) are still updated: their extractions are read once into a
new state.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import weakref
from pathlib import Path

import networkx as nx

from graphbuild.corrections import Corrections
from graphbuild.errors import ResolveError
from graphbuild.export import node_link
from graphbuild.export.atomic import atomic_path
from graphbuild.inputs import MAX_NESTING, InputFileError, json_nesting
from graphbuild.models import Extraction
from graphbuild.relation_types import RelationTypes
from graphbuild.resolve import Resolver, Store, StoreError
from graphbuild.rules import RuleSet
from graphbuild.state_v1 import V1StateError, load_v1_extractions

log = logging.getLogger("graphbuild.update")

STATE_ATTRIBUTE = "graphbuild"
STATE_VERSION = 2
STATE_SUFFIX = ".state"
#: How many earlier state ids a state remembers: a graph written before a crash still finds its state.
LINEAGE = 4


class UpdateError(ResolveError, ValueError):
    """The graph given to --update cannot be updated (no state, other model, other rules, other format)."""


def state_path(graph_path: str | Path) -> Path:
    """Where the update state of a JSON graph is kept: ``graph.json`` -> ``graph.json.state``."""
    graph_path = Path(graph_path)
    return graph_path.with_name(graph_path.name + STATE_SUFFIX)


class GraphState:
    """A working copy of a graph's state: the resolver's store, and the model, rules and corrections it holds."""

    def __init__(
        self,
        working: Path,
        model: str,
        rules: RuleSet,
        corrections: Corrections,
        lineage: list[str],
        pending: list[Extraction] | None = None,
    ):
        self.working = working
        self.store = Store(working)
        self.model, self.rules, self.corrections, self.lineage = model, rules, corrections, lineage
        self.root: str | None = None  # the absolute source root file ids are paths in; None in graphs written before
        self._pending = pending or []  # extractions of a version-1 graph, resolved into the state with the resolver
        self._cleanup = weakref.finalize(self, _close_and_delete, self.store, working)

    @classmethod
    def new(cls, model: str, rules: RuleSet | None = None, workdir: str | Path | None = None) -> GraphState:
        handle, name = tempfile.mkstemp(prefix=".graphbuild-", suffix=".state.tmp", dir=workdir)
        os.close(handle)
        return cls(Path(name), model, rules or RuleSet(), Corrections(), [])

    @classmethod
    def open(cls, graph_path: str | Path, model: str, rules: RuleSet | None) -> GraphState:
        """The state of the JSON graph at ``graph_path``, checked against the model and rules of this run."""
        graph_path = Path(graph_path)
        if graph_path.suffix.lower() != ".json":
            raise UpdateError(
                f"{graph_path}: only a node-link .json graph can be updated (GraphML does not carry the extractions)"
            )
        header = read_header(graph_path)
        if header.get("version") == 1:  # the state inside the graph, as graphbuild wrote it before
            try:
                model_v1, extractions, rules_v1, corrections_v1, root = load_v1_extractions(header)
            except V1StateError as exc:
                raise UpdateError(str(exc)) from None
            state = cls.new(model, workdir=graph_path.parent)
            state.model, state.rules, state.corrections, state._pending = (
                model_v1,
                rules_v1,
                corrections_v1,
                extractions,
            )
            state.root = root
        elif header.get("version") == STATE_VERSION:
            state = cls._copy_of(graph_path, header)
        else:
            raise UpdateError(
                f"graph state version {header.get('version')!r} is not supported (expected {STATE_VERSION}); "
                "rebuild the graph"
            )
        if state.model != model:
            raise UpdateError(
                f"the graph was built with model {state.model!r}, not {model!r}; update it with --model {state.model}"
            )
        if rules is not None and rules != state.rules:
            raise UpdateError(
                "the graph was built with other --rules; update it with the same rules file (or none, to reuse "
                "the graph's), or rebuild it"
            )
        return state

    @classmethod
    def _copy_of(cls, graph_path: Path, header: dict) -> GraphState:
        saved = state_path(graph_path)
        if not saved.is_file():
            raise UpdateError(
                f"{saved}: the update state of {graph_path.name} is missing (it is written beside the graph: "
                "keep the two together); rebuild the graph"
            )
        handle, name = tempfile.mkstemp(prefix=f".{saved.name}.", suffix=".tmp", dir=saved.parent)
        os.close(handle)
        working = Path(name)
        try:
            _copy_database(saved, working)
            store = Store(working)
            settings = {k: store.meta(k) for k in ("model", "rules", "corrections", "lineage", "root")}
            store.close()
            rules = RuleSet.model_validate(settings["rules"] or {})
            corrections = Corrections.model_validate(settings["corrections"] or {})
            lineage = settings["lineage"] or []
            if (
                not isinstance(settings["model"], str)
                or not isinstance(lineage, list)
                or not isinstance(settings["root"], (str, type(None)))
            ):
                raise StoreError("its settings are not those graphbuild writes")
        except (sqlite3.DatabaseError, StoreError, ValueError) as exc:
            working.unlink(missing_ok=True)
            raise damaged(saved, exc) from None
        if header.get("state") not in lineage:
            working.unlink(missing_ok=True)
            raise UpdateError(
                f"{saved} is the state of another graph than {graph_path.name} (was one of them replaced?); "
                "rebuild the graph"
            )
        if header.get("state") != lineage[-1]:
            log.warning(
                "%s is older than its state %s (an interrupted run?): updating from the state",
                graph_path.name,
                saved.name,
            )
        state = cls(working, settings["model"], rules, corrections, lineage)
        state.root = settings["root"]
        return state

    def resolver(self, types: RelationTypes, corrections: Corrections | None) -> Resolver:
        """The resolver of this state; with other corrections than the state's, every article is resolved again."""
        corrections = corrections if corrections is not None else self.corrections
        resolver = Resolver(self.store, types=types, corrections=corrections)
        if corrections != self.corrections and self.store.article_ids():
            resolver.reresolve_all()
        self.corrections = corrections
        for extraction in self._pending:
            resolver.add(extraction)
        self._pending = []
        return resolver

    def header(self) -> str:
        """The ``graphbuild`` graph attribute of a graph made from this state (JSON text)."""
        header: dict = {"version": STATE_VERSION, "model": self.model, "articles": len(self.store.article_ids())}
        if self.rules != RuleSet():
            header["rules"] = self.rules.model_dump(mode="json", exclude_defaults=True)
        if not self.corrections.is_empty():
            header["corrections"] = self.corrections.model_dump(mode="json", exclude_defaults=True)
        # The state's id is a fingerprint of what it holds, so an update and a rebuild write the same header.
        content = f"{self.store.digest()} {json.dumps(header, sort_keys=True)}"
        fingerprint = hashlib.sha256(content.encode()).hexdigest()[:32]
        if not self.lineage or self.lineage[-1] != fingerprint:
            self.lineage = [*self.lineage, fingerprint][-LINEAGE:]
        header["state"] = fingerprint
        return json.dumps(header, ensure_ascii=False, sort_keys=True)

    def save(self, graph_path: str | Path) -> Path:
        """Write the state beside the JSON graph at ``graph_path`` (atomically: a complete file or the old one)."""
        for name, value in (
            ("model", self.model),
            ("rules", self.rules.model_dump(mode="json", exclude_defaults=True)),
            ("corrections", self.corrections.model_dump(mode="json", exclude_defaults=True)),
            ("lineage", self.lineage),
            ("root", self.root),
        ):
            self.store.set_meta(name, value)
        self.store.commit()
        target = state_path(graph_path)
        with atomic_path(target) as name:
            copy = sqlite3.connect(name)
            try:
                self.store.db.backup(copy)
            finally:
                copy.close()
            with open(name, "rb") as written:
                os.fsync(written.fileno())
        return target

    def discard(self) -> None:
        self._cleanup()


def saved_store(graph_path: str | Path) -> tuple[Store, Corrections]:
    """The state of a JSON graph opened read-only, and the corrections it was built with (``graphbuild explain``)."""
    graph_path = Path(graph_path)
    header = read_header(graph_path)
    saved = state_path(graph_path)
    if header.get("version") != STATE_VERSION or not saved.is_file():
        raise UpdateError(
            f"{graph_path}: no update state beside it ({saved.name}): build the graph again with this graphbuild"
        )
    try:
        store = Store(saved, read_only=True)
        corrections = Corrections.model_validate(store.meta("corrections") or {})
    except (sqlite3.DatabaseError, StoreError, ValueError) as exc:
        raise damaged(saved, exc) from None
    return store, corrections


def state_of(graph: nx.MultiDiGraph) -> GraphState | None:
    """The state a graph built in this process keeps until it is written (``graph.graphbuild_state``)."""
    return getattr(graph, "graphbuild_state", None)


def read_header(graph_path: Path) -> dict:
    """The ``graphbuild`` header of a JSON graph: found where graphbuild writes the graph attributes (between
    the edges and the nodes; no parse of the rest), else by reading the whole file."""
    try:
        graph = _graph_attributes(graph_path)
        if graph is None:  # not as graphbuild writes it (or cut short): the whole file, checked before it is parsed
            graph = node_link.read_data(graph_path).get("graph")
    except InputFileError as exc:
        raise UpdateError(str(exc)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UpdateError(f"{graph_path}: not a graph written by graphbuild ({type(exc).__name__})") from None
    text = graph.get(STATE_ATTRIBUTE) if isinstance(graph, dict) else None
    if not isinstance(text, str):
        raise UpdateError(
            "the graph carries no extractions to update from (was it written by an older graphbuild, or as "
            "GraphML?); rebuild it"
        )
    if json_nesting(text, stop_at=MAX_NESTING) > MAX_NESTING:
        raise UpdateError(
            f"the graph's recorded state is nested more than {MAX_NESTING} levels deep; rebuild the graph"
        )
    try:
        header = json.loads(text)
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise damaged(graph_path, ValueError("its header is not a JSON object"))
    return header


#: Where the graph attributes start in a node-link file graphbuild wrote (a key at depth 1, sorted keys).
_GRAPH_KEY = b'\n "graph": '


def _graph_attributes(graph_path: Path) -> dict | None:
    with open(graph_path, "rb") as handle:
        at = _find(handle, _GRAPH_KEY)
        if at is None:
            return None
        handle.seek(at + len(_GRAPH_KEY))
        piece = b""
        while chunk := handle.read(1 << 20):  # the attributes are small, unless a large corrections file is recorded
            piece += chunk
            try:
                value, _ = json.JSONDecoder().raw_decode(piece.decode("utf-8", errors="ignore"))
                return value if isinstance(value, dict) else None
            except ValueError:
                continue
        return None


def _find(handle, needle: bytes, chunk: int = 1 << 22) -> int | None:
    """The offset of the first ``needle`` in a file read a chunk at a time (memory does not grow with the file)."""
    offset, tail = 0, b""
    while block := handle.read(chunk):
        found = (tail + block).find(needle)
        if found >= 0:
            return offset - len(tail) + found
        tail = block[-(len(needle) - 1) :]
        offset += len(block)
    return None


def damaged(where: Path, exc: Exception) -> UpdateError:
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return UpdateError(
        f"the graph's recorded state is damaged ({where.name}: {detail}); rebuild the graph "
        "(hand edits belong in a corrections file)"
    )


def _copy_database(source: Path, target: Path) -> None:
    original, copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(str(target))
    try:
        original.backup(copy)
    finally:
        original.close()
        copy.close()


def _close_and_delete(store: Store, working: Path) -> None:
    try:
        store.close(commit=False)
    except sqlite3.Error:
        pass
    working.unlink(missing_ok=True)
