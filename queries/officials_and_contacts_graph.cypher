// A country's officials and the people they deal with, as a graph Neo4j
// Browser draws (the picture of officials_and_contacts.cypher).
//
// Parameters:
//   $country  name, alias, ISO 3166 alpha-2 code (any case) or id of the
//             country (e.g. "China", "PRC", "cn", "country:cn").
//
// Officials as in officials_and_contacts.cypher. Returns the country, one row
// per official with the official, their AFFILIATED_WITH paths (to the
// country or its organizations; null when the country is only their
// `country` property) and their relations to other people (null when none).
MATCH (c:Country)
WHERE c.name = $country OR c.iso_code = toUpper($country) OR $country IN c.aliases OR c.id = $country
MATCH (p:Person)
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(org)
WITH c, p, collect(org) AS orgs
WHERE p.country = c.iso_code OR any(o IN orgs WHERE o.id = c.id OR o.country = c.iso_code)
OPTIONAL MATCH affiliation = (p)-[:AFFILIATED_WITH]->(org)
WHERE org.id = c.id OR org.country = c.iso_code
WITH c, p, collect(affiliation) AS affiliations
OPTIONAL MATCH contact = (p)-[m]-(other:Person)
RETURN c AS country, p AS official, affiliations, collect(contact) AS contacts
ORDER BY official.name
