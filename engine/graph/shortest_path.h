// Shortest path between two vertices (Dijkstra, boost::dijkstra_shortest_paths, stopped as
// soon as the target is settled). Without a weight every relationship costs 1.
// `direction`: Outgoing follows relationships src -> dst, Incoming dst -> src, Both either.
// When several paths are shortest, one of them is returned, the same one on every run over
// the same snapshot.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

struct PathResult {
    std::vector<Vertex> vertices;  // source first, target last
    std::vector<EdgeIndex> edges;  // directed edge indexes; edges[i] joins vertices i, i+1
    double cost = 0;
};

// `weight` maps a directed edge index to its cost (must be >= 0; it may throw kgraph::Error);
// it is called at most once per relationship reached. An empty function is the unit cost.
// std::nullopt when the target cannot be reached.
std::optional<PathResult> shortestPath(const GraphSnapshot& g, Vertex source, Vertex target,
                                       Direction direction,
                                       const std::function<double(EdgeIndex)>& weight);

}  // namespace kgraph::graph
