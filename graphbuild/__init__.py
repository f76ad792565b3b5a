"""graphbuild: news articles → knowledge graph.

The package layout follows the data flow, one module per stage:

    read.py     articles from files, feeds and stdin      → Article
    extract.py  spaCy: mentions and relations per article → Extraction
    resolve.py  one entity per real-world thing           → Resolution
    graph.py    the merged networkx graph                  → nx.MultiDiGraph
    export/     one module per output format (graphml, node_link, neo4j)
"""

__version__ = "0.1.0"
