"""The package layout is the data flow: read → extract → resolve → graph → export.

No module imports from a later stage, no two modules import each other
(directly or through others), and no file grows past what a newcomer can
read in one sitting.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graphbuild"

#: Shared vocabulary every stage may use (records, relation types, names, word lists, rules and corrections files,
#: the model, dates, near-duplicate fingerprints, the checks every input file passes, the error family).
BASE = {
    "models",
    "relation_types",
    "names",
    "lexicon",
    "rules",
    "corrections",
    "nlp",
    "dates",
    "clock",
    "duplicates",
    "inputs",
    "errors",
}
STAGES = ["read", "extract", "resolve", "graph", "export"]
#: Stages talk through the shared records; the one exception is the graph's attribute conventions.
EARLIER_STAGES_ALLOWED = {"export": {"graph"}}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """graphbuild modules a file imports, anywhere in it (lazy imports inside functions count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("graphbuild")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graphbuild"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def rank(module: str) -> int | None:
    """0 for shared modules, 1..5 for the stages, None for the orchestration above them (pipeline, cli ...)."""
    top = module.split(".")[1] if "." in module else ""
    if top in BASE:
        return 0
    return STAGES.index(top) + 1 if top in STAGES else None


def _stage(module: str) -> str:
    return module.split(".")[1]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if rank(m) is not None))
def test_no_module_imports_from_a_later_stage(module):
    later = sorted(m for m in GRAPH[module] if rank(m) is None or rank(m) > rank(module))
    assert not later, f"{module} (stage {rank(module)}) imports {later}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if rank(m)))
def test_stages_meet_only_through_shared_records(module):
    allowed = EARLIER_STAGES_ALLOWED.get(_stage(module), set())
    reaching_back = sorted(
        m for m in GRAPH[module] if rank(m) and _stage(m) != _stage(module) and _stage(m) not in allowed
    )
    assert not reaching_back, f"{module} reaches into an earlier stage: {reaching_back}"


def test_no_import_cycles():
    """Depth-first search for a back edge over package-internal imports (a package's __init__
    importing its own submodules is how packages work, not a cycle)."""

    def edges(module: str) -> set[str]:
        return {m for m in GRAPH[module] if not m.startswith(module + ".")}

    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for nxt in sorted(edges(module)):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(MODULES):
        if module not in state:
            cycle = visit(module)
            assert cycle is None, " -> ".join(cycle)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_files_stay_readable(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines; split it by concern"


MAX_FUNCTION_LINES = 60
#: Longer functions in modules being rewritten elsewhere (issue 20); each entry is to be cut up and removed.
TOO_LONG_FOR_NOW: set[str] = set()


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.end_lineno - node.lineno + 1


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_stay_short(path):
    """A function a newcomer can hold in their head: at most 60 lines, its signature and docstring included
    (ruff checks the statements and branches, and the 120-character lines that would hide length)."""
    where = path.relative_to(PACKAGE.parent).as_posix()
    long = [
        f"{name} ({lines} lines)"
        for name, lines in _functions(path)
        if lines > MAX_FUNCTION_LINES and f"{where}:{name}" not in TOO_LONG_FOR_NOW
    ]
    assert not long, f"{where}: {', '.join(long)}; split them"
