"""Support: one country backing another, said with a noun ("Iran's support for Russia", "sent arms
to Russia", "the sale of frigates to Chile", "one of the top recipients of US aid") or a sum of money
earmarked for it ("$61 billion for Ukraine").

Verbs of backing ("China backs Russia", "X depends on Y for its security") are data patterns; these
need the noun's possessor, the verb it hangs from or the clause's actor, so they are code.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.found import Found
from graphbuild.extract.rules.participants import Participants
from graphbuild.extract.rules.registry import FoundRelation, relation_rules
from graphbuild.extract.syntax import MODIFIER_DEPS, NOUN_POS, VERB_POS, entity_root, prep_objects, subjects
from graphbuild.lexicon import MILITARY_MODIFIERS, RECEIVING_VERBS, RECIPIENT_NOUNS, SECURITY_NOUNS, SUPPLY_EVENT_NOUNS, SUPPLY_NOUNS, SUPPLY_VERBS, SUPPORT_NOUNS

CONFIDENCE = {"noun": 0.8, "received": 0.7, "dependence": 0.7, "money": 0.7}


def is_supplies(noun: Token) -> bool:
    """Arms, equipment, troops: what is handed over as support ("air-defence systems", "military equipment")."""
    modifiers = {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"}}
    return noun.lemma_.lower() in SUPPLY_NOUNS or noun.lower_ in SUPPLY_NOUNS or bool(modifiers & MILITARY_MODIFIERS)


@relation_rules.register("support_noun")
class SupportNoun:
    """"Iran's support for Russia", "its backing of Ukraine", "provided weapons to Russia",
    "the sale of frigates to Chile", "used Turkey's military assistance"."""

    relation = "SUPPORTS"
    pos = NOUN_POS

    def matches(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if lemma in SUPPORT_NOUNS:
            return True
        if token.head.lemma_.lower() in SUPPLY_VERBS and is_supplies(token):  # "sent arms"
            return True
        return lemma in SUPPLY_EVENT_NOUNS and (is_supplies(token) or any(is_supplies(g) for g in prep_objects(token, ("of",))))

    def find(self, noun: Token, parts: Participants) -> list[FoundRelation]:
        sources = self._named_sources(noun, parts)
        if sources is None:
            return []  # "its support" with no country or organization to be "its"
        # "China's backing of Russia": with the backer named before the noun, "of" names the backed.
        target_preps = ("for", "to", "of") if sources else ("for", "to")
        targets = [parts.beneficiary(g) for g in prep_objects(noun, target_preps)]
        if noun.head.lemma_.lower() in SUPPLY_VERBS:  # "provide arms to X"
            verb = noun.head
            targets += [parts.beneficiary(g) for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in {"for", "to"} for g in c.children if g.dep_ == "pobj"]
        targets = [t for t in targets if t is not None]
        if not targets and sources:  # "the top recipients of US aid", "using Turkey's military assistance"
            return [FoundRelation(self.relation, s, t, noun, CONFIDENCE["received"]) for s in sources for t in receivers(noun, parts)]
        sources = sources or parts.clause_actors(noun)
        return [FoundRelation(self.relation, s, t, noun, CONFIDENCE["noun"]) for s in sources for t in targets]

    @staticmethod
    def _named_sources(noun: Token, parts: Participants) -> list[Found] | None:
        """Who gives it, where the phrase itself says so: "Iran's support", "US arms sales", "their
        support" (the leaders just named); [] when it does not, None for an "its" that fits no one."""
        owner = parts.group_owner(noun)  # "thanked Tokyo for its support"
        if owner is not False:
            return owner or None
        sources: list[Found] = []
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
                sources = parts.named(parts.mention(child)) or sources
        return sources


def receivers(noun: Token, parts: Participants) -> list[Found]:
    """Who benefits from support the sentence gives no "to" for: the recipients it is "of"
    ("Egypt, one of the top recipients of US aid"), or the subject of a verb of receiving or using it."""
    holder = noun.head
    if noun.dep_ == "pobj" and holder.lower_ == "of" and holder.head.lemma_.lower() in RECIPIENT_NOUNS:
        return parts.referents(holder.head)
    head = noun
    while head.dep_ == "conj":  # "using its oil revenues and Turkey's military assistance"
        head = head.head
    verb = head.head
    if head.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in RECEIVING_VERBS:
        return [a for s in subjects(verb) for a in parts.actors(s)]
    return []


@relation_rules.register("dependence")
class Dependence:
    """"Armenia, which depends on Russia for its security", "X relies on Y for weapons": Y backs X.
    Not "relies on China for its soybean trade": what it depends on Y for must be security or support."""

    relation = "SUPPORTS"
    pos = VERB_POS

    def matches(self, token: Token) -> bool:
        return token.lemma_.lower() in {"depend", "rely"}

    def find(self, verb: Token, parts: Participants) -> list[FoundRelation]:
        wanted = prep_objects(verb, ("for",))
        if not any(w.lemma_.lower() in _DEPENDED_FOR or is_supplies(w) for w in wanted):
            return []
        backers = [a for g in prep_objects(verb, ("on", "upon")) for a in parts.actors(g)]
        dependants = [a for s in subjects(verb) for a in parts.actors(s)]
        return [FoundRelation(self.relation, b, d, verb, CONFIDENCE["dependence"]) for b in backers for d in dependants if b.ref != d.ref]


#: What one depends on another for when that other backs it (beside military supplies).
_DEPENDED_FOR = SECURITY_NOUNS | SUPPORT_NOUNS


@relation_rules.register("money_for")
class MoneyFor:
    """"$61 billion for Ukraine", "$2 billion in weapons for Israel": money earmarked for a country,
    granted by the clause's actor."""

    relation = "SUPPORTS"
    pos = None

    def matches(self, token: Token) -> bool:
        return token.ent_type_ == "MONEY" and token.dep_ != "compound" and token.i == entity_root(token).i

    def find(self, money: Token, parts: Participants) -> list[FoundRelation]:
        holders = [money, *prep_objects(money, ("in",))]
        targets = [parts.beneficiary(g) for h in holders for g in prep_objects(h, ("for",))]
        targets = [t for t in targets if t is not None and t.type == "Country"]
        sources = parts.clause_actors(money) if targets else []
        return [FoundRelation(self.relation, s, t, money, CONFIDENCE["money"]) for s in sources for t in targets]

