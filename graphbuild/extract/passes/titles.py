"""Title phrases around a person's name: where they start and end, and their text as a role."""

from __future__ import annotations

import re
from collections.abc import Container

from spacy.tokens import Doc, Token

from graphbuild.extract.found import Found
from graphbuild.extract.passes.countries import Countries
from graphbuild.extract.spans import is_title_word
from graphbuild.extract.syntax import VERB_POS
from graphbuild.lexicon import MEETING_NOUNS
from graphbuild.names import clean_name

_POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their", "our"})
#: Words a title does not run through ("of" aside): verbs, prepositions, conjunctions, pronouns.
_NOT_IN_TITLE_POS = VERB_POS | {"ADP", "SCONJ", "CCONJ", "PRON"}


def title_prefix(doc: Doc, person: Found, other_people: Container[int]) -> list[Token]:
    """Tokens before the name that form its title ("US Defence Secretary", "Chinese President")."""
    tokens: list[Token] = []
    i = person.start - 1
    left_edge = person.root.left_edge.i
    while i >= left_edge:
        t = doc[i]
        coordinated_title = t.pos_ == "CCONJ" and i > 0 and is_title_word(doc[i - 1])
        if t.i in other_people or not re.fullmatch(r"[\w.'’-]+", t.text) or t.is_punct and t.text not in {"-", "."} or t.pos_ in _NOT_IN_TITLE_POS and t.lower_ != "of" and not coordinated_title:
            break
        if t.dep_ == "case":  # "Biden's National Security Adviser": stop at the possessor
            break
        tokens.insert(0, t)
        if t.pos_ == "DET":
            break
        i -= 1
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ == "of"):
        tokens = tokens[1:]
    if not tokens:
        return []
    return tokens if any(is_title_word(t) for t in tokens) or tokens[-1].ent_type_ in {"NORP", "GPE"} else []


def role_text(tokens: list[Token], countries: Countries) -> str:
    """A title phrase without articles, possessives and country words: "Defence Secretary"."""
    cut = next((k for k, t in enumerate(tokens) if k and (t.pos_ in VERB_POS or t.tag_ in {"WDT", "WP"} or t.is_punct and t.text not in {"-", "."} or _is_event_phrase(t))), len(tokens))
    words = [t for t in tokens[:cut] if t.pos_ != "DET" and t.dep_ != "case" and t.i not in countries and t.lower_ not in _POSSESSIVE_PRONOUNS]
    kept = {t.i for t in words}
    while words and (words[-1].is_punct or words[-1].pos_ in {"ADP", "CCONJ"}):
        words = words[:-1]
    while words and (words[0].is_punct or words[0].pos_ in {"ADP", "CCONJ"}):
        words = words[1:]
    # A dropped word ("Peru 's", "Chile") leaves the space it stood before: "Ruiz's chief" -> "chief".
    text = "".join(t.text + (" " if t.whitespace_ or t.i + 1 < len(t.doc) and t.i + 1 not in kept and t.doc[t.i + 1].whitespace_ else "") for t in words)
    text = text.strip(" ,")
    return clean_name(text) if any(is_title_word(t) for t in words) else ""


def _is_event_phrase(token: Token) -> bool:
    """A preposition introducing an event ("for a meeting"): the end of a title phrase."""
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.lemma_.lower() in MEETING_NOUNS for c in token.children)


def title_before_comma(doc: Doc, person: Found, prefix: list[Token], other_people: Container[int]) -> list[Token]:
    """"the President of France, X", "the Prime Minister of Italy, X": a title and its "of" phrase
    right before the comma and the name (lists of these defeat the parser)."""
    start = prefix[0].i if prefix else person.start
    if start < 4 or doc[start - 1].text != ",":
        return []
    i = start - 2
    while i > start - 8 and i > 0 and doc[i].i not in other_people and (doc[i].pos_ in {"PROPN", "DET"} or doc[i].lower_ == "of") and not is_title_word(doc[i]):
        i -= 1
    if not is_title_word(doc[i]) or i + 1 >= start - 1 or doc[i + 1].lower_ != "of":
        return []
    while i > 0 and is_title_word(doc[i - 1]) and doc[i - 1].is_title:  # "Prime Minister", "Vice President"
        i -= 1
    return [t for t in doc[i : start - 1] if t.pos_ != "DET"]


def comma_title(doc: Doc, person: Found, prefix: list[Token]) -> Token | None:
    """A title noun right before "<title>, Name" that the parser did not attach as apposition
    ("US Defence Department spokesperson, Lieutenant Colonel Martin Meiners")."""
    start = prefix[0].i if prefix else person.start
    if start >= 2 and doc[start - 1].text == "," and is_title_word(doc[start - 2]) and doc[start - 2].pos_ in {"NOUN", "PROPN"}:
        return doc[start - 2]
    return None
