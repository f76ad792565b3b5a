"""The trigger lexicon (graphbuild/extract/events.py, graphbuild/data/events.json): which words open
an event of which sense — any inflection of a lemma, with its part of speech, without a particle
that makes it another verb, with a modifier it requires, under a preposition it must hang from, or
a named entity's root.  A --rules file adds senses in the same form.  Real model, invented text."""

from __future__ import annotations

import pytest
from invented_articles import extract, met, relations

from graphbuild.extract import Extractor
from graphbuild.extract.events import TriggerLexicon, inflections
from graphbuild.rules import Pattern, Rules, RuleSet, builtin_patterns

LEXICON = TriggerLexicon(Rules().patterns)


def senses(nlp, text: str) -> set[tuple[str, str]]:
    """(trigger word, sense) of every event the lexicon opens in the text."""
    return {(e.trigger.text, e.pattern.name) for e in LEXICON.events(nlp(text))}


def senses_at(nlp, text: str, word: str, occurrence: int = 0) -> set[str]:
    """The senses opened at one occurrence of a word."""
    doc = nlp(text)
    token = [t for t in doc if t.text == word][occurrence]
    return {e.pattern.name for e in LEXICON.events(doc) if e.trigger.i == token.i}


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("host", {"host", "hosts", "hosted", "hosting"}),
        ("finance", {"finances", "financed", "financing"}),
        ("supply", {"supplies", "supplied", "supplying"}),
        ("ban", {"bans", "banned", "banning"}),  # a doubled consonant
        ("approach", {"approaches", "approached"}),
    ],
)
def test_a_lemma_opens_in_its_regular_inflections(lemma, forms):
    assert forms <= inflections(lemma)


# One sentence per built-in sense, and the word that opens it.
SENSES = {
    "meet": ("Minister Kadri Vahtramae met Minister Ivo Petranic.", "met"),
    "host": ("President Amani Lukumay hosted Chancellor Matthias Kellerbrand.", "hosted"),
    "joined-by": ("President Amani Lukumay was joined in Arusha by Chancellor Matthias Kellerbrand.", "joined"),
    "contact": ("President Amani Lukumay telephoned Chancellor Matthias Kellerbrand.", "telephoned"),
    "visit-person": ("President Amani Lukumay called on Chancellor Matthias Kellerbrand at his residence.", "called"),
    "shuttle": ("Envoy Zhou Haoran shuttled between Minister Ivo Petranic and Minister Kadri Vahtramae.", "shuttled"),
    "meeting-noun": ("Minister Ivo Petranic held talks with Minister Kadri Vahtramae.", "talks"),
    "remote-conference": (
        "Minister Ivo Petranic held a video conference with Minister Kadri Vahtramae.",
        "conference",
    ),
    "discuss": ("Minister Kadri Vahtramae discussed fisheries with Minister Ivo Petranic.", "discussed"),
    "visit-person-noun": (
        "President Amani Lukumay paid a visit to Chancellor Matthias Kellerbrand at his residence.",
        "visit",
    ),
    "meal": ("President Amani Lukumay hosted a dinner for Chancellor Matthias Kellerbrand.", "dinner"),
    "meal-guest": ("Chancellor Matthias Kellerbrand attended a dinner hosted by President Amani Lukumay.", "dinner"),
    "together": ("President Amani Lukumay and Chancellor Matthias Kellerbrand toured the port together.", "toured"),
    "exchange-views": (
        "President Amani Lukumay and Chancellor Matthias Kellerbrand exchanged views on trade.",
        "exchanged",
    ),
    "side-by-side": ("President Amani Lukumay and Chancellor Matthias Kellerbrand laid a wreath.", "laid"),
    "joint-appearance": (
        "President Amani Lukumay and Chancellor Matthias Kellerbrand held a joint press conference.",
        "conference",
    ),
    "alongside": ("President Amani Lukumay spoke alongside Chancellor Matthias Kellerbrand.", "alongside"),
    "bring-together": (
        "Envoy Zhou Haoran brought together Minister Ivo Petranic and Minister Kadri Vahtramae.",
        "brought",
    ),
    "give": ("Norway delivered patrol boats to Ghana.", "delivered"),
    "supply-with": ("Norway supplied Ghana with patrol boats.", "supplied"),
    "sell-arms": ("Norway sold fighter jets to Ghana.", "sold"),
    "buy-arms": ("Ghana bought fighter jets from Norway.", "bought"),
    "arms-sale": ("Norway's arms sales to Ghana rose last year.", "sales"),
    "deposit": ("Norway deposited $2 billion in Ghana's central bank.", "deposited"),
    "receive": ("Ghana received 12 patrol boats from Norway.", "received"),
    "back": ("Norway backs Ghana's bid.", "backs"),
    "stand-with": ("Norway stands with Ghana.", "stands"),
    "support-noun": ("Norway's military aid to Ghana was praised.", "aid"),
    "backer": ("Norway has been one of Ghana's staunchest backers.", "backers"),
    "recipient": ("Ghana, one of the top recipients of Norwegian aid, said nothing.", "recipients"),
    "in-support-of": ("Norway came out in support of Ghana.", "support"),
    "support-received": ("Ghana won the backing of Norway for its bid.", "backing"),
    "backed-by": ("The Norwegian-backed government of Ghana fell.", "backed"),
    "supplied-thing-used": ("Ghana relies on Norwegian-supplied boats.", "supplied"),
    "money-for": ("Norway approved $45 million for Ghana.", "million"),
    "amount-for": ("The package holds billions in loans for Ghana.", "billions"),
    "depend": ("Ghana relies on Norway for its security.", "relies"),
    "thanks-for-support": ("Ghana thanked Norway for its support.", "thanked"),
    "criticism": ("Norway criticized Ghana.", "criticized"),
    "sanctions": ("Norway sanctioned Ghana.", "sanctioned"),
    "visit": ("President Amani Lukumay visited Ghana.", "visited"),
    "travel": ("President Amani Lukumay arrived in Ghana.", "arrived"),
    "visit-noun": ("President Amani Lukumay's visit to Ghana ended.", "visit"),
}


def test_every_built_in_sense_has_a_sentence():
    assert {p.name for p in builtin_patterns().patterns if p.trigger is not None} == set(SENSES)


@pytest.mark.parametrize("sense", sorted(SENSES))
def test_a_sense_opens_at_its_word(nlp, sense):
    text, word = SENSES[sense]
    assert sense in senses_at(nlp, text, word)


# --- the conditions of a sense ----------------------------------------------------------------------


def test_the_part_of_speech_chooses_the_sense(nlp):
    text = "The talks ended early. She talks to envoys every week."
    assert senses_at(nlp, text, "talks", 0) >= {"meeting-noun"} and "meet" not in senses_at(nlp, text, "talks", 0)
    assert senses_at(nlp, text, "talks", 1) >= {"meet"} and "meeting-noun" not in senses_at(nlp, text, "talks", 1)


def test_a_particle_that_makes_another_verb_opens_nothing(nlp):
    text = "President Amani Lukumay called off the visit to Accra."
    assert senses_at(nlp, text, "called") == set()
    assert senses_at(nlp, "President Amani Lukumay called Chancellor Matthias Kellerbrand.", "called") >= {"contact"}


@pytest.mark.parametrize(
    "with_word, without_word, word, sense",
    [
        ("They toured the port together.", "They toured the port.", "toured", "together"),
        ("They held a joint press conference.", "They held a press conference.", "conference", "joint-appearance"),
        (
            "The envoy brought together the two ministers.",
            "The envoy brought the two ministers.",
            "brought",
            "bring-together",
        ),
    ],
)
def test_a_sense_that_requires_a_modifier_opens_only_with_it(nlp, with_word, without_word, word, sense):
    assert sense in senses_at(nlp, with_word, word)
    assert sense not in senses_at(nlp, without_word, word)


def test_a_sense_under_a_preposition_opens_only_there(nlp):
    assert "in-support-of" in senses_at(nlp, "Norway came out in support of Ghana.", "support")
    assert "in-support-of" not in senses_at(nlp, "Norway's support of Ghana was praised.", "support")


def test_an_amount_of_money_opens_an_event_at_its_root(nlp):
    assert ("million", "money-for") in senses(nlp, "Norway approved $45 million for Ghana.")
    assert not {s for _, s in senses(nlp, "Norway approved three new laws for Ghana.") if s == "money-for"}


@pytest.mark.parametrize("verb", ["hosts", "hosted", "is hosting"])
def test_every_inflection_gives_the_relation(extractor, verb):
    x = extract(extractor, f"President Amani Lukumay {verb} Chancellor Matthias Kellerbrand in Arusha.")
    assert met("Amani Lukumay", "Matthias Kellerbrand") in relations(x, "MET_WITH", "MEETING_PLANNED")


# --- senses from a --rules file ----------------------------------------------------------------------

PICNIC = Pattern.model_validate(
    {
        "name": "picnic",
        "relation": "MET_WITH",
        "trigger": {"lemmas": ["picnic"], "pos": ["NOUN"]},
        "source": {"roles": ["governor"], "match": "person"},
        "target": {"roles": ["prep:with"], "match": "person"},
        "governors": ["have", "share"],
    }
)


def test_a_sense_from_a_rules_file_opens_events_like_a_built_in_one(nlp, extractor):
    text = "Minister Ivo Petranic had a picnic with Minister Kadri Vahtramae on Sunday."
    assert not relations(extract(extractor, text), "MET_WITH")
    with_picnics = Extractor(nlp, rules=Rules(RuleSet(patterns=(PICNIC,))))
    assert relations(extract(with_picnics, text), "MET_WITH") == {met("Ivo Petranic", "Kadri Vahtramae")}


def test_a_built_in_pattern_of_another_type_reads_a_passive(extractor):
    x = extract(extractor, "Ghana was criticized by Norway over the fishing dispute.")
    assert relations(x) == {("CRITICIZED", "Norway", "Ghana")}
