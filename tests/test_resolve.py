"""Resolution: one entity per real-world thing, within and across articles."""

from __future__ import annotations

from graphbuild.graph import build_graph
from graphbuild.models import Article
from graphbuild.resolve import resolve


def extract(extractor, texts: dict[str, str]):
    return list(extractor.extract([Article(id=k, text=v) for k, v in texts.items()]))


def persons(resolution) -> dict[str, object]:
    return {e.id: e for e in resolution.entities if e.type == "Person"}


def test_surname_within_article_resolves_to_full_name(extractor):
    res = resolve(
        extract(extractor, {"a": "Zhang Wei, a Chinese diplomat, spoke on Monday.\nZhang said ties were improving."})
    )
    people = persons(res)
    assert list(people) == ["person:zhang-wei"]
    assert len(people["person:zhang-wei"].mentions) == 2
    assert people["person:zhang-wei"].country == "CN"


def test_same_surname_in_different_articles_stays_apart(extractor):
    res = resolve(
        extract(
            extractor,
            {
                "a": "Zhang Wei, a Chinese diplomat, arrived in Paris on Monday.\nZhang said ties were improving.",
                "b": "Zhang Min, a Chinese trade official, arrived in Berlin on Friday.\nZhang said exports would grow.",
            },
        )
    )
    people = persons(res)
    assert set(people) == {"person:zhang-wei", "person:zhang-min"}
    # each lone "Zhang" went to the full name of its own article
    assert all(m.startswith("a:") for m in people["person:zhang-wei"].mentions)
    assert all(m.startswith("b:") for m in people["person:zhang-min"].mentions)
    assert len(people["person:zhang-wei"].mentions) == len(people["person:zhang-min"].mentions) == 2


def test_initials_and_suffixes_merge(extractor):
    res = resolve(
        extract(
            extractor,
            {
                "a": "Kenyan President William Ruto met John R. Smith Jr. in Nairobi.",
                "b": "John Smith met Nigerian President Bola Tinubu in Abuja.",
            },
        )
    )
    people = persons(res)
    smiths = [p for p in people.values() if "Smith" in p.name]
    assert len(smiths) == 1
    assert {m.split(":")[0] for m in smiths[0].mentions} == {"a", "b"}
    assert "John R. Smith Jr." in [smiths[0].name, *smiths[0].aliases]


def test_a_lone_surname_is_joined_only_by_its_own_article(extractor):
    """Another article's full name is not enough: the surname alone stays its own node, in every article set,
    so the node's id does not depend on which articles were read (corrections ``same:`` joins them)."""
    res = resolve(
        extract(
            extractor,
            {
                "a": "Kenyan President William Ruto met Nigerian President Bola Tinubu in Abuja.",
                "b": "President Ruto said the talks were useful.",
            },
        )
    )
    people = persons(res)
    assert {"person:william-ruto", "person:ruto"} <= set(people)
    assert all(m.startswith("a:") for m in people["person:william-ruto"].mentions)
    assert people["person:ruto"].mentions == ["b:10"]


THREE = {
    "x1": "Adrian Kessel met Stepan Kalinin in Geneva on Tuesday.",
    "x2": "Adrian Kessel met Stepan Kalinin again in Vienna on Friday to discuss arms control.",
    "x3": "Talks between Adrian Kessel and Stepan Kalinin lasted two hours, officials said.",
}


def test_parallel_evidence_is_one_weighted_edge(extractor):
    res = resolve(extract(extractor, THREE))
    graph = build_graph(res)
    edges = [(u, v, d) for u, v, k, d in graph.edges(keys=True, data=True) if k == "MET_WITH"]
    assert len(edges) == 1
    u, v, data = edges[0]
    assert (u, v) == ("person:adrian-kessel", "person:stepan-kalinin")
    assert data["weight"] == 3
    assert data["articles"] == ["x1", "x2", "x3"]
    assert len(data["evidence"]) == 3


def test_ids_are_stable(extractor):
    first = resolve(extract(extractor, THREE))
    second = resolve(extract(extractor, dict(reversed(list(THREE.items())))))
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    assert first.model_dump_json() == resolve(extract(extractor, THREE)).model_dump_json()
    assert {e.id for e in first.entities} >= {"person:adrian-kessel", "person:stepan-kalinin"}


def test_symmetric_relations_point_from_smaller_id(extractor):
    res = resolve(
        extract(
            extractor,
            {"a": "Polish President Andrzej Wrona did not meet Hungarian Prime Minister Imre Halasz in Brussels."},
        )
    )
    refused = [r for r in res.relations if r.type == "MEETING_REFUSED"]
    assert refused and all(r.source < r.target for r in refused)


def test_person_support_maps_to_their_country(extractor):
    res = resolve(extract(extractor, {"a": "Swedish Prime Minister Ulf Kristersson pledged support for Ukraine."}))
    supports = {(r.source, r.target) for r in res.relations if r.type == "SUPPORTS"}
    assert supports == {("country:se", "country:ua")}


def test_affiliation_has_evidence_sentence(extractor):
    text = "Kenyan President William Ruto had a phone call with Nigerian President Bola Tinubu."
    res = resolve(extract(extractor, {"a": text}))
    aff = [r for r in res.relations if r.type == "AFFILIATED_WITH"]
    assert {(r.source, r.target) for r in aff} == {
        ("person:william-ruto", "country:ke"),
        ("person:bola-tinubu", "country:ng"),
    }
    assert all(r.evidence == text and r.article_id == "a" for r in aff)


def test_two_spellings_in_two_articles_stay_two_people(extractor):
    """Near-identical spellings are as often two people ("Maria"/"Mario") as one: across articles only equal
    name keys join; initials and suffixes do not count."""
    res = resolve(
        extract(
            extractor,
            {
                "a": "Defence Minister Guo Binghe met Warren J. Pickett in Singapore.",
                "b": "Defence Minister Guo Binge met Warren Pickett III again in Jakarta.",
            },
        )
    )
    people = persons(res)
    assert {"person:guo-binghe", "person:guo-binge"} <= set(people)
    assert {m.split(":")[0] for m in people["person:warren-pickett"].mentions} == {"a", "b"}


def test_person_name_tagged_org_joins_the_person(extractor):
    res = resolve(
        extract(
            extractor,
            {
                "x1": "French President Etienne Marchal met German Chancellor Otto Kellner in Berlin on Tuesday.",
                "x2": "Etienne Marchal met Otto Kellner again in Paris on Friday to discuss energy.",
            },
        )
    )
    assert not [e for e in res.entities if e.type == "Organization" and "Kellner" in e.name]
    met = [r for r in res.relations if r.type == "MET_WITH"]
    assert {r.article_id for r in met} == {"x1", "x2"}
