// Row-at-a-time and blocking operators that do not touch the graph structure.
#pragma once

#include <functional>
#include <map>

#include "engine/query/execute/operator.h"
#include "engine/query/execute/procedures.h"
#include "engine/query/execute/subplan.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

class FilterOp : public Operator {
public:
    explicit FilterOp(const ast::Expr* predicate) : predicate_(predicate) {}
    std::string describe() const override { return "Filter " + predicate_->text; }
    bool threadSafe() const override;

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const ast::Expr* predicate_;
};

// Evaluates expressions into new slots (streaming).
class ProjectionOp : public Operator {
public:
    struct Item {
        const ast::Expr* expr;
        int slot;
        std::string name;
    };
    explicit ProjectionOp(std::vector<Item> items) : items_(std::move(items)) {}
    std::string describe() const override;
    bool threadSafe() const override;

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<Item> items_;
};

// Drops rows whose values in `slots` were seen before (streaming).
class DistinctOp : public Operator {
public:
    explicit DistinctOp(std::vector<int> slots) : slots_(std::move(slots)) {}
    std::string describe() const override { return "Distinct"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<int> slots_;
};

// Groups rows by the key expressions and computes aggregates (blocking).
class AggregateOp : public Operator {
public:
    struct Key {
        const ast::Expr* expr;
        int slot;
        int sourceSlot = -1;  // a key that is a variable also keeps that variable's slot
    };
    struct Agg {
        const ast::Expr* call;  // FunctionCall or CountStar; result goes to call->slot
        // count(x) of a variable the input leaves null because it counts rows instead of
        // producing them (see DegreeExpandOp): counts rows, as count(*).
        bool countsRows = false;
    };
    // `weightSlot` >= 0: each input row stands for as many rows as the integer in that slot.
    AggregateOp(std::vector<Key> keys, std::vector<Agg> aggs, int weightSlot = -1)
        : keys_(std::move(keys)), aggs_(std::move(aggs)), weightSlot_(weightSlot) {}
    std::string describe() const override;
    // The input is a thread-safe pipeline (Operator::threadSafe) over `scan`, an AllNodesScan
    // that starts it: with ExecContext::threads > 1 workers run the input over node id
    // ranges (execute/node_ranges.h) and this thread groups their rows in id order, so the
    // result is the one-thread result (groups in first-seen order, same aggregate values).
    void setParallelScan(const Operator* scan) { parallelScan_ = scan; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<Key> keys_;
    std::vector<Agg> aggs_;
    int weightSlot_;
    const Operator* parallelScan_ = nullptr;
};

// ORDER BY (blocking; stable).
class SortOp : public Operator {
public:
    struct Item {
        const ast::Expr* expr;
        bool descending;
    };
    explicit SortOp(std::vector<Item> items) : items_(std::move(items)) {}
    std::string describe() const override;
    // ORDER BY ... [SKIP s] LIMIT n: only the first s + n rows need sorting (top-k).
    void setTopK(const ast::Expr* skip, const ast::Expr* limit) {
        topSkip_ = skip;
        topLimit_ = limit;
    }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<Item> items_;
    const ast::Expr* topSkip_ = nullptr;
    const ast::Expr* topLimit_ = nullptr;
};

// SKIP n / LIMIT n. LIMIT stops its input after n rows, unless the input writes: every write
// of a statement happens even when fewer rows are returned (openCypher), so then LIMIT runs
// its input to the end and drops the rows after the n-th.
class SkipLimitOp : public Operator {
public:
    SkipLimitOp(const ast::Expr* count, bool limit, bool inputWrites = false)
        : count_(count), limit_(limit), drain_(inputWrites) {}
    std::string describe() const override {
        return std::string(limit_ ? "Limit " : "Skip ") + count_->text;
    }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const ast::Expr* count_;
    bool limit_;
    bool drain_;
};

class UnwindOp : public Operator {
public:
    UnwindOp(const ast::Expr* list, int slot, std::string name)
        : list_(list), slot_(slot), name_(std::move(name)) {}
    std::string describe() const override { return "Unwind " + list_->text + " AS " + name_; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const ast::Expr* list_;
    int slot_;
    std::string name_;
};

// OPTIONAL MATCH: runs the subplan per row; when it finds nothing, emits the row once with
// the subplan's new slots set to null.
class OptionalOp : public Operator {
public:
    OptionalOp(Subplan sub, std::vector<int> nullSlots)
        : sub_(std::move(sub)), nullSlots_(std::move(nullSlots)) {}
    std::string describe() const override { return "Optional"; }
    std::vector<const Operator*> subplans() const override { return {sub_.root.get()}; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    Subplan sub_;
    std::vector<int> nullSlots_;
};

// Materialises its input before passing it on, so that the writes of the next clause are
// not seen by the reads feeding it.
class EagerOp : public Operator {
public:
    std::string describe() const override { return "Eager"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;
};

// UNION [ALL]: runs each branch in turn; each branch has its own row layout, so rows are
// re-laid out as the columns, in order.
class UnionOp : public Operator {
public:
    struct Branch {
        OperatorPtr plan;
        std::vector<int> columnSlots;
        size_t slotCount;
    };
    UnionOp(std::vector<Branch> branches, bool distinct)
        : branches_(std::move(branches)), distinct_(distinct) {}
    std::string describe() const override { return distinct_ ? "Union" : "UnionAll"; }
    std::vector<const Operator*> subplans() const override;

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<Branch> branches_;
    bool distinct_;
};

// CALL proc(args) YIELD ...
class ProcedureCallOp : public Operator {
public:
    // `name` as written (for EXPLAIN); `procedure` its row in the catalog.
    ProcedureCallOp(std::string name, const ProcedureInfo* procedure,
                    std::vector<const ast::Expr*> args,
                    std::vector<std::pair<std::string, int>> yields)
        : name_(std::move(name)),
          procedure_(procedure),
          args_(std::move(args)),
          yields_(std::move(yields)) {}
    std::string describe() const override { return "ProcedureCall " + name_; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::string name_;
    const ProcedureInfo* procedure_;
    std::vector<const ast::Expr*> args_;
    std::vector<std::pair<std::string, int>> yields_;  // output field -> slot
};

}  // namespace kgraph::query
