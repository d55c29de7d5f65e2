#include "engine/graph/betweenness.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>

namespace kgraph::graph {

std::vector<double> betweenness(const GraphSnapshot& g, const BetweennessOptions& options) {
    const size_t n = g.vertexCount();
    // The simple graph: each vertex's distinct neighbours, without itself. Brandes counts
    // paths over edges, and parallel edges would count one node path twice.
    Direction dir = options.directed ? Direction::Outgoing : Direction::Both;
    std::vector<std::pair<Vertex, Vertex>> links;
    std::vector<Vertex> neighbours;
    for (Vertex v = 0; v < n; ++v) {
        neighbours.clear();
        g.forEachNeighbor(v, dir, [&](Vertex w, EdgeIndex) {
            if (w != v) neighbours.push_back(w);
        });
        std::sort(neighbours.begin(), neighbours.end());
        neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
        for (Vertex w : neighbours) links.emplace_back(v, w);
    }
    Csr simple(boost::edges_are_sorted, links.begin(), links.end(), static_cast<Vertex>(n));
    links = {};
    std::vector<double> score(n, 0.0);
    if (n == 0) return score;
    boost::brandes_betweenness_centrality(
        simple, boost::centrality_map(boost::make_iterator_property_map(
                    score.begin(), boost::get(boost::vertex_index, simple))));
    // An undirected link is two directed edges here: every unordered pair was counted twice.
    double scale = options.directed ? 1.0 : 0.5;
    if (options.normalized) {
        double pairs = static_cast<double>(n - 1) * static_cast<double>(n - 2);
        if (!options.directed) pairs /= 2.0;
        scale = n > 2 ? scale / pairs : scale;
    }
    for (double& s : score) s *= scale;
    return score;
}

}  // namespace kgraph::graph
