"""The passes that start and settle the list: spans from spaCy's NER, and one mention per token."""

from __future__ import annotations

from spacy.tokens import Span

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.spans import has_org_head, is_named_body, is_title_word, person_span, trim
from graphbuild.names import clean_name, name_key, person_key

_PLACE_OR_BODY_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP"})
_BODY_LABELS = frozenset({"ORG", "FAC"})


@mention_passes.register("ner_spans")
def ner_spans(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """NER's PERSON, place and organization spans, typed with the gazetteer: capitals, metonyms and
    abbreviations are countries ("Beijing said", "the Kremlin", "PRC"); demonyms are implicit countries."""
    out = list(found)
    for paragraph, doc in enumerate(article.docs):
        for ent in doc.ents:
            typed = _typed(ent, article.gazetteer)
            if typed is not None:
                span, type, name, key, fields = typed
                out.append(article.found(paragraph, span.start, span.end, type, name, key, **fields))
    return tuple(out)


def _typed(ent: Span, gaz: Gazetteer) -> tuple[Span, str, str, str, dict] | None:
    """(span, type, name, key, other fields) of one NER span, or None if it names nothing we keep."""
    label = ent.label_
    span = trim(ent)
    if span is None:
        return None
    if label in _BODY_LABELS:
        span = _before_parenthesis(span)  # "Rapid Support Forces (RSF": the acronym is a mention of its own
        if span is None:
            return None
    text = clean_name(span.text)
    if len(span) == 1 and label in _PLACE_OR_BODY_LABELS and span[0].pos_ in {"ADJ", "PROPN"} and not gaz.country(text):
        code = gaz.demonym(text, exact=True)  # "Emirati officials", "Russian" tagged ORG or GPE
        if code:
            return span, "Country", gaz.name_of(code), code, {"implicit": True}
    if label in _PLACE_OR_BODY_LABELS:
        code = gaz.country(text, allow_abbreviation=label != "LOC")
        if code:
            return span, "Country", gaz.name_of(code), code, {}
        metonym = gaz.organizations.get(name_key(text))
        if metonym:
            return span, "Organization", metonym[0], "", {"country": metonym[1], "country_evidence": "title"}
    if label == "NORP":
        code = gaz.demonym(text)
        return (span, "Country", gaz.name_of(code), code, {"implicit": True}) if code else None
    if label == "PERSON":
        code = gaz.country(text, allow_abbreviation=False)
        if code:  # "YEREVAN", a capital read as a name
            return span, "Country", gaz.name_of(code), code, {}
        person = _without_trailing_demonym(person_span(span), gaz)
        if person is None:
            return None
        name = clean_name(person.text)
        return person, "Person", name, person_key(name), {}
    titled_place = label in {"GPE", "LOC"} and _is_titled_name(span, gaz)  # "the special envoy, Marta Kovac" tagged GPE
    nicknamed_body = label in _BODY_LABELS and _is_nicknamed_person(span)  # "Joaquín “El Toro” Marquez" tagged ORG
    if titled_place or nicknamed_body:
        return span, "Person", text, person_key(text), {}
    if label in {"ORG", "FAC"} or (label == "GPE" and is_named_body(span)):
        if label == "FAC" and not has_org_head(span):
            return None
        return span, "Organization", text, "", {}
    return None


def _is_titled_name(span: Span, gaz: Gazetteer) -> bool:
    """A place no gazetteer knows, shaped like a name, that a title names ("the envoy, X", "Envoy X")."""
    if not 2 <= len(span) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in span) or gaz.country(span.text) or gaz.region(span.text):
        return False
    doc, root = span.doc, span.root
    before = doc[span.start - 1] if span.start > 0 else None
    return (root.dep_ == "appos" and is_title_word(root.head)) or (before is not None and before.is_title and is_title_word(before))


def _is_nicknamed_person(span: Span) -> bool:
    """A name, a nickname in quotation marks, a name: how news writes a person, never a body."""
    words = [t for t in span if not t.is_punct]
    quotes = [t for t in span if t.text in "“”‘’\"'"]
    return len(quotes) == 2 and span[0].pos_ == "PROPN" and span[-1].is_title and all(t.is_title for t in words) and not has_org_head(span)


def _before_parenthesis(span: Span) -> Span | None:
    cut = next((t.i for t in span if t.text == "("), span.end)
    return trim(span.doc[span.start : cut]) if cut > span.start else None


def _without_trailing_demonym(span: Span | None, gaz: Gazetteer) -> Span | None:
    """"Biden Australian trip": a demonym that modifies a word after the name is not part of it."""
    if span is None:
        return None
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].dep_ in {"amod", "compound"} and span.doc[end - 1].head.i >= end and gaz.demonym(span.doc[end - 1].text, exact=True):
        end -= 1
    return span.doc[span.start : end]


@mention_passes.register("drop_overlaps")
def drop_overlaps(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Where spans overlap, the longer (then earlier-found) one wins."""
    kept: list[Found] = []
    taken: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        cells = {(f.paragraph, i) for i in f.tokens}
        if cells & taken:
            continue
        kept.append(f)
        taken |= cells
    return tuple(kept)
