"""No wrong merges: look-alike people and bodies stay apart, each merge has a reason ``graphbuild explain``
shows, and a corrections file undoes every kind of merge (hand-made extractions of invented articles)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from resolver_input import extraction, mention, met

from graphbuild.corrections import Corrections, EntityCorrection
from graphbuild.explain import explain
from graphbuild.pipeline import graph_from_extractions, write_outputs
from graphbuild.resolve import resolve

SCRIPT = Path(sys.executable).parent / "graphbuild"


def ids(resolution, etype: str | None = None) -> set[str]:
    return {e.id for e in resolution.entities if etype is None or e.type == etype}


def owner(resolution, mention_id: str) -> str:
    return next(e.id for e in resolution.entities if mention_id in e.mentions)


# --- people ------------------------------------------------------------------------------------------------


def test_a_king_and_a_rebel_who_share_a_given_name_are_two_people():
    rebel = mention("palace", 0, "Person", "Adan Kovar", role="rebel leader")
    king = mention("palace", 30, "Person", "Adan", role="King", country="JO", evidence="title")
    later = mention("palace", 80, "Person", "Adan")  # after both: the closest earlier "Adan" is the king
    other = extraction(
        "camp", mention("camp", 0, "Person", "Adan Kovar", role="rebel leader"), mention("camp", 40, "Person", "Adan")
    )
    res = resolve([extraction("palace", rebel, king, later, relations=(met(king, rebel),)), other])
    assert owner(res, "palace:30") == owner(res, "palace:80") == "person:adan"
    assert owner(res, "palace:0") == owner(res, "camp:0") == owner(res, "camp:40") == "person:adan-kovar"
    assert {(r.source, r.target) for r in res.relations if r.type == "MET_WITH"} == {
        ("person:adan", "person:adan-kovar")
    }


def test_a_surname_alone_is_not_joined_to_someone_of_another_country():
    ana = mention("lima", 0, "Person", "Ana Torvel", role="Foreign Minister", country="CL", evidence="title")
    envoy = mention("lima", 40, "Person", "Torvel", role="envoy", country="PE", evidence="title")
    quoted = mention(
        "lima", 90, "Person", "Torvel", country="PE", evidence="sentence"
    )  # Peru merely named in the sentence
    res = resolve([extraction("lima", ana, envoy, quoted)])
    assert owner(res, "lima:40") == "person:torvel"
    assert owner(res, "lima:90") == "person:torvel"  # the closest earlier "Torvel" is the envoy
    res = resolve([extraction("lima", ana, quoted)])
    assert owner(res, "lima:90") == "person:ana-torvel"


def test_the_last_names_of_one_full_name_are_that_person():
    full = mention(
        "quito", 0, "Person", "Itziar Lorea Uriarte Zubiaga", role="President", country="EC", evidence="title"
    )
    later = mention("quito", 60, "Person", "Uriarte Zubiaga")
    res = resolve([extraction("quito", full, later)])
    assert owner(res, "quito:60") == owner(res, "quito:0") == "person:itziar-lorea-uriarte-zubiaga"


def test_last_names_two_full_names_end_with_stay_their_own():
    first = mention("quito", 0, "Person", "Itziar Uriarte Zubiaga")
    second = mention("quito", 40, "Person", "Ander Uriarte Zubiaga")
    later = mention("quito", 80, "Person", "Uriarte Zubiaga")
    res = resolve([extraction("quito", first, second, later)])
    assert owner(res, "quito:80") == "person:uriarte-zubiaga"


def test_two_spellings_of_one_name_in_one_article_are_one_person_under_the_more_used():
    article = extraction(
        "a",
        mention("a", 0, "Person", "Tomass Velder"),
        mention("a", 30, "Person", "Tomas Velder"),
        mention("a", 60, "Person", "Tomas Velder"),
        mention("a", 90, "Person", "Velder"),
    )
    res = resolve([article])
    assert {owner(res, f"a:{start}") for start in (0, 30, 60, 90)} == {"person:tomas-velder"}
    alone = resolve([extraction("b", mention("b", 0, "Person", "Tomass Velder"))])  # another article decides nothing
    assert ids(alone) == {"person:tomass-velder"}


@pytest.mark.parametrize(
    "first, second",
    [
        ("Petr Balkov", "Petr Balkova"),  # a surname and its feminine form
        ("Jan Kowalski", "Jan Kowalska"),
        ("Eva Lund", "Eva Lunt"),  # a short name: too few letters to call it a misspelling
    ],
)
def test_names_alike_that_can_be_two_people_stay_two(first, second):
    res = resolve([extraction("a", mention("a", 0, "Person", first), mention("a", 40, "Person", second))])
    assert owner(res, "a:0") != owner(res, "a:40")


def test_two_spellings_of_two_countries_stay_two_people():
    res = resolve(
        [
            extraction(
                "a",
                mention("a", 0, "Person", "Tomas Velder", country="CL", evidence="title"),
                mention("a", 40, "Person", "Tomass Velder", country="PE", evidence="title"),
            )
        ]
    )
    assert owner(res, "a:0") != owner(res, "a:40")


def test_a_person_is_affiliated_with_the_country_the_best_evidence_gives_not_a_misread_title():
    """One article reads another person's title as hers ("Chilean Foreign Minister Ana Torvel ... Peru's minister
    ..."), two give her Chile: her edges go to Chile only, with the sentences of the articles that say so."""

    def article(name, code, country_name):
        return extraction(
            name,
            mention(name, 0, "Person", "Ana Torvel", country=code, evidence="title"),
            mention(name, 40, "Country", country_name, key=code),
        )

    res = resolve([article("one", "CL", "Chile"), article("two", "CL", "Chile"), article("three", "PE", "Peru")])
    edges = {(r.target, r.article_id) for r in res.relations if r.type == "AFFILIATED_WITH"}
    assert edges == {("country:cl", "one"), ("country:cl", "two")}


def test_a_surname_alone_is_never_joined_across_articles():
    full = extraction("one", mention("one", 0, "Person", "Ana Torvel", country="CL", evidence="title"))
    alone = extraction("two", mention("two", 0, "Person", "Torvel"))
    other = extraction(
        "three",
        mention("three", 0, "Person", "Jorge Torvel", country="PE", evidence="title"),
        mention("three", 30, "Person", "Torvel"),
    )
    res = resolve([full, alone, other])
    assert (owner(res, "one:0"), owner(res, "two:0"), owner(res, "three:30")) == (
        "person:ana-torvel",
        "person:torvel",
        "person:jorge-torvel",
    )


# --- bodies ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, first, second",
    [
        ("Congress", "US", "PE"),
        ("Foreign Ministry", "CL", "PE"),
        ("Defence Forces", "IE", "MT"),
        ("Communist Party", "CN", "VN"),
        ("People's Liberation Army", "CN", "SD"),
    ],
)
def test_a_generic_body_name_of_two_countries_is_two_bodies(name, first, second):
    a = extraction("a", mention("a", 0, "Organization", name, country=first, evidence="title"))
    b = extraction("b", mention("b", 0, "Organization", name, country=second, evidence="title"))
    c = extraction("c", mention("c", 0, "Organization", name))  # an article that never says whose
    res = resolve([a, b, c])
    bodies = ids(res, "Organization")
    assert len(bodies) == 3 and len({owner(res, "a:0"), owner(res, "b:0"), owner(res, "c:0")}) == 3
    assert owner(res, "c:0").endswith(":c")  # that article's own node


def test_a_body_named_without_its_country_is_the_one_its_article_places():
    placed = mention("a", 0, "Organization", "US Congress", key="congress", country="US", evidence="title")
    bare = mention("a", 50, "Organization", "Congress")
    cut = mention(
        "a", 90, "Organization", "National People's Congress", key="congress"
    )  # a longer name the extractor cut down
    res = resolve([extraction("a", placed, bare, cut)])
    assert owner(res, "a:0") == owner(res, "a:50") == "organization:congress-us"
    assert owner(res, "a:90") == "organization:congress:a"


def test_a_proper_name_is_one_body_whatever_country_is_said_with_it():
    a = extraction("a", mention("a", 0, "Organization", "Rapid Support Forces", country="SD", evidence="title"))
    b = extraction("b", mention("b", 0, "Organization", "Rapid Support Forces"))
    assert ids(resolve([a, b]), "Organization") == {"organization:rapid-support-forces"}


# --- reasons ------------------------------------------------------------------------------------------------


@pytest.fixture
def explained_graph(tmp_path) -> Path:
    articles = [
        extraction(
            "one",
            mention("one", 0, "Person", "Warren J. Pickett", role="Defence Secretary", country="US", evidence="title"),
            mention("one", 40, "Person", "Pickett"),
            mention("one", 60, "Organization", "Northern Relief Council"),
            mention("one", 100, "Organization", "NRC"),
        ),
        extraction(
            "two",
            mention("two", 0, "Person", "Warren Pickett"),
            mention("two", 30, "Person", "Pickett", role="Secretary"),
        ),
        extraction("three", mention("three", 0, "Person", "Pickett")),
    ]
    path = tmp_path / "g.json"
    write_outputs(graph_from_extractions(articles), [path])
    return path


def test_explain_gives_the_rule_behind_each_name_and_what_was_kept_apart(explained_graph):
    e = explain(explained_graph, "person:warren-pickett")
    assert (e.mentions, e.articles) == (4, 2)
    assert {(n.name, n.code, n.mentions) for n in e.names} == {
        ("Warren J. Pickett", "full-name", 1),
        ("Warren Pickett", "full-name", 1),
        ("Pickett", "lone-name-before", 2),
    }
    assert [(a.id, a.join_with) for a in e.look_alikes] == [("person:pickett", "same: [Warren Pickett, Pickett]")]
    assert "different: [Warren Pickett, Pickett]" in e.undo
    council = explain(explained_graph, "NRC")  # found by a name, too
    assert council.id == "organization:northern-relief-council" and ("NRC", "acronym", 1) in {
        (n.name, n.code, n.mentions) for n in council.names
    }


def test_explain_on_the_command_line(explained_graph):
    done = subprocess.run([str(SCRIPT), "explain", str(explained_graph), "Pickett"], capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "finds person:pickett, person:warren-pickett; give one of those ids" in done.stderr
    done = subprocess.run(
        [str(SCRIPT), "explain", str(explained_graph), "person:pickett"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "'Pickett' ×1: a name used alone that its article never gives in full: a node of its own" in done.stdout
    assert "person:warren-pickett 'Warren Pickett': a full name containing it" in done.stdout
    assert "same: [Warren Pickett, Pickett]" in done.stdout  # the full name first: it gives the joined node its id


# --- corrections undo every kind of merge -----------------------------------------------------------------


MERGES = {
    "one name key": (
        [mention("a", 0, "Person", "Tomas J. Varga")],
        [mention("b", 0, "Person", "Tomas K. Varga")],
        ["Tomas J. Varga", "Tomas K. Varga"],
    ),
    "lone name": (
        [mention("a", 0, "Person", "Ines Duarte"), mention("a", 30, "Person", "Duarte")],
        [],
        ["Ines Duarte", "Duarte"],
    ),
    "middle names": (
        [mention("a", 0, "Person", "Ines Maria Duarte"), mention("a", 30, "Person", "Ines Duarte")],
        [],
        ["Ines Maria Duarte", "Ines Duarte"],
    ),
    "two spellings": (
        [mention("a", 0, "Person", "Tomas Velder"), mention("a", 30, "Person", "Tomass Velder")],
        [],
        ["Tomas Velder", "Tomass Velder"],
    ),
    "body in its article": (
        [
            mention(
                "a",
                0,
                "Organization",
                "Chilean Foreign Ministry",
                key="ministry of foreign",
                country="CL",
                evidence="title",
            ),
            mention("a", 40, "Organization", "Foreign Ministry"),
        ],
        [],
        ["Chilean Foreign Ministry", "Foreign Ministry"],
    ),
    "acronym": (
        [mention("a", 0, "Organization", "Northern Relief Council"), mention("a", 40, "Organization", "NRC")],
        [],
        ["Northern Relief Council", "NRC"],
    ),
    "place for a body": (
        [
            mention(
                "a",
                0,
                "Organization",
                "Pentagon",
                name="Department of Defense",
                key="department of defense",
                country="US",
                evidence="title",
            )
        ],
        [
            mention(
                "b",
                0,
                "Organization",
                "US Department of Defense",
                key="department of defense",
                country="US",
                evidence="title",
            )
        ],
        ["Pentagon", "US Department of Defense"],
    ),
    "person named after a body": (
        [mention("a", 0, "Organization", "Reuters"), mention("a", 30, "Person", "Reuters Next")],
        [],
        ["Reuters", "Reuters Next"],
    ),
}


@pytest.mark.parametrize("kind", MERGES)
def test_different_undoes_each_kind_of_merge(kind):
    first, second, names = MERGES[kind]
    articles = [extraction("a", *first)] + ([extraction("b", *second)] if second else [])
    merged = resolve(articles)
    everyone = [m.id for x in articles for m in x.mentions]
    assert len({owner(merged, m) for m in everyone}) == 1, "the premise: one node"
    apart = resolve(articles, corrections=Corrections(different=(tuple(names),)))
    assert len({owner(apart, m) for m in everyone}) == 2


def test_same_joins_what_articles_cannot_and_the_first_name_gives_the_id():
    a = extraction("a", mention("a", 0, "Person", "Albin Kovac", country="XK", evidence="title"))
    b = extraction("b", mention("b", 0, "Person", "Aljbin Kovac"))
    c = extraction("c", mention("c", 0, "Person", "Kovac"))
    corrections = Corrections(same=(("Albin Kovac", "Aljbin Kovac", "Kovac"),))
    joined = resolve([a, b, c], corrections=corrections)
    assert {owner(joined, m) for m in ("a:0", "b:0", "c:0")} == {"person:albin-kovac"}
    for half in ([b, c], [a], [c]):  # whatever articles are read, the joined node has the same id
        assert ids(resolve(half, corrections=corrections), "Person") == {"person:albin-kovac"}


def test_a_country_set_for_a_body_named_without_one_places_every_articles_node():
    a = extraction("a", mention("a", 0, "Organization", "Senate"))
    b = extraction("b", mention("b", 0, "Organization", "Senate"))
    c = extraction("c", mention("c", 0, "Organization", "US Senate", key="senate", country="US", evidence="title"))
    assert ids(resolve([a, b, c])) == {"organization:senate:a", "organization:senate:b", "organization:senate-us"}
    placed = Corrections(entities=(EntityCorrection(entity="Senate", country="US"),))
    for articles in ([a, b, c], [a, b], [b]):  # the same id whichever articles are read
        assert ids(resolve(articles, corrections=placed)) == {"organization:senate-us"}
