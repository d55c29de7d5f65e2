// The built-in procedures (CALL name(args) YIELD ...): their signatures. The
// implementations are in execute/procedures.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::query {

struct ProcedureInfo {
    std::string name;  // as documented, e.g. "db.labels"
    size_t argCount;
    std::vector<std::string> outputs;  // the YIELD fields, in order
};

// Case-insensitive lookup; nullptr when there is no such procedure.
const ProcedureInfo* findProcedure(std::string_view name);

}  // namespace kgraph::query
