"""People's names: where a name begins and ends, whatever NER said.

Three sources, merged where they overlap:

* a run of capitalized words right after a title or honorific ("Defence
  Minister *Kwame Asante-Dapaah*", "Sheikh *Nasser Al-Hamdan*"), however NER
  labelled it — the surest sign of a name in news;
* NER's PERSON spans, without the titles, places and honorifics NER takes in
  ("Lao Prime" is no one) and grown over hyphens and particles NER cut at;
* words of a name the article gives in full, wherever else they stand
  (``known_names``: "Kolbeck said", tagged ORG or not at all).

A name runs over capitalized words, particles ("bin", "de", "Ní"), initials
and hyphen joins; a place or demonym inside it is part of the name only when
more name follows ("President *Georgia* Mavrelis").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.found import ArticleContext, Found
from graphbuild.extract.lexical import (
    DEMONYM,
    HONORIFIC,
    NAME,
    PLACE,
    TITLE,
    TITLE_MOD,
    Words,
    is_hyphen_join,
    is_name_word,
    is_particle,
    title_end,
)
from graphbuild.extract.mentions.registry import mention_passes
from graphbuild.extract.syntax import kids
from graphbuild.lexicon import (
    FIRM_WORDS,
    NAME_SUFFIXES,
    ORG_HEADS,
    PRIVATE_PERSON_NOUNS,
    STATE_OFFICES,
    TITLE_PHRASE_JOINERS,
)
from graphbuild.names import clean_name, person_key

#: More words than any name has: a longer run is a headline or a list of names run together.
_LONGEST_NAME = 6
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@mention_passes.register("people")
def people(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """The people of each paragraph, from titles and NER; places inside a name stop being places."""
    out = list(found)
    for paragraph, doc in enumerate(article.docs):
        words = article.words[paragraph]
        tokens = words.tokens
        spans = (
            _after_titles(tokens, words)
            + _after_title_commas(tokens, words)
            + _before_title_commas(tokens, words)
            + _from_ner(doc, words)
        )
        spans += _unlabelled_in_lists(spans, words)
        for start, end in _merged(spans):
            words.mark(start, end, NAME)
            out.append(_person(article, paragraph, start, end))
    return tuple(out)


@mention_passes.register("known_names")
def known_names(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """A word of a full name the article uses ("Kolbeck" after "Dieter Kolbeck") is that person
    wherever it stands, with the name words around it ("Dieter Kolbeck's")."""
    parts = {w for f in found if f.type == "Person" and len(f.key.split()) >= 2 for w in f.key.split() if len(w) > 2}
    if not parts:
        return found
    covered = {(f.paragraph, i) for f in found for i in f.tokens}
    out = list(found)
    for paragraph, words in enumerate(article.words):
        doc = words.tokens
        i = 0
        while i < len(doc):
            token = doc[i]
            if (
                (paragraph, i) in covered
                or not token.text[:1].isupper()
                or person_key(token.text) not in parts
                or words.is_place(i)
            ):
                i += 1
                continue
            start, end = i, _name_end(doc, words, i)
            if end <= i:  # the tagger read the word as no name ("Tagantori said ..." tagged a pronoun)
                if not token.is_oov or token.is_stop:  # a word of the language ("Will the talks ..."): no name here
                    i += 1
                    continue
                end = i + 1  # a word no vocabulary knows, spelled as a name of the article: that name
            while start > 0 and (paragraph, start - 1) not in covered and is_name_word(doc[start - 1], words):
                start -= 1
            start = _name_start(doc, words, start)
            words.mark(start, end, NAME)
            out.append(_person(article, paragraph, start, end))
            covered.update((paragraph, k) for k in range(start, end))
            i = end
    return tuple(out)


def _person(article: ArticleContext, paragraph: int, start: int, end: int) -> Found:
    name = clean_name(article.docs[paragraph][start:end].text)
    return article.found(paragraph, start, end, "Person", name, person_key(name))


def _after_titles(doc: list[Token], words: Words) -> list[tuple[int, int]]:
    """Names right after a title or honorific: "Minister Ilse Varga", "Col. Omar Haddou"."""
    spans = []
    for i, token in enumerate(doc):
        if i + 1 >= len(doc) or not title_end(doc, words.classes, i):
            continue
        start = i + 1
        while start < len(doc) and (words.classes[start] == HONORIFIC or doc[start].text == "."):
            start += 1
        end = _name_end(doc, words, start)
        lowercase_title = not token.text[:1].isupper()
        if end > start and not (lowercase_title and end - start < 2 and doc[start].ent_type_ != "PERSON"):
            spans.append((start, end))
    return spans


#: How far back from a comma a title phrase may start ("the head of the Fijian Navy, X").
_TITLE_PHRASE_WORDS = 8


def _after_title_commas(doc: list[Token], words: Words) -> list[tuple[int, int]]:
    """Names right after a title phrase and a comma: "President of Malta, X", "the head of the
    Fijian Navy, Adm. X", "Peru's ambassador to Oman, X"."""
    spans = []
    for comma in (i for i, t in enumerate(doc) if t.text == "," and 0 < i < len(doc) - 1):
        k = comma - 1
        while (
            k >= max(0, comma - _TITLE_PHRASE_WORDS)
            and words.classes[k] != TITLE
            and (doc[k].text[:1].isupper() or doc[k].lower_ in TITLE_PHRASE_JOINERS)
        ):
            k -= 1
        if k < 0 or words.classes[k] != TITLE:
            continue
        start = comma + 1
        while start < len(doc) and (
            words.classes[start] in (HONORIFIC, TITLE, TITLE_MOD)
            and doc[start].text[:1].isupper()
            or doc[start].text == "."
        ):
            start += 1
        end = _name_end(doc, words, start)
        if end - start >= 2 or end > start and doc[start].ent_type_ == "PERSON":
            spans.append((start, end))
    return spans


#: Words between a comma and the title of an apposition ("X, *the country's* defence minister").
_APPOSITION_OPENERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "country", "nation", "'s", "’s", "former", "new", "then"}
)


def _before_title_commas(doc: list[Token], words: Words) -> list[tuple[int, int]]:
    """Two or more name words before a comma and an apposition that gives a title, whatever NER
    called them: "X Y, the country's defence minister, said"."""
    spans = []
    for comma in (i for i, t in enumerate(doc) if t.text == "," and i >= 2):
        start = comma
        while start > 0 and comma - start < _LONGEST_NAME and _plain_name_word(doc[start - 1], words):
            start -= 1
        if comma - start < 2 or start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_punct:
            continue
        k = comma + 1
        while k < len(doc) and (
            doc[k].lower_ in _APPOSITION_OPENERS or words.classes[k] in (PLACE, DEMONYM, TITLE_MOD)
        ):
            k += 1
        if k < len(doc) and words.classes[k] == TITLE and k > comma + 1 and doc[k].lower_ in STATE_OFFICES:
            spans.append((start, comma))
    return spans


def _plain_name_word(token: Token, words: Words) -> bool:
    """A name word NER left alone or called a body, never a place, event or work: "X Y" of "X Y, the
    defence minister"."""
    return (
        is_name_word(token, words)
        and token.pos_ == "PROPN"
        and token.ent_type_ in {"", "ORG", "PERSON"}
        and token.lower_ not in ORG_HEADS
    )


def _from_ner(doc: Doc, words: Words) -> list[tuple[int, int]]:
    """NER's PERSON spans without leading titles, places and honorifics, grown to the whole name."""
    spans = []
    tokens = words.tokens
    for ent in doc.ents:
        if not (ent.label_ == "PERSON" and not is_named_like_a_body(ent) or _listed_with_people(ent, words)):
            continue
        start, end = ent.start, ent.end
        while end > start and (
            tokens[end - 1].text in _POSSESSIVE or tokens[end - 1].is_punct or not _may_end_name(tokens[end - 1], words)
        ):
            end -= 1  # "Irena Tovar's", "Irena Tovar days after": NER takes a word too many
        while start < end and not _may_start_name(tokens, words, start, end):
            start += 1
        if start < end:
            end = max(end, _name_end(tokens, words, start))
            while start > 0 and _given_name_before(tokens[start - 1], words, start, end):
                start -= 1  # "Ruth" of "Ruth Amani", where NER took the surname alone
            spans.append((_name_start(tokens, words, start), end))
    return spans


def _unlabelled_in_lists(spans: list[tuple[int, int]], words: Words) -> list[tuple[int, int]]:
    """Two or three name words NER labelled nothing, coordinated with a name: "A and *B C*" (a list
    holds one kind of thing)."""
    tokens = words.tokens
    covered = {i for start, end in spans for i in range(start, end)}
    out = []
    for _, end in spans:
        for c in tokens[end - 1].conjuncts:
            first = c.i
            while first > 0 and tokens[first - 1].dep_ == "compound" and tokens[first - 1].head.i == c.i:
                first -= 1
            name = tokens[first : c.i + 1]
            if (
                2 <= len(name) <= 3
                and not covered & set(range(first, c.i + 1))
                and all(t.ent_type_ == "" and _plain_name_word(t, words) for t in name)
            ):
                out.append((first, c.i + 1))
    return out


def _listed_with_people(ent: Span, words: Words) -> bool:
    """A name NER called a body, listed beside people it called people: "ministers A (Peru), B (Chile)
    and C" with B an organization. A list holds one kind of thing; a body's head word keeps it a body."""
    if ent.label_ != "ORG":
        return False
    name = [t for t in ent if not t.is_punct]
    if not 2 <= len(name) <= 3 or not all(_plain_name_word(t, words) for t in name):
        return False
    root = name[-1]
    listed = list(root.conjuncts)
    if root.dep_ == "appos":
        listed += [c for c in kids(root.head) if c.dep_ == "appos" and c != root]
    return any(t.ent_type_ == "PERSON" for t in listed)


def _given_name_before(token: Token, words: Words, start: int, end: int) -> bool:
    """A capitalized word the parse makes part of the name after it, that NER labelled nothing."""
    return (
        token.dep_ == "compound"
        and start <= token.head.i < end
        and token.ent_type_ == ""
        and token.pos_ == "PROPN"
        and is_name_word(token, words)
        and token.lower_ not in PRIVATE_PERSON_NOUNS
    )  # not "Photographer X"


def _may_end_name(token: Token, words: Words) -> bool:
    return is_name_word(token, words) or token.lower_.rstrip(".") in NAME_SUFFIXES or words.is_place(token.i)


def is_named_like_a_body(span) -> bool:
    """A PERSON span that ends in a body's head word ("Getty Images", "Horizon Partners"): a firm's name."""
    return len(span) > 1 and span[-1].lower_ in ORG_HEADS | FIRM_WORDS


def _may_start_name(doc: list[Token], words: Words, i: int, end: int) -> bool:
    """Can a name start at token i of a NER span ending at ``end``?  Not at a title, honorific,
    article or punctuation, nor at a place or demonym unless name words follow it inside the span."""
    if words.classes[i] in (TITLE, HONORIFIC, TITLE_MOD) or doc[i].is_punct or doc[i].pos_ == "DET":
        return False
    if words.is_place(i):
        place = words.places[i]
        return place.end < end and is_name_word(doc[place.end], words)
    return is_name_word(doc[i], words)


def _name_start(doc: list[Token], words: Words, start: int) -> int:
    """Grow a name left over a hyphen join NER cut at ("Jean" "-" + "Claude Ruzindana") and over
    a particle joined to it ("al-" + "Tayeb", "el-" + "Masri")."""
    while (
        start >= 2
        and is_hyphen_join(doc, start - 1)
        and (is_name_word(doc[start - 2], words) or is_particle(doc[start - 2]))
    ):
        start -= 2
    return start


def _lower_name_part(token) -> bool:
    """The lower-case second half of a hyphenated given name that NER reads as part of the name
    ("Hyun-*woo*", "Min-*jae*"), not a word like "led" in "Kim-led"."""
    return token.is_alpha and token.ent_type_ == "PERSON" and token.is_lower


def _name_end(doc: list[Token], words: Words, start: int) -> int:
    """Where a name that starts at ``start`` ends: over name words, particles, initials, hyphen
    joins and suffixes; a place inside counts only with more name after it."""
    k = start
    while k < len(doc) and k - start < _LONGEST_NAME:
        token = doc[k]
        if is_name_word(token, words):
            k += 1
        elif words.is_place(k) and k == start and _followed_by_name(doc, words, k):
            k = words.places[k].end
        elif (
            k > start
            and is_hyphen_join(doc, k)
            and (is_name_word(doc[k + 1], words) or words.is_place(k + 1) or _lower_name_part(doc[k + 1]))
        ):
            k += 2
        elif (
            is_particle(token)
            and k + 1 < len(doc)
            and (is_name_word(doc[k + 1], words) or is_hyphen_join(doc, k + 1))
            and (k > start or token.text[:1].isupper())
        ):
            k += 1
        elif k > start and token.text == "." and len(doc[k - 1].text) == 1:  # an initial: "Mark T. Holloway"
            k += 1
        else:
            break
    if k < len(doc) and k > start and doc[k].lower_.rstrip(".") in NAME_SUFFIXES and doc[k].text[:1].isupper():
        k += 1
    while k > start and (doc[k - 1].text in _POSSESSIVE or is_particle(doc[k - 1]) or doc[k - 1].text == "-"):
        k -= 1
    return k


def _followed_by_name(doc: list[Token], words: Words, k: int) -> bool:
    after = words.places[k].end
    return after < len(doc) and is_name_word(doc[after], words)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans become their union (a title's run and NER's span of one name)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged if e - s <= _LONGEST_NAME]
