"""Tests for the reader stage: real fixture files, every encoding, every kind of bad input."""

import hashlib
import io
import itertools
import json
import logging
import os
import shutil
import tracemalloc
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.read import ReadOptions, ReadReport, decode_bytes, iter_articles, normalize_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"
HTML_PAGE = FIXTURES / "html" / "lumber-call.html"
FEEDS = FIXTURES / "feeds"


def read_all(sources, **kwargs):
    report = kwargs.pop("report", None) or ReadReport()
    articles = list(iter_articles(sources, report=report, **kwargs))
    return articles, report


def skipped_sources(report):
    return [entry.source for entry in report.skipped]


# --- HTML ------------------------------------------------------------------


def test_html_keeps_the_story_and_drops_the_page_furniture():
    [article], report = read_all([HTML_PAGE])

    assert report.skipped == []
    assert "A senior US trade official pressed Ottawa on Thursday" in article.text
    assert "had voiced “deep frustration” with the duties" in article.text
    assert "Officials in Ottawa did not immediately respond" in article.text
    for furniture in [
        "Subscribe for 1 euro",  # menu
        "ADVERTISEMENT",  # ad block
        "Sponsored",  # ad inside the story
        "Related stories",  # link list
        "Ten things to know",
        "Reader123",  # comments
        "Nobody reads these",
        "All rights reserved",  # footer
        "Privacy policy",
    ]:
        assert furniture not in article.text


def test_html_metadata_lands_on_the_article():
    [article], _ = read_all([HTML_PAGE])

    assert article.id == "lumber-call"
    assert article.source == str(HTML_PAGE)
    assert article.title == "Trade official presses Ottawa over lumber duties"
    assert article.author == "Jane Moreau"
    assert article.url == "https://news.example.com/world/2023/03/24/ottawa-lumber-duties"
    assert article.published == date(2023, 3, 24)
    assert article.publisher == "World Desk"


def test_html_without_any_text_is_skipped(tmp_path):
    page = tmp_path / "shell.html"
    page.write_text("<html><head><title>Nothing</title><script>var tracking = 1;</script></head><body></body></html>")
    articles, report = read_all([page])
    assert articles == []
    assert [(s.source, s.reason) for s in report.skipped] == [(str(page), "no article text found in the HTML")]


# --- JSON lines and JSON ---------------------------------------------------


def test_jsonl_records_carry_their_metadata():
    articles, _ = read_all([FEEDS / "wire.jsonl"])
    by_id = {article.id: article for article in articles}

    first = by_id["wire-001"]
    assert first.text == (
        "US Defense Secretary Warren Pickett sat down with Chinese Defence Minister Gao Peng in Singapore on Friday.\n"
        "Their talks ran for more than an hour."
    )
    assert first.title == "Pickett and Gao meet in Singapore"
    assert first.url == "https://wire.example.org/2024/05/31/pickett-gao"
    assert first.published == date(2024, 5, 31)  # the date where it was published, not in UTC
    assert first.publisher == "Example Wire"
    assert first.author == "Sam Lee"
    assert first.source == f"{FEEDS / 'wire.jsonl'}:1"

    second = by_id["wire-002"]
    assert second.text.startswith("Russian President Arkady Voronin")  # from the "content" field
    assert second.published == date(2023, 3, 20)


def test_jsonl_record_without_id_gets_file_stem_and_line(caplog):
    with caplog.at_level(logging.WARNING, logger="graphbuild.read"):
        articles, _ = read_all([FEEDS / "wire.jsonl"])
    assert [article.id for article in articles] == ["wire-001", "wire-002", "wire:6"]
    unnamed = articles[-1]
    assert unnamed.published is None  # "not a date at all" is dropped, with a warning
    assert any("wire.jsonl:6" in message and "published" in message for message in caplog.messages)


def test_jsonl_malformed_line_and_record_without_text_are_skipped_with_their_line(caplog):
    feed = FEEDS / "wire.jsonl"
    with caplog.at_level(logging.WARNING, logger="graphbuild.read"):
        articles, report = read_all([feed])

    assert len(articles) == 3  # reading went on past both bad lines
    assert skipped_sources(report) == [f"{feed}:3", f"{feed}:4"]
    assert report.skipped[0].reason.startswith("malformed JSON")
    assert report.skipped[1].reason == "record has no text (looked in: text, content, body)"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(f"{feed}:3" in message for message in warnings)
    assert any(f"{feed}:4" in message for message in warnings)
    assert all("\n" not in message for message in warnings)


def test_custom_field_names():
    options = ReadOptions(
        text_fields=("story",),
        id_field="guid",
        title_field="headline",
        url_field="link",
        published_field="date",
        source_field="outlet",
    )
    articles, report = read_all([FEEDS / "custom-fields.jsonl"], options=options)

    assert report.skipped == []
    assert [a.id for a in articles] == ["c-17", "c-18"]
    assert articles[0].title == "Ministers meet in Jakarta"
    assert articles[0].url == "https://custom.example.net/c-17"
    assert articles[0].published == date(2024, 3, 5)  # "March 5, 2024" is not ISO but still readable
    assert articles[0].publisher == "Custom Times"
    assert articles[1].text == "Leaders plan to meet in June."  # "story", not the "text" field
    assert articles[1].published == date(2024, 3, 6)


def test_json_single_object_is_one_article_named_after_the_file():
    [article], _ = read_all([FEEDS / "single-object.json"])
    assert article.id == "single-object"
    assert article.source == str(FEEDS / "single-object.json")
    assert article.title == "Dauvergne calls Kellner"
    assert article.published == date(2024, 2, 1)
    assert article.text.startswith("French President Lucien Dauvergne")


def test_json_array_items_are_numbered():
    feed = FEEDS / "array.json"
    articles, report = read_all([feed])
    assert [(a.id, a.source) for a in articles] == [
        ("arr-1", f"{feed}#1"),
        ("array#2", f"{feed}#2"),
        ("arr-4", f"{feed}#4"),
    ]
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{feed}#3", "record is a JSON str, not an object")]


def test_json_file_with_json_lines_content():
    articles, report = read_all([FEEDS / "lines-in-a.json"])
    assert report.skipped == []
    assert [(a.id, a.text) for a in articles] == [
        ("jl-1", "JSON lines content in a .json file."),
        ("jl-2", "Second line of it."),
    ]


def test_invalid_json_file_is_skipped(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unterminated')
    articles, report = read_all([broken])
    assert articles == []
    assert report.skipped[0].source == str(broken)
    assert report.skipped[0].reason.startswith("not valid JSON")


def test_record_ids_are_made_single_line_and_unique(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "multi\nline\tid", "text": "one"},
        {"id": 42, "text": "two"},
        {"id": "42", "text": "three, a repeat of id 42"},
        {"id": "42", "text": "four, another repeat"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    articles, _ = read_all([feed])
    assert [a.id for a in articles] == ["multi line id", "42", "42~2", "42~3"]


# --- encodings -------------------------------------------------------------

SAMPLE = "Le président a dit : “Nous négocierons” — c’était prévu.\nDeuxième ligne, café crème."
LATIN_1_SAMPLE = "Le président Müller a visité la cité. Ça coûte cher.\nL'équipe est arrivée à Genève."


@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [
        ("utf-8", SAMPLE, SAMPLE),
        ("utf-8-sig", SAMPLE, SAMPLE),  # with a BOM
        ("utf-16", SAMPLE, SAMPLE),  # Python writes the BOM
        ("cp1252", SAMPLE, SAMPLE),
        ("latin-1", LATIN_1_SAMPLE, LATIN_1_SAMPLE),
        ("utf-8", SAMPLE.replace("\n", "\r\n"), SAMPLE),  # CRLF
        ("cp1252", SAMPLE.replace("\n", "\r\n"), SAMPLE),
        ("utf-8", "Old Mac\rline endings", "Old Mac\nline endings"),
    ],
)
def test_text_files_in_every_encoding(tmp_path, encoding, text, expected):
    story = tmp_path / "story.txt"
    story.write_bytes(text.encode(encoding))
    [article], report = read_all([story])
    assert report.skipped == []
    assert article.text == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_jsonl_feeds_in_every_encoding(tmp_path, encoding):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"r{n}", "title": "Café “talks”", "text": SAMPLE}, ensure_ascii=False) for n in (1, 2)]
    feed.write_bytes("\r\n".join(lines).encode(encoding))
    articles, report = read_all([feed])
    assert report.skipped == []
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("r1", "Café “talks”", SAMPLE),
        ("r2", "Café “talks”", SAMPLE),
    ]


def test_html_in_windows_1252(tmp_path):
    page = tmp_path / "page.html"
    html = HTML_PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page.write_bytes(html.encode("cp1252"))
    [article], _ = read_all([page])
    assert "had voiced “deep frustration” with the duties" in article.text
    assert "Canada’s trade negotiations" in article.text and "Renée Fortier" in article.text


def test_decode_bytes_tells_text_from_binary():
    assert decode_bytes("Zürich “quoted”".encode("cp1252")) == "Zürich “quoted”"
    assert decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00") is None


# --- normalize_text --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("zero\u200bwidth\u200c\u200dgone\u2060\ufeff", "zerowidthgone"),
        # control characters stand between words: each becomes a space ("Andrzej\vDuda" is two words)
        ("bell\x07 escape\x1b[0m null\x00 delete\x7f c1\x85", "bell  escape [0m null  delete  c1 "),
        ("Andrzej\vDuda\x1fElena\x00Varga", "Andrzej Duda Elena Varga"),
        # format characters are invisible: soft hyphens and direction marks go
        ("Andr\u00adzej Duda\u200f said \u202bso\u202c\u2066.\u2069", "Andrzej Duda said so."),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay"),
        ("windows\r\nand\rmac", "windows\nand\nmac"),
        ("cafe\u0301", "café"),  # decomposed é becomes one code point (NFC)
        ("“curly” ‘quotes’ — dashes\u00a0and NBSP", "“curly” ‘quotes’ — dashes\u00a0and NBSP"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_text_composes_to_nfc():
    assert normalize_text("e\u0301") == "\u00e9"


@given(st.text())
def test_normalize_text_leaves_no_invisible_characters_and_is_idempotent(raw):
    cleaned = normalize_text(raw)
    assert normalize_text(cleaned) == cleaned
    assert "\r" not in cleaned
    assert not any(
        (unicodedata.category(c) == "Cc" and c not in "\n\t") or c in "\u200b\u200c\u200d\u2060\ufeff" for c in cleaned
    )
    assert unicodedata.is_normalized("NFC", cleaned)


# --- bad input -------------------------------------------------------------


@pytest.fixture
def messy_folder(tmp_path):
    """A folder with one good article among every kind of bad file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-blank.md").write_text("  \n\t\r\n \u200b ")
    (folder / "c-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "d-huge.txt").write_text("word " * 300)
    (folder / "e-dangling.txt").symlink_to(folder / "deleted-long-ago.txt")  # unreadable, even for root
    os.mkfifo(folder / "f-pipe.txt")  # opening it would block forever
    (folder / "g-good.txt").write_text("The good article is still read.")
    return folder


def test_bad_files_are_skipped_and_reading_goes_on(messy_folder, caplog):
    missing = messy_folder.parent / "no-such-file.txt"
    options = ReadOptions(max_bytes=1000)
    with caplog.at_level(logging.WARNING, logger="graphbuild.read"):
        articles, report = read_all([messy_folder, missing], options=options)

    assert [a.id for a in articles] == ["inbox/g-good"]
    assert report.articles_read == 1
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert reasons == {
        "no-such-file.txt": "no such file or folder",
        "a-empty.txt": "empty file",
        "b-blank.md": "empty file (only whitespace)",
        "c-binary.txt": "binary file: not text in any known encoding",
        "d-huge.txt": "file is 1,500 bytes, over the 1,000 byte limit",
        "e-dangling.txt": "cannot read: No such file or directory",
        "f-pipe.txt": "not a regular file",
    }
    # one warning line per skip, naming the file
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for name in reasons:
        assert sum(name in message for message in warnings) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_skipped(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    try:
        articles, report = read_all([locked])
    finally:
        locked.chmod(0o644)
    assert articles == []
    assert report.skipped[0].reason == "cannot read: Permission denied"


def test_explicit_file_with_unsupported_suffix_is_skipped(tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")
    _, report = read_all([notes])
    assert report.skipped[0].reason.startswith("unsupported file type '.pdf'")


def test_folders_skip_hidden_and_unsupported_files(tmp_path):
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "story.txt").write_text("inside a hidden folder")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.TXT").write_text("visible")
    articles, report = read_all([tmp_path])
    assert [a.text for a in articles] == ["visible"]
    assert report.skipped == []


def test_over_long_jsonl_record_is_skipped_but_the_feed_is_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "short-1", "text": "fits"}),
        json.dumps({"id": "long", "text": "x" * 5000}),
        json.dumps({"id": "short-2", "text": "fits too"}),
    ]
    feed.write_text("\n".join(lines) + "\n")
    articles, report = read_all([feed], options=ReadOptions(max_bytes=1000))
    assert [a.id for a in articles] == ["short-1", "short-2"]
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{feed}:2", "record is over the 1,000 byte limit")]


def test_jsonl_line_in_another_encoding_far_into_a_utf8_feed_is_still_read(tmp_path):
    # The feed's encoding is judged from its first 64 KiB; a line further down
    # that does not fit gets its own detection instead of costing the file.
    feed = tmp_path / "mixed.jsonl"
    utf8_lines = [
        json.dumps({"id": f"u{n}", "text": f"Zürich {n} " + "x" * 100}, ensure_ascii=False) for n in range(1000)
    ]
    cp1252_line = json.dumps({"id": "w", "text": "“Genève” est très jolie, déjà vue à l’été"}, ensure_ascii=False)
    feed.write_bytes("\n".join(utf8_lines).encode("utf-8") + b"\n" + cp1252_line.encode("cp1252") + b"\n")
    articles, report = read_all([feed])
    assert report.skipped == []
    assert articles[0].text.startswith("Zürich 0 ")
    assert articles[-1].text == "“Genève” est très jolie, déjà vue à l’été"


# --- laziness --------------------------------------------------------------


def test_jsonl_is_read_lazily(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "first", "text": "one"})
        + "\n"
        + json.dumps({"id": "second", "text": "two"})
        + "\n"
        + "{not json at all\n"
    )
    report = ReadReport()
    articles = iter_articles([feed], report=report)
    assert report.skipped == [] and report.articles_read == 0  # nothing happens before iteration

    assert next(articles).id == "first"
    assert report.skipped == []  # the malformed third line has not been reached

    with feed.open("a") as appending:  # lines written after reading began are still picked up
        appending.write(json.dumps({"id": "late", "text": "appended"}) + "\n")
    assert [a.id for a in articles] == ["second", "late"]
    assert skipped_sources(report) == [f"{feed}:3"]


def test_big_jsonl_feed_is_streamed_not_loaded(tmp_path):
    feed = tmp_path / "big.jsonl"
    record_count = 200_000
    with feed.open("w") as out:
        for number in range(record_count):
            out.write(json.dumps({"id": f"r{number}", "text": f"Story number {number} " + "x" * 60}) + "\n")
    size = feed.stat().st_size
    assert size > 15_000_000

    tracemalloc.start()
    try:
        first = list(itertools.islice(iter_articles([feed], options=ReadOptions(max_bytes=10_000)), 5))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [a.id for a in first] == ["r0", "r1", "r2", "r3", "r4"]
    assert peak < size / 10  # a small, bounded buffer — not the file


# --- order and ids ---------------------------------------------------------


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "zeta.txt").write_text("Zeta.")
    (tmp_path / "a" / "alpha.md").write_text("Alpha.")
    (tmp_path / "b" / "beta.txt").write_text("Beta.")
    (tmp_path / "b" / "feed.jsonl").write_text('{"text": "Feed one."}\n{"text": "Feed two."}\n')
    shutil.copy(HTML_PAGE, tmp_path / "b" / "page.html")
    return tmp_path


def test_order_does_not_depend_on_how_sources_are_listed(corpus):
    files = sorted(path for path in corpus.rglob("*") if path.is_file())
    expected = ["a/alpha", "a/zeta", "b/beta", "b/feed:1", "b/feed:2", "b/page"]

    orders = [
        [corpus],
        [corpus / "b", corpus / "a"],
        list(reversed(files)),
        [files[3], corpus / "a", files[0], corpus / "b"],  # overlapping sources: each file read once
    ]
    for sources in orders:
        articles, report = read_all(sources, options=ReadOptions(root=corpus))
        assert [a.id for a in articles] == expected, sources
        assert report.skipped == []


def test_without_a_root_ids_are_paths_in_the_deepest_folder_holding_every_source(corpus):
    # a folder given is inside the root: its name is part of the ids
    assert [a.id for a in read_all([corpus / "a"])[0]] == ["a/alpha", "a/zeta"]
    assert [a.id for a in read_all([corpus / "a", corpus / "b" / "beta.txt"])[0]] == ["a/alpha", "a/zeta", "b/beta"]
    assert [a.id for a in read_all([corpus / "a" / "zeta.txt"])[0]] == ["zeta"]


def test_a_file_outside_the_root_is_skipped(corpus):
    articles, report = read_all([corpus / "a", corpus / "b" / "beta.txt"], options=ReadOptions(root=corpus / "a"))
    assert [a.id for a in articles] == ["alpha", "zeta"]
    outside = (str(corpus / "b" / "beta.txt"), f"outside the source root {corpus / 'a'}, so it can have no id there")
    assert [(s.source, s.reason) for s in report.skipped] == [outside]


def test_files_differing_only_in_their_suffix_keep_it(tmp_path):
    (tmp_path / "story.txt").write_text("A story.")
    (tmp_path / "story.md").write_text("The same story, in Markdown.")
    (tmp_path / "other.txt").write_text("Another one.")
    assert [a.id for a in read_all([tmp_path / "story.txt"])[0]] == ["story.txt"]  # whether or not the other is read
    expected = [f"{tmp_path.name}/{name}" for name in ("other", "story.md", "story.txt")]
    assert sorted(a.id for a in read_all([tmp_path])[0]) == expected


def test_a_single_path_is_accepted_without_a_list(corpus):
    articles, _ = read_all(str(corpus / "a"))
    assert [a.id for a in articles] == ["a/alpha", "a/zeta"]


def test_files_sharing_a_stem_get_ids_from_their_path(tmp_path):
    for folder in ("2023", "2024"):
        (tmp_path / "news" / folder).mkdir(parents=True)
        (tmp_path / "news" / folder / "summit.txt").write_text(f"Summit of {folder}.")
    (tmp_path / "news" / "other.txt").write_text("No clash here.")

    articles, _ = read_all([tmp_path / "news"])
    assert [a.id for a in articles] == ["news/2023/summit", "news/2024/summit", "news/other"]
    # each file's id alone, whatever else is read with it
    assert [a.id for a in read_all([tmp_path / "news" / "2024"], options=ReadOptions(root=tmp_path))[0]] == [
        "news/2024/summit"
    ]
    # where the tree sits on disk does not matter
    moved = tmp_path / "elsewhere" / "deeper" / "news"
    shutil.copytree(tmp_path / "news", moved)
    assert [a.id for a in read_all([moved])[0]] == [a.id for a in articles]


# --- stdin -----------------------------------------------------------------


def test_stdin_is_one_article_read_as_bytes():
    stdin = io.TextIOWrapper(io.BytesIO("Le ministre a dit “oui”, déjà.\r\n".encode("cp1252")))
    [article], _ = read_all(["-"], stdin=stdin)
    text = "Le ministre a dit “oui”, déjà."
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]  # an id from the text: two stdin articles stay two
    assert (article.id, article.source, article.text) == (f"stdin-{digest}", "-", text)


def test_stdin_without_a_byte_buffer():
    [article], _ = read_all(["-"], stdin=io.StringIO("Plain text\u200b input"))
    assert article.text == "Plain text input"


def test_stdin_comes_after_the_files_and_empty_stdin_is_skipped(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A story.")
    articles, _ = read_all(["-", story], stdin=io.StringIO("From stdin."))
    assert [a.id for a in articles] == ["story", "stdin-" + hashlib.sha1(b"From stdin.").hexdigest()[:8]]

    articles, report = read_all(["-"], stdin=io.TextIOWrapper(io.BytesIO(b"  \n")))
    assert articles == []
    assert [(s.source, s.reason) for s in report.skipped] == [("-", "empty input")]
