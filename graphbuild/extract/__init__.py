"""Stage 2 — extract: Article → Extraction (mentions and relations), with spaCy.

    extractor = Extractor(load_pipeline())
    for extraction in extractor.extract(articles):
        ...

Each article is split into story paragraphs (page furniture and datelines dropped), the
paragraphs of many articles go through ``nlp.pipe`` in batches, then:

* **mentions** (:mod:`graphbuild.extract.mentions`): the people, countries and
  organizations of the whole article, each person with the role, country and
  body the descriptor grammar reads around the name;
* **events** (:mod:`graphbuild.extract.events`): the words that open an event,
  from the trigger lexicon (``data/events.json`` and ``--rules``);
* **participants** (:mod:`graphbuild.extract.participants`): who takes part,
  one collector for every event;
* **status** (:mod:`graphbuild.extract.status`): whether it happened, with scope;
* **relations** (:mod:`graphbuild.extract.relations`): the pairs, as each
  relation type is declared.

Relations point at mention ids; the resolve stage turns them into entity ids.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import groupby

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from spacy.language import Language
from spacy.tokens import Doc, Token

from graphbuild.clock import NO_CLOCK, NoClock
from graphbuild.errors import first_problem
from graphbuild.extract.dateline import (
    DATELINE_PARAGRAPHS,
    dateline_length,
    dateline_place,
)
from graphbuild.extract.event_date import event_date
from graphbuild.extract.found import ByParagraph, Found, Ref
from graphbuild.extract.furniture import story_paragraphs
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.mentions import DEFAULT_PASSES, MentionFinder, mention_passes
from graphbuild.extract.relations import FoundRelation, RelationFinder
from graphbuild.extract.status import DEFAULT_STATUS_POLICY, status_policies
from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.relation_types import registered
from graphbuild.rules import ExtractionChoice, Rules, RulesError

__all__ = ["ExtractionConfig", "Extractor", "story_paragraphs"]


class ExtractionConfig(BaseModel):
    """Which mechanisms run, by name, in the spirit of spaCy's ``add_pipe``: the mention passes in
    order (registered in ``mention_passes``) and the status policy (registered in
    ``status_policies``); plugins register more through entry points."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    passes: tuple[str, ...] = DEFAULT_PASSES
    status_policy: str = DEFAULT_STATUS_POLICY

    @field_validator("passes")
    @classmethod
    def _registered_passes(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(registered(mention_passes, name, "mention pass") for name in names)

    @field_validator("status_policy")
    @classmethod
    def _registered_policy(cls, name: str) -> str:
        return registered(status_policies, name, "status policy")

    @classmethod
    def chosen(cls, choice: ExtractionChoice) -> ExtractionConfig:
        """The configuration a rules file chooses ("extraction": {"passes": [...]}), defaults filled in;
        :class:`RulesError` naming the first unknown mechanism."""
        try:
            return cls(**{k: v for k, v in choice.model_dump().items() if v is not None})
        except ValidationError as exc:
            raise RulesError(f"extraction: {first_problem(exc)[1]}") from None


class Extractor:
    """Turns articles into Extractions with one spaCy pipeline, one set of rules and one choice of
    mechanisms (:class:`ExtractionConfig`)."""

    def __init__(
        self,
        nlp: Language,
        batch_size: int = 64,
        rules: Rules | None = None,
        clock: NoClock = NO_CLOCK,
        config: ExtractionConfig | None = None,
    ):
        self.nlp = nlp
        self.batch_size = batch_size
        self.clock = clock
        rules = rules or Rules()
        self.config = config or ExtractionConfig.chosen(
            rules.user.extraction
        )  # what a rules file chose, in every worker too
        self.mentions = MentionFinder(load_gazetteer(), self.config.passes)
        self.relations = RelationFinder(rules, nlp.vocab, self.config.status_policy)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in article order; articles stream through, a batch at a time."""
        paragraphs = self.clock.iterate(self._paragraphs(articles), "paragraphs")
        parsed = self.clock.iterate(self.nlp.pipe(paragraphs, as_tuples=True, batch_size=self.batch_size), "spacy")
        for article, group in groupby(parsed, key=lambda item: item[1][0]):
            docs = []
            for doc, (_, start, place) in group:
                if start >= 0:
                    doc.user_data["offset"] = start
                    doc.user_data["dateline"] = place
                    docs.append(doc)
            with self.clock.stage("rules"):
                extraction = self.extract_docs(article, docs)
            yield extraction

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def extract_docs(self, article: Article, docs: list[Doc]) -> Extraction:
        """The Extraction of one article from its parsed paragraphs."""
        found = self.mentions.find(docs)
        sentences = _Sentences()
        mentions: dict[Ref, Mention] = {
            f.ref: _to_mention(article, f, sentences) for f in found if f.name.strip() and f.key and not f.is_reference
        }
        by_ref = {f.ref: f for f in found}
        in_doc = ByParagraph(found)
        found_relations = [
            rel
            for paragraph, doc in enumerate(docs)
            for rel in self.relations.find(doc, doc._.words, in_doc(paragraph), by_ref)
        ]
        relations = [
            _to_relation(article, rel, mentions, sentences)
            for rel in found_relations
            if rel.source.ref in mentions and rel.target.ref in mentions
        ]
        return Extraction(article=article, mentions=list(mentions.values()), relations=relations)

    def _paragraphs(self, articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, int, str | None]]]:
        """Each story paragraph without its dateline, with where it starts and the dateline's place."""
        for article in articles:
            paragraphs = story_paragraphs(article.text)
            for n, p in enumerate(paragraphs):
                cut = dateline_length(p.text) if n < DATELINE_PARAGRAPHS else 0
                yield p.text[cut:], (article, p.start + cut, dateline_place(p.text) if cut else None)
            if not paragraphs:  # still yield the article, so it gets an (empty) Extraction
                yield "", (article, -1, None)


def _offset(f: Found) -> int:
    return f.doc.user_data.get("offset", 0)


def _mention_id(article: Article, doc: Doc, start_char: int) -> str:
    return f"{article.id}:{doc.user_data.get('offset', 0) + start_char}"


class _Sentences:
    """The text of the sentence a token is in, worked out once per paragraph (``Token.sent`` is costly)."""

    def __init__(self) -> None:
        self._by_doc: dict[int, tuple[list[int], list[tuple[str, int]]]] = {}

    def __call__(self, token: Token) -> str:
        return self._sentence(token)[0]

    def start(self, token: Token) -> int:
        """Where the sentence starts in the article text."""
        return token.doc.user_data.get("offset", 0) + self._sentence(token)[1]

    def _sentence(self, token: Token) -> tuple[str, int]:
        doc = token.doc
        key = id(doc)  # the Docs of one article, alive while it is extracted
        if key not in self._by_doc:
            starts, sentences = [], []
            for sent in doc.sents:
                text = sent.text
                starts.append(sent.start)
                sentences.append((text.strip(), sent.start_char + len(text) - len(text.lstrip())))
            self._by_doc[key] = (starts, sentences)
        starts, sentences = self._by_doc[key]
        return sentences[bisect_right(starts, token.i) - 1]


def _to_mention(article: Article, f: Found, sentence_of: _Sentences) -> Mention:
    span = f.span
    possessor = f.doc[f.possessor[1] : f.possessor[2]] if f.possessor is not None else None
    return Mention(
        id=_mention_id(article, f.doc, span.start_char),
        country_from=_mention_id(article, f.doc, possessor.start_char) if possessor is not None else None,
        article_id=article.id,
        type=f.type,
        text=span.text,
        start=_offset(f) + span.start_char,
        end=_offset(f) + span.end_char,
        sentence=sentence_of(span.root),
        sentence_start=sentence_of.start(span.root),
        name=f.name,
        key=f.key,
        role=f.role,
        country=f.country if f.type != "Country" else None,
        country_evidence=f.country_evidence if f.type != "Country" else None,
        implicit=f.implicit,
    )


def _to_relation(
    article: Article, rel: FoundRelation, mentions: dict[Ref, Mention], sentence_of: _Sentences
) -> Relation:
    evidence, start = sentence_of(rel.trigger), sentence_of.start(rel.trigger)
    return Relation(
        type=rel.type,
        source=mentions[rel.source.ref].id,
        target=mentions[rel.target.ref].id,
        article_id=article.id,
        evidence=evidence,
        evidence_start=start,
        evidence_end=start + len(evidence),
        confidence=rel.confidence,
        date=_relation_date(rel, article),
    )


def _relation_date(rel: FoundRelation, article: Article) -> str | None:
    """The date the phrase modifying the event gives ("on Thursday", "in mid-April"), as ISO 8601 text."""
    period = event_date(rel.trigger, article.published)
    return period.iso if period is not None else None
