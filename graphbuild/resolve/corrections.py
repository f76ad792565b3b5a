"""An analyst's corrections (:mod:`graphbuild.corrections`), applied while entities are formed.

The resolver calls in at four points, in this order:

1. :meth:`AppliedCorrections.drop_ignored` — once mentions are in clusters:
   every mention of an ignored name goes, and a person's cluster that *is*
   that name ("Jane Doe" with the "Doe"s that stand for her in the same
   article) goes whole;
2. :meth:`AppliedCorrections.regroup` — once the resolver has decided which
   clusters are one entity: ``same`` merges groups, ``different`` splits
   them, and an entity's new type or name gives its group a new key (so a
   new node id; a key another group already has joins that group, as the
   resolver itself treats one key as one entity);
3. :meth:`AppliedCorrections.describe` — as each entity is made: its
   canonical name, role and country;
4. :meth:`AppliedCorrections.affiliations` — a person whose country the file
   sets gets an ``AFFILIATED_WITH`` edge to it even where no sentence names it.

Names are matched against what the graph shows: a mention's name or its
surface text (an entity's name and aliases are exactly those), compared by
:func:`graphbuild.names.name_key`.  A name that matches nothing, or that
matches several entities where one is needed, is reported (one warning
line each, saying where the entry is) and that entry is left out.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from graphbuild.corrections import Corrections, EntityCorrection
from graphbuild.models import Entity, Mention, Relation
from graphbuild.names import display_name, name_key, org_key, person_key
from graphbuild.relation_types import country_node_id
from graphbuild.resolve.clusters import ClusterKey, Clusters
from graphbuild.resolve.entities import fullest_name

log = logging.getLogger("graphbuild.corrections")

Groups = dict[ClusterKey, list[Mention]]
Describe = Callable[[str, str, Entity], Entity]

#: The evidence of an AFFILIATED_WITH edge that only the corrections file gives.
CORRECTED_EVIDENCE = "(country set in the corrections file)"


def group_key(etype: str, name: str) -> str:
    """The key the resolver would give an entity of that type and name."""
    key = person_key(name) if etype == "Person" else org_key(name)
    return key or name_key(name)


def _names_of(mention: Mention) -> set[str]:
    return {name_key(mention.name), name_key(mention.text)}


class AppliedCorrections:
    def __init__(self, corrections: Corrections | None):
        self.corrections = corrections or Corrections()
        self.descriptions: dict[ClusterKey, EntityCorrection] = {}
        self.countries_set: dict[str, str] = {}  # person id -> the country the file gives them

    def drop_ignored(self, clusters: Clusters, lone: list[Mention]) -> list[Mention]:
        """Remove mentions of ignored names from the clusters; the lone-name mentions that are kept."""
        ignored = {name_key(n): n for n in self.corrections.ignore}
        if not ignored:
            return lone
        found: set[str] = set()

        def is_ignored(m: Mention) -> bool:
            hits = _names_of(m) & ignored.keys()
            found.update(hits)
            return bool(hits)

        for key, mentions in list(clusters.items()):
            dropped = {m.id for m in mentions if is_ignored(m)}
            # A person's cluster named by the ignored name goes whole: the short forms standing for it too.
            # (Not a country's: ignoring "Lisbon" must not take Portugal with it.)
            if key[0] == "Person" and any(key == (m.type, m.key) for m in mentions if m.id in dropped):
                dropped = {m.id for m in mentions}
            if dropped:
                clusters.discard(key, dropped)
        kept = [m for m in lone if not is_ignored(m)]
        for i, name in enumerate(self.corrections.ignore):
            if name_key(name) not in found:
                self._warn("ignore", i, f"{name!r} names nothing in the graph")
        return kept

    def regroup(self, groups: Groups, clusters: Clusters) -> Groups:
        """The groups of mentions that become entities, after ``same``, ``different`` and new types and names."""
        if not (self.corrections.same or self.corrections.different or self.corrections.entities):
            return groups
        state = _Regrouping(groups, self.corrections.entities)
        for i, names in enumerate(self.corrections.same):
            targets = [g for n in names if (g := self._one_group(state, "same", i, n))]
            if len({etype for etype, _ in targets}) > 1:
                self._warn("same", i, f"joins entities of different types; the one entity is a {targets[0][0]}, as {state.label(targets[0])!r} is")
            for target in targets[1:]:
                state.merge(target, targets[0])
        cluster_of = clusters.key_of_mention() if self.corrections.different else {}
        for i, names in enumerate(self.corrections.different):
            self._keep_apart(state, i, names, cluster_of)
        for i, entry in enumerate(self.corrections.entities):
            group = self._one_group(state, "entities", i, entry.entity)
            if group is not None:
                self._retype_and_rename(state, i, group, entry)
        return state.groups()

    def describe(self, etype: str, key: str, entity: Entity) -> Entity:
        """The entity with the name, role and country its correction gives."""
        entry = self.descriptions.get((etype, key))
        if entry is None:
            return entity
        update: dict = {}
        if entry.name and entry.name != entity.name:
            aliases = (set(entity.aliases) | {entity.name}) - {entry.name}
            update.update(name=entry.name, aliases=sorted(aliases))
        if entry.role and entity.type == "Person":
            update["role"] = entry.role
        if entry.country and entity.type != "Country":
            update["country"] = entry.country
            if etype == "Person":
                self.countries_set[entity.id] = entry.country
        return entity.model_copy(update=update)

    def affiliations(self, entities: dict[str, Entity], relations: Iterable[Relation], mentions: dict[str, Mention]) -> list[Relation]:
        """AFFILIATED_WITH to the country the file sets for a person (if it is in the graph) where no sentence
        gives one: in each article that names the person, with the file as evidence."""
        affiliated = {(r.source, r.target) for r in relations if r.type == "AFFILIATED_WITH"}
        out = []
        for person_id, code in sorted(self.countries_set.items()):
            country_id = country_node_id(code)
            if country_id not in entities or (person_id, country_id) in affiliated:
                continue
            for article_id in sorted({mentions[mid].article_id for mid in entities[person_id].mentions}):
                out.append(Relation(type="AFFILIATED_WITH", source=person_id, target=country_id, article_id=article_id, evidence=CORRECTED_EVIDENCE, confidence=1.0))
        return out

    def _one_group(self, state: _Regrouping, section: str, index: int, name: str) -> ClusterKey | None:
        groups = state.named(name)
        if not groups:
            self._warn(section, index, f"{name!r} names nothing in the graph")
            return None
        if len(groups) > 1:
            labels = ", ".join(state.label(g) for g in sorted(groups))
            self._warn(section, index, f"{name!r} names {len(groups)} entities ({labels}); not applied: use a name only one of them has")
            return None
        return next(iter(groups))

    def _keep_apart(self, state: _Regrouping, index: int, names: tuple[str, ...], cluster_of: dict[str, ClusterKey]) -> None:
        """Split every group holding two of the names: one group per name; the other mentions go with
        the name their cluster is spelled most like."""
        sides = [self.corrections.linked_names(n) for n in names]
        for n in names:
            if not state.named(n):
                self._warn("different", index, f"{n!r} names nothing in the graph")
        for group in sorted({g for n in names for g in state.named(n)}):
            members = list(state.members[group].values())
            present = [j for j, side in enumerate(sides) if any(_names_of(m) & side for m in members)]
            if len(present) < 2:
                continue
            etype = group[0]
            if etype == "Country":
                self._warn("different", index, f"{state.label(group)} is a country: one country cannot be split (ignore a name instead)")
                continue
            keys: list[ClusterKey] = []
            for j in present:
                key = group_key(etype, names[j])
                keys.append((etype, key if (etype, key) not in keys else f"{key} {len(keys) + 1}"))
            for m in members:
                side = next((k for j, k in zip(present, keys) if _names_of(m) & sides[j]), None)
                if side is None:
                    spelled = cluster_of[m.id][1]
                    side = max(keys, key=lambda k: (fuzz.ratio(spelled, k[1]), -keys.index(k)))
                state.move(m, side)

    def _retype_and_rename(self, state: _Regrouping, index: int, group: ClusterKey, entry: EntityCorrection) -> None:
        etype = group[0]
        if etype == "Country":
            if entry.type or entry.country or entry.role:
                self._warn("entities", index, f"{entry.entity!r} is a country: only its name can be corrected")
            if entry.name:
                self.descriptions[group] = EntityCorrection(entity=entry.entity, name=entry.name)
            return
        if entry.role and (entry.type or etype) != "Person":
            self._warn("entities", index, f"{entry.entity!r} is not a person: a role is not applied")
        if entry.type and entry.type != etype or entry.name:
            etype = entry.type or etype
            target = (etype, group_key(etype, entry.name or entry.entity))
            state.merge(group, target)
            group = target
        earlier = self.descriptions.get(group)  # another name of the same entity: later entries win, field by field
        self.descriptions[group] = earlier.model_copy(update=entry.model_dump(exclude_none=True)) if earlier else entry

    def _warn(self, section: str, index: int, message: str) -> None:
        log.warning("%s: %s", self.corrections.where(section, index), message)


class _Regrouping:
    """Groups of mentions while corrections move them, with which group each mention is in and the names that find them."""

    def __init__(self, groups: Groups, entities: Iterable[EntityCorrection]):
        # mention id -> mention, per group: moving a mention is O(1) however big its group
        self.members: dict[ClusterKey, dict[str, Mention]] = {k: {m.id: m for m in v} for k, v in groups.items()}
        self.group_of = {m.id: k for k, ms in groups.items() for m in ms}
        self.mentions_named: dict[str, set[str]] = defaultdict(set)
        for ms in groups.values():
            for m in ms:
                for k in _names_of(m):
                    self.mentions_named[k].add(m.id)
        for entry in entities:  # a name the file gives an entity finds it too (the file may use it elsewhere)
            if entry.name:
                self.mentions_named[name_key(entry.name)] |= self.mentions_named.get(name_key(entry.entity), set())

    def named(self, name: str) -> set[ClusterKey]:
        return {self.group_of[mid] for mid in self.mentions_named.get(name_key(name), ())}

    def label(self, group: ClusterKey) -> str:
        return fullest_name(display_name(m.name) for m in self.members[group].values())

    def move(self, mention: Mention, target: ClusterKey) -> None:
        old = self.group_of[mention.id]
        if old == target:
            return
        del self.members[old][mention.id]
        if not self.members[old]:
            del self.members[old]
        self.members.setdefault(target, {})[mention.id] = mention
        self.group_of[mention.id] = target

    def merge(self, group: ClusterKey, target: ClusterKey) -> None:
        for m in list(self.members.get(group, {}).values()):
            self.move(m, target)

    def groups(self) -> Groups:
        return {k: list(v.values()) for k, v in self.members.items()}
