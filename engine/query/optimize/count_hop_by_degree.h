// Pass 3 (optimize/passes.h): a hop read only by count() becomes a degree lookup.
#pragma once

#include <vector>

#include "engine/query/execute/relational.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// `input` is the input of an aggregation projecting `p` with aggregates `aggs`. When `input`
// is an ExpandOp whose relationship and far node are read by nothing but count() (`MATCH
// (a)-[r]->() RETURN a.name, count(r)`), returns a DegreeExpandOp over the ExpandOp's input
// that emits each row once with `p.weightSlot` holding the number of matches, marks the
// counts of hop variables as row counts (Agg::countsRows) and sets `weightSlot` to
// `p.weightSlot`; the AggregateOp weighs each row by it. Else returns `input` unchanged.
//
// Applies when the hop checks nothing per relationship: its far node and relationship are
// not bound already, it has no label or property filter on them, no other relationship of
// the clause to keep distinct, and is not a self-loop pattern (`(a)-[r]->(a)`); and every
// aggregate other than count(hop variable) and count(*), every item and every ORDER BY
// expression reads neither hop slot. Then the hop's rows differ only in those slots, so
// adding each aggregate's value `degree` times is what the rows would give.
OperatorPtr countHopByDegree(OperatorPtr input, const ast::Projection& p,
                             std::vector<AggregateOp::Agg>& aggs, int& weightSlot);

}  // namespace kgraph::query
