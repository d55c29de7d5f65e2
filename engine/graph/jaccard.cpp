#include "engine/graph/jaccard.h"

#include <algorithm>
#include <unordered_map>

namespace kgraph::graph {

namespace {

Direction reversed(Direction d) {
    if (d == Direction::Outgoing) return Direction::Incoming;
    if (d == Direction::Incoming) return Direction::Outgoing;
    return Direction::Both;
}

std::vector<Vertex> distinctNeighbours(const GraphSnapshot& g, Vertex v, Direction dir) {
    std::vector<Vertex> out;
    g.forEachNeighbor(v, dir, [&](Vertex w, EdgeIndex) {
        if (w != v) out.push_back(w);
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::vector<std::pair<Vertex, double>> jaccard(const GraphSnapshot& g, Vertex node, size_t limit,
                                               Direction direction) {
    std::vector<Vertex> mine = distinctNeighbours(g, node, direction);
    // b shares neighbour u with `node` when u is in N(b): b is a neighbour of u the other way.
    std::unordered_map<Vertex, size_t> shared;
    for (Vertex u : mine) {
        for (Vertex b : distinctNeighbours(g, u, reversed(direction))) {
            if (b != node) ++shared[b];
        }
    }
    std::vector<std::pair<Vertex, double>> out;
    out.reserve(shared.size());
    for (const auto& [b, common] : shared) {
        size_t theirs = distinctNeighbours(g, b, direction).size();
        double unionSize = static_cast<double>(mine.size() + theirs - common);
        out.emplace_back(b, static_cast<double>(common) / unionSize);
    }
    auto better = [](const auto& x, const auto& y) {
        return x.second != y.second ? x.second > y.second : x.first < y.first;
    };
    if (out.size() > limit) {
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(),
                          better);
        out.resize(limit);
    } else {
        std::sort(out.begin(), out.end(), better);
    }
    return out;
}

}  // namespace kgraph::graph
