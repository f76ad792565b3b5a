"""What reaches spaCy: the story's paragraphs without page furniture, datelines and wire credits,
each mention with its offset in the article as written.  Invented articles."""

from __future__ import annotations

import pytest
from invented_articles import extract

from graphbuild.extract import story_paragraphs
from graphbuild.extract.dateline import dateline_length

ARTICLE_WITH_FURNITURE = """Ministers Meet in Windhoek
Foreign Minister Tuyeni Amakali-Nghishi met the visiting envoy on Tuesday.
THE BACKGROUND
  The two women discussed fisheries and water.
More from Example Wire:
- Amakali-Nghishi visits Lusaka
- Envoy Lorenz Rennhoff opens a school in Walvis Bay
Sign up for our daily newsletter.
Copyright 2025 Example Wire. All rights reserved.
© 2025 Example Media Group
Leave a Reply
Comments are closed.
Ministers Meet in Windhoek
A second round is planned for June.
"""


def test_story_paragraphs_drop_furniture_and_keep_offsets():
    paragraphs = story_paragraphs(ARTICLE_WITH_FURNITURE)
    assert [p.text for p in paragraphs] == [
        "Ministers Meet in Windhoek",
        "Foreign Minister Tuyeni Amakali-Nghishi met the visiting envoy on Tuesday.",
        "The two women discussed fisheries and water.",
        "A second round is planned for June.",
    ]
    for p in paragraphs:
        assert ARTICLE_WITH_FURNITURE[p.start : p.start + len(p.text)] == p.text


def test_bullets_outside_a_link_list_are_story():
    text = "The union listed its conditions:\n- a ceasefire in the north\n- the release of detainees\n"
    assert [p.text for p in story_paragraphs(text)] == [
        "The union listed its conditions:",
        "- a ceasefire in the north",
        "- the release of detainees",
    ]


def test_a_long_paragraph_that_mentions_subscribing_is_story():
    long = "The mayor said nobody needs to subscribe to the council's theory about the flooding. " * 6
    assert len(long) > 400
    assert [p.text for p in story_paragraphs(long)] == [long.strip()]


def test_furniture_never_reaches_the_mentions(extractor):
    x = extract(extractor, ARTICLE_WITH_FURNITURE)
    assert not [m for m in x.mentions if "Rennhoff" in m.text or "Walvis" in m.text or "Lusaka" in m.text]


CAPTIONED_ARTICLE = """Envoys Agree on Fishing Quotas
Photo: Harbour Gazette staff / Lindqvist Picture Agency
Foreign Minister Tuyeni Amakali-Nghishi met the Zambian envoy on Tuesday.
Tuyeni Amakali-Nghishi and the envoy at the Brightwater Institute in Windhoek
The two discussed quotas
- a ceiling on trawlers
Lusaka hosts regional water forum as rains fail across the south
"""


def test_short_unpunctuated_lines_below_the_headline_are_captions_and_titles():
    kept = [p.text for p in story_paragraphs(CAPTIONED_ARTICLE)]
    assert kept == [
        "Envoys Agree on Fishing Quotas",  # the article's own headline
        "Foreign Minister Tuyeni Amakali-Nghishi met the Zambian envoy on Tuesday.",
        "- a ceiling on trawlers",  # a list item is story
    ]


def test_a_long_unpunctuated_line_is_story_that_lost_its_full_stop():
    long_line = " ".join(["The ministers went on talking about quotas and trawlers"] * 3)
    assert [p.text for p in story_paragraphs(f"Envoys Agree\n{long_line}\n")] == ["Envoys Agree", long_line]


def test_a_body_named_only_in_a_caption_is_no_organization(extractor):
    x = extract(extractor, CAPTIONED_ARTICLE)
    assert not [m for m in x.mentions if "Brightwater" in m.text or "Lindqvist" in m.text]
    assert any(m.type == "Person" and "Amakali-Nghishi" in m.text for m in x.mentions)


# --- datelines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("MAPUTO, Mozambique (AP) — Mozambique's president said", "MAPUTO, Mozambique (AP) — "),
        ("TALLINN — Estonia will", "TALLINN — "),
        ("Asuncion, 12 June 2024 (dpa/ABC) - The ministry said", "Asuncion, 12 June 2024 (dpa/ABC) - "),
        ("Bogota, Oct 5 (EFE).- Colombia's president", "Bogota, Oct 5 (EFE).- "),
        ("HONIARA (Reuters) – The Solomon Islands' premier", "HONIARA (Reuters) – "),
        ("Rabat, Aug 9, 2023 (EFE) — The king", "Rabat, Aug 9, 2023 (EFE) — "),
        ("Kuala Lumpur, Malaysia – The leaders met", "Kuala Lumpur, Malaysia – "),  # a place and its country
        ("Vienna - The minister said", ""),  # a Title-case place alone is too weak a sign
        ("Amakali-Nghishi: we stand united", ""),
    ],
)
def test_dateline_length(paragraph, dateline):
    assert paragraph[: dateline_length(paragraph)] == dateline


def test_a_dateline_and_its_credit_are_neither_entities_nor_the_subject(extractor):
    x = extract(
        extractor,
        "WINDHOEK, Namibia (AP) — Namibian Foreign Minister Tuyeni Amakali-Nghishi met Zambian envoy Chanda "
        "Mwelwa-Kabwe "
        "on Monday.",
    )
    assert not [m for m in x.mentions if m.text in {"WINDHOEK", "Namibia", "AP"}]
    assert all(m.start >= x.article.text.index("Namibian") for m in x.mentions)
    assert {r.type for r in x.relations} == {"MET_WITH"}


def test_a_dateline_is_cut_only_at_the_top(extractor):
    top = extract(extractor, "TALLINN — Estonian President Mojca Zelenjak spoke.")
    fourth = extract(
        extractor,
        "Talks resumed.\nThe envoy arrived.\nThe ministers met.\nTALLINN — Estonian President Mojca Zelenjak spoke.",
    )
    assert "TALLINN" not in {m.text for m in top.mentions}
    assert "TALLINN" in {m.text for m in fourth.mentions}


# --- offsets ---------------------------------------------------------------------------------------------


def test_offsets_point_into_the_article(extractor):
    text = (
        "Intro line.\n\n   Kenyan President Nyambura Kamotho met Thaddeus T. Beckwith Jr. in Nairobi.\nThe Kenyan "
        "Foreign Ministry agreed.\n"
    )
    x = extract(extractor, text)
    assert {m.type for m in x.mentions} == {"Person", "Country", "Organization"}
    for m in x.mentions:
        assert text[m.start : m.end] == m.text
        assert m.id == f"t:{m.start}"


def test_every_mention_carries_its_sentence(extractor):
    text = "The weather was fine. Kenyan President Nyambura Kamotho arrived in Lusaka. Crowds gathered."
    x = extract(extractor, text)
    assert {m.sentence for m in x.mentions} == {"Kenyan President Nyambura Kamotho arrived in Lusaka."}
