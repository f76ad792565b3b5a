"""Support the way news reports it: pledges, deliveries, dependence and aid received, and support
that is only alleged or denied.  Real model, invented text."""

from __future__ import annotations

import pytest

from invented_articles import resolved


def supports(extractor, text: str) -> set[tuple[str, str]]:
    resolution = resolved(extractor, text)
    return {(r.source, r.target) for r in resolution.relations if r.type == "SUPPORTS"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a group named just before, and "their support"
        (
            "Norwegian President Ana Ruiz hosted Chilean President Tomas Berg and Peruvian President Lea Holm in Lima.\n"
            "At a joint press conference after the talks, the three leaders reaffirmed their support for Ukraine.",
            {("country:no", "country:ua"), ("country:cl", "country:ua"), ("country:pe", "country:ua")},
        ),
        # aid received: a recipient, a user, a dependant
        ("Bolivia, one of the world's top recipients of Chilean aid, denied the plan.", {("country:cl", "country:bo")}),
        ("Bolivia has armed itself using its oil revenues and Peru's military assistance.", {("country:pe", "country:bo")}),
        ("Armenia, which depends on Russia for its security, said nothing.", {("country:ru", "country:am")}),
        ("Bolivia relies on Peru for weapons and training.", {("country:pe", "country:bo")}),
        # deliveries and pledges, by several countries, of anything military
        ("Norway and Finland will send air-defence systems to Moldova.", {("country:no", "country:md"), ("country:fi", "country:md")}),
        ("Chile is ready to deliver weapons to Peru, its foreign minister said.", {("country:cl", "country:pe")}),
        ("Chile has allocated two military aid packages, valued at $700 million combined, to support Peru.", {("country:cl", "country:pe")}),
        ("Japan approved a loan to equip the Kenyan coast guard.", {("country:jp", "country:ke")}),
    ],
)
def test_support(extractor, text, expected):
    assert supports(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "India sent an envoy to Russia.",
        "Egypt denied that it planned to ship arms to Russia.",
        "Bolivia denied that it had received Peruvian weapons.",
        "Officials asked whether Chile would send weapons to Peru.",
        "Argentina, which relies on China for much of its soybean trade, has also sought investment.",
    ],
)
def test_not_support(extractor, text):
    assert not supports(extractor, text)
