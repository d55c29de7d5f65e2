// Query shapes the statistics shortcuts start from (optimize/passes.h).
#pragma once

#include "engine/query/parse/ast.h"

namespace kgraph::query {

// True for exactly `MATCH <one pattern> RETURN ...` with no WHERE, OPTIONAL or RENDER.
inline bool isSingleMatchReturn(const ast::SingleQuery& q) {
    if (q.clauses.size() != 2) return false;
    const auto& m = q.clauses[0];
    const auto& r = q.clauses[1];
    return m.kind == ast::ClauseKind::Match && !m.optional && !m.where && m.pattern.size() == 1 &&
           r.kind == ast::ClauseKind::Return && !r.render;
}

}  // namespace kgraph::query
