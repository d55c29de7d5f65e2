// Aggregators: count, sum, avg, min, max, collect, stDev, stDevP, percentileDisc,
// percentileCont, each optionally DISTINCT.
// Nulls are skipped (count(*) counts rows).
#pragma once

#include <memory>
#include <string>

#include "engine/query/parse/ast.h"
#include "engine/query/value.h"

namespace kgraph::query {

class Aggregator {
public:
    virtual ~Aggregator() = default;
    virtual void add(const Value& v) = 0;
    // add(v) n times: rows that differ only in what the aggregate does not read.
    virtual void addRepeated(const Value& v, int64_t n) {
        for (int64_t i = 0; i < n; ++i) add(v);
    }
    // The second argument of two-argument aggregates (the percentile), given with each row.
    virtual void setArgument(const Value&) {}
    virtual Value result() const = 0;
};

// The accumulator of aggregate call `call` (a bound FunctionCall of an aggregate, or
// CountStar): the function's own (FunctionInfo::makeAggregator), wrapped for DISTINCT.
// `countsRows`: count every row, as count(*) does (AggregateOp::Agg::countsRows).
std::unique_ptr<Aggregator> makeAggregator(const ast::Expr& call, bool countsRows);

// The aggregate functions' accumulators, for their rows in the function table
// (execute/functions.cpp).
std::unique_ptr<Aggregator> makeCount();
std::unique_ptr<Aggregator> makeSum();
std::unique_ptr<Aggregator> makeAvg();
std::unique_ptr<Aggregator> makeMin();
std::unique_ptr<Aggregator> makeMax();
std::unique_ptr<Aggregator> makeCollect();
std::unique_ptr<Aggregator> makeStDev();
std::unique_ptr<Aggregator> makeStDevP();
std::unique_ptr<Aggregator> makePercentileDisc();
std::unique_ptr<Aggregator> makePercentileCont();

}  // namespace kgraph::query
