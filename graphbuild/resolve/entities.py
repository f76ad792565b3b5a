"""Entities from clusters of mentions: a canonical name, aliases, a stable id, role and country."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from graphbuild.models import COUNTRY_EVIDENCE_RANK, Country, Entity, Mention, Organization, Person
from graphbuild.names import display_name, slug
from graphbuild.relation_types import country_node_id

def make_entity(etype: str, key: str, mentions: list[Mention], used_ids: set[str]) -> Entity:
    surface = [m for m in mentions if not m.implicit] or mentions
    aliases = sorted({display_name(m.name) for m in surface} | {display_name(m.text) for m in surface})
    ids = [m.id for m in mentions if not m.implicit]
    if etype == "Country":
        name = mentions[0].name  # the gazetteer's name of the country, on every country mention
        return Country(id=unique_id(country_node_id(key), used_ids), name=name, aliases=[a for a in aliases if a != name], mentions=ids, iso_code=key)
    if etype == "Person":
        full = [m.name for m in mentions if len(m.key.split()) >= 2] or [m.name for m in mentions]
        name = most_common(display_name(n) for n in full)
        roles = [m.role for m in mentions if m.role]
        return Person(
            id=unique_id(f"person:{slug(key)}", used_ids),
            name=name,
            aliases=[a for a in aliases if a != name],
            mentions=ids,
            role=most_common(roles, prefer_long=True) if roles else None,
            country=best_country(mentions),
        )
    name = fullest_name(display_name(m.name) for m in mentions)
    countries = Counter(m.country for m in mentions if m.country)
    return Organization(
        id=unique_id(f"organization:{slug(key)}", used_ids),
        name=name,
        aliases=[a for a in aliases if a != name],
        mentions=ids,
        country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
    )


def best_country(mentions: list[Mention]) -> str | None:
    """The country the best evidence names, then the most often named."""
    votes = Counter((m.country, COUNTRY_EVIDENCE_RANK[m.country_evidence]) for m in mentions if m.country)
    if not votes:
        return None
    (code, _), _ = min(votes.items(), key=lambda kv: (-kv[0][1], -kv[1], kv[0][0]))
    return code


def fullest_name(names: Iterable[str]) -> str:
    """The name with the most words, then the most often used, then the first alphabetically."""
    counts = Counter(names)
    return max(sorted(counts), key=lambda n: (len(n.split()), counts[n]))


def most_common(values: Iterable[str], prefer_long: bool = False) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-len(v) if prefer_long else 0, -counts[v], len(v), v))


def unique_id(candidate: str, used: set[str]) -> str:
    n, unique = 2, candidate
    while unique in used:
        unique, n = f"{candidate}-{n}", n + 1
    used.add(unique)
    return unique
