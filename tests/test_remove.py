"""Withdrawing articles: ``update(build(A ∪ X), remove=X)`` is ``build(A)``, byte for byte, in JSON
and GraphML (real model, invented articles)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import _write

from graphbuild.export import read_graph
from graphbuild.pipeline import build_graph_from_sources, write_outputs
from graphbuild.read import ReadOptions
from graphbuild.state import UpdateError, state_path

SCRIPT = Path(sys.executable).parent / "graphbuild"

ARTICLES = {
    "harbor_deal": "Danish Trade Minister Ingrid Lund met Estonian Trade Minister Rein Tamm in Tallinn on Monday. "
    "Lund said Denmark supports Estonia in the port project.",
    "harbor_followup": "Ingrid Lund met Rein Tamm again in Copenhagen on Thursday to sign the port agreement.",
    "budget_row": "Latvian Finance Minister Juris Ozols met Finnish Finance Minister Aino Koski in Riga on Friday. "
    "Ozols criticized the budget plan.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("remove") / "articles"
    folder.mkdir()
    for aid, text in ARTICLES.items():
        (folder / f"{aid}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def _rebuilt_without(corpus: Path, removed: set[str], base: Path) -> tuple[bytes, bytes]:
    """A full build of the other articles, read from the same paths (an Article node records its path)
    in the same source root (the graph records it)."""
    others = [corpus / f"{aid}.txt" for aid in sorted(ARTICLES) if aid not in removed]
    return _write(build_graph_from_sources(others, options=ReadOptions(root=corpus)), base)


@pytest.fixture(scope="module")
def full(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("full") / "full.json"
    write_outputs(build_graph_from_sources([corpus], options=ReadOptions(root=corpus)), [path])
    return path


def test_full_graph_has_what_the_removals_take_away(full):
    """The premise: Ozols only in budget_row, the Lund-Tamm meeting in two articles."""
    graph = read_graph(full)
    assert {"article:budget_row", "person:juris-ozols", "person:aino-koski"} <= set(graph)
    assert graph.edges["person:ingrid-lund", "person:rein-tamm", "MET_WITH"]["articles"] == [
        "harbor_deal",
        "harbor_followup",
    ]


@pytest.mark.parametrize("removed", [{"budget_row"}, {"harbor_followup"}, {"harbor_deal", "budget_row"}])
def test_removal_equals_a_rebuild_without_the_articles(corpus, full, tmp_path, removed):
    updated = build_graph_from_sources([], update=full, remove=sorted(removed))
    assert _write(updated, tmp_path / "updated") == _rebuilt_without(corpus, removed, tmp_path / "rebuilt")


def test_removal_takes_the_article_its_entities_and_its_evidence(full):
    graph = build_graph_from_sources([], update=full, remove=["harbor_followup", "budget_row"])
    assert not {
        "article:budget_row",
        "article:harbor_followup",
        "person:juris-ozols",
        "person:aino-koski",
        "country:lv",
        "country:fi",
    } & set(graph)
    met = graph.edges["person:ingrid-lund", "person:rein-tamm", "MET_WITH"]
    assert (met["articles"], met["weight"]) == (["harbor_deal"], 1)
    assert not any("harbor_followup" in d.get("articles", []) for _, _, d in graph.edges(data=True))
    # the edge whose only evidence was withdrawn is gone with it
    assert not graph.has_edge("person:aino-koski", "person:juris-ozols")


def test_remove_and_add_in_one_update(corpus, tmp_path):
    own = tmp_path / "articles"  # new articles come into the graph's source root: a corpus of the test's own
    shutil.copytree(corpus, own)
    write_outputs(build_graph_from_sources([own], options=ReadOptions(root=own)), [tmp_path / "full.json"])
    new = own / "new"
    new.mkdir()
    (new / "gulf_visit.txt").write_text(
        "Omani Foreign Minister Salim Harthi visited Qatar on Sunday.\n", encoding="utf-8"
    )
    updated = build_graph_from_sources([new], update=tmp_path / "full.json", remove=["budget_row"])
    rebuilt = build_graph_from_sources(
        [own / "harbor_deal.txt", own / "harbor_followup.txt", new], options=ReadOptions(root=own)
    )
    assert "article:new/gulf_visit" in updated
    assert _write(updated, tmp_path / "u") == _write(rebuilt, tmp_path / "r")


def test_an_article_node_id_names_its_article_too(corpus, full, tmp_path):
    by_node_id = build_graph_from_sources([], update=full, remove=["article:budget_row"])
    assert _write(by_node_id, tmp_path / "u") == _rebuilt_without(corpus, {"budget_row"}, tmp_path / "r")


def test_removing_an_article_the_graph_does_not_have_is_an_error(full):
    with pytest.raises(UpdateError, match=r"does not have: budget_rows \(did you mean 'budget_row'\?\)"):
        build_graph_from_sources([], update=full, remove=["budget_row", "budget_rows"])
    with pytest.raises(UpdateError, match="graph being updated"):
        build_graph_from_sources([], remove=["budget_row"])


def _copy(full: Path, graph_file: Path) -> None:
    """The graph and the update state beside it, copied together."""
    graph_file.write_bytes(full.read_bytes())
    state_path(graph_file).write_bytes(state_path(full).read_bytes())


def test_cli_removes_in_place_without_new_sources(corpus, full, tmp_path):
    graph_file = tmp_path / "g.json"
    _copy(full, graph_file)
    result = subprocess.run(
        [str(SCRIPT), "build", "--update", str(graph_file), "--remove", "budget_row", "-o", str(graph_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "removed 1 article(s)" in result.stderr
    assert graph_file.read_bytes() == _rebuilt_without(corpus, {"budget_row"}, tmp_path / "rebuilt")[0]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--remove", "budget_row"], 2, "--remove needs --update"),
        (["--update", "{graph}", "--remove", "budget_rw"], 2, "does not have: budget_rw (did you mean 'budget_row'?)"),
        (
            ["--update", "{graph}", "--remove", "budget_row", "harbor_deal"],
            2,
            "repeat the option: --remove A --remove B",
        ),
        ([], 2, "no SOURCES given"),
    ],
)
def test_cli_remove_mistakes_are_one_line_and_leave_the_graph_alone(full, tmp_path, args, code, message):
    graph_file = tmp_path / "g.json"
    _copy(full, graph_file)
    args = [a.replace("{graph}", str(graph_file)) for a in args]
    result = subprocess.run([str(SCRIPT), "build", *args, "-o", str(graph_file)], capture_output=True, text=True)
    assert result.returncode == code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], result.stderr
    assert graph_file.read_bytes() == full.read_bytes()
    assert state_path(graph_file).read_bytes() == state_path(full).read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no working copy left behind
