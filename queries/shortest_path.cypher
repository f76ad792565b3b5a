// The shortest chain of relationships between two people.
//
// Parameters:
//   $from  name, alias or id of the first person
//   $to    name, alias or id of the second person (must differ from $from)
//
// Follows relationships in either direction, at most 6 hops, and never
// through Article nodes: the relationship types are listed explicitly (every
// declared relation type, never MENTIONED_IN), written from the declarations in
// graphbuild/data/relation_types.json by `python -m graphbuild.export.neo4j.generated`.
// Filtering MENTIONED_IN out with a WHERE on the path instead would be wrong on
// ArcadeDB, which applies such a WHERE after picking the shortest path.
//
// Returns names (nodes along the path), ids, types (relationship types in
// order) and hops; no row when the two are not connected.
MATCH (a:Person) WHERE a.name = $from OR $from IN a.aliases OR a.id = $from
MATCH (b:Person) WHERE b.name = $to OR $to IN b.aliases OR b.id = $to
MATCH path = shortestPath(
  (a)-[:MET_WITH|MEETING_REFUSED|MEETING_PLANNED|MEETING_DISPUTED|SUPPORTS|AFFILIATED_WITH|MEMBER_OF|ACCOMPANIED_BY|VISITED|CRITICIZED|SANCTIONED*..6]-(b)
)
RETURN [n IN nodes(path) | n.name] AS names, [n IN nodes(path) | n.id] AS ids,
       [r IN relationships(path) | type(r)] AS types, length(path) AS hops
