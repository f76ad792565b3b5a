"""Split an article into the paragraphs worth reading, dropping page furniture.

News text copied from the web carries lines that are not the story:
newsletter and app prompts, "More from …" link lists, copyright lines,
comment notices, repeated headlines, all-capital section headings, and
the short unpunctuated lines below the headline: photo captions, credits,
the titles of other stories.
Nothing in them is annotated, and names in them ("More from the Harbour
Gazette: - Two presidents pledge …") would add false
mentions, so they never reach spaCy.

A paragraph longer than ``MAX_PARAGRAPH_CHARS`` (a scraped page that lost
its line breaks) is cut into pieces at sentence ends, so that no text
reaches spaCy's limit (``nlp.max_length``, 1,000,000 characters) or costs
its parser memory out of proportion; every piece keeps its offset in the
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each pattern describes a kind of furniture, not a particular site's wording.
_FURNITURE = re.compile(
    r"""
    ^\s*(more\ from|read\ more|related(\ (articles|stories|coverage))?|recommended|also\ read|see\ also|
         most\ (read|popular)|trending|further\ reading)\b.*:?\s*$      # link-list headers
    | copyright | ©\ | all\ rights\ reserved                                # legal lines
    | \b(sign\ up|subscribe|newsletter|download\ our\ (mobile\ )?app|get\ the\ answers\ with|
         follow\ us\ on|click\ here|share\ this\ (article|story))\b          # prompts
    | \b(leave\ a\ (reply|comment)|comments\ are\ (closed|no\ longer\ available|disabled)|
         your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked|
         send\ (your\ )?questions(/|\ and\ )comments|join\ the\ conversation)\b  # comment notices
    """,
    re.IGNORECASE | re.VERBOSE,
)
_LINK_LIST_HEADER = re.compile(
    r"^\s*(more from|read more|related|recommended|also read|see also|most (read|popular)|trending|further reading)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*([-–•*▪►]|\d+[.)])\s+")
_PROMPT_MAX_CHARS = 400  # a long paragraph that merely mentions "subscribe" is story
# A story's sentences end in punctuation; a short line that does not is a caption, a credit or the
# title of another story.  Longer unpunctuated lines are kept: they are story text that lost its full stop.
_TITLE_MAX_WORDS = 15
_TITLE_MAX_CHARS = 200
_LINE_END = re.compile(r"""[.!?…:;]["'”’)\]]*$""")

#: News paragraphs are a few hundred characters; far longer "paragraphs" are pages without line breaks.
MAX_PARAGRAPH_CHARS = 10_000
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s+""")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    start: int  # character offset in the article text
    text: str


def story_paragraphs(text: str) -> list[Paragraph]:
    """The article's story paragraphs, with their offsets, in order."""
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    in_link_list = False
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if in_link_list and _BULLET.match(line):
            continue
        in_link_list = bool(_LINK_LIST_HEADER.match(stripped))
        if _is_furniture(stripped) or stripped in seen:
            continue
        if paragraphs and _is_title_like(stripped):  # the first line is the article's own headline
            continue
        seen.add(stripped)
        lead = len(line) - len(line.lstrip())
        paragraphs.extend(_pieces(start + lead, stripped))
    return paragraphs


def _pieces(start: int, text: str) -> list[Paragraph]:
    """``text`` (found at ``start``) as paragraphs of at most ``MAX_PARAGRAPH_CHARS`` characters."""
    pieces = []
    while len(text) > MAX_PARAGRAPH_CHARS:
        cut = _break_before(text, MAX_PARAGRAPH_CHARS)
        pieces.append(Paragraph(start, text[:cut].rstrip()))
        rest = text[cut:].lstrip()
        start += len(text) - len(rest)
        text = rest
    if text:
        pieces.append(Paragraph(start, text))
    return pieces


def _break_before(text: str, limit: int) -> int:
    """Where to cut ``text`` at or before ``limit``: after the last sentence end, else at the last
    space, else at ``limit``.  Only breaks in the second half count, so each cut moves far ahead."""
    for pattern in (_SENTENCE_END, _SPACE):
        breaks = [m.end() for m in pattern.finditer(text, limit // 2, limit + 1) if m.end() <= limit]
        if breaks:
            return breaks[-1]
    return limit


def _is_furniture(line: str) -> bool:
    if _is_heading(line):
        return True
    return len(line) <= _PROMPT_MAX_CHARS and bool(_FURNITURE.search(line))


def _is_title_like(line: str) -> bool:
    """A few words without a sentence's closing punctuation, and not an item of a list."""
    return (
        len(line) <= _TITLE_MAX_CHARS
        and len(line.split()) <= _TITLE_MAX_WORDS
        and not _LINE_END.search(line)
        and not _BULLET.match(line)
    )


def _is_heading(line: str) -> bool:
    """An all-capitals line of a few words is a section heading, not a sentence."""
    return len(line.split()) <= 8 and not any(ch.islower() for ch in line) and any(ch.isalpha() for ch in line)
