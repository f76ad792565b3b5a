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
from graphbuild.extract.coordination import group_members, is_group, listed_with
from graphbuild.extract.syntax import SUBJECT_DEPS, VERB_POS, agents, children, is_passive
from graphbuild.lexicon import RECEIVING_VERBS, SIDE_VERBS, TRAVEL_VERBS, COMPANION_WORDS, NON_STATE_WORDS, RECIPROCAL_WORDS, RELATIVE_PRONOUNS, STATE_BODIES
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
        #: Title words and the people they describe: "the foreign ministers of A, B and C - X, Y and Z".
        self.described: dict[int, list[Found]] = {}
        for m in mentions:
            for i in [*m.tokens, *sorted(m.describes)]:
                self.by_token.setdefault(i, m)
            for i in m.describes:
                self.described.setdefault(i, []).append(m)
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
                filled = filled or not _time_or_place(token, self.words)
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
        for t in [*_with_conjuncts(token), *self._companion_tokens(token)]:  # "X, along with Z, sent ..."
            for m in self.actors(t) or (self.beneficiaries(t) if match == "beneficiary" else []):
                if m not in out and (match != "beneficiary" or is_state_actor(m)):
                    out.append(m)
        return out

    def _companion_tokens(self, token: Token) -> list[Token]:
        phrases = _companion_phrases(token)
        if token.dep_ in SUBJECT_DEPS:
            phrases += [p for p in _companion_phrases(token.head) if token.i < p.i < token.head.i]
        return [t for p in phrases for t in _with_conjuncts(p)]

    def people(self, token: Token) -> list[Found]:
        """The persons a noun phrase names, with its conjuncts, groups and companions."""
        token = _whose(token)
        out: list[Found] = []
        for t in _with_conjuncts(token):
            found = self.named(self.mention(t)) or self.titled(t) or self.members(t)
            if len(self.described.get(t.i, ())) > 1 and t.i not in found[0].tokens:
                found = list(self.described[t.i])
            if len(found) == 1 and not found[0].is_reference and found[0] is self.mention(t):
                found += self.listed_with(found[0])
            for m in found + self.companions(t, found):
                if m.type == "Person" and m not in out:
                    out.append(m)
        return out

    def listed_with(self, person: Found) -> list[Found]:
        return listed_with(person, self.by_token, self.words)

    def titled(self, title: Token) -> list[Found]:
        """The person a title stands in apposition with: "the Chancellor of Austria, X"."""
        return [m for c in title.children if c.dep_ == "appos" for m in self.named(self.mention(c))]

    def members(self, group: Token) -> list[Found]:
        """The people a group is named as ("a delegation comprising X and Y", "led by X and including
        Y"); its leader, if named, is accompanied by the others."""
        if self.mention(group) is not None:
            return []
        found = group_members(group, lambda t: self.named(self.mention(t)) or self.titled(t), self.by_token, self.words)
        leaders = [m for c in group.children if c.dep_ in {"acl", "relcl"} and c.lemma_ in {"lead", "head"}
                   for a in agents(c) for t in _with_conjuncts(a) for m in self.named(self.mention(t))]
        leaders += [m for c in children(group, {"poss"}) for m in self.named(self.mention(c)) if m.type == "Person"]  # "X's entourage"
        for lead in leaders:
            for m in found:
                if m.ref != lead.ref:
                    self.companions_seen.setdefault((lead.ref, m.ref), (lead, m, group))
        return found

    def companions(self, token: Token, leaders: list[Found]) -> list[Found]:
        """People in a person's party: "X, accompanied by A", "X, together with A", "X, along with A",
        "X, joined by A", "with A at his side"."""
        found: list[Found] = []
        phrases = _companion_phrases(token)
        if token.dep_ == "nsubjpass" and token.head.lemma_.lower() in COMPANION_WORDS:  # "X is accompanied by A"
            phrases += agents(token.head)
        if token.dep_ in SUBJECT_DEPS:  # "X, along with A, met Y": the phrase hangs from the verb
            verb = token.head
            phrases += [p for p in _companion_phrases(verb) if token.i < p.i < verb.i]
            if verb.lemma_.lower() in TRAVEL_VERBS:  # "X travelled to Lima with A"
                phrases += [g for p in children(verb, {"prep"}) if p.lower_ == "with" for g in children(p, {"pobj"})]
        for phrase in phrases:
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
        token = _whose(token)
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
        """Who "it"/"its"/"their" is: the people it was resolved to; else the doer of the clauses
        above it ("Kenya denied ... but confirmed *it* had delivered aid", "China reaffirmed *its*
        backing"); else the last country or body named before it in the sentence."""
        resolved = self.named(self.mention(pronoun))
        if resolved:
            return resolved
        verb = next((t for t in pronoun.ancestors if t.pos_ in VERB_POS), None)
        for _ in range(4):
            if verb is None:
                break
            for subject in doers(verb):
                if not subject.left_edge.i <= pronoun.i <= subject.right_edge.i:  # not "its forces" itself
                    found = [m for m in self.actors(subject) if m.type in {"Country", "Organization"}]
                    if found:
                        return found
            verb = next((t for t in verb.ancestors if t.pos_ in VERB_POS), None)
        earlier = [self.mention(t) for t in pronoun.sent if t.i < pronoun.i]
        earlier = [m for m in earlier if m is not None and m.type in {"Country", "Organization"}]
        return earlier[-1:]

    # --- where a role stands ----------------------------------------------------------------

    def role(self, trigger: Token, role: str, pattern: Pattern | None) -> list[Token]:
        """The heads of the phrases that fill a role of the trigger."""
        if trigger.pos_ in {"NOUN", "PROPN"} and role not in {"governor", "governor-other", "clause-subject"}:
            trigger = _phrase_head(trigger)
        if role == "subject":
            return doers(trigger) or self.name_before(trigger)
        if role == "object":
            return _objects(trigger) or self.name_after(trigger)
        if role == "agent":
            return agents(trigger) + [a for c in children(trigger, {"acl"}) if c.tag_ == "VBN" for a in agents(c)]
        if role == "dative":
            return children(trigger, {"dative"})
        if role == "possessor":
            return [t for c in children(trigger, {"poss"}) for t in _with_conjuncts(c)]
        if role == "modifier":
            return [c for c in trigger.children if c.dep_ in _MODIFIER_DEPS - {"poss"} and c.i < trigger.i]
        if role in {"governor", "governor-other"}:
            governing = self.governing_verb(trigger, pattern.governors if pattern else ())
            if governing is None:
                verb = self._verb_before(trigger, pattern.governors if pattern else ())
                return self.name_before(verb) if verb is not None and role == "governor" else []
            verb, takes_the_noun = governing
            if role == "governor-other":  # "X told *Y* during talks": only people, where the noun is an adverbial
                others = _other_arguments(verb, trigger)
                return others if takes_the_noun else [o for o in others if self.people(o)]
            side = children(verb, {"dobj"}) if verb.lemma_.lower() in SIDE_VERBS else []  # "X joined Y for talks with Z"
            return (doers(verb) or self.name_before(verb)) + side
        if role == "clause-subject":
            verb = next((t for t in trigger.ancestors if t.pos_ in VERB_POS), None)
            return doers(verb) if verb is not None else []
        if role == "described":
            return [trigger.head] if trigger.dep_ in {"amod", "acl", "compound"} and trigger.head != trigger else []
        if role == "pobj":
            return children(trigger, {"pobj"})
        if role == "receiver":
            return _receivers(trigger)
        if role == "referent":
            return _referents(trigger)
        if role == "hyphen-prefix":
            return _hyphen_prefix(trigger, self.words)
        return _prep_objects(trigger, role.split(":", 1)[1])

    def name_before(self, verb: Token) -> list[Token]:
        """Where the parse gives a verb no subject, the name that ends right before it ("... - A, B
        and C - held talks"): the last name of a list standing in front of its verb."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (doc[i].is_punct or doc[i].pos_ in {"ADV", "AUX", "PART"}):
            i -= 1
        m = self.by_token.get(i) if i >= 0 else None
        return [m.root] if m is not None and m.type == "Person" and i in m.tokens else []

    def name_after(self, verb: Token) -> list[Token]:
        """Where the parse gives a verb no object, the person or group that comes next, past the
        phrases of place and time ("received *at the Palace* the delegation headed by X")."""
        if verb.pos_ not in VERB_POS or is_passive(verb) or verb.dep_ in {"amod", "acl"}:
            return []
        for t in verb.doc[verb.i + 1 : min(verb.i + 12, verb.sent.end)]:
            if t.pos_ in VERB_POS or t.dep_ == "mark" or t.text in {";", ":"}:
                return []
            m = self.by_token.get(t.i)
            named_here = m is not None and m.type == "Person" and t.i == m.root.i
            if (named_here or is_group(t)) and t.dep_ not in {"pobj", "poss"}:
                return [t]
        return []

    def _verb_before(self, noun: Token, governors: Iterable[str]) -> Token | None:
        """A verb of the governors list right before a noun trigger the parser did not attach to it
        ("held trilateral talks" with "held" read as an adjective)."""
        i = noun.i - 1
        while i >= 0 and noun.doc[i].pos_ in {"ADJ", "DET", "NUM"} and noun.doc[i].dep_ in {"amod", "det", "nummod", "compound"}:
            if noun.doc[i].lemma_.lower() in governors and noun.doc[i].tag_ in {"VBD", "VBN", "VBZ", "VBP"}:
                return noun.doc[i]
            i -= 1
        return noun.doc[i] if i >= 0 and noun.doc[i].lemma_.lower() in governors else None

    def governing_verb(self, noun: Token, governors: Iterable[str]) -> tuple[Token, bool] | None:
        """The verb a noun trigger's doer comes from, and whether the noun is one of its arguments: a
        verb of the pattern's list it is the object of ("*held* talks") or the purpose of ("*pulled* Y
        aside for a talk") — its other arguments take part too — or the verb of the clause it stands
        in as an adverbial ("*after* talks with Y, X said"), whose objects do not."""
        governors = frozenset(governors)
        while noun.dep_ == "conj" and noun.head != noun:
            noun = noun.head
        head = noun.head
        if noun.dep_ in {"dobj", "attr", "nsubjpass", "oprd", "nsubj"} and head.pos_ in VERB_POS:
            return (head, True) if head.lemma_.lower() in governors else None
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            verb = head.head
            while verb.pos_ not in VERB_POS and verb.head != verb and verb.dep_ in {"amod", "advmod", "advcl", "acomp", "prep", "pobj"}:
                verb = verb.head  # "Fresh from talks with Y, X said"
            if verb.pos_ not in VERB_POS:
                return None
            if head.lower_ in _PURPOSE_PREPOSITIONS and verb.lemma_.lower() in governors:
                return verb, True
            if head.lower_ in _CLAUSE_PREPOSITIONS:
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
            if t is verb:  # the by-phrase, wherever the parser hung it ("supplied with drones *by X*")
                return agents(t) or [g for p in t.subtree if p.dep_ == "prep" and p.lower_ == "by" and p.head.pos_ not in VERB_POS
                                     for g in children(p, {"pobj"}) if g.pos_ == "PROPN"]
            return children(t, {"nsubjpass"})  # "X is expected to meet Y": the one expected
        own = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
        if own:
            if own[0].lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                return [t.head]
            return own
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
    if verb.lemma_.lower() in SIDE_VERBS:
        return []
    out = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i != noun.i]
    if is_passive(verb):
        out += children(verb, {"nsubjpass"})
    return [t for t in out if t.i != noun.i]


def _prep_objects(token: Token, preposition: str) -> list[Token]:
    """Objects of a preposition on the trigger, on its object ("held talks *with* Y"), on an amount's
    "in" phrase ("200 million kroner in aid *for* Y"), and on a participle describing a noun trigger
    ("a lunch hosted by X *for* Y"); "on behalf of", "in honour of" by their noun."""
    hosts = [token, *(o for d in children(token, {"dobj"}) for o in [d, *d.conjuncts])]  # "flew supplies and a team *to* Y"
    hosts += [g for h in list(hosts) for p in children(h, {"prep"}) if p.lower_ == "in" for g in children(p, {"pobj"})]
    hosts += [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "dobj":
        hosts.append(token.head)  # "hosted a lunch *for* Y", the phrase hung from the verb
    # A phrase hung from a name is the event's, hung there by mistake ("a lunch hosted by X *for* Y").
    hosts += [g for h in list(hosts) for p in h.children if p.dep_ in {"prep", "agent"} and p.lower_ != preposition
              for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    if preposition in {"behalf", "honour", "honor"}:
        return [g for h in hosts for p in children(h, {"prep"}) for n in children(p, {"pobj"}) if n.lower_ == preposition
                for of in children(n, {"prep"}) if of.lower_ == "of" for g in children(of, {"pobj"})]
    found = [g for h in hosts for p in h.children if p.dep_ in {"prep", "dative", "agent"} and p.lower_ == preposition for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    if preposition in {"between", "among"}:  # "between A, B and C", however the list was parsed
        found += _stray_between(token)
        found = [t for g in found for t in g.subtree if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return found


#: Nouns of time a "between" phrase is often hung from by mistake ("the first meeting in two years
#: *between* A and B").
_TIME_NOUNS = frozenset({"year", "month", "week", "decade", "day", "time", "century"})


def _stray_between(noun: Token) -> list[Token]:
    """A "between" phrase the parser hung from a time noun right after the event noun: it belongs to
    the event ("the first encounter in two years between A and B")."""
    out = []
    for t in noun.doc[noun.i + 1 : min(noun.i + 8, noun.sent.end)]:
        if t.dep_ == "prep" and t.lower_ in {"between", "among"} and t.head.lemma_.lower() in _TIME_NOUNS:
            out += [g for g in t.children if g.dep_ == "pobj"]
    return out


def _receivers(noun: Token) -> list[Token]:
    """Who gets the support a noun names, where no "to" says so: the doer of a verb of getting or using
    that governs it ("X, *using* Y's assistance", "X *received* Y's aid")."""
    while noun.dep_ == "conj" and noun.head != noun:  # "using its oil revenues and Y's assistance"
        noun = noun.head
    verb = noun.head
    if noun.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in RECEIVING_VERBS:
        return doers(verb)
    return []


def _referents(noun: Token) -> list[Token]:
    """Who a descriptive noun is about: "X, *one of the backers*" (apposition), "X is *a backer*"
    (the subject of "be"), "X has been *one of Y's staunchest backers*"."""
    t = noun
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in {"NUM", "PRON", "NOUN"}:
        t = t.head.head  # "one of the top backers"
    if t.dep_ == "appos":
        return [t.head]
    if t.dep_ == "attr":
        return children(t.head, {"nsubj"})
    return []


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


def _companion_phrases(token: Token) -> list[Token]:
    """The phrases naming who is with a person: "accompanied by A", "together with A", "along with
    A", "joined by A", "alongside A", "with A at his side"."""
    out: list[Token] = []
    for c in token.children:
        lemma = c.lemma_.lower()
        if c.dep_ in {"acl", "advcl", "relcl"} and c.tag_ == "VBN" and lemma in COMPANION_WORDS:
            out += agents(c)
        elif c.dep_ in {"advmod", "prep"} and c.lower_ in {"together", "along"}:
            out += [g for p in children(c, {"prep"}) if p.lower_ == "with" for g in children(p, {"pobj"})]
        elif c.dep_ == "prep" and c.lower_ == "alongside":
            out += children(c, {"pobj"})
        elif c.dep_ == "prep" and c.lower_ == "with":
            if any(a.lower_ in {"together", "along"} for a in c.children) or any(
                p.lower_ == "at" and any(g.lemma_ == "side" for g in p.children) for g0 in children(c, {"pobj"}) for p in g0.children):
                out += children(c, {"pobj"})
    return out


def _time_or_place(token: Token, words: Words) -> bool:
    """A phrase of time or place ("on Monday", "in Kyiv") fills a role without naming a party."""
    return token.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"} or token.i in words.places


def _whose(token: Token) -> Token:
    """"whose" stands for the noun its relative clause describes ("X, *whose* talks with Y ran late")."""
    if token.lower_ != "whose":
        return token
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    return clause.head if clause is not None else token


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
