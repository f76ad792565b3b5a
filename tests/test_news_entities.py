"""People, countries and organizations the way news prints them (real model, invented text).

Each test names a way news English writes something that the small model
gets wrong, and what the extractor makes of it.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from graphbuild.extract.dateline import dateline_length
from graphbuild.extract.found import ArticleContext
from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.passes import mention_passes
from graphbuild.models import Article, Extraction
from graphbuild.resolve import resolve


def run(extractor, text: str) -> Extraction:
    return extractor.extract_one(Article(id="t", text=text))


def people(x: Extraction) -> dict:
    return {m.name: m for m in x.mentions if m.type == "Person" and not m.implicit}


def orgs(x: Extraction) -> set[str]:
    return {m.name for m in x.mentions if m.type == "Organization"}


# --- datelines and wire credits ---------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("QUITO, Ecuador (AP) — Ecuador's president said", "QUITO, Ecuador (AP) — "),
        ("OSLO — Norway will", "OSLO — "),
        ("Lima, 3 March 2025 (dpa/XYZ) - The ministry said", "Lima, 3 March 2025 (dpa/XYZ) - "),
        ("Quito, Oct 5 (EFE).- Ecuador's president", "Quito, Oct 5 (EFE).- "),
        ("WELLINGTON (Reuters) – New Zealand's premier", "WELLINGTON (Reuters) – "),
        ("Madrid, May 4, 2024 (EFE) — The king", "Madrid, May 4, 2024 (EFE) — "),
        ("Paris - The minister said", ""),  # a Title-case place alone is too weak a sign
        ("Ruiz: we speak with one voice", ""),
    ],
)
def test_dateline_length(paragraph, dateline):
    assert paragraph[: dateline_length(paragraph)] == dateline


def test_dateline_and_credit_are_not_entities_nor_the_subject(extractor):
    x = run(extractor, "NAIROBI, Kenya (AP) — Ecuadorian President Tomas Berg met Peruvian Prime Minister Ana Ruiz on Monday.")
    assert not [m for m in x.mentions if m.text in {"NAIROBI", "Kenya", "AP"}]
    assert all(m.start >= x.article.text.index("Ecuadorian") for m in x.mentions)
    assert {r.type for r in x.relations} == {"MET_WITH"}


# --- names ------------------------------------------------------------------------------------


def test_abbreviated_titles_are_titles_not_names_or_countries(extractor):
    x = run(extractor, "Lt Gen Ana Ruiz, commander of the army, spoke. Spokesperson Senior Col. Tomas Berg said the talks went well. Sen. Lea Holm agreed.")
    found = people(x)
    assert set(found) == {"Ana Ruiz", "Tomas Berg", "Lea Holm"}
    assert found["Ana Ruiz"].role.startswith("Lt Gen") and found["Ana Ruiz"].country is None  # "Lt" is not Lithuania
    assert found["Tomas Berg"].country is None and found["Lea Holm"].country is None  # nor "Col." Colombia, "Sen." Senegal


def test_quoted_nickname_is_part_of_the_name(nlp, extractor):
    """NER often stops a name at a quoted nickname ("Mohamed ‘Zuri"): the name goes on to the surname."""
    doc = nlp("Rebel commander Mohamed ‘Zuri’ Okello arrived on Monday.")
    start = next(t.i for t in doc if t.text == "Mohamed")
    doc.ents = [Span(doc, start, start + 3, label="PERSON")]  # "Mohamed ‘Zuri"
    found = mention_passes.get("ner_spans")((), ArticleContext((doc,), load_gazetteer()))
    assert [f.span.text for f in found] == ["Mohamed ‘Zuri’ Okello"]
    x = run(extractor, "Rebel commander Mohamed ‘Zuri’ Okello arrived on Monday.\nOkello later met Tomas Berg. Zuri left on Friday.")
    res = resolve([x])
    okello = next(e for e in res.entities if e.type == "Person" and "Okello" in e.name)
    assert {"Okello", "Zuri"} <= set(okello.aliases)
    assert len([e for e in res.entities if e.type == "Person"]) == 2


def test_a_demonym_after_a_name_in_a_headline_is_not_part_of_it(extractor):
    x = run(extractor, "Berg Chilean visit postponed\nTomas Berg, the foreign minister, postponed his visit to Chile.")
    assert "Berg Chilean" not in people(x)
    assert "Berg" in people(x)


def test_demonyms_ner_labels_as_organizations_are_countries(extractor):
    x = run(extractor, "Emirati officials met Norwegian diplomats in Oslo.")
    assert not orgs(x)
    assert {m.key for m in x.mentions if m.type == "Country" and m.implicit} == {"AE", "NO"}


def test_an_organization_name_stops_before_its_acronym(nlp):
    """NER sometimes runs an ORG span into "(IGAD": the name ends before the parenthesis."""
    doc = nlp("She was invited by the Northern Relief Council (NRC) for talks.")
    start = next(t.i for t in doc if t.text == "Northern")
    doc.ents = [Span(doc, start, start + 5, label="ORG")]  # "Northern Relief Council (NRC"
    found = mention_passes.get("ner_spans")((), ArticleContext((doc,), load_gazetteer()))
    assert [f.name for f in found] == ["Northern Relief Council"]


# --- whose country ------------------------------------------------------------------------------


def test_a_country_of_the_people_someone_met_is_not_theirs(extractor):
    x = run(extractor, "Tomas Berg met Chilean officials in Lima.")
    assert people(x)["Tomas Berg"].country is None


def test_a_country_in_the_persons_own_coordinated_title_is_theirs(extractor):
    x = run(extractor, "Berg visited Chilean former trade adviser and secretary of state Ana Ruiz on Monday.")
    assert people(x)["Ana Ruiz"].country == "CL"


def test_copular_title_gives_the_country(extractor):
    x = run(extractor, "The most senior Chilean diplomat to visit Oslo has been Deputy Foreign Minister Ana Ruiz.")
    assert people(x)["Ana Ruiz"].country == "CL"


def test_a_title_the_subject_is_confirmed_as_is_theirs(extractor):
    x = run(extractor, "A former trade minister, Tomas Berg was confirmed as the new Chilean ambassador to Lima in May.")
    assert people(x)["Tomas Berg"].country == "CL"


@pytest.mark.parametrize(
    "text, name",
    [
        ("He thanked them for the extradition of Ovid Marquez, son of Joaquín “El Toro” Marquez.", "Joaquín “El Toro” Marquez"),
        ("Rebel leader Mohamed ‘Zuri’ Okello arrived on Monday.", "Mohamed 'Zuri' Okello"),
    ],
)
def test_a_nickname_in_quotes_is_part_of_a_persons_name(extractor, text, name):
    assert name in people(run(extractor, text))


def test_an_organization_only_a_title_case_headline_names_is_dropped(extractor):
    x = run(extractor, "Chile Denies Report on Leaked Arms Plan\nChile's government denied on Tuesday that it planned to sell arms to Peru.")
    assert not [m for m in x.mentions if m.type == "Organization" and "Denies" in m.text]


def test_a_name_ner_reads_as_a_place_after_a_title_is_a_person(nlp):
    doc = nlp("The alliance's special envoy, Marta Kovac, met reporters in Lima on Thursday.")
    start = next(t.i for t in doc if t.text == "Marta")
    doc.ents = [e for e in doc.ents if not e.start <= start < e.end] + [Span(doc, start, start + 2, label="GPE")]
    found = mention_passes.get("ner_spans")((), ArticleContext((doc,), load_gazetteer()))
    assert [(f.type, f.name) for f in found if f.start == start] == [("Person", "Marta Kovac")]


@pytest.mark.parametrize(
    "text",
    [
        "Maria Luisa Costa, the finance minister, said the budget was balanced.",  # "Costa" is no demonym here
        "Finance Minister Maria Luisa Costa met Chilean President Tomas Berg.",  # NER stops at "Maria Luisa"
    ],
)
def test_a_name_is_not_cut_short(extractor, text):
    assert "Maria Luisa Costa" in people(run(extractor, text))
