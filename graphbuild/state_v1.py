"""Reading the update state of graphs written before ``graph.json.state`` (version 1).

Those graphs carried every extraction inside ``graph.graph["graphbuild"]``
(one JSON string: per article its metadata, its distinct sentences once, and
mentions/relations as rows of field values, field names stored once).
:class:`graphbuild.state.GraphState` reads them once into a new state, so an
old graph can still be updated; graphbuild no longer writes this format.
"""

from __future__ import annotations

from pydantic import ValidationError

from graphbuild.corrections import Corrections
from graphbuild.models import Article, Extraction
from graphbuild.resolve.store import extraction_from_rows
from graphbuild.rules import RuleSet


class V1StateError(ValueError):
    """A version-1 state that cannot be read; the message is one line."""


def load_v1_extractions(data: dict) -> tuple[str, list[Extraction], RuleSet, Corrections, str | None]:
    """The model, extractions, rules, corrections and source root (None in graphs older than it) of a
    version-1 state (already parsed from its JSON text)."""
    try:
        mention_fields, relation_fields = data["mention_fields"], data["relation_fields"]
        extractions = [_load_extraction(r, mention_fields, relation_fields) for r in data["extractions"]]
        rules, corrections = (
            RuleSet.model_validate(data.get("rules", {})),
            Corrections.model_validate(data.get("corrections", {})),
        )
        root = data.get("root")
        if not isinstance(data["model"], str) or not isinstance(root, (str, type(None))):
            raise TypeError("expected text for the model and the source root")
        return data["model"], extractions, rules, corrections, root
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else f"{type(exc).__name__}: {exc}"
        raise V1StateError(
            f"the graph's recorded extractions are damaged ({' '.join(str(detail).split())[:200]}); rebuild the graph "
            "(hand edits belong in a corrections file)"
        ) from None


def _load_extraction(record: dict, mention_fields: list[str], relation_fields: list[str]) -> Extraction:
    article = Article.model_validate({**record["article"], "text": ""})
    return extraction_from_rows(article, record, mention_fields, relation_fields)
