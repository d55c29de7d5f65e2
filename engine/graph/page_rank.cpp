#include "engine/graph/page_rank.h"

#include <cmath>

namespace kgraph::graph {

// Boost's page_rank() keeps the rank of dangling nodes out of the iteration (it asks for them
// to be removed first), which answers a different question than NetworkX and Neo4j; this is
// the same power iteration written over the Boost CSR graph, with dangling rank spread evenly.
PageRankResult pageRank(const GraphSnapshot& g, const PageRankOptions& options) {
    PageRankResult result;
    const Csr& csr = g.directed();
    const size_t n = g.vertexCount();
    if (n == 0) {
        result.converged = true;
        return result;
    }
    const double alpha = options.dampingFactor;
    const double inv = 1.0 / static_cast<double>(n);
    std::vector<double> x(n, inv), last(n);
    std::vector<double> outShare(n, 0.0);  // 1 / out-degree, 0 for dangling vertices
    for (Vertex v = 0; v < n; ++v) {
        auto d = boost::out_degree(v, csr);
        if (d > 0) outShare[v] = 1.0 / static_cast<double>(d);
    }
    const auto& rowStart = csr.m_forward.m_rowstart;
    const auto& column = csr.m_forward.m_column;
    for (int it = 0; it < options.iterations; ++it) {
        if (options.checkCancelled) options.checkCancelled();
        x.swap(last);
        double dangling = 0.0;
        for (Vertex v = 0; v < n; ++v) {
            if (outShare[v] == 0.0) dangling += last[v];
            x[v] = 0.0;
        }
        for (Vertex v = 0; v < n; ++v) {
            double share = alpha * last[v] * outShare[v];
            for (EdgeIndex e = rowStart[v]; e < rowStart[v + 1]; ++e) x[column[e]] += share;
        }
        double base = (alpha * dangling + (1.0 - alpha)) * inv;
        double err = 0.0;
        for (Vertex v = 0; v < n; ++v) {
            x[v] += base;
            err += std::fabs(x[v] - last[v]);
        }
        result.iterations = it + 1;
        if (err < static_cast<double>(n) * options.tolerance) {
            result.converged = true;
            break;
        }
    }
    result.scores = std::move(x);
    return result;
}

}  // namespace kgraph::graph
