// Subplan: a plan run once per row of an enclosing operator (OPTIONAL MATCH, MERGE, pattern
// predicates and comprehensions). Its leaf is an Argument operator that emits the enclosing
// row; the caller points `argument` at that row before each run.
#pragma once

#include <stdexcept>
#include <utility>
#include <vector>

#include "engine/query/execute/operator.h"

namespace kgraph::query {

namespace ast {
struct Expr;
}

// Emits one copy of *row: the leaf of every subplan.
class ArgumentOp : public Operator {
public:
    const Row* row = nullptr;
    std::string describe() const override { return "Argument"; }

protected:
    bool produce(ExecContext&, const Consumer& out) override {
        Row r = *row;
        return out(r);
    }
};

struct Subplan {
    OperatorPtr root;
    ArgumentOp* argument = nullptr;  // owned by `root`'s tree

    // Runs the subplan for `row`.
    bool run(ExecContext& ctx, const Row& row, const Consumer& out) const {
        argument->row = &row;
        return root->execute(ctx, out);
    }
};

// The sub-plans of a statement's pattern predicates and pattern comprehensions, keyed by the
// expression they evaluate. The planner builds them, the Plan owns them and the evaluator
// finds them through ExecContext::patternSubplans; the AST stays as the binder left it.
class PatternSubplans {
public:
    void add(const ast::Expr* expr, Subplan plan) { plans_.emplace_back(expr, std::move(plan)); }
    // REQUIRES: add() was called for `expr`.
    const Subplan& at(const ast::Expr& expr) const {
        for (const auto& [e, plan] : plans_) {
            if (e == &expr) return plan;
        }
        throw std::out_of_range("no sub-plan for a pattern expression");
    }

private:
    // A statement has a few: a list searched from the front costs less per row than hashing.
    std::vector<std::pair<const ast::Expr*, Subplan>> plans_;
};

}  // namespace kgraph::query
