// Example queries over the graph built from the sample articles
// (kgraph build samples/ --db news.kg; kgraph shell --db news.kg < samples/queries.cypher).

// The documents, with their titles and publication dates.
MATCH (d:Document) RETURN d.id AS document, d.title AS title, d.published AS published ORDER BY document;

// How many entities of each type.
MATCH (e) WHERE NOT e:Document RETURN labels(e)[0] AS label, count(*) AS entities ORDER BY entities DESC, label;

// The most mentioned entities.
MATCH (e) WHERE e.mentions IS NOT NULL RETURN e.name AS entity, labels(e)[0] AS label, e.mentions AS mentions
ORDER BY mentions DESC, entity LIMIT 10;

// What is said about Kazakhstan, and by how many sentences.
MATCH (a)-[r]->(k {name: 'Kazakhstan'}) WHERE type(r) <> 'MENTIONED_IN'
RETURN a.name AS subject, type(r) AS relation, r.predicate AS predicate, r.mentions AS mentions
ORDER BY mentions DESC, subject, relation LIMIT 10;

// Who supports whom: one relationship type, whatever verb the text used.
MATCH (a)-[r:supports]->(b) RETURN a.name AS supporter, b.name AS supported, r.predicate AS predicate, r.mentions AS mentions
ORDER BY mentions DESC, supporter, supported;
