#include "engine/graph/neighborhood.h"

#include <algorithm>
#include <unordered_map>

namespace kgraph::graph {

std::vector<std::pair<Vertex, int64_t>> neighborhood(const GraphSnapshot& g, Vertex start,
                                                     int64_t depth, Direction direction) {
    // Distances in a hash map: a small neighbourhood of a large graph stays cheap.
    std::unordered_map<Vertex, int64_t> seen{{start, 0}};
    std::vector<std::pair<Vertex, int64_t>> out{{start, 0}};
    size_t levelBegin = 0;
    for (int64_t d = 1; d <= depth; ++d) {
        size_t levelEnd = out.size();
        if (levelBegin == levelEnd) break;
        for (size_t i = levelBegin; i < levelEnd; ++i) {
            g.forEachNeighbor(out[i].first, direction, [&](Vertex w, EdgeIndex) {
                if (seen.emplace(w, d).second) out.emplace_back(w, d);
            });
        }
        // Vertex order is node-id order.
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(levelEnd), out.end());
        levelBegin = levelEnd;
    }
    return out;
}

}  // namespace kgraph::graph
