#include "engine/graph/graph_snapshot.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <unordered_set>

#include "engine/common/error.h"

namespace kgraph::graph {

namespace {

constexpr uint64_t kMaxCount = std::numeric_limits<uint32_t>::max();

void checkSize(uint64_t n, const char* what) {
    if (n >= kMaxCount) {
        throw Error(std::string("the graph has too many ") + what +
                    " for the algorithms (at most 4294967294); run on a projection "
                    "{labels: [...], relationshipTypes: [...]}");
    }
}

std::vector<storage::NodeId> labelled(storage::GraphView& view,
                                      const std::vector<std::string>& labels) {
    std::vector<storage::NodeId> ids;
    for (const auto& label : labels) {
        view.scanLabel(label, [&](storage::NodeId id) {
            ids.push_back(id);
            return true;
        });
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::vector<storage::NodeId> projectedNodes(storage::GraphView& view, const Projection& p) {
    std::vector<storage::NodeId> ids;
    if (p.labels.empty()) {
        ids.reserve(view.nodeCount());
        view.scanNodes([&](storage::NodeId id) {
            ids.push_back(id);
            return true;
        });  // already in id order
    } else {
        ids = labelled(view, p.labels);
    }
    if (!p.excludeLabels.empty()) {
        auto excluded = labelled(view, p.excludeLabels);
        std::vector<storage::NodeId> kept;
        kept.reserve(ids.size());
        std::set_difference(ids.begin(), ids.end(), excluded.begin(), excluded.end(),
                            std::back_inserter(kept));
        ids = std::move(kept);
    }
    return ids;
}

}  // namespace

GraphSnapshot::GraphSnapshot(storage::GraphView& view, const Projection& projection)
    : nodeIds_(projectedNodes(view, projection)) {
    checkSize(nodeIds_.size(), "nodes");
    if (!nodeIds_.empty() && nodeIds_.back() - nodeIds_.front() < 4 * nodeIds_.size()) {
        denseIndex_.assign(nodeIds_.back() - nodeIds_.front() + 1, kNoVertex);
        for (Vertex v = 0; v < nodeIds_.size(); ++v)
            denseIndex_[nodeIds_[v] - nodeIds_.front()] = v;
    }
    bool allTypes = projection.relationshipTypes.empty();
    std::unordered_set<storage::TokenId> types;
    for (const auto& t : projection.relationshipTypes) {
        if (auto id = view.tokenId(t)) types.insert(*id);
    }
    std::vector<std::pair<Vertex, Vertex>> edges;
    if (allTypes && projection.labels.empty() && projection.excludeLabels.empty()) {
        edges.reserve(view.edgeCount());
        edgeIds_.reserve(view.edgeCount());
    }
    for (Vertex v = 0; v < nodeIds_.size(); ++v) {
        view.expand(nodeIds_[v], storage::Direction::Outgoing, std::nullopt,
                    [&](const storage::Adjacent& a) {
                        if (!allTypes && !types.count(a.type)) return true;
                        auto w = vertexOf(a.neighbor);
                        if (!w) return true;
                        edges.emplace_back(v, *w);
                        edgeIds_.push_back(a.edge);
                        return true;
                    });
    }
    checkSize(edges.size(), "relationships");
    sources_.reserve(edges.size());
    for (const auto& e : edges) sources_.push_back(e.first);
    // Sources ascend because vertices were expanded in order.
    directed_ = Csr(boost::edges_are_sorted, edges.begin(), edges.end(),
                    static_cast<Vertex>(nodeIds_.size()));
}

std::optional<Vertex> GraphSnapshot::vertexOf(storage::NodeId id) const {
    if (!denseIndex_.empty()) {
        if (id < nodeIds_.front() || id - nodeIds_.front() >= denseIndex_.size())
            return std::nullopt;
        Vertex v = denseIndex_[id - nodeIds_.front()];
        if (v == kNoVertex) return std::nullopt;
        return v;
    }
    auto it = std::lower_bound(nodeIds_.begin(), nodeIds_.end(), id);
    if (it == nodeIds_.end() || *it != id) return std::nullopt;
    return static_cast<Vertex>(it - nodeIds_.begin());
}

const GraphSnapshot::Undirected& GraphSnapshot::undirected() const {
    std::call_once(undirectedOnce_, [this] {
        size_t n = vertexCount();
        size_t m = edgeCount();
        // Counting sort by the end the edge is seen from: a vertex's out-edges first (in
        // directed order), then its in-edges (in directed order).
        std::vector<EdgeIndex> start(n + 1, 0);
        for (EdgeIndex e = 0; e < m; ++e) {
            ++start[sources_[e] + 1];
            if (target(e) != sources_[e]) ++start[target(e) + 1];
        }
        for (size_t v = 0; v < n; ++v) start[v + 1] += start[v];
        size_t total = start[n];
        checkSize(total, "relationship ends");
        std::vector<std::pair<Vertex, Vertex>> ends(total);
        Undirected u;
        u.directedEdge.resize(total);
        u.forward.resize(total);
        std::vector<EdgeIndex> next(start.begin(), start.end() - 1);
        for (EdgeIndex e = 0; e < m; ++e) {
            Vertex s = sources_[e];
            EdgeIndex k = next[s]++;
            ends[k] = {s, target(e)};
            u.directedEdge[k] = e;
            u.forward[k] = true;
        }
        for (EdgeIndex e = 0; e < m; ++e) {
            Vertex t = target(e);
            if (t == sources_[e]) continue;
            EdgeIndex k = next[t]++;
            ends[k] = {t, sources_[e]};
            u.directedEdge[k] = e;
            u.forward[k] = false;
        }
        u.graph = Csr(boost::edges_are_sorted, ends.begin(), ends.end(), static_cast<Vertex>(n));
        undirected_ = std::move(u);
    });
    return *undirected_;
}

size_t GraphSnapshot::memoryBytes() const {
    size_t bytes =
        nodeIds_.capacity() * sizeof(storage::NodeId) + denseIndex_.capacity() * sizeof(Vertex) +
        edgeIds_.capacity() * sizeof(storage::EdgeId) + sources_.capacity() * sizeof(Vertex) +
        (vertexCount() + 1 + edgeCount()) * sizeof(uint32_t);
    if (undirected_) {
        size_t ends = undirected_->directedEdge.size();
        bytes += (vertexCount() + 1 + 2 * ends) * sizeof(uint32_t) + ends / 8;
    }
    return bytes;
}

}  // namespace kgraph::graph
