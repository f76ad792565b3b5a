"""Typed records that flow between the pipeline stages.

read → ``Article`` → extract → ``Extraction`` (``Mention`` + ``Relation``) →
resolve → ``Entity`` (``Person`` / ``Country`` / ``Organization``) → graph.

Every model is frozen-by-convention plain data: stages build new records
instead of mutating the ones they were given.  ``schemas/`` holds the JSON
Schema of each model (see ``graphbuild.schemas``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphbuild.dates import PeriodText
from graphbuild.relation_types import RELATION_NAME_PATTERN, EntityType, builtin_relation_types

CountryEvidence = Literal["title", "syntax", "sentence"]

#: How much to trust the way a person's country was found: their title or a
#: demonym before the name beats the rest of the syntax, which beats a country
#: merely named in the same sentence.
COUNTRY_EVIDENCE_RANK: dict[str | None, int] = {"title": 3, "syntax": 2, "sentence": 1, None: 0}


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One news article, as read from a file, a feed record or stdin."""

    id: str = Field(
        description="Stable article id, unique within a run: a file's path in the source root without its suffix, "
        "a record's id, or stdin-<hash>."
    )
    text: str = Field(description="Full article text, normalized to NFC.")
    source: str = Field(default="", description="Where it was read from: a path, 'path:line' or '-'.")
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = Field(default=None, description="Publication date, if known.")
    publisher: str | None = Field(default=None, description="Outlet or feed name ('source' in JSONL feeds).")
    fingerprint: str | None = Field(
        default=None,
        description="MinHash of the text (graphbuild.duplicates), computed when the article is read: "
        "finds near-duplicate copies.",
    )


class Mention(Record):
    """A stretch of article text that names an entity."""

    id: str = Field(description="'<article id>:<start>' — unique and stable.")
    article_id: str
    type: EntityType
    text: str = Field(description="Surface text as printed in the article.")
    start: int = Field(ge=0, description="Character offset of the first character in Article.text.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    sentence: str = Field(description="The sentence the mention occurs in.")
    sentence_start: int | None = Field(
        default=None, ge=0, description="Character offset of the sentence in Article.text."
    )
    name: str = Field(description="Cleaned name: titles, possessives and honorifics removed.")
    key: str = Field(description="Normalized identity key (ISO code for countries, name key otherwise).")
    role: str | None = Field(default=None, description="Title or role given next to a person's name.")
    country: str | None = Field(
        default=None, description="ISO 3166 alpha-2 code of the country the person or organization acts for."
    )
    country_evidence: CountryEvidence | None = Field(
        default=None,
        description="How the country was found: in the title/demonym, elsewhere in the syntax, or only in the "
        "sentence.",
    )
    country_from: str | None = Field(
        default=None,
        description="Id of a person mention whose country this person shares, when the title names no country "
        '("Biden\'s National Security Adviser").',
    )
    implicit: bool = Field(
        default=False,
        description="True for a country referred to only by a demonym ('Chinese'); it is not a mention of its own.",
    )


class Relation(Record):
    """A typed link between two entities, with the sentence that says so."""

    type: str = Field(
        pattern=RELATION_NAME_PATTERN,
        description="A declared relation type (graphbuild.relation_types); built in: "
        + ", ".join(builtin_relation_types())
        + ".",
    )
    source: str = Field(description="Mention id in an Extraction; entity id after resolution.")
    target: str
    article_id: str
    evidence: str = Field(
        description="The sentence the relation was read from (two, joined by ' … ', for a meeting shared by a "
        "companion)."
    )
    evidence_start: int | None = Field(
        default=None, ge=0, description="Character offset in Article.text where the evidence starts."
    )
    evidence_end: int | None = Field(
        default=None,
        ge=0,
        description="Character offset one past its end (for two sentences: the passage from the first to the second).",
    )
    confidence: float = Field(ge=0.0, le=1.0)
    date: PeriodText | None = Field(
        default=None, description="When it happened, where the sentence says so, with the precision it gives."
    )


class Extraction(Record):
    """Everything the extractor read from one article."""

    article: Article
    mentions: list[Mention]
    relations: list[Relation]


class EntityBase(Record):
    id: str = Field(description="Stable node id, e.g. 'person:lloyd-austin', 'country:cn'.")
    name: str
    aliases: list[str] = Field(default_factory=list, description="Other names the articles use for it.")
    mentions: list[str] = Field(default_factory=list, description="Mention ids resolved to this entity.")


class Person(EntityBase):
    type: Literal["Person"] = "Person"
    role: str | None = None
    country: str | None = Field(default=None, description="ISO alpha-2 code of the country the person acts for.")


class Country(EntityBase):
    type: Literal["Country"] = "Country"
    iso_code: str = Field(description="ISO 3166 alpha-2 code.")


class Organization(EntityBase):
    type: Literal["Organization"] = "Organization"
    country: str | None = None


Entity = Annotated[Person | Country | Organization, Field(discriminator="type")]


class Resolution(Record):
    """The resolver's output: entities, and relations rewritten to entity ids."""

    articles: list[Article]
    entities: list[Entity]
    relations: list[Relation]
