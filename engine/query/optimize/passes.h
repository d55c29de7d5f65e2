// The optimizer: rewrites that answer part of a query from the store's statistics or run it
// on several threads, each exact whenever it applies. The planner (plan/) calls them in this
// order:
//
//   1. countFromStatistics (count_from_statistics.h) - before planning a query: a whole
//      `MATCH <one node or one relationship> RETURN count(...)` is one statistics read.
//   2. countByType (count_by_type.h) - before planning a query: `MATCH ()-[r]->() RETURN
//      type(r), count(*)` is one row per relationship type from the statistics.
//   3. countHopByDegree (count_hop_by_degree.h) - while planning an aggregation: a last hop
//      read only by count() becomes one degree lookup per input row.
//   4. parallelScanFor (parallel_scan.h) - while planning an aggregation, after 3 (which may
//      replace the input it looks at): the input runs over node id ranges on several threads.
//
// 1 and 2 replace the whole query, so they run first and the first that applies wins; 3 and 4
// rewrite the input of one AggregateOp. Each returns "does not apply" (null, or its input
// unchanged) unless every condition written beside it holds; tests/engine/query/
// optimize_test.cpp checks each condition against the plan without the rewrite.
#pragma once

#include "engine/query/optimize/count_by_type.h"
#include "engine/query/optimize/count_from_statistics.h"
#include "engine/query/optimize/count_hop_by_degree.h"
#include "engine/query/optimize/parallel_scan.h"
