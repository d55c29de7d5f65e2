#include "engine/graph/projection.h"

#include <algorithm>

namespace kgraph::graph {

namespace {

std::string joined(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string out;
    for (const auto& n : names) {
        // Length-prefixed, so that no name can imitate a separator.
        out += std::to_string(n.size()) + ':' + n;
    }
    return out;
}

}  // namespace

std::string Projection::key() const {
    return "L" + joined(labels) + "|T" + joined(relationshipTypes) + "|X" + joined(excludeLabels);
}

}  // namespace kgraph::graph
