// The evidence behind the relationship(s) between two entities.
//
// Parameters:
//   $from  name, alias or id of one entity (person, country, organization)
//   $to    name, alias or id of the other entity
//   $type  relationship type such as "MET_WITH", or null for every type
//
// Either direction matches; MENTIONED_IN links to articles are left out.
// Returns one row per relationship: source, type, target (as stored, i.e.
// with its direction), evidence (sentences), said_by (the article_id of the
// article that says each sentence, in the same order), weight, confidence, dates, and
// articles ({id, title, url, published}, unordered): the Article nodes whose
// article_id (or id) is listed in the relationship's `articles`.
MATCH (a:Entity) WHERE a.name = $from OR $from IN a.aliases OR a.id = $from
MATCH (b:Entity) WHERE b.name = $to OR $to IN b.aliases OR b.id = $to
MATCH (a)-[r]-(b)
WHERE ($type IS NULL OR type(r) = $type) AND type(r) <> 'MENTIONED_IN'
WITH DISTINCT r
OPTIONAL MATCH (art:Article) WHERE art.article_id IN r.articles OR art.id IN r.articles
WITH r, collect(art {.id, .title, .url, .published}) AS articles
RETURN startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.evidence_articles AS said_by, r.weight AS weight, r.confidence AS confidence, r.dates AS dates, articles
ORDER BY type, source
