"""Passes for organizations: spans that are not bodies, bodies NER missed, and their names.

Organization spans are cleaned of roles ("Treasury" in "Treasury
Secretary"), events ("Shangri-La Dialogue") and name fragments;
organization names NER missed ("State Department", "South China Morning
Post") are found by their head word; a country word in the name becomes the
organization's country ("US Defence Department").
"""

from __future__ import annotations

from dataclasses import replace

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.passes.people import NameIndex
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.spans import has_org_head, is_title_word
from graphbuild.lexicon import ARTICLES, COUNTRY_BODIES, EVENT_HEADS, ORG_HEADS, TITLE_WORDS
from graphbuild.names import clean_name, name_key, org_key

#: Lower-case words that may stand inside an organization's name ("Department *of* Defense").
_NAME_JOINERS = frozenset({"of", "for", "and"})


@mention_passes.register("drop_spurious")
def drop_spurious(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Organization spans that are roles, events, regions or name fragments, and two people's names run together."""
    names = NameIndex.of(found)
    return tuple(f for f in found if not _is_spurious(f, names) and not names.is_run_together(f))


def _is_spurious(f: Found, names: NameIndex) -> bool:
    if f.type != "Organization":
        return False
    span = f.span
    doc, root = span.doc, span.root
    if names.is_name_token(span.text) or (len(span) == 1 and not span[0].text[:1].isupper()):
        return True
    if span[-1].lower_ in EVENT_HEADS:
        return True
    if not has_org_head(span) and not (span.text.isupper() and len(span.text) >= 3):  # acronyms ("NATO") stay
        # "Treasury" in "Treasury Secretary", "Defense" in "Secretary of Defense"
        if root.dep_ == "compound" and root.head.lemma_.lower() in TITLE_WORDS:
            return True
        if root.dep_ == "pobj" and root.head.head.lemma_.lower() in TITLE_WORDS:
            return True
        if span.start >= 2 and doc[span.start - 1].lower_ == "of" and is_title_word(doc[span.start - 2]):
            return True  # "Secretary of State", parsed any way
        if any(t.lower_ in TITLE_WORDS for t in span) or span[-1].i + 1 < len(doc) and doc[span[-1].i + 1].lower_ in TITLE_WORDS:
            return True
        if "-" in span.text and " " not in span.text:  # "Indo-Pacific", "Asia-Pacific": adjectives
            return True
    # "office for International Military Cooperation": the tail of a longer name
    return root.dep_ == "pobj" and root.head.head.lower_ in ORG_HEADS and root.head.head.pos_ == "NOUN" and root.head.head.is_lower


@mention_passes.register("recover_organizations")
def recover_organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Proper-noun runs ending in an organization head word ("State Department") that NER missed,
    and bodies named by their country ("the Chinese embassy")."""
    out = list(found)
    in_doc = ByParagraph(found)
    removed: set = set()
    for paragraph, doc in enumerate(article.docs):
        countries = in_doc(paragraph, "Country")
        covered = {i for f in in_doc(paragraph) if f.type != "Country" for i in f.tokens}
        i = 0
        while i < len(doc):
            if i in covered or not doc[i].is_title:
                i += 1
                continue
            j = i
            while j < len(doc) and j not in covered and (doc[j].is_title or doc[j].lower_ in _NAME_JOINERS) and doc[j].pos_ in {"PROPN", "NOUN", "ADP", "CCONJ"}:
                j += 1
            while j > i and not doc[j - 1].is_title:
                j -= 1
            run = doc[i:j]
            if len(run) >= 2 and run[-1].lower_ in ORG_HEADS and run[-1].pos_ in {"PROPN", "NOUN"}:
                inner = [c for c in countries if i <= c.start and c.end <= j and c.ref not in removed]
                if all(c.start > i for c in inner):  # "South China Morning Post": a country inside the name
                    removed.update(c.ref for c in inner)
                    out.append(article.found(paragraph, i, j, "Organization", clean_name(run.text), ""))
                    covered.update(range(i, j))
            i = max(j, i + 1)
        for country in (c for c in countries if c.ref not in removed):
            nxt = doc[country.end] if country.end < len(doc) else None
            if nxt is not None and nxt.lower_ in COUNTRY_BODIES and nxt.i not in covered:
                name = clean_name(doc[country.start : nxt.i + 1].text)
                out.append(article.found(paragraph, country.start, nxt.i + 1, "Organization", name, "", country=country.key, country_evidence="title"))
                covered.add(nxt.i)
    return tuple(f for f in out if f.ref not in removed)


@mention_passes.register("normalize_organizations")
def normalize_organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    return tuple(_normalized(f, article.gazetteer) if f.type == "Organization" else f for f in found)


def _normalized(org: Found, gaz: Gazetteer) -> Found:
    """Drop country words and articles from the name; the country becomes an attribute."""
    span = org.span
    tokens = list(span)
    while tokens and (tokens[0].lower_ in ARTICLES or tokens[0].dep_ == "case"):
        tokens = tokens[1:]
    while len(tokens) > 1 and gaz.demonym(tokens[0].text) and tokens[1].text[:1].isupper():
        org = org.with_country(gaz.demonym(tokens[0].text), "title")
        tokens = tokens[1:]
        if tokens and tokens[0].dep_ == "case":
            tokens = tokens[1:]
    before = span.doc[span.start - 1].text.strip("“”\"'‘’") if span.start > 0 else ""
    if org.country is None and before[:1].isupper():
        org = org.with_country(gaz.country(before) or gaz.demonym(before), "title")
    if org.country is None:
        for child in span.root.children:
            if child.dep_ in {"poss", "compound", "amod"} and child.i < span.start:
                org = org.with_country(gaz.country(child.text) or gaz.demonym(child.text), "title")
    name = clean_name("".join(t.text_with_ws for t in tokens)) if tokens else org.name
    metonym = gaz.organizations.get(name_key(name))
    if metonym:
        name = metonym[0]
        org = org.with_country(metonym[1], "title")
    return replace(org, name=name, key=org_key(name))
