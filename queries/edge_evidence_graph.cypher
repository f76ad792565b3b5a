// The relationship(s) between two entities and the articles behind them, as
// a graph Neo4j Browser draws (the picture of edge_evidence.cypher).
//
// Parameters:
//   $from  name, alias or id of one entity (person, country, organization)
//   $to    name, alias or id of the other entity
//   $type  relationship type such as "MET_WITH", or null for every type
//
// Returns one row per relationship: `relation` (the path a-[r]-b) and
// `sources`, the MENTIONED_IN paths from either entity to the articles the
// relationship cites; click the relationship for its evidence sentences.
MATCH (a:Entity) WHERE a.name = $from OR $from IN a.aliases OR a.id = $from
MATCH (b:Entity) WHERE b.name = $to OR $to IN b.aliases OR b.id = $to
MATCH relation = (a)-[r]-(b)
WHERE ($type IS NULL OR type(r) = $type) AND type(r) <> 'MENTIONED_IN'
UNWIND [a, b] AS x
OPTIONAL MATCH source = (x)-[:MENTIONED_IN]->(art:Article)
WHERE art.article_id IN r.articles OR art.id IN r.articles
RETURN relation, collect(source) AS sources
