"""The registry of mention passes (graphbuild/extract/mentions/): named passes run in order, each
from the records found so far to a new tuple, never changing one in place; one can be switched off,
reordered or added by name.  Real model, invented sentences."""

from __future__ import annotations

import dataclasses

import pytest
from invented_articles import context, found, parsed, without_passes

from graphbuild.extract import ExtractionConfig, Extractor
from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.mentions import DEFAULT_PASSES, MentionFinder, mention_passes
from graphbuild.models import Article


def run_passes(article: ArticleContext, names) -> tuple[Found, ...]:
    records: tuple[Found, ...] = ()
    for name in names:
        records = mention_passes.get(name)(records, article)
    return records


def test_every_default_pass_is_registered():
    assert set(DEFAULT_PASSES) <= set(mention_passes.get_all())


def test_a_pass_returns_new_records_and_leaves_its_input_alone(nlp):
    article = context(parsed(nlp, "Slovak Energy Minister Ingrid Marvell met Lucien Vandermolen in Bratislava."))
    before = run_passes(article, DEFAULT_PASSES[: DEFAULT_PASSES.index("describe_people")])
    snapshot = [dataclasses.replace(f) for f in before]
    after = mention_passes.get("describe_people")(before, article)
    assert list(before) == snapshot and all(f.role is None for f in before)
    marvell = next(f for f in after if f.name == "Ingrid Marvell")
    assert (marvell.role, marvell.country, marvell.country_evidence) == ("Energy Minister", "SK", "title")
    with pytest.raises(dataclasses.FrozenInstanceError):
        marvell.country = "CL"  # type: ignore[misc]


def test_a_pass_can_be_switched_off(nlp):
    docs = parsed(nlp, "Slovak Energy Minister Ingrid Marvell met Lucien Vandermolen in Bratislava.")
    described = {f.name: f.role for f in found(docs) if f.type == "Person"}
    undescribed = {f.name: f.role for f in found(docs, without_passes("describe_people")) if f.type == "Person"}
    assert described == {"Ingrid Marvell": "Energy Minister", "Lucien Vandermolen": None}
    assert undescribed == {"Ingrid Marvell": None, "Lucien Vandermolen": None}


def test_a_pass_registered_by_name_runs_where_it_is_named(nlp):
    @mention_passes.register("test_drop_people")
    def drop_people(records, article):
        return tuple(f for f in records if f.type != "Person")

    docs = parsed(nlp, "Slovak Energy Minister Ingrid Marvell arrived in Bratislava.")
    finder = MentionFinder(load_gazetteer(), passes=[*DEFAULT_PASSES, "test_drop_people"])
    assert {f.type for f in finder.find(docs)} == {"Country"}


def test_the_extraction_config_chooses_the_passes_by_name(nlp):
    text = "Slovak Energy Minister Ingrid Marvell met Lucien Vandermolen in Bratislava."
    plain = Extractor(nlp, config=ExtractionConfig(passes=without_passes("describe_people")))
    x = plain.extract_one(Article(id="t", text=text))
    assert {m.name: m.role for m in x.mentions if m.type == "Person"} == {
        "Ingrid Marvell": None,
        "Lucien Vandermolen": None,
    }
    with pytest.raises(ValueError, match="unknown mention pass 'no_such_pass'"):
        ExtractionConfig(passes=("places", "no_such_pass"))


def test_an_unknown_pass_is_an_error():
    with pytest.raises(Exception, match="no_such_pass"):
        MentionFinder(load_gazetteer(), passes=["places", "no_such_pass"])


def test_the_places_pass_alone_finds_countries_and_demonyms(nlp):
    article = context(parsed(nlp, "The Kremlin accused Oslo of spying, and Chilean diplomats objected."))
    countries = {(f.span.text, f.key, f.implicit) for f in run_passes(article, ["places"])}
    assert countries == {("Kremlin", "RU", False), ("Oslo", "NO", False), ("Chilean", "CL", True)}


def test_the_finder_returns_mentions_in_text_order(nlp):
    records = found(parsed(nlp, "Lucien Vandermolen met Ingrid Marvell.", "Vandermolen then drove to Ghent."))
    order = [(f.paragraph, f.start) for f in records]
    assert order == sorted(order)
