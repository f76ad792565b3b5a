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


@mention_passes.register("drop_headline_guesses")
def drop_headline_guesses(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """In a Title Case headline every word looks like a name ("Egypt Denies Report on Leaked Document"):
    an organization found only there, never in the story, is a guess and goes."""
    if not article.docs or not _is_headline(article.docs[0].text):
        return found
    story = " ".join(doc.text for doc in article.docs[1:])
    return tuple(f for f in found if not (f.paragraph == 0 and f.type == "Organization" and f.span.text not in story))


def _is_headline(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalized = sum(w[:1].isupper() for w in words)
    return 0 < len(words) <= 20 and text.rstrip()[-1:] not in ".!?\"”" and capitalized >= 0.6 * len(words)


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
    acronyms = _defined_acronyms(out, article)
    removed |= {f.ref for f in acronyms}  # an acronym NER found alone is replaced by the named one
    return tuple(f for f in out if f.ref not in removed) + acronyms


def _defined_acronyms(found: list[Found], article: ArticleContext) -> tuple[Found, ...]:
    """"the Northern Relief Council (NRC) ... the NRC said": an acronym the article defines after an
    organization's name names that organization wherever it stands."""
    defined: dict[str, Found] = {}  # acronym -> the organization it stands for, whose name it takes
    for f in found:
        doc = f.doc
        if f.type == "Organization" and f.end + 2 < len(doc) and doc[f.end].text == "(" and doc[f.end + 2].text == ")":
            acronym = doc[f.end + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 6:
                defined.setdefault(acronym, f)
    if not defined:
        return ()
    taken = {(f.paragraph, i): f for f in found for i in f.tokens}
    out = []
    for paragraph, doc in enumerate(article.docs):
        for t in article.tokens[paragraph]:
            if t.text in defined:
                here = taken.get((paragraph, t.i))
                if here is None or here.type == "Organization" and here.end - here.start == 1:
                    out.append(article.found(paragraph, t.i, t.i + 1, "Organization", defined[t.text].name, ""))
    return tuple(out)


@mention_passes.register("normalize_organizations")
def normalize_organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    normalized = {f.ref: _normalized(f, article.gazetteer) for f in found if f.type == "Organization" and not _is_defined_acronym(f)}
    by_name = {f.name: normalized[f.ref] for f in found if f.ref in normalized}
    out = []
    for f in found:
        if f.ref in normalized:
            f = normalized[f.ref]
        elif f.type == "Organization":  # a defined acronym: what the name it stands for became
            named = by_name.get(f.name)
            f = replace(f, name=named.name, key=named.key, country=named.country, country_evidence=named.country_evidence) if named else _normalized(f, article.gazetteer)
        out.append(f)
    return tuple(out)


def _is_defined_acronym(f: Found) -> bool:
    """An acronym standing for a name the article gave ("NRC" named "Northern Relief Council")."""
    return f.end - f.start == 1 and f.span.text.isupper() and f.name != f.span.text


def _normalized(org: Found, gaz: Gazetteer) -> Found:
    """The name as printed, without articles or a person's possessive ("Trump's Cabinet" -> "Cabinet");
    the country its words or neighbours give becomes an attribute, and the key is the name without
    it ("Chinese Defence Ministry" and "China's Defence Ministry" share "ministry of defense")."""
    span = org.span
    tokens = list(span)
    while tokens and (tokens[0].lower_ in ARTICLES or tokens[0].dep_ == "case"):
        tokens = tokens[1:]
    owner = next((k for k, t in enumerate(tokens) if t.dep_ == "case"), None)
    if owner is not None and not gaz.country(tokens[owner - 1].text) and not gaz.demonym(tokens[owner - 1].text, exact=True):
        tokens = tokens[owner + 1 :]  # a person's or body's possessive is not part of the name
    shown = tokens
    while len(tokens) > 1 and (code := gaz.demonym(tokens[0].text)) and tokens[1].text[:1].isupper():
        org = org.with_country(code, "title")
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
    core = _text(tokens) or org.name
    name = _text(shown) or org.name
    doc = span.doc
    if shown == tokens and span.start >= 2 and doc[span.start - 1].dep_ == "case" and gaz.country(doc[span.start - 2].text):
        name = clean_name(doc[span.start - 2].text_with_ws + doc[span.start - 1].text_with_ws) + "'s " + name  # "Egypt's Foreign Ministry"
    metonym = gaz.organizations.get(name_key(core))
    if metonym:
        name = core = metonym[0]
        org = org.with_country(metonym[1], "title")
    return replace(org, name=name, key=org_key(core))


def _text(tokens: list) -> str:
    return clean_name("".join(t.text_with_ws for t in tokens)) if tokens else ""
