// Operator: one step of a physical plan.
//
// Execution is push-based: execute(ctx, out) runs the operator's input, transforms each row
// and hands the results to `out`; `out` returns false to stop everything upstream. Storage
// scans take callbacks that stop the same way, so `... LIMIT 10` ends the underlying scan
// after ten rows and nothing is materialised except by blocking operators (ORDER BY,
// aggregation, and the Eager barrier before a write).
//
// Rows are vectors of Values indexed by the slots the binder assigned. Operators are built
// by the planner (plan/planner.h) and live here, in execute/: the planner depends on them,
// never the other way round.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/query/execute/context.h"

namespace kgraph::query {

using Consumer = std::function<bool(Row&)>;

class Operator {
public:
    virtual ~Operator() = default;

    // Runs the operator, counting its rows and (when ctx.profiling) its time.
    // Returns false if `out` asked to stop.
    bool execute(ExecContext& ctx, const Consumer& out);

    // One line naming the operator and its arguments, e.g. "NodeByLabelScan (p:Person)".
    virtual std::string describe() const = 0;

    // The plan tree below and including this operator, one operator per line, indented.
    // With `profile`, each line carries rows produced and time spent.
    std::string explain(bool profile) const;

    void setInput(std::unique_ptr<Operator> input) { input_ = std::move(input); }
    // Detaches the input (the planner replacing this operator).
    std::unique_ptr<Operator> takeInput() { return std::move(input_); }
    Operator* input() const { return input_.get(); }
    // Sub-plans shown under the operator in EXPLAIN (e.g. OPTIONAL MATCH's).
    virtual std::vector<const Operator*> subplans() const { return {}; }

    // True if threads may run this operator (not its input) at the same time, each with its
    // own ExecContext and view: it writes nothing, keeps no state across rows outside
    // produce() and evaluates only expressions that give the same result on any thread
    // (no rand(), no pattern sub-plans). Default false.
    virtual bool threadSafe() const { return false; }

    int64_t rows() const { return rows_.load(std::memory_order_relaxed); }
    void addNanos(int64_t n) { nanos_.fetch_add(n, std::memory_order_relaxed); }

protected:
    virtual bool produce(ExecContext& ctx, const Consumer& out) = 0;
    // Runs the input (REQUIRES: input() != nullptr).
    bool pull(ExecContext& ctx, const Consumer& out) { return input_->execute(ctx, out); }

private:
    void explainInto(std::string& out, int depth, bool profile) const;

    std::unique_ptr<Operator> input_;
    // Threads may run one plan's operators at once (a parallel aggregation's workers, each
    // with its own ExecContext): each run counts its rows locally and adds them at the end.
    std::atomic<int64_t> rows_{0};
    std::atomic<int64_t> nanos_{0};
};

using OperatorPtr = std::unique_ptr<Operator>;

}  // namespace kgraph::query
