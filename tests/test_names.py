"""Name normalisation in one place (graphbuild/names.py), shared by extraction and resolution:
the name as printed, its identity key, a person's key without titles, initials, suffixes and
particles, an organization's key whatever the word order.  Invented names."""

from __future__ import annotations

from graphbuild.names import clean_name, display_name, name_key, org_key, person_key, slug


def test_a_name_as_printed_is_tidied():
    assert clean_name("Vandermolen’s") == "Vandermolen"
    assert clean_name("Anouk   Verbrugge") == "Anouk Verbrugge"
    assert display_name("the  Foreign Ministry's") == "Foreign Ministry"


def test_a_name_key_ignores_case_accents_punctuation_and_articles():
    assert name_key("The Ministério  da Saúde.") == "ministerio da saude"
    assert name_key("Grasböck") == name_key("GRASBOCK")


def test_a_persons_key_has_no_titles_initials_or_suffixes():
    assert person_key("Dr. Thaddeus T. Beckwith Jr.") == "thaddeus beckwith"


def test_lower_case_particles_do_not_split_a_person():
    assert person_key("Ismail al-Masuni") == "ismail masuni"
    assert person_key("El Masuni") == "masuni"
    assert person_key("Pieter van der Hoeven") == "pieter hoeven"


def test_a_capitalized_name_spelled_like_a_particle_stays():
    assert person_key("Du Van Thanh") != person_key("Van Thanh")


def test_an_organizations_key_is_the_same_in_either_word_order():
    assert org_key("Estonian Defence Ministry") == org_key("Ministry of Estonian Defense")
    assert org_key("Estonian Foreign Ministry") != org_key("Estonian Defence Ministry")
    # "national" in a ministry's formal name: the same ministry
    assert org_key("Ministry of National Defence") == org_key("Defence Ministry") == org_key("Ministry of Defense")
    assert org_key("National Security Council") != org_key("Security Council")


def test_a_slug_is_ascii():
    assert slug("Anselm Grasböck") == "anselm-grasbock"
