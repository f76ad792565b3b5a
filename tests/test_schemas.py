"""schemas/ must match the pydantic models: regenerate and compare."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graphbuild.schemas import MODELS, write_schemas

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "schemas"
HINT = "schemas/ is stale: run `python -m graphbuild.schemas` and commit the result"


def test_committed_schemas_are_current(tmp_path):
    write_schemas(tmp_path)
    fresh = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    committed = sorted(p.name for p in COMMITTED.glob("*.schema.json"))
    assert committed == fresh, HINT
    for name in fresh:
        assert (COMMITTED / name).read_text("utf-8") == (tmp_path / name).read_text("utf-8"), f"{name}: {HINT}"


def test_one_schema_per_model_and_valid_json(tmp_path):
    paths = write_schemas(tmp_path)
    assert [p.name for p in paths] == [f"{m.__name__}.schema.json" for m in MODELS]
    assert {m.__name__ for m in MODELS} == {
        "Article",
        "Mention",
        "Relation",
        "Extraction",
        "Person",
        "Country",
        "Organization",
        "Resolution",
        "RuleSet",
        "Corrections",
    }
    for path, model in zip(paths, MODELS, strict=False):
        schema = json.loads(path.read_text("utf-8"))
        assert schema["title"] == model.__name__
        assert schema["type"] == "object"
        assert set(schema["properties"]) == set(model.model_fields)


def test_generation_is_deterministic(tmp_path):
    write_schemas(tmp_path / "a")
    write_schemas(tmp_path / "b")
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_module_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild.schemas", str(tmp_path / "out")], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*.schema.json"))) == len(MODELS)
