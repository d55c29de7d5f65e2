#include "engine/query/execute/operator.h"

#include <cstdio>

namespace kgraph::query {

Operator* ProfileClock::switchTo(Operator* op) {
    auto now = std::chrono::steady_clock::now();
    if (current_) {
        current_->addNanos(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count());
    }
    last_ = now;
    Operator* prev = current_;
    current_ = op;
    return prev;
}

bool Operator::execute(ExecContext& ctx, const Consumer& out) {
    // Cancellation is polled every 256 rows of the operator's total, so that an operator run
    // once per input row (a sub-plan's) polls too.
    const int64_t before = rows_.load(std::memory_order_relaxed);
    int64_t rows = 0;
    struct AddRows {
        std::atomic<int64_t>& total;
        const int64_t& rows;
        ~AddRows() { total.fetch_add(rows, std::memory_order_relaxed); }
    } addRows{rows_, rows};
    if (!ctx.profiling) {
        return produce(ctx, [&](Row& r) {
            if (((before + ++rows) & 255) == 0) ctx.checkCancelled();
            return out(r);
        });
    }
    Operator* caller = ctx.clock.switchTo(this);
    bool ok = produce(ctx, [&](Row& r) {
        if (((before + ++rows) & 255) == 0) ctx.checkCancelled();
        ctx.clock.switchTo(caller);
        bool more = out(r);
        ctx.clock.switchTo(this);
        return more;
    });
    ctx.clock.switchTo(caller);
    return ok;
}

std::string Operator::explain(bool profile) const {
    std::string out;
    explainInto(out, 0, profile);
    return out;
}

void Operator::explainInto(std::string& out, int depth, bool profile) const {
    out += std::string(depth * 2, ' ') + describe();
    if (profile) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(nanos_.load()) / 1e6);
        out += "  [rows=" + std::to_string(rows()) + ", time=" + buf + " ms]";
    }
    out += "\n";
    for (const Operator* sub : subplans()) sub->explainInto(out, depth + 2, profile);
    if (input_) input_->explainInto(out, depth + 1, profile);
}

}  // namespace kgraph::query
