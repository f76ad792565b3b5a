"""What a real corpus holds never stops a build or quietly changes the graph (issue 19): articles and folders.

Real files, the real model, the installed ``graphbuild`` script or the CLI in
process; every text is invented.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import runner

from graphbuild.cli import app
from graphbuild.read import ReadOptions, ReadReport, iter_articles
from graphbuild.read.text import parse_published
from graphbuild.state import state_path

SCRIPT = Path(sys.executable).parent / "graphbuild"
MEETING = "Finance Minister Elena Varga met Foreign Minister Lukas Novak in Vienna on Monday."
OTHER_MEETING = "Prime Minister John Harlow met President Teresa Santos in Madrid on Tuesday."


def build(*args: str, cwd: Path | str | None = None, timeout: int = 600, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT), "build", *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, **kwargs
    )


def nodes_of(path: Path, node_type: str) -> dict[str, dict]:
    data = json.loads(path.read_text("utf-8"))
    return {n["id"]: n for n in data["nodes"] if n.get("type") == node_type}


def person_names(path: Path) -> set[str]:
    return {n["name"] for n in nodes_of(path, "Person").values()}


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def no_crash(result) -> None:
    stderr = result.stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


# --- an article's id does not depend on its batch ------------------------------------------------


@pytest.fixture
def day_folders(tmp_path) -> Path:
    """Day folders of a site, each with its own index.html (how saved front pages come)."""
    days = tmp_path / "days"
    stories = {
        "2024-05-01": page("Talks in Vienna", MEETING, "The two discussed trade and energy prices for a long time."),
        "2024-05-02": page("Talks in Madrid", OTHER_MEETING, "The two leaders discussed fishing rights at length."),
    }
    for day, html in stories.items():
        (days / day).mkdir(parents=True)
        (days / day / "index.html").write_text(html, encoding="utf-8")
    return days


def test_an_update_with_the_next_day_folder_keeps_both_days(day_folders, tmp_path):
    graph, full = tmp_path / "g.json", tmp_path / "full.json"
    first = build(str(day_folders / "2024-05-01"), "-q", "-o", str(graph))
    assert first.returncode == 0, first.stderr
    second = build(str(day_folders / "2024-05-02"), "--update", str(graph), "-o", str(graph))
    assert second.returncode == 0, second.stderr
    assert "replaced" not in second.stderr  # yesterday's story is not today's
    assert set(nodes_of(graph, "Article")) == {"article:2024-05-01/index", "article:2024-05-02/index"}
    assert {"Elena Varga", "Lukas Novak", "John Harlow", "Teresa Santos"} <= person_names(graph)

    rebuilt = build(str(day_folders / "2024-05-01"), str(day_folders / "2024-05-02"), "-q", "-o", str(full))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert graph.read_bytes() == full.read_bytes()


def test_updating_an_edited_file_replaces_its_old_version(day_folders, tmp_path):
    graph, full = tmp_path / "g.json", tmp_path / "full.json"
    assert (
        build(str(day_folders / "2024-05-01"), str(day_folders / "2024-05-02"), "-q", "-o", str(graph)).returncode == 0
    )
    edited = day_folders / "2024-05-02" / "index.html"
    edited.write_text(
        page("Talks in Madrid", OTHER_MEETING, "Corrected: the two leaders discussed fishing quotas."), encoding="utf-8"
    )
    update = build(
        str(edited), "--update", str(graph), "-o", str(graph), cwd=tmp_path
    )  # the file alone, from elsewhere
    assert update.returncode == 0, update.stderr
    assert "replaced by the new version: 2024-05-02/index" in update.stderr
    links = json.loads(graph.read_text("utf-8"))["edges"]
    met = [e for e in links if e.get("type") == "MET_WITH" and "person:john-harlow" in (e["source"], e["target"])]
    assert [e["articles"] for e in met] == [["2024-05-02/index"]]  # the same story once, not twice

    assert (
        build(str(day_folders / "2024-05-01"), str(day_folders / "2024-05-02"), "-q", "-o", str(full)).returncode == 0
    )
    assert graph.read_bytes() == full.read_bytes()


def test_a_root_given_as_a_relative_folder_is_recorded_whole(day_folders, tmp_path):
    graph = tmp_path / "g.json"
    first = build("--root", "days", "days/2024-05-01/index.html", "-q", "-o", "g.json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    update = build(str(day_folders / "2024-05-02"), "--update", str(graph), "-q", "-o", str(graph), cwd="/")
    assert update.returncode == 0, update.stderr
    assert set(nodes_of(graph, "Article")) == {"article:2024-05-01/index", "article:2024-05-02/index"}


def test_a_source_outside_the_recorded_root_is_refused_before_reading(day_folders, tmp_path):
    graph = tmp_path / "g.json"
    assert build(str(day_folders / "2024-05-01"), "-q", "-o", str(graph)).returncode == 0
    stray = tmp_path / "elsewhere"
    stray.mkdir()
    (stray / "story.txt").write_text(MEETING + "\n", encoding="utf-8")
    before = graph.read_bytes()
    refused = build(str(stray), "--update", str(graph), "-o", str(graph))
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"Error: {stray} is outside the source root {day_folders}")
    assert "--root" in refused.stderr and graph.read_bytes() == before


def test_a_graph_from_before_path_ids_takes_removals_but_no_new_sources(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "one.txt").write_text(MEETING + "\n", encoding="utf-8")
    (corpus / "two.txt").write_text(OTHER_MEETING + "\n", encoding="utf-8")
    graph = tmp_path / "g.json"
    assert build(str(corpus), "-q", "-o", str(graph)).returncode == 0
    # As a graph written before ids were paths holds its state once migrated to graph.json.state: no root.
    with contextlib.closing(sqlite3.connect(state_path(graph))) as db, db:
        db.execute("UPDATE meta SET value = 'null' WHERE name = 'root'")

    refused = build(str(corpus / "one.txt"), "--update", str(graph), "-o", str(graph))
    assert refused.returncode == 2 and "older graphbuild" in refused.stderr and "rebuild it" in refused.stderr
    removed = build("--update", str(graph), "--remove", "in/two", "-q", "-o", str(graph))
    assert removed.returncode == 0, removed.stderr
    assert set(nodes_of(graph, "Article")) == {"article:in/one"}


# --- folders, pages, stdin --------------------------------------------------------------------


def _nested(top: Path, depth: int) -> Path:
    """A chain of ``depth`` folders named "d" under ``top``, made through descriptors (the path outgrows PATH_MAX)."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            deeper = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        written = os.open("deepest.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(written, (OTHER_MEETING + "\n").encode())
        os.close(written)
    finally:
        os.close(fd)
    return top


def _remove_nested(top: Path) -> None:
    """Remove the chain of "d" folders under ``top`` one level at a time (pytest's clean-up recurses)."""
    while (top / "d").is_dir():
        child = top / "d"
        if (child / "d").is_dir():
            os.rename(child / "d", top / "next")  # the grandchild moves up; the path stays short
        for entry in os.scandir(child):
            os.unlink(entry.path)
        os.rmdir(child)
        if (top / "next").is_dir():
            os.rename(top / "next", child)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    yield folder
    _remove_nested(folder)


def test_a_folder_nested_3000_deep_is_walked_and_what_cannot_be_read_is_skipped(corpus, tmp_path):
    (corpus / "top.txt").write_text(MEETING + "\n", encoding="utf-8")
    _nested(corpus, 3000)
    out = tmp_path / "g.json"
    result = build(str(corpus), "-o", str(out))
    no_crash(result)
    assert result.returncode == 0, result.stderr
    assert set(nodes_of(out, "Article")) == {"article:corpus/top"}
    assert "cannot list folder: File name too long" in result.stderr and "1 input(s) skipped" in result.stderr


def test_a_folder_deeper_than_python_recursion_is_read_to_the_bottom(corpus):
    # 1,500 levels of "d/" is 3,000 characters: within PATH_MAX, but beyond a recursive walk.
    _nested(corpus, 1500)
    articles = list(iter_articles([corpus], report=(report := ReadReport())))
    assert [a.id for a in articles] == ["corpus/" + "d/" * 1500 + "deepest"]
    assert report.skipped == []


def test_a_fifo_named_like_a_feed_neither_blocks_the_count_nor_warns_twice(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "story.txt").write_text(MEETING + "\n", encoding="utf-8")
    os.mkfifo(corpus / "feed.jsonl")  # the progress count and the reader would each wait for a writer
    result = build(str(corpus), str(tmp_path / "missing"), "-o", str(tmp_path / "g.json"), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("feed.jsonl: not a regular file") == 1
    assert result.stderr.count("missing: no such file or folder") == 1


def test_a_saved_page_with_an_11_mb_inline_image_keeps_its_body(tmp_path):
    image = base64.b64encode(b"\x89PNG\r\n" + bytes(8_300_000)).decode()
    html = page("Two meetings", MEETING + " They talked for hours about trade.", "")
    html = html.replace(
        "<p></p>", f'<img src="data:image/png;base64,{image}" alt="the two ministers"><p>{OTHER_MEETING}</p>'
    )
    saved = tmp_path / "saved.html"
    saved.write_text(html, encoding="utf-8")
    assert saved.stat().st_size > 11_000_000
    out = tmp_path / "g.json"
    result = runner().invoke(app, ["build", str(saved), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert {"Elena Varga", "Lukas Novak", "John Harlow", "Teresa Santos"} <= person_names(out)


def test_a_page_with_more_than_10_mb_of_text_in_one_node_is_read_whole(tmp_path):
    filler = "and the talks went on " * 480_000  # 10.5 MB without a tag
    html = page("A long day", MEETING, filler + OTHER_MEETING)
    [article] = iter_articles([_write(tmp_path / "long.html", html)], ReadOptions(max_chars=20_000_000))
    assert article.text.startswith("A long day") or MEETING in article.text
    assert article.text.rstrip().endswith(OTHER_MEETING)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_graphbuilds_own_outputs_in_the_folder_are_not_read_as_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "story.txt").write_text(MEETING + "\n", encoding="utf-8")
    outputs = [str(corpus / "graph.json"), str(corpus / "graph.html")]
    first = build(str(corpus), "-q", *sum((["-o", o] for o in outputs), []))
    assert first.returncode == 0, first.stderr
    again = build(str(corpus), "--strict", *sum((["-o", o] for o in outputs), []))
    assert again.returncode == 0, again.stderr  # nothing skipped, nothing read but the story
    assert "skipped" not in again.stderr
    assert set(nodes_of(corpus / "graph.json", "Article")) == {"article:corpus/story"}


def test_a_closed_stdin_is_a_skipped_input_not_a_crash(tmp_path):
    (tmp_path / "story.txt").write_text(MEETING + "\n", encoding="utf-8")
    out = tmp_path / "g.json"
    closed = subprocess.run(
        f'"{SCRIPT}" build - -o "{out}" <&-', shell=True, capture_output=True, text=True, timeout=600
    )
    no_crash(closed)
    assert closed.returncode == 1 and "skipped -: stdin is closed" in closed.stderr
    with_file = subprocess.run(
        f'"{SCRIPT}" build "{tmp_path / "story.txt"}" - -o "{out}" <&-',
        shell=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert with_file.returncode == 0 and "stdin is closed" in with_file.stderr


# --- text ------------------------------------------------------------------------------------


def test_control_characters_separate_words_and_format_characters_vanish(tmp_path):
    lines = [
        "Polish President Andrzej\vDuda met Finance Minister Elena\x1fVarga in Warsaw on Monday.",
        "Czech Prime Minister Radek\x00Hruby met Polish President Andr\u00adzej Duda in Prague on Friday.",
        "Duda\u200f said the talks went well, and Hruby\u200e agreed.",
    ]
    feed = tmp_path / "feed.jsonl"  # a NUL comes in a feed as "\u0000"
    feed.write_text(json.dumps({"id": "story", "text": "\n".join(lines)}) + "\n", encoding="utf-8")
    out = tmp_path / "g.json"
    result = runner().invoke(app, ["build", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    people = nodes_of(out, "Person")
    assert {"person:andrzej-duda", "person:elena-varga", "person:radek-hruby"} <= set(people)
    assert [p for p in people if "duda" in p or "zej" in p] == ["person:andrzej-duda"]  # one person, not two
    text = out.read_text("utf-8")
    for invisible in ("\\u200f", "\\u200e", "\\u00ad", "\u200f", "\u200e", "\u00ad"):
        assert invisible not in text
    met = {(e["source"], e["target"]) for e in json.loads(text)["edges"] if e.get("type") == "MET_WITH"}
    assert ("person:andrzej-duda", "person:elena-varga") in met and ("person:andrzej-duda", "person:radek-hruby") in met


def test_publication_years_before_1_are_unreadable_and_sentinels_are_kept(tmp_path, caplog):
    assert parse_published("-0005-03-01", "feed.jsonl:1") is None
    assert "feed.jsonl:1: cannot read published date '-0005-03-01'" in caplog.text
    feed = tmp_path / "feed.jsonl"
    dates = {"zero": "0001-01-01T00:00:00Z", "end": "9999-12-31", "bc": "-0005-03-01"}  # Go's zero time, a far sentinel
    feed.write_text(
        "".join(json.dumps({"id": k, "published": v, "text": MEETING}) + "\n" for k, v in dates.items()),
        encoding="utf-8",
    )
    published = {a.id: str(a.published) for a in iter_articles([feed])}
    assert published == {"zero": "0001-01-01", "end": "9999-12-31", "bc": "None"}


# --- limits on what one article costs ----------------------------------------------------------


def test_an_article_over_max_chars_is_cut_at_a_paragraph_end_with_a_warning(tmp_path):
    paragraphs = (
        [MEETING]
        + [f"Paragraph {n} says the talks went on, and nothing else happened." for n in range(400)]
        + [OTHER_MEETING]
    )
    story = tmp_path / "long.txt"
    story.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    out = tmp_path / "g.json"
    result = runner().invoke(app, ["build", str(story), "--max-chars", "5000", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    length = len(story.read_text("utf-8").strip())
    assert f"{story}: article is {length:,} characters long; only the first 5,000 are read" in result.stderr
    names = person_names(out)
    assert {"Elena Varga", "Lukas Novak"} <= names and "John Harlow" not in names
    strict = runner().invoke(
        app, ["build", str(story), "--max-chars", "5000", "--strict", "-o", str(tmp_path / "s.json")]
    )
    assert strict.exit_code == 1 and "1 article(s) cut at --max-chars and --strict is set" in strict.stderr
    assert not (tmp_path / "s.json").exists()


def test_a_million_text_less_records_print_a_few_lines(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "real", "text": MEETING}) + "\n")
        for number in range(1_000_000):
            out.write(f'{{"id": "r{number}", "title": "no text"}}\n')
    out = tmp_path / "g.json"
    result = build(str(feed), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len([line for line in lines if line.startswith("warning:")]) == 6
    assert "warning: … and 999,995 more like: skipped " in result.stderr
    assert "1,000,000 input(s) skipped (1 article(s) read)" in result.stderr
