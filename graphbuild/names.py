"""One place for name normalisation, used by extraction and resolution alike.

* :func:`clean_name` — a name as printed, tidied: straight apostrophes, single
  spaces, no possessive ending ("Velder’s" → "Velder").
* :func:`display_name` — the same without a leading article ("the Pentagon" → "Pentagon").
* :func:`name_key` — case-, accent-, punctuation- and article-insensitive form.
* :func:`person_key` / :func:`org_key` — identity keys of people and organizations.
* :func:`slug` — the ASCII form used in node ids.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graphbuild.lexicon import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, ORG_HEADS, SPELLING_VARIANTS

_CURLY_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def straight_apostrophes(text: str) -> str:
    return text.translate(_CURLY_APOSTROPHES)


def clean_name(text: str) -> str:
    """Straight apostrophes, single spaces, no possessive ending."""
    text = re.sub(r"\s+", " ", straight_apostrophes(text)).strip()
    return re.sub(r"'s?$", "", text).strip()


@lru_cache(maxsize=1 << 16)
def display_name(text: str) -> str:
    """A name as a node shows it: :func:`clean_name` without a leading "the"."""
    return clean_name(re.sub(r"^(the|The)\s+", "", text.strip()))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Case-, accent-, punctuation- and article-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", straight_apostrophes(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"'s$", "", text)
    text = text.replace(".", "")
    return re.sub(r"[^\w]+", " ", text).strip()


def person_key(name: str) -> str:
    """Identity key of a person's name: no initials, suffixes, honorifics or particles ("Tomas R.
    Velder III" -> "tomas velder", "Karim Nabil el-Hadrawi" -> "karim nabil hadrawi", "El Maroudi" -> "maroudi")."""
    words = [w for w in name_key(name).split() if len(w) > 1 and w not in NAME_SUFFIXES]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    # Particles go ("el-Hadrawi", "van der Struik", "El Maroudi"), but not a capitalized given name or
    # surname that is spelled like one ("Da Wen", "Le Quon").
    particles = {
        w.lower() for w in re.findall(r"[\w']+", name) if w.islower() or w in _ARABIC_ARTICLES
    } & NAME_PARTICLES
    return " ".join([w for w in words if w not in particles] or words)


_ARABIC_ARTICLES = frozenset({"El", "Al"})


def org_key(name: str) -> str:
    """Identity key of an organization's name ("US Defence Department" and "Department of Defense" agree)."""
    words = [SPELLING_VARIANTS.get(w, w) for w in name_key(name).split()]
    if len(words) >= 2 and words[-1] in ORG_HEADS and words[-2] not in {"of", "for"}:
        words = [words[-1], "of", *words[:-1]]  # "defense department" -> "department of defense"
    if words[:3] in (["ministry", "of", "national"], ["department", "of", "national"]) and len(words) > 3:
        del words[2]  # "Ministry of National Defense" is the "Defense Ministry"
    return " ".join(words)


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Tomas Velder" -> "tomas-velder")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
