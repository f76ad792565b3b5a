"""An analyst's corrections to entity resolution, read from a YAML or JSON file.

    corrections = load_corrections("corrections.yaml")
    graph = build_graph_from_sources(["articles/"], corrections=corrections)

The file says which names are one entity (``same``), which must never be
merged (``different``), an entity's type, canonical name, country or role
(``entities``), and which names are not entities at all (``ignore``)::

    same:
      - [Irena Tovar, I. Tovar-Quiroga]
    different:
      - [Lidia Elena Brandao, Lidia Luisa Brandao]
    entities:
      - entity: I. Tovar-Quiroga
        name: Irena Tovar-Quiroga
        country: ES
        role: Foreign Minister
      - entity: Harbour Watch
        type: Organization
    ignore:
      - Getty Images

Names are the ones the graph shows (a node's name or one of its aliases),
compared ignoring case, accents, punctuation and a leading "the".  The
resolver applies them (:mod:`graphbuild.resolve.corrections`), so node ids
and every export follow.  Every value is text: YAML is read without its
implicit types, so ``country: NO`` is Norway, not ``false``.

A file that cannot be used is a :class:`CorrectionsError` whose message is
one line naming the file and the line (PyYAML's marks for YAML; the same
marks, found on the parsed document, for JSON): a file that is not a
regular file, over 10 MB or nested more than 100 levels
(:mod:`graphbuild.inputs`, checked before parsing), a key given twice in
one mapping (two ``same:`` lists would otherwise keep only the second), or
a lone UTF-16 surrogate (an escaped ``"\ud800"``, which no output could
write).  Names are put in the normal form article text is read in
(:func:`graphbuild.inputs.normalize_text`: no soft hyphens or direction
marks).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import pycountry
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from graphbuild.errors import ConfigError, first_problem
from graphbuild.inputs import InputFileError, normalize_text, read_input
from graphbuild.names import name_key

__all__ = ["Corrections", "CorrectionsError", "EntityCorrection", "load_corrections"]


class CorrectionsError(ConfigError, ValueError):
    """A corrections file that cannot be used; the message is one line naming the file and the line."""


class EntryError(ValueError):
    """A problem with one entry of the file, at ``loc`` (as pydantic locations are written)."""

    def __init__(self, loc: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.loc = loc


def _name(text: str) -> str:
    text = " ".join(normalize_text(text).split())
    if not any(ch.isalnum() for ch in text):
        raise ValueError(f"{text!r} is not a name")
    return text


def _distinct_names(names: tuple[str, ...]) -> tuple[str, ...]:
    if len(names) < 2:
        raise ValueError("list at least two names")
    keys = [name_key(n) for n in names]
    repeated = next((n for n, k in zip(names, keys, strict=True) if keys.count(k) > 1), None)
    if repeated is not None:
        raise ValueError(f"{repeated!r} is listed twice (names are compared ignoring case, accents and punctuation)")
    return names


def _country_code(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{text!r} is not an ISO 3166 alpha-2 country code (like ES or NO)")
    return code


# The checks are functions (for messages a user understands); json_schema_extra keeps them in the schema.
Name = Annotated[str, AfterValidator(_name), Field(json_schema_extra={"pattern": r"\w"})]
NameGroup = Annotated[tuple[Name, ...], AfterValidator(_distinct_names), Field(json_schema_extra={"minItems": 2})]
CountryCode = Annotated[str, AfterValidator(_country_code), Field(json_schema_extra={"pattern": "^[A-Za-z]{2}$"})]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EntityCorrection(Record):
    """What to set on one entity, found by one of its names."""

    entity: Name = Field(description="A name the graph shows for the entity: its name or one of its aliases.")
    type: Literal["Person", "Organization"] | None = Field(
        default=None, description="Its entity type (countries come from the gazetteer)."
    )
    name: Name | None = Field(
        default=None, description="Its canonical name; the node id follows it, the old name becomes an alias."
    )
    country: CountryCode | None = Field(
        default=None, description="ISO 3166 alpha-2 code of the country a person or organization acts for."
    )
    role: Name | None = Field(default=None, description="A person's title or role.")

    @model_validator(mode="after")
    def _sets_something(self) -> EntityCorrection:
        if not (self.type or self.name or self.country or self.role):
            raise ValueError("say what to correct: type, name, country and/or role")
        return self


class Corrections(Record):
    """The corrections file: names that are one entity, names that are not, entity attributes, names to ignore."""

    same: tuple[NameGroup, ...] = Field(
        default=(), description="Each entry: names of one entity, merged into one node."
    )
    different: tuple[NameGroup, ...] = Field(
        default=(), description="Each entry: names of different entities, never merged."
    )
    entities: tuple[EntityCorrection, ...] = Field(
        default=(), description="Type, canonical name, country or role of an entity."
    )
    ignore: tuple[Name, ...] = Field(
        default=(), description="Names that are no entity: every mention of them is dropped."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Corrections:
        """No entry may contradict another: a pair both same and different, a name ignored and corrected, one entity
        described twice."""
        component = _same_components(self.same)
        for i, names in enumerate(self.different):
            for a in names:
                for b in names:
                    ka, kb = name_key(a), name_key(b)
                    if ka != kb and component.get(ka, ka) == component.get(kb, kb):
                        raise EntryError(
                            ("different", i), f"{a!r} and {b!r} are listed as the same entity under 'same'"
                        )
        ignored = {name_key(n): i for i, n in enumerate(self.ignore)}
        used = [n for names in self.same + self.different for n in names] + [e.entity for e in self.entities]
        for name in used:
            if name_key(name) in ignored:
                i = ignored[name_key(name)]
                raise EntryError(
                    ("ignore", i), f"{self.ignore[i]!r} is ignored but also corrected elsewhere in the file"
                )
        described: set[str] = set()
        for i, entry in enumerate(self.entities):
            if name_key(entry.entity) in described:
                raise EntryError(
                    ("entities", i, "entity"),
                    f"{entry.entity!r} is already corrected by an earlier entry; give all its fields in one",
                )
            described.add(name_key(entry.entity))
        return self

    # Where each entry came from, for messages: set by load_corrections (not part of the data).
    _source: str = PrivateAttr("the corrections recorded in the graph")
    _lines: dict[tuple[str, int], int] = PrivateAttr(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.same or self.different or self.entities or self.ignore)

    def where(self, section: str, index: int) -> str:
        """Where an entry is, for a message: "corrections.yaml line 7", or its section and number."""
        line = self._lines.get((section, index))
        return f"{self._source} line {line}" if line else f"{self._source}, {section} entry {index + 1}"

    def linked_names(self, name: str) -> set[str]:
        """The name keys of ``name`` and of every name that ``same`` entries join to it."""
        component = _same_components(self.same)
        own = name_key(name)
        return {k for k, rep in component.items() if rep == component.get(own)} | {own}


def _same_components(groups: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Name key -> one representative name key of the names that ``same`` entries join, transitively."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for names in groups:
        first = find(name_key(names[0]))
        for n in names[1:]:
            parent[find(name_key(n))] = first
    return {k: find(k) for k in list(parent)}


def load_corrections(path: str | Path) -> Corrections:
    """The corrections in a ``.yaml``/``.yml`` or ``.json`` file; :class:`CorrectionsError` (one line) if unusable."""
    path = Path(path)
    syntax = "json" if path.suffix.lower() == ".json" else "yaml"
    try:
        text = read_input(path, "corrections file", syntax=syntax)
    except InputFileError as exc:
        raise CorrectionsError(str(exc)) from None
    data = _parse(path, text)
    document = _document_node(path, text)
    _refuse_repeated_keys_and_surrogates(path, document)
    if document is None and _SURROGATE.search(json.dumps(data, ensure_ascii=False)):  # no marks to say where
        raise CorrectionsError(f"{path}: a name holds a lone UTF-16 surrogate (half a character); fix the text")
    if data is None:  # an empty file: no corrections (how to drop the ones a graph recorded)
        return Corrections()
    if not isinstance(data, dict):
        raise CorrectionsError(
            f"{path}: line 1: a corrections file is a mapping with 'same', 'different', 'entities' and/or 'ignore'"
        )
    try:
        corrections = Corrections.model_validate({k: v for k, v in data.items() if not str(k).startswith("_")})
    except ValidationError as exc:
        loc, message = first_problem(exc)
        line = _line_of(document, loc)
        where = ".".join(str(part) for part in loc)
        raise CorrectionsError(
            f"{path}: " + (f"line {line}: " if line else "") + (f"{where}: " if where else "") + message
        ) from None
    corrections._source = str(path)
    for section in ("same", "different", "entities", "ignore"):
        for index in range(len(getattr(corrections, section))):
            corrections._lines[(section, index)] = _line_of(document, (section, index))
    return corrections


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CorrectionsError(
                f"{path}: line {exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"
            ) from None
    try:
        # BaseLoader: every scalar is text, so "NO" stays Norway and "2024" a name.
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorrectionsError(
            f"{path}: " + (f"line {mark.line + 1}: " if mark else "") + f"not valid YAML: {problem}"
        ) from None


def _refuse_repeated_keys_and_surrogates(path: Path, document: yaml.Node | None) -> None:
    """A key given twice in one mapping, or text with a lone surrogate, as a :class:`CorrectionsError` with its line."""
    pending = [document] if document is not None else []
    visited: set[int] = set()  # YAML aliases share nodes: each is looked at once
    while pending:
        node = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if _SURROGATE.search(node.value):
                raise CorrectionsError(
                    f"{path}: line {node.start_mark.line + 1}: {node.value!r} holds a lone UTF-16 surrogate (half "
                    "a character); fix the text"
                )
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise CorrectionsError(
                            f"{path}: line {key.start_mark.line + 1}: {key.value!r} is given twice; put all its "
                            f"entries under one {key.value!r}"
                        )
                    seen.add(key.value)
                pending += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _document_node(path: Path, text: str) -> yaml.Node | None:
    """The parsed document with line marks; JSON is read as YAML for this (tabs, never inside JSON strings, as
    spaces)."""
    try:
        return yaml.compose(text.replace("\t", " ") if path.suffix.lower() == ".json" else text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return None


def _line_of(node: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest part of ``loc`` found in the document."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            key, node = next(((k, v) for k, v in node.value if k.value == part), (None, None))
            start = key  # "colour: red" is where its key is, even when the value is on the next line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = start = node.value[part]
        else:
            node = start = None
        if start is None:
            break
        line = start.start_mark.line + 1
    return line
