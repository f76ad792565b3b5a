"""People: who each person mention of one article is, from that article alone.

* A full name is its name key: initials, suffixes, titles and particles
  dropped ("Tomas R. Velder III" -> ``tomas velder``).  A full name that only
  adds middle names to another full name of the article ("Tomas Raul
  Velder" beside "Tomas Velder") is that person, under the shorter key.
  Two spellings of one name in one article ("Tomas Velder" and, once,
  "Tomass Velder": as many words, one word the same, a rapidfuzz ratio of at
  least :data:`SAME_SPELLING`) are one person, under the spelling the
  article uses most (then first); not where titles put them in two
  countries, nor a surname and its feminine form ("Petr Balkov", "Petr
  Balkova").
* A name used alone ("Velder", "Da") is whoever the closest earlier mention
  containing it is (usually the full name that introduced the person; "King
  Adan ... Adan" stays the king even after "Adan Kovar" was named), else the
  first full name after it.  Never someone their titles put in another
  country, and never on a given name when the two carry different titles
  ("King Adan" is not the rebel leader "Adan Kovar").  A lone name its
  article never expands stays its own person (``adan``).

Across articles people are one node only when their keys are equal: a
decision that needs no other article, so a node's id never depends on which
articles were read.  (Two spellings, or a surname another article
expands, are joined by ``same:`` in a corrections file.)

Lookups go through an index by name word, and each lone name looks at no
more than :data:`CANDIDATE_LIMIT` full names on each side, so an article
made of a long list of names costs time linear in its length.
"""

from __future__ import annotations

import bisect
import logging
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from graphbuild.models import COUNTRY_EVIDENCE_RANK, Mention
from graphbuild.names import name_key

log = logging.getLogger("graphbuild.resolve")

#: Full names a lone name is compared with on each side of it before it is left on its own.
CANDIDATE_LIMIT = 50
#: Two full names of one article spelled at least this alike (rapidfuzz ratio, 0-100) are one person.
SAME_SPELLING = 90

# Why a person mention is the person it is (reason codes, explained by graphbuild.explain).
FULL_NAME = "full-name"
MIDDLE_NAMES = "middle-names"
SPELLING = "spelling"
LONE_BEFORE = "lone-name-before"
LONE_AFTER = "lone-name-after"
LONE_OWN = "lone-name-own"
SURNAMES = "surnames"


@dataclass(frozen=True)
class PersonKey:
    key: str
    how: str
    owner: str | None = None  # the full-name mention a lone name stands for


def person_keys(people: list[Mention]) -> dict[str, PersonKey]:
    """Mention id -> the person key it has in its article, and why."""
    full = sorted((m for m in people if len(m.key.split()) >= 2), key=lambda m: m.start)
    spelled = _spellings(full)
    shorter = _shorter_forms(full, spelled)
    out = {}
    for m in full:
        key = spelled.get(m.key, m.key)
        how = MIDDLE_NAMES if key in shorter else SPELLING if key != m.key else FULL_NAME
        out[m.id] = PersonKey(shorter.get(key, key), how)
    _join_surname_runs(full, out)
    full_by_word: dict[str, list[Mention]] = defaultdict(list)
    for m in full:
        for word in dict.fromkeys(m.key.split()):
            full_by_word[word].append(m)
    starts = {word: [m.start for m in ms] for word, ms in full_by_word.items()}
    seen: dict[str, list[Mention]] = defaultdict(list)  # name word -> the mentions so far that contain it
    gave_up = 0
    for m in sorted(people, key=lambda m: m.start):
        if m.id not in out:
            found, checked_all = _resolve_lone(
                m, seen.get(m.key, []), full_by_word.get(m.key, []), starts.get(m.key, []), out
            )
            out[m.id] = found
            gave_up += not checked_all
        for word in dict.fromkeys(m.key.split()):
            seen[word].append(m)
    if gave_up:
        log.warning(
            "%s: %d lone name(s) left on their own after checking the closest %d names containing them on each side "
            "(the article has more)",
            people[0].article_id,
            gave_up,
            CANDIDATE_LIMIT,
        )
    return out


def _join_surname_runs(full: list[Mention], out: dict[str, PersonKey]) -> None:
    """A name of two or more words that ends one longer name of the article, and only one, is that person
    ("Lopez Obrador" after "Andres Manuel Lopez Obrador"), unless their countries differ."""
    by_key = {out[m.id].key: m for m in full}
    for m in full:
        words = out[m.id].key.split()
        longer = [k for k in by_key if len(k.split()) > len(words) and k.split()[-len(words) :] == words]
        if len(longer) == 1 and _compatible(m, by_key[longer[0]]):
            out[m.id] = PersonKey(longer[0], SURNAMES)


def _resolve_lone(
    lone: Mention, earlier: list[Mention], full: list[Mention], starts: list[int], out: dict[str, PersonKey]
) -> tuple[PersonKey, bool]:
    """Who a name used alone is: whoever the closest earlier mention containing it is ("King Adan ... Adan"
    is the king, even after "Adan Kovar" was named), else the first full name after it, else itself.
    Also whether every candidate was looked at (False: the limit stopped the search)."""
    before = next((e for e in reversed(earlier[-CANDIDATE_LIMIT:]) if _compatible(lone, e)), None)
    if before is not None:
        found = out[before.id]
        if found.how == LONE_OWN:  # the same lone name again: the same person of its own
            return PersonKey(found.key, LONE_OWN), True
        return PersonKey(found.key, LONE_BEFORE, found.owner or before.id), True
    at = bisect.bisect_right(starts, lone.start)
    after = next((f for f in full[at : at + CANDIDATE_LIMIT] if _compatible(lone, f)), None)
    if after is not None:
        return PersonKey(out[after.id].key, LONE_AFTER, after.id), True
    return PersonKey(lone.key, LONE_OWN), len(earlier) <= CANDIDATE_LIMIT and len(full) - at <= CANDIDATE_LIMIT


def _compatible(lone: Mention, other: Mention) -> bool:
    """Could this lone name be the person of that other mention? Not when their titles or syntax put them in
    two countries (a country merely named in the sentence says nothing); not on a given name under another title."""
    lone_country, other_country = _stated_country(lone), _stated_country(other)
    if lone_country and other_country and lone_country != other_country:
        return False
    words = other.key.split()
    if lone.key == words[0] and lone.key != words[-1] and lone.role and other.role:
        return name_key(lone.role) == name_key(other.role)
    return True


def _stated_country(m: Mention) -> str | None:
    """The country a mention's title or syntax gives (not one merely named in its sentence)."""
    return m.country if COUNTRY_EVIDENCE_RANK[m.country_evidence] >= COUNTRY_EVIDENCE_RANK["syntax"] else None


def _shorter_forms(full: list[Mention], spelled: dict[str, str]) -> dict[str, str]:
    """Full-name key -> the shortest key of the article it only adds middle names to ("tomas raul velder" ->
    "tomas velder"), when that is one key and no country says they are two people (keys as ``spelled`` gives them)."""
    by_ends: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in full:
        key = spelled.get(m.key, m.key)
        words = key.split()
        by_ends[(words[0], words[-1])][key].add(_stated_country(m) or "")
    out = {}
    for keys in by_ends.values():
        if len(keys) > CANDIDATE_LIMIT:  # a list of hundreds of "Irena ... Tovar": none of them is joined
            continue
        for key, countries in keys.items():
            shorter = sorted(
                (len(k), k)
                for k, other in keys.items()
                if len(k) < len(key) and _adds_middle_names(key, k) and _agree(countries, other)
            )
            if shorter and (len(shorter) == 1 or shorter[0][0] < shorter[1][0]):
                out[key] = shorter[0][1]
    return out


def _adds_middle_names(longer: str, shorter: str) -> bool:
    """The shorter key's words, in order, inside the longer one's, which shares its first and last word."""
    remaining = iter(longer.split())
    return all(word in remaining for word in shorter.split())


def _agree(a: set[str], b: set[str]) -> bool:
    known = (a | b) - {""}
    return len(known) <= 1


def _spellings(full: list[Mention]) -> dict[str, str]:
    """Full-name key -> the article's usual spelling of that name, for each other spelling of it (see the module
    docstring). Compared within blocks of keys sharing a word, none of more than :data:`CANDIDATE_LIMIT` keys."""
    uses: dict[str, int] = defaultdict(int)
    countries: dict[str, set[str]] = defaultdict(set)
    for m in full:  # in article order: the first key counted is the first used
        uses[m.key] += 1
        countries[m.key].add(_stated_country(m) or "")
    order = {key: i for i, key in enumerate(uses)}
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in uses:
        words = key.split()
        blocks[(0, words[0])].append(key)
        blocks[(1, words[-1])].append(key)
    parent = {key: key for key in uses}
    for block in blocks.values():
        if len(block) > CANDIDATE_LIMIT:  # a list of hundreds of "Ana ...": none of them is joined
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if _same_spelling(a, b) and _agree(countries[a], countries[b]):
                    roots = sorted({_root(parent, a), _root(parent, b)}, key=lambda k: (-uses[k], order[k]))
                    if len(roots) == 2:  # the spelling used most, then first, is the one the others join
                        parent[roots[1]] = roots[0]
    return {key: root for key in uses if (root := _root(parent, key)) != key}


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = key = parent[parent[key]]
    return key


def _same_spelling(a: str, b: str) -> bool:
    """Two spellings of one name: as many words, a word in common, alike by :data:`SAME_SPELLING`, and not a
    surname beside its feminine form (the same but for a final "a", or "-ski"/"-ska")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or not set(wa) & set(wb) or fuzz.ratio(a, b) < SAME_SPELLING:
        return False
    return not any(x != y and _gendered(x, y) for x, y in zip(wa, wb, strict=False))


def _gendered(x: str, y: str) -> bool:
    short, long = sorted((x, y), key=len)
    ends = {x[-1], y[-1]}
    return long == short + "a" or (len(x) == len(y) and x[:-1] == y[:-1] and "a" in ends and ends <= {"a", "i", "y"})
