#include "engine/query/execute/relational.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/query/execute/aggregator.h"
#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/functions.h"
#include "engine/query/execute/group_hash.h"
#include "engine/query/execute/node_ranges.h"

namespace kgraph::query {

namespace {

std::string rowKey(const Row& row, const std::vector<int>& slots) {
    std::string k;
    for (int s : slots) k += groupKey(row[s]) + "|";
    return k;
}

int64_t nonNegativeCount(const ast::Expr& e, Row& row, ExecContext& ctx, const char* what) {
    Value v = evaluate(e, row, ctx);
    // A float with an integral value counts (checked for range first: the cast of a float
    // beyond int64 is undefined).
    if (v.isFloat() && std::isfinite(v.asFloat()) && std::fabs(v.asFloat()) < 9.2e18 &&
        std::trunc(v.asFloat()) == v.asFloat()) {
        v = Value(static_cast<int64_t>(v.asFloat()));
    }
    if (!v.isInt() || v.asInt() < 0) {
        // openCypher files this under SyntaxError even when a parameter brings the value.
        throw Error("semantic error: " + std::string(what) +
                    " expects a non-negative integer, got " + formatValue(v) + " (" + e.text + ")");
    }
    return v.asInt();
}

}  // namespace

bool FilterOp::threadSafe() const { return threadSafeExpr(predicate_); }

bool ProjectionOp::threadSafe() const {
    for (const auto& item : items_) {
        if (!threadSafeExpr(item.expr)) return false;
    }
    return true;
}

bool FilterOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        if (!isTrue(evaluate(*predicate_, row, ctx))) return true;
        return out(row);
    });
}

std::string ProjectionOp::describe() const {
    std::string s = "Projection ";
    for (size_t i = 0; i < items_.size(); ++i) {
        s += (i ? ", " : "") + items_[i].expr->text;
        if (items_[i].name != items_[i].expr->text) s += " AS " + items_[i].name;
    }
    return s;
}

bool ProjectionOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        for (const auto& item : items_) row[item.slot] = evaluate(*item.expr, row, ctx);
        return out(row);
    });
}

bool DistinctOp::produce(ExecContext& ctx, const Consumer& out) {
    std::unordered_set<std::string> seen;
    return pull(ctx, [&](Row& row) {
        if (!seen.insert(rowKey(row, slots_)).second) return true;
        return out(row);
    });
}

std::string AggregateOp::describe() const {
    std::string s = "Aggregate keys=[";
    for (size_t i = 0; i < keys_.size(); ++i) s += (i ? ", " : "") + keys_[i].expr->text;
    s += "] aggregates=[";
    for (size_t i = 0; i < aggs_.size(); ++i) {
        const auto* c = aggs_[i].call;
        s += (i ? ", " : "") + (c->text.empty() ? c->name + "(...)" : c->text);
    }
    return s + "]";
}

namespace {

// Aggregation inputs evaluated by a worker thread for one node range, in row order: per row
// the key values, then the aggregates' argument values (AggregateOp::produce's layout).
struct AggregateInputs {
    std::vector<Value> values;
    std::vector<uint64_t> hashes;
    std::vector<int64_t> weights;
};

}  // namespace

bool AggregateOp::produce(ExecContext& ctx, const Consumer& out) {
    const size_t nKeys = keys_.size(), nAggs = aggs_.size();
    // Plain count(*) / count(x) are counters in a flat array; other aggregates are objects.
    std::vector<bool> plainCount(nAggs);
    std::vector<bool> countsRows(nAggs);  // count(*) and counted hops: no argument to read
    // An input row becomes `width` values: the keys, then each aggregate's arguments (the
    // second one first, as it is given first, then the first unless the aggregate counts rows).
    size_t width = nKeys;
    for (size_t a = 0; a < nAggs; ++a) {
        const auto* call = aggs_[a].call;
        plainCount[a] = call->kind == ast::ExprKind::CountStar ||
                        (isCallOf(*call, "count") && !call->distinct && call->children.size() == 1);
        countsRows[a] = call->kind == ast::ExprKind::CountStar || aggs_[a].countsRows;
        if (!plainCount[a] && call->children.size() > 1) ++width;
        if (!countsRows[a]) ++width;
    }
    // Evaluates a row's inputs into `in` (width values); returns the hash of its keys.
    auto evaluateInputs = [&](Row& row, ExecContext& c, Value* in) {
        uint64_t hash = 0x9e3779b97f4a7c15ULL;
        size_t i = 0;
        for (const auto& key : keys_) {
            in[i] = evaluate(*key.expr, row, c);
            hash = (hash ^ groupHash(in[i++])) * 0x100000001b3ULL;
        }
        for (size_t a = 0; a < nAggs; ++a) {
            const auto* call = aggs_[a].call;
            if (!plainCount[a] && call->children.size() > 1) {
                in[i++] = evaluate(*call->children[1], row, c);
            }
            if (!countsRows[a]) in[i++] = evaluate(*call->children[0], row, c);
        }
        return hash;
    };

    // Group g's keys are keys[g * nKeys ...], its aggregates aggs[g * nAggs ...] (a counter in
    // counts[] or an object in objects[]). Groups keep the order they were first seen in. The
    // open-addressing table holds (high half of the hash, group + 1) pairs; 0 = empty: 8 bytes
    // a slot, as the probe of a table bigger than the cache is the cost of a new group.
    // Hashing the values directly, not a string made of them, keeps finding a group free of
    // allocations.
    std::vector<Value> keys;
    std::vector<int64_t> counts;
    std::vector<std::unique_ptr<Aggregator>> objects;  // empty when every aggregate is a count
    const bool anyObjects =
        std::find(plainCount.begin(), plainCount.end(), false) != plainCount.end();
    std::vector<uint64_t> hashes;
    size_t nGroups = 0;
    using Slot = std::pair<uint32_t, uint32_t>;
    auto tag = [](uint64_t hash) { return static_cast<uint32_t>(hash >> 32); };
    size_t slots = 64;
    if (parallelScan_) {
        // The input starts with a scan of every node: with keys that are node properties
        // there are about as many groups as nodes. Sized from the statistics (up to a
        // million slots), the table and arrays are not rebuilt a dozen times on the way.
        uint64_t expected = std::min<uint64_t>(ctx.view->nodeCount(), 1 << 19);
        while (slots < 2 * expected) slots *= 2;
        keys.reserve(expected * nKeys);
        hashes.reserve(expected);
        counts.reserve(expected * nAggs);
        if (anyObjects) objects.reserve(expected * nAggs);
    }
    std::vector<Slot> table(slots, {0, 0});
    auto place = [&](uint64_t hash, uint32_t group) {
        size_t mask = table.size() - 1;
        size_t i = hash & mask;
        while (table[i].second) i = (i + 1) & mask;
        table[i] = {tag(hash), group + 1};
    };
    auto newGroup = [&](Value* in, uint64_t hash) {
        for (size_t k = 0; k < nKeys; ++k) keys.push_back(std::move(in[k]));
        hashes.push_back(hash);
        for (size_t a = 0; a < nAggs; ++a) {
            counts.push_back(0);
            if (!anyObjects) continue;
            const auto* call = aggs_[a].call;
            objects.push_back(plainCount[a] ? nullptr : makeAggregator(*call, countsRows[a]));
        }
        return nGroups++;
    };
    auto sameKeys = [&](size_t g, const Value* in) {
        for (size_t k = 0; k < nKeys; ++k) {
            if (!sameGroup(keys[g * nKeys + k], in[k])) return false;
        }
        return true;
    };
    const Value rowMark(true);  // what count(*) adds per row
    // Adds one row's evaluated inputs (its keys are moved out when they start a group).
    auto accept = [&](Value* in, uint64_t hash, int64_t weight) {
        size_t mask = table.size() - 1;
        size_t g = 0;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            auto [h, index] = table[i];
            if (!index) {
                g = newGroup(in, hash);
                table[i] = {tag(hash), static_cast<uint32_t>(g + 1)};
                if (nGroups * 2 > table.size()) {
                    std::vector<Slot>(table.size() * 2, {0, 0}).swap(table);
                    for (size_t k = 0; k < nGroups; ++k) place(hashes[k], static_cast<uint32_t>(k));
                }
                break;
            }
            if (h == tag(hash) && sameKeys(index - 1, in)) {
                g = index - 1;
                break;
            }
        }
        size_t i = nKeys;
        for (size_t a = 0; a < nAggs; ++a) {
            if (plainCount[a]) {
                if (countsRows[a] || !in[i++].isNull()) counts[g * nAggs + a] += weight;
                continue;
            }
            Aggregator& agg = *objects[g * nAggs + a];
            if (aggs_[a].call->children.size() > 1) agg.setArgument(in[i++]);
            const Value& v = countsRows[a] ? rowMark : in[i++];
            if (weight == 1) {
                agg.add(v);
            } else {
                agg.addRepeated(v, weight);
            }
        }
    };
    auto weightOf = [&](const Row& row) {
        return weightSlot_ >= 0 ? row[weightSlot_].asInt() : int64_t{1};
    };

    std::vector<std::unique_ptr<storage::GraphView>> views;
    if (parallelScan_ && ctx.threads > 1 && !ctx.write && !ctx.rangeScan &&
        ctx.deletedNodes.empty() && ctx.deletedRelationships.empty() &&
        ctx.view->nodeCount() >= ctx.parallelMinNodes) {
        views = forkViews(ctx, ctx.threads - 1);
    }
    // The table slot of a row is a cache miss when the table is big: rows are evaluated a
    // batch at a time, their slots prefetched, then grouped. A batch ended by an error is
    // grouped before the error is passed on (the rows before it came first).
    auto prefetch = [&](uint64_t hash) {
        const Slot& slot = table[hash & (table.size() - 1)];
#if defined(__x86_64__)
        // GCC 12 drops __builtin_prefetch (and _mm_prefetch) here, in a lambda.
        asm volatile("prefetcht0 %0" : : "m"(slot));
#else
        __builtin_prefetch(&slot);
#endif
    };
    auto group = [&](AggregateInputs& batch) {
        constexpr size_t kAhead = 8;
        const size_t n = batch.hashes.size();
        for (size_t r = 0; r < n; ++r) {
            if (r + kAhead < n) prefetch(batch.hashes[r + kAhead]);
            accept(batch.values.data() + r * width, batch.hashes[r], batch.weights[r]);
        }
    };
    // Adds a row to a batch. Value slots past the batch's rows are reused, not rebuilt (a
    // batch that was grouped keeps them).
    auto add = [&](AggregateInputs& batch, Row& row, ExecContext& c) {
        size_t at = batch.hashes.size() * width;
        if (batch.values.size() < at + width) batch.values.resize(at + width);
        uint64_t hash = evaluateInputs(row, c, batch.values.data() + at);
        batch.hashes.push_back(hash);
        batch.weights.push_back(weightOf(row));
        return hash;
    };
    if (!views.empty()) {
        // Workers evaluate the input (scan, expansion, keys and arguments) over node ranges;
        // this thread groups each range's rows in id order, as one thread would.
        runNodeRanges<AggregateInputs>(
            ctx, parallelScan_, views,
            [&](ExecContext& wctx, AggregateInputs& batch) {
                pull(wctx, [&](Row& row) {
                    add(batch, row, wctx);
                    return true;
                });
            },
            [&](AggregateInputs& batch) {
                group(batch);
                batch.hashes.clear();  // the values stay for the next range to reuse
                batch.weights.clear();
            });
    } else {
        constexpr size_t kBatch = 64;
        AggregateInputs batch;
        auto flush = [&] {
            group(batch);
            batch.hashes.clear();
            batch.weights.clear();
        };
        bool more = true;
        try {
            more = pull(ctx, [&](Row& row) {
                prefetch(add(batch, row, ctx));
                if (batch.hashes.size() == kBatch) flush();
                return true;
            });
        } catch (...) {
            flush();
            throw;
        }
        if (!more) return false;
        flush();
    }
    // Without grouping keys, aggregating no rows still yields one row (count(*) = 0).
    if (nGroups == 0 && keys_.empty()) newGroup(nullptr, 0);
    // One row reused for every group (consumers copy what they keep, as with every
    // operator's rows); the group's keys are moved out, they are not read again.
    Row row(ctx.slotCount);
    for (size_t g = 0; g < nGroups; ++g) {
        for (size_t k = 0; k < nKeys; ++k) {
            Value& key = keys[g * nKeys + k];
            if (keys_[k].sourceSlot >= 0) row[keys_[k].sourceSlot] = key;
            row[keys_[k].slot] = std::move(key);
        }
        for (size_t a = 0; a < nAggs; ++a) {
            row[aggs_[a].call->slot] =
                plainCount[a] ? Value(counts[g * nAggs + a]) : objects[g * nAggs + a]->result();
        }
        if (!out(row)) return false;
    }
    return true;
}

std::string SortOp::describe() const {
    std::string s = topLimit_ ? "Top " : "Sort ";
    for (size_t i = 0; i < items_.size(); ++i) {
        s += (i ? ", " : "") + items_[i].expr->text + (items_[i].descending ? " DESC" : "");
    }
    return s;
}

bool SortOp::produce(ExecContext& ctx, const Consumer& out) {
    // Sort keys, then the row's position: ties keep the input order.
    struct Entry {
        Row keys;
        int64_t position;
        Row row;
    };
    auto less = [&](const Entry& a, const Entry& b) {
        for (size_t i = 0; i < items_.size(); ++i) {
            int c = compareOrder(a.keys[i], b.keys[i]);
            if (c != 0) return items_[i].descending ? c > 0 : c < 0;
        }
        return a.position < b.position;
    };
    std::optional<size_t> k;  // ORDER BY ... [SKIP s] LIMIT n: only the first s + n rows
    if (topLimit_) {
        Row empty(ctx.slotCount);
        int64_t n = nonNegativeCount(*topLimit_, empty, ctx, "LIMIT");
        if (topSkip_) n += nonNegativeCount(*topSkip_, empty, ctx, "SKIP");
        k = static_cast<size_t>(n);
    }
    // With a limit, a max-heap of the best k rows so far: a row that does not beat the
    // worst of them is dropped without being copied, and memory stays O(k).
    std::vector<Entry> rows;
    int64_t position = 0;
    Entry next;
    if (!pull(ctx, [&](Row& row) {
            next.keys.clear();
            next.position = position++;
            if (k && rows.size() >= *k) {
                // The heap is full: compare with its worst row key by key. Most rows lose on
                // the first key; the later keys that are plain variables (which cannot fail)
                // are then not evaluated (copied). A full tie loses too (its position is later).
                if (*k == 0) return true;
                const Row& worst = rows.front().keys;
                for (size_t i = 0;; ++i) {
                    if (i == items_.size()) return true;
                    next.keys.push_back(evaluate(*items_[i].expr, row, ctx));
                    int c = compareOrder(next.keys[i], worst[i]);
                    if (c == 0) continue;
                    if (items_[i].descending ? c > 0 : c < 0) break;
                    for (size_t j = i + 1; j < items_.size(); ++j) {
                        // Other expressions still run: their errors are the statement's.
                        if (items_[j].expr->kind != ast::ExprKind::Variable) {
                            evaluate(*items_[j].expr, row, ctx);
                        }
                    }
                    return true;
                }
            }
            for (size_t i = next.keys.size(); i < items_.size(); ++i) {
                next.keys.push_back(evaluate(*items_[i].expr, row, ctx));
            }
            if (!k) {
                next.row = row;
                rows.push_back(std::move(next));
                next = Entry{};
                return true;
            }
            if (rows.size() < *k) {
                next.row = row;
                rows.push_back(std::move(next));
                next = Entry{};
                std::push_heap(rows.begin(), rows.end(), less);
            } else if (*k > 0 && less(next, rows.front())) {
                std::pop_heap(rows.begin(), rows.end(), less);
                rows.back().keys = std::move(next.keys);
                rows.back().position = next.position;
                rows.back().row = row;
                next = Entry{};
                std::push_heap(rows.begin(), rows.end(), less);
            }
            return true;
        })) {
        return false;
    }
    if (k) {
        std::sort_heap(rows.begin(), rows.end(), less);
    } else {
        std::sort(rows.begin(), rows.end(), less);
    }
    for (auto& e : rows) {
        if (!out(e.row)) return false;
    }
    return true;
}

bool SkipLimitOp::produce(ExecContext& ctx, const Consumer& out) {
    Row empty(ctx.slotCount);
    int64_t n = nonNegativeCount(*count_, empty, ctx, limit_ ? "LIMIT" : "SKIP");
    if (limit_ && n == 0 && !drain_) return true;
    int64_t seen = 0;
    bool stoppedByUs = false;
    bool ok = pull(ctx, [&](Row& row) {
        ++seen;
        if (!limit_) return seen <= n ? true : out(row);
        if (seen > n) return true;  // draining: only a writing input gets here
        if (!out(row)) return false;
        if (seen >= n && !drain_) {
            stoppedByUs = true;
            return false;
        }
        return true;
    });
    return ok || stoppedByUs;
}

bool UnwindOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        Value v = evaluate(*list_, row, ctx);
        if (v.isNull()) return true;
        if (!v.isList()) {
            row[slot_] = v;
            return out(row);
        }
        for (const auto& x : v.asList()) {
            row[slot_] = x;
            if (!out(row)) return false;
        }
        return true;
    });
}

bool OptionalOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        bool any = false;
        bool more = true;
        sub_.run(ctx, row, [&](Row& r) {
            any = true;
            more = out(r);
            return more;
        });
        if (!more) return false;
        if (any) return true;
        for (int s : nullSlots_) row[s] = Value();
        return out(row);
    });
}

bool EagerOp::produce(ExecContext& ctx, const Consumer& out) {
    std::vector<Row> rows;
    if (!pull(ctx, [&](Row& row) {
            rows.push_back(row);
            return true;
        })) {
        return false;
    }
    for (auto& r : rows) {
        if (!out(r)) return false;
    }
    return true;
}

std::vector<const Operator*> UnionOp::subplans() const {
    std::vector<const Operator*> out;
    for (const auto& b : branches_) out.push_back(b.plan.get());
    return out;
}

bool UnionOp::produce(ExecContext& ctx, const Consumer& out) {
    std::unordered_set<std::string> seen;
    std::vector<int> all;
    size_t saved = ctx.slotCount;
    for (auto& b : branches_) {
        ctx.slotCount = b.slotCount;
        bool ok = b.plan->execute(ctx, [&](Row& row) {
            Row r;
            for (int s : b.columnSlots) r.push_back(row[s]);
            if (distinct_) {
                if (all.size() != r.size()) {
                    all.clear();
                    for (size_t i = 0; i < r.size(); ++i) all.push_back(static_cast<int>(i));
                }
                if (!seen.insert(rowKey(r, all)).second) return true;
            }
            return out(r);
        });
        if (!ok) {
            ctx.slotCount = saved;
            return false;
        }
    }
    ctx.slotCount = saved;
    return true;
}

bool ProcedureCallOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        std::vector<Value> args;
        for (const auto* a : args_) args.push_back(evaluate(*a, row, ctx));
        bool more = true;
        procedure_->run(*procedure_, args, ctx, [&](ProcedureRow& rec) {
            for (const auto& [field, slot] : yields_) row[slot] = std::move(rec[field]);
            return more = out(row);
        });
        return more;
    });
}

}  // namespace kgraph::query
