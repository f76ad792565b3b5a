"""Mentions grouped by (entity type, key): the resolver's working state before entities exist."""

from __future__ import annotations

from graphbuild.models import Mention

ClusterKey = tuple[str, str]  # (entity type, identity key)


class Clusters(dict[ClusterKey, list[Mention]]):
    """The mentions believed to name one entity, by cluster key."""

    def add(self, mention: Mention, key: ClusterKey) -> None:
        self.setdefault(key, []).append(mention)

    def move(self, old: ClusterKey, new: ClusterKey) -> None:
        """Every mention of cluster old joins cluster new, retyped and rekeyed."""
        for m in self.pop(old):
            self.add(m.model_copy(update={"type": new[0], "key": new[1]}), new)

    def discard(self, key: ClusterKey, mention_ids: set[str]) -> None:
        """Those mentions of cluster key are no mentions at all; an emptied cluster goes."""
        kept = [m for m in self[key] if m.id not in mention_ids]
        if kept:
            self[key] = kept
        else:
            del self[key]

    def key_of_mention(self) -> dict[str, ClusterKey]:
        """Which cluster each mention id is in."""
        return {m.id: key for key, mentions in self.items() for m in mentions}
