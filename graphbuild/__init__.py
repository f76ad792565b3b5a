"""graphbuild: news articles → knowledge graph.

The Python API, in five lines::

    from graphbuild import build_graph_from_sources, read_graph, tables, write_graph
    write_graph(build_graph_from_sources(["articles/"]), "graph.json")   # read, extract, resolve, merge, write
    graph = read_graph("graph.json")                                      # a networkx.MultiDiGraph
    nodes, edges = tables(graph)                                          # pandas DataFrames (extra: [pandas])
    print(edges[edges.type == "MET_WITH"][["source_name", "target_name", "weight"]])

The package layout follows the data flow, one module or package per stage:

    read/       articles from files, feeds and stdin       → Article
    extract/    spaCy: mentions and relations per article  → Extraction
    resolve/    one entity per real-world thing            → Resolution
    graph.py    the merged networkx graph                   → nx.MultiDiGraph
    export/     one module per output format (graphml, gexf, node_link, html, neo4j; tables for pandas)

Every stage shares models.py (the records), relation_types.py and rules.py
(relation types and trigger patterns, as data), names.py and lexicon.py;
pipeline.py chains the stages.  The names above are imported on first use,
so ``import graphbuild`` stays quick (spaCy loads only when a build runs).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "build_graph_from_sources": "graphbuild.pipeline",
    "read_graph": "graphbuild.export",
    "write_graph": "graphbuild.export",
    "tables": "graphbuild.export.tables",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
