"""Mention passes and the event-status policy, each on its own (real model, invented sentences)."""

from __future__ import annotations

import dataclasses

import pytest

from graphbuild.extract.found import ArticleContext
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.passes import DEFAULT_PASSES, MentionFinder, mention_passes
from graphbuild.extract.status import governing_words
from graphbuild.models import Article
from graphbuild.names import clean_name, display_name, name_key, org_key, person_key


def context(nlp, *paragraphs: str) -> ArticleContext:
    docs = list(nlp.pipe(paragraphs))
    offset = 0
    for doc, text in zip(docs, paragraphs):
        doc.user_data["offset"] = offset
        offset += len(text) + 1
    return ArticleContext(tuple(docs), load_gazetteer())


def run_passes(article: ArticleContext, names: list[str]):
    found = ()
    for name in names:
        found = mention_passes.get(name)(found, article)
    return found


def test_every_default_pass_is_registered():
    assert set(DEFAULT_PASSES) <= set(mention_passes.get_all())


def test_ner_spans_types_countries_by_the_gazetteer(nlp):
    article = context(nlp, "The Kremlin said Oslo would reply, and Chilean officials agreed.")
    found = run_passes(article, ["ner_spans"])
    countries = {(f.span.text, f.key, f.implicit) for f in found if f.type == "Country"}
    assert {("Kremlin", "RU", False), ("Oslo", "NO", False), ("Chilean", "CL", True)} <= countries


def test_a_pass_returns_new_records_and_leaves_its_input_alone(nlp):
    article = context(nlp, "Norwegian Trade Minister Ingrid Solberg met Tomas Berg in Lima.")
    before = run_passes(article, list(DEFAULT_PASSES[: DEFAULT_PASSES.index("describe_people")]))
    snapshot = [dataclasses.replace(f) for f in before]
    after = mention_passes.get("describe_people")(before, article)
    assert list(before) == snapshot and all(f.role is None for f in before)
    solberg = next(f for f in after if f.name == "Ingrid Solberg")
    assert (solberg.role, solberg.country, solberg.country_evidence) == ("Trade Minister", "NO", "title")
    with pytest.raises(dataclasses.FrozenInstanceError):
        solberg.country = "CL"  # type: ignore[misc]


def test_recover_people_finds_a_surname_the_article_introduced(nlp):
    article = context(nlp, "Ingrid Solberg arrived in Lima on Monday.", "Later that day Solberg spoke to reporters.")
    with_pass = MentionFinder(load_gazetteer()).find(article.docs)
    without = MentionFinder(load_gazetteer(), passes=[p for p in DEFAULT_PASSES if p != "recover_people"]).find(article.docs)
    surname = lambda found: [f for f in found if f.paragraph == 1 and f.type == "Person"]  # noqa: E731
    assert [f.name for f in surname(with_pass)] == ["Solberg"]
    assert len(surname(without)) <= len(surname(with_pass))


def test_drop_overlaps_keeps_the_longer_span(nlp):
    article = context(nlp, "Officials at the Norwegian embassy in Lima declined to comment.")
    found = run_passes(article, ["ner_spans", "recover_organizations", "drop_overlaps"])
    taken = [i for f in found for i in f.tokens]
    assert len(taken) == len(set(taken))
    assert any(f.type == "Organization" and "embassy" in f.span.text for f in found)


def test_mention_finder_output_is_in_text_order(nlp):
    article = context(nlp, "Tomas Berg met Ingrid Solberg.", "Berg later flew to Quito.")
    found = MentionFinder(load_gazetteer()).find(article.docs)
    order = [(f.doc.user_data["offset"], f.start) for f in found]
    assert order == sorted(order)


# --- the event-status policy -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, trigger, status",
    [
        ("Tomas Berg met Ingrid Solberg in Lima.", "met", "asserted"),
        ("Tomas Berg did not meet Ingrid Solberg.", "meet", "negated"),
        ("There was no meeting between Berg and Solberg.", "meeting", "negated"),
        ("Berg is expected to meet Solberg next week.", "meet", "planned"),
        ("Berg will meet Solberg in June.", "meet", "planned"),
        ("Lima rejected a meeting between Berg and Solberg.", "meeting", "refused"),
        ("A planned meeting between Berg and Solberg was cancelled.", "meeting", "refused"),
        ("Oslo denied that Berg had met Solberg.", "met", "refused"),
        ("Berg refused to hold talks with Solberg.", "talks", "refused"),
        ("Peru rejected the proposal in talks with Chile.", "talks", "asserted"),
        ("Berg said he was ready to meet Solberg.", "meet", "planned"),
        ("Officials asked whether Berg would meet Solberg.", "meet", "hypothetical"),
        ("Berg was invited for talks with Solberg.", "talks", "planned"),
        ("The summit with Solberg was called off after Berg fell ill.", "summit", "refused"),
        ("Berg was invited by Solberg for a meeting in which he urged Lima to act.", "meeting", "asserted"),
        ("Chile would send arms to Peru if Lima asked.", "send", "hypothetical"),
        ("Chile has steered clear of providing weapons to Peru.", "providing", "refused"),
        ("Chile cancelled arms deliveries to Peru.", "deliveries", "refused"),
        ("Berg met Solberg after talks with Chilean officials collapsed.", "met", "asserted"),
        ("Her trip came after Berg joined Solberg for talks with Quito.", "talks", "asserted"),
        ("Berg met Solberg and refused to comment.", "met", "asserted"),
    ],
)
def test_event_status(nlp, sentence, trigger, status):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert governing_words(token) == status


# --- names -----------------------------------------------------------------------------------------


def test_name_normalisation_in_one_place():
    assert clean_name("Solberg’s") == "Solberg"
    assert display_name("the  Foreign Ministry's") == "Foreign Ministry"
    assert name_key("The Ministério  da Defesa.") == "ministerio da defesa"
    assert person_key("Dr. Tomas J. Berg Jr.") == "tomas berg"
    assert org_key("Norwegian Defence Ministry") == org_key("Ministry of Norwegian Defense")


def test_extractor_finds_relations_from_data_patterns(extractor):
    x = extractor.extract_one(Article(id="p", text="Chile was criticized by Peru over the border dispute."))
    by_id = {m.id: m.name for m in x.mentions}
    assert {(r.type, by_id[r.source], by_id[r.target]) for r in x.relations} == {("CRITICIZED", "Peru", "Chile")}
