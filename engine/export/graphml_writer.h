// GraphML export (for Gephi, NetworkX, yEd): every node and relationship,
// nodes "n<ID>", edges "e<ID>", with typed <key>s: "labels" and "type" as
// strings, and one key per property with attr.type string, long, double or
// boolean (lists and maps as JSON text). Output follows ids: deterministic.
#pragma once

#include <cstdint>
#include <ostream>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct GraphCounts {
    uint64_t nodes = 0;
    uint64_t edges = 0;
};

GraphCounts writeGraphml(storage::GraphView& graph, std::ostream& out);

}  // namespace kgraph::exporter
