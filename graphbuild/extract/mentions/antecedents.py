"""The people a reference may stand for: each person named (or referred to) so far, in text order,
and the window of sentences a pronoun or a group looks back over."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from graphbuild.extract.found import Found, Ref
from graphbuild.extract.syntax import SUBJECT_DEPS


@dataclass(frozen=True)
class Antecedent:
    """A named person, or a reference already resolved, at one place in the article."""

    paragraph: int
    token: Token
    refs: tuple[Ref, ...]
    found: Found

    @cached_property  # Token.sent walks the parse; the windows ask for it again and again
    def sentence(self) -> tuple[int, int]:
        return (self.paragraph, self.token.sent.start)

    @property
    def is_subject(self) -> bool:
        return self.token.dep_ in SUBJECT_DEPS


def window(token: Token, paragraph: int, earlier: list[Antecedent], sentences_before: int = 1) -> list[Antecedent]:
    """The people named in the same sentence before the token and in the sentences before it that
    name people (the previous paragraph's last one, at the start of a paragraph)."""
    own = (paragraph, token.sent.start)
    sentences = sorted({p.sentence for p in earlier} | {own})
    here = sentences.index(own)
    allowed = set(sentences[max(0, here - sentences_before) : here + 1])
    return [p for p in earlier if p.sentence in allowed]
