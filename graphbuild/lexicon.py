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
#: Words that may stand before a name inside a PERSON span ("Admiral Tavita Lemalu", "Mr Smith", "former").
HONORIFICS = _words("ranks") | _words("courtesy_titles") | _words("name_prefixes") | frozenset(TITLE_ABBREVIATIONS)
NAME_PARTICLES = _words("name_particles")
#: The head of a title phrase ("Foreign *Minister*", "the Kenyan *envoy*"), any case.
TITLE_HEADS = _words("title_heads")
#: Words inside a title before its head ("*Deputy Foreign* Minister", "*special* envoy").
TITLE_MODIFIERS = _words("title_modifiers")
#: "Republican" in "the state's *Republican* governor": a party label inside a title.
PARTY_WORDS = _words("party_words")
#: Right before a name without being its office ("Sheikh", "Gen.", "Dr.").
HONORIFIC_WORDS = _words("honorifics")
CALENDAR_WORDS = _words("calendar_words")
HOST_TITLES = _words("host_titles")
#: "Y's *counterpart* X": a possessive that puts X on the other side.
OTHER_SIDE_TITLES = _words("other_side_titles")
#: "secretary of state" -> "US": offices only one country has.
NATIONAL_TITLES: dict[str, str] = dict(_DATA["national_titles"]["map"])
#: ... of which these stay one country's office before "for" ("assistant secretary of state for Asian affairs").
NATIONAL_TITLES_BEFORE_FOR = frozenset(_DATA["national_titles"]["open_to_for"])
#: "leader" -> the titles it may stand for ("the Djiboutian leader" for a president).
TITLE_FAMILIES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _DATA["title_families"]["map"].items()}
SPOKESPEOPLE = _words("spokespeople")
STATE_OFFICES = _words("state_offices")
TRAVEL_VERBS = _words("travel_verbs")

# --- events and their participants ---------------------------------------------------------

#: Word classes an event may have to be about (a pattern's "theme"): name -> lemmas.
THEME_CLASSES: dict[str, frozenset[str]] = {
    name: frozenset(words) for name, words in _DATA["themes"]["classes"].items()
}
NOT_SUPPORT_THINGS = _words("not_support_things")
MEMBER_VERBS = _words("member_verbs")
COMPANION_WORDS = _words("companion_words")
SIDE_VERBS = _words("side_verbs")
JOINT_WORDS = _words("joint_words")
APART_WORDS = _words("apart_words")
SEQUENCE_WORDS = _words("sequence_words")
STATE_BODIES = _words("state_bodies")
#: "the town *of* X", "the X border *crossing*": a name said of these is a place.
PLACE_NOUNS = _words("place_nouns")
#: "who *heads* Kenya's foreign ministry": verbs by which one acts for what one leads.
LEADING_VERBS = _words("leading_verbs")
NON_STATE_WORDS = _words("non_state_words")
RECIPROCAL_WORDS = _words("reciprocal_words")
NAME_SUFFIXES = _words("name_suffixes")
ARTICLES = _words("articles")
PEOPLE_NOUNS = _words("people_nouns")
PRIVATE_PERSON_NOUNS = _words("private_person_nouns")
THIRD_PERSON_PRONOUNS = _words("third_person_pronouns")
FIRST_PERSON_PRONOUNS = _words("first_person_pronouns")
PLURAL_PRONOUNS = _words("plural_pronouns")
SPEECH_VERBS = _words("speech_verbs")
NUMBER_WORDS: dict[str, int] = dict(_DATA["number_words"]["map"])
RELATIVE_PRONOUNS = _words("relative_pronouns")

# --- organizations and events ------------------------------------------------------------

COUNTRY_BODIES = _words("country_bodies")
#: "the daily *Al-Nour*": a name beside one of these is a news outlet.
OUTLET_NOUNS = _words("outlet_nouns")
ORG_HEADS = _words("organization_heads") | COUNTRY_BODIES
EVENT_HEADS = _words("event_heads")
DOCUMENT_HEADS = _words("document_heads")
FIRM_WORDS = _words("firm_words")
GOVERNMENT_BODY_WORDS = _words("government_body_words")
SPELLING_VARIANTS: dict[str, str] = dict(_DATA["spelling_variants"]["map"])

# --- meetings and support -----------------------------------------------------------------

GROUP_NOUNS = _words("group_nouns")
RECEIVING_VERBS = _words("receiving_verbs")

# --- whether an event happened -----------------------------------------------------------

REFUSAL_WORDS = _words("refusal_words")
CANCEL_WORDS = _words("cancel_words")
REFUSAL_PHRASAL_VERBS = _words("refusal_phrasal_verbs")
REFUSAL_MODIFIERS = _words("refusal_modifiers")
DENIAL_WORDS = _words("denial_words")
CLAIM_VERBS = _words("claim_verbs")
CLAIM_NOUNS = _words("claim_nouns")
CLAIM_MODIFIERS = _words("claim_modifiers")
NEGATIVE_WORDS = _words("negative_words")
PROPOSAL_WORDS = _words("proposal_words")
PLAN_WORDS = _words("plan_words")
PLAN_MODIFIERS = _words("plan_modifiers")
FUTURE_MODALS = _words("future_modals")
FUTURE_TIME_WORDS = _words("future_time_words")
POSSIBILITY_MODALS = _words("possibility_modals")
HYPOTHETICAL_WORDS = _words("hypothetical_words")
HYPOTHETICAL_MODIFIERS = _words("hypothetical_modifiers")
CONDITIONAL_MARKERS = _words("conditional_markers")
BLOCKING_PREPOSITIONS = _words("blocking_prepositions")
NEGATIVE_PREPOSITIONS = _words("negative_prepositions")
EVENT_REFERENCES = _words("event_references")
HAPPEN_VERBS = _words("happen_verbs")
SERIES_NOUNS = _words("series_nouns")
OCCASION_NOUNS = _words("occasion_nouns")
CONFIRM_WORDS = _words("confirm_words")
FALSE_WORDS = _words("false_words")

# --- grammar words the participant collector and the mention passes read -----------------

CLAUSE_PREPOSITIONS = _words("clause_prepositions")
PURPOSE_PREPOSITIONS = _words("purpose_prepositions")
COMPLEMENT_PREPOSITIONS = _words("complement_prepositions")
GROUP_POSSESSIVES = _words("group_possessives")
COUNTRY_NOUNS = _words("country_nouns")
PARTY_NOUNS = _words("party_nouns")
AGENT_SUFFIXES = tuple(sorted(_words("agent_suffixes")))
OFFICE_VERBS = _words("office_verbs")
TIME_NOUNS = _words("time_nouns")
REPORTING_VERBS = _words("reporting_verbs")
ORGANIZATION_NAME_JOINERS = _words("organization_name_joiners")
TITLE_PHRASE_JOINERS = _words("title_phrase_joiners")
