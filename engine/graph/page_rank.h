// PageRank by power iteration, as NetworkX computes it (networkx.pagerank), so that the
// two agree: every relationship is a link (parallel relationships count once each, a
// self-loop links a node to itself); the rank of a node without outgoing links (dangling)
// is spread evenly over all nodes; each iteration adds (1 - dampingFactor) / n to every
// node. Iteration stops after `iterations` rounds, or earlier when the L1 change of the rank
// vector drops below n * tolerance. Scores sum to 1.
// Deterministic: the same snapshot gives the same bits.
#pragma once

#include <functional>
#include <vector>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

struct PageRankOptions {
    int iterations = 20;
    double dampingFactor = 0.85;
    double tolerance = 1e-6;
    // Called before each round: throws to stop a long run (Ctrl-C, timeout). Empty: never.
    std::function<void()> checkCancelled;
};

struct PageRankResult {
    std::vector<double> scores;  // per vertex
    int iterations = 0;          // rounds run
    bool converged = false;      // stopped by the tolerance
};

PageRankResult pageRank(const GraphSnapshot& g, const PageRankOptions& options);

}  // namespace kgraph::graph
