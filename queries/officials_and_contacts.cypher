// The officials of a country and the people they are in contact with.
//
// Parameters:
//   $country  name, alias, ISO 3166 alpha-2 code (any case) or id of the
//             country (e.g. "China", "PRC", "cn", "country:cn").
//
// An official is a Person whose `country` property is the country's ISO
// code, or who is AFFILIATED_WITH the country or with an organization of
// that country.  Contacts are all people linked to the official by any
// relationship (MET_WITH, MEETING_REFUSED, ...), strongest first, as maps
// {name, country, relations (types), weight (summed)}; [] when none.
MATCH (c:Country)
WHERE c.name = $country OR c.iso_code = toUpper($country) OR $country IN c.aliases OR c.id = $country
MATCH (p:Person)
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(org)
WITH c, p, collect(org) AS orgs
WHERE p.country = c.iso_code OR any(o IN orgs WHERE o.id = c.id OR o.country = c.iso_code)
OPTIONAL MATCH (p)-[m]-(contact:Person)
WITH p, contact, collect(DISTINCT type(m)) AS relations, sum(m.weight) AS weight
ORDER BY weight DESC, contact.name
WITH p, collect(CASE WHEN contact IS NULL THEN null
                     ELSE {name: contact.name, country: contact.country, relations: relations, weight: weight}
                END) AS contacts
RETURN p.name AS official, p.role AS role, contacts
ORDER BY official
