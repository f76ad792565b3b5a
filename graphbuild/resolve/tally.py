"""What the mentions of one entity say, summed over articles: the resolver's per-key aggregate.

An entity's name, aliases, role and country are a function of counts (how
often each name, role and country was given), so the resolver keeps the
counts, not the mentions: a :class:`Tally` per cluster key, built from one
article's mentions, added to the corpus total when the article comes in and
subtracted when it goes (``--update``, ``--remove``).  Both directions give
the counts a full rebuild gives, so the entity made from them is the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from graphbuild.models import COUNTRY_EVIDENCE_RANK, Mention
from graphbuild.names import display_name

#: The rank of a country a person only gets from the company they keep (a delegation's leader, the person
#: their title names): below every way a sentence can name it, so it counts only where nothing else does.
BORROWED_COUNTRY_RANK = 0


Counts = dict[str, int]


@dataclass
class Tally:
    """Counts of what the mentions of one cluster key say (people, organizations and countries alike).

    Plain dicts of counts (not ``Counter``s: a corpus makes millions of tallies, and a dict is made and
    updated several times faster)."""

    full_names: Counts = field(default_factory=dict)  # a person's names of two words or more; any org/country name
    names: Counts = field(default_factory=dict)  # every name, for an entity only ever named by one word
    aliases: Counts = field(default_factory=dict)  # names and texts as printed (not demonyms)
    implicit_aliases: Counts = field(default_factory=dict)  # demonyms, for a country only named by them
    roles: Counts = field(default_factory=dict)
    countries: Counts = field(default_factory=dict)  # "CC rank" -> count
    how: Counts = field(default_factory=dict)  # "reason\tname as printed" -> count: why mentions are this entity
    mentions: int = 0  # mentions in the text (demonyms not counted)
    implicit: int = 0

    def add_mention(self, mention: Mention, how: str) -> None:
        """Count one mention; ``how`` says why it is this entity (a reason code, see :mod:`graphbuild.explain`)."""
        name, text = display_name(mention.name), display_name(mention.text)
        _bump(self.names, name)
        if mention.type != "Person" or " " in mention.key:
            _bump(self.full_names, name)
        if mention.implicit:
            self.implicit += 1
            for shown in {name, text}:
                _bump(self.implicit_aliases, shown)
        else:
            self.mentions += 1
            for shown in {name, text}:
                _bump(self.aliases, shown)
        if mention.role:
            _bump(self.roles, mention.role)
        if mention.country:
            _bump(self.countries, f"{mention.country} {COUNTRY_EVIDENCE_RANK[mention.country_evidence]}")
        _bump(self.how, f"{how}\t{text}")

    def add_country(self, code: str, rank: int) -> None:
        _bump(self.countries, f"{code} {rank}")

    def __iadd__(self, other: Tally) -> Tally:
        for f in _COUNTERS:
            theirs = getattr(other, f)
            if theirs:
                ours = getattr(self, f)
                for k, n in theirs.items():
                    ours[k] = ours.get(k, 0) + n
        self.mentions += other.mentions
        self.implicit += other.implicit
        return self

    def __isub__(self, other: Tally) -> Tally:
        for f in _COUNTERS:
            ours = getattr(self, f)
            for k, n in getattr(other, f).items():
                left = ours.get(k, 0) - n
                if left > 0:
                    ours[k] = left
                else:
                    ours.pop(k, None)
        self.mentions -= other.mentions
        self.implicit -= other.implicit
        return self

    def is_empty(self) -> bool:
        return self.mentions <= 0 and self.implicit <= 0

    def best_country(self) -> str | None:
        """The country the best evidence names, then the most often named, then the first by code."""
        if not self.countries:
            return None
        votes = [(code, int(rank), n) for key, n in self.countries.items() for code, rank in [key.split(" ")]]
        return min(votes, key=lambda v: (-v[1], -v[2], v[0]))[0]

    def most_common_country(self) -> str | None:
        totals: Counts = {}
        for key, n in self.countries.items():
            _bump(totals, key.split(" ")[0], n)
        return min(totals, key=lambda c: (-totals[c], c)) if totals else None

    def shown_aliases(self) -> list[str]:
        """The names the entity is shown with: as printed, and a country's demonyms ("Peruvian" for Peru).
        Always both, so the aliases of a corpus are the union of its articles' aliases."""
        return sorted(self.aliases.keys() | self.implicit_aliases.keys())

    def to_json(self) -> dict:
        data: dict = {f: value for f in _COUNTERS if (value := getattr(self, f))}
        data.update(mentions=self.mentions, implicit=self.implicit)
        return data

    @classmethod
    def from_json(cls, data: dict) -> Tally:
        tally = cls(**{f: dict(data.get(f, {})) for f in _COUNTERS})
        tally.mentions, tally.implicit = int(data.get("mentions", 0)), int(data.get("implicit", 0))
        return tally


_COUNTERS = tuple(f.name for f in fields(Tally) if f.name not in {"mentions", "implicit"})


def _bump(counts: Counts, key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def summed(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        total += t
    return total
