// N-Triples and N-Quads export of the knowledge graph (W3C RDF 1.1).
// The triples are those of rdf_model.h.
#pragma once

#include <cstdint>
#include <ostream>

#include "engine/export/rdf_model.h"

namespace kgraph::exporter {

// Returns the number of triples written.
uint64_t writeNTriples(storage::GraphView& graph, std::ostream& out,
                       const NTriplesOptions& options = {});
// N-Quads: the graph name of a fact is its source document. Returns the number of quads.
uint64_t writeNQuads(storage::GraphView& graph, std::ostream& out,
                     const NTriplesOptions& options = {});

}  // namespace kgraph::exporter
