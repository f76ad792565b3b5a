"""Why a node is what it is: ``graphbuild explain graph.json NODE``.

    explanation = explain("graph.json", "person:ana-torvel")     # or a name: "Ana Torvel"
    print(format_explanation(explanation))

Read from the graph's update state (``graph.json.state``, see
:mod:`graphbuild.state`): which names and mentions the node gathers, the
rule that put each one there (a full name, a surname used alone after the
full name in its article, a ministry its article names with its country
...), the corrections that changed it, the look-alikes that were *not*
joined to it and why, and the corrections entry that would undo or make a
join.  Nothing is resolved again: the reasons were counted when the articles
were read.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from pydantic import BaseModel
from rapidfuzz import fuzz

from graphbuild.names import name_key
from graphbuild.resolve import Store
from graphbuild.resolve.entities import ARTICLE_MARK, COUNTRY_MARK, ClusterKey, entity_id, make_entity
from graphbuild.resolve.regroup import Regrouping
from graphbuild.resolve.tally import summed
from graphbuild.state import UpdateError, saved_store

#: What each reason code of the resolver means, as a reader would say it.
REASONS = {
    "full-name": "its full name (titles, initials and suffixes left out)",
    "middle-names": "a full name with middle names that its article also gives without them",
    "surnames": "the last names of one longer full name its article gives",
    "spelling": "another spelling of a full name its article uses more often (or first)",
    "lone-name-before": "a name used alone, after its article named this person",
    "lone-name-after": "a name used alone, before its article names this person in full",
    "lone-name-own": "a name used alone that its article never gives in full: a node of its own",
    "org-name": "its name",
    "body-with-country": "a name many countries' bodies have, with the country its article gives",
    "body-in-article": "named without its country; its article names this body with its country",
    "body-by-acronym": "named without its country; its article uses this acronym for it",
    "body-unplaced": (
        "a name many countries' bodies have, in an article that never says whose: a node of that article only"
    ),
    "acronym": "an acronym of a name its article uses",
    "org-named-like-person": "read as an organization, but its article names this person in full",
    "named-after-org": "read as a person, but named after an organization its article names",
    "country": "a name, capital or demonym of the country",
    "different": "kept apart by a 'different' entry of the corrections",
}


class NameReason(BaseModel):
    name: str
    reason: str
    code: str
    mentions: int


class LookAlike(BaseModel):
    id: str
    name: str
    why_not: str
    join_with: str  # the corrections entry that would join them


class Explanation(BaseModel):
    id: str
    type: str
    name: str
    key: str
    mentions: int
    articles: int
    names: list[NameReason]
    corrections: list[str]
    look_alikes: list[LookAlike]
    undo: list[str]  # corrections entries that would split off each gathered name


def explain(graph_path: str | Path, node: str) -> Explanation:
    """Why the node ``node`` (an id, or a name the graph shows) of the graph at ``graph_path`` is what it is."""
    if not Path(graph_path).is_file():
        raise UpdateError(f"{graph_path}: no such file")
    store, corrections = saved_store(graph_path)
    try:
        logging.getLogger("graphbuild.corrections").disabled = True  # the build already warned about the file
        try:
            regroup = Regrouping(corrections, store)
        finally:
            logging.getLogger("graphbuild.corrections").disabled = False
        members, final = _members(store, regroup, node)
        tallies = {k: store.tally(k) for k in members}
        entity = regroup.describe(final, make_entity(final[0], final[1], summed(tallies.values())))
        names = _names(tallies)
        return Explanation(
            id=entity.id,
            type=entity.type,
            name=entity.name,
            key=final[1],
            mentions=sum(t.mentions for t in tallies.values()),
            articles=len({a for _, a, _ in store.mentioned(members)}),
            names=names,
            corrections=regroup.applied.get(final, []),
            look_alikes=_look_alikes(store, regroup, final, entity.name, members),
            undo=_undo(entity.name, names),
        )
    finally:
        store.close()


def _undo(name: str, names: list[NameReason]) -> list[str]:
    """The corrections entries that would split each other name off the node (the first five)."""
    others = [n for n in dict.fromkeys(r.name for r in names if r.code != "country") if n != name]
    return [f"different: [{name}, {other}]" for other in others[:5]]


def _members(store: Store, regroup: Regrouping, node: str) -> tuple[set[ClusterKey], ClusterKey]:
    """The cluster keys of the node given by id or by name, and the node's own key."""
    by_id = {}
    for key, _ in store.tallies():
        final = regroup.final(key)
        by_id.setdefault(entity_id(*final), (final, set()))[1].add(key)
    if node in by_id:
        final, members = by_id[node]
        return members, final
    finals = {regroup.final(k) for k in store.named(name_key(node))}
    if len(finals) != 1:
        found = ", ".join(sorted(entity_id(*f) for f in finals)) or "nothing"
        hint = "; give one of those ids" if finals else ""
        raise UpdateError(f"{node!r} is no node id of the graph, and as a name it finds {found}{hint}")
    final = finals.pop()
    return by_id[entity_id(*final)][1], final


def _names(tallies: dict) -> list[NameReason]:
    reasons: Counter = Counter()
    for tally in tallies.values():
        reasons.update(tally.how)
    out = []
    for entry, count in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
        code, _, name = entry.partition("\t")
        out.append(NameReason(name=name, code=code, reason=REASONS.get(code, code), mentions=count))
    return out


def _look_alikes(
    store: Store, regroup: Regrouping, final: ClusterKey, name: str, members: set[ClusterKey]
) -> list[LookAlike]:
    """Other nodes a reader could take for this one: a shared surname or a near spelling (people), the
    same name in another country or in an article that does not say whose (bodies)."""
    etype, key = final
    words = set(key.split())
    out = []
    for other, tally in store.tallies():
        theirs = regroup.final(other)
        if other in members or theirs[0] != etype or theirs == final:
            continue
        why = _why_apart(etype, key, theirs[1], words)
        if why is None:
            continue
        other_name = make_entity(theirs[0], theirs[1], tally).name
        first, second = sorted(
            (name, other_name), key=lambda n: -len(n.split())
        )  # the fuller name gives the joined node its id
        out.append(
            LookAlike(id=entity_id(*theirs), name=other_name, why_not=why, join_with=f"same: [{first}, {second}]")
        )
    return sorted(out, key=lambda a: a.id)[:20]


def _why_apart(etype: str, key: str, other: str, words: set[str]) -> str | None:
    if etype == "Person":
        theirs = other.split()
        if len(theirs) == 1 and theirs[0] in words:
            return (
                "a name used alone in an article that never gives it in full: the articles read cannot tell whose it is"
            )
        if len(words) == 1 and words <= set(theirs):
            return "a full name containing it, in other articles: they cannot tell whether this is who is meant"
        if theirs[-1] == key.split()[-1]:
            return "another full name with the same surname"
        if fuzz.ratio(key, other) >= 85:
            return "a near spelling: as often two people as one"
        return None
    if etype == "Organization" and _base(key) == _base(other):
        if ARTICLE_MARK in other:
            return "the same name in an article that never says which country's body it is"
        if COUNTRY_MARK in other:
            return "the body of that name of another country"
    return None


def _base(key: str) -> str:
    return key.split(ARTICLE_MARK)[0].split(COUNTRY_MARK)[0]


def format_explanation(e: Explanation) -> str:
    lines = [
        f"{e.id}  {e.name} ({e.type}; key {e.key!r}): {e.mentions} mention(s) in {e.articles} article(s)",
        "",
        "Names, and why they are this node:",
    ]
    lines += [f"  {n.name!r} ×{n.mentions}: {n.reason}" for n in e.names]
    lines += ["", "Corrections applied: " + ("; ".join(e.corrections) if e.corrections else "none")]
    if e.look_alikes:
        lines += ["", "Look-alikes kept apart:"]
        lines += [f"  {a.id} {a.name!r}: {a.why_not} (to join them: {a.join_with})" for a in e.look_alikes]
    if e.undo:
        lines += ["", "To split a name off, add to a corrections file (then --update with --corrections):"]
        lines += [f"  {u}" for u in e.undo]
    return "\n".join(lines)
