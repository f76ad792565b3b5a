"""What the extraction passes hand each other: mentions found in one article's parsed paragraphs.

A :class:`Found` is immutable: a pass that changes one (a new type, a role,
a country) returns a new record with :func:`dataclasses.replace`.  It is
identified by its :attr:`Found.ref` — paragraph, first and last token — so
relations and possessors point at mentions without object identity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.lexical import Words
from graphbuild.models import COUNTRY_EVIDENCE_RANK, CountryEvidence

#: (paragraph index, start token, end token) of a mention within its article.
Ref = tuple[int, int, int]


@dataclass(frozen=True)
class Found:
    """A mention found in one paragraph's Doc (token offsets), before it becomes a models.Mention."""

    doc: Doc = field(compare=False, repr=False)
    paragraph: int
    start: int
    end: int
    type: str  # Person | Country | Organization
    name: str
    key: str
    role: str | None = None
    country: str | None = None
    country_evidence: CountryEvidence | None = None
    implicit: bool = False
    #: The person whose title this is part of ("Biden" in "Biden's National Security Adviser").
    possessor: Ref | None = None
    #: The organization the person acts for ("FBI Director X", "a spokeswoman at the Health Ministry").
    organization: Ref | None = None
    #: Title and apposition tokens that describe this person ("minister" in
    #: "Samoa's defence minister, Admiral Tavita Lemalu"); relations reach the person through them.
    describes: frozenset[int] = frozenset()
    #: For a reference that names no one ("he", "the president", "the two leaders"): the named
    #: mentions it stands for.  Relations reach them through it; it is no mention of its own.
    antecedents: tuple[Ref, ...] = ()

    @property
    def ref(self) -> Ref:
        return (self.paragraph, self.start, self.end)

    @property
    def span(self) -> Span:
        return self.doc[self.start : self.end]

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def tokens(self) -> range:
        return range(self.start, self.end)

    def with_country(self, code: str | None, evidence: CountryEvidence) -> Found:
        """This mention with a country, if the evidence beats what it had."""
        if code and COUNTRY_EVIDENCE_RANK[evidence] > COUNTRY_EVIDENCE_RANK[self.country_evidence]:
            return replace(self, country=code, country_evidence=evidence)
        return self

    @property
    def is_reference(self) -> bool:
        return bool(self.antecedents)

    def retyped(self, type: str, name: str, key: str) -> Found:
        return replace(self, type=type, name=name, key=key)


class ByParagraph:
    """The mentions of each paragraph, indexed once: passes look them up per paragraph, and scanning
    the whole article for each would cost the square of its length."""

    def __init__(self, found: Iterable[Found]):
        self._by: dict[int, list[Found]] = defaultdict(list)
        for f in found:
            self._by[f.paragraph].append(f)

    def __call__(self, paragraph: int, type: str | None = None) -> list[Found]:
        """The mentions of one paragraph, of one type if given."""
        return [f for f in self._by.get(paragraph, ()) if type is None or f.type == type]


@dataclass(frozen=True)
class ArticleContext:
    """One article's parsed paragraphs, and what the passes look names up in."""

    docs: tuple[Doc, ...]
    gazetteer: Gazetteer
    #: What passes derive from the article and the mentions they are given, kept for the next pass
    #: that asks the same (keys say what it was derived from).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def tokens(self) -> tuple[list[Token], ...]:
        """Each paragraph's tokens, made once (spaCy builds a new Token object on every iteration)."""
        return tuple(list(doc) for doc in self.docs)

    @cached_property
    def dateline_country(self) -> str | None:
        """The country the story was filed from, by its dateline ("NAIROBI, Kenya (AP) —")."""
        for doc in self.docs:
            place = doc.user_data.get("dateline")
            for part in reversed(place.split(",")) if place else ():
                code = self.gazetteer.country(part.strip().title(), allow_abbreviation=False) or self.gazetteer.country(
                    part.strip()
                )
                if code:
                    return code
        return None

    @cached_property
    def words(self) -> tuple[Words, ...]:
        """Each paragraph's word classes (places, titles, honorifics; names once found)."""
        return tuple(Words(doc, self.gazetteer, tokens) for doc, tokens in zip(self.docs, self.tokens, strict=True))

    def found(self, paragraph: int, start: int, end: int, type: str, name: str, key: str, **fields) -> Found:
        return Found(self.docs[paragraph], paragraph, start, end, type, name, key, **fields)
