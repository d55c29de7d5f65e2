#include "engine/graph/shortest_path.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>

namespace kgraph::graph {

namespace {

using Edge = boost::graph_traits<Csr>::edge_descriptor;

struct TargetSettled {};

// Records the tree edge of every relaxed vertex; stops the search when `target` is settled.
class Visitor : public boost::default_dijkstra_visitor {
public:
    Visitor(Vertex target, std::vector<Edge>& pred) : target_(target), pred_(&pred) {}
    void edge_relaxed(Edge e, const Csr& g) { (*pred_)[boost::target(e, g)] = e; }
    void examine_vertex(Vertex v, const Csr&) {
        if (v == target_) throw TargetSettled{};
    }

private:
    Vertex target_;
    std::vector<Edge>* pred_;
};

// Dijkstra on `csr`, whose edge i stands for directed edge toDirected(i).
template <class ToDirected>
std::optional<PathResult> run(const Csr& csr, ToDirected toDirected, Vertex source, Vertex target,
                              const std::function<double(EdgeIndex)>& weight) {
    const size_t n = boost::num_vertices(csr);
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<Edge> pred(n);
    auto edgeIndex = boost::get(boost::edge_index, csr);
    auto cost = [&](Edge e) -> double {
        return weight ? weight(toDirected(get(edgeIndex, e))) : 1.0;
    };
    auto weightMap = boost::make_function_property_map<Edge, double>(cost);
    if (source != target) {
        try {
            boost::dijkstra_shortest_paths(
                csr, source,
                boost::weight_map(weightMap)
                    .distance_map(boost::make_iterator_property_map(
                        dist.begin(), boost::get(boost::vertex_index, csr)))
                    .distance_inf(std::numeric_limits<double>::infinity())
                    .visitor(Visitor(target, pred)));
        } catch (const TargetSettled&) {
        }
        if (dist[target] == std::numeric_limits<double>::infinity()) return std::nullopt;
    } else {
        dist[target] = 0;
    }
    PathResult path;
    path.cost = dist[target];
    for (Vertex v = target; v != source;) {
        Edge e = pred[v];
        path.vertices.push_back(v);
        path.edges.push_back(toDirected(get(edgeIndex, e)));
        v = boost::source(e, csr);
    }
    path.vertices.push_back(source);
    std::reverse(path.vertices.begin(), path.vertices.end());
    std::reverse(path.edges.begin(), path.edges.end());
    return path;
}

}  // namespace

std::optional<PathResult> shortestPath(const GraphSnapshot& g, Vertex source, Vertex target,
                                       Direction direction,
                                       const std::function<double(EdgeIndex)>& weight) {
    auto same = [](EdgeIndex e) { return e; };
    if (direction == Direction::Outgoing) {
        return run(g.directed(), same, source, target, weight);
    }
    if (direction == Direction::Incoming) {
        // Following relationships backwards from source = forwards from target to source.
        auto path = run(g.directed(), same, target, source, weight);
        if (path) {
            std::reverse(path->vertices.begin(), path->vertices.end());
            std::reverse(path->edges.begin(), path->edges.end());
        }
        return path;
    }
    const auto& u = g.undirected();
    return run(
        u.graph, [&](EdgeIndex e) { return u.directedEdge[e]; }, source, target, weight);
}

}  // namespace kgraph::graph
