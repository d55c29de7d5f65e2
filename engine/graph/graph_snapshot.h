// GraphSnapshot: a compact, immutable copy of (a projection of) the graph, in the form the
// algorithms of Boost.Graph work on.
//
// Vertices are the projected nodes in ascending node-id order: vertex v is node nodeId(v).
// directed() is a Boost compressed_sparse_row_graph with one edge per relationship, src -> dst
// (parallel relationships and self-loops kept); a vertex's out-edges come in the store's
// adjacency order. Edge e (its index, boost::edge_index) is relationship edgeId(e).
// undirected() is the same relationships seen from both ends: one edge per end (a self-loop
// once), each carrying the directed edge it stands for; it is built on first use.
//
// Memory: 16 bytes per relationship and 12 to 28 per node for directed(), 9 more bytes per
// relationship end for undirected(). Limit: 2^32 - 1 nodes and relationships (Error beyond).
// Thread-safety: may be shared by threads; undirected() builds under a lock.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/graph/projection.h"
#include "storage/graph_store.h"

namespace kgraph::graph {

using Vertex = uint32_t;
using EdgeIndex = uint32_t;
using Csr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, Vertex, EdgeIndex>;

// The store's direction: one enum for storage, the planner and the algorithms.
using storage::Direction;

class GraphSnapshot {
public:
    // Reads the projection of the graph `view` sees: one scan of the projected nodes and one
    // adjacency scan per node.
    GraphSnapshot(storage::GraphView& view, const Projection& projection);

    size_t vertexCount() const { return nodeIds_.size(); }
    size_t edgeCount() const { return edgeIds_.size(); }
    storage::NodeId nodeId(Vertex v) const { return nodeIds_[v]; }
    // std::nullopt when the node is not in the projection.
    std::optional<Vertex> vertexOf(storage::NodeId id) const;

    const Csr& directed() const { return directed_; }
    storage::EdgeId edgeId(EdgeIndex e) const { return edgeIds_[e]; }
    Vertex source(EdgeIndex e) const { return sources_[e]; }
    Vertex target(EdgeIndex e) const { return directed_.m_forward.m_column[e]; }

    struct Undirected {
        Csr graph;
        std::vector<EdgeIndex> directedEdge;  // per undirected edge index
        std::vector<bool> forward;            // the edge leaves its source as in directed()
    };
    const Undirected& undirected() const;

    // Calls fn(neighbour, directed edge index) for each relationship at `v` in direction
    // `dir` (a self-loop counts as outgoing and incoming), in adjacency order.
    template <class Fn>
    void forEachNeighbor(Vertex v, Direction dir, Fn&& fn) const {
        // The CSR arrays directly: edge i of vertex v is at rowstart[v] + i.
        if (dir == Direction::Outgoing) {
            const auto& f = directed_.m_forward;
            for (EdgeIndex e = f.m_rowstart[v]; e < f.m_rowstart[v + 1]; ++e) fn(f.m_column[e], e);
            return;
        }
        const Undirected& u = undirected();
        const auto& f = u.graph.m_forward;
        for (EdgeIndex i = f.m_rowstart[v]; i < f.m_rowstart[v + 1]; ++i) {
            Vertex w = f.m_column[i];
            if (dir == Direction::Incoming && u.forward[i] && w != v) continue;
            fn(w, u.directedEdge[i]);
        }
    }

    // Approximate bytes held (both graphs if undirected() was built).
    size_t memoryBytes() const;

private:
    std::vector<storage::NodeId> nodeIds_;
    // vertexOf() by direct lookup when node ids are dense (at most 4 ids per vertex):
    // denseIndex_[id - nodeIds_.front()] is the vertex or kNoVertex. Empty otherwise.
    std::vector<Vertex> denseIndex_;
    static constexpr Vertex kNoVertex = ~Vertex{0};
    std::vector<storage::EdgeId> edgeIds_;
    std::vector<Vertex> sources_;
    Csr directed_;
    mutable std::once_flag undirectedOnce_;
    mutable std::optional<Undirected> undirected_;
};

}  // namespace kgraph::graph
