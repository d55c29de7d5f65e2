// CSV export with the header conventions of `neo4j-admin database import`
// (also accepted by Kùzu's COPY FROM once the type suffixes are mapped):
//   nodes.csv          :ID,:LABEL,KEY:TYPE,...     (labels joined by ';')
//   relationships.csv  :START_ID,:END_ID,:TYPE,KEY:TYPE,...
// TYPE is string, long, double, boolean or string[] (elements joined by ';').
// Fields are quoted (RFC 4180) when they contain a comma, quote, ';' or newline.
#pragma once

#include <cstdint>
#include <ostream>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct CsvCounts {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
};

// Writes every node to `nodes` and every relationship to `relationships`.
CsvCounts writeCsv(storage::GraphView& graph, std::ostream& nodes, std::ostream& relationships);

}  // namespace kgraph::exporter
