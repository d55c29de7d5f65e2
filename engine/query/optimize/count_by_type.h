// Pass 2 (optimize/passes.h): relationship counts per type, which the store keeps.
#pragma once

#include "engine/query/execute/operator.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// A CountByTypeOp answering `q` up to its ORDER BY, SKIP and LIMIT (the caller adds those),
// or null. Applies when `q` is exactly
//   MATCH ()-[r]->() RETURN type(r), count(*) | count(r)   (the two items in any order)
// with no WHERE, OPTIONAL, RENDER or DISTINCT, unlabelled distinct end nodes without property
// maps, a relationship with a direction and without type, properties or variable length.
OperatorPtr countByType(const ast::SingleQuery& q);

}  // namespace kgraph::query
