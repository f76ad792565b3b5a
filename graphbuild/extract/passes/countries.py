"""Which token names which country, in one paragraph: the table the people passes read countries from."""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.gazetteer import Gazetteer

Countries = dict[int, Found]  # token index -> the country it names


def country_tokens(doc: Doc, paragraph: int, in_doc: ByParagraph, article: ArticleContext) -> Countries:
    """Country mentions, country words inside other spans ("US" in "US Treasury Secretary") and
    organizations with a country ("US Defence Department spokesperson"), by token.  Two passes
    ask for the same table, so it is kept while the countries and bodies it comes from stay."""
    key = ("country_tokens", paragraph, tuple((f.ref, f.type, f.key, f.country) for f in in_doc(paragraph) if f.type != "Person"))
    if key not in article.memo:
        article.memo[key] = _country_tokens(doc, paragraph, in_doc, article)
    return article.memo[key]


def _country_tokens(doc: Doc, paragraph: int, in_doc: ByParagraph, article: ArticleContext) -> Countries:
    gaz: Gazetteer = article.gazetteer
    countries = {i: f for f in in_doc(paragraph, "Country") for i in f.tokens}
    for t in article.tokens[paragraph]:
        if t.i not in countries and t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ"}:
            code = gaz.country(t.text) or gaz.demonym(t.text)
            if code:
                countries[t.i] = article.found(paragraph, t.i, t.i + 1, "Country", gaz.name_of(code), code, implicit=True)
    for f in in_doc(paragraph, "Organization"):
        if f.country:
            for i in f.tokens:
                countries.setdefault(i, article.found(paragraph, i, i + 1, "Country", gaz.name_of(f.country), f.country, implicit=True))
    for ent in doc.ents:  # "North Dakota's governor", "the premier of Ontario": a region names its country
        code = gaz.region(ent.text) if ent.label_ in {"GPE", "LOC"} else None
        if code:
            for i in range(ent.start, ent.end):
                if doc[i].dep_ != "case":
                    countries.setdefault(i, article.found(paragraph, i, i + 1, "Country", gaz.name_of(code), code, implicit=True))
    return countries
