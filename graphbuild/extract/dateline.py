"""Datelines and wire credits: "NAIROBI, Kenya (AP) —", "Oslo, 2 May 2024 (NTB) -", "GENEVA —".

They say where a story was filed and which agency sent it; they are not
part of its first sentence (NER reads "NAIROBI" as the subject) nor
entities of the story, so they are cut off the paragraph before parsing.
"""

from __future__ import annotations

import re

#: A place (a CITY in capitals, or a City), optionally ", Region", a date and an agency credit in
#: parentheses, then a dash or ".-" and the story.  A Title-case place needs a region, a date or a
#: credit ("Kuala Lumpur, Malaysia –"): "Paris - The minister said" is too weak a sign.
_DATELINE = re.compile(
    r"""
    ^(?P<place>[A-Z][A-Za-z.'’ ]{1,40}?)
    (?:,\s*(?P<region>[A-Z][A-Za-z.' ]{1,30}?))?
    (?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+[A-Za-z]{3,9}(?:\s+\d{4})?))?
    \s*(?P<credit>\([^()]{1,40}\))?
    \s*\.?\s*(?:[—–]|-{1,2})\s+
    (?=[A-Z“"‘'])
    """,
    re.VERBOSE,
)

#: Datelines stand at the top: the first few paragraphs (after a headline and a standfirst).
DATELINE_PARAGRAPHS = 3


def dateline_length(paragraph: str) -> int:
    """How many characters at the start of a paragraph are a dateline (0 if there is none)."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return 0
    place = match.group("place").strip()
    shouting = place.replace(" ", "").replace(".", "").isupper() and len(place) > 2
    if not (shouting or match.group("credit") or match.group("date") or match.group("region")):
        return 0
    return match.end()


def dateline_place(paragraph: str) -> str | None:
    """The place the dateline at the start of a paragraph names, and its region if it gives one
    ("NAIROBI, Kenya (AP) — ...": "NAIROBI, Kenya")."""
    match = _DATELINE.match(paragraph) if dateline_length(paragraph) else None
    if match is None:
        return None
    return ", ".join(part.strip() for part in (match.group("place"), match.group("region")) if part)
