// Which countries support a given country, as a graph Neo4j Browser draws
// (the picture of supporters_of_country.cypher).
//
// Parameters:
//   $country  name, alias, ISO 3166 alpha-2 code (any case) or id of the
//             supported country (e.g. "China", "PRC", "cn", "country:cn").
//
// Returns one path per supporter, strongest first: (supporter)-[:SUPPORTS]->(country).
MATCH (c:Country)
WHERE c.name = $country OR c.iso_code = toUpper($country) OR $country IN c.aliases OR c.id = $country
MATCH path = (s:Country)-[r:SUPPORTS]->(c)
RETURN path
ORDER BY r.weight DESC, s.name
