"""Who takes part in an event: one collector for every trigger, from the grammar.

A trigger pattern names *roles* (graphbuild/rules.py); :meth:`Participants.role`
finds the phrases that fill a role, and :meth:`Participants.side` the people,
countries or bodies those phrases stand for.  Written once, for every event:

* **roles**: the doer (subject; the by-phrase of a passive), the one acted on
  (object; the subject of a passive; the noun a passive participle
  describes), the objects of a preposition on the trigger or its object,
  "X's", the indirect object, a country modifying a noun ("Canadian aid");
  for a noun trigger, the doer and other arguments of the verb it hangs
  from ("X *held* talks with Y", "Y was *given* a hearing by X") or of
  the clause it stands in ("*after* talks with Y, X said");
* **borrowed doers**: participles and adverbial clauses take the main
  clause's subject ("Meeting Y on Tuesday, X said"), infinitives their
  controller ("X plans to meet Y", "asked Y to meet X"), relative clauses
  the noun they describe ("X, who saw Y"), coordinated verbs their first
  verb's ("X arrived and met Y");
* **who a phrase stands for**: the mention it is, with its conjuncts ("A, B
  and C"); a title tied to a name ("his Omani counterpart, Said ...");
  a reference's antecedents ("he", "the two leaders"); a group's listed
  members ("a delegation comprising A and B", "led by A and including B");
  and a person's companions ("X, accompanied by A", "together with A", "with
  A at his side");
* **for countries**: a country modifying the phrase ("Germany's cabinet",
  "the Kenyan army") or, for whom support goes to, the country a state body,
  a bid or a project belongs to ("Latvia's navy", "a hospital in
  Laos") — never a rebel group's or a company's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from graphbuild.extract.coordination import group_members, is_group, listed_with, names_closing_a_phrase
from graphbuild.extract.found import Found, Ref
from graphbuild.extract.lexical import Words
from graphbuild.extract.parties import is_state_actor, name_after, name_before, names_a_party, non_state, outer_doers
from graphbuild.extract.roles import (
    companion_phrases,
    datives,
    doers,
    governing_verb,
    hyphen_prefix,
    object_modifiers,
    objects,
    other_arguments,
    phrase_head,
    prep_objects,
    receivers,
    referents,
    verb_before,
    whose,
    with_conjuncts,
)
from graphbuild.extract.syntax import (
    SUBJECT_DEPS,
    VERB_POS,
    agents,
    children,
    kids,
    listed_members,
)
from graphbuild.lexicon import (
    COMPANION_WORDS,
    COUNTRY_NOUNS,
    GROUP_POSSESSIVES,
    RECIPROCAL_WORDS,
    SIDE_VERBS,
    STATE_BODIES,
    TRAVEL_VERBS,
)
from graphbuild.rules import Pattern, Side

_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})


#: What "it", "its", "their" and "each other's" can stand for.
STATE_LIKE = frozenset({"Country", "Organization"})


class Participants:
    """The mentions of one paragraph Doc, by token, and the roles of its triggers."""

    def __init__(self, doc: Doc, words: Words, mentions: Iterable[Found], by_ref: Mapping[Ref, Found]):
        """``mentions``: the paragraph's own; ``by_ref``: the article's, for what references stand for."""
        self.doc = doc
        self.words = words
        self.by_ref = by_ref
        self.by_token: dict[int, Found] = {}
        #: Title words and the people they describe: "the defence chiefs of A, B and C, namely X, Y and Z".
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
                filled = filled or names_a_party(token, self.words)
                for m in self.stands_for(token, side.match):
                    if m not in found:
                        found.append(m)
        return found, filled

    def stands_for(self, token: Token, match: str) -> list[Found]:
        if match == "person":
            return self.people(token)
        if match == "head":
            return [m for t in with_conjuncts(token) for m in self.named(self.mention(t)) if not m.implicit]
        out = []
        for t in [*with_conjuncts(token), *self._companion_tokens(token)]:  # "X, along with Z, sent ..."
            for m in self.actors(t) or (self.beneficiaries(t) if match == "beneficiary" and not non_state(t) else []):
                if m not in out and (match != "beneficiary" or is_state_actor(m)):
                    out.append(m)
        return out

    def _companion_tokens(self, token: Token) -> list[Token]:
        phrases = companion_phrases(token)
        if token.dep_ in SUBJECT_DEPS:
            phrases += [p for p in companion_phrases(token.head) if token.i < p.i < token.head.i]
        return [t for p in phrases for t in with_conjuncts(p)]

    def people(self, token: Token) -> list[Found]:
        """The persons a noun phrase names, with its conjuncts, groups and companions."""
        token = whose(token)
        out: list[Found] = []
        for t in with_conjuncts(token):
            found = self.named(self.mention(t)) or self.titled(t) or self.members(t) or self._closing(t)
            if len(self.described.get(t.i, ())) > 1 and t.i not in found[0].tokens:
                found = list(self.described[t.i])
            if len(found) == 1 and not found[0].is_reference and found[0] is self.mention(t):
                found += self.listed_with(found[0])
            for m in found + self.companions(t, found):
                if m.type == "Person" and m not in out:
                    out.append(m)
        return out

    def _closing(self, title: Token) -> list[Found]:
        return names_closing_a_phrase(title, self.by_token) if title.tag_ in {"NNS", "NNPS"} else []

    def listed_with(self, person: Found) -> list[Found]:
        return listed_with(person, self.by_token, self.words)

    def titled(self, title: Token) -> list[Found]:
        """The person a title stands in apposition with: "the Premier of Fiji, X"; the people a plural
        one does: "the presidents met: X, Y and Z"."""
        appositions = [c for c in kids(title) if c.dep_ == "appos"]
        found = self._people_at(appositions)
        if found and title.tag_ in {"NNS", "NNPS"}:
            found += self._people_at([t for c in appositions for t in c.conjuncts])
            if len(found) == 1:
                found += self.listed_with(found[0])
        return list(dict.fromkeys(found))

    def _people_at(self, tokens: list[Token]) -> list[Found]:
        return [m for t in tokens for m in self.named(self.mention(t)) if m.type == "Person"]

    def members(self, group: Token) -> list[Found]:
        """The people a group is named as ("a delegation comprising X and Y", "led by X and including
        Y"); its leader, if named, is accompanied by the others."""
        named = self.mention(group)
        if named is not None and (not named.is_reference or self.named(named)):
            return []  # a name, or a reference that found its people
        found = group_members(group, lambda t: self.named(self.mention(t)) or self.titled(t), self.by_token, self.words)
        leaders = [
            m
            for c in kids(group)
            if c.dep_ in {"acl", "relcl"} and c.lemma_ in {"lead", "head"}
            for a in agents(c)
            for t in with_conjuncts(a)
            for m in self.named(self.mention(t))
        ]
        leaders += [
            m
            for c in children(group, {"poss"})
            if is_group(group)  # "X's entourage", not "X's counterparts"
            for m in self.named(self.mention(c))
            if m.type == "Person"
        ]
        for lead in leaders:
            for m in found:
                if m.ref != lead.ref:
                    self.companions_seen.setdefault((lead.ref, m.ref), (lead, m, group))
        return found

    def companions(self, token: Token, leaders: list[Found]) -> list[Found]:
        """People in a person's party: "X, accompanied by A", "X, together with A", "X, along with A",
        "X, joined by A", "with A at his side"."""
        found: list[Found] = []
        phrases = companion_phrases(token)
        if token.dep_ == "nsubjpass" and token.head.lemma_.lower() in COMPANION_WORDS:  # "X is accompanied by A"
            phrases += agents(token.head)
        if token.dep_ in SUBJECT_DEPS:  # "X, along with A, met Y": the phrase hangs from the verb
            verb = token.head
            phrases += [p for p in companion_phrases(verb) if token.i < p.i < verb.i]
            if verb.lemma_.lower() in TRAVEL_VERBS:  # "X flew to Quito with A"
                phrases += [g for p in children(verb, {"prep"}) if p.lower_ == "with" for g in children(p, {"pobj"})]
        for phrase in phrases:
            for t in with_conjuncts(phrase):
                named = self.named(self.mention(t)) or self.titled(t)
                if len(named) == 1 and not named[0].is_reference:  # "accompanied by A and B", parsed as one name
                    named += self.listed_with(named[0])
                found += [m for m in named if m.type == "Person" and m not in leaders and m not in found]
        for lead in leaders:
            for m in found:
                self.companions_seen.setdefault((lead.ref, m.ref), (lead, m, token))
        return found

    def actors(self, token: Token) -> list[Found]:
        """The entity a noun phrase stands for: the mention it is, a person in apposition, a country,
        body or person modifying it ("China's foreign ministry", "the Kenyan army"), or the one
        "its"/"their" refers to.  A person's possessive does not stand for the phrase ("Kim's sister")."""
        token = whose(token)
        m = self.mention(token)
        if m is not None:
            return self.named(m)
        if token.lower_ == "it" and token.dep_ == "nsubj" and token.head.dep_ == "ccomp":
            return self._reporter(token.head.head)  # "Peru said it would lend ...": the one who says so
        if token.lemma_.lower() in COUNTRY_NOUNS and [c.lower_ for c in kids(token)] == ["the"]:
            return self._country_before(token)  # "... in the north of the country"
        for child in kids(token):
            if child.dep_ == "appos" and getattr(self.mention(child), "type", None) == "Person":
                return self.named(self.mention(child))
        if non_state(token):
            return []  # "Kenya's opposition leader", "Kenyan rebels": not the country
        listed = self._listed_countries(token)
        if listed:
            return listed
        for child in kids(token):
            if child.dep_ in _MODIFIER_DEPS:
                m = self.mention(child)
                if m is not None and (
                    m.type != "Person" or child.dep_ != "poss" or token.lemma_.lower() in COUNTRY_NOUNS | STATE_BODIES
                ):
                    return self.named(m)  # "Kim's sister" is not Kim; "his country", "X's government" are X's
                if child.lower_ in GROUP_POSSESSIVES | RECIPROCAL_WORDS:  # "its", "their", "each other's"
                    return self.owner(child)
        return []

    def _listed_countries(self, noun: Token) -> list[Found]:
        """ "countries such as A and B", "donors including A and B", "allies like A": the countries a
        plural noun lists stand for it."""
        if noun.tag_ not in {"NNS", "NNPS"}:
            return []
        heads = listed_members(noun) + [
            g
            for p in children(noun, {"prep"})
            if p.lower_ == "like" or p.lower_ == "as" and any(c.lower_ == "such" for c in kids(p))
            for g in children(p, {"pobj"})
        ]
        found = [m for h in heads for t in with_conjuncts(h) for m in self.named(self.mention(t))]
        return [m for m in found if m.type == "Country"]

    def _reporter(self, verb: Token) -> list[Found]:
        """The country or body that is the doer of a verb of saying ("X said it ...", "X denied ... but
        confirmed it ...")."""
        return [m for subject in doers(verb) for m in self.actors(subject) if m.type in STATE_LIKE]

    def _country_before(self, token: Token) -> list[Found]:
        """ "the country": the last country named before it in its sentence that is not its clause's doer."""
        doers_here = {
            m.ref
            for s in doers(next((t for t in token.ancestors if t.pos_ in VERB_POS), token))
            for m in self.actors(s)
        }
        named = [
            m
            for t in token.sent
            if t.i < token.i
            and (m := self.mention(t)) is not None
            and m.type == "Country"
            and not m.implicit
            and m.ref not in doers_here
        ]
        return named[-1:]

    def beneficiaries(self, token: Token) -> list[Found]:
        """For whom support is, where the phrase names no actor: the country a project, a bid or a
        body belongs to ("the repair of Nepal's dams", "a hospital in Laos"), or where the purpose it
        is given for takes place ("pledged funds for rebuilding *in the east of the country*")."""
        places = [token]
        if token.dep_ == "pobj" and token.head.lower_ == "for":
            places += [next((t for t in token.ancestors if t.pos_ in VERB_POS), token)]
        if token.dep_ == "dobj" and token.lemma_.lower() in STATE_BODIES:
            places.append(token.head)  # "to support the government *in Tripoli*", the place hung from the verb
        for place in places:
            for prep in children(place, {"prep"}):
                if prep.lower_ in {"of", "in"}:
                    for g in children(prep, {"pobj"}):
                        found = self.actors(g) or self.beneficiaries(g)
                        if found:
                            return found
        return []

    def owner(self, pronoun: Token) -> list[Found]:
        """Who "it"/"its"/"their" is: the people it was resolved to; else the doer of the clauses
        above it ("Peru said *it* would lend ...", "Japan repeated *its* offer of
        help"); else the last country or body named before it in the sentence."""
        resolved = self.named(self.mention(pronoun))
        if resolved:
            return resolved
        verb = next((t for t in pronoun.ancestors if t.pos_ in VERB_POS), None)
        for _ in range(4):
            if verb is None:
                break
            for subject in doers(verb):
                if not subject.left_edge.i <= pronoun.i <= subject.right_edge.i:  # not "its forces" itself
                    found = [m for s in with_conjuncts(subject) for m in self.actors(s) if m.type in STATE_LIKE]
                    if found:
                        return found
            verb = next((t for t in verb.ancestors if t.pos_ in VERB_POS), None)
        earlier = [self.mention(t) for t in pronoun.sent if t.i < pronoun.i]
        earlier = [m for m in earlier if m is not None and m.type in STATE_LIKE]
        return earlier[-1:]

    # --- where a role stands ----------------------------------------------------------------

    def role(self, trigger: Token, role: str, pattern: Pattern | None) -> list[Token]:
        """The heads of the phrases that fill a role of the trigger."""
        if trigger.pos_ in {"NOUN", "PROPN"} and role not in {"governor", "governor-other", "clause-subject"}:
            trigger = phrase_head(trigger)
        if role in {"governor", "governor-other"}:
            return self._governor(trigger, role, pattern.governors if pattern else ())
        if role.startswith("prep:"):
            return prep_objects(trigger, role.split(":", 1)[1])
        return self._ROLES[role](self, trigger)

    def _subject(self, trigger: Token) -> list[Token]:
        found = doers(trigger) or name_before(self.by_token, trigger)
        if not any(self.actors(t) for t in found):  # "X signed a bill providing aid": the bill acts for no one
            found = outer_doers(trigger) or found
        return found

    def _object(self, trigger: Token) -> list[Token]:
        return objects(trigger) or name_after(self.by_token, trigger)

    def _agent(self, trigger: Token) -> list[Token]:
        return agents(trigger) + [a for c in children(trigger, {"acl"}) if c.tag_ == "VBN" for a in agents(c)]

    def _governor(self, trigger: Token, role: str, governors: tuple[str, ...]) -> list[Token]:
        governing = governing_verb(trigger, governors)
        if governing is None:
            verb = verb_before(trigger, governors)
            return name_before(self.by_token, verb) if verb is not None and role == "governor" else []
        verb, takes_the_noun = governing
        if role == "governor-other":  # "X told *Y* during talks": only people, where the noun is an adverbial
            if any(prep_objects(phrase_head(trigger), word) for word in ("with", "between", "among")):
                return []  # "X will meet Y after talks with Z": the noun names its own other side
            others = other_arguments(verb, trigger)
            return others if takes_the_noun else [o for o in others if self.people(o)]
        side = children(verb, {"dobj"}) if verb.lemma_.lower() in SIDE_VERBS else []  # "X joined Y for talks with Z"
        return (doers(verb) or name_before(self.by_token, verb)) + side

    def _clause_subject(self, trigger: Token) -> list[Token]:
        """Up to the first clause whose doer names someone: "X signed a bill that included $5 billion for Y"."""
        for verb in (t for t in trigger.ancestors if t.pos_ in VERB_POS):
            found = doers(verb)
            if any(self.actors(t) for t in found):
                return found
        return []

    _ROLES = {
        "subject": _subject,
        "object": _object,
        "agent": _agent,
        "dative": lambda self, t: datives(t),
        "possessor": lambda self, t: [x for c in children(t, {"poss"}) for x in with_conjuncts(c)],
        "modifier": lambda self, t: [c for c in kids(t) if c.dep_ in _MODIFIER_DEPS - {"poss"} and c.i < t.i],
        "clause-subject": _clause_subject,
        "described": lambda self, t: [t.head] if t.dep_ in {"amod", "acl", "compound"} and t.head != t else [],
        "pobj": lambda self, t: children(t, {"pobj"}),
        "receiver": lambda self, t: receivers(t),
        "referent": lambda self, t: referents(t),
        "hyphen-prefix": lambda self, t: hyphen_prefix(t, self.words),
        "object-modifier": lambda self, t: object_modifiers(t, self.words),
    }
