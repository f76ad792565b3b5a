"""The resolved graph of invented articles: what the news tests read their answers from."""

from __future__ import annotations

from graphbuild.models import Article
from graphbuild.resolve import Resolution, resolve


def resolved(extractor, *texts: str) -> Resolution:
    """One article per text, extracted with the real model and resolved together."""
    return resolve([extractor.extract_one(Article(id=f"a{n}", text=t)) for n, t in enumerate(texts)])
