// Pass 4 (optimize/passes.h): an aggregation whose input may run on several threads.
#pragma once

#include <vector>

#include "engine/query/execute/relational.h"

namespace kgraph::query {

// The AllNodesScan an AggregateOp with `keys` and `aggs` over `input` may split over node id
// ranges (AggregateOp::setParallelScan), or null. Applies when every operator from `input`
// down to the scan may run on several threads at once (Operator::threadSafe) and shows no
// sub-plan, the scan is the only one and reads all nodes straight from Once, and the keys and
// aggregate arguments are thread-safe expressions (threadSafeExpr: no rand(), no pattern
// expression). Whether threads are used is decided when the query runs (ExecContext::threads
// and the node count).
const Operator* parallelScanFor(const Operator* input, const std::vector<AggregateOp::Key>& keys,
                                const std::vector<AggregateOp::Agg>& aggs);

}  // namespace kgraph::query
