"""Where each role of an event stands in the parse: grammar only, no mentions.

The participant collector (:mod:`graphbuild.extract.participants`) asks
these for the heads of the phrases that fill a role; they look through
passives, borrow the doer of a clause above, and repair the attachments a
parser most often gets wrong in news ("the longest summit in a decade
*between* A and B", "a banquet given by X *for* Y").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from graphbuild.extract.lexical import Words
from graphbuild.extract.syntax import (
    SUBJECT_DEPS,
    VERB_POS,
    agents,
    children,
    is_passive,
    kids,
    listed_members,
)
from graphbuild.lexicon import (
    CLAUSE_PREPOSITIONS,
    COMPANION_WORDS,
    OCCASION_NOUNS,
    PURPOSE_PREPOSITIONS,
    RECEIVING_VERBS,
    RECIPROCAL_WORDS,
    RELATIVE_PRONOUNS,
    SERIES_NOUNS,
    SIDE_VERBS,
    TIME_NOUNS,
)

_HYPHENS = frozenset({"-", "‐", "‑"})


def verb_before(noun: Token, governors: Iterable[str]) -> Token | None:
    """A verb of the governors list right before a noun trigger the parser did not attach to it
    ("held four-way talks" with "held" read as an adjective)."""
    i = noun.i - 1
    while (
        i >= 0
        and noun.doc[i].pos_ in {"ADJ", "DET", "NUM"}
        and noun.doc[i].dep_ in {"amod", "det", "nummod", "compound"}
    ):
        if noun.doc[i].lemma_.lower() in governors and noun.doc[i].tag_ in {"VBD", "VBN", "VBZ", "VBP"}:
            return noun.doc[i]
        i -= 1
    return noun.doc[i] if i >= 0 and noun.doc[i].lemma_.lower() in governors else None


def governing_verb(noun: Token, governors: Iterable[str]) -> tuple[Token, bool] | None:
    """The verb a noun trigger's doer comes from, and whether the noun is one of its arguments: a
    verb of the pattern's list it is the object of ("*held* talks") or the purpose of ("*pulled* Y
    aside for a talk") — its other arguments take part too — or the verb of the clause it stands
    in as an adverbial ("*after* talks with Y, X said"), whose objects do not."""
    governors = frozenset(governors)
    while noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in SERIES_NOUNS:
        noun = noun.head.head  # "held *a series of* meetings with Y"
    head = noun.head
    if noun.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "nsubj"} and head.pos_ in VERB_POS:
        return (head, True) if head.lemma_.lower() in governors else None
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        while (
            verb.pos_ not in VERB_POS
            and verb.head != verb
            and verb.dep_ in {"amod", "advmod", "advcl", "acomp", "prep", "pobj"}
        ):
            verb = verb.head  # "Straight from a meeting with Y, X said"
        if verb.pos_ not in VERB_POS:
            return None
        if head.lower_ in PURPOSE_PREPOSITIONS and verb.lemma_.lower() in governors:
            return verb, True
        if head.lower_ in CLAUSE_PREPOSITIONS:
            return verb, False
    return None


def doers(verb: Token) -> list[Token]:
    """The doer of a verb, looking through passives and borrowing where the verb has no subject of
    its own: a participle or adverbial clause takes the main clause's, an infinitive its controller's
    (the object of "asked Y to meet"), a relative clause the noun it describes, a coordinated verb
    its first verb's."""
    t = verb
    for _ in range(6):
        if is_passive(t):
            return _passive_doers(t, own_verb=t is verb)
        own = [c for c in kids(t) if c.dep_ in SUBJECT_DEPS]
        if own:
            if own[0].lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return [t.head]
            return own
        if t.dep_ == "relcl" or t.dep_ == "acl" and t.tag_ == "VBG":
            return [t.head]
        if t.dep_ == "xcomp":
            objects = children(t.head, {"dobj"})
            if objects and objects[0].pos_ in {"PROPN", "NOUN", "PRON"} and objects[0].lemma_ not in OCCASION_NOUNS:
                return objects  # "asked Y to meet X", but not "used the occasion to meet X"
        if t.dep_ == "acl" and t.head.lemma_ in OCCASION_NOUNS and t.head.head.pos_ in VERB_POS:
            t = t.head.head  # "took the opportunity to meet X": the one who took it
            continue
        if t.dep_ not in {"xcomp", "advcl", "conj", "pcomp", "ccomp", "prep", "acomp"} and not (
            t.dep_ == "pobj" and t.head.dep_ == "prep"
        ):
            return []
        if t.head == t:
            return []
        t = t.head
        while t.pos_ not in VERB_POS and t.head != t and t.dep_ in {"prep", "pobj", "pcomp", "advmod", "amod", "acomp"}:
            t = t.head
    return []


def _passive_doers(verb: Token, *, own_verb: bool) -> list[Token]:
    """The doer of a passive: its by-phrase, wherever the parser hung it ("supplied with drones *by X*");
    for a passive the verb borrows from, the one it is said of ("X is expected to meet Y": X)."""
    if not own_verb:
        return children(verb, {"nsubjpass"})
    return agents(verb) or [
        g
        for p in verb.subtree
        if p.dep_ == "prep" and p.lower_ == "by" and p.head.pos_ not in VERB_POS
        for g in children(p, {"pobj"})
        if g.pos_ == "PROPN"
    ]


def objects(verb: Token) -> list[Token]:
    """The one acted on: the object; the subject of a passive; the noun a passive participle describes
    ("rifles *shipped* by X"); "each other" stands for the subjects themselves."""
    if is_passive(verb):
        subjects = children(verb, {"nsubjpass"})
        if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]  # "X, who was received by Y": X
        if subjects and children(verb, {"dobj"}):
            return children(verb, {"dobj"})  # "Y was given rifles by X": the rifles (Y is the dative)
        if subjects:
            return subjects
        if verb.dep_ == "conj" and verb.head.pos_ in VERB_POS:  # "X arrived and *was welcomed* by Y": X
            return objects(verb.head) if is_passive(verb.head) else doers(verb.head)
        return [verb.head] if verb.dep_ in {"acl", "relcl", "amod"} else []
    found = children(verb, {"dobj"})
    if found and found[0].lower_ in RECIPROCAL_WORDS:
        return doers(verb)
    if found and found[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return [verb.head]  # "X, whom Y received": X
    if not found:  # "helped *Y* rebuild its ports": the one helped is the subject of the bare clause
        found = [
            s
            for c in children(verb, {"ccomp", "xcomp"})
            if not any(m.tag_ == "TO" for m in kids(c))
            for s in children(c, {"nsubj"})
        ]
    return found + _gapped_objects(verb) if found else found


def object_modifiers(verb: Token, words: Words) -> list[Token]:
    """ "Y received *Norwegian* jets": whose the thing is."""
    return [c for o in objects(verb) for c in kids(o) if c.dep_ in {"amod", "compound", "nmod"} and c.i in words.places]


def datives(verb: Token) -> list[Token]:
    """The one something is given to: "gave *Y* rifles"; the subject of a passive that keeps its
    object, "*Y* was given rifles"."""
    found = children(verb, {"dative"})
    if not found and is_passive(verb) and children(verb, {"dobj"}):
        found = children(verb, {"nsubjpass"})
    if not found:  # "sold *Y* 24 jets": a name before the count is no modifier; the parser made it one
        found = [
            m
            for o in children(verb, {"dobj"})
            for m in kids(o)
            if m.dep_ in {"nmod", "compound"} and m.pos_ == "PROPN" and _counted_after(m, o)
        ]
    return found


def _counted_after(name: Token, thing: Token) -> bool:
    return any(n.dep_ == "nummod" and name.i < n.i < thing.i for n in kids(thing))


def _gapped_objects(verb: Token) -> list[Token]:
    """ "met A in Kyiv on Monday *and B* in Moscow on Thursday": a second object after a time or place,
    which the parser hangs on that time or place as if the two were a list."""
    out = []
    for prep in children(verb, {"prep"}):
        for g in children(prep, {"pobj"}):
            if g.ent_type_ in {"DATE", "TIME", "GPE", "LOC"}:
                out += [
                    c for c in g.conjuncts if c.pos_ == "PROPN" and c.ent_type_ not in {"DATE", "TIME", "GPE", "LOC"}
                ]
            elif g.ent_type_ == "PERSON" and prep.lower_ in {"on", "in", "at"}:
                out.append(g)  # "... on Monday and Russian Minister X": the date made a modifier of the name
    return out


def other_arguments(verb: Token, noun: Token) -> list[Token]:
    """A verb's arguments other than the noun trigger and its doer: "X *gave* Y a hearing",
    "Y was given a hearing by X" (Y), "took *Y* aside for a chat"."""
    if verb.lemma_.lower() in SIDE_VERBS:
        return []
    out = [c for c in kids(verb) if c.dep_ in {"dobj", "dative"} and c.i != noun.i]
    if noun.dep_ == "dobj" and noun.head == verb:  # "granted an audience *to Y*": the dative as a phrase
        out += [g for p in children(verb, {"prep", "dative"}) if p.lower_ == "to" for g in children(p, {"pobj"})]
    if is_passive(verb):
        out += children(verb, {"nsubjpass"})
    return [t for t in out if t.i != noun.i]


def prep_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of a preposition on the trigger, on its object ("held talks *with* Y"), on an amount's
    "in" phrase ("9 million rupees in grants *for* Y"), and on a participle describing a noun trigger
    ("a banquet given by X *for* Y"); "on behalf of", "in honour of" by their noun."""
    hosts = [
        token,
        *(o for d in children(token, {"dobj"}) for o in [d, *d.conjuncts]),
    ]  # "flew supplies and a team *to* Y"
    hosts += [g for h in list(hosts) for p in children(h, {"prep"}) if p.lower_ == "in" for g in children(p, {"pobj"})]
    hosts += [c for c in kids(token) if c.dep_ == "acl" and c.tag_ == "VBN"]
    hosts += [c for h in (token, *children(token, {"prep"})) for c in kids(h) if c.dep_ == "cc"]  # "as well as with Y"
    hosts += [p for p in children(token, {"prep"}) if p.lower_ == "from"]  # "aid from X *to Y*": one range
    if token.pos_ == "NOUN":  # "the delivery of tanks *to Y*": the parser hangs the phrase on the thing
        hosts += [g for p in children(token, {"prep"}) if p.lower_ == "of" for g in children(p, {"pobj"})]
    if token.pos_ in {"NOUN", "PROPN"} and (
        token.dep_ in {"dobj", "nsubjpass"} or token.dep_ == "nsubj" and preposition in {"between", "among"}
    ):
        hosts.append(token.head)  # "threw a banquet *for* Y", "talks were held *with* Y", "talks took place *between*"
    # A phrase hung from a name is the event's, hung there by mistake ("a banquet given by X *for* Y").
    hosts += [
        g
        for h in list(hosts)
        for p in kids(h)
        if p.dep_ in {"prep", "agent"} and p.lower_ != preposition
        for g in kids(p)
        if g.dep_ == "pobj" and g.pos_ == "PROPN"
    ]
    if preposition in {"behalf", "honour", "honor"}:
        return [
            g
            for h in hosts
            for p in children(h, {"prep"})
            for n in children(p, {"pobj"})
            if n.lower_ == preposition
            for of in children(n, {"prep"})
            if of.lower_ == "of"
            for g in children(of, {"pobj"})
        ]
    found = [
        g
        for h in hosts
        for p in kids(h)
        if p.dep_ in {"prep", "dative", "agent"} and p.lower_ == preposition
        for g in kids(p)
        if g.dep_ in {"pobj", "pcomp"}
    ]
    if preposition in {"between", "among"}:  # "between A, B and C", however the list was parsed
        found += _stray_between(token)
        found = [t for g in found for t in g.subtree if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return found


def _stray_between(noun: Token) -> list[Token]:
    """A "between" phrase the parser hung from a time noun right after the event noun: it belongs to
    the event ("the first summit in a decade between A and B")."""
    out = []
    for t in noun.doc[noun.i + 1 : min(noun.i + 8, len(noun.doc))]:
        if t.is_sent_start:
            break
        if t.dep_ == "prep" and t.lower_ in {"between", "among"} and t.head.lemma_.lower() in TIME_NOUNS:
            out += [g for g in kids(t) if g.dep_ == "pobj"]
    return out


def receivers(noun: Token) -> list[Token]:
    """Who gets the support a noun names, where no "to" says so: the doer of a verb of getting or using
    that governs it ("X, *using* Y's assistance", "X *received* Y's aid", "X relies on Y-*supplied* boats")."""
    if noun.dep_ in {"amod", "acl"} and noun.tag_ == "VBN":  # "Y-supplied *boats*", "*boats* supplied by Y"
        noun = noun.head
    while noun.dep_ == "conj" and noun.head != noun:  # "drawing on its reserves and Y's assistance"
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in {"including", "like"}:  # "relies on weapons, including *tanks*"
        noun = noun.head.head  # the weapons, or the verb the parser hung "including" on
        if noun.pos_ in VERB_POS:
            return doers(noun) if noun.lemma_.lower() in RECEIVING_VERBS else []
    verb = noun.head
    if noun.dep_ == "pobj":  # "relies *on* X's support"
        verb = verb.head
    if noun.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in RECEIVING_VERBS:
        return doers(verb)
    return []


def referents(noun: Token) -> list[Token]:
    """Who a descriptive noun is about: "X, *one of the backers*" (apposition), "X is *a backer*"
    (the subject of "be"), "X has been *one of Y's staunchest backers*", "X is *among* its backers",
    "Y's *backers*, including X"."""
    t = noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in {"NUM", "PRON", "NOUN"}:
        t = t.head.head  # "one of the top backers"
    if t.dep_ == "pobj" and t.head.lower_ == "among" and t.head.head.lemma_ == "be":
        return children(t.head.head, {"nsubj"})  # "X is among Y's staunchest backers"
    if t.dep_ == "appos":
        return [t.head]
    if t.dep_ == "attr":
        return children(t.head, {"nsubj"})
    return listed_members(noun)  # "Y's backers, including X and Z"


def phrase_head(noun: Token) -> Token:
    """The head of the phrase a noun trigger modifies: "loan" in "a loan *scheme* for Y"."""
    while noun.dep_ == "compound" and noun.head != noun and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head
    return noun


def hyphen_prefix(trigger: Token, words: Words) -> list[Token]:
    """The country before the hyphen of a participle: "*Saudi*-backed", "*Chinese*-financed"."""
    i = trigger.i
    doc = trigger.doc
    if i >= 2 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return [doc[i - 2]]
    return []


def companion_phrases(token: Token) -> list[Token]:
    """The phrases naming who is with a person: "accompanied by A", "together with A", "along with
    A", "joined by A", "alongside A", "with A at his side"."""
    out: list[Token] = []
    for c in kids(token):
        lemma = c.lemma_.lower()
        if c.dep_ in {"acl", "advcl", "relcl"} and c.tag_ == "VBN" and lemma in COMPANION_WORDS:
            out += agents(c)
        elif c.dep_ in {"advmod", "prep"} and c.lower_ in {"together", "along"}:
            out += [g for p in children(c, {"prep"}) if p.lower_ == "with" for g in children(p, {"pobj"})]
        elif c.dep_ == "prep" and c.lower_ == "alongside":
            out += children(c, {"pobj"})
        elif c.dep_ == "prep" and c.lower_ == "with":
            if any(a.lower_ in {"together", "along"} for a in kids(c)) or any(
                p.lower_ == "at" and any(g.lemma_ == "side" for g in kids(p))
                for g0 in children(c, {"pobj"})
                for p in kids(g0)
            ):
                out += children(c, {"pobj"})
    return out


def whose(token: Token) -> Token:
    """ "whose" stands for the noun its relative clause describes ("X, *whose* call with Y was cut short")."""
    if token.lower_ != "whose":
        return token
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else token


def with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.dep_ != "conj" else [token]
