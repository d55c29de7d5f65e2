#include "engine/query/execute/relational.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/query/bind/function_catalog.h"
#include "engine/query/execute/aggregator.h"
#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/group_hash.h"

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

bool AggregateOp::produce(ExecContext& ctx, const Consumer& out) {
    const size_t nKeys = keys_.size(), nAggs = aggs_.size();
    // Plain count(*) / count(x) are counters in a flat array; other aggregates are objects.
    std::vector<bool> plainCount(nAggs);
    std::vector<std::string> names;  // lower case, once
    for (size_t a = 0; a < nAggs; ++a) {
        const auto* call = aggs_[a].call;
        names.push_back(lowerCase(call->name));
        plainCount[a] = call->kind == ast::ExprKind::CountStar ||
                        (names[a] == "count" && !call->distinct && call->children.size() == 1);
    }
    // Group g's keys are keys[g * nKeys ...], its aggregates aggs[g * nAggs ...] (a counter in
    // counts[] or an object in objects[]). Groups keep the order they were first seen in. The
    // open-addressing table holds (high half of the hash, group + 1) pairs; 0 = empty: 8 bytes
    // a slot, as the probe of a table bigger than the cache is the cost of a new group.
    // Hashing the values directly, not a string made of them, keeps finding a group free of
    // allocations.
    std::vector<Value> keys;
    std::vector<int64_t> counts;
    std::vector<std::unique_ptr<Aggregator>> objects;
    size_t nGroups = 0;
    using Slot = std::pair<uint32_t, uint32_t>;
    auto tag = [](uint64_t hash) { return static_cast<uint32_t>(hash >> 32); };
    std::vector<Slot> table(64, {0, 0});
    auto place = [&](uint64_t hash, uint32_t group) {
        size_t mask = table.size() - 1;
        size_t i = hash & mask;
        while (table[i].second) i = (i + 1) & mask;
        table[i] = {tag(hash), group + 1};
    };
    std::vector<uint64_t> hashes;
    auto newGroup = [&](Row& probe, uint64_t hash) {
        for (auto& v : probe) keys.push_back(std::move(v));
        hashes.push_back(hash);
        for (size_t a = 0; a < nAggs; ++a) {
            counts.push_back(0);
            const auto* call = aggs_[a].call;
            bool star = call->kind == ast::ExprKind::CountStar || aggs_[a].countsRows;
            objects.push_back(plainCount[a] ? nullptr
                                            : makeAggregator(names[a], call->distinct, star));
        }
        return nGroups++;
    };
    auto sameKeys = [&](size_t g, const Row& probe) {
        for (size_t k = 0; k < nKeys; ++k) {
            if (!sameGroup(keys[g * nKeys + k], probe[k])) return false;
        }
        return true;
    };
    Row probe;
    if (!pull(ctx, [&](Row& row) {
            probe.clear();
            uint64_t hash = 0x9e3779b97f4a7c15ULL;
            for (const auto& key : keys_) {
                probe.push_back(evaluate(*key.expr, row, ctx));
                hash = (hash ^ groupHash(probe.back())) * 0x100000001b3ULL;
            }
            size_t mask = table.size() - 1;
            size_t g = 0;
            for (size_t i = hash & mask;; i = (i + 1) & mask) {
                auto [h, index] = table[i];
                if (!index) {
                    g = newGroup(probe, hash);
                    table[i] = {tag(hash), static_cast<uint32_t>(g + 1)};
                    if (nGroups * 2 > table.size()) {
                        std::vector<Slot>(table.size() * 2, {0, 0}).swap(table);
                        for (size_t k = 0; k < nGroups; ++k) {
                            place(hashes[k], static_cast<uint32_t>(k));
                        }
                    }
                    break;
                }
                if (h == tag(hash) && sameKeys(index - 1, probe)) {
                    g = index - 1;
                    break;
                }
            }
            int64_t weight = weightSlot_ >= 0 ? row[weightSlot_].asInt() : 1;
            for (size_t a = 0; a < nAggs; ++a) {
                const auto* call = aggs_[a].call;
                bool rows = call->kind == ast::ExprKind::CountStar || aggs_[a].countsRows;
                if (plainCount[a]) {
                    if (rows || !evaluate(*call->children[0], row, ctx).isNull()) {
                        counts[g * nAggs + a] += weight;
                    }
                    continue;
                }
                Aggregator& agg = *objects[g * nAggs + a];
                if (call->children.size() > 1) {
                    agg.setArgument(evaluate(*call->children[1], row, ctx));
                }
                Value v = rows ? Value(true) : evaluate(*call->children[0], row, ctx);
                if (weight == 1) {
                    agg.add(v);
                } else {
                    agg.addRepeated(v, weight);
                }
            }
            return true;
        })) {
        return false;
    }
    // Without grouping keys, aggregating no rows still yields one row (count(*) = 0).
    if (nGroups == 0 && keys_.empty()) newGroup(probe, 0);
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
        callProcedure(name_, args, ctx, [&](std::map<std::string, Value>& rec) {
            for (const auto& [field, slot] : yields_) row[slot] = std::move(rec[field]);
            return more = out(row);
        });
        return more;
    });
}

}  // namespace kgraph::query
