// Who met whom between two dates, as rows and as a graph Neo4j Browser draws.
//
// Parameters:
//   $since  first day, "YYYY-MM-DD" (e.g. "2024-05-01")
//   $until  last day, "YYYY-MM-DD" (e.g. "2024-06-30")
//
// Uses the native DATE values the export stores: a meeting counts when one of
// its own `dates` falls in the period, or, when it has none, when it was seen
// (first_seen..last_seen: publication dates of its articles) in the period.
// Returns person, met, dates (those in the period) and `path` for Browser.
WITH date($since) AS since, date($until) AS until
MATCH path = (p:Person)-[r:MET_WITH]->(other:Person)
WITH path, p, other, r, since, until, [d IN coalesce(r.dates, []) WHERE d >= since AND d <= until] AS inside
WHERE size(inside) > 0
   OR (size(coalesce(r.dates, [])) = 0 AND r.first_seen <= until AND r.last_seen >= since)
RETURN p.name AS person, other.name AS met, inside AS dates, path
ORDER BY person, met
