"""The word classes the rules rely on, read from ``graphbuild/data/words.json``.

They are closed classes of ordinary English words (titles, event nouns,
words that say an event was refused or only planned), never names of
particular people or places.  The data file says what each list is for;
here they become frozensets under the names the rules use.  Words are
compared lower-cased.
"""

from __future__ import annotations

import json
from importlib import resources

_DATA = json.loads(resources.files("graphbuild.data").joinpath("words.json").read_text("utf-8"))


def _words(name: str) -> frozenset[str]:
    return frozenset(_DATA[name]["words"])


# --- names and titles ----------------------------------------------------------------

#: "Lt" -> "lieutenant", "PM" -> "prime minister": compared without their full stop.
TITLE_ABBREVIATIONS: dict[str, str] = dict(_DATA["abbreviated_titles"]["map"])
#: Words that make a noun phrase a title or role ("Defence Secretary", "top diplomat", "Lt Gen").
TITLE_WORDS = _words("ranks") | _words("office_titles") | frozenset(TITLE_ABBREVIATIONS)
#: Words that may stand before a name inside a PERSON span ("Admiral Dong Jun", "Mr Smith", "former").
HONORIFICS = _words("ranks") | _words("courtesy_titles") | _words("name_prefixes") | frozenset(TITLE_ABBREVIATIONS)
NAME_PARTICLES = _words("name_particles")
NAME_SUFFIXES = _words("name_suffixes")
ARTICLES = _words("articles")
PEOPLE_NOUNS = _words("people_nouns")
PRIVATE_PERSON_NOUNS = _words("private_person_nouns")
THIRD_PERSON_PRONOUNS = _words("third_person_pronouns")
FIRST_PERSON_PRONOUNS = _words("first_person_pronouns")
PLURAL_PRONOUNS = _words("plural_pronouns")
SPEECH_VERBS = _words("speech_verbs")
NUMBER_WORDS: dict[str, int] = dict(_DATA["number_words"]["map"])
GENERIC_NAME_WORDS = _words("generic_name_words")
RELATIVE_PRONOUNS = _words("relative_pronouns")

# --- organizations and events ------------------------------------------------------------

COUNTRY_BODIES = _words("country_bodies")
ORG_HEADS = _words("organization_heads") | COUNTRY_BODIES
EVENT_HEADS = _words("event_heads")
GOVERNMENT_BODY_WORDS = _words("government_body_words")
SPELLING_VARIANTS: dict[str, str] = dict(_DATA["spelling_variants"]["map"])

# --- meetings and support -----------------------------------------------------------------

DISCUSSION_VERBS = _words("discussion_verbs")
MEETING_VERBS = _words("meeting_verbs") | DISCUSSION_VERBS
CONTACT_VERBS = _words("contact_verbs")
SEQUENCE_ADVERBS = _words("sequence_adverbs")
MEETING_NOUNS = _words("meeting_nouns")
GROUP_NOUNS = _words("group_nouns")
MEETING_COMPOUND_NOUNS = _words("meeting_compound_nouns")
MEETING_COMPOUND_MODIFIERS = _words("meeting_compound_modifiers")
SUPPORT_NOUNS = _words("support_nouns")
SUPPLY_NOUNS = _words("supply_nouns")
SUPPLY_VERBS = _words("supply_verbs")
MILITARY_MODIFIERS = _words("military_modifiers")
SUPPLY_EVENT_NOUNS = _words("supply_event_nouns")
RECEIVING_VERBS = _words("receiving_verbs")
SECURITY_NOUNS = _words("security_nouns")
RECIPIENT_NOUNS = _words("recipient_nouns")

# --- whether an event happened -----------------------------------------------------------

REFUSAL_WORDS = _words("refusal_words")
REFUSAL_PHRASAL_VERBS = _words("refusal_phrasal_verbs")
REFUSAL_MODIFIERS = _words("refusal_modifiers")
PLAN_WORDS = _words("plan_words")
PLAN_MODIFIERS = _words("plan_modifiers")
FUTURE_MODALS = _words("future_modals")
HYPOTHETICAL_WORDS = _words("hypothetical_words")
CONDITIONAL_MARKERS = _words("conditional_markers")
