// Connected components. Each node gets the id of its component: the smallest node id
// (storage id) in it, so that ids do not depend on traversal order and stay the same across
// runs and projections that keep the component whole.
//   weak:   relationships joined regardless of direction (union-find, Boost disjoint_sets);
//   strong: every node reaches every other one along relationship directions (Tarjan,
//           boost::strong_components).
#pragma once

#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

std::vector<storage::NodeId> weaklyConnectedComponents(const GraphSnapshot& g);
std::vector<storage::NodeId> stronglyConnectedComponents(const GraphSnapshot& g);

}  // namespace kgraph::graph
