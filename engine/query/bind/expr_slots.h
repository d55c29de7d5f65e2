// The row slots a bound expression reads: what the planner needs to place a predicate as soon
// as its variables are bound, and what the optimizer's rewrites check before they drop a slot.
#pragma once

#include <set>

#include "engine/query/parse/ast.h"

namespace kgraph::query {

using SlotSet = std::set<int>;

// REQUIRES: bindStatement() ran. The slots `e` reads from the row, not the ones it binds
// itself (comprehension variables, the new elements of a pattern expression).
SlotSet readSlots(const ast::Expr& e);

// True if every slot of `a` is in `b`.
bool isSubset(const SlotSet& a, const SlotSet& b);

}  // namespace kgraph::query
