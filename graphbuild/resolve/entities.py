"""Entities from tallies: an id that is a function of the cluster key alone, a canonical name, aliases,
role and country.

Cluster keys (``ClusterKey``: entity type and identity key) are what the
resolver groups mentions by:

* a country: its ISO code (``("Country", "CN")``);
* a person: the name key, initials, suffixes, titles and particles dropped
  (``"tomas velder"``);
* an organization: its name key (``"department of defense"``); a body every
  country has carries its country (``"ministry of foreign@CL"``), and one
  whose country its article never says is that article's own
  (``"ministry of foreign#story-17"``).  Keys put a name's head first
  ("Defence Department" and "Department of Defense" agree); ids show it
  last, as names are usually written (``organization:foreign-ministry-cl``).

The node id is :func:`entity_id` of the key and nothing else, so the same
entity has the same id in every graph whatever other articles were read, and
two keys never share an id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from graphbuild.lexicon import ORG_HEADS
from graphbuild.models import Country, Entity, Organization, Person
from graphbuild.names import slug
from graphbuild.relation_types import country_node_id
from graphbuild.resolve.tally import Tally

ClusterKey = tuple[str, str]  # (entity type, identity key)

#: Marks inside an organization key: the country a body belongs to, the article an unplaced body belongs to.
COUNTRY_MARK = "@"
ARTICLE_MARK = "#"

_PLAIN_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def entity_id(etype: str, key: str) -> str:
    """The node id of a cluster key: ``person:tomas-velder``, ``country:cn``, ``organization:foreign-ministry-cl``,
    ``organization:foreign-ministry:story-17`` (a body only that article names, without its country; slugs have
    no colon, so the article is what follows the second one)."""
    if etype == "Country":
        return country_node_id(key)
    base, _, article = key.partition(ARTICLE_MARK)
    name, _, country = base.partition(COUNTRY_MARK)
    words = name.split()
    if etype == "Organization" and len(words) >= 3 and words[1] == "of" and words[0] in ORG_HEADS:
        name = " ".join(
            words[2:] + words[:1]
        )  # the key's "department of state" is shown as it is written: state-department
    rendered = _key_slug(name) + (f"-{country.lower()}" if country else "")
    return f"{etype.lower()}:{rendered}" + (f":{article}" if article else "")


def _key_slug(key: str) -> str:
    """Words joined by hyphens; a key with letters beyond a-z keeps them ("støre"), so no two keys share a slug."""
    if _PLAIN_KEY.fullmatch(key):
        return slug(key)
    return "-".join(key.split()) or "x"


def make_entity(etype: str, key: str, tally: Tally, mention_ids: list[str] | None = None) -> Entity:
    """The entity of one cluster key from what its mentions say."""
    aliases = tally.shown_aliases()
    common = {"id": entity_id(etype, key), "mentions": mention_ids or []}
    if etype == "Country":
        name = most_common(tally.names)  # the gazetteer's name of the country, on every country mention
        return Country(**common, name=name, aliases=[a for a in aliases if a != name], iso_code=key)
    if etype == "Person":
        name = most_common(tally.full_names or tally.names)
        role = most_common(tally.roles, prefer_long=True) if tally.roles else None
        return Person(
            **common, name=name, aliases=[a for a in aliases if a != name], role=role, country=tally.best_country()
        )
    name = fullest_name(tally.names)
    return Organization(
        **common, name=name, aliases=[a for a in aliases if a != name], country=tally.most_common_country()
    )


def fullest_name(names: Mapping[str, int] | Iterable[str]) -> str:
    """The name with the most words, then the most often used, then the first alphabetically."""
    counts = names if isinstance(names, Mapping) else Counter(names)
    return max(sorted(counts), key=lambda n: (len(n.split()), counts[n]))


def most_common(values: Mapping[str, int] | Iterable[str], prefer_long: bool = False) -> str:
    counts = values if isinstance(values, Mapping) else Counter(values)
    return min(counts, key=lambda v: (-len(v) if prefer_long else 0, -counts[v], len(v), v))
