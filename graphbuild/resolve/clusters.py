"""Mentions grouped by (entity type, key): the resolver's working state before entities exist."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphbuild.models import Mention

ClusterKey = tuple[str, str]  # (entity type, identity key)


@dataclass
class Cluster:
    """Mentions believed to name one entity."""

    type: str
    key: str
    mentions: list[Mention] = field(default_factory=list)


class Clusters(dict[ClusterKey, Cluster]):
    """Clusters by key, and which cluster each mention id is in."""

    def __init__(self) -> None:
        super().__init__()
        self.of_mention: dict[str, ClusterKey] = {}

    def add(self, mention: Mention, key: ClusterKey) -> None:
        self.setdefault(key, Cluster(key[0], key[1])).mentions.append(mention)
        self.of_mention[mention.id] = key

    def move(self, old: ClusterKey, new: ClusterKey) -> None:
        """Every mention of cluster old joins cluster new, retyped and rekeyed."""
        for m in self.pop(old).mentions:
            self.add(m.model_copy(update={"type": new[0], "key": new[1]}), new)

    def discard(self, key: ClusterKey, mention_ids: set[str]) -> None:
        """Those mentions of cluster key are no mentions at all; an emptied cluster goes."""
        cluster = self[key]
        cluster.mentions = [m for m in cluster.mentions if m.id not in mention_ids]
        for mid in mention_ids:
            self.of_mention.pop(mid, None)
        if not cluster.mentions:
            del self[key]
