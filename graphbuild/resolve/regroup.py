"""``same`` and ``entities`` corrections, applied to cluster keys when the graph is made.

The resolver asks a :class:`KeyIndex` which cluster keys a name finds (the
names their mentions show) and what their tallies say; :class:`Regrouping`
answers, for every cluster key a correction touches, the key of the entity
it belongs to (:meth:`Regrouping.final`), and describes that entity
(:meth:`Regrouping.describe`).  Keys no correction touches are their own
entity, so the mapping stays as small as the corrections file.  See
:mod:`graphbuild.resolve.corrections` for what each section means.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from graphbuild.corrections import Corrections, EntityCorrection
from graphbuild.models import Entity
from graphbuild.names import display_name, name_key
from graphbuild.resolve.corrections import group_key
from graphbuild.resolve.entities import ARTICLE_MARK, COUNTRY_MARK, ClusterKey, fullest_name
from graphbuild.resolve.tally import Tally, summed

log = logging.getLogger("graphbuild.corrections")

#: The evidence of an AFFILIATED_WITH edge that only the corrections file gives.
CORRECTED_EVIDENCE = "(country set in the corrections file)"


class KeyIndex(Protocol):
    def named(self, name: str) -> set[ClusterKey]:
        """The cluster keys with a mention whose name or text has this name key."""

    def tally(self, key: ClusterKey) -> Tally | None: ...


class Regrouping:
    def __init__(self, corrections: Corrections | None, index: KeyIndex, ignore_found: Iterable[int] = ()):
        self.corrections = corrections or Corrections()
        self.index = index
        self.final_of: dict[ClusterKey, ClusterKey] = {}
        self.members: dict[ClusterKey, set[ClusterKey]] = {}  # entity key -> the cluster keys merged into it
        self.descriptions: dict[ClusterKey, EntityCorrection] = {}
        self.countries_set: dict[ClusterKey, str] = {}  # a person's key -> the country the file gives them
        self.applied: dict[ClusterKey, list[str]] = {}  # entity key -> where the entries that changed it are
        self._aka = {name_key(e.name): name_key(e.entity) for e in self.corrections.entities if e.name}
        self._warn_ignored(set(ignore_found))
        for i, names in enumerate(self.corrections.same):
            self._join(i, names)
        for i, names in enumerate(self.corrections.different):
            self._check_apart(i, names)
        for i, entry in enumerate(self.corrections.entities):
            self._correct(i, entry)

    def final(self, key: ClusterKey) -> ClusterKey:
        """The key of the entity a cluster key belongs to."""
        return self.final_of.get(key, key)

    def merged_keys(self) -> dict[ClusterKey, ClusterKey]:
        return dict(self.final_of)

    def describe(self, key: ClusterKey, entity: Entity) -> Entity:
        """The entity with the name, role and country its correction gives."""
        entry = self.descriptions.get(key)
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
        return entity.model_copy(update=update)

    # --- the sections ----------------------------------------------------------------------------

    def _warn_ignored(self, found: set[int]) -> None:
        for i, name in enumerate(self.corrections.ignore):
            if i not in found:
                self._warn("ignore", i, f"{name!r} names nothing in the graph")

    def _join(self, index: int, names: tuple[str, ...]) -> None:
        groups = [g for n in names if (g := self._one_group("same", index, n))]
        if not groups:
            return
        etype = _type_of(groups[0])
        if any(_type_of(g) != etype for g in groups):
            label = self._label(groups[0])
            self._warn(
                "same", index, f"joins entities of different types; the one entity is a {etype}, as {label!r} is"
            )
        target = (etype, group_key(etype, names[0]))
        for group in groups:
            self._merge(group, target)
        self._record(target, "same", index)

    def _check_apart(self, index: int, names: tuple[str, ...]) -> None:
        seen: dict[ClusterKey, int] = {}
        for j, name in enumerate(names):
            keys = self._named(name)
            if not keys:
                self._warn("different", index, f"{name!r} names nothing in the graph")
            for key in keys:
                if key[0] == "Country" and seen.setdefault(key, j) != j:
                    label = self._label({key})
                    self._warn(
                        "different", index, f"{label} is a country: one country cannot be split (ignore a name instead)"
                    )

    def _correct(self, index: int, entry: EntityCorrection) -> None:
        group = self._one_group("entities", index, entry.entity)
        if group is None:
            return
        etype = _type_of(group)
        if etype == "Country":
            if entry.type or entry.country or entry.role:
                self._warn("entities", index, f"{entry.entity!r} is a country: only its name can be corrected")
            if entry.name:
                for key in group:
                    self.descriptions[key] = EntityCorrection(entity=entry.entity, name=entry.name)
            return
        if entry.role and (entry.type or etype) != "Person":
            self._warn("entities", index, f"{entry.entity!r} is not a person: a role is not applied")
        target = None
        if entry.type and entry.type != etype or entry.name:
            etype = entry.type or etype
            target = (etype, group_key(etype, entry.name or entry.entity))
        elif entry.country and etype == "Organization" and any(ARTICLE_MARK in k for _, k in group):
            base = _base_name(next(iter(group))[1])
            target = (etype, f"{base}{COUNTRY_MARK}{entry.country}")  # the unplaced body is that country's
        if target is not None:
            self._merge(group, target)
            group = {target}
        for key in group:
            self._record(key, "entities", index)
            earlier = self.descriptions.get(key)  # another name of the same entity: later entries win, field by field
            self.descriptions[key] = (
                earlier.model_copy(update=entry.model_dump(exclude_none=True)) if earlier else entry
            )
            if entry.country and etype == "Person":
                self.countries_set[key] = entry.country

    # --- finding and merging groups --------------------------------------------------------------------

    def _named(self, name: str) -> set[ClusterKey]:
        key = name_key(name)
        found = set(self.index.named(key))
        if key in self._aka:  # a name the file gives an entity finds it too (the file may use it elsewhere)
            found |= self.index.named(self._aka[key])
        return {self.final(k) for k in found}

    def _one_group(self, section: str, index: int, name: str) -> set[ClusterKey] | None:
        """The entity a name finds: one key, or the unplaced nodes of one body (with its one placed node)."""
        groups = self._named(name)
        if not groups:
            self._warn(section, index, f"{name!r} names nothing in the graph")
            return None
        if len(groups) > 1 and not _one_body(groups):
            labels = ", ".join(sorted(self._label({g}) for g in groups))
            self._warn(
                section,
                index,
                f"{name!r} names {len(groups)} entities ({labels}); not applied: use a name only one of them has",
            )
            return None
        return groups

    def _merge(self, group: set[ClusterKey], target: ClusterKey) -> None:
        for final in group:
            self.applied.setdefault(target, []).extend(self.applied.pop(final, []) if final != target else [])
        if target not in self.members:
            own = self.index.tally(target) is not None and target not in self.final_of
            self.members[target] = {target} if own else set()
        for final in group:
            if final == target:
                continue
            for key in self.members.pop(final, {final}):
                self.final_of[key] = target
                self.members[target].add(key)
        for key in self.members[target]:
            if key != target:
                self.final_of[key] = target

    def _record(self, key: ClusterKey, section: str, index: int) -> None:
        self.applied.setdefault(key, []).append(f"{section}: {self.corrections.where(section, index)}")

    def _label(self, group: set[ClusterKey]) -> str:
        keys = {k for final in group for k in self.members.get(final, {final})}
        names = summed(t for k in sorted(keys) if (t := self.index.tally(k)) is not None).names
        return fullest_name(names) if names else display_name(next(iter(group))[1])

    def _warn(self, section: str, index: int, message: str) -> None:
        log.warning("%s: %s", self.corrections.where(section, index), message)


def _type_of(group: set[ClusterKey]) -> str:
    return min(group)[0]


def _base_name(key: str) -> str:
    return key.split(ARTICLE_MARK)[0].split(COUNTRY_MARK)[0]


def _one_body(groups: set[ClusterKey]) -> bool:
    """Unplaced nodes of one body, with at most one node of it that has a country: one entity to a correction."""
    if any(etype != "Organization" for etype, _ in groups):
        return False
    placed = [k for _, k in groups if ARTICLE_MARK not in k]
    return len({_base_name(k) for _, k in groups}) == 1 and len(placed) <= 1
