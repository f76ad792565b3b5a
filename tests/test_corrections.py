"""The corrections file: how it is read, and how the resolver applies it (invented names and articles)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from helpers import ARTICLES, CORRECTIONS_YAML

from graphbuild.corrections import Corrections, CorrectionsError, load_corrections
from graphbuild.models import Article
from graphbuild.resolve import resolve
from graphbuild.resolve.regroup import CORRECTED_EVIDENCE


@pytest.fixture(scope="module")
def extractions(extractor):
    return list(extractor.extract([Article(id=k, text=v) for k, v in ARTICLES.items()]))


@pytest.fixture(scope="module")
def corrections(tmp_path_factory) -> Corrections:
    path = tmp_path_factory.mktemp("corrections") / "corrections.yaml"
    path.write_text(CORRECTIONS_YAML, encoding="utf-8")
    return load_corrections(path)


def by_id(resolution) -> dict:
    return {e.id: e for e in resolution.entities}


def edges(resolution, rtype: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in resolution.relations if r.type == rtype}


# --- reading the file --------------------------------------------------------------------------


def test_yaml_and_json_files_say_the_same(corrections, tmp_path):
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(corrections.model_dump(mode="json"), indent="\t"), encoding="utf-8")
    assert load_corrections(path).model_dump() == corrections.model_dump()
    assert corrections.entities[2].country == "CL"  # codes are upper-cased


def test_yaml_values_are_text_so_norway_stays_norway(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("entities:\n  - entity: Erik Berg\n    country: NO\nignore: [2024, yes]\n", encoding="utf-8")
    loaded = load_corrections(path)
    assert loaded.entities[0].country == "NO"
    assert loaded.ignore == ("2024", "yes")


def test_an_empty_file_is_no_corrections(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_corrections(path).is_empty()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("c.yaml", "same:\n  - [Irena Tovar, I. Tovar-Quiroga\nignore: [x]\n", "line 3: not valid YAML"),
        ("c.json", '{\n  "same": [["A B", "C D"],\n}\n', "line 3: not valid JSON"),
        ("c.yaml", "same:\n  - [Irena Tovar]\n", "line 2: same.0: list at least two names"),
        (
            "c.yaml",
            "ignore: [x]\nentities:\n  - entity: Irena Tovar\n    colour: red\n",
            "line 4: entities.0.colour: Extra inputs",
        ),
        (
            "c.yaml",
            "entities:\n  - entity: Irena Tovar\n\n    country: ESP\n",
            "line 4: entities.0.country: 'ESP' is not an ISO 3166",
        ),
        (
            "c.json",
            '{\n\t"entities": [\n\t\t{"entity": "Irena Tovar"}\n\t]\n}\n',
            "line 3: entities.0: say what to correct",
        ),
        (
            "c.yaml",
            "same:\n  - [A B, C D]\ndifferent:\n  - [E F, G H]\n  - [c d, a b]\n",
            "line 5: different.1: 'c d' and 'a b' are listed as the same",
        ),
        (
            "c.yaml",
            "entities:\n  - {entity: A B, role: Mayor}\n  - {entity: a b, name: A. B}\n",
            "line 3: entities.1.entity: 'a b' is already corrected",
        ),
        ("c.yaml", "ignore: [A B]\nsame:\n  - [a b, C D]\n", "line 1: ignore.0: 'A B' is ignored but also corrected"),
        ("c.yaml", "- same: [A B, C D]\n", "line 1: a corrections file is a mapping"),
        ("c.yaml", "sames:\n  - [A B, C D]\n", "line 1: sames: Extra inputs"),
    ],
)
def test_a_malformed_file_is_one_line_naming_the_file_and_the_line(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionsError) as caught:
        load_corrections(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert expected in message


def test_an_unreadable_file_is_one_line(tmp_path):
    with pytest.raises(CorrectionsError, match="cannot read corrections file"):
        load_corrections(tmp_path / "missing.yaml")
    (tmp_path / "latin1.yaml").write_bytes("ignore: [Jos\xe9]\n".encode("latin-1"))
    with pytest.raises(CorrectionsError, match="not UTF-8"):
        load_corrections(tmp_path / "latin1.yaml")


# --- applied by the resolver ---------------------------------------------------------------------


def test_without_corrections_the_resolver_makes_the_mistakes_they_fix(extractions):
    """The premise of the tests below: one node for two Vargas, two for Irena Tovar, junk nodes."""
    entities = by_id(resolve(extractions))
    assert {"Tomas J. Varga", "Tomas K. Varga"} <= {
        entities["person:tomas-varga"].name,
        *entities["person:tomas-varga"].aliases,
    }
    assert {
        "person:irena-tovar",
        "person:tovar-quiroga",
        "organization:harbour-watch",
        "organization:getty-images",
        "person:carla-nunes",
    } <= set(entities)
    assert entities["person:ines-duarte"].country is None


def test_same_merges_and_the_canonical_name_gives_the_id(extractions, corrections):
    resolution = resolve(extractions, corrections=corrections)
    entities = by_id(resolution)
    ana = entities["person:irena-tovar-quiroga"]
    assert ana.name == "Irena Tovar-Quiroga"
    assert {"Irena Tovar", "I. Tovar-Quiroga", "Tovar"} <= set(ana.aliases)
    assert {m.split(":")[0] for m in ana.mentions} == {"lisbon_talks", "rome_meeting"}
    assert not {"person:irena-tovar", "person:tovar-quiroga"} & set(entities)


def test_different_splits_what_one_name_key_merged(extractions, corrections):
    resolution = resolve(extractions, corrections=corrections)
    entities = by_id(resolution)
    tomas_j, tomas_k = (
        entities["person:tomas-varga"],
        entities["person:tomas-varga-2"],
    )  # the second name of the entry is numbered
    assert (tomas_j.name, tomas_j.country) == ("Tomas J. Varga", "PT")  # his own article's evidence again
    assert (tomas_k.name, tomas_k.country) == ("Tomas K. Varga", "HU")
    assert "Tomas J. Varga" not in tomas_k.aliases
    met = edges(resolution, "MET_WITH")
    assert ("person:irena-tovar-quiroga", "person:tomas-varga") in met
    assert ("person:maria-elena-costa", "person:tomas-varga-2") in met
    assert ("person:irena-tovar-quiroga", "person:tomas-varga-2") not in met


def test_type_role_and_country_are_set_and_a_set_country_gets_its_edge(extractions, corrections):
    resolution = resolve(extractions, corrections=corrections)
    entities = by_id(resolution)
    assert entities["person:harbour-watch"].type == "Person" and "organization:harbour-watch" not in entities
    ines = entities["person:ines-duarte"]
    assert (ines.role, ines.country) == ("Attorney General", "CL")
    affiliation = [r for r in resolution.relations if r.type == "AFFILIATED_WITH" and r.source == ines.id]
    assert [(r.target, r.article_id, r.evidence) for r in affiliation] == [
        ("country:cl", "santiago_visit", CORRECTED_EVIDENCE)
    ]


def test_ignored_names_are_gone_with_the_short_names_standing_for_them(extractions, corrections):
    resolution = resolve(extractions, corrections=corrections)
    entities = by_id(resolution)
    assert not {"organization:getty-images", "person:carla-nunes", "person:nunes"} & set(entities)
    assert not any("Nunes" in e.name or "Getty" in e.name for e in resolution.entities)


def test_ignoring_a_capital_drops_that_name_not_its_country(extractions, tmp_path):
    (tmp_path / "c.yaml").write_text(
        "ignore: [Lisbon]\nentities:\n  - {entity: Getty Images, role: Agency}\n", encoding="utf-8"
    )
    entities = by_id(resolve(extractions, corrections=load_corrections(tmp_path / "c.yaml")))
    assert "Lisbon" not in entities["country:pt"].aliases
    assert len(entities["country:pt"].mentions) == len(by_id(resolve(extractions))["country:pt"].mentions) - 1
    assert "role" not in entities["organization:getty-images"].model_dump()  # a role is for people


def test_a_correction_that_names_nothing_or_several_is_reported_once_each(extractor, tmp_path, caplog):
    (tmp_path / "c.yaml").write_text(
        "same:\n  - [Irena Tovar, Zora Quill]\nentities:\n  - entity: Varga\n    role: Minister\nignore:\n  - Nobody Known\n",
        encoding="utf-8",
    )
    texts = {
        "a": "Hungarian Economy Minister Tamas Varga arrived in Rome. Varga said the visit was useful.",
        "b": "Polish Finance Minister Piotr Varga arrived in Rome. Varga said the visit was short.",
        "c": "Spanish Foreign Minister Irena Tovar arrived in Rome.",
    }
    extractions = list(extractor.extract([Article(id=k, text=v) for k, v in texts.items()]))
    with caplog.at_level(logging.WARNING, logger="graphbuild.corrections"):
        resolution = resolve(extractions, corrections=load_corrections(tmp_path / "c.yaml"))
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        f"{tmp_path / 'c.yaml'} line 7: 'Nobody Known' names nothing in the graph",
        f"{tmp_path / 'c.yaml'} line 2: 'Zora Quill' names nothing in the graph",
        f"{tmp_path / 'c.yaml'} line 4: 'Varga' names 2 entities (Piotr Varga, Tamas Varga); not applied: use a name only one of them has",
    ]
    assert all(
        e.role == "Economy Minister" or e.role == "Finance Minister" for e in resolution.entities if "Varga" in e.name
    )


def test_recorded_corrections_say_which_entry(extractions):
    recorded = Corrections.model_validate({"ignore": ["Nobody Known"]})
    assert recorded.where("ignore", 0) == "the corrections recorded in the graph, ignore entry 1"


def test_no_corrections_change_nothing(extractions):
    assert resolve(extractions, corrections=Corrections()) == resolve(extractions)


def test_a_name_the_file_gives_finds_the_entity_elsewhere_in_the_file(extractions, tmp_path):
    (tmp_path / "c.yaml").write_text(
        "entities:\n  - {entity: Irena Tovar, name: Irena Tovar-Quiroga}\nsame:\n  - [Irena Tovar-Quiroga, I. Tovar-Quiroga]\n",
        encoding="utf-8",
    )
    entities = by_id(resolve(extractions, corrections=load_corrections(tmp_path / "c.yaml")))
    assert (
        "I. Tovar-Quiroga" in entities["person:irena-tovar-quiroga"].aliases and "person:tovar-quiroga" not in entities
    )


def test_the_readme_example_does_what_the_readme_says(extractions, tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (tmp_path / "c.yaml").write_text(re.search(r"```yaml\n(.*?)```", readme, re.S).group(1), encoding="utf-8")
    entities = by_id(resolve(extractions, corrections=load_corrections(tmp_path / "c.yaml")))
    ana = entities["person:irena-tovar-quiroga"]
    assert (ana.name, ana.role, ana.country) == ("Irena Tovar-Quiroga", "Foreign Minister", "ES")
    assert {"Irena Tovar", "I. Tovar-Quiroga"} <= set(ana.aliases)
    assert {"person:tomas-varga", "person:tomas-varga-2", "person:harbour-watch"} <= set(entities)
    assert "organization:getty-images" not in entities
