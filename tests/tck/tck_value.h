// The TCK's notation for expected values, parsed into a structure and compared with the
// engine's query::Value: nodes (:L {k: v}) by labels and properties, relationships [:T {k: v}]
// by type and properties, paths <(a)-[:T]->(b)> by their elements and directions, maps
// unordered by key, floats numerically (1.0E-305 == 1e-305), integers and floats distinct.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/query/value.h"

namespace kgraph::tck {

struct Expected {
    enum class Kind {
        Null,
        Bool,
        Int,
        Float,
        String,
        List,
        Map,
        Node,
        Rel,
        Path
    } kind = Kind::Null;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;                          // string value; relationship type
    std::vector<std::string> labels;        // node labels
    std::vector<Expected> items;            // list items; path: node, rel, node, ...
    std::map<std::string, Expected> props;  // map entries; node/relationship properties
    std::vector<bool> forward;              // path: direction of each relationship
};

// Parses one table cell. Throws kgraph::Error if the text is not in the TCK's notation.
Expected parseExpected(const std::string& text);

// True if `actual` matches `want`; with `unorderedLists`, list elements may be in any order.
bool matches(const Expected& want, const query::Value& actual, bool unorderedLists);

}  // namespace kgraph::tck
