// Aggregators: count, sum, avg, min, max, collect, each optionally DISTINCT.
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
    virtual Value result() const = 0;
};

// `name` is lower case; `countStar` for count(*).
std::unique_ptr<Aggregator> makeAggregator(const std::string& name, bool distinct, bool countStar);

}  // namespace kgraph::query
