"""Generated news: articles dense with invented names, and the Extractions they are written from.

    from bench.generate import NewsCorpus

    corpus = NewsCorpus(size=1000)                  # people, organizations sized for 1,000 articles
    corpus.write(folder)                            # 1,000 .txt files (news length, ~29 people each)
    corpus.write(folder, start=1000, stop=1010)     # 10 more from the same population: an --update
    article = corpus.article(17)                    # graphbuild.models.Article, text included
    extraction = corpus.extraction(17)              # the Extraction that text was written from (no spaCy)
    for x in corpus.extractions(0, 100_000): ...    # synthetic input for resolve / graph / state / export

    python bench/generate.py 1000 /tmp/corpus [--seed 7] [--start 0] [--population 1000]

Every article is a plan first — sentences with slots for people, countries and
organizations — and then two renderings of the plan: the text (which spaCy and
the extraction rules read) and a synthetic :class:`~graphbuild.models.Extraction`
(mentions at the character offsets where the names stand, keys made by
``graphbuild.names``, and the relations the sentences state).  So the
post-extraction stages can be measured at sizes spaCy cannot reach here
(100k, 1M articles) on input shaped like the real one.

Determinism: article ``k`` depends only on ``(seed, population, k)``, never on
how many articles are asked for, so ``write(folder, start=N, stop=N + n)`` adds
articles to an earlier corpus of ``N`` (same people, new stories).

What it looks like (``describe()`` measures it): ~600 words and 29 distinct people an article, named in full
and again by family name; countries by name and demonym; invented organizations; meetings, delegations,
support, criticism, sanctions, visits.  People have a Zipf-like popularity (a few recur in many articles, as
heads of state do); the population grows with ``size`` (3 people and 0.4 organizations an article, at least
300 and 60, at most a million people), so the graph grows with the corpus.  Names are made of syllables.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.names import org_key, person_key

# Keys are what the extractor computes for a name; a name recurs in many articles, so compute each once.
_person_key = lru_cache(maxsize=1 << 20)(person_key)
_org_key = lru_cache(maxsize=1 << 16)(org_key)

__all__ = ["NewsCorpus", "CorpusStats"]

SYLLABLES = (
    "ka lo mi re sa to vi na del par ion ber gan mar tel sor fen qui dor lan bra cor mel tis van ro ha ju ki "
    "ze bo dan sel mor ta ri vo len"
).split()
ORG_WORDS = (
    "Atlantic Northern Pacific Civic Strategic Maritime Global Federal National Eastern Western Public Open "
    "Policy Security Trade Energy Future Allied Central"
).split()
ORG_KINDS = ("Institute", "Foundation", "Council", "Agency", "Forum", "Commission", "Alliance", "Bureau")
TITLES = (
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "Trade Minister",
    "Finance Minister",
    "Interior Minister",
    "Energy Minister",
    "Deputy Foreign Minister",
    "Ambassador",
)
#: Countries named in the articles: (name, ISO code, demonym).  Real country names are public facts, not
#: names taken from any evaluation article.
COUNTRIES = tuple(
    tuple(entry.split())
    for entry in (
        "Norway NO Norwegian; Chile CL Chilean; Peru PE Peruvian; Kenya KE Kenyan; Ghana GH Ghanaian; Poland PL Polish; "
        "Portugal PT Portuguese; Finland FI Finnish; Sweden SE Swedish; Austria AT Austrian; Mexico MX Mexican; "
        "Brazil BR Brazilian; Argentina AR Argentine; Egypt EG Egyptian; Morocco MA Moroccan; Senegal SN Senegalese; "
        "Vietnam VN Vietnamese; Thailand TH Thai; Indonesia ID Indonesian; Malaysia MY Malaysian; Canada CA Canadian; "
        "Ireland IE Irish; Greece GR Greek; Hungary HU Hungarian; Romania RO Romanian; Colombia CO Colombian; "
        "Ecuador EC Ecuadorian; Nigeria NG Nigerian; Tanzania TZ Tanzanian; Estonia EE Estonian"
    ).split("; ")
)
#: Family names are 2-4 syllables (2.4 million of them) and unique per person: the population stops growing here.
MAX_POPULATION = 1_000_000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
FILLER = (
    "The talks covered trade, energy and the security of shipping lanes, according to a joint statement.",
    "Officials said the next round would take place before the end of the year.",
    "The meeting lasted more than three hours and ended without a news conference.",
    "Both sides described the discussions as frank and constructive.",
    "Analysts said the visit was the clearest sign yet of warming ties between the two governments.",
    "A draft agreement on customs procedures was also discussed, a diplomat said.",
    "Neither ministry gave details of the financial terms.",
)


@dataclass(frozen=True)
class _Person:
    given: str
    family: str
    country: int  # index into COUNTRIES
    title: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"


@dataclass
class _Writer:
    """Builds one article's text and, alongside, its mentions and relations (offsets into the text)."""

    article_id: str
    published: dt.date
    parts: list[str] = field(default_factory=list)
    length: int = 0
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    people: set[_Person] = field(default_factory=set)  # everyone named in full
    words: int = 0
    _last: tuple[str, int] = ("", 0)  # the sentence just written and its offset: the evidence of its relations

    def say(self, *pieces: str | tuple[str, dict]) -> list[str]:
        """One sentence from text pieces and (text, mention fields) pieces; returns the new mention ids."""
        separator = " " if self.parts and self.parts[-1] != "\n" else ""
        start = self.length + len(separator)
        text = "".join(p if isinstance(p, str) else p[0] for p in pieces)
        ids, offset = [], start
        made = []
        for piece in pieces:
            if isinstance(piece, str):
                offset += len(piece)
                continue
            surface, fields = piece
            mention_id = f"{self.article_id}:{offset}"
            made.append(
                dict(
                    fields,
                    id=mention_id,
                    article_id=self.article_id,
                    text=surface,
                    start=offset,
                    end=offset + len(surface),
                    sentence=text,
                    sentence_start=start,
                )
            )
            ids.append(mention_id)
            offset += len(surface)
        self.mentions.extend(Mention.model_construct(**m) for m in made)
        self.parts += [separator, text] if separator else [text]
        self.length = start + len(text)
        self.words += len(text.split())
        self._last = (text, start)
        return ids

    def relate(self, kind: str, source: str, target: str, confidence: float = 0.9, date: dt.date | None = None) -> None:
        sentence, start = self._last
        self.relations.append(
            Relation.model_construct(
                type=kind,
                source=source,
                target=target,
                article_id=self.article_id,
                evidence=sentence,
                evidence_start=start,
                evidence_end=start + len(sentence),
                confidence=confidence,
                date=date.isoformat() if date else None,
            )
        )

    def paragraph(self) -> None:
        if self.parts and self.parts[-1] != "\n":
            self.parts.append("\n")
            self.length += 1

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip("\n") + "\n"


@dataclass(frozen=True)
class CorpusStats:
    articles: int
    words: int
    people_mentions: int  # distinct people named per article, summed


class NewsCorpus:
    """A deterministic generated corpus; see the module docstring."""

    def __init__(self, size: int = 1000, seed: int = 7, people_per_article: int = 29) -> None:
        self.size = size
        self.seed = seed
        self.people_per_article = people_per_article
        self.population = min(MAX_POPULATION, max(300, 3 * size))
        self.organizations = max(60, int(0.4 * size))

    # --- the population --------------------------------------------------------------------------

    @cached_property
    def _people(self) -> list[_Person]:
        rng = random.Random(f"{self.seed}-people")
        seen, people = set(), []
        while len(people) < self.population:
            given, family = _word(rng, 2, 3), _word(rng, 2, 4)
            if (given, family) in seen or family in seen:
                continue
            seen.update({(given, family), family})  # one family name per person: a lone surname has one owner
            people.append(_Person(given, family, rng.randrange(len(COUNTRIES)), rng.choice(TITLES)))
        return people

    @cached_property
    def _orgs(self) -> list[str]:
        rng = random.Random(f"{self.seed}-orgs")
        names: dict[str, None] = {}
        while len(names) < self.organizations:
            names[f"{rng.choice(ORG_WORDS)} {_word(rng, 2, 3)} {rng.choice(ORG_KINDS)}"] = None
        return list(names)

    @cached_property
    def _popularity(self) -> list[float]:
        """Cumulative Zipf-like weights (rank ** -0.8): a few people in many articles, most in few."""
        total, cumulative = 0.0, []
        for rank in range(1, self.population + 1):
            total += rank**-0.8
            cumulative.append(total)
        return cumulative

    def _cast(self, rng: random.Random) -> list[_Person]:
        chosen: dict[int, None] = {}
        top = self._popularity[-1]
        while len(chosen) < self.people_per_article:
            chosen[bisect.bisect_left(self._popularity, rng.random() * top)] = None
        return [self._people[i] for i in chosen]

    # --- articles ----------------------------------------------------------------------------------

    def article(self, k: int) -> Article:
        writer = self._write(k)
        return Article(
            id=writer.article_id,
            text=writer.text,
            source=f"generated:{k}",
            title=_title(writer),
            published=writer.published,
        )

    def extraction(self, k: int) -> Extraction:
        """What the text says, as the extractor would give it (no spaCy): the article without its text, as
        ``pipeline.slim`` keeps it."""
        writer = self._write(k)
        article = Article.model_construct(
            id=writer.article_id,
            text="",
            source=f"generated:{k}",
            title=_title(writer),
            url=None,
            author=None,
            published=writer.published,
            publisher=None,
        )
        return Extraction.model_construct(article=article, mentions=writer.mentions, relations=writer.relations)

    def articles(self, start: int = 0, stop: int | None = None) -> Iterator[Article]:
        for k in range(start, self.size if stop is None else stop):
            yield self.article(k)

    def extractions(self, start: int = 0, stop: int | None = None) -> Iterator[Extraction]:
        for k in range(start, self.size if stop is None else stop):
            yield self.extraction(k)

    def write(self, folder: str | Path, start: int = 0, stop: int | None = None) -> CorpusStats:
        """Articles ``start``..``stop`` as ``gen-NNNNNNN.txt`` files (ids stay unique across calls)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        articles = words = people = 0
        for k in range(start, self.size if stop is None else stop):
            writer = self._write(k)
            (folder / f"{writer.article_id}.txt").write_text(writer.text, encoding="utf-8")
            articles += 1
            words += writer.words
            people += len(writer.people)
        return CorpusStats(articles, words, people)

    def _write(self, k: int) -> _Writer:
        rng = random.Random(f"{self.seed}-{self.population}-{k}")
        published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        writer = _Writer(article_id=f"gen-{k:07d}", published=published)
        cast = self._cast(rng)
        named: list[tuple[_Person, str]] = []  # people already named in full, with a mention id
        while cast:
            people, scene = rng.choice(_SCENES)
            taken = cast[:people]
            del cast[:people]
            if len(taken) < people:
                taken += [p for p, _ in named[: people - len(taken)]]
            scene(self, writer, rng, taken, named)
            if rng.random() < 0.5:
                _recall(writer, rng, named)
            if rng.random() < 0.6:
                writer.say(rng.choice(FILLER))
            writer.paragraph()
        while writer.words < 600:
            writer.say(rng.choice(FILLER))
        writer.people = {person for person, _ in named}
        return writer

    def describe(self, sample: int = 50) -> dict[str, float]:
        """Words, people and mentions per article over the first ``sample`` articles."""
        xs = [self._write(k) for k in range(min(sample, max(self.size, 1)))]
        return {
            "words": sum(x.words for x in xs) / len(xs),
            "people": sum(len(x.people) for x in xs) / len(xs),
            "mentions": sum(len(x.mentions) for x in xs) / len(xs),
            "relations": sum(len(x.relations) for x in xs) / len(xs),
        }


def _title(writer: _Writer) -> str:
    return writer.parts[0].split(",")[0][:80]


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


# --- mention pieces ------------------------------------------------------------------------------------


def _mention(type_: str, name: str, key: str, role=None, country=None, implicit=False) -> dict:
    return {
        "type": type_,
        "name": name,
        "key": key,
        "role": role,
        "country": country,
        "country_evidence": "title" if country else None,
        "country_from": None,
        "implicit": implicit,
    }


def _person(p: _Person, titled: bool = True) -> tuple[str, dict]:
    """A person named in full; with ``titled``, their title and demonym stand before the name."""
    return p.full, _mention(
        "Person",
        p.full,
        _person_key(p.full),
        role=p.title if titled else None,
        country=COUNTRIES[p.country][1] if titled else None,
    )


def _family(p: _Person) -> tuple[str, dict]:
    return p.family, _mention("Person", p.family, _person_key(p.family))


def _country(index: int, demonym: bool = False) -> tuple[str, dict]:
    name, iso, adjective = COUNTRIES[index]
    return (adjective if demonym else name), _mention("Country", name, iso, implicit=demonym)


def _org(name: str) -> tuple[str, dict]:
    return name, _mention("Organization", name, _org_key(name))


# --- scenes: a few sentences each, with the people they name --------------------------------------------


def _titled(p: _Person) -> list:
    """ "Norwegian Foreign Minister Kalo Resa" as pieces: the demonym, the title, the name."""
    return [_country(p.country, demonym=True), f" {p.title} ", _person(p)]


def _meeting(corpus, w: _Writer, rng, cast, named) -> None:
    a, b, *delegation = cast
    day = rng.choice(WEEKDAYS)
    ids = w.say(*_titled(a), " met ", *_titled(b), f" in the capital on {day}, officials said.")
    w.relate("MET_WITH", ids[1], ids[3], date=w.published - dt.timedelta(days=1))
    named += [(a, ids[1]), (b, ids[3])]
    if delegation:
        pieces: list = [_family(a), " was accompanied by "]
        for i, p in enumerate(delegation):
            pieces += [", " if 0 < i < len(delegation) - 1 else (" and " if i else ""), _person(p, titled=False)]
        ids = w.say(*pieces, ".")
        for p, mention in zip(delegation, ids[1:], strict=False):
            w.relate("ACCOMPANIED_BY", ids[0], mention)
            named.append((p, mention))


def _support(corpus, w: _Writer, rng, cast, named) -> None:
    (a,) = cast
    other = (a.country + rng.randrange(1, len(COUNTRIES))) % len(COUNTRIES)
    ids = w.say(
        *_titled(a),
        " said ",
        _country(a.country),
        " would continue to support ",
        _country(other),
        " with aid and equipment.",
    )
    w.relate("SUPPORTS", ids[2], ids[3], confidence=0.8)
    named.append((a, ids[1]))


def _criticism(corpus, w: _Writer, rng, cast, named) -> None:
    a, b = cast
    org = rng.choice(corpus._orgs)
    ids = w.say(
        *_titled(a),
        " criticized the ",
        _org(org),
        " on ",
        rng.choice(WEEKDAYS),
        ", while ",
        *_titled(b),
        " defended it.",
    )
    w.relate("CRITICIZED", ids[1], ids[2], confidence=0.8)
    named += [(a, ids[1]), (b, ids[4])]


def _panel(corpus, w: _Writer, rng, cast, named) -> None:
    org = rng.choice(corpus._orgs)
    pieces: list = [rng.choice(("Also present were ", "Others at the event included ", "Among those attending were "))]
    for i, p in enumerate(cast):
        pieces += [", " if 0 < i < len(cast) - 1 else (" and " if i else ""), _person(p, titled=False)]
    ids = w.say(*pieces, " of the ", _org(org), ".")
    named += list(zip(cast, ids, strict=False))


def _visit(corpus, w: _Writer, rng, cast, named) -> None:
    (a,) = cast
    where = rng.randrange(len(COUNTRIES))
    ids = w.say(*_titled(a), " visited ", _country(where), " last week, the ministry said.")
    w.relate("VISITED", ids[1], ids[2], confidence=0.8)
    named.append((a, ids[1]))


def _sanction(corpus, w: _Writer, rng, cast, named) -> None:
    (a,) = cast
    org = rng.choice(corpus._orgs)
    ids = w.say(_country(a.country), " sanctioned the ", _org(org), ", ", *_titled(a), " announced.")
    w.relate("SANCTIONED", ids[0], ids[1], confidence=0.8)
    named.append((a, ids[3]))


def _recall(w: _Writer, rng: random.Random, named: list) -> None:
    """A person named earlier, by family name alone (the resolver joins it to the full name)."""
    if named:
        person, _ = rng.choice(named)
        w.say(
            _family(person),
            rng.choice(
                (
                    " said the talks had been useful.",
                    " declined to comment further.",
                    " told reporters that more work was needed.",
                )
            ),
        )


#: (people it names, how it is written)
_SCENES = (
    (5, _meeting),
    (4, _meeting),
    (2, _meeting),
    (1, _support),
    (2, _criticism),
    (4, _panel),
    (1, _visit),
    (1, _sanction),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write generated news articles as .txt files.")
    parser.add_argument("count", type=int, help="articles to write")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="first article number (to add to an earlier corpus)")
    parser.add_argument("--population", type=int, help="the corpus size the population is made for (default: count)")
    args = parser.parse_args(argv)
    corpus = NewsCorpus(size=args.population or args.count, seed=args.seed)
    stats = corpus.write(args.folder, start=args.start, stop=args.start + args.count)
    print(
        f"{stats.articles} articles, {stats.words / max(stats.articles, 1):.0f} words and "
        f"{stats.people_mentions / max(stats.articles, 1):.1f} people each, in {args.folder}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
