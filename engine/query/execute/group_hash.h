// Grouping without building strings: a hash and an equality that agree with groupKey()
// (engine/query/value.h), for the hash tables of aggregation.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/query/value.h"

namespace kgraph::query {

// Equal for values with equal groupKey() (1 and 1.0 included); cheap for nulls, booleans,
// numbers, strings, nodes and relationships.
uint64_t groupHash(const Value& v);

// True if the values are equivalent: equal groupKey()s.
bool sameGroup(const Value& a, const Value& b);
// True if the rows are equivalent value by value.
bool sameGroup(const std::vector<Value>& a, const std::vector<Value>& b);

}  // namespace kgraph::query
