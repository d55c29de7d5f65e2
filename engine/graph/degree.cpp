#include "engine/graph/degree.h"

namespace kgraph::graph {

std::vector<uint64_t> degrees(const GraphSnapshot& g, Direction dir) {
    const Csr& csr = g.directed();
    std::vector<uint64_t> d(g.vertexCount(), 0);
    if (dir != Direction::Incoming) {
        for (Vertex v = 0; v < d.size(); ++v) d[v] = boost::out_degree(v, csr);
    }
    if (dir != Direction::Outgoing) {
        for (Vertex t : csr.m_forward.m_column) ++d[t];
    }
    return d;
}

}  // namespace kgraph::graph
