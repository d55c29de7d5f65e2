// Parallel execution over node id ranges: worker threads run a pipeline that starts with an
// AllNodesScan, each worker over a share of the node ids at a time, with its own ExecContext
// and its own view of the statement's snapshot; the calling thread consumes each range's
// output in range order. Consuming in id order makes the outcome what one thread scanning in
// id order gives: the same rows in the same order, and the same first error.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/query/execute/context.h"

namespace kgraph::query {

// Views for `workers` more threads reading what ctx.view reads; empty when the view cannot
// fork (a WriteTxn).
std::vector<std::unique_ptr<storage::GraphView>> forkViews(ExecContext& ctx, int workers);

// Splits [0, ctx.view->nodeIdBound()) into ranges and runs `work(rangeCtx, batch)` for each,
// on the calling thread and on one thread per view of `views` (each with its own
// ExecContext; rangeCtx.rangeScan == scan restricts that scan to the range). The calling
// thread calls `consume(batch)` for the ranges in order, each once it is done and every
// earlier one was consumed, and works on the next range itself while the one to consume is
// not done. A range's exception is rethrown in its turn, after its batch (the rows before
// the error) was consumed. ctx.cancel is honoured. At most a few ranges per thread are done
// or running but not consumed, so memory stays bounded by their batches. A consumed batch
// is handed to a later range as `consume` left it (it should empty it): its memory is
// reused rather than allocated and freed per range. Each worker releases its view (sets its
// element of `views` to null) when it ends, so that cost is not the calling thread's.
template <class Batch, class Work, class Consume>
void runNodeRanges(ExecContext& ctx, const Operator* scan,
                   std::vector<std::unique_ptr<storage::GraphView>>& views, const Work& work,
                   const Consume& consume) {
    const size_t threads = views.size() + 1;
    const uint64_t bound = std::max<uint64_t>(ctx.view->nodeIdBound(), 1);
    // Several ranges per thread even out ranges of unequal cost (hubs, deleted ids).
    const uint64_t ranges = std::min<uint64_t>(bound, threads * 16);
    const uint64_t step = (bound + ranges - 1) / ranges;
    const uint64_t ahead = threads * 4;

    struct Range {
        Batch batch;
        std::exception_ptr error;
        bool done = false;
    };
    std::vector<Range> out(ranges);
    std::vector<Batch> spare;  // consumed batches, for later ranges
    std::mutex mu;
    std::condition_variable changed;
    uint64_t next = 0, consumed = 0;
    std::atomic<bool> stop{false};

    auto contextFor = [&](storage::GraphView* view) {
        auto c = std::make_unique<ExecContext>();
        c->view = view;
        c->params = ctx.params;
        c->patternSubplans = ctx.patternSubplans;
        c->slotCount = ctx.slotCount;
        c->profiling = ctx.profiling;
        c->expansionLimit = ctx.expansionLimit;
        c->cancel = &stop;  // set on cancellation or when the calling thread fails
        c->rangeScan = scan;
        return c;
    };
    auto runRange = [&](ExecContext& c, uint64_t r) {
        c.rangeFirst = r * step;
        // The last range is open: ids at or above the bound (none expected) are not lost.
        c.rangeEnd = r + 1 == ranges ? UINT64_MAX : (r + 1) * step;
        try {
            work(c, out[r].batch);
        } catch (...) {
            out[r].error = std::current_exception();
        }
        if (c.profiling) c.clock.switchTo(nullptr);
        {
            std::lock_guard lock(mu);
            out[r].done = true;
        }
        changed.notify_all();
    };
    auto mayStart = [&] { return next < ranges && next < consumed + ahead; };
    // Takes the next range (mu held), with a spare batch when there is one.
    auto claim = [&] {
        uint64_t r = next++;
        if (!spare.empty()) {
            out[r].batch = std::move(spare.back());
            spare.pop_back();
        }
        return r;
    };

    std::vector<std::thread> workers;
    struct Join {
        std::vector<std::thread>& workers;
        std::atomic<bool>& stop;
        std::mutex& mu;
        std::condition_variable& changed;
        ~Join() {
            {
                std::lock_guard lock(mu);
                stop = true;
            }
            changed.notify_all();
            for (auto& t : workers) t.join();
        }
    } join{workers, stop, mu, changed};
    for (auto& v : views) {
        workers.emplace_back([&, &view = v] {
            auto c = contextFor(view.get());
            for (;;) {
                uint64_t r;
                {
                    std::unique_lock lock(mu);
                    changed.wait(lock, [&] { return stop || next >= ranges || mayStart(); });
                    if (stop || next >= ranges) break;
                    r = claim();
                }
                runRange(*c, r);
            }
            c.reset();
            view.reset();  // here, while the calling thread still groups
        });
    }

    auto own = contextFor(ctx.view);
    for (uint64_t r = 0; r < ranges; ++r) {
        std::unique_lock lock(mu);
        while (!out[r].done) {
            if (mayStart()) {
                uint64_t mine = claim();
                lock.unlock();
                runRange(*own, mine);
                lock.lock();
                continue;
            }
            changed.wait_for(lock, std::chrono::milliseconds(5));
            if (ctx.cancel && ctx.cancel->load(std::memory_order_relaxed)) {
                lock.unlock();
                ctx.checkCancelled();
            }
        }
        lock.unlock();
        if (ctx.cancel) ctx.checkCancelled();
        consume(out[r].batch);
        if (out[r].error) std::rethrow_exception(out[r].error);
        Batch used = std::move(out[r].batch);
        out[r] = Range{};
        lock.lock();
        spare.push_back(std::move(used));
        consumed = r + 1;
        lock.unlock();
        changed.notify_all();
    }
}

}  // namespace kgraph::query
