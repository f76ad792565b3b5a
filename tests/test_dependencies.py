"""The dependencies pyproject.toml declares are the ones the package imports: no more, no fewer.

A module imported and not declared works only while something else happens to install it; one declared
and never imported is dead weight in every install. The few that are needed without being imported say why.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "graphbuild"

#: Declared but never imported, and why each is needed anyway.
NOT_IMPORTED = {
    "neo4j-rust-ext": "the neo4j driver's PackStream in Rust, picked up by the driver itself",
    "lxml-html-clean": "trafilatura imports it; some installs miss lxml's html_clean extra",
    "dask": "the `dask scheduler` / `dask worker` commands of a --dask cluster (distributed imports it too)",
}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normal(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"graphbuild", "__future__"}


def _imported_distributions() -> dict[str, str]:
    """Distribution name -> the module the package imports from it."""
    owners = packages_distributions()
    missing = sorted(m for m in _imported_modules() if m not in owners)
    assert not missing, f"imported but not installed: {missing}"
    return {_normal(dist): module for module in _imported_modules() for dist in owners[module]}


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]


def test_every_imported_distribution_is_declared():
    project = _project()
    declared = {_requirement_name(r) for r in project["dependencies"]}
    optional = {_requirement_name(r) for group in project["optional-dependencies"].values() for r in group}
    undeclared = {dist: module for dist, module in _imported_distributions().items() if dist not in declared | optional}
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_every_declared_dependency_is_imported():
    imported = set(_imported_distributions())
    unused = sorted(
        _requirement_name(r)
        for r in _project()["dependencies"]
        if _requirement_name(r) not in imported and _requirement_name(r) not in NOT_IMPORTED
    )
    assert not unused, f"declared in pyproject.toml but never imported by graphbuild/: {unused}"


def test_the_exceptions_are_still_declared():
    declared = {_requirement_name(r) for r in _project()["dependencies"]}
    assert set(NOT_IMPORTED) <= declared, sorted(set(NOT_IMPORTED) - declared)
