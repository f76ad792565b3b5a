// Who met whom, how often, and which articles report it.
//
// Parameters:
//   $name  name, alias or id of a person (e.g. "Lloyd Austin", "Austin",
//          "person:lloyd-austin"); null lists every pair of people once.
//
// Returns one row per pair: person, met (the other person), times (the
// relationship weight; the largest if the meeting is stored in both
// directions), article_ids (as stored on the relationship: the article ids
// without the "article:" prefix), and the matching Article nodes as articles
// ({id, title, url}, unordered).
// MET_WITH is symmetric, so the pattern ignores direction.
MATCH (p:Person)
WHERE $name IS NULL OR p.name = $name OR $name IN p.aliases OR p.id = $name
MATCH (p)-[r:MET_WITH]-(other:Person)
WHERE $name IS NOT NULL OR p.id < other.id
WITH p, other, collect(r) AS rels
WITH p, other,
     reduce(m = 0, r IN rels | CASE WHEN r.weight > m THEN r.weight ELSE m END) AS times,
     reduce(acc = [], r IN rels | acc + [x IN r.articles WHERE NOT x IN acc]) AS article_ids
OPTIONAL MATCH (a:Article) WHERE a.article_id IN article_ids OR a.id IN article_ids
WITH p, other, times, article_ids, collect(a {.id, .title, .url}) AS articles
RETURN p.name AS person, other.name AS met, times, article_ids, articles
ORDER BY times DESC, person, met
