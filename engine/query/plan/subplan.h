// Subplan: a plan run once per row of an enclosing operator (OPTIONAL MATCH, MERGE, pattern
// predicates and comprehensions). Its leaf is an Argument operator that emits the enclosing
// row; the caller points `argument` at that row before each run.
#pragma once

#include "engine/query/plan/operator.h"

namespace kgraph::query {

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
    bool run(ExecContext& ctx, const Row& row, const Consumer& out) {
        argument->row = &row;
        return root->execute(ctx, out);
    }
};

}  // namespace kgraph::query
