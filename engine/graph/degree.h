// Degree centrality: the number of relationships at each node in a direction. Parallel
// relationships count once each; a self-loop counts once outgoing, once incoming and twice
// for Both (as NetworkX's degree does).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

std::vector<uint64_t> degrees(const GraphSnapshot& g, Direction dir);

}  // namespace kgraph::graph
