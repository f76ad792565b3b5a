"""What the extraction tests share: invented articles run through the real model, and what to read
off the result.

Every sentence and person in the extraction tests is invented (the project's evaluation data must
never be copied); countries are real.  Helpers read names, roles, countries and relations off an
:class:`~graphbuild.models.Extraction`, or off the resolved graph where the resolver decides (a
person's country, AFFILIATED_WITH).  ``parsed`` and ``with_entity`` build paragraphs whose NER
output a test sets itself, to show that a mechanism holds whatever the model says.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from graphbuild.extract import Extractor
from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.mentions import DEFAULT_PASSES, MentionFinder
from graphbuild.models import Article, Extraction, Mention
from graphbuild.relation_types import builtin_relation_types
from graphbuild.resolve import Resolution, resolve


def resolved(extractor, *texts: str) -> Resolution:
    """One article per text, extracted with the real model and resolved together."""
    return resolve([extractor.extract_one(Article(id=f"a{n}", text=t)) for n, t in enumerate(texts)])


def extract(extractor, text: str) -> Extraction:
    return extractor.extract_one(Article(id="t", text=text))


def people(x: Extraction) -> dict[str, Mention]:
    """Named people by name (the first mention of each)."""
    out: dict[str, Mention] = {}
    for m in x.mentions:
        if m.type == "Person" and not m.implicit:
            out.setdefault(m.name, m)
    return out


def organizations(x: Extraction) -> dict[str, Mention]:
    return {m.name: m for m in x.mentions if m.type == "Organization"}


def countries(x: Extraction) -> list[tuple[str, str, bool]]:
    """(text, code, implicit) of each country mention, in text order."""
    return [(m.text, m.key, m.implicit) for m in x.mentions if m.type == "Country"]


_SYMMETRIC = {name for name, spec in builtin_relation_types().items() if spec.symmetric}


def relations(x: Extraction, *types: str) -> set[tuple[str, str, str]]:
    """(type, source name, target name), the two names of a symmetric type sorted."""
    by_id = {m.id: m.name for m in x.mentions}
    out = set()
    for r in x.relations:
        if not types or r.type in types:
            a, b = by_id[r.source], by_id[r.target]
            out.add((r.type, *sorted((a, b))) if r.type in _SYMMETRIC else (r.type, a, b))
    return out


def met(a: str, b: str, kind: str = "MET_WITH") -> tuple[str, str, str]:
    """A symmetric relation between two people, as :func:`relations` gives it."""
    return (kind, *sorted((a, b)))


def meetings(x: Extraction) -> set[tuple[str, str, str]]:
    """Every meeting relation, whatever its status (met, planned, refused, disputed)."""
    return relations(x, "MET_WITH", "MEETING_PLANNED", "MEETING_REFUSED", "MEETING_DISPUTED")


def supports(extractor, text: str) -> set[tuple[str, str]]:
    """(source, target) country ids of the SUPPORTS relations the resolved graph holds."""
    return {(r.source, r.target) for r in resolved(extractor, text).relations if r.type == "SUPPORTS"}


def country_of(extractor, text: str) -> dict[str, str | None]:
    """Person name -> the country the resolved graph gives them (context, possessors and all)."""
    return {e.name: e.country for e in resolved(extractor, text).entities if e.type == "Person"}


# --- paragraphs whose NER output the test sets ------------------------------------------------


def parsed(nlp, *paragraphs: str) -> list[Doc]:
    """Parsed paragraphs with their offsets in an article that joins them with newlines."""
    docs = list(nlp.pipe(paragraphs))
    offset = 0
    for doc, text in zip(docs, paragraphs, strict=False):
        doc.user_data["offset"] = offset
        offset += len(text) + 1
    return docs


def with_entity(doc: Doc, first_word: str, length: int, label: str | None) -> Doc:
    """The doc with NER's entities over the words from ``first_word`` replaced by one span of
    ``length`` tokens labelled ``label`` (no entity there at all for None)."""
    start = next(t.i for t in doc if t.text == first_word)
    kept = [e for e in doc.ents if e.end <= start or e.start >= start + length]
    doc.ents = kept + ([Span(doc, start, start + length, label=label)] if label else [])
    return doc


def extract_docs(extractor: Extractor, docs: Sequence[Doc]) -> Extraction:
    """The Extraction of paragraphs parsed (and perhaps re-labelled) by the test."""
    text = "\n".join(doc.text for doc in docs)
    return extractor.extract_docs(Article(id="t", text=text), list(docs))


def found(docs: Sequence[Doc], passes: Sequence[str] = DEFAULT_PASSES) -> tuple[Found, ...]:
    """The mention passes' records for parsed paragraphs (word classes made afresh)."""
    return MentionFinder(load_gazetteer(), passes=passes).find(list(docs))


def without_passes(*names: str) -> tuple[str, ...]:
    return tuple(p for p in DEFAULT_PASSES if p not in names)


def context(docs: Sequence[Doc]) -> ArticleContext:
    return ArticleContext(tuple(docs), load_gazetteer())
