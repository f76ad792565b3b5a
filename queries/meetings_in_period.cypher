// Who met whom between two dates, as rows and as a graph Neo4j Browser draws.
//
// Parameters:
//   $since  first day, "YYYY-MM-DD" (e.g. "2024-05-01")
//   $until  last day, "YYYY-MM-DD" (e.g. "2024-06-30")
//
// Uses the native DATE values the export stores.  A meeting's own dates are
// periods with their precision (`dates`: "2024-04-11/2024-04-20" for
// mid-April, "2024-09" for September), whose first and last days are in
// `date_starts` and `date_ends`, in the same order: a meeting counts when one
// of its periods overlaps the period asked for, or, when it has none, when it
// was seen (first_seen..last_seen: publication dates of its articles) in it.
// Returns person, met, dates (its periods that overlap) and `path` for Browser.
WITH date($since) AS since, date($until) AS until
MATCH path = (p:Person)-[r:MET_WITH]->(other:Person)
WITH path, p, other, r, since, until, coalesce(r.dates, []) AS dates,
     coalesce(r.date_starts, []) AS starts, coalesce(r.date_ends, []) AS ends
WITH path, p, other, r, since, until, dates,
     [i IN range(0, size(dates) - 1) WHERE starts[i] <= until AND ends[i] >= since | dates[i]] AS inside
WHERE size(inside) > 0
   OR (size(dates) = 0 AND r.first_seen <= until AND r.last_seen >= since)
RETURN p.name AS person, other.name AS met, inside AS dates, path
ORDER BY person, met
