// The nodes within `depth` relationships of a start node (breadth-first over the Boost CSR
// graph), each with its distance in hops; the start node itself at distance 0. Ordered by
// distance, then by node id.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

std::vector<std::pair<Vertex, int64_t>> neighborhood(const GraphSnapshot& g, Vertex start,
                                                     int64_t depth, Direction direction);

}  // namespace kgraph::graph
