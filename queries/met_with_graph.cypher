// Who met whom, as a graph Neo4j Browser draws (the picture of met_with.cypher).
//
// Parameters:
//   $name  name, alias or id of a person (e.g. "Lloyd Austin", "Austin",
//          "person:lloyd-austin"); null draws every meeting once.
//
// Returns one path per meeting: (person)-[:MET_WITH]-(other person). The
// relationship carries weight, evidence, articles, dates, first_seen and
// last_seen; click it in Browser to read them.
MATCH (p:Person)
WHERE $name IS NULL OR p.name = $name OR $name IN p.aliases OR p.id = $name
MATCH path = (p)-[r:MET_WITH]-(other:Person)
WHERE $name IS NOT NULL OR p.id < other.id
RETURN path
ORDER BY r.weight DESC, other.name
