// The built-in procedures (CALL name(args) YIELD ...): one table row per procedure
// (execute/procedures.cpp) with its signature, its outputs and its implementation. The binder
// resolves a CALL to its row once (ast::Clause::procedureInfo) and checks the arguments and
// YIELD fields against it; ProcedureCallOp runs the row's implementation. The db.*
// procedures are in execute/procedures.cpp, the algo.* ones in execute/algo_procedures.cpp.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/execute/context.h"

namespace kgraph::query {

struct ProcedureInfo;

// One output row: field name -> value.
using ProcedureRow = std::map<std::string, Value>;
// Receives one row; returns false to stop.
using ProcedureSink = std::function<bool(ProcedureRow&)>;
// A procedure's implementation: `self` is its row (its name for messages), `args` the
// evaluated arguments (as many as the row allows). Throws kgraph::Error on bad arguments.
using ProcedureFunction = void (*)(const ProcedureInfo& self, const std::vector<Value>& args,
                                   ExecContext& ctx, const ProcedureSink& emit);

struct ProcedureInfo {
    std::string name;  // as documented, e.g. "db.labels"; calls match it ignoring case
    size_t minArgs;    // trailing arguments beyond minArgs are optional
    size_t maxArgs;
    std::vector<std::string> outputs;  // the YIELD fields, in order
    std::string signature;             // e.g. "algo.pageRank(options = {}) :: (node, score)"
    std::string description;           // one line
    ProcedureFunction run;
};

// Case-insensitive lookup; nullptr when there is no such procedure.
const ProcedureInfo* findProcedure(std::string_view name);
// Every procedure, in name order.
const std::vector<ProcedureInfo>& allProcedures();

}  // namespace kgraph::query
