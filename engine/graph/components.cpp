#include "engine/graph/components.h"

#include <boost/graph/strong_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <limits>

namespace kgraph::graph {

namespace {

// Component numbers (any labelling) -> the smallest node id of each component. Vertices are
// in node-id order, so the first vertex met of a component is its smallest.
std::vector<storage::NodeId> bySmallestMember(const GraphSnapshot& g,
                                              const std::vector<Vertex>& component) {
    constexpr Vertex kUnset = std::numeric_limits<Vertex>::max();
    std::vector<Vertex> first(component.size(), kUnset);
    std::vector<storage::NodeId> out(component.size());
    for (Vertex v = 0; v < component.size(); ++v) {
        Vertex& f = first[component[v]];
        if (f == kUnset) f = v;
        out[v] = g.nodeId(f);
    }
    return out;
}

}  // namespace

std::vector<storage::NodeId> weaklyConnectedComponents(const GraphSnapshot& g) {
    const size_t n = g.vertexCount();
    std::vector<Vertex> rank(n, 0), parent(n);
    // Property maps of Boost types: with raw pointers, disjoint_sets' unqualified get() would
    // find the CSR graph's boost::detail::get() instead of the pointer one.
    using Map =
        boost::iterator_property_map<std::vector<Vertex>::iterator, boost::identity_property_map>;
    boost::disjoint_sets<Map, Map> sets(Map(rank.begin(), {}), Map(parent.begin(), {}));
    for (Vertex v = 0; v < n; ++v) sets.make_set(v);
    for (EdgeIndex e = 0; e < g.edgeCount(); ++e) sets.union_set(g.source(e), g.target(e));
    std::vector<Vertex> component(n);
    for (Vertex v = 0; v < n; ++v) component[v] = sets.find_set(v);
    return bySmallestMember(g, component);
}

std::vector<storage::NodeId> stronglyConnectedComponents(const GraphSnapshot& g) {
    std::vector<Vertex> component(g.vertexCount());
    if (!component.empty()) {
        boost::strong_components(
            g.directed(), boost::make_iterator_property_map(
                              component.begin(), boost::get(boost::vertex_index, g.directed())));
    }
    return bySmallestMember(g, component);
}

}  // namespace kgraph::graph
