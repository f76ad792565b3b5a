"""Organizations: which body each organization mention of one article is, from that article alone.

* A proper name ("Rapid Support Forces", "European Union") is one body
  whatever country is said with it: its key is its name key.
* A name every country's body can have (:func:`is_generic_body`:
  "Foreign Ministry", "Congress", "Defence Forces", "Communist Party") is one
  body *per country*: its country is part of its key (``congress@US``), so
  the US Congress and another country's congress, or two countries'
  communist parties, are never one node.  Named without its country, and
  printed as that name alone, it is the body of that name its article gives
  a country to (if just one);
  where the article gives none, it is that article's own node
  (``congress#story-17``): which congress it is cannot be told, and
  joining it to another article's would be a guess.
* An acronym ("RSF") is the one name of its article it abbreviates; but a
  body's generic name that the article gives no country is the acronym's
  ("Central Intelligence Agency" beside "CIA" is ``cia``).

Across articles bodies are one node only when their keys are equal, so a
node's id never depends on which articles were read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources

from graphbuild.lexicon import COUNTRY_BODIES, GOVERNMENT_BODY_WORDS, SPELLING_VARIANTS
from graphbuild.models import Mention
from graphbuild.names import display_name, name_key
from graphbuild.resolve.entities import ARTICLE_MARK, COUNTRY_MARK

_ACRONYM_STOP_WORDS = frozenset({"of", "for", "and", "the", "on", "in"})

#: Words of the names many countries give their own bodies and parties, besides the state bodies of
#: graphbuild.lexicon ("Communist Party", "People's Liberation Army", "Workers' Party"): resolver data.
_GENERIC = json.loads(resources.files("graphbuild.data").joinpath("generic_bodies.json").read_text("utf-8"))
GENERIC_BODY_WORDS = GOVERNMENT_BODY_WORDS | COUNTRY_BODIES | frozenset(_GENERIC["words"])

# Why an organization mention is the body it is (reason codes, explained by graphbuild.explain).
NAME = "org-name"
BODY_WITH_COUNTRY = "body-with-country"
BODY_IN_ARTICLE = "body-in-article"
BODY_UNPLACED = "body-unplaced"
BODY_BY_ACRONYM = "body-by-acronym"
ACRONYM = "acronym"


def is_generic_body(key: str) -> bool:
    """A name made only of words every country's bodies use ("ministry of foreign", "party of communist";
    one-letter words, like the "s" of "People's", do not count)."""
    words = [w for w in key.split() if len(w) > 1]
    return bool(words) and all(w in GENERIC_BODY_WORDS for w in words)


def organization_keys(orgs: list[Mention], article_id: str) -> dict[str, tuple[str, str]]:
    """Mention id -> (organization key, reason) within one article."""
    out: dict[str, tuple[str, str]] = {}
    placed: dict[str, set[str]] = defaultdict(set)  # generic name -> its keys with a country, in this article
    for m in orgs:
        if m.country and is_generic_body(m.key):
            key = f"{m.key}{COUNTRY_MARK}{m.country}"
            placed[m.key].add(key)
            out[m.id] = (key, BODY_WITH_COUNTRY)
        else:
            out[m.id] = (m.key, NAME)
    one_word = {m.key for m in orgs if m.key and " " not in m.key}
    for m in orgs:
        if out[m.id][1] == NAME and is_generic_body(m.key):
            keys, initials = placed.get(m.key, set()), _initials(m)
            if len(keys) == 1 and _bare(m):
                out[m.id] = (next(iter(keys)), BODY_IN_ARTICLE)
            elif initials in one_word:  # "Central Intelligence Agency" beside "CIA": the acronym is its proper name
                out[m.id] = (initials, BODY_BY_ACRONYM)
            else:
                out[m.id] = (f"{m.key}{ARTICLE_MARK}{article_id}", BODY_UNPLACED)
    for mention_id, owner in _acronyms(orgs, out).items():
        out[mention_id] = (owner, ACRONYM)
    return out


def _bare(m: Mention) -> bool:
    """Printed as the generic name alone ("the Foreign Ministry", "Congress"), not as a longer name the key
    was cut down from ("National People's Congress" is no other country's Congress)."""
    printed = {SPELLING_VARIANTS.get(w, w) for w in name_key(m.text).split() if len(w) > 1}
    return printed <= set(m.key.split())


def _initials(m: Mention) -> str | None:
    words = [w for w in name_key(display_name(m.name)).split() if w not in _ACRONYM_STOP_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _acronyms(orgs: list[Mention], keys: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Mention id of an acronym -> the key of the one name of the article it abbreviates ("RSF" -> Rapid
    Support Forces)."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for m in orgs:
        if initials := _initials(m):
            by_initials[initials].add(keys[m.id][0])
    out = {}
    for m in orgs:
        owners = by_initials.get(m.key, set()) - {keys[m.id][0]}
        if m.key and " " not in m.key and len(owners) == 1:
            out[m.id] = owners.pop()
    return out
