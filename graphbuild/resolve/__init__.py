"""Stage 3 — resolve: Extractions → one entity per real-world thing.

    resolution = resolve(extractions, types=rules.types)              # all at once, in memory
    resolver = Resolver(Store(path), types=rules.types); resolver.add(x); corpus = resolver.finish()   # streamed

Every decision about *who a mention is* is made inside its article
(:mod:`graphbuild.resolve.article`): a lone surname is the full name its
article gives (:mod:`~graphbuild.resolve.people`), a ministry named without
its country is the one its article names with a country, an acronym the
name it abbreviates (:mod:`~graphbuild.resolve.organizations`).  Each
mention gets a *cluster key*, and across articles mentions are one entity
exactly when their keys are equal: ISO codes for countries, name keys for
people (initials, suffixes, titles dropped) and organizations
(British/American spellings and "X Department"/"Department of X" folded
together; the country is part of the key of a body every country has).
So an entity's node id is a function of its key (:func:`~graphbuild.resolve.entities.entity_id`),
the same whichever other articles were read; two people who share a given
name or a surname, or two countries' "Foreign Ministry", are never one node
because of another article.  Joins the articles cannot justify on their
own (a surname used alone in an article that never gives the full name, two
spellings of one name) are the analyst's to make, with ``same:`` in a
corrections file; ``graphbuild explain`` shows why each name is where it is.

What an article says of each entity is counted in a per-key
:class:`~graphbuild.resolve.tally.Tally` (names, roles, countries), from which
the entity is made (:mod:`~graphbuild.resolve.entities`); relations are
rewritten from mention ids to keys as their relation type says
(:mod:`~graphbuild.resolve.relations`): a person who "supports" a country
stands for the country their article gives them; each person gets
AFFILIATED_WITH edges to one country, the one the best evidence of all
their articles gives, with the sentences of each article that names it.

The :class:`Resolver` keeps all of this in a :class:`Store` (SQLite) instead
of memory, so memory grows with the number of entities, not of mentions, and
adding or removing articles re-resolves only those articles.  An analyst's
corrections file (``corrections=``) is applied on the way
(:mod:`~graphbuild.resolve.corrections`, :mod:`~graphbuild.resolve.regroup`).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphbuild.corrections import Corrections
from graphbuild.models import Extraction, Resolution
from graphbuild.relation_types import RelationTypes
from graphbuild.resolve.resolver import ResolvedCorpus, Resolver
from graphbuild.resolve.store import Store, StoreError

__all__ = ["Resolution", "ResolvedCorpus", "Resolver", "Store", "StoreError", "resolve"]


def resolve(
    extractions: Iterable[Extraction], types: RelationTypes | None = None, corrections: Corrections | None = None
) -> Resolution:
    """The entities and relations of these articles, as records (an in-memory store; for a corpus, use
    :class:`Resolver`)."""
    resolver = Resolver(Store(), types=types, corrections=corrections)
    for extraction in sorted(extractions, key=lambda x: x.article.id):
        resolver.add(extraction)
    corpus = resolver.finish()
    mention_ids = resolver.mention_ids()
    entities = [e.model_copy(update={"mentions": mention_ids.get(e.id, [])}) for e in corpus.entities]
    relations = sorted(corpus.relations(), key=lambda r: (r.type, r.source, r.target, r.article_id, r.evidence))
    resolution = Resolution(articles=list(corpus.articles()), entities=entities, relations=relations)
    resolver.store.close()
    return resolution
