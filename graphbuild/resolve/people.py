"""People: one full name per person, within an article and across the corpus.

Within an article, a surname or given name used alone ("Austin", "Li") is
the person the article introduced with a full name containing it (the
closest one before, else the first after).  Across articles, name keys
merge (initials, suffixes and titles dropped) and near-identical spellings
join ("Wei Fenge"/"Wei Fenghe"); comparison is blocked by name word, never
all pairs, so it scales with the number of names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from graphbuild.models import Entity, Mention, Person
from graphbuild.names import person_key
from graphbuild.resolve.clusters import Clusters

#: Spellings of one name closer than this (rapidfuzz ratio, 0-100) are one person.
SAME_PERSON_SIMILARITY = 90


def people_in_article(mentions: list[Mention]) -> list[tuple[Mention, str | None]]:
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
        out.append((m, before[-1].key if before else candidates[0].key if candidates else None))
    return out


def merge_person_keys(keys: Iterable[str]) -> dict[str, str]:
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


def owners_by_word(full_keys: Iterable[str]) -> dict[str, set[str]]:
    """Name word -> the full-name keys containing it: where a lone name used across the corpus is looked up."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key in full_keys:
        for word in key.split():
            owners[word].add(key)
    return owners


def fold_people_named_after_organizations(clusters: Clusters) -> None:
    """"Reuters Next" tagged PERSON where the corpus knows the organization "Reuters": an alias of it,
    unless something in the text (a role, a country) says it is a person."""
    one_word_orgs = {k for (t, k) in clusters if t == "Organization" and " " not in k}
    for (etype, key), mentions in list(clusters.items()):
        words = key.split()
        if etype != "Person" or len(words) < 2 or words[0] not in one_word_orgs:
            continue
        if any(m.role or m.country for m in mentions):
            continue
        clusters.move(("Person", key), ("Organization", words[0]))


def fold_organizations_named_like_people(clusters: Clusters) -> None:
    """An ORG span whose name is a person's full name elsewhere in the corpus ("Olaf Scholz" tagged ORG
    in one article, PERSON in another) is that person."""
    people = {k for (t, k) in clusters if t == "Person" and " " in k}
    for (etype, key), mentions in list(clusters.items()):
        if etype != "Organization" or any(m.country for m in mentions):
            continue
        as_person = person_key(mentions[0].name)
        if as_person in people:
            clusters.move(("Organization", key), ("Person", as_person))


def inherit_countries(entities: dict[str, Entity], entity_of: dict[str, str], mentions: dict[str, Mention]) -> None:
    """A person whose title names only another person ("Biden's National Security Adviser") acts for that person's country."""
    for entity in list(entities.values()):
        if not isinstance(entity, Person) or entity.country:
            continue
        for mid in entity.mentions:
            owner = entities.get(entity_of.get(mentions[mid].country_from or "", ""))
            if isinstance(owner, Person) and owner.country:
                entities[entity.id] = entity.model_copy(update={"country": owner.country})
                break
