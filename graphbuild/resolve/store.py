"""Where the resolver keeps what it has read: an SQLite database (Python's own ``sqlite3``).

The resolver holds no mention in memory once an article is resolved: each
article's extraction, what it says of each entity and its relations go to
disk as the article comes in, and per-key tallies are read back only for the
keys an article touches.  SQLite because it is in the standard library,
reads one row by key without reading the rest (an update touches a few keys
of a large graph), writes atomically, and is a single file that a graph's
update state can simply be (:mod:`graphbuild.state`); the rows are compact
JSON, compressed where they are large.

Tables:

=========  ====================================================================
meta       model, rules, corrections, field lists of the stored records
articles   per article: metadata, its extraction (no text), and what it gave
           the resolver (per key tallies and mention ids; its relations)
tallies    per cluster key: the sum of what its articles say (:class:`Tally`)
names      name key -> the cluster keys whose mentions show it (corrections, explain)
mentioned  (cluster key, article) -> mentions, for MENTIONED_IN edges
=========  ====================================================================
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuild.models import Article, Extraction, Mention, Relation
from graphbuild.names import name_key
from graphbuild.resolve.entities import ClusterKey
from graphbuild.resolve.relations import decode, encode
from graphbuild.resolve.tally import Tally

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, article TEXT NOT NULL, extraction BLOB NOT NULL,
                                     resolved BLOB NOT NULL, relations BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tallies (key TEXT PRIMARY KEY, tally TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_by_key ON names (key);
CREATE TABLE IF NOT EXISTS mentioned (key TEXT NOT NULL, article_id TEXT NOT NULL, count INTEGER NOT NULL,
                                      PRIMARY KEY (key, article_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentioned_by_article ON mentioned (article_id);
"""

#: Mentions and relations are stored as rows of field values; the field names are stored once (in meta),
#: so a store stays readable when fields are added.  The article id, a mention id that is the usual
#: "<article id>:<start>", and sentences (indexes into the article's distinct sentences) are not repeated.
MENTION_FIELDS = tuple(f for f in Mention.model_fields if f != "article_id")
RELATION_FIELDS = tuple(f for f in Relation.model_fields if f != "article_id")


class StoreError(ValueError):
    """The store's rows cannot be read (a damaged or hand-edited file)."""


class Store:
    """The resolver's database; ``path`` None keeps it in memory."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        if read_only:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            self.mention_fields, self.relation_fields = self.meta("mention_fields"), self.meta("relation_fields")
            return
        self.db = sqlite3.connect(str(path) if path is not None else ":memory:", isolation_level=None)
        # A store is a working file: a failed run throws it away, and only a finished one is copied into place
        # (graphbuild.state), so it needs neither a rollback journal nor waiting for the disk.
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(SCHEMA)
        self.db.execute("BEGIN")
        fields = {"mention_fields": list(MENTION_FIELDS), "relation_fields": list(RELATION_FIELDS)}
        stored = {name: self.meta(name) for name in fields}
        for name, value in fields.items():
            if stored[name] is None:
                self.set_meta(name, value)
        self.mention_fields, self.relation_fields = (self.meta("mention_fields"), self.meta("relation_fields"))

    def close(self, commit: bool = True) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT" if commit else "ROLLBACK")
        self.db.close()

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    # --- meta ------------------------------------------------------------------------------------------

    def meta(self, name: str):
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else _json(row[0])

    def set_meta(self, name: str, value) -> None:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, text))

    # --- articles --------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def put_article(
        self, extraction: Extraction, resolved: dict, relations: list[Relation], mentioned: dict[ClusterKey, int]
    ) -> None:
        article = extraction.article
        metadata = article.model_copy(update={"text": ""}).model_dump_json(exclude_none=True)
        record = _pack(_dump_extraction(extraction, self.mention_fields, self.relation_fields))
        self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
            (
                article.id,
                metadata,
                record,
                _pack(resolved),
                _pack([_relation_row(r, self.relation_fields) for r in relations]),
            ),
        )
        self.db.executemany(
            "INSERT INTO mentioned VALUES (?, ?, ?)", [(encode(k), article.id, n) for k, n in mentioned.items()]
        )
        self._toggle_digest(metadata, record)

    def pop_article(self, article_id: str) -> dict:
        """Delete an article; what it gave the resolver (to take back out of the tallies)."""
        query = "SELECT article, extraction, resolved FROM articles WHERE id = ?"
        metadata, record, resolved = self.db.execute(query, (article_id,)).fetchone()
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.db.execute("DELETE FROM mentioned WHERE article_id = ?", (article_id,))
        self._toggle_digest(metadata, record)
        return _unpack(resolved)

    def digest(self) -> str:
        """A fingerprint of the articles held, whatever order they came in (equal stores, equal digests)."""
        return self.meta("digest") or "0" * 64

    def _toggle_digest(self, metadata: str, record: bytes) -> None:
        """XOR the article's hash into the digest: adding and removing it are the same step, in any order."""
        article_hash = int.from_bytes(hashlib.sha256(metadata.encode("utf-8") + b"\0" + record).digest(), "big")
        self.set_meta("digest", f"{int(self.digest(), 16) ^ article_hash:064x}")

    def articles(self) -> Iterator[Article]:
        for (text,) in self.db.execute("SELECT article FROM articles ORDER BY id"):
            yield _valid(lambda text=text: Article.model_validate_json(text))

    def extractions(self) -> Iterator[Extraction]:
        """The stored extractions, in article-id order (article texts are "")."""
        for text, blob in self.db.execute("SELECT article, extraction FROM articles ORDER BY id"):
            yield self._extraction(text, blob)

    def extraction(self, article_id: str) -> Extraction:
        text, blob = self.db.execute("SELECT article, extraction FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._extraction(text, blob)

    def _extraction(self, article: str, rows: bytes) -> Extraction:
        return _valid(
            lambda: extraction_from_rows(
                Article.model_validate_json(article), _unpack(rows), self.mention_fields, self.relation_fields
            )
        )

    def resolved(self) -> Iterator[tuple[str, dict]]:
        for article_id, blob in self.db.execute("SELECT id, resolved FROM articles ORDER BY id"):
            yield article_id, _unpack(blob)

    def relation_rows(self) -> Iterator[tuple[str, dict]]:
        """(article id, relation as a dict with encoded endpoints) in article order, without validating them."""
        fields = self.relation_fields
        for article_id, blob in self.db.execute("SELECT id, relations FROM articles ORDER BY id"):
            for row in _unpack(blob):
                yield article_id, {f: v for f, v in zip(fields, row, strict=False) if v is not None}

    # --- tallies, names, mentions -------------------------------------------------------------------------

    def tally(self, key: ClusterKey) -> Tally | None:
        row = self.db.execute("SELECT tally FROM tallies WHERE key = ?", (encode(key),)).fetchone()
        return None if row is None else _valid(lambda: Tally.from_json(json.loads(row[0])))

    def put_tally(self, key: ClusterKey, tally: Tally) -> None:
        encoded = encode(key)
        self.db.execute("DELETE FROM names WHERE key = ?", (encoded,))
        if tally.is_empty():
            self.db.execute("DELETE FROM tallies WHERE key = ?", (encoded,))
            return
        text = json.dumps(tally.to_json(), ensure_ascii=False, sort_keys=True)
        self.db.execute("INSERT OR REPLACE INTO tallies VALUES (?, ?)", (encoded, text))
        names = {name_key(n) for n in (*tally.names, *tally.aliases, *tally.implicit_aliases)} - {""}
        self.db.executemany("INSERT INTO names VALUES (?, ?)", [(n, encoded) for n in sorted(names)])

    def tallies(self) -> Iterator[tuple[ClusterKey, Tally]]:
        for encoded, text in self.db.execute("SELECT key, tally FROM tallies ORDER BY key"):
            yield decode(encoded), _valid(lambda text=text: Tally.from_json(json.loads(text)))

    def named(self, name: str) -> set[ClusterKey]:
        return {decode(k) for (k,) in self.db.execute("SELECT key FROM names WHERE name = ?", (name,))}

    def mentioned(self, keys: Iterable[ClusterKey] | None = None) -> Iterator[tuple[ClusterKey, str, int]]:
        """(cluster key, article id, mentions) of every key, or of those keys."""
        if keys is None:
            rows = self.db.execute("SELECT key, article_id, count FROM mentioned")
        else:
            query = "SELECT key, article_id, count FROM mentioned WHERE key = ?"
            rows = (r for k in keys for r in self.db.execute(query, (encode(k),)))
        for encoded, article_id, count in rows:
            yield decode(encoded), article_id, count

    # --- scratch tables: the finished corpus in the order the graph is made in --------------------------------

    def scratch_relations(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """(source id, target id, type, article id, relation JSON) rows, kept until the store is closed (not saved)."""
        self.db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS final_relations "
            "(source TEXT, target TEXT, type TEXT, article_id TEXT, relation TEXT)"
        )
        self.db.executemany("INSERT INTO final_relations VALUES (?, ?, ?, ?, ?)", rows)

    def scratch_relation_rows(self) -> Iterator[tuple[str, str, str, str]]:
        """(source, target, article id, relation JSON), sorted by source, target and type (one edge's rows together)."""
        yield from self.db.execute(
            "SELECT source, target, article_id, relation FROM final_relations "
            "ORDER BY source, target, type, article_id, relation"
        )

    def scratch_mentions(self, rows: Iterable[tuple[str, str, int]]) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS final_mentions (entity TEXT, article_id TEXT, count INTEGER)")
        self.db.executemany("INSERT INTO final_mentions VALUES (?, ?, ?)", rows)

    def scratch_mention_rows(self) -> Iterator[tuple[str, str, int]]:
        """(entity id, article id, mentions), sorted by entity and article."""
        yield from self.db.execute(
            "SELECT entity, article_id, SUM(count) FROM final_mentions "
            "GROUP BY entity, article_id ORDER BY entity, article_id"
        )

    def drop_scratch(self) -> None:
        self.db.execute("DROP TABLE IF EXISTS temp.final_relations")
        self.db.execute("DROP TABLE IF EXISTS temp.final_mentions")


# --- rows ---------------------------------------------------------------------------------------------------


def _pack(value) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def _unpack(blob: bytes):
    try:
        return json.loads(zlib.decompress(blob))
    except (zlib.error, ValueError, TypeError) as exc:
        raise StoreError(f"a stored row cannot be read ({type(exc).__name__})") from None


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        raise StoreError("a stored setting is not JSON") from None


def _valid(make):
    """A record built from stored rows, or a StoreError saying why it cannot be."""
    try:
        return make()
    except StoreError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        detail = exc.errors()[0]["msg"] if hasattr(exc, "errors") else f"{type(exc).__name__}: {exc}"
        raise StoreError(" ".join(str(detail).split())[:200]) from None


def _relation_row(rel: Relation, fields: list[str]) -> list:
    return _trim([_json_value(getattr(rel, f, None)) for f in fields])


def _json_value(value):
    """A field value as JSON holds it (dates as ISO text); the records' other fields are JSON types already."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _trim(row: list) -> list:
    """Trailing nulls left out (the optional fields come last)."""
    while row and row[-1] is None:
        row.pop()
    return row


def _dump_extraction(x: Extraction, mention_fields: list[str], relation_fields: list[str]) -> dict:
    sentences: dict[str, int] = {}
    aid = x.article.id
    sentence_at, id_at = mention_fields.index("sentence"), mention_fields.index("id")
    evidence_at = relation_fields.index("evidence")
    mentions = []
    for m in x.mentions:
        row = [_json_value(getattr(m, f, None)) for f in mention_fields]
        row[sentence_at] = sentences.setdefault(m.sentence, len(sentences))
        if m.id == f"{aid}:{m.start}":
            row[id_at] = None
        mentions.append(_trim(row))
    relations = []
    for r in x.relations:
        row = [_json_value(getattr(r, f, None)) for f in relation_fields]
        row[evidence_at] = sentences.setdefault(r.evidence, len(sentences))
        relations.append(_trim(row))
    return {"sentences": list(sentences), "mentions": mentions, "relations": relations}


def _sentence(sentences: list, index: object) -> str:
    if (
        not isinstance(index, int)
        or isinstance(index, bool)
        or not 0 <= index < len(sentences)
        or not isinstance(sentences[index], str)
    ):
        raise IndexError(f"sentence index {index!r} out of range")
    return sentences[index]


def extraction_from_rows(
    article: Article, record: dict, mention_fields: list[str], relation_fields: list[str]
) -> Extraction:
    """An extraction from its stored rows (``{"sentences", "mentions", "relations"}``), each record validated and
    each reference checked (a sentence index, a relation's mentions)."""
    aid, sentences = article.id, record["sentences"]
    mentions = []
    for row in record["mentions"]:
        d = {f: v for f, v in zip(mention_fields, row, strict=False) if v is not None}
        d["sentence"] = _sentence(sentences, d["sentence"])
        d.setdefault("id", f"{aid}:{d['start']}")
        mentions.append(Mention.model_validate({**d, "article_id": aid}))
    ids = {m.id for m in mentions}
    relations = []
    for row in record["relations"]:
        d = {f: v for f, v in zip(relation_fields, row, strict=False) if v is not None}
        d["evidence"] = _sentence(sentences, d["evidence"])
        relation = Relation.model_validate({**d, "article_id": aid})
        if relation.source not in ids or relation.target not in ids:
            raise KeyError(f"a relation of article {aid!r} points at a mention it does not have")
        relations.append(relation)
    return Extraction(article=article.model_copy(update={"text": ""}), mentions=mentions, relations=relations)
