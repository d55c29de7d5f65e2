// ExecContext: what operators and expressions need while a statement runs.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/common/error.h"
#include "engine/query/value.h"
#include "storage/graph_store.h"

namespace kgraph::query {

class Operator;
class PatternSubplans;  // execute/subplan.h

using Row = std::vector<Value>;
using Params = std::map<std::string, Value>;

// Attributes wall time to the operator that currently has control (PROFILE).
class ProfileClock {
public:
    // Charges the time since the last switch to the current operator and makes `op` current.
    // Returns the operator that was current.
    Operator* switchTo(Operator* op);
    Operator* current() const { return current_; }

private:
    Operator* current_ = nullptr;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

struct ExecContext {
    storage::GraphView* view = nullptr;  // the statement's transaction
    storage::WriteTxn* write = nullptr;  // set when the statement changes the graph
    const Params* params = nullptr;
    // The statement's pattern predicates and comprehensions (owned by its Plan). May be null
    // when the expressions run hold none.
    const PatternSubplans* patternSubplans = nullptr;
    std::map<std::string, int64_t>* counters = nullptr;
    size_t slotCount = 0;                             // row width of the query being run
    std::vector<storage::NodeId> pendingNodeDeletes;  // see finishDeletes() (update.h)
    // Entities deleted by this statement: reading their properties or labels is an error.
    std::unordered_set<uint64_t> deletedNodes;
    std::unordered_set<uint64_t> deletedRelationships;
    bool profiling = false;
    ProfileClock clock;
    // Variable-length patterns and shortest paths stop with an error after visiting this many
    // relationships for one input row.
    int64_t expansionLimit = 10'000'000;
    // Set from another thread or a signal handler (the shell's Ctrl-C) to stop the statement;
    // operators poll it every few hundred rows (Operator::execute). May be null.
    const std::atomic<bool>* cancel = nullptr;
    // Threads a statement may use (parallel aggregation over a node scan, AggregateOp); 1 runs
    // everything on the calling thread. Scans of fewer than parallelMinNodes nodes (by the
    // statistics) stay on one thread: starting threads would cost more than it saves.
    int threads = 1;
    uint64_t parallelMinNodes = 50'000;
    // In a worker's context: the node scan `rangeScan` visits only ids in [rangeFirst,
    // rangeEnd) (its share of the scan).
    const Operator* rangeScan = nullptr;
    storage::NodeId rangeFirst = 0;
    storage::NodeId rangeEnd = 0;
    std::mt19937_64 random{std::random_device{}()};

    // The last node property read by each Property expression of a read-only statement.
    // A cache that rarely hits (every row a new node) stops storing: the copy costs more
    // than it saves.
    struct CachedProperty {
        uint64_t node = 0;
        std::optional<Value> value;
        uint32_t lookups = 0;
        uint32_t hits = 0;
        bool worthKeeping() const { return lookups < 1024 || hits * 8 >= lookups; }
    };
    // By expression: a statement has a few, so a list searched from the front (a hash
    // lookup per row cost more).
    std::vector<std::pair<const void*, CachedProperty>> propertyCache;
    CachedProperty& cachedProperty(const void* expr) {
        for (auto& [e, c] : propertyCache) {
            if (e == expr) return c;
        }
        return propertyCache.emplace_back(expr, CachedProperty{}).second;
    }

    // Relationship type name of a dictionary id, cached.
    const std::string& typeName(storage::TokenId id);
    // Set with `cancel` when the statement's time limit (seconds) passed: the error says so.
    const std::atomic<bool>* timedOut = nullptr;
    double timeoutSeconds = 0;
    // Throws kgraph::Error("query cancelled") once *cancel was set.
    void checkCancelled() const {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            if (timedOut && timedOut->load()) {
                char limit[32];
                std::snprintf(limit, sizeof limit, "%g", timeoutSeconds);
                throw Error(std::string("query timed out after ") + limit +
                            " s (--timeout); narrow the query or raise the limit");
            }
            throw Error("query cancelled");
        }
    }
    void count(const std::string& counter, int64_t n = 1) {
        if (counters && n != 0) (*counters)[counter] += n;
    }

private:
    std::unordered_map<storage::TokenId, std::string> typeNames_;
};

// Fills in labels, type and properties of every node and relationship in `v` (recursively)
// from the graph. Deleted entities keep what they hold.
void materialize(Value& v, storage::GraphView& view);

}  // namespace kgraph::query
