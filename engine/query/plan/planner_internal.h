// The planner's working state, shared by its parts (not a public header):
//   planner.cpp          the statement, its queries and clauses (eager barriers, CALL, writes)
//   plan_match.cpp       MATCH: start node choice, expansion order, filter placement
//   plan_projection.cpp  WITH/RETURN: projection, aggregation, ORDER BY, SKIP, LIMIT
//   plan_subplans.cpp    OPTIONAL MATCH, MERGE's match, pattern predicates/comprehensions
// The statistics shortcuts and parallel scans are optimizer passes (optimize/passes.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/query/bind/expr_slots.h"
#include "engine/query/execute/expand.h"
#include "engine/query/execute/scan.h"
#include "engine/query/execute/update.h"
#include "engine/query/plan/planner.h"

namespace kgraph::query {

// `input` wrapped in a new operator of type Op built from `args`.
template <class Op, class... Args>
OperatorPtr wrap(OperatorPtr input, Args&&... args) {
    auto op = std::make_unique<Op>(std::forward<Args>(args)...);
    op->setInput(std::move(input));
    return op;
}

// WHERE conjuncts waiting for their variables to be bound.
struct Conjuncts {
    std::vector<const ast::Expr*> pending;

    // Wraps `op` in a Filter for each pending conjunct that reads only `bound` slots.
    OperatorPtr place(OperatorPtr op, const SlotSet& bound);
};

class Planner {
public:
    explicit Planner(storage::GraphView& stats) : stats_(stats) {}

    Plan plan(const ast::Statement& st);

private:
    // planner.cpp
    OperatorPtr planQuery(const ast::SingleQuery& q);
    OperatorPtr planClause(OperatorPtr op, const ast::Clause& c, SlotSet& bound);
    CreatePart createPart(const ast::PatternPart& part, SlotSet& bound);

    // plan_match.cpp
    OperatorPtr planMatch(OperatorPtr op,
                          const std::vector<std::shared_ptr<ast::PatternPart>>& parts,
                          const ast::Expr* where, SlotSet& bound);
    struct StartChoice {
        size_t index = 0;
        double cost = 0;
        NodeScanOp::Mode mode = NodeScanOp::Mode::All;
        std::string label;
        const ast::Expr* key = nullptr;
    };
    StartChoice startCost(const ast::NodePattern& n, const SlotSet& bound, const Conjuncts& conj);
    OperatorPtr planPart(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
                         Conjuncts& conj, std::vector<int>& clauseRels);
    ExpandSpec hopSpec(const ast::PatternPart& part, size_t i, bool reversed, const SlotSet& bound,
                       const std::vector<int>& clauseRels);
    OperatorPtr expandHop(OperatorPtr op, const ast::PatternPart& part, size_t i, bool reversed,
                          SlotSet& bound, Conjuncts& conj, std::vector<int>& clauseRels);
    OperatorPtr buildPath(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
                          Conjuncts* conj = nullptr);

    // plan_projection.cpp
    OperatorPtr planProjection(OperatorPtr op, const ast::Clause& c, SlotSet& bound);
    OperatorPtr planOrderSkipLimit(OperatorPtr op, const ast::Projection& p);

    // plan_subplans.cpp
    OperatorPtr planOptionalMatch(OperatorPtr op, const ast::Clause& c, SlotSet& bound);
    Subplan subplanFor(const std::vector<std::shared_ptr<ast::PatternPart>>& parts,
                       const ast::Expr* where, SlotSet& bound);
    // Plans the sub-plan of every pattern predicate and comprehension in the clause into
    // plan_->patternSubplans.
    void preparePatternExpressions(const ast::Clause& c);
    void preparePart(const ast::PatternPart& part);
    void prepareExpr(const ast::Expr& e);

    storage::GraphView& stats_;
    Plan* plan_ = nullptr;      // the plan being built
    bool inputWrites_ = false;  // a clause planned so far in this query writes
};

}  // namespace kgraph::query
