// The planner's driver: a statement's queries, clause by clause, with the eager barriers
// between reads and writes (planner_internal.h).
#include "engine/query/plan/planner_internal.h"

#include "engine/query/bind/binder.h"
#include "engine/query/execute/scan.h"
#include "engine/query/execute/update.h"
#include "engine/query/optimize/passes.h"

namespace kgraph::query {

Plan Planner::plan(const ast::Statement& st) {
    Plan p;
    plan_ = &p;
    if (st.queries.size() == 1) {
        auto& q = st.queries[0];
        p.root = planQuery(q);
        p.columns = q.columns;
        p.columnSlots = q.columnSlots;
        p.slotCount = static_cast<size_t>(q.slotCount);
        return p;
    }
    std::vector<UnionOp::Branch> branches;
    for (auto& q : st.queries) {
        OperatorPtr root = planQuery(q);
        branches.push_back({std::move(root), q.columnSlots, static_cast<size_t>(q.slotCount)});
    }
    bool all = std::all_of(st.unionAll.begin(), st.unionAll.end(), [](bool b) { return b; });
    p.root = std::make_unique<UnionOp>(std::move(branches), !all);
    p.columns = st.queries[0].columns;
    for (size_t i = 0; i < p.columns.size(); ++i) p.columnSlots.push_back(static_cast<int>(i));
    p.slotCount = p.columns.size();
    return p;
}

OperatorPtr Planner::planQuery(const ast::SingleQuery& q) {
    inputWrites_ = false;
    // Optimizer passes 1 and 2 (optimize/passes.h): the whole query from the statistics.
    if (auto op = countFromStatistics(q)) return op;
    if (auto op = countByType(q)) return planOrderSkipLimit(std::move(op), q.clauses[1].projection);
    for (auto& c : q.clauses) preparePatternExpressions(c);
    OperatorPtr op = std::make_unique<OnceOp>();
    SlotSet bound;
    bool reading = false;  // a reading clause ran since the last write
    bool wrote = false;
    for (auto& c : q.clauses) {
        bool updating = isUpdating(c.kind);
        if (updating && reading) op = wrap<EagerOp>(std::move(op));
        if (!updating && wrote && c.kind != ast::ClauseKind::Return &&
            c.kind != ast::ClauseKind::With) {
            op = wrap<EagerOp>(std::move(op));
            wrote = false;
        }
        if (updating) {
            reading = false;
            wrote = true;
        } else if (c.kind != ast::ClauseKind::Return) {
            reading = true;
        }
        op = planClause(std::move(op), c, bound);
        inputWrites_ = inputWrites_ || updating;
    }
    return op;
}

OperatorPtr Planner::planClause(OperatorPtr op, const ast::Clause& c, SlotSet& bound) {
    switch (c.kind) {
        case ast::ClauseKind::Match:
            if (c.optional) return planOptionalMatch(std::move(op), c, bound);
            return planMatch(std::move(op), c.pattern, c.where.get(), bound);
        case ast::ClauseKind::Unwind:
            bound.insert(c.aliasSlot);
            return wrap<UnwindOp>(std::move(op), c.expr.get(), c.aliasSlot, c.alias);
        case ast::ClauseKind::With:
        case ast::ClauseKind::Return:
            return planProjection(std::move(op), c, bound);
        case ast::ClauseKind::Create: {
            std::vector<CreatePart> parts;
            for (auto& part : c.pattern) parts.push_back(createPart(*part, bound));
            op = wrap<CreateOp>(std::move(op), std::move(parts));
            for (auto& part : c.pattern) op = buildPath(std::move(op), *part, bound);
            return op;
        }
        case ast::ClauseKind::Merge: {
            auto& part = *c.pattern[0];
            SlotSet inner = bound;
            Subplan sub = subplanFor({c.pattern[0]}, nullptr, inner);
            CreatePart create = createPart(part, bound);
            op = wrap<MergeOp>(std::move(op), std::move(sub), std::move(create), &c);
            bound.insert(inner.begin(), inner.end());
            return buildPath(std::move(op), part, bound);
        }
        case ast::ClauseKind::Set:
            return wrap<SetOp>(std::move(op), &c.setItems);
        case ast::ClauseKind::Remove:
            return wrap<RemoveOp>(std::move(op), &c.removeItems);
        case ast::ClauseKind::Delete:
            return wrap<DeleteOp>(std::move(op), &c.deleteExprs, c.detach);
        case ast::ClauseKind::Call: {
            std::vector<const ast::Expr*> args;
            for (auto& a : c.args) args.push_back(a.get());
            std::vector<std::pair<std::string, int>> yields;
            for (auto& y : c.yields) {
                yields.emplace_back(y.field, y.slot);
                bound.insert(y.slot);
            }
            op = wrap<ProcedureCallOp>(std::move(op), c.procedure, c.procedureInfo, std::move(args),
                                       std::move(yields));
            if (c.where) op = wrap<FilterOp>(std::move(op), c.where.get());
            return op;
        }
    }
    return op;
}

CreatePart Planner::createPart(const ast::PatternPart& part, SlotSet& bound) {
    CreatePart cp{&part, {}};
    for (const auto& n : part.nodes) {
        cp.newNodes.push_back(!bound.count(n.slot));
    }
    for (const auto& n : part.nodes) bound.insert(n.slot);
    for (const auto& r : part.rels) bound.insert(r.slot);
    return cp;
}

Plan planStatement(const ast::Statement& statement, storage::GraphView& stats) {
    Planner planner(stats);
    return planner.plan(statement);
}

}  // namespace kgraph::query
