// The algo.* procedures: argument and option checking, and the conversion of
// engine/graph/ results into rows of node, path and number values.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/query/execute/context.h"

namespace kgraph::query {

using ProcedureRow = std::map<std::string, Value>;
// Receives one row; returns false to stop.
using ProcedureSink = std::function<bool(ProcedureRow&)>;

// Runs algo.<name> (name lower-cased). Returns false if there is no such algo procedure.
// Throws kgraph::Error on bad arguments or options, naming the valid ones.
bool callAlgoProcedure(const std::string& lowerName, const std::vector<Value>& args,
                       ExecContext& ctx, const ProcedureSink& emit);

}  // namespace kgraph::query
