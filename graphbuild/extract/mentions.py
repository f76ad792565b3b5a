"""Find the people, countries and organizations an article mentions.

spaCy's NER proposes spans; the rules here fix what a small statistical model
gets wrong in news text, using the whole article as context:

* a surname the article introduced with a full name is that person, whatever
  label NER gave it ("Ratner" tagged ORG, "Blinken" tagged GPE), and an
  untagged full name containing it ("Secretary of Defense Lloyd J. Austin III")
  is found too;
* capitals, metonyms, abbreviations and official names are countries
  ("Beijing said", "the Kremlin", "PRC"); demonyms ("Chinese") attach to
  their country but are not mentions of it;
* organization spans are cleaned of roles ("Treasury" in "Treasury
  Secretary"), events ("Shangri-La Dialogue") and name fragments, and
  organization names NER missed ("State Department", "South China Morning
  Post") are found by their head word;
* each person gets the role and the country they act for, from the title
  before the name, an apposition, or the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.gazetteer import Gazetteer, name_key
from graphbuild.models import COUNTRY_EVIDENCE_RANK, CountryEvidence
from graphbuild.extract.lexicon import (
    COUNTRY_BODIES,
    EVENT_HEADS,
    HONORIFICS,
    MEETING_NOUNS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_HEADS,
    SPELLING_VARIANTS,
    TITLE_WORDS,
)



@dataclass
class Found:
    """A mention found in one paragraph's Doc (token offsets), before it becomes a models.Mention."""

    doc: Doc
    start: int
    end: int
    type: str  # Person | Country | Organization
    name: str
    key: str
    role: str | None = None
    country: str | None = None
    country_evidence: CountryEvidence | None = None
    implicit: bool = False
    #: The person whose title this is part of ("Biden" in "Biden's National Security Adviser").
    possessor: "Found | None" = None
    #: Title and apposition tokens that describe this person ("minister" in
    #: "China's defence minister, Admiral Dong Jun"); relations reach the
    #: person through them.
    describes: set[int] = field(default_factory=set)

    @property
    def span(self) -> Span:
        return self.doc[self.start : self.end]

    @property
    def root(self) -> Token:
        return self.span.root

    def set_country(self, code: str | None, evidence: CountryEvidence) -> None:
        if code and COUNTRY_EVIDENCE_RANK[evidence] > COUNTRY_EVIDENCE_RANK[self.country_evidence]:
            self.country, self.country_evidence = code, evidence


def clean_text(text: str) -> str:
    """Straight apostrophes, single spaces, no possessive ending."""
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"'s?$", "", text).strip()


def person_key(name: str) -> str:
    """Identity key of a person's name: no initials, suffixes or honorifics ("Lloyd J. Austin III" -> "lloyd austin")."""
    words = [w for w in name_key(name).split() if len(w) > 1 and w not in NAME_SUFFIXES]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def org_key(name: str) -> str:
    """Identity key of an organization's name ("US Defence Department" and "Department of Defense" agree)."""
    words = [SPELLING_VARIANTS.get(w, w) for w in name_key(name).split()]
    if len(words) >= 2 and words[-1] in ORG_HEADS and words[-2] not in {"of", "for"}:
        words = [words[-1], "of", *words[:-1]]  # "defense department" -> "department of defense"
    return " ".join(words)


class MentionFinder:
    """Finds mentions in the paragraphs (Docs) of one article."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def find(self, docs: list[Doc]) -> list[Found]:
        found: list[Found] = []
        for doc in docs:
            found.extend(self._from_ner(doc))
        _carve_titled_names(docs, found)
        names = _NameIndex(f for f in found if f.type == "Person")
        orgs = {name_key(f.span[0].text) for f in found if f.type == "Organization"}
        for doc in docs:
            self._relabel_names(doc, found, names)
        found = [f for f in found if not _is_spurious(f, names, orgs) and not names.is_run_together(f)]
        orgs = {name_key(f.span[0].text) for f in found if f.type == "Organization"}
        for doc in docs:
            self._recover_people(doc, found, names)
            self._recover_organizations(doc, found)
        found = self._fix_person_labels(found, names, orgs)
        found = _drop_overlaps(found)
        for org in (f for f in found if f.type == "Organization"):
            self._normalize_organization(org)
        countries = {id(doc): self._country_tokens(doc, found) for doc in docs}
        for person in (f for f in found if f.type == "Person"):
            self._describe_person(person, found, countries[id(person.doc)])
        return sorted(found, key=lambda f: (f.doc.user_data.get("offset", 0), f.start, f.end))

    # -- NER spans ------------------------------------------------------------

    def _from_ner(self, doc: Doc) -> Iterable[Found]:
        for ent in doc.ents:
            label = ent.label_
            span = _trim(ent)
            if span is None:
                continue
            text = clean_text(span.text)
            if label in {"GPE", "LOC", "ORG", "FAC", "NORP"}:
                code = self.gaz.country(text, allow_abbreviation=label != "LOC")
                if code:
                    yield Found(doc, span.start, span.end, "Country", self.gaz.name_of(code), code)
                    continue
                metonym = self.gaz.organizations.get(name_key(text))
                if metonym:
                    yield Found(doc, span.start, span.end, "Organization", metonym[0], "", country=metonym[1], country_evidence="title")
                    continue
            if label == "NORP":
                code = self.gaz.demonym(text)
                if code:
                    yield Found(doc, span.start, span.end, "Country", self.gaz.name_of(code), code, implicit=True)
            elif label == "PERSON":
                person = _person_span(span)
                if person is not None:
                    name = clean_text(person.text)
                    yield Found(doc, person.start, person.end, "Person", name, person_key(name))
            elif label in {"ORG", "FAC"} or (label == "GPE" and _is_named_body(span)):
                if label == "FAC" and not _has_org_head(span):
                    continue
                yield Found(doc, span.start, span.end, "Organization", text, "")

    # -- what NER missed ----------------------------------------------------

    def _relabel_names(self, doc: Doc, found: list[Found], names: "_NameIndex") -> None:
        """Spans NER mislabelled that are names the article uses elsewhere ("Ratner" tagged ORG),
        or names right after a title ("German Chancellor Olaf Scholz" with "Olaf Scholz" tagged ORG)."""
        for f in [f for f in found if f.doc is doc and f.type == "Organization" and 2 <= f.end - f.start <= 3]:
            span = f.span
            if f.start > 0 and _is_title_word(doc[f.start - 1]) and doc[f.start - 1].is_title and not _has_org_head(span) \
                    and all(t.pos_ == "PROPN" and t.is_title for t in span):
                f.type, f.name, f.key = "Person", clean_text(span.text), person_key(span.text)
                names.add(f)
        for f in [f for f in found if f.doc is doc and f.type == "Organization" and f.end - f.start == 1]:
            if names.is_name_token(f.span.text):
                f.type, f.name, f.key = "Person", clean_text(f.span.text), person_key(f.span.text)
        # A known name at the end of a longer non-person span ("Director of
        # National Intelligence Avril Haines" tagged ORG) is carved out.
        for f in [f for f in found if f.doc is doc and f.type == "Organization" and f.end - f.start >= 2]:
            last = doc[f.end - 1]
            if names.is_name_token(last.text):
                first = f.end - 2 if doc[f.end - 2].pos_ == "PROPN" and doc[f.end - 2].is_title else f.end - 1
                found.remove(f)
                name = clean_text(doc[first : f.end].text)
                found.append(Found(doc, first, f.end, "Person", name, person_key(name)))

    def _recover_people(self, doc: Doc, found: list[Found], names: "_NameIndex") -> None:
        """Tokens of a name the article uses elsewhere are that person, whatever NER said;
        so are proper nouns right after a capitalized title ("Jordan's King Abdullah II")."""
        covered = {i for f in found if f.doc is doc for i in range(f.start, f.end)}
        for title in doc:
            nxt = title.i + 1
            if not (title.is_title and _is_title_word(title)) or nxt >= len(doc) or nxt in covered:
                continue
            end = nxt
            while end < len(doc) and end not in covered and doc[end].pos_ == "PROPN" and doc[end].is_title and not _is_title_word(doc[end]) and doc[end].lower_ not in ORG_HEADS:
                end += 1
            end = _name_end(doc, end)
            if end > nxt and not self.gaz.country(doc[nxt:end].text):
                name = clean_text(doc[nxt:end].text)
                found.append(Found(doc, nxt, end, "Person", name, person_key(name)))
                covered.update(range(nxt, end))
        for token in doc:
            if token.i in covered or not names.is_name_token(token.text):
                continue
            if token.pos_ != "PROPN" and not token.text[:1].isupper():
                continue
            span = _expand_name(doc, token.i, covered)
            name = clean_text(span.text)
            found.append(Found(doc, span.start, span.end, "Person", name, person_key(name)))
            covered.update(range(span.start, span.end))

    def _recover_organizations(self, doc: Doc, found: list[Found]) -> None:
        """Proper-noun runs ending in an organization head word ("State Department") that NER missed."""
        covered = {i for f in found if f.doc is doc and f.type != "Country" for i in range(f.start, f.end)}
        countries = [f for f in found if f.doc is doc and f.type == "Country"]
        i = 0
        while i < len(doc):
            token = doc[i]
            if token.i in covered or not token.is_title:
                i += 1
                continue
            j = i
            while j < len(doc) and j not in covered and (doc[j].is_title or doc[j].lower_ in {"of", "for", "and"}) and doc[j].pos_ in {"PROPN", "NOUN", "ADP", "CCONJ"}:
                j += 1
            while j > i and not doc[j - 1].is_title:
                j -= 1
            run = doc[i:j]
            if len(run) >= 2 and run[-1].lower_ in ORG_HEADS and run[-1].pos_ in {"PROPN", "NOUN"}:
                inner = [c for c in countries if i <= c.start and c.end <= j]
                if all(c.start > i for c in inner):  # "South China Morning Post": a country inside the name
                    for c in inner:
                        found.remove(c)
                    found.append(Found(doc, i, j, "Organization", clean_text(run.text), ""))
                    covered.update(range(i, j))
            i = max(j, i + 1)
        # "the Chinese embassy": a body named only by its country.
        for f in [f for f in found if f.doc is doc and f.type == "Country"]:
            nxt = doc[f.end] if f.end < len(doc) else None
            if nxt is not None and nxt.lower_ in COUNTRY_BODIES and nxt.i not in covered:
                found.append(Found(doc, f.start, nxt.i + 1, "Organization", clean_text(doc[f.start : nxt.i + 1].text), "", country=f.key, country_evidence="title"))
                covered.add(nxt.i)

    def _fix_person_labels(self, found: list[Found], names: "_NameIndex", orgs: set[str]) -> list[Found]:
        """PERSON spans that are really organizations ("Bloomberg and Reuters reported")."""
        org_roots = {(f.doc, f.root.i) for f in found if f.type == "Organization"}
        for f in found:
            if f.type != "Person" or names.has_full_name(f.key):
                continue
            root = f.root
            conj_with_org = any((f.doc, t.i) in org_roots for t in [*root.conjuncts])
            starts_with_org = name_key(f.span[0].text) in orgs and f.end - f.start > 1
            if conj_with_org or starts_with_org:
                f.type, f.name, f.key = "Organization", clean_text(f.span.text), ""
        return found

    # -- people: role and country -------------------------------------------

    def _country_tokens(self, doc: Doc, found: list[Found]) -> dict[int, Found]:
        """Token index -> the country it names, for one paragraph: country mentions, country words
        inside other spans ("US" in "US Treasury Secretary") and organizations with a country
        ("US Defence Department spokesperson")."""
        countries = {i: f for f in found if f.doc is doc and f.type == "Country" for i in range(f.start, f.end)}
        for t in doc:
            if t.i not in countries and t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ"}:
                code = self.gaz.country(t.text) or self.gaz.demonym(t.text)
                if code:
                    countries[t.i] = Found(doc, t.i, t.i + 1, "Country", self.gaz.name_of(code), code, implicit=True)
        for f in found:
            if f.doc is doc and f.type == "Organization" and f.country:
                for i in range(f.start, f.end):
                    countries.setdefault(i, Found(doc, i, i + 1, "Country", self.gaz.name_of(f.country), f.country, implicit=True))
        return countries

    def _describe_person(self, person: Found, found: list[Found], countries: dict[int, Found]) -> None:
        doc = person.doc
        other_people = {i for f in found if f.doc is doc and f.type == "Person" and f is not person for i in range(f.start, f.end)}
        root = person.root
        role_parts: list[str] = []

        # 1. The title before the name: "US Defence Secretary Lloyd Austin".
        prefix = _title_prefix(doc, person, other_people)
        start = prefix[0].i if prefix else person.start
        if start >= 2 and doc[start - 1].dep_ == "case":
            if start - 2 in countries:  # "Russia's Defence Minister Andrei Belousov"
                person.set_country(countries[start - 2].key, "title")
            person.possessor = next((f for f in found if f.doc is doc and f.type == "Person" and f.start <= start - 2 < f.end), None)
        if prefix:
            role_parts.append(_role_text(prefix, countries))
            person.describes.update(t.i for t in prefix)
            for t in prefix:
                if t.i in countries:
                    person.set_country(countries[t.i].key, "title")
        # 2. An apposition after it: "Ely Ratner, its assistant secretary ...".
        for child in root.children:
            if child.dep_ == "appos" and child.i not in other_people and _is_title_phrase(child):
                role_parts.append(_role_text(_subtree(child, stop=other_people), countries))
                person.describes.add(child.i)
                self._country_from_phrase(person, child, countries, other_people)
        # 3. The name as apposition of a title: "China's defence minister, Admiral Dong Jun"
        #    (or of a noun inside it: "China's envoy to the US, Xie Feng").
        head = root.head if root.dep_ == "appos" else _comma_title(doc, person, prefix)
        for _ in range(3):
            if head is None or _is_title_phrase(head) or head.dep_ not in {"pobj", "prep"}:
                break
            head = head.head
        if head is not None and _is_title_phrase(head) and head.i not in other_people:
            phrase = [t for t in _subtree(head, stop=other_people) if t.i < root.left_edge.i and not _under_preposition(t, head, {"to", "with", "in", "for"})]
            role_parts.insert(0, _role_text(phrase, countries))
            person.describes.add(head.i)
            self._country_from_phrase(person, head, countries, other_people)
        # 4. "officials, including X" and "the senior U.S. diplomat ... has been X".
        t = root
        for _ in range(4):  # "Washington policymakers, including Director of National Intelligence Avril Haines"
            if t.dep_ == "pobj" and t.head.lower_ in {"including", "as"}:
                self._country_from_modifiers(person, t.head.head, countries, "syntax")
                break
            t = t.head
        if root.dep_ == "attr" and root.head.lemma_ == "be":
            for subj in (c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"}):
                self._country_from_modifiers(person, subj, countries, "syntax")
        # 5. The only country the sentence names outside other people's titles.
        clause = _clause_of(root)
        if person.country is None and clause is not None:
            sentence_countries = {
                f.key
                for i, f in countries.items()
                if not f.implicit or doc[i].ent_type_ in {"NORP", "GPE"}
                if clause.left_edge.i <= i <= clause.right_edge.i and i not in other_people
                and doc[i].dep_ in {"compound", "amod", "poss", "nmod"}  # "a U.S. request", not "visited China"
                and not _under_preposition(doc[i], clause, _ANY_PREPOSITION) and not _in_others_title(doc[i], other_people)
                and _clause_of(doc[i]) == clause
            }
            if len(sentence_countries) == 1:
                person.set_country(sentence_countries.pop(), "sentence")
        role = "; ".join(dict.fromkeys(p for p in role_parts if p))
        person.role = role or None

    def _country_from_phrase(self, person: Found, head: Token, countries: dict[int, Found], other_people: set[int]) -> None:
        """The country a title phrase names: its own modifiers first, then deeper ("director of China's ... office")."""
        self._country_from_modifiers(person, head, countries, "title")
        if person.country_evidence == "title":
            return
        for t in _subtree(head, stop=other_people):
            if t.i in countries and not _under_preposition(t, head, {"to", "with", "against", "toward", "towards", "in", "near"}):
                person.set_country(countries[t.i].key, "syntax")
                return

    @staticmethod
    def _country_from_modifiers(person: Found, head: Token, countries: dict[int, Found], evidence: CountryEvidence) -> None:
        for t in [head, *head.children]:
            if t.i in countries and (t is head or t.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}):
                person.set_country(countries[t.i].key, evidence)
                return
            for grandchild in t.children if t is not head and t.dep_ == "compound" else ():
                if grandchild.i in countries and grandchild.dep_ in {"compound", "amod", "poss"}:
                    person.set_country(countries[grandchild.i].key, evidence)
                    return

    # -- organizations --------------------------------------------------------

    def _normalize_organization(self, org: Found) -> None:
        """Drop country words and articles from the name; the country becomes an attribute."""
        span = org.span
        tokens = list(span)
        while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].dep_ == "case"):
            tokens = tokens[1:]
        while len(tokens) > 1 and self.gaz.demonym(tokens[0].text) and tokens[1].text[:1].isupper():
            org.set_country(self.gaz.demonym(tokens[0].text), "title")
            tokens = tokens[1:]
            if tokens and tokens[0].dep_ == "case":
                tokens = tokens[1:]
        before = span.doc[span.start - 1].text.strip("“”\"'‘’") if span.start > 0 else ""
        if org.country is None and before[:1].isupper():
            org.set_country(self.gaz.country(before) or self.gaz.demonym(before), "title")
        if org.country is None:
            for child in span.root.children:
                if child.dep_ in {"poss", "compound", "amod"} and child.i < span.start:
                    code = self.gaz.country(child.text) or self.gaz.demonym(child.text)
                    if code:
                        org.set_country(code, "title")
        name = clean_text("".join(t.text_with_ws for t in tokens)) if tokens else org.name
        metonym = self.gaz.organizations.get(name_key(name))
        if metonym:
            name = metonym[0]
            org.set_country(metonym[1], "title")
        org.name = name
        org.key = org_key(name)


class _NameIndex:
    """The person names of one article: which tokens are name parts, which keys are full names."""

    def __init__(self, people: Iterable[Found]):
        self.tokens: set[str] = set()
        self.full_names: set[str] = set()
        self.alone: set[str] = set()  # names also used on their own ("Austin", "Biden")
        for p in people:
            words = p.key.split()
            if len(words) >= 2:
                self.full_names.add(p.key)
            elif words:
                self.alone.add(words[0])
            self.tokens.update(w for w in words if len(w) > 2)

    def add(self, p: "Found") -> None:
        words = p.key.split()
        if len(words) >= 2:
            self.full_names.add(p.key)
        self.tokens.update(w for w in words if len(w) > 2)

    def is_run_together(self, f: "Found") -> bool:
        """Two people's names printed together ("Austin Biden reiterated"): each is used alone elsewhere."""
        words = f.key.split()
        return f.type == "Person" and len(words) == 2 and all(w in self.alone for w in words)

    def is_name_token(self, text: str) -> bool:
        return text[:1].isupper() and person_key(clean_text(text)) in self.tokens

    def has_full_name(self, key: str) -> bool:
        return key in self.full_names


# --- span helpers ---------------------------------------------------------------


def _trim(span: Span) -> Span | None:
    """Drop leading articles and trailing possessives/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].dep_ == "case" or doc[end - 1].is_punct or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    return doc[start:end] if end > start else None


def _person_span(span: Span) -> Span | None:
    """A PERSON span without the honorifics NER sometimes includes ("President Biden" -> "Biden")."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and doc[start].lower_.strip(".") in HONORIFICS | TITLE_WORDS:
        start += 1
    if not any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end]):
        return None
    return doc[start:_name_end(doc, end)]


def _name_end(doc: Doc, end: int) -> int:
    """Extend a name over particles and suffixes NER left out ("Abdel Fattah" + "el-Sisi", "Abdullah" + "II")."""
    while end < len(doc):
        t = doc[end]
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


def _expand_name(doc: Doc, i: int, covered: set[int]) -> Span:
    """Grow a name token into the full name around it: given names and initials before, suffixes after."""
    start, end = i, i + 1
    while start > 0 and start - 1 not in covered:
        prev = doc[start - 1]
        initial = prev.text[:1].isalpha() and (len(prev.text) <= 2 and prev.text.endswith(".") or (len(prev.text) == 1 and prev.is_upper))
        if not (prev.pos_ == "PROPN" and prev.is_title and prev.lower_ not in HONORIFICS | TITLE_WORDS) and not initial:
            break
        if start >= 2 and doc[start - 2].lower_ == "of":  # "Secretary of Defense Lloyd Austin"
            break
        start -= 1
    while end < len(doc) and end not in covered and doc[end].lower_.strip(".") in NAME_SUFFIXES and doc[end].text[:1].isupper():
        end += 1
    return doc[start:end]


def _has_org_head(span: Span) -> bool:
    return any(t.lower_ in ORG_HEADS for t in span)


def _is_named_body(span: Span) -> bool:
    """A place-labelled name that an apposition calls a body ("Rosoboronexport, Russia's leading arms exporter")."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in span.root.children)


def _is_spurious(f: Found, names: _NameIndex, orgs: set[str]) -> bool:
    """Organization spans that are really roles, events, regions or fragments of a longer name."""
    if f.type != "Organization":
        return False
    span = f.span
    words = [t.lower_ for t in span]
    root = span.root
    if names.is_name_token(span.text) or (len(span) == 1 and not span[0].text[:1].isupper()):
        return True
    if words[-1] in EVENT_HEADS:
        return True
    if not _has_org_head(span) and not (span.text.isupper() and len(span.text) >= 3):  # acronyms ("NATO") stay
        # "Treasury" in "Treasury Secretary", "Defense" in "Secretary of Defense"
        if root.dep_ == "compound" and root.head.lemma_.lower() in TITLE_WORDS:
            return True
        if root.dep_ == "pobj" and root.head.head.lemma_.lower() in TITLE_WORDS:
            return True
        if span.start >= 2 and span.doc[span.start - 1].lower_ == "of" and _is_title_word(span.doc[span.start - 2]):
            return True  # "Secretary of State", parsed any way
        if any(t.lower_ in TITLE_WORDS for t in span) or span[-1].i + 1 < len(span.doc) and span.doc[span[-1].i + 1].lower_ in TITLE_WORDS:
            return True
        if "-" in span.text and " " not in span.text:  # "Indo-Pacific", "Asia-Pacific": adjectives
            return True
    # "office for International Military Cooperation": the tail of a longer name
    if root.dep_ == "pobj" and root.head.head.lower_ in ORG_HEADS and root.head.head.pos_ == "NOUN" and root.head.head.is_lower:
        return True
    return False


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """Where spans overlap, the longer (then earlier-found) one wins."""
    kept: list[Found] = []
    taken: set[tuple[int, int]] = set()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        cells = {(id(f.doc), i) for i in range(f.start, f.end)}
        if cells & taken:
            continue
        kept.append(f)
        taken |= cells
    return kept


def _title_prefix(doc: Doc, person: Found, other_people: set[int]) -> list[Token]:
    """Tokens before the name that form its title ("US Defence Secretary", "Chinese President")."""
    tokens: list[Token] = []
    i = person.start - 1
    left_edge = person.root.left_edge.i
    while i >= left_edge:
        t = doc[i]
        coordinated_title = t.pos_ == "CCONJ" and i > 0 and _is_title_word(doc[i - 1])
        if t.i in other_people or not re.fullmatch(r"[\w.'’-]+", t.text) or t.is_punct and t.text not in {"-", "."} or t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON"} and t.lower_ != "of" and not coordinated_title:
            break
        if t.dep_ == "case":  # "Biden's National Security Adviser": stop at the possessor
            break
        tokens.insert(0, t)
        if t.pos_ == "DET":
            break
        i -= 1
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].lower_ == "of"):
        tokens = tokens[1:]
    if not any(_is_title_word(t) for t in tokens) and not tokens:
        return []
    return tokens if any(_is_title_word(t) for t in tokens) or tokens and tokens[-1].ent_type_ in {"NORP", "GPE"} else []


def _is_title_word(token: Token) -> bool:
    word = token.lower_.split("-")[-1]
    return word in TITLE_WORDS or token.lemma_.lower() in TITLE_WORDS


def _is_title_phrase(head: Token) -> bool:
    return head.pos_ in {"NOUN", "PROPN"} and any(_is_title_word(t) for t in [head, *head.lefts])


def _subtree(head: Token, stop: set[int]) -> list[Token]:
    return [t for t in head.subtree if t.i not in stop and not (t.dep_ == "punct" and t.i in {head.left_edge.i, head.right_edge.i})]


def _role_text(tokens: list[Token], countries: dict[int, Found]) -> str:
    """A title phrase without articles, possessives and country words: "Defence Secretary"."""
    cut = next((k for k, t in enumerate(tokens) if k and (t.pos_ in {"VERB", "AUX"} or t.tag_ in {"WDT", "WP"} or t.is_punct and t.text not in {"-", "."} or _is_event_phrase(t))), len(tokens))
    tokens = tokens[:cut]
    words = [t for t in tokens if t.pos_ not in {"DET"} and t.dep_ != "case" and t.i not in countries and t.lower_ not in {"its", "his", "her", "their", "our"}]
    while words and (words[-1].is_punct or words[-1].pos_ in {"ADP", "CCONJ"}):
        words = words[:-1]
    while words and (words[0].is_punct or words[0].pos_ in {"ADP", "CCONJ"}):
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip(" ,")
    return clean_text(text) if any(_is_title_word(t) for t in words) else ""


def _under_preposition(token: Token, head: Token, preps: set[str]) -> bool:
    """True if token hangs below a preposition in preps on its way up to head."""
    t = token
    while t != head and t.head != t:
        if t.dep_ == "pobj" and t.head.lower_ in preps:
            return True
        t = t.head
    return False


def _in_others_title(token: Token, other_people: set[int]) -> bool:
    """A demonym or country inside another person's title ("Russian" in "Russian President Vladimir Putin")."""
    head = token.head
    return head.i in other_people or (head.dep_ == "compound" and head.head.i in other_people)


_ANY_PREPOSITION = frozenset({"to", "with", "against", "toward", "towards", "in", "near", "from", "by", "for", "of", "on", "at", "over", "about", "into", "after", "before", "between", "during", "since", "under", "across"})


def _clause_of(token: Token) -> Token | None:
    """The verb heading the clause a token is in."""
    for t in [token, *token.ancestors]:
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def _is_event_phrase(token: Token) -> bool:
    """A preposition introducing an event ("for a meeting"): the end of a title phrase."""
    return token.pos_ == "ADP" and any(c.dep_ == "pobj" and c.lemma_.lower() in MEETING_NOUNS for c in token.children)


def _comma_title(doc: Doc, person: Found, prefix: list[Token]) -> Token | None:
    """A title noun right before "<title>, Name" that the parser did not attach as apposition
    ("US Defence Department spokesperson, Lieutenant Colonel Martin Meiners")."""
    start = prefix[0].i if prefix else person.start
    if start >= 2 and doc[start - 1].text == "," and _is_title_word(doc[start - 2]) and doc[start - 2].pos_ in {"NOUN", "PROPN"}:
        return doc[start - 2]
    return None


def _carve_titled_names(docs: list[Doc], found: list[Found]) -> None:
    """A person's name swallowed by a longer ORG span ("Director of National Intelligence Avril Haines"):
    its last word is used on its own elsewhere in the article, as organizations' last words are not."""
    covered = {(id(f.doc), i) for f in found for i in range(f.start, f.end)}
    standalone = {
        t.text
        for doc in docs
        for t in doc
        if t.pos_ in {"PROPN", "NOUN"} and t.is_title and (id(doc), t.i) not in covered
        and t.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"} and not (t.i and doc[t.i - 1].lower_ == "of")
    }
    for f in [f for f in found if f.type == "Organization" and f.end - f.start >= 3]:
        doc = f.doc
        last, first = doc[f.end - 1], doc[f.end - 2]
        if last.text in standalone and last.lower_ not in ORG_HEADS and first.pos_ == "PROPN" and first.is_title and first.lower_ not in ORG_HEADS:
            found.remove(f)
            name = clean_text(doc[f.end - 2 : f.end].text)
            found.append(Found(doc, f.end - 2, f.end, "Person", name, person_key(name)))
