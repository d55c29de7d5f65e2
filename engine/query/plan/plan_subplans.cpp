// Sub-plans: the plans run once per row of an enclosing operator - OPTIONAL MATCH, MERGE's
// match, and pattern predicates and comprehensions, whose sub-plans the Plan keeps by
// expression (planner_internal.h).
#include "engine/query/plan/planner_internal.h"

#include "engine/query/execute/relational.h"

namespace kgraph::query {

OperatorPtr Planner::planOptionalMatch(OperatorPtr op, const ast::Clause& c, SlotSet& bound) {
    SlotSet inner = bound;
    Subplan sub = subplanFor(c.pattern, c.where.get(), inner);
    std::vector<int> nullSlots;
    for (int s : inner) {
        if (!bound.count(s)) nullSlots.push_back(s);
    }
    bound = inner;
    return wrap<OptionalOp>(std::move(op), std::move(sub), std::move(nullSlots));
}

Subplan Planner::subplanFor(const std::vector<std::shared_ptr<ast::PatternPart>>& parts,
                            const ast::Expr* where, SlotSet& bound) {
    auto arg = std::make_unique<ArgumentOp>();
    Subplan sub;
    sub.argument = arg.get();
    sub.root = planMatch(std::move(arg), parts, where, bound);
    return sub;
}

void Planner::preparePatternExpressions(const ast::Clause& c) {
    auto visit = [&](const ast::Expr* e) {
        if (e) prepareExpr(*e);
    };
    visit(c.where.get());
    visit(c.expr.get());
    for (auto& part : c.pattern) preparePart(*part);
    for (auto& i : c.projection.items) visit(i.expr.get());
    for (auto& s : c.projection.order) visit(s.expr.get());
    visit(c.projection.skip.get());
    visit(c.projection.limit.get());
    for (auto* items : {&c.setItems, &c.onCreate, &c.onMatch}) {
        for (auto& s : *items) {
            visit(s.target.get());
            visit(s.value.get());
        }
    }
    for (auto& r : c.removeItems) visit(r.target.get());
    for (auto& e : c.deleteExprs) visit(e.get());
    for (auto& e : c.args) visit(e.get());
}

void Planner::preparePart(const ast::PatternPart& part) {
    for (auto& n : part.nodes) {
        if (n.properties) prepareExpr(*n.properties);
    }
    for (auto& r : part.rels) {
        if (r.properties) prepareExpr(*r.properties);
    }
}

void Planner::prepareExpr(const ast::Expr& e) {
    for (auto& c : e.children) {
        if (c) prepareExpr(*c);
    }
    if (!e.pattern) return;
    preparePart(*e.pattern);
    SlotSet bound;
    for (const auto& n : e.pattern->nodes) {
        if (n.outerBound) bound.insert(n.slot);
    }
    plan_->patternSubplans.add(&e, subplanFor({e.pattern}, nullptr, bound));
}

}  // namespace kgraph::query
