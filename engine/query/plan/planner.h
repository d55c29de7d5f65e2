// Planner: bound AST -> operator tree.
//
// For each MATCH pattern part it starts from the most selective node — one bound already,
// else one with a `name` given by a constant or parameter (name index), else the label with
// the fewest nodes (label index), else a full scan — and expands outwards with index
// nested-loop joins over the adjacency index. Each WHERE conjunct is applied as soon as the
// variables it reads are bound. Counts come from the store's statistics.
#pragma once

#include "engine/query/execute/operator.h"
#include "engine/query/execute/subplan.h"
#include "engine/query/parse/ast.h"
#include "storage/graph_store.h"

namespace kgraph::query {

struct Plan {
    OperatorPtr root;
    // The sub-plans of the statement's pattern predicates and comprehensions, by expression
    // (ExecContext::patternSubplans points here while the plan runs).
    PatternSubplans patternSubplans;
    std::vector<std::string> columns;
    std::vector<int> columnSlots;  // where each column is in the root's rows
    size_t slotCount = 0;          // row width
};

// REQUIRES: bindStatement() ran on `statement`. The plan points into `statement`, which must
// outlive it; planning does not change it. `stats` is only read for statistics.
Plan planStatement(const ast::Statement& statement, storage::GraphView& stats);

}  // namespace kgraph::query
