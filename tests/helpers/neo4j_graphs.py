"""Neo4j test helpers: graphs built by hand per the graph contract, what a server holds, and the recipes'
graph. Imported through :mod:`helpers`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

# --- Neo4j: graphs built by hand per the graph contract, and what a server holds -------------------------


def _article(g: nx.MultiDiGraph, n: int) -> str:
    aid = f"article:{n:03d}_{n:016x}"
    g.add_node(
        aid,
        type="Article",
        name=f"Article {n}",
        aliases=[],
        title=f"Title {n}",
        url=f"https://example.org/{n}",
        published=f"2024-03-{n:02d}",
        publisher="Example News",
        source=f"seeds/{n:03d}.txt",
    )
    return aid


def _edge(g, u, v, rel, *, evidence, articles, weight=None, confidence=0.9, **extra):
    """An edge as graph.py makes it: one evidence item per sentence, said by the article at its place in ``articles``."""
    items = [{"article": articles[min(i, len(articles) - 1)], "sentence": s} for i, s in enumerate(evidence)]
    g.add_edge(
        u,
        v,
        key=rel,
        type=rel,
        weight=weight if weight is not None else len(evidence),
        articles=list(articles),
        evidence=items,
        confidence=confidence,
        **extra,
    )


def news_graph(n_articles: int = 2) -> nx.MultiDiGraph:
    """A graph "built from" articles 1..n_articles; each larger n is a superset of smaller ones."""
    g = nx.MultiDiGraph()
    a = [None] + [_article(g, i) for i in range(1, n_articles + 1)]
    g.add_node(
        "person:lowell-pickett",
        type="Person",
        name="Lowell Pickett",
        aliases=["Pickett"],
        role="Secretary of Defense",
        country="US",
    )
    g.add_node("person:duan-peng", type="Person", name="Duan Peng", aliases=[], role="Defense Minister", country="CN")
    g.add_node("country:us", type="Country", name="United States", aliases=["US", "U.S."], iso_code="US")
    g.add_node("country:cn", type="Country", name="China", aliases=["PRC"], iso_code="CN")
    g.add_node(
        "organization:us-department-of-defense",
        type="Organization",
        name="U.S. Department of Defense",
        aliases=["Pentagon"],
        country="US",
    )
    met1 = "Pickett met Duan Peng in Singapore."
    _edge(
        g,
        "person:lowell-pickett",
        "person:duan-peng",
        "MET_WITH",
        evidence=[met1],
        articles=[a[1]],
        dates=["2024-03-01"],
    )
    _edge(
        g,
        "person:lowell-pickett",
        "organization:us-department-of-defense",
        "AFFILIATED_WITH",
        evidence=["Defense Secretary Lowell Pickett said."],
        articles=[a[1]],
    )
    for i in range(1, n_articles + 1):
        _edge(g, "person:lowell-pickett", a[i], "MENTIONED_IN", evidence=[], articles=[a[i]], weight=1)
    if n_articles >= 2:
        _edge(g, "person:duan-peng", a[2], "MENTIONED_IN", evidence=[], articles=[a[2]], weight=1)
        _edge(g, "country:cn", "country:us", "SUPPORTS", evidence=["China backs the talks."], articles=[a[2]])
    if n_articles >= 3:
        # article 3 adds evidence to an existing edge, a new person, a new edge type
        g.add_node("person:adrian-kessel", type="Person", name="Adrian Kessel", aliases=[], country="US")
        _edge(
            g,
            "person:lowell-pickett",
            "person:duan-peng",
            "MET_WITH",
            evidence=[met1, "The two ministers met again on Friday."],
            articles=[a[1], a[3]],
            dates=["2024-03-01", "2024-03-03"],
        )
        _edge(g, "person:adrian-kessel", "country:cn", "VISITED", evidence=["Kessel visited Beijing."], articles=[a[3]])
        _edge(g, "person:adrian-kessel", a[3], "MENTIONED_IN", evidence=[], articles=[a[3]], weight=1)
    return g


def _query(driver, settings, cypher, **params):
    records, _, _ = driver.execute_query(cypher, params, database_=settings.database)
    return [r.data() for r in records]


def label_counts(driver, settings) -> dict[str, int]:
    out = {}
    for label in ("Person", "Country", "Organization", "Article"):
        out[label] = _query(driver, settings, f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
    out["*"] = _query(driver, settings, "MATCH (n) RETURN count(n) AS c")[0]["c"]
    return out


def type_counts(driver, settings) -> dict[str, int]:
    rows = _query(driver, settings, "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c")
    return {row["t"]: row["c"] for row in rows}


def expected_label_counts(g) -> dict[str, int]:
    out = {label: 0 for label in ("Person", "Country", "Organization", "Article")}
    for _, t in g.nodes(data="type"):
        out[t] += 1
    out["*"] = g.number_of_nodes()
    return out


def expected_type_counts(g) -> dict[str, int]:
    out: dict[str, int] = {}
    for *_, t in g.edges(data="type"):
        out[t] = out.get(t, 0) + 1
    return out


def dump(driver, settings):
    nodes = _query(driver, settings, "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p")
    rels = _query(driver, settings, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p")
    return (sorted(nodes, key=lambda r: r["id"]), sorted(rels, key=lambda r: (r["a"], r["t"], r["b"])))


def big_graph(n_people: int = 60) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n_people):
        g.add_node(f"person:p{i}", type="Person", name=f"Person {i}", aliases=[f"P{i}"])
        g.add_node(f"article:{i}", type="Article", title=f"T{i}")
    for i in range(n_people):
        _edge(
            g,
            f"person:p{i}",
            f"person:p{(i + 1) % n_people}",
            "MET_WITH",
            evidence=[f"m{i}"],
            articles=[f"article:{i}"],
        )
        _edge(g, f"person:p{i}", f"article:{i}", "MENTIONED_IN", evidence=[], articles=[f"article:{i}"], weight=1)
    return g


def _cli_env(settings, **overrides):
    env = {
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password.get_secret_value(),
        "NEO4J_DATABASE": settings.database or "",
    }
    env.update(overrides)
    return env


# --- Neo4j recipes: queries/ and the small known graph they run on ---------------------------------------


QUERIES = Path(__file__).resolve().parents[2] / "queries"


def known_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def article(i: int, title: str) -> str:
        # as graphbuild.graph builds them: node id "article:<id>", relationships list the bare "<id>"
        aid = f"{i:03d}_{i:016x}"
        g.add_node(
            f"article:{aid}",
            type="Article",
            article_id=aid,
            name=title,
            title=title,
            url=f"https://news.example/{i}",
            aliases=[],
            published=f"2024-06-0{i}",
        )
        return aid

    a1, a2, a3 = article(1, "Pickett meets Duan"), article(2, "Talks resume"), article(3, "Allies rally")

    def person(pid, name, country=None, role=None, aliases=()):
        attrs = {"type": "Person", "name": name, "aliases": list(aliases)}
        if country:
            attrs["country"] = country
        if role:
            attrs["role"] = role
        g.add_node(pid, **attrs)

    person("person:lowell-pickett", "Lowell Pickett", "US", "Secretary of Defense", ["Pickett"])
    person("person:duan-peng", "Duan Peng", "CN", "Defense Minister")
    person("person:tang-lin", "Tang Lin", "CN", "Foreign Minister")
    person("person:qiao-ming", "Qiao Ming", "CN", "Premier")  # an official without contacts
    person("person:he-zhenyu", "He Zhenyu")  # Chinese only through the PLA
    person("person:adrian-kessel", "Adrian Kessel", "US", "Secretary of State", ["Kessel"])
    person("person:stepan-kalinin", "Stepan Kalinin", "RU", "Foreign Minister")
    person("person:o-brien", 'O\'Brien "the \\ test" Łódź 周彦明', "IE")  # connected to nobody
    for iso, name, aliases in [
        ("US", "United States", ["USA", "U.S."]),
        ("CN", "China", ["PRC"]),
        ("RU", "Russia", []),
        ("PK", "Pakistan", []),
        ("UA", "Ukraine", []),
    ]:
        g.add_node(f"country:{iso.lower()}", type="Country", name=name, iso_code=iso, aliases=aliases)
    g.add_node("organization:pla", type="Organization", name="People's Liberation Army", country="CN", aliases=["PLA"])

    def edge(u, v, rel, evidence, articles, weight=None, confidence=0.9, **extra):
        items = [{"article": articles[min(i, len(articles) - 1)], "sentence": s} for i, s in enumerate(evidence)]
        g.add_edge(
            u,
            v,
            key=rel,
            type=rel,
            weight=weight or len(evidence),
            evidence=items,
            articles=articles,
            confidence=confidence,
            **extra,
        )

    edge(
        "person:lowell-pickett",
        "person:duan-peng",
        "MET_WITH",
        ["Pickett met Duan in Singapore.", "Pickett and Duan met again."],
        [a1, a2],
        dates=["2024-05-31"],
    )
    edge("person:tang-lin", "person:adrian-kessel", "MET_WITH", ["Tang Lin met Kessel in Beijing."], [a2])
    edge("person:stepan-kalinin", "person:tang-lin", "MET_WITH", ["Kalinin held talks with Tang Lin."], [a3])
    edge("person:lowell-pickett", "person:tang-lin", "MEETING_REFUSED", ["Tang declined to meet Pickett."], [a2])
    edge("person:duan-peng", "organization:pla", "AFFILIATED_WITH", ["Duan Peng, of the PLA, said."], [a1])
    edge("person:he-zhenyu", "organization:pla", "AFFILIATED_WITH", ["General He Zhenyu of the PLA."], [a3])
    edge("country:ru", "country:cn", "SUPPORTS", ["Russia supports China's position.", "Moscow backs Beijing."], [a3])
    edge("country:pk", "country:cn", "SUPPORTS", ["Pakistan reaffirmed support for China."], [a3], confidence=0.8)
    edge("country:us", "country:ua", "SUPPORTS", ["The US supports Ukraine."], [a3])
    edge("person:adrian-kessel", "country:cn", "VISITED", ["Kessel visited China."], [a2])
    # articles connect people too: a shortest path must not take these shortcuts
    for pid, aid in [
        ("person:lowell-pickett", a1),
        ("person:duan-peng", a1),
        ("person:duan-peng", a2),
        ("person:tang-lin", a2),
        ("person:adrian-kessel", a2),
        ("person:tang-lin", a3),
        ("person:stepan-kalinin", a3),
        ("person:o-brien", a3),
    ]:
        edge(pid, f"article:{aid}", "MENTIONED_IN", [], [aid], weight=1)
    return g
