// Betweenness centrality (Brandes, boost::brandes_betweenness_centrality): for each node, the
// sum over pairs (s, t) of the share of shortest s-t paths that pass through it.
// Shortest paths count hops between nodes, so parallel relationships are one link and
// self-loops none. `directed`: paths follow relationship directions and every ordered pair
// counts; otherwise paths ignore directions and every unordered pair counts once (both as
// networkx.betweenness_centrality). `normalized` divides by the number of pairs that could
// pass through a node: (n-1)(n-2) directed, (n-1)(n-2)/2 undirected.
// Cost: O(nodes * relationships) time; for large graphs run it on a projection.
#pragma once

#include <functional>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

struct BetweennessOptions {
    bool directed = false;
    bool normalized = false;
    // Called before each source's shortest-path search (n times): throws to stop a long run
    // (the query engine's Ctrl-C and timeout). Empty: never stopped.
    std::function<void()> checkCancelled;
};

std::vector<double> betweenness(const GraphSnapshot& g, const BetweennessOptions& options);

}  // namespace kgraph::graph
