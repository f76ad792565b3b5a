"""One bad record, file or file name never costs the rest of the corpus (issue 11), through the real CLI.

Every test writes real files, runs ``graphbuild build`` on them with the real
model and reads the outputs back.  The texts are invented.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from helpers import runner

from graphbuild.cli import app
from graphbuild.export import graphml
from graphbuild.extract.furniture import story_paragraphs
from graphbuild.read import decode_bytes

SCRIPT = Path(sys.executable).parent / "graphbuild"
MEETING = "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday."
OTHER_MEETING = "Prime Minister John Harlow met President Teresa Santos in Madrid."


def build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "build", *args], capture_output=True, text=True, timeout=600)


def build_in_process(*args: str):
    return runner().invoke(app, ["build", *args])


def nodes_of(path: Path, node_type: str) -> dict[str, dict]:
    data = json.loads(path.read_text("utf-8"))
    return {n["id"]: n for n in data["nodes"] if n.get("type") == node_type}


def person_names(path: Path) -> set[str]:
    return {n["name"] for n in nodes_of(path, "Person").values()}


# --- 1. a paragraph over spaCy's max_length ----------------------------------------------------


def test_overlong_paragraphs_are_cut_at_sentence_ends_with_true_offsets():
    from graphbuild.extract.furniture import MAX_PARAGRAPH_CHARS

    sentence = "The committee met again and the talks went on. "
    text = "Short first line.\n  " + sentence * 30_000 + "\n" + "x" * 25_000 + " tail"
    paragraphs = story_paragraphs(text)
    assert max(len(p.text) for p in paragraphs) <= MAX_PARAGRAPH_CHARS
    for p in paragraphs:
        assert text[p.start : p.start + len(p.text)] == p.text
    long_pieces = [p for p in paragraphs if p.text.startswith("The committee")]
    assert len(long_pieces) > 100 and all(p.text.endswith("went on.") for p in long_pieces)
    # A run without spaces is cut hard, and nothing is lost.
    tail = [p.text for p in paragraphs if p.text.startswith("x")]
    assert "".join(tail).replace(" ", "") == "x" * 25_000 + "tail"


def test_one_paragraph_over_a_million_characters_does_not_end_the_build(tmp_path):
    # A scraped page without line breaks: one 1,000,000+ character paragraph (long words keep spaCy quick).
    (tmp_path / "a-page.txt").write_text(OTHER_MEETING + " " + ("z" * 199 + " ") * 5_001, encoding="utf-8")
    (tmp_path / "b-story.txt").write_text(MEETING + "\n", encoding="utf-8")
    assert (tmp_path / "a-page.txt").stat().st_size > 1_000_000
    out = tmp_path / "g.json"
    result = build(str(tmp_path / "a-page.txt"), str(tmp_path / "b-story.txt"), "-q", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert set(nodes_of(out, "Article")) == {"article:a-page", "article:b-story"}
    assert {"Elena Varga", "Lukas Novak", "John Harlow", "Teresa Santos"} <= person_names(out)


# --- 2. lone surrogates in a feed ---------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".graphml"])
def test_lone_surrogate_in_a_feed_is_replaced_for_every_format(tmp_path, suffix, nlp):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "odd\\ud83d", "title": "Talks \\udc00", "text": "' + MEETING + ' \\ud83d"}\n'
        '{"id": "paired", "text": "' + OTHER_MEETING + ' \\ud83d\\ude00"}\n',
        encoding="utf-8",
    )
    out = tmp_path / f"g{suffix}"
    result = build_in_process(str(feed), "-q", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    graph = graphml.read(out) if suffix == ".graphml" else nx.node_link_graph(json.loads(out.read_text("utf-8")))
    articles = {n: a for n, a in graph.nodes(data=True) if a.get("type") == "Article"}
    assert set(articles) == {"article:odd\ufffd", "article:paired"}
    assert articles["article:odd\ufffd"]["title"] == "Talks \ufffd"
    names = {a.get("name") for _, a in graph.nodes(data=True) if a.get("type") == "Person"}
    assert {"Elena Varga", "Lukas Novak", "John Harlow", "Teresa Santos"} <= names


# --- 3. a file name that is not UTF-8 -----------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_file_name_with_a_non_utf8_byte_is_written_alike_in_every_format(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd_name = os.fsdecode(b"caf\xe9.txt")
    (folder / odd_name).write_text(MEETING + "\n", encoding="utf-8")
    js, gml = tmp_path / "g.json", tmp_path / "g.graphml"
    result = build(str(folder), "-q", "-o", str(js), "-o", str(gml))
    assert result.returncode == 0, result.stderr
    shown = str(folder / "caf\\xe9.txt")  # the byte spelled out, readable and encodable anywhere
    from_json = [a["source"] for a in nodes_of(js, "Article").values()]
    from_graphml = [a["source"] for _, a in graphml.read(gml).nodes(data=True) if a.get("type") == "Article"]
    assert from_json == from_graphml == [shown]
    assert "Elena Varga" in person_names(js)


# --- 4. a deeply nested record ------------------------------------------------------------------


def test_deeply_nested_record_costs_only_its_own_line(tmp_path, nlp):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "first", "text": MEETING}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "after-deep", "text": OTHER_MEETING}),
        '{"id": "big-number", "n": ' + "7" * 5_000 + ', "text": "A number too long to read."}',
        json.dumps({"id": "last", "text": "Senator Paul Ashdown met Governor Helen Denning in Ohio on Friday."}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "g.json"
    result = build_in_process(str(feed), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert {"Elena Varga", "John Harlow", "Teresa Santos", "Paul Ashdown"} <= person_names(out)
    assert len(nodes_of(out, "Article")) == 3
    assert "feed.jsonl:2: JSON nested too deeply" in result.stderr
    assert "feed.jsonl:4: unreadable JSON" in result.stderr
    assert "2 input(s) skipped (3 article(s) read)" in result.stderr


# --- encodings ----------------------------------------------------------------------------------


def test_utf16_without_a_bom_is_read(tmp_path, nlp):
    for name, codec in (("le.txt", "utf-16-le"), ("be.txt", "utf-16-be")):
        (tmp_path / name).write_bytes((MEETING + " Zürich.\n").encode(codec))
    out = tmp_path / "g.json"
    result = build_in_process(str(tmp_path / "le.txt"), str(tmp_path / "be.txt"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "skipped" not in result.stderr
    assert len(nodes_of(out, "Article")) == 2 and "Elena Varga" in person_names(out)


def test_utf8_with_a_stray_byte_is_repaired_not_read_as_another_code_page(tmp_path, nlp):
    text = f"“{MEETING}” — officials said. Zürich, Ελλάδα.\n"
    data = text.encode("utf-8")
    cut = data.index(b"Elena")
    (tmp_path / "stray.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    out = tmp_path / "g.json"
    result = build_in_process(str(tmp_path / "stray.txt"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "stray.txt: 1 byte sequence(s) that are not UTF-8 replaced by U+FFFD" in result.stderr
    assert (
        decode_bytes(data[:cut] + b"\xff" + data[cut:])
        == text[: text.index("Elena")] + "\ufffd" + text[text.index("Elena") :]
    )
    assert "Lukas Novak" in person_names(out)


def test_a_feed_line_with_a_stray_byte_is_repaired_with_a_warning(tmp_path, nlp):
    good = json.dumps({"id": "ok", "text": OTHER_MEETING}, ensure_ascii=False).encode()
    stray = (
        json.dumps({"id": "stray", "text": f"“{MEETING}”"}, ensure_ascii=False)
        .encode()
        .replace(b"Vienna", b"Vie\xffnna")
    )
    (tmp_path / "feed.jsonl").write_bytes(good + b"\n" + stray + b"\n")
    out = tmp_path / "g.json"
    result = build_in_process(str(tmp_path / "feed.jsonl"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "feed.jsonl:2: 1 byte sequence(s) that are not UTF-8 replaced by U+FFFD" in result.stderr
    assert {"Elena Varga", "Lukas Novak", "John Harlow"} <= person_names(out)


def test_bytes_whose_best_decoding_is_gibberish_are_skipped_with_a_warning(tmp_path, nlp):
    # High bytes with a few spaces and stops: charset-normalizer reads them as cp1251 "words"
    # such as "ИВЦВяМ", which would become entity nodes.
    junk = (
        bytes(
            [
                0xC4,
                0xDE,
                0xD2,
                0x2E,
                0xEB,
                0xED,
                0xE1,
                0xDA,
                0x2E,
                0xF5,
                0xFA,
                0xFE,
                0xEE,
                0xE8,
                0x2C,
                0xC8,
                0xC2,
                0xD6,
                0xC2,
                0xFF,
                0xCC,
                0x2E,
                0xFB,
                0xE5,
                0xDD,
                0xED,
                0xE7,
                0xE8,
                0xFC,
                0xF8,
                0xE2,
                0xCE,
                0xF1,
                0xE1,
                0x2C,
                0xC8,
                0xC7,
                0x20,
                0xFD,
                0x2E,
                0xC7,
                0xCA,
                0xFB,
                0xF9,
                0xE0,
                0xC1,
                0xF0,
                0xC7,
                0xE6,
                0xE7,
            ]
        )
        * 4
    )
    (tmp_path / "junk.txt").write_bytes(junk)
    (tmp_path / "good.txt").write_text(MEETING + "\n", encoding="utf-8")
    out = tmp_path / "g.json"
    result = build_in_process(str(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "skipped" in result.stderr and "junk.txt: not text" in result.stderr
    assert len(nodes_of(out, "Article")) == 1
    assert all(n["name"].isascii() for t in ("Person", "Organization", "Country") for n in nodes_of(out, t).values())


# --- folders ------------------------------------------------------------------------------------


def test_symlinked_subfolders_are_followed_and_loops_end(tmp_path, nlp):
    real = tmp_path / "elsewhere"
    real.mkdir()
    (real / "linked.txt").write_text(OTHER_MEETING + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "own.txt").write_text(MEETING + "\n", encoding="utf-8")
    (corpus / "more").symlink_to(real, target_is_directory=True)
    (corpus / "again").symlink_to(real, target_is_directory=True)  # the same folder twice: read once
    (real / "back").symlink_to(corpus, target_is_directory=True)  # a loop
    out = tmp_path / "g.json"
    result = build_in_process(str(corpus), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert len(nodes_of(out, "Article")) == 2
    assert {"Elena Varga", "John Harlow"} <= person_names(out)
