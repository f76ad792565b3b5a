"""Organizations: one node per body.

Every country has a foreign ministry and armed forces: a name made only of
such words ("Foreign Ministry", "Armed Forces", "Coast Guard") is one body
per country, so its country is part of its key; a mention of it that names
no country is the one body of that name the corpus gives a country to (if
it gives just one).  Proper names ("Rapid Support Forces", "European
Union") are one body whatever country is said with them.  An acronym joins
the name it abbreviates ("RSF", "EU").
"""

from __future__ import annotations

from collections import defaultdict

from graphbuild.lexicon import GOVERNMENT_BODY_WORDS
from graphbuild.models import Mention
from graphbuild.names import display_name, name_key
from graphbuild.resolve.clusters import Clusters

_ACRONYM_STOP_WORDS = frozenset({"of", "for", "and", "the", "on", "in"})
_COUNTRY_MARK = "@"


def is_government_body(key: str) -> bool:
    words = key.split()
    return bool(words) and all(w in GOVERNMENT_BODY_WORDS for w in words)


def organization_key(mention: Mention) -> str:
    """The cluster key of an organization mention: its name key, with its country for a state body."""
    if mention.country and is_government_body(mention.key):
        return f"{mention.key}{_COUNTRY_MARK}{mention.country}"
    return mention.key


def attach_countryless_bodies(clusters: Clusters) -> None:
    """"the Foreign Ministry" with no country: the corpus's one foreign ministry with a country, if one."""
    with_country: dict[str, list[str]] = defaultdict(list)
    for etype, key in clusters:
        if etype == "Organization" and _COUNTRY_MARK in key:
            with_country[key.split(_COUNTRY_MARK)[0]].append(key)
    for etype, key in list(clusters):
        if etype == "Organization" and _COUNTRY_MARK not in key and is_government_body(key) and len(with_country.get(key, [])) == 1:
            clusters.move(("Organization", key), ("Organization", with_country[key][0]))


def merge_acronyms(clusters: Clusters) -> dict[str, str]:
    """Cluster key of an acronym -> the key of the one name it abbreviates ("RSF" -> Rapid Support Forces)."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for (etype, key), mentions in clusters.items():
        if etype != "Organization":
            continue
        for name in {m.name for m in mentions}:
            words = [w for w in name_key(display_name(name)).split() if w not in _ACRONYM_STOP_WORDS]
            if len(words) >= 2:
                by_initials["".join(w[0] for w in words)].add(key)
    mapping = {}
    for etype, key in clusters:
        acronym = key.split(_COUNTRY_MARK)[0]
        owners = by_initials.get(acronym, set()) - {key}
        if etype == "Organization" and " " not in acronym and len(owners) == 1:
            mapping[key] = owners.pop()
    return mapping
