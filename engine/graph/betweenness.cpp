#include "engine/graph/betweenness.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>

namespace kgraph::graph {

namespace {

// Boost's breadth-first search of one Brandes source, after a cancellation check.
struct CancellableBfs {
    const std::function<void()>& check;
    template <class G, class Stack, class In, class D, class P, class I>
    void operator()(const G& g, typename boost::graph_traits<G>::vertex_descriptor s,
                    Stack& ordered, In in, D d, P p, I i) {
        if (check) check();
        boost::detail::graph::brandes_unweighted_shortest_paths()(g, s, ordered, in, d, p, i);
    }
};

}  // namespace

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
    // Boost's own loop over sources (brandes_betweenness_centrality_impl), with the per-source
    // breadth-first search wrapped so that a cancelled query stops within one source.
    using Traits = boost::graph_traits<Csr>;
    auto index = boost::get(boost::vertex_index, simple);
    std::vector<std::vector<Traits::edge_descriptor>> incoming(n);
    std::vector<Traits::degree_size_type> distance(n), pathCount(n);
    std::vector<double> dependency(n);
    boost::detail::graph::brandes_betweenness_centrality_impl(
        simple, boost::make_iterator_property_map(score.begin(), index),
        boost::dummy_property_map(), boost::make_iterator_property_map(incoming.begin(), index),
        boost::make_iterator_property_map(distance.begin(), index),
        boost::make_iterator_property_map(dependency.begin(), index),
        boost::make_iterator_property_map(pathCount.begin(), index), index,
        CancellableBfs{options.checkCancelled});
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
