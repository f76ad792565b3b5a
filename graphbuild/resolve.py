"""Stage 3 — resolve: Extractions → one entity per real-world thing.

Within an article, a surname or given name used alone ("Austin", "Li") is the
person the article introduced with a full name containing it (the closest
one before, else the first after).  Across articles, mentions merge by
normalized keys: ISO codes for countries, name keys for organizations (with
British/American spellings and "X Department"/"Department of X" folded
together) and people (initials, suffixes and titles dropped, near-identical
spellings such as "Wei Fenge"/"Wei Fenghe" joined).  Comparison is blocked
by name word, never all pairs, so it scales with the number of names.

Relations are rewritten from mention ids to entity ids: a person or
organization that "supports" a country stands for its own country, and each
person gets one AFFILIATED_WITH edge to the country the best evidence names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz

from graphbuild.extract.gazetteer import load_gazetteer, name_key
from graphbuild.extract.mentions import person_key
from graphbuild.models import (
    COUNTRY_EVIDENCE_RANK,
    SYMMETRIC_RELATIONS,
    Article,
    Country,
    Entity,
    Extraction,
    Mention,
    Organization,
    Person,
    Relation,
    Resolution,
)

#: Spellings of one name closer than this (rapidfuzz ratio, 0-100) are one person.
SAME_PERSON_SIMILARITY = 90
#: Relation types that link countries; persons and organizations stand for their country there.
COUNTRY_RELATIONS = {"SUPPORTS"}
PERSON_RELATIONS = {"MET_WITH", "MEETING_REFUSED", "MEETING_PLANNED"}


@dataclass
class _Cluster:
    """Mentions believed to name one entity."""

    type: str
    key: str
    mentions: list[Mention] = field(default_factory=list)


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    extractions = list(extractions)
    clusters: dict[tuple[str, str], _Cluster] = {}
    cluster_of: dict[str, tuple[str, str]] = {}  # mention id -> cluster id

    def add(mention: Mention, key: tuple[str, str]) -> None:
        clusters.setdefault(key, _Cluster(mention.type, key[1])).mentions.append(mention)
        cluster_of[mention.id] = key

    unresolved_single: list[Mention] = []
    for extraction in extractions:
        for mention, full_key in _resolve_people_in_article(extraction.mentions):
            if full_key is None:
                unresolved_single.append(mention)
            else:
                add(mention, ("Person", full_key))
        for mention in extraction.mentions:
            if mention.type == "Country":
                add(mention, ("Country", mention.key))
            elif mention.type == "Organization":
                add(mention, ("Organization", mention.key))

    _fold_people_named_after_organizations(clusters, cluster_of)
    _fold_organizations_named_like_people(clusters, cluster_of)
    person_keys = _merge_person_keys([k for (t, k) in clusters if t == "Person"])
    owners = _owners_by_word(person_keys.values())  # an index, not a scan of all keys per lone name
    for mention in unresolved_single:
        found = owners.get(mention.key, ())
        add(mention, ("Person", next(iter(found)) if len(found) == 1 else mention.key))
    org_keys = _merge_organization_keys(clusters)

    # Union clusters whose keys were merged, then build entities.
    merged: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for (etype, key), cluster in sorted(clusters.items()):
        canonical = person_keys.get(key, key) if etype == "Person" else org_keys.get(key, key) if etype == "Organization" else key
        merged[(etype, canonical)].append(cluster)
    entities: dict[tuple[str, str], Entity] = {}
    entity_of_cluster: dict[tuple[str, str], str] = {}
    used_ids: set[str] = set()
    for (etype, key), group in sorted(merged.items()):
        mentions = sorted((m for c in group for m in c.mentions), key=lambda m: (m.article_id, m.start))
        entity = _make_entity(etype, key, mentions, used_ids)
        entities[(etype, key)] = entity
        for c in group:
            entity_of_cluster[(c.type, c.key)] = entity.id
    entity_of_mention = {mid: entity_of_cluster[ckey] for mid, ckey in cluster_of.items()}

    by_id = {e.id: e for e in entities.values()}
    _inherit_countries(by_id, entity_of_mention, {m.id: m for x in extractions for m in x.mentions})
    relations = _rewrite_relations(extractions, entity_of_mention, by_id)
    relations += _affiliations(by_id, {m.id: m for x in extractions for m in x.mentions}, entity_of_mention)
    return Resolution(
        articles=[x.article for x in extractions],
        entities=sorted(by_id.values(), key=lambda e: e.id),
        relations=sorted(relations, key=lambda r: (r.type, r.source, r.target, r.article_id, r.evidence)),
    )


# --- people ---------------------------------------------------------------------------------


def _resolve_people_in_article(mentions: list[Mention]) -> list[tuple[Mention, str | None]]:
    """Each person mention with the full-name key it stands for (None: a lone name the article never expands)."""
    people = [m for m in mentions if m.type == "Person"]
    full = [m for m in people if len(m.key.split()) >= 2]
    out = []
    for m in people:
        if len(m.key.split()) >= 2:
            out.append((m, m.key))
            continue
        candidates = [f for f in full if m.key in f.key.split()]
        before = [f for f in candidates if f.start < m.start]
        if before:
            out.append((m, before[-1].key))
        elif candidates:
            out.append((m, candidates[0].key))
        else:
            out.append((m, None))
    return out


def _merge_person_keys(keys: list[str]) -> dict[str, str]:
    """Map each full-name key to one representative, joining near-identical spellings within a name-word block."""
    keys = sorted(set(keys))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    blocks: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        blocks[words[0]].append(k)
        if len(words) > 1:
            blocks[words[-1]].append(k)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a.split()[-1] == b.split()[-1] and a.split()[0] == b.split()[0] or fuzz.ratio(a, b) >= SAME_PERSON_SIMILARITY:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    return {k: find(k) for k in keys}


def _owners_by_word(full_keys: Iterable[str]) -> dict[str, set[str]]:
    """Name word -> the full-name keys containing it; what :func:`_resolve_single_name` looks up, built once."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key in full_keys:
        for word in key.split():
            owners[word].add(key)
    return owners


def _resolve_single_name(word: str, full_keys: Iterable[str]) -> str:
    """A lone name used across the corpus: the one full name containing it, if exactly one does."""
    owners = sorted({k for k in full_keys if word in k.split()})
    return owners[0] if len(owners) == 1 else word


def _fold_people_named_after_organizations(clusters: dict[tuple[str, str], _Cluster], cluster_of: dict[str, tuple[str, str]]) -> None:
    """"Reuters Next" tagged PERSON where the corpus knows the organization "Reuters": an alias of it,
    unless something in the text (a role, a country) says it is a person."""
    one_word_orgs = {k for (t, k) in clusters if t == "Organization" and " " not in k}
    for (etype, key), cluster in list(clusters.items()):
        words = key.split()
        if etype != "Person" or len(words) < 2 or words[0] not in one_word_orgs:
            continue
        if any(m.role or m.country for m in cluster.mentions):
            continue
        target = clusters[("Organization", words[0])]
        for m in cluster.mentions:
            target.mentions.append(m.model_copy(update={"type": "Organization", "key": words[0]}))
            cluster_of[m.id] = ("Organization", words[0])
        del clusters[(etype, key)]


def _fold_organizations_named_like_people(clusters: dict[tuple[str, str], _Cluster], cluster_of: dict[str, tuple[str, str]]) -> None:
    """An ORG span whose name is a person's full name elsewhere in the corpus ("Olaf Scholz" tagged ORG
    in one article, PERSON in another) is that person."""
    people = {k for (t, k) in clusters if t == "Person" and " " in k}
    for (etype, key), cluster in list(clusters.items()):
        if etype != "Organization" or any(m.country for m in cluster.mentions):
            continue
        as_person = person_key(cluster.mentions[0].name)
        if as_person not in people:
            continue
        target = clusters[("Person", as_person)]
        for m in cluster.mentions:
            target.mentions.append(m.model_copy(update={"type": "Person", "key": as_person}))
            cluster_of[m.id] = ("Person", as_person)
        del clusters[(etype, key)]


def _inherit_countries(entities: dict[str, Entity], entity_of: dict[str, str], mentions: dict[str, Mention]) -> None:
    """A person whose title names only another person ("Biden's National Security Adviser") acts for that person's country."""
    for entity in list(entities.values()):
        if not isinstance(entity, Person) or entity.country:
            continue
        for mid in entity.mentions:
            owner = entities.get(entity_of.get(mentions[mid].country_from or "", ""))
            if isinstance(owner, Person) and owner.country:
                entities[entity.id] = entity.model_copy(update={"country": owner.country})
                break


# --- organizations ------------------------------------------------------------------------------


def _merge_organization_keys(clusters: dict[tuple[str, str], _Cluster]) -> dict[str, str]:
    """Join an acronym to the name it abbreviates ("CSIS" -> "center for strategic and international studies")."""
    keys = sorted(k for (t, k) in clusters if t == "Organization")
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = [w for w in k.split() if w not in {"of", "for", "and", "the"}]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].append(k)
    mapping = {}
    for k in keys:
        if " " not in k and len(by_initials.get(k, [])) == 1:
            mapping[k] = by_initials[k][0]
    return mapping


# --- entities -------------------------------------------------------------------------------


def _make_entity(etype: str, key: str, mentions: list[Mention], used_ids: set[str]) -> Entity:
    surface = [m for m in mentions if not m.implicit] or mentions
    aliases = sorted({_display(m.name) for m in surface} | {_display(m.text) for m in surface})
    ids = [m.id for m in mentions if not m.implicit]
    if etype == "Country":
        gaz = load_gazetteer()
        name = gaz.name_of(key)
        return Country(id=_unique_id(f"country:{key.lower()}", used_ids), name=name, aliases=[a for a in aliases if a != name], mentions=ids, iso_code=key)
    if etype == "Person":
        full = [m.name for m in mentions if len(m.key.split()) >= 2] or [m.name for m in mentions]
        name = _most_common(_display(n) for n in full)
        roles = [m.role for m in mentions if m.role]
        country = _best_country(mentions)
        return Person(
            id=_unique_id(f"person:{_slug(key)}", used_ids),
            name=name,
            aliases=[a for a in aliases if a != name],
            mentions=ids,
            role=_most_common(roles, prefer_long=True) if roles else None,
            country=country,
        )
    names = [_display(m.name) for m in mentions]
    name = max(sorted(set(names)), key=lambda n: (len(n.split()), names.count(n)))
    countries = Counter(m.country for m in mentions if m.country)
    country = min(countries, key=lambda c: (-countries[c], c)) if countries else None
    return Organization(
        id=_unique_id(f"organization:{_slug(key)}", used_ids),
        name=name,
        aliases=[a for a in aliases if a != name],
        mentions=ids,
        country=country,
    )


def _best_country(mentions: list[Mention]) -> str | None:
    votes = Counter((m.country, COUNTRY_EVIDENCE_RANK[m.country_evidence]) for m in mentions if m.country)
    if not votes:
        return None
    (code, _), _ = min(votes.items(), key=lambda kv: (-kv[0][1], -kv[1], kv[0][0]))
    return code


def _most_common(values: Iterable[str], prefer_long: bool = False) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-len(v) if prefer_long else 0, -counts[v], len(v), v))


def _display(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"^(the|The)\s+", "", re.sub(r"\s+", " ", text).strip())
    return re.sub(r"'s?$", "", text).strip()


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _unique_id(candidate: str, used: set[str]) -> str:
    n, unique = 2, candidate
    while unique in used:
        unique, n = f"{candidate}-{n}", n + 1
    used.add(unique)
    return unique


# --- relations ----------------------------------------------------------------------------------


def _rewrite_relations(extractions: list[Extraction], entity_of: dict[str, str], entities: dict[str, Entity]) -> list[Relation]:
    out = []
    for extraction in extractions:
        for rel in extraction.relations:
            source, target = entity_of.get(rel.source), entity_of.get(rel.target)
            if source is None or target is None:
                continue
            if rel.type in COUNTRY_RELATIONS:
                source, target = _as_country(entities[source]), _as_country(entities[target])
            if rel.type in PERSON_RELATIONS and not (entities[source].type == entities[target].type == "Person"):
                continue
            if source is None or target is None or source == target:
                continue
            if rel.type in SYMMETRIC_RELATIONS:
                source, target = sorted((source, target))
            out.append(rel.model_copy(update={"source": source, "target": target}))
    return out


def _as_country(entity: Entity) -> str | None:
    if isinstance(entity, Country):
        return entity.id
    code = getattr(entity, "country", None)
    return f"country:{code.lower()}" if code else None


def _affiliations(entities: dict[str, Entity], mentions: dict[str, Mention], entity_of: dict[str, str]) -> list[Relation]:
    """AFFILIATED_WITH person -> country, with the sentences that name the country for them."""
    out = []
    for entity in entities.values():
        if not isinstance(entity, Person) or entity.country is None:
            continue
        country_id = f"country:{entity.country.lower()}"
        if country_id not in entities:
            continue
        for mid in entity.mentions:
            m = mentions[mid]
            if m.country == entity.country or (m.country is None and m.country_from):
                confidence = {"title": 0.9, "syntax": 0.8, "sentence": 0.5}.get(m.country_evidence or "", 0.5)
                out.append(Relation(type="AFFILIATED_WITH", source=entity.id, target=country_id, article_id=m.article_id, evidence=m.sentence, confidence=confidence))
    return out
