"""Where names begin and end: trimming entity spans, growing names NER cut short, title words."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graphbuild.lexicon import ARTICLES, HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, ORG_HEADS, TITLE_ABBREVIATIONS, TITLE_WORDS

_POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})
_HONORIFICS_AND_TITLES = HONORIFICS | TITLE_WORDS


def trim(span: Span) -> Span | None:
    """Drop leading articles and trailing possessives/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].dep_ == "case" or doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVE_ENDINGS):
        end -= 1
    return doc[start:end] if end > start else None


def person_span(span: Span) -> Span | None:
    """A PERSON span without the honorifics NER sometimes includes ("President Biden" -> "Biden",
    "Lt Gen Ana Ruiz" -> "Ana Ruiz"); None when nothing but titles is left ("Senior Col.")."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and is_honorific(doc[start]):
        start += 1
    if is_honorific(doc[start]) or not any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end]):
        return None
    return doc[start : name_end(doc, end)]


def is_honorific(token: Token) -> bool:
    """A title or honorific that may stand before a name, abbreviated or not ("Sen.", "Admiral", "Mr")."""
    return token.lower_.rstrip(".") in _HONORIFICS_AND_TITLES


def name_end(doc: Doc, end: int) -> int:
    """Extend a name over particles, suffixes and a quoted nickname NER left out ("Abdel Fattah" +
    "el-Masri", "Omar" + "II", "Ana ‘Lula" + "’ Ruiz")."""
    while end < len(doc):
        after_nickname = _after_quoted_nickname(doc, end)
        if after_nickname > end:
            end = after_nickname
            continue
        t = doc[end]
        if is_name_word(t) and t.pos_ == "PROPN" and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:
            end += 1  # "Maria Luisa" + "Costa": the name's last word is the head of the words before
            continue
        if t.lower_ in NAME_PARTICLES and end + 1 < len(doc):
            nxt = end + 2 if doc[end + 1].text == "-" else end + 1
            if nxt < len(doc) and doc[nxt].is_title and doc[nxt].pos_ == "PROPN":
                end = nxt + 1
                continue
        if t.lower_.strip(".") in NAME_SUFFIXES and t.text[:1].isupper():
            end += 1
            continue
        break
    return end


_OPENING_QUOTES = frozenset("‘“'\"")
_CLOSING_QUOTES = frozenset("’”'\"")


def is_name_word(token: Token) -> bool:
    """A capitalized word that may be part of a name (the small model tags rare surnames NOUN)."""
    return token.pos_ in {"PROPN", "NOUN"} and token.is_title


#: The longest nickname in quotes a name may carry ("Pedro “El Rayo” Soto").
_NICKNAME_WORDS = 3


def _after_quoted_nickname(doc: Doc, end: int) -> int:
    """Where a name goes on after a quoted nickname at ``end``: "Ana" ‘Lula’ "Ruiz", or the closing quote
    after "Ana ‘Lula" and the surname; ``end`` itself when there is none."""
    if end < len(doc) and doc[end].text in _OPENING_QUOTES:
        for close in range(end + 2, min(end + 2 + _NICKNAME_WORDS, len(doc) - 1)):
            if doc[close].text in _CLOSING_QUOTES:
                inside = doc[end + 1 : close]
                if all(is_name_word(t) for t in inside) and is_name_word(doc[close + 1]):
                    return close + 2
                break
    if end + 1 < len(doc) and doc[end].text in _CLOSING_QUOTES and is_name_word(doc[end + 1]):
        opened = next((i for i in range(end - 1, max(end - 2 - _NICKNAME_WORDS, -1), -1) if doc[i].text in _OPENING_QUOTES), None)
        if opened is not None and opened < end - 1 and all(is_name_word(t) for t in doc[opened + 1 : end]):
            return end + 2
    return end


def expand_name(doc: Doc, i: int, covered: set[int]) -> Span:
    """Grow a name token into the full name around it: given names and initials before, suffixes after."""
    start, end = i, i + 1
    while start > 0 and start - 1 not in covered:
        prev = doc[start - 1]
        initial = prev.text[:1].isalpha() and (len(prev.text) <= 2 and prev.text.endswith(".") or (len(prev.text) == 1 and prev.is_upper))
        if not (prev.pos_ == "PROPN" and prev.is_title and not is_honorific(prev)) and not initial:
            break
        if start >= 2 and doc[start - 2].lower_ == "of":  # "Secretary of Defense Lloyd Austin"
            break
        start -= 1
    while end < len(doc) and end not in covered and doc[end].lower_.strip(".") in NAME_SUFFIXES and doc[end].text[:1].isupper():
        end += 1
    return doc[start:end]


def has_org_head(span: Span) -> bool:
    return any(t.lower_ in ORG_HEADS for t in span)


def is_named_body(span: Span) -> bool:
    """A place-labelled name that an apposition calls a body ("Rosoboronexport, Russia's leading arms exporter")."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in span.root.children)


def is_title_word(token: Token) -> bool:
    """"minister", "Secretary", "vice-admiral", "president-elect", "Lt." — by word or lemma."""
    parts = token.lower_.rstrip(".").split("-")
    return any(part in TITLE_WORDS for part in parts if part) or token.lemma_.lower() in TITLE_WORDS


def title_words(text: str) -> str:
    """A title in full, lower-cased words, for comparing titles ("PM" -> "prime minister", "Vice-President")."""
    return " ".join(TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in text.lower().replace("-", " ").split())


def is_title_phrase(head: Token) -> bool:
    return head.pos_ in {"NOUN", "PROPN"} and any(is_title_word(t) for t in [head, *head.lefts])
