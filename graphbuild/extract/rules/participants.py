"""Who takes part: from a token of the parse to the mentions it stands for, in one paragraph.

A title noun that an apposition or a title ties to a person ("met China's
minister of public security, Wang Xiaohong") stands for that person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from graphbuild.extract.found import Found, Ref
from graphbuild.extract.syntax import GROUP_POSSESSIVES, INCLUDING, MODIFIER_DEPS, SUBJECT_DEPS, VERB_POS, agents, children
from graphbuild.lexicon import GROUP_NOUNS, ORG_HEADS



class Participants:
    """The mentions of one paragraph Doc, by token."""

    def __init__(self, doc: Doc, mentions: Iterable[Found], by_ref: Mapping[Ref, Found]):
        """``mentions``: the paragraph's own; ``by_ref``: the article's, for the people references stand for."""
        self.doc = doc
        self.by_token: dict[int, Found] = {}
        self.by_ref = by_ref
        for m in mentions:
            for i in [*m.tokens, *sorted(m.describes)]:
                self.by_token.setdefault(i, m)

    def mention(self, token: Token) -> Found | None:
        return self.by_token.get(token.i)

    def named(self, m: Found | None) -> list[Found]:
        """The named mentions a mention stands for: itself, or a reference's antecedents ("he", "the two leaders")."""
        if m is None:
            return []
        if m.is_reference:
            return [self.by_ref[r] for r in m.antecedents if r in self.by_ref]
        return [m]

    def people(self, token: Token | None) -> list[Found]:
        """The persons a noun phrase names, with its conjuncts ("Blinken and Sullivan")."""
        if token is None:
            return []
        out: list[Found] = []
        for t in [token, *token.conjuncts]:
            found = self.named(self.mention(t)) or self.members(t) or self.titled(t)
            for m in found:
                if (m.type == "Person" or may_be_person(m)) and m not in out:
                    out.append(m)
        return out

    def titled(self, title: Token) -> list[Found]:
        """The person a title stands in apposition with: "the Chancellor of Austria, X" (where X, tagged
        as no person, did not take the title among its own words)."""
        return [m for c in title.children if c.dep_ == "appos" for m in self.named(self.mention(c))]

    def members(self, group: Token) -> list[Found]:
        """The people a delegation or group is named as: "the delegation led by X, which included Y and
        Z", "a mission comprising X and Y", "a team including X"."""
        if group.lemma_.lower() not in GROUP_NOUNS or self.mention(group) is not None:
            return []
        heads: list[Token] = []
        for child in group.children:
            if child.dep_ in {"acl", "relcl"}:
                leaders = agents(child) if child.tag_ == "VBN" else []
                heads += leaders
                # "the delegation headed by X, which included Y": the parser hangs the clause on X
                heads += [o for lead in leaders for c in children(lead, {"relcl"}) if c.lemma_.lower() in INCLUDING for o in children(c, {"dobj"})]
                if child.lemma_.lower() in INCLUDING:
                    heads += children(child, {"dobj"})
            elif child.dep_ == "prep" and child.lower_ in INCLUDING:
                heads += children(child, {"pobj"})
        return [m for h in heads for t in [h, *h.conjuncts] for m in self.named(self.mention(t)) if m.type == "Person"]

    def heads(self, token: Token) -> list[Found]:
        """The mentions a phrase's head and its conjuncts are, demonyms excepted ("visited Japan and Korea")."""
        out: list[Found] = []
        for t in [token, *token.conjuncts]:
            for m in self.named(self.mention(t)):
                if not m.implicit and m not in out:
                    out.append(m)
        return out

    def actor(self, token: Token | None) -> Found | None:
        """The country (or person, or organization) a noun phrase stands for.

        "Kim's sister, Kim Yo Jong" is Kim Yo Jong, not Kim: a person in a possessive
        does not stand for the phrase, a country does ("China's foreign ministry").
        """
        if token is None:
            return None
        m = self.mention(token)
        if m is not None:
            return m
        for child in token.children:
            if child.dep_ == "appos" and getattr(self.mention(child), "type", None) == "Person":
                return self.mention(child)
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                m = self.mention(child)
                if m is not None and (m.type != "Person" or child.dep_ != "poss"):
                    return m
        return None

    def beneficiary(self, token: Token) -> Found | None:
        """Who is backed: "Russia", "Russia's war", "the Russian defense industrial base", "Putin's invasion"."""
        m = self.mention(token)
        if m is not None and m.type in {"Country", "Person"}:
            return m
        for child in token.children:
            if child.dep_ in MODIFIER_DEPS:
                m = self.mention(child)
                if m is not None and m.type in {"Country", "Person"}:
                    return m
        return None

    def actors(self, token: Token) -> list[Found]:
        """The named actors a phrase and its conjuncts stand for ("Norway and Finland", "the two leaders")."""
        out: list[Found] = []
        for t in [token, *token.conjuncts]:
            for m in self.named(self.actor(t)):
                if m not in out:
                    out.append(m)
        return out

    def referents(self, noun: Token) -> list[Found]:
        """Who a descriptive noun is about: "Egypt, *one of the recipients*" (apposition), "Egypt is
        *a recipient*" (the subject of "be")."""
        t = noun
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in {"NUM", "PRON", "NOUN"}:
            t = t.head.head  # "one of the top recipients"
        if t.dep_ == "appos":
            return self.actors(t.head)
        if t.dep_ == "attr":
            return [a for s in t.head.children if s.dep_ in SUBJECT_DEPS for a in self.actors(s)]
        return []

    def group_owner(self, noun: Token) -> list[Found] | bool:
        """Who "its"/"their" before a noun stands for: the people it was resolved to ("the three
        leaders ... their support"), else the last country or organization named earlier in the
        sentence ([] if none); False when the noun has no such pronoun."""
        pronoun = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in GROUP_POSSESSIVES), None)
        if pronoun is None:
            return False
        resolved = self.named(self.mention(pronoun))
        if resolved:
            return resolved
        earlier = [self.mention(t) for t in noun.sent if t.i < noun.i and self.mention(t) is not None]
        earlier = [m for m in earlier if m.type in {"Country", "Organization"}]
        return earlier[-1:]

    def clause_actors(self, token: Token) -> list[Found]:
        """The actors of the nearest clause above a token whose subject names one (skipping "that",
        "which"), with the subject's conjuncts ("Norway and Finland will send ...")."""
        t = token
        while t.head != t:
            t = t.head
            if t.pos_ not in VERB_POS:
                continue
            for subject in (c for c in t.children if c.dep_ in SUBJECT_DEPS):
                found = self.actors(subject)
                if found:
                    return found
            if t.tag_ == "VBN":
                for agent in agents(t):
                    found = self.actors(agent)
                    if found:
                        return found
        return []


def may_be_person(m: Found) -> bool:
    """An ORG span shaped like a personal name ("Olaf Scholz"): kept as a candidate; the resolver
    decides, and a meeting whose side stays an organization is dropped there."""
    span = m.span
    return m.type == "Organization" and 2 <= len(span) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in span) and not any(t.lower_ in ORG_HEADS for t in span)
