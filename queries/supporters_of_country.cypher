// Which countries support a given country.
//
// Parameters:
//   $country  name, alias, ISO 3166 alpha-2 code (any case) or id of the
//             supported country (e.g. "China", "PRC", "cn", "country:cn").
//
// Returns one row per supporting country, strongest first: supporter,
// iso_code, weight, confidence, evidence (sentences), articles (ids).
MATCH (c:Country)
WHERE c.name = $country OR c.iso_code = toUpper($country) OR $country IN c.aliases OR c.id = $country
MATCH (s:Country)-[r:SUPPORTS]->(c)
RETURN s.name AS supporter, s.iso_code AS iso_code, r.weight AS weight, r.confidence AS confidence,
       r.evidence AS evidence, r.articles AS articles
ORDER BY weight DESC, supporter
