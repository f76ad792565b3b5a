"""Word classes before NER (graphbuild/extract/lexical.py): what each word of a paragraph is —
a place, a demonym, a title, a word inside a title, an honorific — read from the words and the
gazetteer, whatever spaCy's entity labels say.  Real model, invented sentences."""

from __future__ import annotations

from invented_articles import countries, extract, people, with_entity

from graphbuild.extract.gazetteer import load_gazetteer
from graphbuild.extract.lexical import DEMONYM, HONORIFIC, PLACE, TITLE, TITLE_MOD, Words


def classes(nlp, text: str) -> dict[str, str]:
    """Each word's class (first occurrence of a word wins)."""
    doc = nlp(text)
    words = Words(doc, load_gazetteer())
    out: dict[str, str] = {}
    for t in doc:
        out.setdefault(t.text, words.classes[t.i])
    return out


def places(nlp, text: str) -> list[tuple[str, str, str]]:
    """(text, code, kind) of each run of words the gazetteer reads as a country."""
    doc = nlp(text)
    words = Words(doc, load_gazetteer())
    return [
        (doc[p.start : p.end].text, p.code, p.kind) for p in sorted(set(words.places.values()), key=lambda p: p.start)
    ]


# --- titles and honorifics --------------------------------------------------------------------


def test_title_heads_and_the_words_inside_a_title(nlp):
    found = classes(nlp, "Deputy Foreign Minister Bruno Castellar met the Moroccan envoy in Rabat.")
    assert (found["Deputy"], found["Foreign"], found["Minister"]) == (TITLE, TITLE_MOD, TITLE)
    assert found["envoy"] == TITLE  # lower case is a title too
    assert found["Bruno"] == found["Castellar"] == ""


def test_words_joining_a_title_belong_to_it(nlp):
    found = classes(nlp, "The Secretary of State met the commander-in-chief of the Zambian army.")
    assert (found["Secretary"], found["of"], found["State"]) == (TITLE, TITLE_MOD, TITLE_MOD)
    assert found["in"] == TITLE_MOD and found["chief"] == TITLE
    assert found["the"] == ""


def test_capitalized_words_between_a_demonym_and_a_title_are_the_title(nlp):
    found = classes(nlp, "Chilean Public Works Minister Liesel Obermayr arrived in Lisbon.")
    assert (found["Public"], found["Works"]) == (TITLE_MOD, TITLE_MOD)
    assert found["Liesel"] == ""


def test_a_body_before_a_title_is_part_of_the_title(nlp):
    assert classes(nlp, "Parliament speaker Daiki Minegishi flew to Osaka.")["Parliament"] == TITLE_MOD


def test_honorifics_stand_before_names_without_being_offices(nlp):
    found = classes(nlp, "Sheikh Ismail al-Masuni welcomed Gen. Ivo Petranic and Dr. Greta Solheimvik.")
    assert found["Sheikh"] == found["Gen."] == found["Dr."] == HONORIFIC


def test_abbreviated_titles_are_titles_not_countries(extractor):
    """ "Lt" is not Lithuania, "Col." not Colombia, "Sen." not Senegal."""
    x = extract(
        extractor,
        "Lt Gen Amara Ndiaye-Kossou spoke. Spokesperson Senior Col. Driss Benkirane-Alaoui agreed. Sen. Marcy "
        "Vantreese left.",
    )
    assert countries(x) == []
    assert {name: (m.role, m.country) for name, m in people(x).items()} == {
        "Amara Ndiaye-Kossou": ("Lt Gen", None),
        "Driss Benkirane-Alaoui": ("Spokesperson Senior Col.", None),
        "Marcy Vantreese": ("Sen.", None),
    }


def test_pm_before_a_name_is_a_title_not_a_country(nlp, extractor):
    """Two capital letters before a name read as a country code would make a country of "PM"."""
    assert classes(nlp, "PM Teodor Vasquel met President Ilse Marwick of Austria on Monday.")["PM"] == TITLE
    x = extract(extractor, "PM Teodor Vasquel met President Ilse Marwick of Austria on Monday.")
    assert countries(x) == [("Austria", "AT", False)]
    assert people(x)["Teodor Vasquel"].role == "PM"


# --- places and demonyms ------------------------------------------------------------------------


def test_country_names_capitals_and_abbreviations_are_places(nlp):
    found = places(nlp, "Bosnia and Herzegovina, South Africa and the U.S. signed the accord in Lisbon.")
    assert found == [
        ("Bosnia and Herzegovina", "BA", "name"),  # one place of three words, not two countries
        ("South Africa", "ZA", "name"),
        ("U.S.", "US", "name"),
        ("Lisbon", "PT", "capital"),
    ]


def test_seats_of_government_and_capitals_stand_for_their_country(nlp):
    found = places(
        nlp,
        "The Kremlin warned that Moscow would retaliate, while Beijing stayed quiet. Diplomats in Washington "
        "declined to comment.",
    )
    assert [(text, code) for text, code, _ in found] == [
        ("Kremlin", "RU"),
        ("Moscow", "RU"),
        ("Beijing", "CN"),
        ("Washington", "US"),
    ]
    assert places(nlp, "Bankers in Frankfurt and Mumbai praised the ruling.") == []


def test_demonyms_of_one_and_two_words(nlp):
    found = places(nlp, "The Ghanaian, Saudi and South African delegations left Kumasi.")
    assert found == [("Ghanaian", "GH", "demonym"), ("Saudi", "SA", "demonym"), ("South African", "ZA", "demonym")]
    assert classes(nlp, "The Ghanaian and South African delegations left Kumasi.")["Ghanaian"] == DEMONYM


def test_a_country_name_before_a_title_is_used_as_its_demonym(nlp, extractor):
    text = "Luxembourg Foreign Minister Mireille Fontanaud flew to Oslo on Tuesday."
    assert places(nlp, text)[0] == ("Luxembourg", "LU", "demonym")
    x = extract(extractor, text)
    assert ("Luxembourg", "LU", True) in countries(x)  # implicit, like "Luxembourgish"
    assert (people(x)["Mireille Fontanaud"].country, people(x)["Mireille Fontanaud"].country_evidence) == (
        "LU",
        "title",
    )


def test_a_country_name_elsewhere_stays_a_country(nlp):
    assert places(nlp, "Fontanaud said Luxembourg would pay.")[0] == ("Luxembourg", "LU", "name")


def test_a_word_that_starts_like_a_country_is_no_place(nlp, extractor):
    text = "The National Liberation Front met envoys from Liberia and Nigeria in Monrovia."
    assert [p[0] for p in places(nlp, text)] == ["Liberia", "Nigeria", "Monrovia"]
    front = next(m for m in extract(extractor, text).mentions if m.type == "Organization")
    assert front.name == "National Liberation Front" and front.country is None


def test_places_are_read_whatever_ner_says(nlp, extractor):
    """NER may call a capital a person and a demonym an organization; the gazetteer decides."""
    doc = with_entity(
        nlp("Bruno Castellar flew to Montevideo after Uruguayan officials met him."), "Montevideo", 1, "PERSON"
    )
    doc = with_entity(doc, "Uruguayan", 1, "ORG")
    words = Words(doc, load_gazetteer())
    assert [words.classes[t.i] for t in doc if t.text in {"Montevideo", "Uruguayan"}] == [PLACE, DEMONYM]


def test_lower_case_words_are_never_places(nlp):
    assert places(nlp, "Tell us what turkey and china cost in chad.") == []
