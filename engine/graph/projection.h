// Projection: the part of the graph an algorithm runs on.
//
// Nodes carrying at least one of `labels` (every node when empty) but none of
// `excludeLabels`, and the relationships of one of `relationshipTypes` (every type when
// empty) whose two ends are both projected nodes. Names that the database does not know
// select nothing, as in MATCH.
#pragma once

#include <string>
#include <vector>

namespace kgraph::graph {

struct Projection {
    std::vector<std::string> labels;
    std::vector<std::string> relationshipTypes;
    // The algo.* procedures leave Document nodes (and so MENTIONED_IN) out unless asked.
    std::vector<std::string> excludeLabels;

    // A canonical text of the projection (sorted, duplicates removed): equal for projections
    // that select the same subgraph by the same names. Used as a cache key.
    std::string key() const;
};

}  // namespace kgraph::graph
