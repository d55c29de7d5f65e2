// Aggregators: count, sum, avg, min, max, collect, stDev, stDevP, percentileDisc,
// percentileCont, each optionally DISTINCT.
// Nulls are skipped (count(*) counts rows).
#pragma once

#include <memory>
#include <string>

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

// `name` is lower case; `countStar` for count(*).
std::unique_ptr<Aggregator> makeAggregator(const std::string& name, bool distinct, bool countStar);

}  // namespace kgraph::query
