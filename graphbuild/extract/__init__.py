"""Stage 2 — extract: Article → Extraction (mentions and relations), with spaCy.

    extractor = Extractor(load_pipeline("en_core_web_sm"))
    for extraction in extractor.extract(articles):
        ...

Each article is split into story paragraphs (page furniture dropped), the
paragraphs of many articles go through ``nlp.pipe`` in batches, and the rules
in ``mentions`` and ``relations`` read entities and relations off the parsed
Docs.  Relations point at mention ids; the resolve stage turns them into
entity ids.
"""

from __future__ import annotations

from itertools import groupby
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphbuild.dates import resolve_date
from graphbuild.extract.furniture import story_paragraphs
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.mentions import Found, MentionFinder
from graphbuild.extract.relations import FoundRelation, RelationFinder
from graphbuild.models import Article, Extraction, Mention, Relation

__all__ = ["Extractor", "story_paragraphs"]


class Extractor:
    """Turns articles into Extractions with one spaCy pipeline."""

    def __init__(self, nlp: Language, batch_size: int = 64):
        self.nlp = nlp
        self.batch_size = batch_size
        self.mentions = MentionFinder(load_gazetteer())

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in article order; articles stream through, a batch at a time."""
        parsed = self.nlp.pipe(self._paragraphs(articles), as_tuples=True, batch_size=self.batch_size)
        for article, group in groupby(parsed, key=lambda item: item[1][0]):
            docs = []
            for doc, (_, start) in group:
                if start >= 0:
                    doc.user_data["offset"] = start
                    docs.append(doc)
            yield self.extract_docs(article, docs)

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def extract_docs(self, article: Article, docs: list[Doc]) -> Extraction:
        """The Extraction of one article from its parsed paragraphs."""
        found = self.mentions.find(docs)
        mentions = {id(f): _to_mention(article, f) for f in found if not _is_empty(f)}
        relations: list[Relation] = []
        for doc in docs:
            for rel in RelationFinder(doc, found).find():
                if id(rel.source) in mentions and id(rel.target) in mentions:
                    relations.append(_to_relation(article, rel, mentions))
        return Extraction(article=article, mentions=list(mentions.values()), relations=relations)

    def _paragraphs(self, articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, int]]]:
        for article in articles:
            paragraphs = story_paragraphs(article.text)
            for p in paragraphs:
                yield p.text, (article, p.start)
            if not paragraphs:  # still yield the article, so it gets an (empty) Extraction
                yield "", (article, -1)


def _is_empty(f: Found) -> bool:
    return not f.name.strip() or not f.key


def _mention_id(article: Article, f: Found) -> str:
    return f"{article.id}:{f.doc.user_data.get('offset', 0) + f.span.start_char}"


def _to_mention(article: Article, f: Found) -> Mention:
    span = f.span
    offset = f.doc.user_data.get("offset", 0)
    start = offset + span.start_char
    return Mention(
        id=_mention_id(article, f),
        country_from=_mention_id(article, f.possessor) if f.possessor is not None else None,
        article_id=article.id,
        type=f.type,
        text=span.text,
        start=start,
        end=offset + span.end_char,
        sentence=span.sent.text.strip(),
        name=f.name,
        key=f.key,
        role=f.role,
        country=f.country if f.type != "Country" else None,
        country_evidence=f.country_evidence if f.type != "Country" else None,
        implicit=f.implicit,
    )


def _to_relation(article: Article, rel: FoundRelation, mentions: dict[int, Mention]) -> Relation:
    return Relation(
        type=rel.type,
        source=mentions[id(rel.source)].id,
        target=mentions[id(rel.target)].id,
        article_id=article.id,
        evidence=rel.trigger.sent.text.strip(),
        confidence=rel.confidence,
        date=_relation_date(rel, article),
    )


def _relation_date(rel: FoundRelation, article: Article):
    """The date the sentence gives for the event ("on Thursday", "last month"), relative to publication."""
    if article.published is None:
        return None
    trigger = rel.trigger
    clause = next((t for t in [trigger, *trigger.ancestors] if t.pos_ in {"VERB", "AUX"}), trigger)
    scope = {t.i for t in trigger.subtree} | {t.i for t in clause.subtree}
    for ent in trigger.sent.ents:
        if ent.label_ == "DATE" and ent.root.i in scope:
            resolved = resolve_date(ent.text, article.published)
            if resolved is not None:
                return resolved.value
    return None
