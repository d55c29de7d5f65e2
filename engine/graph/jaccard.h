// Jaccard similarity of one node to the others: |N(a) ∩ N(b)| / |N(a) ∪ N(b)|, where N(x) is
// the set of distinct neighbours of x in `direction` (x itself left out). Only nodes sharing
// at least one neighbour are returned: the `limit` most similar, by similarity descending,
// then node id ascending.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

std::vector<std::pair<Vertex, double>> jaccard(const GraphSnapshot& g, Vertex node, size_t limit,
                                               Direction direction);

}  // namespace kgraph::graph
