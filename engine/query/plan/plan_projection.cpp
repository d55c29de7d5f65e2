// WITH and RETURN: projection, aggregation, DISTINCT, ORDER BY, SKIP and LIMIT
// (planner_internal.h).
#include "engine/query/plan/planner_internal.h"

#include "engine/query/bind/binder.h"
#include "engine/query/execute/functions.h"
#include "engine/query/execute/relational.h"
#include "engine/query/optimize/passes.h"

namespace kgraph::query {

namespace {

// The aggregate calls in `e`, outermost first.
void collectAggregates(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
    if (e.kind == ast::ExprKind::CountStar) {
        out.push_back(&e);
        return;
    }
    if (e.kind == ast::ExprKind::FunctionCall && e.function->aggregate()) {
        out.push_back(&e);
        return;
    }
    for (auto& c : e.children) {
        if (c) collectAggregates(*c, out);
    }
}

}  // namespace

OperatorPtr Planner::planOrderSkipLimit(OperatorPtr op, const ast::Projection& p) {
    if (!p.order.empty()) {
        std::vector<SortOp::Item> items;
        for (auto& s : p.order) items.push_back({s.expr.get(), s.descending});
        auto sort = std::make_unique<SortOp>(std::move(items));
        if (p.limit) sort->setTopK(p.skip.get(), p.limit.get());
        sort->setInput(std::move(op));
        op = std::move(sort);
    }
    if (p.skip) op = wrap<SkipLimitOp>(std::move(op), p.skip.get(), false);
    if (p.limit) op = wrap<SkipLimitOp>(std::move(op), p.limit.get(), true, inputWrites_);
    return op;
}

OperatorPtr Planner::planProjection(OperatorPtr op, const ast::Clause& c, SlotSet& bound) {
    auto& p = c.projection;
    bool aggregating = false;
    for (auto& item : p.items) aggregating = aggregating || containsAggregate(*item.expr);
    if (aggregating) {
        std::vector<AggregateOp::Key> keys;
        std::vector<AggregateOp::Agg> aggs;
        std::vector<ProjectionOp::Item> after;
        for (auto& item : p.items) {
            if (!containsAggregate(*item.expr)) {
                int source = item.expr->kind == ast::ExprKind::Variable ? item.expr->slot : -1;
                keys.push_back({item.expr.get(), item.slot, source});
                continue;
            }
            std::vector<const ast::Expr*> calls;
            collectAggregates(*item.expr, calls);
            for (auto* call : calls) aggs.push_back({call});
            after.push_back({item.expr.get(), item.slot, item.alias});
        }
        // Optimizer passes 3 and 4 (optimize/passes.h), in that order.
        int weightSlot = -1;
        op = countHopByDegree(std::move(op), p, aggs, weightSlot);
        const Operator* scan = parallelScanFor(op.get(), keys, aggs);
        op = wrap<AggregateOp>(std::move(op), std::move(keys), std::move(aggs), weightSlot);
        if (scan) static_cast<AggregateOp*>(op.get())->setParallelScan(scan);
        op = wrap<ProjectionOp>(std::move(op), std::move(after));
    } else {
        std::vector<ProjectionOp::Item> items;
        for (auto& item : p.items) items.push_back({item.expr.get(), item.slot, item.alias});
        op = wrap<ProjectionOp>(std::move(op), std::move(items));
    }
    if (p.distinct) {
        std::vector<int> slots;
        for (auto& item : p.items) slots.push_back(item.slot);
        op = wrap<DistinctOp>(std::move(op), std::move(slots));
    }
    op = planOrderSkipLimit(std::move(op), p);
    bound.clear();
    for (auto& item : p.items) bound.insert(item.slot);
    if (c.where) op = wrap<FilterOp>(std::move(op), c.where.get());
    return op;
}

}  // namespace kgraph::query
