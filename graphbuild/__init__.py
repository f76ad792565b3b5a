"""graphbuild: news articles → knowledge graph.

The package layout follows the data flow, one module or package per stage:

    read/       articles from files, feeds and stdin       → Article
    extract/    spaCy: mentions and relations per article  → Extraction
    resolve/    one entity per real-world thing            → Resolution
    graph.py    the merged networkx graph                   → nx.MultiDiGraph
    export/     one module per output format (graphml, node_link, neo4j)

Every stage shares models.py (the records), relation_types.py and rules.py
(relation types and trigger patterns, as data), names.py and lexicon.py;
pipeline.py chains the stages.
"""

__version__ = "0.1.0"
