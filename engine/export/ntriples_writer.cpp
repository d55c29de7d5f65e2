#include "engine/export/ntriples_writer.h"

namespace kgraph::exporter {

namespace {

uint64_t writeStatements(storage::GraphView& graph, std::ostream& out,
                         const NTriplesOptions& options, bool quads) {
    uint64_t count = 0;
    forEachQuad(graph, options, [&](const Quad& q) {
        out << q.subject << ' ' << q.predicate << ' ' << q.object;
        if (quads && !q.graph.empty()) out << ' ' << q.graph;
        out << " .\n";
        ++count;
    });
    return count;
}

}  // namespace

uint64_t writeNTriples(storage::GraphView& graph, std::ostream& out,
                       const NTriplesOptions& options) {
    return writeStatements(graph, out, options, false);
}

uint64_t writeNQuads(storage::GraphView& graph, std::ostream& out, const NTriplesOptions& options) {
    return writeStatements(graph, out, options, true);
}

}  // namespace kgraph::exporter
