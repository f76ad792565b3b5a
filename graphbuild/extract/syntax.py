"""Grammar helpers over spaCy's dependency parse, written once for every rule.

They answer questions about tokens — the subject of a clause, the objects of
"with" on a word, the agent of a passive — and know nothing of mentions or
relation types.  The dependency labels are those of spaCy's English models
(ClearNLP style).
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

from graphbuild.lexicon import MEMBER_VERBS, RELATIVE_PRONOUNS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
#: Dependents that modify a noun from inside its phrase ("China's", "Chinese", "US").
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    deps = deps if isinstance(deps, (set, frozenset)) else frozenset(deps)
    return [c for c in kids(token) if c.dep_ in deps]


def kids(token: Token) -> list[Token]:
    """``kids(token)``, from a table made once per paragraph: spaCy makes a new Token object for
    every child on every call, and the rules ask for children tens of thousands of times."""
    doc = token.doc
    entry = _KIDS.get(id(doc))
    if entry is None or entry[0] is not doc:
        if len(_KIDS) >= _KIDS_KEPT:
            _KIDS.clear()
        tokens = list(doc)
        table: list[list[Token]] = [[] for _ in tokens]
        for t, head in zip(tokens, doc.to_array([HEAD]).astype("int64").tolist(), strict=True):
            if head:
                table[t.i + head].append(t)
        entry = _KIDS[id(doc)] = (doc, table)
    return entry[1][token.i]


#: The children tables of the paragraphs being extracted (a few articles' worth).
_KIDS: dict[int, tuple[Doc, list[list[Token]]]] = {}
_KIDS_KEPT = 256


def has_prep(token: Token, prepositions: Iterable[str]) -> bool:
    prepositions = frozenset(prepositions)
    return any(c.dep_ == "prep" and c.lower_ in prepositions for c in kids(token))


def agents(verb: Token) -> list[Token]:
    """The "by" phrase of a passive: "was received *by X*"."""
    return [g for c in kids(verb) if c.dep_ == "agent" for g in kids(c) if g.dep_ == "pobj"]


def is_passive(verb: Token) -> bool:
    """A passive clause ("X was sanctioned by Y") or participle ("a meeting requested by X"), not a
    perfect tense in a relative clause ("X, which *has delivered* tanks")."""
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in kids(verb)):
        return True
    return verb.dep_ in {"acl", "relcl"} and not any(
        c.dep_ == "nsubj" or c.dep_ == "aux" and c.lemma_ == "have" for c in kids(verb)
    )


def subjects(token: Token) -> list[Token]:
    """Subjects of the clause a token belongs to, looking through relative clauses and xcomp chains."""
    t = token
    while True:
        found = [c for c in kids(t) if c.dep_ in SUBJECT_DEPS]
        if found:
            subject = found[0]
            if subject.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return [t.head]
            return [subject]
        if t.dep_ == "relcl" and not _is_infinitive(t):
            return [t.head]
        if t.head == t:
            return []
        t = t.head


def _is_infinitive(verb: Token) -> bool:
    """ "packages *to support* X": an infinitival relative clause, whose doer is the main clause's."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token."""
    return next((t for t in token.ancestors if t.pos_ in VERB_POS), None)


def clause_of(token: Token) -> Token | None:
    """The verb heading the clause a token is in (the token itself if it is a verb)."""
    return next((t for t in [token, *token.ancestors] if t.pos_ in VERB_POS), None)


def under_preposition(token: Token, head: Token, prepositions: Iterable[str]) -> bool:
    """True if token hangs below one of the prepositions on its way up to head."""
    prepositions = frozenset(prepositions)
    t = token
    while t != head and t.head != t:
        if t.dep_ == "pobj" and t.head.lower_ in prepositions:
            return True
        t = t.head
    return False


def negated(token: Token) -> bool:
    """ "did *not* meet", "*no* meeting"."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in kids(token))


def subtree_without(head: Token, stop: Container[int]) -> list[Token]:
    """The phrase under head, without the tokens in stop and the commas around it."""
    return [
        t
        for t in head.subtree
        if t.i not in stop and not (t.dep_ == "punct" and t.i in {head.left_edge.i, head.right_edge.i})
    ]


def entity_root(token: Token) -> Token:
    """The root of the named entity a token is part of (the token itself outside entities)."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.root
    return token


def is_word(token: Token, words: frozenset[str]) -> bool:
    """The token is one of words in any regular inflection (the small model lemmatizes "hopes" as "hop")."""
    lower = token.lower_
    return (
        token.lemma_.lower() in words
        or lower in words
        or any(lower.endswith(end) and lower[: -len(end)] in words for end in ("s", "ed", "d", "ing"))
    )


def listed_members(phrase: Token) -> list[Token]:
    """The heads of the phrases a group lists: "comprising X", "which included X", "led by X and
    including Y", "made up of X", "including X", "such as X"."""
    out: list[Token] = []
    for c in kids(phrase):
        if c.dep_ == "prep" and c.lower_ == "as" and any(s.lower_ == "such" for s in kids(c)):
            out += children(c, {"pobj"})  # "negotiators such as X and Y"
        if c.dep_ in {"acl", "relcl", "prep", "conj"} and c.lemma_.lower() in MEMBER_VERBS | {"including"}:
            out += children(c, {"dobj", "pobj"}) + agents(c)
            out += [
                g for p in children(c, {"prep"}) if p.lower_ == "of" for g in children(p, {"pobj"})
            ]  # "made up of X"
            out += [
                o
                for conj in children(c, {"conj"})
                if conj.lemma_.lower() in MEMBER_VERBS
                for o in children(conj, {"dobj", "pobj"}) + agents(conj)
            ]
            out += [
                o
                for lead in agents(c)
                for rel in children(lead, {"relcl"})
                if rel.lemma_.lower() in MEMBER_VERBS
                for o in children(rel, {"dobj"})
            ]
    return out


#: Marks that open and close a quotation (straight quotes do both).
OPENING_QUOTES = frozenset('“"')
CLOSING_QUOTES = frozenset('”"')


def quoted(tokens: list[Token]) -> set[int]:
    """Token indexes inside quotation marks."""
    inside: set[int] = set()
    opened = None
    for t in tokens:
        if opened is None and t.text in OPENING_QUOTES:
            opened = t.i
        elif opened is not None and t.text in CLOSING_QUOTES:
            inside.update(range(opened + 1, t.i))
            opened = None
    return inside
