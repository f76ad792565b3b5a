"""Organizations: NER's bodies without the roles, places and people it mixes in, the bodies it
missed, and their names and countries.

* NER's ORG and FAC spans, minus people's names, titles ("Treasury" in
  "Treasury Secretary"), events ("Shangri-La Dialogue") and places;
* capitalized runs ending in an organization's head word that NER missed
  ("State Department", "Foreign Ministry"), a body named by its country ("the
  Omani embassy"), and acronyms the article defines ("the Western Grain
  Council (NRC)");
* the name without articles, and the organization's country from its own
  name's country words only ("the Omani Health Ministry", "Latvia's navy":
  Oman, Latvia), never from letters inside a word.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.gazetteer import Gazetteer
from graphbuild.extract.lexical import (
    DEMONYM,
    NAME,
    ORG,
    PLACE,
    TITLE,
    TITLE_MOD,
    Words,
)
from graphbuild.extract.mentions.people import is_named_like_a_body
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.lexicon import (
    ARTICLES,
    CALENDAR_WORDS,
    COUNTRY_BODIES,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    ORG_HEADS,
    ORGANIZATION_NAME_JOINERS,
    OUTLET_NOUNS,
    PLACE_NOUNS,
)
from graphbuild.names import clean_name, name_key, org_key

_BODY_LABELS = frozenset({"ORG", "FAC"})


@mention_passes.register("organizations")
def organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """NER's bodies, cut before a parenthesis ("Coastal Defence Units (CDU"), without people and places."""
    out = list(found)
    gaz = article.gazetteer
    for paragraph, doc in enumerate(article.docs):
        words = article.words[paragraph]
        for ent in doc.ents:
            if (
                ent.label_ not in _BODY_LABELS
                and not (ent.label_ == "GPE" and _is_named_body(ent))
                and not (ent.label_ == "PERSON" and is_named_like_a_body(ent))
            ):
                continue
            span = _body_span(ent, words)
            if span is None or (ent.label_ == "FAC" and not _has_org_head(span)):
                continue
            metonym = gaz.organizations.get(name_key(span.text))
            fields = {"country": metonym[1], "country_evidence": "title"} if metonym else {}
            out.append(
                article.found(
                    paragraph,
                    span.start,
                    span.end,
                    "Organization",
                    metonym[0] if metonym else clean_name(span.text),
                    "",
                    **fields,
                )
            )
            words.mark(span.start, span.end, ORG)
    return _outlets(tuple(out), article)


def _outlets(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """A name beside a noun for a news outlet is the outlet, whatever NER called it: "the Egyptian
    daily Al-Nour", "Harbour Gazette newspaper", "the news site 365"."""
    outlets: list[Found] = []
    for paragraph, doc in enumerate(article.docs):
        words = article.words[paragraph]
        tokens = words.tokens
        taken = {i for f in found if f.paragraph == paragraph and f.type == "Organization" for i in f.tokens}
        for t in (t for t in tokens if t.lower_ in OUTLET_NOUNS and t.i not in taken):
            span = _outlet_name_after(tokens, words, t.i) or _outlet_name_before(tokens, words, t.i)
            if span is not None and not taken.intersection(range(*span)):
                outlets.append(
                    article.found(
                        paragraph, span[0], span[1], "Organization", clean_name(doc[span[0] : span[1]].text), ""
                    )
                )
                words.mark(span[0], span[1], ORG)
                taken.update(range(*span))
    if not outlets:
        return found
    named = {(o.paragraph, i) for o in outlets for i in o.tokens}
    return tuple(
        f for f in found if not (f.type == "Person" and any((f.paragraph, i) in named for i in f.tokens))
    ) + tuple(outlets)


def _outlet_word(token, words: Words) -> bool:
    return (
        (token.text[:1].isupper() or token.text[:1].isdigit())
        and words.classes[token.i] in ("", NAME)
        and token.pos_ in {"PROPN", "NUM", "NOUN"}
        and token.lower_ not in CALENDAR_WORDS
    )


def _outlet_name_after(tokens, words: Words, i: int) -> tuple[int, int] | None:
    end = i + 1
    while (
        end < len(tokens)
        and end - i <= 4
        and (_outlet_word(tokens[end], words) or tokens[end].text == "-" and end > i + 1)
    ):
        end += 1
    return (i + 1, end) if end > i + 1 and tokens[end - 1].text != "-" else None


def _outlet_name_before(tokens, words: Words, i: int) -> tuple[int, int] | None:
    start = i
    while (
        start > 0
        and i - start < 4
        and (_outlet_word(tokens[start - 1], words) or tokens[start - 1].text == "-" and start < i)
    ):
        start -= 1
    while start < i and tokens[start].text == "-":
        start += 1
    return (start, i) if start < i else None


def _body_span(ent: Span, words: Words) -> Span | None:
    """The part of an entity span that names a body: no articles, possessive, parenthesis, person or
    title at its edges; None if nothing of a body is left."""
    doc = ent.doc
    start, end = ent.start, next((t.i for t in ent if t.text == "("), ent.end)
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct or words.classes[start] == NAME):
        start += 1
    while end > start and (
        doc[end - 1].dep_ == "case" or doc[end - 1].is_punct or words.classes[end - 1] in (NAME, TITLE)
    ):
        end -= 1
    if end <= start or any(words.classes[i] == NAME for i in range(start, end)):
        return None
    span = doc[start:end]
    if all(words.classes[i] in (PLACE, DEMONYM) for i in range(start, end)):
        return None  # a country NER called an organization
    if not _has_org_head(span) and not (span.text.isupper() and len(span.text) >= 2):
        if _title_words(words.classes[start:end]) or _before_title(span, words):
            return None  # "Treasury" in "Treasury Secretary", "Interior" in "Interior Minister"
        if "-" in span.text and " " not in span.text:
            return None  # "Indo-Pacific": an adjective
        if _names_a_place(span):
            return None  # "the port of X", "the X border crossing": a town NER called a body
    if span[-1].lower_ in EVENT_HEADS | DOCUMENT_HEADS and not _has_org_head(span[:-1]):
        # "the Shangri-La Dialogue" is an event, "the Fisheries Act" a law; "Institute for Strategic Dialogue" a body
        return None
    return span


def _title_words(classes: list[str]) -> bool:
    """Words of a title, not a body's name: a title head, or only modifiers ("Interior"); a body may have
    a modifier among other words ("Amnesty International")."""
    return TITLE in classes or all(c == TITLE_MOD for c in classes)


def _names_a_place(span: Span) -> bool:
    """A name said of a noun for a place ("the town *of* X") or modifying one ("the X border
    *crossing*", "the X dam")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return root.dep_ in {"compound", "nmod", "amod"} and root.head.lemma_.lower() in PLACE_NOUNS


def _before_title(span: Span, words: Words) -> bool:
    after = span.end
    return (
        after < len(span.doc)
        and words.classes[after] == TITLE
        or span.start >= 2
        and span.doc[span.start - 1].lower_ == "of"
        and words.classes[span.start - 2] == TITLE
    )


def _has_org_head(span: Span) -> bool:
    return any(t.lower_ in ORG_HEADS for t in span)


def _is_named_body(span: Span) -> bool:
    """A place-labelled name that an apposition calls a body ("Rosoboronexport, Russia's leading arms exporter")."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in span.root.children)


@mention_passes.register("drop_headline_guesses")
def drop_headline_guesses(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """In a Title Case headline every word looks like a name ("Chile Rejects Claim Over Secret Memo"):
    an organization found only there, never in the story, is a guess and goes."""
    if not article.docs or not _is_headline(article.docs[0].text):
        return found
    story = " ".join(doc.text for doc in article.docs[1:])
    return tuple(f for f in found if not (f.paragraph == 0 and f.type == "Organization" and f.span.text not in story))


def _is_headline(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalized = sum(w[:1].isupper() for w in words)
    return 0 < len(words) <= 20 and text.rstrip()[-1:] not in '.!?"”' and capitalized >= 0.6 * len(words)


@mention_passes.register("recover_organizations")
def recover_organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Capitalized runs ending in an organization's head word that NER missed ("State Department"),
    bodies named by their country ("the Omani embassy"), and acronyms the article defines."""
    out = list(found)
    in_doc = ByParagraph(found)
    for paragraph, doc in enumerate(article.docs):
        words = article.words[paragraph]
        covered = {i for f in in_doc(paragraph) if f.type != "Country" for i in f.tokens}
        for start, end in _head_word_runs(words.tokens, words, covered):
            out.append(article.found(paragraph, start, end, "Organization", clean_name(doc[start:end].text), ""))
            words.mark(start, end, ORG)
            covered.update(range(start, end))
        for start, end, (name, code) in _known_bodies(words.tokens, article.gazetteer, covered):
            out.append(
                article.found(paragraph, start, end, "Organization", name, "", country=code, country_evidence="title")
            )
            words.mark(start, end, ORG)
            covered.update(range(start, end))
        for country in in_doc(paragraph, "Country"):
            nxt = country.end
            if nxt < len(doc) and doc[nxt].lower_ in COUNTRY_BODIES and nxt not in covered:
                name = clean_name(doc[country.start : nxt + 1].text)
                out.append(
                    article.found(
                        paragraph,
                        country.start,
                        nxt + 1,
                        "Organization",
                        name,
                        "",
                        country=country.key,
                        country_evidence="title",
                    )
                )
                covered.add(nxt)
    acronyms = _defined_acronyms(out, article)
    replaced = {f.ref for f in acronyms}  # an acronym NER found alone is replaced by the named one
    return tuple(f for f in out if f.ref not in replaced) + acronyms


def _head_word_runs(doc, words: Words, covered: set[int]) -> list[tuple[int, int]]:
    runs = []
    i = 0
    while i < len(doc):
        if i in covered or not doc[i].is_title or words.classes[i] in (NAME, PLACE):
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and j not in covered
            and (doc[j].is_title or doc[j].lower_ in ORGANIZATION_NAME_JOINERS)
            and doc[j].pos_ in {"PROPN", "NOUN", "ADJ", "ADP", "CCONJ"}
        ):
            j += 1
        while j > i and not doc[j - 1].is_title:
            j -= 1
        if (
            j - i >= 2
            and doc[j - 1].lower_ in ORG_HEADS
            and not any(words.classes[k] in (NAME, TITLE) for k in range(i, j))
        ):
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _known_bodies(tokens: list, gaz: Gazetteer, covered: set[int]) -> list[tuple[int, int, tuple[str, str | None]]]:
    """Bodies the gazetteer knows by a short name ("Mossad director X") that NER left unlabelled."""
    known, first_words = gaz.organizations, gaz.organization_first_words
    out = []
    for i, token in enumerate(tokens):
        if i in covered or not token.text[:1].isupper() or name_key(token.text) not in first_words:
            continue
        for end in range(min(len(tokens), i + 3), i, -1):
            body = known.get(name_key("".join(t.text_with_ws for t in tokens[i:end])))
            if body is not None and not covered.intersection(range(i, end)):
                out.append((i, end, body))
                covered.update(range(i, end))
                break
    return out


def _defined_acronyms(found: list[Found], article: ArticleContext) -> tuple[Found, ...]:
    """ "the Northern Relief Council (NRC) ... the NRC said": an acronym the article defines after an
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
    for paragraph in range(len(article.docs)):
        for t in article.tokens[paragraph]:
            if t.text in defined:
                here = taken.get((paragraph, t.i))
                if here is None or here.type == "Organization" and here.end - here.start == 1:
                    out.append(article.found(paragraph, t.i, t.i + 1, "Organization", defined[t.text].name, ""))
    return tuple(out)


@mention_passes.register("normalize_organizations")
def normalize_organizations(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    normalized = {
        f.ref: _normalized(f, article) for f in found if f.type == "Organization" and not _is_defined_acronym(f)
    }
    by_name = {f.name: normalized[f.ref] for f in found if f.ref in normalized}
    out = []
    for f in found:
        if f.ref in normalized:
            f = normalized[f.ref]
        elif f.type == "Organization":  # a defined acronym: what the name it stands for became
            named = by_name.get(f.name)
            f = (
                replace(
                    f, name=named.name, key=named.key, country=named.country, country_evidence=named.country_evidence
                )
                if named
                else _normalized(f, article)
            )
        out.append(f)
    return tuple(out)


def _is_defined_acronym(f: Found) -> bool:
    """An acronym standing for a name the article gave ("NRC" named "Northern Relief Council")."""
    return f.end - f.start == 1 and f.span.text.isupper() and f.name != f.span.text


def _normalized(org: Found, article: ArticleContext) -> Found:
    """The name as printed, without articles or a person's possessive ("Trump's Cabinet" -> "Cabinet");
    a country its own words or the words right before it give ("Chinese Defence Ministry", "Chile's
    navy") becomes its country, and the key is the name without it, so "Chinese Defence Ministry" and
    "China's Defence Ministry" share "ministry of defense"."""
    gaz = article.gazetteer
    words = article.words[org.paragraph]
    doc = org.doc
    tokens = [t for t in org.span]
    while tokens and (tokens[0].lower_ in ARTICLES or tokens[0].dep_ == "case"):
        tokens = tokens[1:]
    shown = tokens
    while len(tokens) > 1 and tokens[0].i in words.places:
        org = org.with_country(words.places[tokens[0].i].code, "title")
        tokens = tokens[1:]
        while tokens and (tokens[0].dep_ == "case" or tokens[0].lower_ in ARTICLES):
            tokens = tokens[1:]
    owner = _owner_before(org, words)
    if owner is not None:
        org = org.with_country(owner, "title")
    core = _text(tokens) or org.name
    name = _text(shown) or org.name
    if shown == tokens and org.start >= 2 and doc[org.start - 1].dep_ == "case" and words.is_place(org.start - 2):
        country = clean_name(doc[words.places[org.start - 2].start : org.start - 1].text)
        name = f"{country}'s {name}"  # "Egypt's Foreign Ministry"
    metonym = gaz.organizations.get(name_key(core))
    if metonym:
        name = core = metonym[0]
        org = org.with_country(metonym[1], "title")
    return replace(org, name=name, key=org_key(core))


def _owner_before(org: Found, words: Words) -> str | None:
    """The country named right before a body: "Latvia's navy", "the Omani Health Ministry"."""
    i = org.start - 1
    doc = org.doc
    if i >= 0 and doc[i].dep_ == "case":
        i -= 1
    return words.places[i].code if i >= 0 and i in words.places else None


def _text(tokens: list) -> str:
    return clean_name("".join(t.text_with_ws for t in tokens)) if tokens else ""
