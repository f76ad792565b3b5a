"""The resolver of a growing (or shrinking) set of articles, kept in a :class:`Store`.

    resolver = Resolver(Store(), types=rules.types, corrections=corrections)
    for extraction in extractions:
        resolver.add(extraction)          # resolved on its own, then written to the store
    resolver.remove("story-17")           # what it gave the tallies is taken back out
    corpus = resolver.finish()            # entities, and relations between their node ids

Each article is resolved alone (:func:`graphbuild.resolve.article.resolve_article`):
its mentions get cluster keys, what it says of each key is a :class:`Tally`
added to that key's total, and its relations are stored between keys.  So
adding or removing an article touches only the keys it names: the rest of
the corpus is not read again, and the result equals resolving all articles
at once.  :meth:`finish` applies the ``same``/``entities`` corrections to
the keys, makes one entity per key from its tally, and maps relations to
node ids, reading the store one row at a time.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from graphbuild.corrections import Corrections
from graphbuild.models import Article, Entity, Extraction, Relation
from graphbuild.relation_types import RelationTypes, builtin_relation_types, country_node_id
from graphbuild.resolve.article import resolve_article
from graphbuild.resolve.corrections import ArticleCorrections
from graphbuild.resolve.entities import ClusterKey, entity_id, make_entity
from graphbuild.resolve.regroup import CORRECTED_EVIDENCE, Regrouping
from graphbuild.resolve.relations import decode, encode
from graphbuild.resolve.store import Store, StoreError
from graphbuild.resolve.tally import Tally

#: Tallies kept in memory between writes to the store (the keys the articles being read touch).
TOUCHED_LIMIT = 100_000


@dataclass
class ResolvedCorpus:
    """What the graph is made from; the relations and mention counts are read from the store as they are used."""

    entities: list[Entity]  # sorted by id
    store: Store
    _relations: object
    _mentions: object

    def articles(self) -> Iterator[Article]:
        return self.store.articles()

    def relations(self) -> Iterator[Relation]:
        return self._relations()

    def mention_counts(self) -> Iterator[tuple[str, str, int]]:
        """(entity id, article id, mentions in that article)."""
        return self._mentions()


class Resolver:
    def __init__(
        self, store: Store | None = None, types: RelationTypes | None = None, corrections: Corrections | None = None
    ):
        self.store = store if store is not None else Store()
        self.types = types or builtin_relation_types()
        self.corrections = corrections or Corrections()
        self._per_article = ArticleCorrections(self.corrections)
        self._touched: dict[ClusterKey, Tally] = {}
        self._ignore_found = Counter({int(k): n for k, n in (self.store.meta("ignore_found") or {}).items()})

    def has_article(self, article_id: str) -> bool:
        return self.store.has_article(article_id)

    def add(self, extraction: Extraction) -> None:
        """Resolve one article into the store (one with the same id already there is replaced)."""
        if self.store.has_article(extraction.article.id):
            self.remove(extraction.article.id)
        result = resolve_article(extraction, self.types, self._per_article)
        resolved = {
            "entities": [[encode(k), e.tally.to_json(), e.mention_ids] for k, e in result.entities.items()],
            "ignored": sorted(result.ignored_found),
        }
        mentioned = {k: len(e.mention_ids) for k, e in result.entities.items() if e.mention_ids}
        self.store.put_article(extraction, resolved, result.relations, mentioned)
        for key, entity in result.entities.items():
            self._tally(key).__iadd__(entity.tally)
        self._ignore_found.update(result.ignored_found)

    def remove(self, article_id: str) -> None:
        """Take an article out: its rows go, and what it said is subtracted from the tallies it touched."""
        resolved = self.store.pop_article(article_id)
        for encoded, tally, _ in resolved["entities"]:
            self._tally(decode(encoded)).__isub__(Tally.from_json(tally))
        self._ignore_found.subtract(resolved["ignored"])

    def reresolve_all(self) -> None:
        """Resolve every stored article again (other corrections than those it was resolved with)."""
        for article_id in self.store.article_ids():
            self.add(self.store.extraction(article_id))

    def _tally(self, key: ClusterKey) -> Tally:
        if key not in self._touched:
            if len(self._touched) >= TOUCHED_LIMIT:  # a long build: the tallies go to the store, memory stays bounded
                self.flush()
            self._touched[key] = self.store.tally(key) or Tally()
        return self._touched[key]

    def flush(self) -> None:
        """Write the touched tallies back to the store."""
        for key, tally in self._touched.items():
            self.store.put_tally(key, tally)
        self._touched.clear()
        self.store.set_meta("ignore_found", {str(k): n for k, n in sorted(self._ignore_found.items()) if n > 0})

    # --- the finished corpus ---------------------------------------------------------------------------

    def finish(self) -> ResolvedCorpus:
        """The corpus as the graph is made from it: entities in memory; relations and mention counts written to
        sorted scratch tables of the store and read back in the order the graph wants them."""
        self.flush()
        self.store.drop_scratch()
        found = (k for k, n in self._ignore_found.items() if n > 0)
        regroup = self.regroup = Regrouping(self.corrections, self.store, ignore_found=found)
        entities = self._entities(regroup)
        ids = {e.id for e in entities.values()}
        endpoints, affiliated = set(), set()
        countries = {key: c for key, e in entities.items() if e.type == "Person" and (c := getattr(e, "country", None))}

        def final_rows() -> Iterator[tuple]:
            for article_id, row, source, target in self._final_rows(regroup, ids, countries):
                endpoints.update((source, target))
                if row["type"] == "AFFILIATED_WITH":
                    affiliated.add((source, target))
                yield source, target, row["type"], article_id, json.dumps(row, ensure_ascii=False)

        self.store.scratch_relations(final_rows())
        corrected = self._corrected_affiliations(regroup, ids, affiliated)
        self.store.scratch_relations(
            (r.source, r.target, r.type, r.article_id, r.model_dump_json(exclude={"article_id"})) for r in corrected
        )
        endpoints |= {r.target for r in corrected}
        needed = endpoints | {country_node_id(c) for e in entities.values() if (c := getattr(e, "country", None))}
        # a country only ever named by a demonym ("Palestinian prisoners") is no node, unless something points at it
        kept = {
            k: e
            for k, e in entities.items()
            if not (e.type == "Country" and not self._surface.get(k) and e.id not in needed)
        }
        node_of = {key: e.id for key, e in kept.items()}
        self.store.scratch_mentions(
            (node_of.get(final) or entity_id(*final), article_id, n)
            for key, article_id, n in self.store.mentioned()
            if (final := regroup.final(key))
        )

        def relations() -> Iterator[Relation]:
            for source, target, article_id, text in self.store.scratch_relation_rows():
                try:
                    row = {**json.loads(text), "source": source, "target": target, "article_id": article_id}
                    yield Relation.model_validate(row)
                except ValueError as exc:
                    raise StoreError(
                        f"a stored relation of article {article_id!r} is not valid ({type(exc).__name__})"
                    ) from None

        return ResolvedCorpus(
            sorted(kept.values(), key=lambda e: e.id), self.store, relations, self.store.scratch_mention_rows
        )

    def _entities(self, regroup: Regrouping) -> dict[ClusterKey, Entity]:
        """One entity per key after corrections, from the sum of its clusters' tallies."""
        self._surface: dict[ClusterKey, int] = {}
        merged: dict[ClusterKey, Tally] = defaultdict(Tally)
        entities = {}
        for key, tally in self.store.tallies():
            final = regroup.final(key)
            if final == key and key not in regroup.members:
                entities[key] = regroup.describe(key, make_entity(key[0], key[1], tally))
                self._surface[key] = tally.mentions
            else:
                merged[final] += tally
        for final, tally in merged.items():
            entities[final] = regroup.describe(final, make_entity(final[0], final[1], tally))
            self._surface[final] = tally.mentions
        return entities

    def _final_rows(
        self, regroup: Regrouping, ids: set[str], countries: dict[ClusterKey, str]
    ) -> Iterator[tuple[str, dict, str, str]]:
        """(article id, stored row, source node id, target node id) of the relations the graph keeps. A person's
        AFFILIATED_WITH edges go to one country: the one the corrections file sets, else the one the best evidence
        of all their articles gives (``countries``; a title one article misreads does not make a second country)."""
        node_of: dict[ClusterKey, str] = {}
        for article_id, row in self.store.relation_rows():
            try:
                rtype, spec = row["type"], self.types.get(row["type"])
                source, target = regroup.final(decode(row["source"])), regroup.final(decode(row["target"]))
            except (KeyError, TypeError, AttributeError) as exc:
                raise StoreError(
                    f"a stored relation of article {article_id!r} cannot be read ({type(exc).__name__})"
                ) from None
            if spec is None or source == target or source[0] not in spec.source or target[0] not in spec.target:
                continue
            sid = node_of.get(source) or node_of.setdefault(source, entity_id(*source))
            tid = node_of.get(target) or node_of.setdefault(target, entity_id(*target))
            country = regroup.countries_set.get(source) or countries.get(source)
            if rtype == "AFFILIATED_WITH" and country and tid != country_node_id(country):
                continue
            if sid not in ids or tid not in ids:
                continue
            yield article_id, row, *(sorted((sid, tid)) if spec.symmetric else (sid, tid))

    def _corrected_affiliations(
        self, regroup: Regrouping, ids: set[str], affiliated: set[tuple[str, str]]
    ) -> list[Relation]:
        """AFFILIATED_WITH to the country the file sets for a person where no sentence gives it: in each article
        that names the person, with the file as evidence."""
        out = []
        for person, code in sorted(regroup.countries_set.items()):
            pid, cid = entity_id(*person), country_node_id(code)
            if pid not in ids or cid not in ids or (pid, cid) in affiliated:
                continue
            keys = regroup.members.get(person, {person})
            for article_id in sorted({a for _, a, _ in self.store.mentioned(keys)}):
                out.append(
                    Relation(
                        type="AFFILIATED_WITH",
                        source=pid,
                        target=cid,
                        article_id=article_id,
                        evidence=CORRECTED_EVIDENCE,
                        confidence=1.0,
                    )
                )
        return out

    def mention_ids(self) -> dict[str, list[str]]:
        """Entity id -> its mention ids, in article order (after :meth:`finish`; for
        :func:`graphbuild.resolve.resolve`)."""
        out: dict[str, list[str]] = defaultdict(list)
        for _, resolved in self.store.resolved():
            for encoded, _, ids in resolved["entities"]:
                out[entity_id(*self.regroup.final(decode(encoded)))].extend(ids)
        return out
