"""Who takes part in an event: one collector for every trigger, from the grammar.

A trigger pattern names *roles* (graphbuild/rules.py); :meth:`Participants.role`
finds the phrases that fill a role, and :meth:`Participants.side` the people,
countries or bodies those phrases stand for.  Written once, for every event:

* **roles**: the doer (subject; the by-phrase of a passive), the one acted on
  (object; the subject of a passive; the noun a passive participle
  describes), the objects of a preposition on the trigger or its object,
  "X's", the indirect object, a country modifying a noun ("Canadian aid");
  for a noun trigger, the doer and other arguments of the verb it hangs
  from ("X *held* talks with Y", "Y was *granted* an audience by X") or of
  the clause it stands in ("*after* talks with Y, X said");
* **borrowed doers**: participles and adverbial clauses take the main
  clause's subject ("Meeting Y on Tuesday, X said"), infinitives their
  controller ("X plans to meet Y", "asked Y to meet X"), relative clauses
  the noun they describe ("X, who met Y"), coordinated verbs their first
  verb's ("X arrived and met Y");
* **who a phrase stands for**: the mention it is, with its conjuncts ("A, B
  and C"); a title tied to a name ("her Chilean counterpart, Tomás ...");
  a reference's antecedents ("he", "the two leaders"); a group's listed
  members ("a delegation comprising A and B", "led by A and including B");
  and a person's companions ("X, accompanied by A", "together with A", "with
  A at his side");
* **for countries**: a country modifying the phrase ("Germany's cabinet",
  "the Kenyan army") or, for whom support goes to, the country a state body,
  a bid or a project belongs to ("Romania's air force", "a centre in
  Benin") — never a rebel group's or a company's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from graphbuild.extract.found import Found, Ref
from graphbuild.extract.lexical import Words
from graphbuild.extract.syntax import SUBJECT_DEPS, VERB_POS, agents, children, is_passive
from graphbuild.lexicon import COMPANION_WORDS, GROUP_NOUNS, MEMBER_VERBS, NON_STATE_WORDS, RECIPROCAL_WORDS, RELATIVE_PRONOUNS, STATE_BODIES
from graphbuild.rules import Pattern, Side

#: Prepositions under which a noun's event is the doing of the clause's subject ("*after* talks with Y, X said").
_CLAUSE_PREPOSITIONS = frozenset({"after", "following", "before", "ahead", "during", "at", "from", "since", "in", "upon", "on", "amid", "despite", "of"})
#: Prepositions through which a verb of the governors list takes a meeting noun ("pulled Y aside *for* a talk").
_PURPOSE_PREPOSITIONS = frozenset({"for", "into", "to", "in"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_HYPHENS = frozenset({"-", "‐", "‑"})


class Participants:
    """The mentions of one paragraph Doc, by token, and the roles of its triggers."""

    def __init__(self, doc: Doc, words: Words, mentions: Iterable[Found], by_ref: Mapping[Ref, Found]):
        """``mentions``: the paragraph's own; ``by_ref``: the article's, for what references stand for."""
        self.doc = doc
        self.words = words
        self.by_ref = by_ref
        self.by_token: dict[int, Found] = {}
        for m in mentions:
            for i in [*m.tokens, *sorted(m.describes)]:
                self.by_token.setdefault(i, m)
        #: (leader, companion) pairs met while collecting, for ACCOMPANIED_BY.
        self.companions_seen: dict[tuple[Ref, Ref], tuple[Found, Found, Token]] = {}

    # --- who a phrase stands for ---------------------------------------------------------

    def mention(self, token: Token) -> Found | None:
        return self.by_token.get(token.i)

    def named(self, m: Found | None) -> list[Found]:
        """The named mentions a mention stands for: itself, or a reference's antecedents."""
        if m is None:
            return []
        if m.is_reference:
            return [self.by_ref[r] for r in m.antecedents if r in self.by_ref]
        return [m]

    def side(self, trigger: Token, side: Side, pattern: Pattern) -> tuple[list[Found], bool]:
        """The participants on one side, and whether any phrase filled its roles at all (a phrase that
        names no one — "met reporters" — still fills the role)."""
        found: list[Found] = []
        filled = False
        for role in side.roles:
            for token in self.role(trigger, role, pattern):
                filled = True
                for m in self.stands_for(token, side.match):
                    if m not in found:
                        found.append(m)
        return found, filled

    def stands_for(self, token: Token, match: str) -> list[Found]:
        if match == "person":
            return self.people(token)
        if match == "head":
            return [m for t in _with_conjuncts(token) for m in self.named(self.mention(t)) if not m.implicit]
        out = []
        for t in _with_conjuncts(token):
            for m in self.actors(t) or (self.beneficiaries(t) if match == "beneficiary" else []):
                if m not in out and (match != "beneficiary" or is_state_actor(m)):
                    out.append(m)
        return out

    def people(self, token: Token) -> list[Found]:
        """The persons a noun phrase names, with its conjuncts, groups and companions."""
        out: list[Found] = []
        for t in _with_conjuncts(token):
            found = self.named(self.mention(t)) or self.titled(t) or self.members(t)
            for m in found + self.companions(t, found):
                if m.type == "Person" and m not in out:
                    out.append(m)
        return out

    def titled(self, title: Token) -> list[Found]:
        """The person a title stands in apposition with: "the Chancellor of Austria, X"."""
        return [m for c in title.children if c.dep_ == "appos" for m in self.named(self.mention(c))]

    def members(self, group: Token) -> list[Found]:
        """The people a group is named as: "a delegation comprising X and Y", "led by X and
        including Y", "members of the delegation, including X", "the delegations of X and Y"."""
        lemma = group.lemma_.lower()
        if lemma not in GROUP_NOUNS and lemma != "member" or self.mention(group) is not None:
            return []
        heads = _listed(group)
        of_phrases = [g for of in children(group, {"prep"}) if of.lower_ == "of" for g in children(of, {"pobj"})]
        if lemma == "member":  # "members of the delegation, including X" lists them on either noun
            heads += [h for g in of_phrases for h in _listed(g)]
        else:  # "the delegations of X and Y"
            heads += of_phrases
        found = [m for h in heads for t in _with_conjuncts(h) for m in self.named(self.mention(t)) or self.titled(t) if m.type == "Person"]
        leaders = [m for c in group.children if c.dep_ in {"acl", "relcl"} and c.lemma_ in {"lead", "head"}
                   for a in agents(c) for t in _with_conjuncts(a) for m in self.named(self.mention(t))]
        for lead in leaders:
            for m in found:
                if m.ref != lead.ref:
                    self.companions_seen.setdefault((lead.ref, m.ref), (lead, m, group))
        return list(dict.fromkeys(found))

    def companions(self, token: Token, leaders: list[Found]) -> list[Found]:
        """People in a person's party: "X, accompanied by A", "X, together with A", "X, along with A",
        "X, joined by A", "with A at his side"."""
        found: list[Found] = []
        for phrase in _companion_phrases(token):
            for t in _with_conjuncts(phrase):
                for m in self.named(self.mention(t)) or self.titled(t):
                    if m.type == "Person" and m not in leaders and m not in found:
                        found.append(m)
        for lead in leaders:
            for m in found:
                self.companions_seen.setdefault((lead.ref, m.ref), (lead, m, token))
        return found

    def actors(self, token: Token) -> list[Found]:
        """The entity a noun phrase stands for: the mention it is, a person in apposition, a country,
        body or person modifying it ("China's foreign ministry", "the Kenyan army"), or the one
        "its"/"their" refers to.  A person's possessive does not stand for the phrase ("Kim's sister")."""
        m = self.mention(token)
        if m is not None:
            return self.named(m)
        for child in token.children:
            if child.dep_ == "appos" and getattr(self.mention(child), "type", None) == "Person":
                return self.named(self.mention(child))
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS:
                m = self.mention(child)
                if m is not None and (m.type != "Person" or child.dep_ != "poss"):
                    return self.named(m)
                if child.lower_ in _POSSESSIVE_PRONOUNS:
                    return self.owner(child)
        return []

    def beneficiaries(self, token: Token) -> list[Found]:
        """For whom support is, where the phrase names no actor: the country a project, a bid or a
        body belongs to ("the upgrade of Malawi's grid", "a training centre in Benin")."""
        for prep in children(token, {"prep"}):
            if prep.lower_ in {"of", "in"}:
                for g in children(prep, {"pobj"}):
                    found = self.actors(g) or self.beneficiaries(g)
                    if found:
                        return found
        return []

    def owner(self, pronoun: Token) -> list[Found]:
        """Who "its"/"their" is: the people it was resolved to, else the subject of its clause, else the
        last country or body named before it in the sentence."""
        resolved = self.named(self.mention(pronoun))
        if resolved:
            return resolved
        for subject in self.role(pronoun.head, "clause-subject", None):
            if subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
                continue  # "its forces said": the phrase itself
            found = self.actors(subject)
            if found:
                return found
        earlier = [self.mention(t) for t in pronoun.sent if t.i < pronoun.i]
        earlier = [m for m in earlier if m is not None and m.type in {"Country", "Organization"}]
        return earlier[-1:]

    # --- where a role stands ----------------------------------------------------------------

    def role(self, trigger: Token, role: str, pattern: Pattern | None) -> list[Token]:
        """The heads of the phrases that fill a role of the trigger."""
        if trigger.pos_ in {"NOUN", "PROPN"} and role not in {"governor", "governor-other", "clause-subject"}:
            trigger = _phrase_head(trigger)
        if role == "subject":
            return doers(trigger)
        if role == "object":
            return _objects(trigger)
        if role == "agent":
            return agents(trigger) + [a for c in children(trigger, {"acl"}) if c.tag_ == "VBN" for a in agents(c)]
        if role == "dative":
            return children(trigger, {"dative"})
        if role == "possessor":
            return [t for c in children(trigger, {"poss"}) for t in _with_conjuncts(c)]
        if role == "modifier":
            return [c for c in trigger.children if c.dep_ in _MODIFIER_DEPS - {"poss"} and c.i < trigger.i]
        if role in {"governor", "governor-other"}:
            verb = self.governing_verb(trigger, pattern.governors if pattern else ())
            if verb is None:
                return []
            return doers(verb) if role == "governor" else _other_arguments(verb, trigger)
        if role == "clause-subject":
            verb = next((t for t in trigger.ancestors if t.pos_ in VERB_POS), None)
            return doers(verb) if verb is not None else []
        if role == "described":
            return [trigger.head] if trigger.dep_ in {"amod", "acl", "compound"} and trigger.head != trigger else []
        if role == "hyphen-prefix":
            return _hyphen_prefix(trigger, self.words)
        return _prep_objects(trigger, role.split(":", 1)[1])

    def governing_verb(self, noun: Token, governors: Iterable[str]) -> Token | None:
        """The verb a noun trigger's doer comes from: a verb of the pattern's list it is the object of
        ("*held* talks"), one it is the purpose of ("*pulled* Y aside for a talk"), or the verb of the
        clause it stands in as an adverbial ("*after* talks with Y, X said")."""
        governors = frozenset(governors)
        while noun.dep_ == "conj" and noun.head != noun:
            noun = noun.head
        head = noun.head
        if noun.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "nsubj"} and head.pos_ in VERB_POS:
            return head if head.lemma_.lower() in governors or noun.dep_ == "nsubjpass" and head.lemma_.lower() in governors else None
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            verb = head.head
            while verb.pos_ not in VERB_POS and verb.head != verb and verb.dep_ in {"amod", "advmod", "acomp", "prep", "pobj"}:
                verb = verb.head  # "Fresh from talks with Y, X said"
            if verb.pos_ not in VERB_POS:
                return None
            if head.lower_ in _CLAUSE_PREPOSITIONS or head.lower_ in _PURPOSE_PREPOSITIONS and verb.lemma_.lower() in governors:
                return verb
        return None


def doers(verb: Token) -> list[Token]:
    """The doer of a verb, looking through passives and borrowing where the verb has no subject of
    its own: a participle or adverbial clause takes the main clause's, an infinitive its controller's
    (the object of "asked Y to meet"), a relative clause the noun it describes, a coordinated verb
    its first verb's."""
    t = verb
    for _ in range(6):
        if is_passive(t):
            return agents(t)
        own = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if own:
            subject = own[0]
            if subject.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return [t.head]
            return [subject]
        if t.dep_ == "relcl" or t.dep_ == "acl" and t.tag_ == "VBG":
            return [t.head]
        if t.dep_ == "xcomp":
            objects = children(t.head, {"dobj"})
            if objects and objects[0].pos_ in {"PROPN", "NOUN", "PRON"}:
                return objects  # "asked Y to meet X"
        if t.dep_ not in {"xcomp", "advcl", "conj", "pcomp", "ccomp", "prep", "acomp"} and not (t.dep_ == "pobj" and t.head.dep_ == "prep"):
            return []
        if t.head == t:
            return []
        t = t.head
        while t.pos_ not in VERB_POS and t.head != t and t.dep_ in {"prep", "pobj", "pcomp", "advmod", "amod", "acomp"}:
            t = t.head
    return []


def _objects(verb: Token) -> list[Token]:
    """The one acted on: the object; the subject of a passive; the noun a passive participle describes
    ("weapons *supplied* by X"); "each other" stands for the subjects themselves."""
    if is_passive(verb):
        subjects = children(verb, {"nsubjpass"})
        if subjects:
            return subjects
        return [verb.head] if verb.dep_ in {"acl", "relcl", "amod"} else []
    objects = children(verb, {"dobj"})
    if objects and objects[0].lower_ in RECIPROCAL_WORDS:
        return doers(verb)
    return objects


def _other_arguments(verb: Token, noun: Token) -> list[Token]:
    """A verb's arguments other than the noun trigger and its doer: "X *granted* Y an audience",
    "Y was granted an audience by X" (Y), "pulled *Y* aside for a talk"."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i != noun.i]
    if is_passive(verb):
        out += children(verb, {"nsubjpass"})
    return [t for t in out if t.i != noun.i]


def _prep_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of a preposition on the trigger, on its object ("held talks *with* Y"), on an amount's
    "in" phrase ("200 million kroner in aid *for* Y"), and on a participle describing a noun trigger
    ("a lunch hosted by X *for* Y"); "on behalf of", "in honour of" by their noun."""
    hosts = [token, *children(token, {"dobj"})]
    hosts += [g for h in list(hosts) for p in children(h, {"prep"}) if p.lower_ == "in" for g in children(p, {"pobj"})]
    hosts += [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if preposition in {"behalf", "honour", "honor"}:
        return [g for h in hosts for p in children(h, {"prep"}) for n in children(p, {"pobj"}) if n.lower_ == preposition
                for of in children(n, {"prep"}) if of.lower_ == "of" for g in children(of, {"pobj"})]
    found = [g for h in hosts for p in h.children if p.dep_ in {"prep", "dative", "agent"} and p.lower_ == preposition for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    if preposition in {"between", "among"}:  # "between A, B and C", however the list was parsed
        found = [t for g in found for t in g.subtree if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return found


def _phrase_head(noun: Token) -> Token:
    """The head of the phrase a noun trigger modifies: "aid" in "an aid *package* for Y"."""
    while noun.dep_ == "compound" and noun.head != noun and noun.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head
    return noun


def _hyphen_prefix(trigger: Token, words: Words) -> list[Token]:
    """The country before the hyphen of a participle: "*Saudi*-backed", "*Chinese*-financed"."""
    i = trigger.i
    doc = trigger.doc
    if i >= 2 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return [doc[i - 2]]
    return []


def _listed(phrase: Token) -> list[Token]:
    """The people a group phrase lists: "comprising X", "which included X", "led by X", "made up of
    X", "including X"."""
    out: list[Token] = []
    for c in phrase.children:
        if c.dep_ in {"acl", "relcl", "prep", "conj"} and c.lemma_.lower() in MEMBER_VERBS | {"including"}:
            out += children(c, {"dobj", "pobj"}) + agents(c)
            out += [g for p in children(c, {"prep"}) if p.lower_ == "of" for g in children(p, {"pobj"})]  # "made up of X"
            out += [o for conj in children(c, {"conj"}) if conj.lemma_.lower() in MEMBER_VERBS for o in children(conj, {"dobj", "pobj"}) + agents(conj)]
            out += [o for lead in agents(c) for rel in children(lead, {"relcl"}) if rel.lemma_.lower() in MEMBER_VERBS for o in children(rel, {"dobj"})]
    return out


def _companion_phrases(token: Token) -> list[Token]:
    """The phrases naming who is with a person: "accompanied by A", "together with A", "along with
    A", "joined by A", "alongside A", "with A at his side"."""
    out: list[Token] = []
    for c in token.children:
        lemma = c.lemma_.lower()
        if c.dep_ in {"acl", "advcl", "relcl"} and c.tag_ == "VBN" and lemma in COMPANION_WORDS:
            out += agents(c)
        elif c.dep_ == "advmod" and c.lower_ in {"together", "along"}:
            out += [g for p in children(c, {"prep"}) if p.lower_ == "with" for g in children(p, {"pobj"})]
        elif c.dep_ == "prep" and c.lower_ == "alongside":
            out += children(c, {"pobj"})
        elif c.dep_ == "prep" and c.lower_ == "with":
            if any(a.lower_ in {"together", "along"} for a in c.children) or any(
                p.lower_ == "at" and any(g.lemma_ == "side" for g in p.children) for g0 in children(c, {"pobj"}) for p in g0.children):
                out += children(c, {"pobj"})
    return out


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts] if token.dep_ != "conj" else [token]


def is_state_actor(m: Found) -> bool:
    """Can this mention stand for a state?  A country or a person can; a body only if it is a state's
    own (an army, a ministry, a central bank) and nothing in its name makes it a rebel group, a party
    or a company ("the Sudan People's Liberation Army", "a rebel group")."""
    if m.type != "Organization":
        return True
    words = set(m.name.lower().replace("-", " ").split())
    if words & NON_STATE_WORDS or any(c.dep_ == "appos" and c.lemma_.lower() in NON_STATE_WORDS for c in m.root.children):
        return False
    return bool(words & STATE_BODIES) and m.country is not None
