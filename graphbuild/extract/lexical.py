"""What each word of a paragraph is before any name is found: a place, a title, an honorific.

The mention passes and the descriptor grammar read these classes instead of
spaCy's entity labels, which a small statistical model gets wrong exactly
where news is densest ("Lao Prime" tagged PERSON, "Interior" tagged ORG):

* ``PLACE``: a country's name, a capital or seat of government standing for
  it, or an abbreviation ("U.S."), found by looking up runs of capitalized
  words in the gazetteer ("South Africa", "Bosnia and Herzegovina");
* ``DEMONYM``: "Kenyan", "South African" — and a country name used as a
  modifier ("Panama Trade Minister") is a demonym too;
* ``TITLE``: the head of a title ("Minister", "envoy", "chief"), any case;
* ``TITLE_MOD``: words inside a title before its head ("Deputy Foreign");
* ``HONORIFIC``: "Sheikh", "Gen.", "Dr." — before a name, not an office.

The passes add ``NAME`` and ``ORG`` once people and organizations are found
(:meth:`Words.mark`); the descriptor grammar then matches patterns over the
classes (``Token._.word``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.lexicon import (
    CALENDAR_WORDS,
    HONORIFIC_WORDS,
    NAME_PARTICLES,
    ORG_HEADS,
    PARTY_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from graphbuild.names import name_key

PLACE, DEMONYM, TITLE, TITLE_MOD, HONORIFIC, NAME, ORG = (
    "PLACE",
    "DEMONYM",
    "TITLE",
    "TITLE_MOD",
    "HONORIFIC",
    "NAME",
    "ORG",
)

#: The longest country name in tokens ("Democratic Republic of the Congo", "São Tomé and Príncipe").
_LONGEST_PLACE = 6
_HYPHENS = frozenset({"-", "‐", "‑"})

if not Token.has_extension("word"):
    Token.set_extension("word", getter=lambda t: t.doc._.words.classes[t.i] if t.doc._.words is not None else "")
if not Doc.has_extension("words"):
    Doc.set_extension("words", default=None)


@dataclass(frozen=True)
class Place:
    """A run of tokens naming a country: its code and how it names it."""

    code: str
    kind: str  # "name" | "capital" | "demonym" | "region" (a state or province, only before a title)
    start: int
    end: int


class Words:
    """The classes of one paragraph's tokens (one Doc), computed once."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, tokens: list[Token] | None = None):
        self.doc = doc
        self.places: dict[int, Place] = {}
        #: The paragraph's tokens, made once: indexing a Doc makes a new Token object every time.
        self.tokens: list[Token] = tokens if tokens is not None else list(doc)
        texts = [t.text for t in self.tokens]
        self.classes: list[str] = [_class_of(text) for text in texts]
        for place in _places(self.tokens, texts, gazetteer):
            for i in range(place.start, place.end):
                self.places[i] = place
                self.classes[i] = DEMONYM if place.kind in ("demonym", "region") else PLACE
        _join_titles(self.tokens, self.classes)
        doc._.words = self

    def mark(self, start: int, end: int, word: str) -> None:
        """The tokens are a name or an organization now; a name's place words stop being places, a
        body's stay known (its country: "Chad Air Force")."""
        for i in range(start, end):
            self.classes[i] = word
            if word == NAME:
                self.places.pop(i, None)

    def is_place(self, i: int) -> bool:
        return self.classes[i] in (PLACE, DEMONYM)


def _join_titles(doc: list[Token], classes: list[str]) -> None:
    """Words that are part of a title around its own words: "Secretary *of* State", "Minister *for*
    Foreign Affairs", "commander*-in-*chief", "energy minister *and* deputy premier";
    a body's word before a title ("*senate* president", "*Navy* commander"); and capitalized words
    between a demonym and a title head ("Danish *Green Transition* Minister")."""
    _join_inside_titles(doc, classes)
    _join_before_titles(doc, classes)
    _join_capitalized_before_titles(doc, classes)


def _join_inside_titles(doc: list[Token], classes: list[str]) -> None:
    """Words inside a title: "Secretary *of* State", "commander*-in-*chief", "energy minister *and* deputy premier"."""
    n = len(doc)
    for i in range(1, n - 1):
        left, right, lower = classes[i - 1], classes[i + 1], doc[i].lower_
        if lower in {"of", "for"} and left in (TITLE, TITLE_MOD) and right == TITLE_MOD:
            classes[i] = TITLE_MOD
        elif (
            doc[i].text in _HYPHENS
            and not doc[i].whitespace_
            and left in (TITLE, TITLE_MOD)
            and (right in (TITLE, TITLE_MOD) or doc[i + 1].lower_ == "in")
        ):
            classes[i] = TITLE_MOD
        elif lower == "in" and i + 2 < n and doc[i - 1].text in _HYPHENS and doc[i + 1].text in _HYPHENS:
            classes[i] = TITLE_MOD
        elif (
            lower == "and"
            and left == TITLE
            and right in (TITLE, TITLE_MOD)
            and not doc[i + 1].text[:1].isupper()
            and not doc[i - 1].text[:1].isupper()
        ):
            classes[i] = TITLE_MOD


def _join_before_titles(doc: list[Token], classes: list[str]) -> None:
    """A body's, a party's or a topic's word before a title, and the split period of an honorific."""
    for i in range(len(doc) - 1):
        if (
            classes[i] == ""
            and doc[i].lower_ in ORG_HEADS
            and classes[i + 1] in (TITLE, TITLE_MOD)
            and doc[i].ent_type_ != "PERSON"
        ):
            classes[i] = TITLE_MOD  # "parliament speaker", "Army chief"
        elif classes[i] == "" and doc[i].lower_ in PARTY_WORDS and classes[i + 1] in (TITLE, TITLE_MOD):
            classes[i] = TITLE_MOD  # "the state's *Republican* governor"
        elif (
            classes[i] == ""
            and i > 0
            and classes[i - 1] in (TITLE_MOD, DEMONYM, PLACE)
            and classes[i + 1] in (TITLE, TITLE_MOD)
            and doc[i].pos_ == "NOUN"
            and doc[i].is_lower
        ):
            classes[i] = TITLE_MOD  # "foreign *policy* adviser", "Kenyan *climate* envoy"
        elif (
            doc[i].text == "."
            and classes[i - 1] == HONORIFIC
            and not doc[i - 1].whitespace_
            and classes[i + 1] in (HONORIFIC, NAME, "")
        ):
            classes[i] = HONORIFIC  # the period of "Lt" "." "Gen.", where the tokenizer split it off


def _join_capitalized_before_titles(doc: list[Token], classes: list[str]) -> None:
    """Capitalized words between a demonym and a title head ("Danish *Green Transition* Minister")."""
    for head in range(1, len(doc)):
        if classes[head] != TITLE or not doc[head].text[:1].isupper():
            continue
        modifiers_end = head - 1
        while modifiers_end >= 0 and classes[modifiers_end] == TITLE_MOD:
            modifiers_end -= 1
        k = modifiers_end
        while (
            k >= 0
            and modifiers_end - k < 3
            and classes[k] == ""
            and doc[k].text[:1].isupper()
            and doc[k].ent_type_ != "PERSON"
            and doc[k].pos_ in {"PROPN", "NOUN", "ADJ"}
        ):
            k -= 1
        joins_a_title = modifiers_end < head - 1  # "*Veterans* Affairs Secretary"
        if k < modifiers_end and (
            k < 0 or classes[k] in (DEMONYM, PLACE, TITLE_MOD) or doc[k].dep_ == "case" or joins_a_title
        ):
            for j in range(k + 1, modifiers_end + 1):
                classes[j] = TITLE_MOD  # "Danish *Green Transition* Minister"


def title_end(doc: list[Token], classes: list[str], i: int) -> bool:
    """Is token i the last word of a title phrase ("Secretary of *State*", "Prime *Minister*")?  A
    title head is; so is a capitalized modifier the phrase's head came before."""
    if classes[i] in (TITLE, HONORIFIC):
        return True
    if classes[i] != TITLE_MOD:
        return False
    k = i - 1
    while k >= 0 and classes[k] == TITLE_MOD:
        k -= 1
    return k >= 0 and classes[k] == TITLE and k < i - 1 and any(doc[j].lower_ in {"of", "for"} for j in range(k + 1, i))


def is_title_word(token: Token) -> bool:
    """ "minister", "Secretary", "vice-admiral", "president-elect", "Lt." — a title's head or a rank."""
    return _class_of(token.text) in (TITLE, HONORIFIC) or any(
        part in TITLE_HEADS for part in token.lower_.split("-") if part
    )


def title_words(text: str) -> str:
    """A title in full, lower-cased words, for comparing titles ("PM" -> "prime minister", "Vice-President")."""
    return " ".join(TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in text.lower().replace("-", " ").split())


def word_class(token: Token) -> str:
    """TITLE, TITLE_MOD or HONORIFIC by the word alone ("" for anything else)."""
    return _class_of(token.text)


@lru_cache(maxsize=1 << 16)
def _class_of(text: str) -> str:
    lower = text.lower()
    bare = lower.rstrip(".")
    if bare in TITLE_HEADS or (bare in TITLE_ABBREVIATIONS and text.rstrip(".").isupper()):
        return TITLE
    if bare in HONORIFIC_WORDS and text[:1].isupper():
        return HONORIFIC
    if bare in TITLE_MODIFIERS:
        return TITLE_MOD
    if "-" in bare and bare.split("-")[-1] in TITLE_HEADS:  # "vice-president", "defence-minister"
        return TITLE
    return ""


def is_name_word(token: Token, words: Words) -> bool:
    """A capitalized word that may be part of a person's name: not a title, place, month or function word."""
    text = token.text
    if not text[:1].isupper() or token.ent_type_ == "DATE" and token.lower_ in CALENDAR_WORDS:
        return False
    if words.classes[token.i] not in ("", NAME) or token.lower_ in CALENDAR_WORDS or token.lower_ in ORG_HEADS:
        return False
    if token.pos_ in {"PRON", "DET", "CCONJ", "SCONJ", "AUX", "PUNCT", "NUM", "SYM"}:
        return False
    return any(ch.isalpha() for ch in text) and (
        len(text) > 1 or token.i + 1 < len(token.doc) and token.nbor().text == "."
    )


def is_particle(token: Token) -> bool:
    """A lower-case (or Irish/Arabic) particle inside a name ("bin", "de", "Ní", "al")."""
    return token.lower_ in NAME_PARTICLES


def is_hyphen_join(doc: list[Token], i: int) -> bool:
    """A hyphen with no space around it, joining two parts of one word ("Mensah-Boateng")."""
    return (
        doc[i].text in _HYPHENS and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and i + 1 < len(doc)
    )


def is_org_head(token: Token) -> bool:
    return token.lower_ in ORG_HEADS


def _places(doc: list[Token], texts: list[str], gaz: Gazetteer) -> list[Place]:
    """Country names, capitals, abbreviations and demonyms, longest match first, left to right."""
    out: list[Place] = []
    i, n = 0, len(texts)
    while i < n:
        if not texts[i][:1].isupper():
            i += 1
            continue
        found = None
        words = gaz.first_words.get(name_key(texts[i]), 0)  # no name starts with this word: no lookup
        for length in range(min(2 * words - 1, _LONGEST_PLACE, n - i), 0, -1):  # "Guinea - Bissau": 2 words, 3 tokens
            if texts[i + length - 1][:1].isupper():
                found = _place(" ".join(texts[i : i + length]), gaz, i, i + length)
                if found is not None:
                    break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return [
        _as_modifier(doc, p)
        for p in out
        if p.kind != "region" or _before_title(doc, p.end) and doc[p.start].ent_type_ == "GPE"
    ]


def _before_title(doc: list[Token], end: int) -> bool:
    """A region (that NER also calls a place: not the "East" of "East African") stands for its country
    only in a title: "Texas Governor X", "Bavaria's premier"."""
    if end < len(doc) and doc[end].text in ("'s", "’s"):
        end += 1
    if end < len(doc) and doc[end].lower_ in PARTY_WORDS:
        end += 1
    return end < len(doc) and word_class(doc[end]) in (TITLE, TITLE_MOD, HONORIFIC)


def _place(text: str, gaz: Gazetteer, start: int, end: int) -> Place | None:
    key = name_key(text)
    if key in gaz.demonyms and key not in gaz.names:
        return Place(gaz.demonyms[key], "demonym", start, end)
    code = gaz.names.get(key) or gaz.codes.get(text)
    if code:
        return Place(code, "capital" if key in gaz.capitals else "name", start, end)
    if key in gaz.regions:
        return Place(gaz.regions[key], "region", start, end)
    return None


def _as_modifier(doc: list[Token], place: Place) -> Place:
    """A country name before a title is used as its demonym ("Panama Trade Minister", "U.S. Rep.")."""
    if place.kind != "name" or place.end >= len(doc):
        return place
    nxt = doc[place.end]
    if word_class(nxt) in (TITLE, TITLE_MOD) and nxt.text[:1].isupper():
        return Place(place.code, "demonym", place.start, place.end)
    return place
