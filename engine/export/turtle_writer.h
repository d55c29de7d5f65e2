// Turtle export (W3C RDF 1.1 Turtle): the triples of rdf_model.h with
// prefixes (rdf, rdfs, skos, xsd, and rel/type/prop/doc under the base IRI)
// and the predicates of one subject grouped under it, subjects in order of
// first appearance.
#pragma once

#include <cstdint>
#include <ostream>

#include "engine/export/rdf_model.h"

namespace kgraph::exporter {

// Returns the number of triples written.
uint64_t writeTurtle(storage::GraphView& graph, std::ostream& out,
                     const NTriplesOptions& options = {});

}  // namespace kgraph::exporter
