"""Support: one country backing another, said with a noun ("Iran's support for Russia", "sent arms
to Russia") or a sum of money earmarked for it ("$61 billion for Ukraine").

Verbs of backing ("China backs Russia") are a data pattern; these need the
noun's possessor, the verb it hangs from or the clause's actor, so they are
code.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuild.extract.rules.participants import Participants
from graphbuild.extract.rules.registry import FoundRelation, relation_rules
from graphbuild.extract.syntax import MODIFIER_DEPS, NOUN_POS, entity_root, prep_objects
from graphbuild.lexicon import SUPPLY_NOUNS, SUPPLY_VERBS, SUPPORT_NOUNS

CONFIDENCE = {"noun": 0.8, "money": 0.7}


@relation_rules.register("support_noun")
class SupportNoun:
    """"Iran's support for Russia", "its backing of Ukraine", "provided weapons to Russia"."""

    relation = "SUPPORTS"

    def matches(self, token: Token) -> bool:
        if token.pos_ not in NOUN_POS:
            return False
        lemma = token.lemma_.lower()
        supplied = (lemma in SUPPLY_NOUNS or token.lower_ in SUPPLY_NOUNS) and token.head.lemma_.lower() in SUPPLY_VERBS
        return lemma in SUPPORT_NOUNS or supplied

    def find(self, noun: Token, parts: Participants) -> list[FoundRelation]:
        source = None
        for child in noun.children:
            if child.dep_ in MODIFIER_DEPS and child.i < noun.i:
                source = parts.mention(child) or source
        owner = parts.group_owner(noun)  # "thanked Tokyo for its support"
        if owner is not False:
            if owner is None:
                return []
            source = owner
        # "China's backing of Russia": with the backer named before the noun, "of" names the backed.
        target_preps = ("for", "to", "of") if source is not None else ("for", "to")
        if source is None:
            source = parts.clause_actor(noun)
        targets = [parts.beneficiary(g) for g in prep_objects(noun, target_preps)]
        if noun.head.lemma_.lower() in SUPPLY_VERBS:  # "provide arms to X"
            verb = noun.head
            targets += [parts.beneficiary(g) for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in {"for", "to"} for g in c.children if g.dep_ == "pobj"]
        if source is None:
            return []
        return [FoundRelation(self.relation, source, t, noun, CONFIDENCE["noun"]) for t in targets if t is not None]


@relation_rules.register("money_for")
class MoneyFor:
    """"$61 billion for Ukraine", "$2 billion in weapons for Israel": money earmarked for a country,
    granted by the clause's actor."""

    relation = "SUPPORTS"

    def matches(self, token: Token) -> bool:
        return token.ent_type_ == "MONEY" and token.dep_ != "compound" and token.i == entity_root(token).i

    def find(self, money: Token, parts: Participants) -> list[FoundRelation]:
        holders = [money, *prep_objects(money, ("in",))]
        targets = [parts.beneficiary(g) for h in holders for g in prep_objects(h, ("for",))]
        targets = [t for t in targets if t is not None and t.type == "Country"]
        source = parts.clause_actor(money) if targets else None
        if source is None:
            return []
        return [FoundRelation(self.relation, source, t, money, CONFIDENCE["money"]) for t in targets]
