// N-Triples export of the knowledge graph (W3C RDF 1.1 N-Triples).
//
// Entities become IRIs <BASE entity/LABEL/NAME> (percent-encoded), typed with
// rdf:type <BASE type/LABEL> and named with rdfs:label; each fact becomes the
// triple <subject> <BASE rel/TYPE> <object>; documents become <BASE doc/ID>
// with their title as rdfs:label. MENTIONED_IN provenance edges are not
// exported as triples. Output order follows node and relationship ids, so the
// same database always gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct NTriplesOptions {
    // Prefix of every minted IRI. Default: "urn:kgraph:".
    std::string baseIri = "urn:kgraph:";
};

// Returns the number of triples written.
uint64_t writeNTriples(storage::GraphView& graph, std::ostream& out, const NTriplesOptions& options = {});

// Escapes for an N-Triples string literal body.
std::string escapeLiteral(std::string_view s);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string encodeIriPart(std::string_view s);

}  // namespace kgraph::exporter
