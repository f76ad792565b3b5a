"""Passes that find people NER missed or mislabelled, using the names the article itself uses.

A surname the article introduced with a full name is that person, whatever
label NER gave it ("Ratner" tagged ORG, "Blinken" tagged GPE), and an
untagged full name containing it ("Secretary of Defense Lloyd J. Austin
III") is found too; names after a capitalized title are people ("Jordan's
King Abdullah II").
"""

from __future__ import annotations

from collections.abc import Iterable

from graphbuild.extract.found import ArticleContext, ByParagraph, Found
from graphbuild.extract.passes.registry import mention_passes
from graphbuild.extract.spans import expand_name, has_org_head, is_honorific, is_name_word, is_title_word, name_end
from graphbuild.lexicon import ORG_HEADS
from graphbuild.names import clean_name, name_key, person_key

#: Dependencies of a word used on its own as a name ("Haines said", "met Haines").
_STANDALONE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})


class NameIndex:
    """The person names of one article: which tokens are name parts, which keys are full names."""

    def __init__(self, people: Iterable[Found] = ()):
        self.tokens: set[str] = set()
        self.full_names: set[str] = set()
        self.alone: set[str] = set()  # names also used on their own ("Austin", "Biden")
        for p in people:
            self.add(p)

    @classmethod
    def of(cls, found: Iterable[Found]) -> NameIndex:
        return cls(f for f in found if f.type == "Person")

    def add(self, person: Found) -> None:
        words = person.key.split()
        if len(words) >= 2:
            self.full_names.add(person.key)
        elif words:
            self.alone.add(words[0])
        self.tokens.update(w for w in words if len(w) > 2)

    def is_run_together(self, f: Found) -> bool:
        """Two people's names printed together ("Austin Biden reiterated"): each is used alone elsewhere."""
        words = f.key.split()
        return f.type == "Person" and len(words) == 2 and all(w in self.alone for w in words)

    def is_name_token(self, text: str) -> bool:
        return text[:1].isupper() and person_key(clean_name(text)) in self.tokens

    def has_full_name(self, key: str) -> bool:
        return key in self.full_names


def _person(article: ArticleContext, paragraph: int, start: int, end: int) -> Found:
    name = clean_name(article.docs[paragraph][start:end].text)
    return article.found(paragraph, start, end, "Person", name, person_key(name))


def _as_person(f: Found) -> Found:
    return f.retyped("Person", clean_name(f.span.text), person_key(f.span.text))


@mention_passes.register("carve_titled_names")
def carve_titled_names(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """A person's name swallowed by a longer ORG span ("Director of National Intelligence Avril Haines"):
    its last word is used on its own elsewhere in the article, as organizations' last words are not."""
    covered = {(f.paragraph, i) for f in found for i in f.tokens}
    standalone = {
        t.text
        for paragraph, doc in enumerate(article.docs)
        for t in article.tokens[paragraph]
        if is_name_word(t) and (paragraph, t.i) not in covered
        and t.dep_ in _STANDALONE_DEPS and not (t.i and doc[t.i - 1].lower_ == "of")
    }

    def swallows_a_name(f: Found) -> bool:
        if f.type != "Organization" or f.end - f.start < 3:
            return False
        last, first = f.doc[f.end - 1], f.doc[f.end - 2]
        return last.text in standalone and last.lower_ not in ORG_HEADS and first.pos_ == "PROPN" and first.is_title and first.lower_ not in ORG_HEADS

    kept, carved = [], []
    for f in found:
        (carved if swallows_a_name(f) else kept).append(f)
    return tuple(kept + [_person(article, f.paragraph, f.end - 2, f.end) for f in carved])


@mention_passes.register("relabel_names")
def relabel_names(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Spans NER mislabelled that are names the article uses elsewhere ("Ratner" tagged ORG),
    or names right after a title ("German Chancellor Olaf Scholz" with "Olaf Scholz" tagged ORG)."""
    names = NameIndex.of(found)
    in_doc = ByParagraph(found)
    relabelled: list[Found] = []
    for paragraph, doc in enumerate(article.docs):
        current = in_doc(paragraph)
        for n, f in enumerate(current):
            if f.type == "Organization" and 2 <= f.end - f.start <= 3 and _titled_name(f):
                current[n] = _as_person(f)
                names.add(current[n])
        for n, f in enumerate(current):
            # "Ratner" tagged ORG, "Albanese" read as a demonym: a name the article gives in full is that person
            misread = f.type == "Organization" or f.type == "Country" and f.implicit
            if misread and f.end - f.start == 1 and names.is_name_token(f.span.text):
                current[n] = _as_person(f)
        # A known name at the end of a longer non-person span ("Director of National Intelligence
        # Avril Haines" tagged ORG) is carved out.
        carved = []
        for f in [f for f in current if f.type == "Organization" and f.end - f.start >= 2]:
            if names.is_name_token(doc[f.end - 1].text):
                before = doc[f.end - 2]
                first = f.end - 2 if before.pos_ == "PROPN" and before.is_title else f.end - 1
                current.remove(f)
                carved.append(_person(article, paragraph, first, f.end))
        relabelled += current + carved
    return tuple(relabelled)


def _titled_name(f: Found) -> bool:
    doc, span = f.doc, f.span
    return (
        f.start > 0 and is_title_word(doc[f.start - 1]) and doc[f.start - 1].is_title and not has_org_head(span)
        and all(t.pos_ == "PROPN" and t.is_title for t in span)
    )


@mention_passes.register("recover_people")
def recover_people(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """Tokens of a name the article uses elsewhere are that person, whatever NER said;
    so are proper nouns right after a capitalized title ("Jordan's King Abdullah II")."""
    names = NameIndex.of(found)
    out = list(found)
    in_doc = ByParagraph(found)
    for paragraph, doc in enumerate(article.docs):
        covered = {i for f in in_doc(paragraph) for i in f.tokens}
        for title in article.tokens[paragraph]:
            nxt = title.i + 1
            if not (title.is_title and is_title_word(title)) or nxt >= len(doc) or nxt in covered:
                continue
            end = nxt
            while end < len(doc) and end not in covered and _may_continue_name(doc[end]):
                end += 1
            end = name_end(doc, end)
            lone_word = end == nxt + 1 and not names.is_name_token(doc[nxt].text)  # "General Intelligence"
            if end > nxt and not lone_word and not article.gazetteer.country(doc[nxt:end].text):
                out.append(_person(article, paragraph, nxt, end))
                names.add(out[-1])  # "President Ana Ruiz ... Ruiz's chief of staff"
                covered.update(range(nxt, end))
        for token in article.tokens[paragraph]:
            if token.i in covered or not names.is_name_token(token.text):
                continue
            span = expand_name(doc, token.i, covered)
            out.append(_person(article, paragraph, span.start, span.end))
            covered.update(range(span.start, span.end))
    return tuple(out)


def _may_continue_name(token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not is_honorific(token) and token.lower_ not in ORG_HEADS


@mention_passes.register("fix_person_labels")
def fix_person_labels(found: tuple[Found, ...], article: ArticleContext) -> tuple[Found, ...]:
    """PERSON spans that are really organizations ("Bloomberg and Reuters reported")."""
    names = NameIndex.of(found)
    org_first_words = {name_key(f.span[0].text) for f in found if f.type == "Organization"}
    org_roots = {(f.paragraph, f.root.i) for f in found if f.type == "Organization"}

    def is_organization(f: Found) -> bool:
        if f.type != "Person" or names.has_full_name(f.key):
            return False
        conj_with_org = any((f.paragraph, t.i) in org_roots for t in f.root.conjuncts)
        starts_with_org = name_key(f.span[0].text) in org_first_words and f.end - f.start > 1
        return conj_with_org or starts_with_org

    return tuple(f.retyped("Organization", clean_name(f.span.text), "") if is_organization(f) else f for f in found)
