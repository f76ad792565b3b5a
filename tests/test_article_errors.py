"""An error in one article costs that article: it is reported with its id and the rest of the corpus goes on
(``--strict`` makes it fatal, like any skipped input). Invented sentences; the failure is a plugin's mention
pass that raises on one article, as a bug in a pass would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graphbuild.errors import ArticleError, ExtractError, GraphbuildError
from graphbuild.export import read_graph
from graphbuild.extract.mentions import DEFAULT_PASSES
from graphbuild.models import Article, Extraction
from graphbuild.parallel import extract_guarded, extract_results, with_articles

SCRIPT = Path(sys.executable).parent / "graphbuild"
GOOD = "Kenyan President Amina Wekesa met Chilean President Tomas Berg in Nairobi on Monday.\n"
BAD = "Peruvian Foreign Minister Rosa Huallpa met Tomas Berg in Lima. BOOM\n"


class _Extractor:
    """Extracts nothing, and raises on an article whose text says BOOM."""

    def extract(self, articles):
        for article in articles:
            yield self.extract_one(article)

    def extract_one(self, article):
        if "BOOM" in article.text:
            raise KeyError("a bug the text meets")
        return Extraction(article=article, mentions=[], relations=[])


def test_one_failing_article_is_handed_over_with_its_id_and_the_others_go_on():
    articles = [Article(id=name, text=text) for name, text in [("a", GOOD), ("b", BAD), ("c", GOOD)]]
    lost = []
    done = [x.article.id for x in extract_guarded(_Extractor(), articles, lambda a, why: lost.append((a.id, why)))]
    assert done == ["a", "c"]
    assert lost == [("b", "extraction failed (KeyError: 'a bug the text meets')")]
    with pytest.raises(ArticleError, match=r"^article b: extraction failed") as raised:
        list(extract_guarded(_Extractor(), articles))
    assert isinstance(raised.value, ExtractError) and isinstance(raised.value, GraphbuildError)


def test_what_a_worker_sends_back_names_the_failure():
    articles = [Article(id="a", text=GOOD), Article(id="b", text=BAD)]
    results = extract_results(_Extractor(), articles)
    assert results[0] == ([], []) and results[1].startswith("extraction failed (KeyError")
    lost = []
    assert [x.article.id for x in with_articles(articles, results, lambda a, why: lost.append(a.id))] == ["a"]
    assert lost == ["b"]


PLUGIN = """
def explode(found, article):
    if any("BOOM" in doc.text for doc in article.docs):
        raise RuntimeError("this pass has a bug")
    return found
"""


@pytest.fixture
def exploding(tmp_path: Path) -> tuple[dict, Path]:
    """An environment with a plugin whose mention pass raises on one article, and the rules file choosing it."""
    site = tmp_path / "site"
    (site / "gbboom_plugin").mkdir(parents=True)
    (site / "gbboom_plugin" / "__init__.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = site / "gbboom_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gbboom-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[graphbuild_mention_passes]\nexplode = gbboom_plugin:explode\n")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"extraction": {"passes": [*DEFAULT_PASSES, "explode"]}}), encoding="utf-8")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text(BAD, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}, rules


def _build(tmp_path: Path, env: dict, rules: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(SCRIPT), "build", str(tmp_path / "in"), "--rules", str(rules), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)


@pytest.mark.parametrize(
    "workers",
    [
        "2",
        "1",
    ],
)
def test_a_failing_article_is_skipped_with_its_id_unless_strict(tmp_path, exploding, workers):
    env, rules = exploding
    built = _build(tmp_path, env, rules, "-o", "g.json", "--workers", workers)
    assert built.returncode == 0, built.stderr
    assert "b.txt" in built.stderr and "extraction failed (RuntimeError: this pass has a bug)" in built.stderr
    assert "Traceback" not in built.stderr
    names = {name for _, name in read_graph(tmp_path / "g.json").nodes(data="name")}
    assert {"Amina Wekesa", "Tomas Berg"} <= names and "Rosa Huallpa" not in names
    strict = _build(tmp_path, env, rules, "-o", "strict.json", "--workers", workers, "--strict")
    errors = [line for line in strict.stderr.splitlines() if line.startswith("Error:")]
    assert strict.returncode == 1 and errors == ["Error: 1 input(s) skipped and --strict is set; nothing was written"]
    assert not (tmp_path / "strict.json").exists()
