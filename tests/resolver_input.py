"""Hand-made extractions for resolver tests: the mentions an extractor would give, written out, so a test of
the resolver's rules does not depend on how the model parses a sentence.  Names are invented."""

from __future__ import annotations

from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.names import org_key, person_key


def mention(
    article: str,
    start: int,
    etype: str,
    text: str,
    *,
    name: str | None = None,
    key: str | None = None,
    role: str | None = None,
    country: str | None = None,
    evidence: str | None = None,
    implicit: bool = False,
    sentence: str | None = None,
) -> Mention:
    name = name or text
    if key is None:
        key = person_key(name) if etype == "Person" else org_key(name) if etype == "Organization" else name
    return Mention(
        id=f"{article}:{start}",
        article_id=article,
        type=etype,
        text=text,
        start=start,
        end=start + len(text),
        sentence=sentence or f"{text} said so.",
        name=name,
        key=key,
        role=role,
        country=country,
        country_evidence=evidence if country else None,
        implicit=implicit,
    )


def met(a: Mention, b: Mention, rtype: str = "MET_WITH") -> Relation:
    return Relation(type=rtype, source=a.id, target=b.id, article_id=a.article_id, evidence=a.sentence, confidence=0.9)


def extraction(article: str, *mentions: Mention, relations: tuple[Relation, ...] = ()) -> Extraction:
    return Extraction(article=Article(id=article, text=""), mentions=list(mentions), relations=list(relations))
