// The shortest chain of relationships between two people, as a path Neo4j
// Browser draws (the picture of shortest_path.cypher).
//
// Parameters:
//   $from  name, alias or id of the first person
//   $to    name, alias or id of the second person (must differ from $from)
//
// Same rules as shortest_path.cypher: either direction, at most 6 hops, never
// through Article nodes (the relationship types are listed explicitly, written
// by `python -m graphbuild.export.neo4j.generated` from the declarations).
// Returns one row with `path`; no row when the two are not connected.
MATCH (a:Person) WHERE a.name = $from OR $from IN a.aliases OR a.id = $from
MATCH (b:Person) WHERE b.name = $to OR $to IN b.aliases OR b.id = $to
MATCH path = shortestPath(
  (a)-[:MET_WITH|MEETING_REFUSED|MEETING_PLANNED|MEETING_DISPUTED|SUPPORTS|AFFILIATED_WITH|MEMBER_OF|ACCOMPANIED_BY|VISITED|CRITICIZED|SANCTIONED*..6]-(b)
)
RETURN path
