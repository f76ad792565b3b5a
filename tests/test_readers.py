"""Every file format reads back whole in other tools' default readers, and passes its format's schema.

networkx (``read_graphml``, ``read_gexf``, ``node_link_graph`` with default
arguments) and python-igraph (``Graph.Read_GraphML``) must see the nodes and
edges of the JSON graph, parallel edges (two relation types between one
pair) kept apart, and which relations are symmetric.  GraphML is validated
against the GraphML 1.0 schema, GEXF against the GEXF 1.3 schemas
(``tests/fixtures/schemas``, with their licences).
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import igraph
import networkx as nx
import pytest
from helpers import GEXF, VIZ
from lxml import etree

from graphbuild.export import read_graph, write_graph
from graphbuild.graph import build_graph
from graphbuild.models import Article, Country, Person, Relation, Resolution

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
XSI_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def invented_graph() -> nx.MultiDiGraph:
    """Two relation types between one pair in each direction, symmetric ones, dates and an awkward article id."""

    def rel(rtype, source, target, article, sentence, date_=None):
        return Relation(
            type=rtype,
            source=source,
            target=target,
            article_id=article,
            evidence=sentence,
            evidence_start=0,
            evidence_end=len(sentence),
            confidence=0.9,
            date=date_,
        )

    return build_graph(
        Resolution(
            articles=[Article(id="north wire (1)", text="", published=date(2024, 4, 30)), Article(id="b2", text="")],
            entities=[
                Country(id="country:xa", name="Xandria", iso_code="XA", mentions=["north wire (1):0", "b2:0"]),
                Country(id="country:yb", name="Ybor", iso_code="YB", mentions=["north wire (1):9"]),
                Person(
                    id="person:alba-ferrer", name="Alba Ferrer", country="XA", mentions=["north wire (1):20", "b2:7"]
                ),
                Person(id="person:lea-sandvik", name="Lea Sandvik", country="YB", mentions=["north wire (1):40"]),
            ],
            relations=[
                rel(
                    "MET_WITH",
                    "person:alba-ferrer",
                    "person:lea-sandvik",
                    "north wire (1)",
                    "Ferrer met Sandvik in mid-April.",
                    "2024-04-11/2024-04-20",
                ),
                rel(
                    "MEETING_PLANNED",
                    "person:alba-ferrer",
                    "person:lea-sandvik",
                    "b2",
                    "Ferrer will meet Sandvik again.",
                ),
                rel("CRITICIZED", "person:lea-sandvik", "person:alba-ferrer", "b2", "Sandvik criticised Ferrer."),
                rel("SUPPORTS", "country:xa", "country:yb", "north wire (1)", "Xandria backs Ybor.", "2024-04"),
                rel("SANCTIONED", "country:xa", "country:yb", "b2", "Xandria sanctioned Ybor's banks."),
                rel("AFFILIATED_WITH", "person:alba-ferrer", "country:xa", "b2", "Xandrian minister Alba Ferrer."),
            ],
        )
    )


GRAPHS = {"seeds": "seed_graph", "invented": None}


@pytest.fixture(params=sorted(GRAPHS))
def graph(request):
    return request.getfixturevalue("seed_graph") if request.param == "seeds" else invented_graph()


def json_counts(graph: nx.MultiDiGraph, tmp_path: Path) -> tuple[int, int]:
    write_graph(graph, tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text("utf-8"))
    return len(data["nodes"]), len(data["edges"])


def symmetric_in(graph: nx.MultiDiGraph) -> set[str]:
    """The relation types the file's edges say are symmetric, as a reader of it sees them."""
    return {str(d.get("type") or d.get("label")) for *_, d in graph.edges(data=True) if d.get("symmetric") is True}


def test_node_link_json_reads_with_networkx_defaults(graph, tmp_path):
    write_graph(graph, tmp_path / "g.json")
    back = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text("utf-8")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert back.is_directed() and back.is_multigraph()
    assert symmetric_in(back) == symmetric_in(graph) and symmetric_in(graph)


def test_graphml_reads_with_networkx_defaults(graph, tmp_path):
    write_graph(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert (back.number_of_nodes(), back.number_of_edges()) == json_counts(graph, tmp_path)
    assert symmetric_in(back) == symmetric_in(graph)


def test_gexf_reads_with_networkx_defaults(graph, tmp_path):
    write_graph(graph, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert (back.number_of_nodes(), back.number_of_edges()) == json_counts(graph, tmp_path)
    assert symmetric_in(back) == symmetric_in(graph)


def test_graphml_reads_with_igraph(graph, tmp_path):
    write_graph(graph, tmp_path / "g.graphml")
    back = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert (back.vcount(), back.ecount()) == json_counts(graph, tmp_path)
    assert back.is_directed()
    types = back.es["type"]
    assert {t for t, s in zip(types, back.es["symmetric"], strict=False) if s} == symmetric_in(graph)


def test_every_format_round_trips_through_read_graph(graph, tmp_path):
    for suffix in (".json", ".graphml", ".gexf"):
        write_graph(graph, tmp_path / f"g{suffix}")
        back = read_graph(tmp_path / f"g{suffix}")
        assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True)), suffix
        assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == {
            (u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)
        }, suffix


def test_parallel_and_symmetric_relations_stay_apart_in_every_reader(tmp_path):
    graph = invented_graph()
    assert graph.number_of_edges("person:alba-ferrer", "person:lea-sandvik") == 2  # MET_WITH, MEETING_PLANNED
    assert graph.number_of_edges("country:xa", "country:yb") == 2  # SUPPORTS, SANCTIONED
    for suffix in (".graphml", ".gexf"):
        write_graph(graph, tmp_path / f"g{suffix}")
    readers = {
        "graphml": nx.read_graphml(tmp_path / "g.graphml"),
        "gexf": nx.read_gexf(tmp_path / "g.gexf"),
    }
    for name, back in readers.items():
        pair = back.get_edge_data("country:xa", "country:yb")
        assert sorted(d.get("type") or d.get("label") for d in pair.values()) == ["SANCTIONED", "SUPPORTS"], name
        met = [d for d in back.get_edge_data("person:alba-ferrer", "person:lea-sandvik").values() if d["symmetric"]]
        assert len(met) == 2, name  # both meeting types are symmetric, stored from the smaller id to the larger
        assert (
            back.get_edge_data("person:lea-sandvik", "person:alba-ferrer") is not None
        )  # CRITICIZED keeps its direction
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    names = ig.vs["id"]
    pairs = [(names[e.source], names[e.target], e["type"]) for e in ig.es]
    assert sorted(t for u, v, t in pairs if (u, v) == ("country:xa", "country:yb")) == ["SANCTIONED", "SUPPORTS"]
    # GEXF 1.3: the relation type as the edge kind, which keeps parallel edges apart in Gephi
    root = etree.parse(str(tmp_path / "g.gexf")).getroot()
    kinds = [e.get("kind") for e in root.iter(f"{GEXF}edge") if e.get("source") == "country:xa"]
    assert sorted(k for k in kinds if k != "MENTIONED_IN") == ["SANCTIONED", "SUPPORTS"]


def test_graphml_validates_against_the_graphml_schema(graph, tmp_path):
    write_graph(graph, tmp_path / "g.graphml")
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml-1.0" / "graphml.xsd")))
    document = etree.parse(str(tmp_path / "g.graphml"))
    assert schema.validate(document), schema.error_log
    keys = [k.get("id") for k in document.getroot().iter("{http://graphml.graphdrawing.org/xmlns}key")]
    assert len(keys) == len(set(keys))  # no key declared twice


def test_gexf_validates_against_the_gexf_1_3_schemas(graph, tmp_path):
    """Against the RELAX NG grammar (the normative one, from which the XSD is generated), and the XSD.

    RELAX NG knows nothing of XML Schema's ``xsi:schemaLocation`` hint, so it is set aside for it; the
    published 1.3 XSD puts the ``viz`` elements in the GEXF namespace instead of ``http://gexf.net/1.3/viz``
    (where its RELAX NG source, Gephi, networkx and graphology put them), so they are set aside for it: the
    RELAX NG validation covers them.
    """
    write_graph(graph, tmp_path / "g.gexf")
    document = etree.parse(str(tmp_path / "g.gexf"))
    assert document.getroot().get("version") == "1.3"
    for_relaxng = copy.deepcopy(document)
    del for_relaxng.getroot().attrib[XSI_SCHEMA_LOCATION]
    relaxng = etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))
    assert relaxng.validate(for_relaxng), relaxng.error_log
    for_xsd = copy.deepcopy(document)
    for viz in list(for_xsd.getroot().iter(f"{VIZ}*")):
        viz.getparent().remove(viz)
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))
    assert xsd.validate(for_xsd), xsd.error_log


def test_the_schemas_reject_what_the_old_files_did(tmp_path):
    """The checks above can fail: a key id declared twice, a 1.3 attribute in a 1.2 file."""
    write_graph(invented_graph(), tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text("utf-8")
    first_key = etree.parse(str(tmp_path / "g.graphml")).getroot()[0].get("id")
    twice = text.replace('id="d1"', f'id="{first_key}"', 1)
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml-1.0" / "graphml.xsd")))
    assert not schema.validate(etree.fromstring(twice.encode("utf-8")))
    write_graph(invented_graph(), tmp_path / "g.gexf")
    old = (tmp_path / "g.gexf").read_text("utf-8").replace('version="1.3"', 'version="1.2"')
    document = etree.fromstring(old.encode("utf-8"))
    del document.attrib[XSI_SCHEMA_LOCATION]
    assert not etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng"))).validate(document)
