"""JSON Schema of the pipeline's records, one file per model.

    python -m graphbuild.schemas [folder]     # default: schemas/

writes ``<Model>.schema.json`` for each record that flows between the stages
and for the ``--rules`` file (``RuleSet``) and the ``--corrections`` file
(``Corrections``), so tools outside Python (and
reviewers, and editors of rules files) can check the data; the test suite
fails when the files in ``schemas/`` no longer match the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from graphbuild.corrections import Corrections
from graphbuild.models import Article, Country, Extraction, Mention, Organization, Person, Relation, Resolution
from graphbuild.rules import RuleSet

MODELS: tuple[type[BaseModel], ...] = (
    Article,
    Mention,
    Relation,
    Extraction,
    Person,
    Country,
    Organization,
    Resolution,
    RuleSet,
    Corrections,
)
DEFAULT_FOLDER = Path("schemas")


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema as stable text (sorted keys, trailing newline)."""
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def write_schemas(folder: str | Path = DEFAULT_FOLDER) -> list[Path]:
    """Write one ``<Model>.schema.json`` per model into folder; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for model in MODELS:
        path = folder / f"{model.__name__}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) > 1 or argv and argv[0] in {"-h", "--help"}:
        print("usage: python -m graphbuild.schemas [folder]", file=sys.stderr)
        return 2
    for path in write_schemas(argv[0] if argv else DEFAULT_FOLDER):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
