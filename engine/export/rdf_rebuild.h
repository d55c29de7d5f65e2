// Rebuilding a graph from kgraph's own RDF (`kgraph export --format nt|nq`).
//
// The export names nodes <BASE entity/LABEL/NAME> and <BASE doc/ID>, writes
// their rdf:type, rdfs:label, skos:altLabel and <BASE prop/KEY> literals, and
// reifies each fact with properties or mentions as <BASE fact/EDGEID>. The
// rebuild reads all of that back: nodes are created in order of first
// appearance (the export's node id order), facts in statement order, each
// reified fact with the relationship id its IRI names when the store can
// still give it (ids are only ever allocated upward, so into an empty
// database the ids come out the same), so a new export gives the same bytes.
// Statements outside the vocabulary still work: facts between other IRIs
// take rdf:type / rdfs:label as `import --format nt` always did; other
// literals are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::exporter {

// One parsed statement: IRIs without <>, literals with their quotes and
// suffix (as written), blank nodes as _:x.
struct RdfStatement {
    std::string subject, predicate, object;
};

// The base IRI of kgraph's vocabulary when some statement types an
// <BASE entity/...> or <BASE doc/...> with <BASE type/...>; else nullopt.
std::optional<std::string> kgraphBaseIri(const std::vector<RdfStatement>& statements);

struct RebuildCounts {
    uint64_t facts = 0, documents = 0;
};

class EntityResolver;

// Writes the graph the statements describe in one transaction. An entity
// the `resolver` (if given) finds in the database, with the same label, is
// added to rather than repeated; so is a document with the same id. Every
// document that a recreated mention names gets its record
// (import_documents.h), so the result passes `kgraph check`.
RebuildCounts rebuildFromRdf(storage::GraphStore& store,
                             const std::vector<RdfStatement>& statements, const std::string& base,
                             EntityResolver* resolver = nullptr);

// Helpers shared with the plain N-Triples import.
std::string percentDecode(std::string_view s);
// The last '/', '#' or ':' segment of an IRI, percent-decoded.
std::string lastSegment(const std::string& iri);
// The text of a literal term ("..."[@lang|^^<dt>]), escapes resolved.
std::string literalText(const std::string& term);

}  // namespace kgraph::exporter
