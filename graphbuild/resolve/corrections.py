"""An analyst's corrections (:mod:`graphbuild.corrections`), applied while entities are formed.

Per article (:class:`ArticleCorrections`, as each article is resolved):

* ``ignore`` — every mention of an ignored name goes, and a person the
  article names by it goes whole ("Jane Doe" with the "Doe"s that stand for
  her in that article);
* ``different`` — mentions named by different names of an entry get
  different cluster keys (the key of each name; a name whose key another
  name of the entry already has gets a numbered one, ``george bush 2``).
  The other mentions of such a cluster go with the name their article uses
  for it: a lone name with the full name it stands for, the rest with the
  name of the entry their article names, or, where it names none, the
  name they are spelled most like.  This undoes every kind of merge: a
  shared name key, a lone name, middle names, a body without its country,
  an acronym, a place standing for a body.

Per cluster key (:class:`graphbuild.resolve.regroup.Regrouping`, when the graph is made):

* ``same`` — the cluster keys its names find are one entity, under the key
  of the *first* name of the entry, so the node id follows the file, not
  the articles read;
* ``entities`` — an entity's type and canonical name give it a new key (a
  key another entity has joins the two, as equal keys always do); its name,
  role and country are set as it is made.

Names are matched against what the graph shows: a mention's name or its
surface text (an entity's name and aliases are exactly those), compared by
:func:`graphbuild.names.name_key`.  A name that matches nothing, or that
matches several entities where one is needed, is reported (one warning
line each, saying where the entry is) and that entry is left out.  The
unplaced nodes of one body ("the Senate" in articles that never say whose,
one node per article) count as one entity here, so ``entities: [{entity:
Senate, country: US}]`` makes them all the US Senate.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import fuzz

from graphbuild.corrections import Corrections
from graphbuild.models import Mention
from graphbuild.names import name_key, org_key, person_key
from graphbuild.resolve.entities import ClusterKey

DIFFERENT = "different"


class Assigned(NamedTuple):
    """A mention's cluster key in its article, why, and (a lone name) the mention it stands for."""

    key: ClusterKey
    how: str
    owner: str | None = None


def group_key(etype: str, name: str) -> str:
    """The key the resolver would give an entity of that type and name."""
    key = person_key(name) if etype == "Person" else org_key(name)
    return key or name_key(name)


def _names_of(mention: Mention) -> set[str]:
    return {name_key(mention.name), name_key(mention.text)}


class ArticleCorrections:
    """``ignore`` and ``different``, applied to one article's mentions."""

    def __init__(self, corrections: Corrections | None):
        self.corrections = corrections or Corrections()
        self.ignored = {name_key(n): i for i, n in enumerate(self.corrections.ignore)}
        self.sides = [[self.corrections.linked_names(n) for n in names] for names in self.corrections.different]

    def apply(self, mentions: list[Mention], assigned: dict[str, Assigned], found: set[int]) -> list[Mention]:
        """The mentions kept (``assigned`` is updated in place); ``found`` gets the ignore entries that matched."""
        if self.ignored:
            mentions = self._drop_ignored(mentions, assigned, found)
        for index in range(len(self.sides)):
            self._keep_apart(index, mentions, assigned)
        return mentions

    def _drop_ignored(self, mentions: list[Mention], assigned: dict[str, Assigned], found: set[int]) -> list[Mention]:
        dropped, gone_people = set(), set()
        for m in mentions:
            hits = [self.ignored[k] for k in _names_of(m) if k in self.ignored]
            if hits:
                found.update(hits)
                dropped.add(m.id)
                # A person the article names by the ignored name goes whole: the short forms standing for it too.
                # (Not a country: ignoring "Lisbon" must not take Portugal with it.)
                if assigned[m.id].key == ("Person", m.key):
                    gone_people.add(assigned[m.id].key)
        return [m for m in mentions if m.id not in dropped and assigned[m.id].key not in gone_people]

    def _keep_apart(self, index: int, mentions: list[Mention], assigned: dict[str, Assigned]) -> None:
        names, sides = self.corrections.different[index], self.sides[index]
        named = {m.id: j for m in mentions if m.type != "Country" and (j := _side_of(m, sides)) is not None}
        clashing = _clashing_keys(names)
        split = {assigned[mid].key for mid in named} | {k for m in mentions if (k := assigned[m.id].key) in clashing}
        if not split:
            return
        in_article = {assigned[mid].key: set() for mid in named}
        for mid, j in named.items():
            in_article[assigned[mid].key].add(j)
        for m in mentions:
            key = assigned[m.id].key
            if key not in split or key[0] == "Country":
                continue
            owner = assigned[m.id].owner
            j = named.get(m.id)
            if j is None and owner in named:
                j = named[owner]
            if j is None and len(in_article.get(key, ())) == 1:
                j = next(iter(in_article[key]))
            if j is None:
                j = max(range(len(names)), key=lambda s: (fuzz.ratio(name_key(m.name), name_key(names[s])), -s))
            assigned[m.id] = Assigned((key[0], side_key(names, j, key[0])), DIFFERENT, owner)


def _side_of(m: Mention, sides: list[set[str]]) -> int | None:
    """The side of a ``different`` entry a mention is named by: its text first ("NRC" whose name is the
    Northern Relief Council is the side "NRC"), then its name."""
    text, name = name_key(m.text), name_key(m.name)
    by_text = next((j for j, side in enumerate(sides) if text in side), None)
    return by_text if by_text is not None else next((j for j, side in enumerate(sides) if name in side), None)


def side_key(names: tuple[str, ...], j: int, etype: str) -> str:
    """The cluster key of side ``j``: its name's key, numbered when an earlier name of the entry has that key."""
    key = group_key(etype, names[j])
    earlier = {group_key(etype, n) for n in names[:j]}
    return key if key not in earlier else f"{key} {j + 1}"


def _clashing_keys(names: tuple[str, ...]) -> set[ClusterKey]:
    """Cluster keys two names of a ``different`` entry share ("George W. Bush", "George H. W. Bush"): their
    mentions are split even in articles that use neither name."""
    out = set()
    for etype in ("Person", "Organization"):
        keys = [group_key(etype, n) for n in names]
        out |= {(etype, k) for k in keys if keys.count(k) > 1}
    return out
