// Graphviz DOT export: a digraph of every node (labelled by name, documents
// by title, shape=note) and relationship (labelled by type; MENTIONED_IN
// dotted), in id order.
#pragma once

#include <ostream>

#include "engine/export/graphml_writer.h"  // GraphCounts

namespace kgraph::exporter {

GraphCounts writeDot(storage::GraphView& graph, std::ostream& out);

}  // namespace kgraph::exporter
