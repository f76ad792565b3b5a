"""Near-duplicate articles: the same story under another name, or from a syndicating site with small edits.

    fingerprint(text) -> str | None                 # when an article is read (graphbuild.read)
    find_copies(articles) -> dict[str, str]         # copy id -> id of the article it copies

A copy is still an article of the graph (its node, its mentions, its
sentences in the evidence), but it is not independent evidence: an edge's
weight counts each story once (:func:`graphbuild.graph.story_weight`).

The fingerprint
    A MinHash (datasketch, 128 permutations) of the text's word 3-shingles:
    lower-cased words, so that line breaks, punctuation and capitals do not
    matter; of the first :data:`MAX_WORDS` words only, which is all of any
    news article and keeps a 20 MB file from costing seconds and gigabytes.  It is computed once, when
    the article is read, and kept with
    the article (``Article.fingerprint``: 512 bytes as base64 text after a version tag), so an
    ``--update`` compares new articles with old ones without their texts, and
    ``--workers`` changes nothing (articles are read in the main process).

Which articles are copies
    Two articles are near-duplicates when the Jaccard similarity of their
    shingles, as the MinHashes estimate it, is at least
    :data:`SIMILARITY` (0.7): a syndicated story with a new headline, a
    dateline, a credit line and a few words changed stays well above it;
    two outlets' own reports of one event share far fewer 3-word sequences.
    Candidates come from a MinHashLSH index (no comparison of every pair)
    tuned for a lower similarity (:data:`_CANDIDATES`, 0.5), so that pairs
    just above 0.7 are rarely missed (an index tuned for 0.7 misses about one
    pair in forty at 0.85); each candidate pair is then checked against
    :data:`SIMILARITY`.  Near-duplicates are grouped transitively, and in each group the article
    published first (then the smallest id) is the original and the others
    its copies.  The result depends only on the set of articles, never on
    the order they were read in, so an update equals a full rebuild.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from datetime import date
from itertools import islice

import numpy as np

from graphbuild.models import Article

__all__ = ["NUM_PERM", "SIMILARITY", "find_copies", "fingerprint"]

NUM_PERM = 128
SIMILARITY = 0.7
#: The similarity the LSH index is tuned for: below SIMILARITY, so that few true pairs escape it.
_CANDIDATES = 0.5
#: datasketch's hashing scheme; the fingerprints of two schemes cannot be compared.
_SCHEME = "affine32"
#: Written before every fingerprint: which scheme, seed, size and shingles made it.  A fingerprint of
#: another version (an older graph) is not compared with these; rebuilding the graph makes them anew.
_VERSION = "mh1:"
#: Words of a text the fingerprint reads (news articles have a few thousand at most).
MAX_WORDS = 20_000
_WORD = re.compile(r"\w+")
_SHINGLE = 3


def fingerprint(text: str) -> str | None:
    """The MinHash of ``text``'s word 3-shingles as base64 text (None for a text without words)."""
    from datasketch import MinHash  # imports scipy: only when articles are read

    words = [match.group() for match in islice(_WORD.finditer(text.lower()), MAX_WORDS)]
    if not words:
        return None
    shingles = {" ".join(words[i : i + _SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - _SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME)
    minhash.update_batch(sorted(shingles))
    return _VERSION + base64.b64encode(minhash.hashvalues.astype("<u4").tobytes()).decode("ascii")


def find_copies(articles: Iterable[Article]) -> dict[str, str]:
    """``{copy id: original id}`` for the articles that are near-duplicates of another one."""
    from datasketch import LeanMinHash, MinHashLSH

    hashes = {}
    for article in articles:
        values = _decode(article.fingerprint)
        if values is not None:
            hashes[article.id] = (article, LeanMinHash(seed=1, hashvalues=values, scheme=_SCHEME))
    if len(hashes) < 2:
        return {}
    index = MinHashLSH(threshold=_CANDIDATES, num_perm=NUM_PERM)
    for article_id, (_, minhash) in sorted(hashes.items()):
        index.insert(article_id, minhash)
    groups = _Groups()
    for article_id, (_, minhash) in sorted(hashes.items()):
        for other in index.query(minhash):
            if other != article_id and minhash.jaccard(hashes[other][1]) >= SIMILARITY:
                groups.join(article_id, other)
    copies = {}
    for members in groups.groups():
        original = min(members, key=lambda aid: _first_published(hashes[aid][0]))
        copies.update({aid: original for aid in members if aid != original})
    return dict(sorted(copies.items()))


def _decode(text: str | None) -> np.ndarray | None:
    """The hash values of a fingerprint; None for none, or for one of another size (a damaged state)."""
    if not text or not text.startswith(_VERSION):
        return None
    try:
        raw = base64.b64decode(text[len(_VERSION) :], validate=True)
    except ValueError:
        return None
    if len(raw) != 4 * NUM_PERM:
        return None
    return np.frombuffer(raw, dtype="<u4").astype(np.uint64)


def _first_published(article: Article) -> tuple[date, str]:
    return (article.published or date.max, article.id)


class _Groups:
    """Union-find over article ids: near-duplicates of near-duplicates are one story."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def _root(self, item: str) -> str:
        self._parent.setdefault(item, item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        root_a, root_b = self._root(a), self._root(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[str]]:
        by_root: dict[str, list[str]] = {}
        for item in sorted(self._parent):
            by_root.setdefault(self._root(item), []).append(item)
        return list(by_root.values())
