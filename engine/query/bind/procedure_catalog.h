// The built-in procedures (CALL name(args) YIELD ...): their signatures. The
// implementations are in execute/procedures.cpp (db.*) and execute/algo_procedures.cpp
// (algo.*, over engine/graph/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::query {

struct ProcedureInfo {
    std::string name;  // as documented, e.g. "db.labels"
    size_t minArgs;    // trailing arguments beyond minArgs are optional
    size_t maxArgs;
    std::vector<std::string> outputs;  // the YIELD fields, in order
    std::string signature;             // e.g. "algo.pageRank(options = {}) :: (node, score)"
    std::string description;           // one line
};

// Case-insensitive lookup; nullptr when there is no such procedure.
const ProcedureInfo* findProcedure(std::string_view name);
// Every procedure, in name order.
const std::vector<ProcedureInfo>& allProcedures();

}  // namespace kgraph::query
