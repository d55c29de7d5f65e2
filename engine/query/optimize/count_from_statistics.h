// Pass 1 (optimize/passes.h): a count the store keeps.
#pragma once

#include "engine/query/execute/operator.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// A CountFromStatisticsOp answering all of `q`, or null. Applies when `q` is exactly
//   MATCH (n) | (n:L) | ()-[r]->() | ()-[r:T]->()  RETURN count(*) | count(<that variable>)
// with no WHERE, OPTIONAL, RENDER, DISTINCT, ORDER BY, SKIP or LIMIT, no property map, at most
// one label or type, a relationship with a direction, unlabelled and distinct end nodes and
// a fixed length: then the answer is the store's node, label, relationship or type count.
OperatorPtr countFromStatistics(const ast::SingleQuery& q);

}  // namespace kgraph::query
